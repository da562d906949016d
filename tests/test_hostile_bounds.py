"""Bounded work on files from strangers (issue 19, part B: H3, H4, B2–B5).

`check` and `format` are linear in the length of a paragraph, and a paragraph longer than the rules read is
reported, not worked through; what drafter reads from one file is limited (text, XML parts, paragraphs, PDF
pages, characters and time), checked before the work, with a message that names the limit. Timed cases are
bounds on work: a generous wall limit (the old code took minutes on each) or a count of steps. The real
figures are in bench/ (`python -m bench hostile`)."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pytest
from docx_factory import docx_with_body
from pdf_factory import build_pdf, page_stream, report_page

from drafter.output.check.run import check_paths
from drafter.output.formatting.normalise import STEPS, normalise
from drafter.output.formatting.report import FormatReport
from drafter.output.formatting.run import format_files
from drafter.reading.pipeline import outline_paths

TITLE = "县审计局2024年工作总结\n一、主要工作\n"
# Half-width commas among Chinese: an edit for `format` every twelve characters or so.
PROSE = "全年完成审计项目54个,查出问题金额1.2亿元,推动整改落实,促进规范管理。"


class TookTooLong(Exception):
    """The work ran past its bound."""


@contextmanager
def at_most(seconds: float) -> Iterator[None]:
    """Fail when the block runs longer than `seconds`: a bound on work far above what it takes (well under a
    second), far below what the quadratic code took."""

    def stop(signum: int, frame: object) -> None:
        raise TookTooLong(f"more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def report_with(tmp_path: Path, paragraph: str, name: str = "report.txt") -> Path:
    """A short summary in a text file with one more paragraph: `paragraph`."""
    path = tmp_path / name
    path.write_text(TITLE + PROSE * 200 + "\n" + paragraph + "\n", encoding="utf-8")
    return path


# --- H3: check is linear in one paragraph's length --------------------------------------------------------

# Each took from 15 s to several minutes at 25,000 characters: a pattern tried again from every character of a
# long run, or the whole text searched again for each doubled character.
LONG_RUNS = {
    "digits": "金额" + "1" * 25_000 + "元的",
    "digits and dots": "金额" + "1." * 12_500 + "元",
    "digits and spaces": "金额" + "1 " * 12_500 + "元",
    "digit groups": "金额1" + ",111" * 6_000 + "元",
    "one character": "审" * 25_000,
    "spaces": "审" + " " * 25_000 + "审",
    "full-width digits": "１" * 25_000,
    "a total": "共" + "1" * 25_000 + "个",
    "a growth": "去年1亿元，今年" + "2" * 25_000 + "亿元，增长5%",
}


@pytest.mark.parametrize("paragraph", LONG_RUNS.values(), ids=LONG_RUNS.keys())
def test_check_is_linear_in_a_paragraph(tmp_path: Path, paragraph: str) -> None:
    path = report_with(tmp_path, paragraph)
    with at_most(10):
        result = check_paths([path])
    assert not result.failures and result.reports[0].findings


def test_the_probes_40000_digits_are_checked_up_to_the_limit_and_said_so(tmp_path: Path) -> None:
    path = report_with(tmp_path, "金额" + "1" * 40_000 + "元的")
    with at_most(10):
        (report,) = check_paths([path]).reports
    (notice,) = [f for f in report.findings if f.code == "paragraph-too-long"]
    assert "40,004 字" in notice.message and "每段 3 万字的检查上限" in notice.message and notice.suggestion


def test_doubled_characters_are_judged_once_a_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.output.check import content

    judged = []
    real = content._word_sides
    monkeypatch.setattr(content, "_word_sides", lambda text, start: judged.append(start) or real(text, start))
    check_paths([report_with(tmp_path, "审" * 25_000)])
    # 12,500 doubled pairs, but the dictionary sees only the places that differ: the start, the run, the end.
    assert len(judged) <= 3


def test_doubled_characters_past_the_limit_are_reported_as_skipped(tmp_path: Path) -> None:
    from drafter.output.check.content import MAX_DOUBLED_PLACES

    pairs = "".join(chr(0x4E00 + index) * 2 + "，" for index in range(MAX_DOUBLED_PLACES + 200))
    (report,) = check_paths([report_with(tmp_path, pairs)]).reports
    (notice,) = [f for f in report.findings if f.code == "doubled-char-skipped"]
    assert f"只检查了前 {MAX_DOUBLED_PLACES:,} 处" in notice.message and re.search(
        r"其余 \d+ 处没有检查", notice.message
    )


# --- H3: format is linear in one paragraph's length ---------------------------------------------------------

# Straight to the normalisations and the report, which have no limit of their own.
NORMALISED = {
    "prose": PROSE * 10_000,
    "one character": "审" * 200_000,
    "nested brackets": "审" + "(" * 20_000 + "审" + ")" * 20_000,
    "links": "见 http://a.cn/x 审," * 20_000,
    "quotes": '审"' * 40_000,
}


@pytest.mark.parametrize("text", NORMALISED.values(), ids=NORMALISED.keys())
def test_format_normalisation_is_linear(text: str) -> None:
    with at_most(10):
        report = FormatReport()
        report.record(1, text, normalise(text, list(STEPS)))
    assert sum(report.counts().values()) == len(normalise(text, list(STEPS)))


class CountingList(list):  # type: ignore[type-arg]
    """A list that counts the items read from it."""

    read = 0

    def __iter__(self) -> Iterator[object]:
        for item in super().__iter__():
            CountingList.read += 1
            yield item


def test_format_report_reads_each_edit_a_bounded_number_of_times() -> None:
    text = PROSE * 200
    edits = normalise(text, list(STEPS))
    CountingList.read = 0
    FormatReport().record(1, text, CountingList(edits))
    assert CountingList.read <= 2 * len(edits)  # the old report read every edit again for each edit


# --- H3: the stated limit per paragraph -------------------------------------------------------------------


def five_megabyte_paragraph(tmp_path: Path) -> Path:
    """The probe's p5.txt: a title, then 5 MB of prose in one line."""
    path = tmp_path / "p5.txt"
    path.write_text("县审计局2024年工作总结\n" + PROSE * (5 * 1024 * 1024 // len(PROSE.encode())), encoding="utf-8")
    return path


def test_check_of_a_five_megabyte_paragraph_says_what_it_skipped(tmp_path: Path) -> None:
    path = five_megabyte_paragraph(tmp_path)
    with at_most(15):
        (report,) = check_paths([path]).reports
    (notice,) = [f for f in report.findings if f.code == "paragraph-too-long"]
    assert "只检查了前 3 万字" in notice.message and "换行" in notice.suggestion
    total = next(f for f in report.findings if f.code == "length-total")
    assert "全文约 20" in total.message  # the page estimate counts the whole paragraph (2,032,… characters)


def test_format_of_a_five_megabyte_paragraph_keeps_it_whole_and_says_so(tmp_path: Path) -> None:
    path = five_megabyte_paragraph(tmp_path)
    with at_most(15):
        result = format_files([path])
    (item,) = result.formatted
    (skipped,) = item.report.too_long
    assert skipped[1] > 2_000_000
    written = docx.Document(str(item.output))
    assert max(len(p.text) for p in written.paragraphs) == skipped[1]  # nothing lost, nothing normalised


# --- H4: a 200 MB one-line file ------------------------------------------------------------------------------


def test_a_200_megabyte_text_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "l.txt"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("县审计局2024年工作总结" + PROSE * 20_000)
        stream.truncate(200 * 1024 * 1024)  # the rest of the 200 MB, without writing it
    with at_most(5):
        result = check_paths([path])
    (failure,) = result.failures
    assert "超过 10 MB" in failure.message and "文本文件的上限" in failure.message and "l.txt" in failure.message


def test_a_text_file_of_too_many_paragraphs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text(TITLE + "审计工作取得成效。\n" * 20_001, encoding="utf-8")
    (failure,) = outline_paths([path]).failures
    assert "20,003 段" in failure.message and "2 万段的上限" in failure.message


# --- B5: a .docx whose document.xml unpacks to more than a summary's ----------------------------------------


PARAGRAPH_XML = (
    "<w:p><w:r><w:t>全年完成审计项目54个,查出问题金额1.2亿元,推动整改落实,促进规范管理。</w:t></w:r></w:p>".encode()
)


def test_a_docx_whose_document_xml_unpacks_past_the_limit_is_refused_at_once(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "mb11.docx", PARAGRAPH_XML, 11 * 1024 * 1024 // len(PARAGRAPH_XML))
    assert path.stat().st_size < 1024 * 1024
    with at_most(5):
        (failure,) = format_files([path]).failures
    assert "word/document.xml 解压后超过 10 MB" in failure.message and "每个 XML 部件的上限" in failure.message
    assert not (tmp_path / "mb11.公文格式.docx").exists()


def test_a_docx_of_too_many_paragraphs_is_refused(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "many.docx", b"<w:p/>", 20_001)
    (failure,) = outline_paths([path]).failures
    assert "20,001 段" in failure.message and "2 万段的上限" in failure.message


# --- B2–B4: PDFs -----------------------------------------------------------------------------------------


def test_a_pdf_a_billion_points_wide_is_read(tmp_path: Path) -> None:
    words = page_stream([" ".join(["word"] * 30)] * 25, size=10, cjk=False)
    path = tmp_path / "wide.pdf"
    path.write_bytes(build_pdf([words] * 3, mediabox=(0, 0, 1_000_000_000, 842), cjk=False))
    with at_most(15):
        result = outline_paths([path])
    text = result.outlines[0].preamble or ""
    assert not result.failures and text.count("word") >= 30


def test_the_gutter_of_a_wide_page_is_looked_for_in_bounded_steps() -> None:
    from drafter.reading.pdf import _gutter

    class Page:
        width = 1e9

        @staticmethod
        def extract_words() -> list[dict[str, float]]:
            left = [{"x0": 10.0 + i, "x1": 4e8} for i in range(15)]
            return left + [{"x0": 6e8, "x1": 9e8 + i} for i in range(15)]

    with at_most(5):
        gutter = _gutter(Page())
    assert gutter is not None and 4e8 < gutter < 6e8  # the blank band between the two columns


def test_a_pdf_of_two_million_text_operators_is_stopped_at_the_page_limit(tmp_path: Path) -> None:
    path = tmp_path / "ops.pdf"
    path.write_bytes(build_pdf([b"BT /F1 10 Tf " + b"1 0 0 1 10 10 Tm (a) Tj " * 2_000_000 + b"ET"], cjk=False))
    with at_most(15):
        (failure,) = outline_paths([path]).failures
    assert "第 1 页的文字超过 10,000 个" in failure.message and "每页的上限" in failure.message


def test_a_dense_pdf_page_is_read_in_linear_time(tmp_path: Path) -> None:
    dense = page_stream(["审计" * 45] * 100, size=4)  # 9,000 characters a page, under the page limit
    path = tmp_path / "dense.pdf"
    path.write_bytes(build_pdf([dense] * 4))
    # pdfplumber's dedupe_chars put the characters back in order with list.index: 4 s a page like this.
    with at_most(10):
        result = outline_paths([path])
    assert not result.failures and result.outlines[0].model_dump_json().count("审计") > 4 * 1_500


def test_pdf_pages_are_released_as_they_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdfplumber.page import Page

    closed: list[int] = []
    open_when_read: list[int] = []
    close, extract_words = Page.close, Page.extract_words

    def counting_close(self: Page) -> None:
        closed.append(self.page_number)
        close(self)

    def counting_words(self: Page, *args: object, **kwargs: object) -> object:
        open_when_read.append(self.page_number - 1 - len(closed))  # pages read before this one, still held
        return extract_words(self, *args, **kwargs)

    monkeypatch.setattr(Page, "close", counting_close)
    monkeypatch.setattr(Page, "extract_words", counting_words)
    path = tmp_path / "p30.pdf"
    path.write_bytes(build_pdf([report_page(n) for n in range(30)]))
    result = outline_paths([path])
    # The old reader closed all 30 pages at the end, holding every one read before (1.15 MB a page).
    assert not result.failures and closed[:30] == list(range(1, 31)) and set(open_when_read) == {0}


def test_a_pdf_of_too_many_pages_is_refused_before_a_page_is_read(tmp_path: Path) -> None:
    path = tmp_path / "p2000.pdf"
    path.write_bytes(build_pdf([report_page(n) for n in range(2000)]))
    with at_most(10):
        (failure,) = outline_paths([path]).failures
    assert "超过 300 页" in failure.message and "页数上限" in failure.message


def test_a_pdf_whose_page_tree_understates_its_pages_is_refused_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drafter.reading import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 5)
    path = tmp_path / "p6.pdf"
    path.write_bytes(build_pdf([report_page(n) for n in range(6)]).replace(b"/Count 6", b"/Count 1"))
    (failure,) = outline_paths([path]).failures
    assert "超过 5 页" in failure.message


def test_a_pdf_read_stops_at_its_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.reading import pdf

    monkeypatch.setattr(pdf, "PDF_SECONDS", 0.0)
    path = tmp_path / "p3.pdf"
    path.write_bytes(build_pdf([report_page(n) for n in range(3)]))
    (failure,) = outline_paths([path]).failures
    assert "超过 0 秒仍未读完" in failure.message and "时间上限" in failure.message


def test_a_pdf_of_too_many_characters_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.reading import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_CHARACTERS", 500)
    path = tmp_path / "p3.pdf"
    path.write_bytes(build_pdf([report_page(n) for n in range(3)]))
    (failure,) = outline_paths([path]).failures
    assert "文字超过 500 个" in failure.message and "PDF 的上限" in failure.message
