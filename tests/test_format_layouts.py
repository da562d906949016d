"""drafter format, render and skeleton on what real files carry: lists in the forms people type, headings that end
in ：or ，, paragraphs indented with tabs, letterheads and footers with text, and the 落款 laid out as GB/T 9704-2012
§7.3.5.2 has it and never alone on the last page. Checked by reopening the .docx with python-docx, and, where
LibreOffice is installed, on the pages it prints."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import TEMPLATES, run
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt
from docx_factory import (
    LIST_FORMS,
    MEASURES,
    PLANS,
    build_list_report,
    build_messy_report,
    list_report_text,
    tiny_png,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.output.check.layout import check_layout
from drafter.output.formatting.normalise import STEPS, apply_edits, normalise
from drafter.output.formatting.places import list_markers
from drafter.output.formatting.run import format_files
from drafter.output.render.document import blank_skeleton
from drafter.output.render.docx import STYLE_NAMES, TEXT_PT, render_docx
from drafter.output.render.ending import DATE_SHIFT_CHARS, RIGHT_SPACE_CHARS, ems, right_spaces
from drafter.output.render.layout import Block
from drafter.reading.pipeline import outline_paths

ALL = set(STEPS)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)"
)


# --- list items: one form a list ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # every figure form is written 1., every bracketed one （1）
        (["1、甲。", "2、乙。"], [("1、", "1."), ("2、", "2.")]),
        (["1．甲。", "2. 乙。"], [("1．", "1."), ("2.", "2.")]),
        (["1：甲。", "2:乙。"], [("1：", "1."), ("2:", "2.")]),
        (["1，甲。", "2,乙。"], [("1，", "1."), ("2,", "2.")]),
        (["(1)甲。", "（2）乙。"], [("(1)", "（1）"), ("（2）", "（2）")]),
        (["1）甲。", "2)乙。"], [("1）", "（1）"), ("2)", "（2）")]),
        # one form a list, its first item's
        (["1.甲。", "2、乙。", "(3)丙。"], [("1.", "1."), ("2、", "2."), ("(3)", "3.")]),
        (["（1）甲。", "2.乙。"], [("（1）", "（1）"), ("2.", "（2）")]),
        # a heading ends a list; a number that does not follow on starts another
        (["(1)甲。", None, "1、乙。"], [("(1)", "（1）"), None, ("1、", "1.")]),
        (["1.甲。", "说明。", "2、乙。"], [("1.", "1."), None, ("2、", "2.")]),
        (["（1）甲。", "1、乙。"], [("（1）", "（1）"), ("1、", "1.")]),
        # 一、 and （一） are a list's numbers in a run of lines from one, one after another
        (["一、甲。", "二、乙。"], [("一、", "1."), ("二、", "2.")]),
        (["（一）甲。", "(二)乙。"], [("（一）", "（1）"), ("(二)", "（2）")]),
        (["（三）甲。"], [None]),  # a stray marker: check reports it, format does not hide it
        (["一、甲。", "说明。", "二、乙。"], [None, None, None]),  # sections the numbering lost, not a list
        # not markers
        (["1：1000的地形图已完成。", "3，5月份完成。", "2024年完成。", "1.5万元已拨付。"], [None] * 4),
    ],
)
def test_list_items_keep_one_form_a_list(lines: list[str | None], expected: list[tuple[str, str] | None]) -> None:
    assert list_markers(lines) == expected


# --- headings' closing marks, leading blanks ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marker", "heading_end", "expected"),
    [
        ("二、存在的问题，", None, True, "二、存在的问题"),
        ("一、主要工作：", None, True, "一、主要工作"),
        ("（一）加强组织领导: ", None, True, "（一）加强组织领导"),
        ("1：强化审计监督；", (2, "1."), True, "1.强化审计监督"),
        ("（二）加强队伍建设。", None, True, "（二）加强队伍建设。"),  # a sentence end is not a stray mark
        ("1.加强领导。主要做法如下：", None, False, "1.加强领导。主要做法如下："),  # the run-in body's colon
        ("\t\t全年完成审计项目54个。", None, False, "全年完成审计项目54个。"),
        ("\u2003\u2003全年完成。 ", None, False, "全年完成。"),
        ("\t1、建立整改台账。", (2, "1."), False, "1.建立整改台账。"),
    ],
)
def test_heading_ends_and_leading_blanks(
    text: str, marker: tuple[int, str] | None, heading_end: bool, expected: str
) -> None:
    assert apply_edits(text, normalise(text, ALL, marker, heading_end=heading_end)) == expected


def test_closing_marks_of_headings_can_be_kept() -> None:
    kept = ALL - {"heading-end"}
    assert apply_edits("一、主要工作：", normalise("一、主要工作：", kept, heading_end=True)) == "一、主要工作："


def test_a_tab_typed_to_indent_a_paragraph_goes(tmp_path: Path) -> None:
    (item,) = format_files([build_list_report(tmp_path / "a.docx", "1：")]).formatted
    assert item.output is not None
    paragraphs = [p for p in docx.Document(str(item.output)).paragraphs if p.text]
    indented = next(p for p in paragraphs if "全年推动整改问题46个" in p.text)
    assert indented.text.startswith("全年推动") and indented._p.find(f".//{W}tab") is None
    assert indented.style.name == STYLE_NAMES["body"]
    spaced = next(p for p in paragraphs if "审计力量与任务不匹配" in p.text)
    assert spaced.text.startswith("审计力量")
    headings = [p.text for p in paragraphs if p.style.name == STYLE_NAMES[1]]
    assert headings == ["一、主要工作", "二、存在的问题", "三、下一步工作计划"]
    items = [p.text[:2] for p in paragraphs if p.text.startswith(("1", "2", "3")) and "审计" in p.text[:8]]
    assert items == ["1.", "2.", "3."], "1： is a list marker, written 1."


def test_a_list_in_one_paragraph_becomes_a_paragraph_an_item(tmp_path: Path) -> None:
    from docx_factory import MEASURES, soft_break

    document = docx.Document()
    document.add_paragraph("XX县审计局2024年工作总结")
    document.add_paragraph("一、主要工作")
    paragraph = document.add_paragraph("全年推动整改问题46个。具体做法：")
    for number, (item, tag) in enumerate(zip(MEASURES, ["br", "cr", "br"], strict=True), start=1):
        soft_break(paragraph, tag)
        paragraph.add_run(f"{number}：{item}")
    document.add_paragraph("XX县审计局")
    document.add_paragraph("2024年12月20日")
    document.save(str(tmp_path / "a.docx"))
    (item,) = format_files([tmp_path / "a.docx"]).formatted
    assert item.output is not None
    body = [p for p in docx.Document(str(item.output)).paragraphs if p.style.name == STYLE_NAMES["body"] and p.text]
    assert [p.text for p in body] == [
        "全年推动整改问题46个。具体做法：",
        *(f"{n}.{m}" for n, m in enumerate(MEASURES, 1)),
    ]
    assert not any(p._p.find(f".//{W}br") is not None or p._p.find(f".//{W}cr") is not None for p in body)


# Everything check says about numbering and empty headings.
NUMBERING_CODES = {
    "numbering-jump",
    "numbering-stray",
    "bracket-width",
    "arabic-comma",
    "level-skipped",
    "lone-child",
    "item-stray",
    "empty-section",
}


def check_codes(path: Path) -> set[str]:
    """The codes of everything `drafter check` finds in a file."""
    from drafter.output.check.run import check_paths

    (report,) = check_paths([path], templates_option=TEMPLATES).reports
    return {finding.code for finding in report.findings}


def every_section(sections: list) -> list:
    """The sections of a tree, depth first."""
    return [s for section in sections for s in (section, *every_section(section.children))]


@pytest.mark.parametrize("form", LIST_FORMS)
def test_lists_in_every_form_stay_body(tmp_path: Path, form: str) -> None:
    assert_lists_formatted(build_list_report(tmp_path / "a.docx", form), form)


@pytest.mark.parametrize(("form", "suffix"), [("1、", ".txt"), ("（1）", ".txt"), ("1：", ".md"), ("1，", ".txt")])
def test_lists_typed_in_text_files_stay_body(tmp_path: Path, form: str, suffix: str) -> None:
    source = tmp_path / f"a{suffix}"
    text = list_report_text(form, tabs=suffix == ".txt")
    source.write_text(text, encoding="gbk" if suffix == ".txt" else "utf-8")
    assert_lists_formatted(source, form)


def assert_lists_formatted(source: Path, form: str) -> None:
    """The summary of `build_list_report` formatted: its headings numbered by depth and standing alone, each
    list's items body text in one form, no heading left without content, and nothing check would report
    about numbering or layout."""
    assert not check_codes(source) & (NUMBERING_CODES - {"arabic-comma", "bracket-width"})
    (item,) = format_files([source]).formatted
    assert item.output is not None
    paragraphs = [p for p in docx.Document(str(item.output)).paragraphs if p.text]
    styles = {p.text: p.style.name for p in paragraphs}
    assert [p.text for p in paragraphs if p.style.name == STYLE_NAMES[1]] == [
        "一、主要工作",
        "二、存在的问题",
        "三、下一步工作计划",
    ]
    assert [p.text for p in paragraphs if p.style.name == STYLE_NAMES[2]] == [
        "（一）强化预算执行审计",
        "（二）推进审计整改落实",
    ]
    bracketed = "(" in form or "（" in form or "）" in form
    first = [("（{}）" if bracketed else "{}.").format(n) + text for n, text in enumerate(MEASURES, start=1)]
    second = ["1.建立问题清单，实行挂号销号管理。", "2.健全整改会商机制，按季度通报整改进展。"]
    plans = [f"（{n}）{text}" for n, text in enumerate(PLANS, start=1)]
    for text in first + second + plans:
        assert styles.get(text) == STYLE_NAMES["body"], text
    assert not [p.text for p in paragraphs if re.match(r"^\s|^[0-9]+[、：:，,．)）]", p.text)], "no 1、 beside 1."
    (outline,) = outline_paths([item.output]).outlines
    assert all(section.body or section.children for section in every_section(outline.sections))
    assert not check_codes(item.output) & NUMBERING_CODES
    assert [f.code for f in check_layout(item.output)] == []


# --- the 落款 (GB/T 9704-2012 §7.3.5.2) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("signatures", "date", "expected"),
    [
        # a signature long enough: it keeps 右空二字, the date starts two characters further right
        (["青山县人民政府办公室"], "2024年12月20日", ([2.0], 3.0)),
        (["某某县发展和改革委员会"], "2024年1月5日", ([2.0], 5.0)),
        # a date reaching further right keeps 右空二字, the signature moves left with it
        (["青山县审计局"], "2024年12月20日", ([5.0], 2.0)),
        (["审计局"], "2024年12月20日", ([8.0], 2.0)),
        (["青山县审计局"], "二〇二四年十二月二十日", ([9.0], 2.0)),
        # lines of a joint or personal signature start in one column
        (["青山县审计局", "青山县财政局办公室"], "2024年12月20日", ([5.0, 2.0], 2.0)),
        (["青山县审计局"], None, ([2.0], 0.0)),
        ([], "2024年12月20日", ([], 2.0)),
    ],
)
def test_signature_and_date_places(signatures: list[str], date: str | None, expected: tuple) -> None:
    assert right_spaces(signatures, date) == expected


_NAME = st.text(st.sampled_from("青山县审计局人民政府办公室XY"), min_size=2, max_size=16)
_DATE = st.sampled_from(["2024年12月20日", "2024年1月5日", "二〇二四年十二月二十日", "2024-12-20"])


@given(st.lists(_NAME, min_size=1, max_size=3), _DATE)
@settings(max_examples=200, deadline=None)
def test_the_date_starts_two_characters_right_of_the_signature(signatures: list[str], date: str) -> None:
    spaces, date_space = right_spaces(signatures, date)
    line = 30.0  # any line longer than both: starts are measured from the right margin
    starts = {round(line - space - ems(text), 6) for space, text in zip(spaces, signatures, strict=True)}
    assert len(starts) == 1, "the signature lines start in one column"
    date_start = line - date_space - ems(date)
    assert date_start - starts.pop() == pytest.approx(DATE_SHIFT_CHARS)
    assert min([*spaces, date_space]) == pytest.approx(RIGHT_SPACE_CHARS)
    assert all(space >= RIGHT_SPACE_CHARS - 1e-9 for space in [*spaces, date_space])


def ending_of(path: Path) -> list:
    """The 落款 paragraphs of a .docx and the paragraphs before them, from the first 落款 one."""
    paragraphs = docx.Document(str(path)).paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.style.name == STYLE_NAMES["signature"])
    return paragraphs[first - 3 : first + 2]


def assert_ending(path: Path, signature: str, date: str) -> None:
    """Signature and date where §7.3.5.2 puts them, a blank line above, the text above kept with them."""
    _, last_text, blank, signed, dated = ending_of(path)
    assert (signed.text, dated.text) == (signature, date)
    spaces, date_space = right_spaces([signature], date)
    for paragraph, space in ((signed, spaces[0]), (dated, date_space)):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert paragraph.paragraph_format.right_indent.pt == pytest.approx(space * TEXT_PT, abs=0.1)
        assert paragraph.paragraph_format.left_indent in (None, 0)
    assert blank.text == "" and blank.paragraph_format.keep_with_next
    assert last_text.text and last_text.paragraph_format.keep_with_next
    assert signed.style.paragraph_format.keep_with_next, "the signature stays with the date"
    assert [f for f in check_layout(path) if f.code == "layout-signature"] == []


def test_render_places_the_ending(tmp_path: Path) -> None:
    blocks = [Block("title", "青山县审计局2024年工作总结"), Block("body", "全年完成审计项目54个。" * 6)]
    blocks += [
        Block("body", "新的一年，我们将继续努力。"),
        Block("signature", "青山县审计局"),
        Block("date", "2024年12月20日"),
    ]
    path = tmp_path / "r.docx"
    path.write_bytes(render_docx(blocks))
    assert_ending(path, "青山县审计局", "2024年12月20日")


def test_skeleton_places_the_ending(tmp_path: Path) -> None:
    out = blank_skeleton("审计", tmp_path / "s.docx", org="青山县审计局", year=2024, templates_option=TEMPLATES)
    assert_ending(out, "青山县审计局", "【××××年×月×日】")


def test_format_places_the_ending(tmp_path: Path) -> None:
    (item,) = format_files([build_messy_report(tmp_path / "m.docx")]).formatted
    assert item.output is not None
    assert_ending(item.output, "XX县审计局", "2024年12月20日")


def _ending_document(
    path: Path, signature: tuple[WD_ALIGN_PARAGRAPH, float], date: tuple[WD_ALIGN_PARAGRAPH, float]
) -> Path:
    """A one-page document whose signature and date are aligned and right-indented (in characters) as given."""
    from drafter.models import FontTable
    from drafter.output.render.docx import base_document

    document = base_document(FontTable())
    document.add_paragraph("全年完成审计项目54个，成效明显。", style=STYLE_NAMES["body"])
    for text, (alignment, chars) in (("青山县审计局", signature), ("2024年12月20日", date)):
        paragraph = document.add_paragraph(text, style=STYLE_NAMES["signature"])
        paragraph.alignment = alignment
        paragraph.paragraph_format.right_indent = Pt(chars * TEXT_PT)
    document.save(str(path))
    return path


RIGHT, LEFT, CENTER = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize(
    ("signature", "date", "fits"),
    [
        ((RIGHT, 5.0), (RIGHT, 2.0), True),  # §7.3.5.2, the date the longer line
        ((RIGHT, 4.5), (RIGHT, 4.0), True),  # §7.3.5.1 (sealed): the date 右空四字, the signature centred over it
        ((RIGHT, 0.0), (RIGHT, 0.0), False),  # both flush against the margin
        ((RIGHT, 2.0), (RIGHT, 2.0), False),  # both 右空二字: the date does not start two characters in
        ((LEFT, 0.0), (LEFT, 0.0), False),  # typed at the left
        ((CENTER, 0.0), (CENTER, 0.0), False),
    ],
)
def test_check_knows_where_the_ending_goes(tmp_path: Path, signature: tuple, date: tuple, fits: bool) -> None:
    findings = [
        f for f in check_layout(_ending_document(tmp_path / "e.docx", signature, date)) if f.code == "layout-signature"
    ]
    assert (findings == []) == fits, findings
    if findings:
        assert "7.3.5" in findings[0].message and "右空二字" in findings[0].suggestion


# --- headers and footers ------------------------------------------------------------------------------


def with_letterhead(source: Path, target: Path, *, first_page_only: bool = False, footer: str = "") -> Path:
    """The document with a letterhead (a name and a logo) in its header, on the first page only if asked,
    and a footer of typed text."""
    document = docx.Document(str(source))
    section = document.sections[0]
    section.different_first_page_header_footer = first_page_only
    header = section.first_page_header if first_page_only else section.header
    paragraph = header.paragraphs[0]
    paragraph.text = "XX县审计局"
    paragraph.add_run().add_picture(io.BytesIO(tiny_png()), width=Inches(0.3))
    if footer:
        section.footer.paragraphs[0].text = footer
    document.save(str(target))
    return target


def header_text_and_picture(header) -> tuple[str, bool]:
    """A header's text, and whether its picture resolves to an image part."""
    blips = list(header._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    embed = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    resolves = bool(blips) and all(b.get(embed) in header.part.rels for b in blips)
    return "".join(p.text for p in header.paragraphs), resolves


@pytest.mark.parametrize("first_page_only", [False, True])
def test_a_letterhead_stays_on_odd_and_even_pages(tmp_path: Path, first_page_only: bool) -> None:
    source = with_letterhead(
        build_list_report(tmp_path / "a.docx", "1："), tmp_path / "b.docx", first_page_only=first_page_only
    )
    (item,) = format_files([source]).formatted
    assert item.output is not None and item.report.letterhead == "XX县审计局"
    document = docx.Document(str(item.output))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer and not section.different_first_page_header_footer
    for header in (section.header, section.even_page_header):
        assert not header.is_linked_to_previous
        assert header_text_and_picture(header) == ("XX县审计局", True)


def test_an_empty_header_is_dropped_and_render_makes_none(tmp_path: Path) -> None:
    source = build_list_report(tmp_path / "a.docx", "1：")
    document = docx.Document(str(source))
    document.sections[0].header.paragraphs[0].text = ""  # an empty header, as Word leaves one
    document.save(str(source))
    (item,) = format_files([source]).formatted
    assert item.output is not None and item.report.letterhead == ""
    section = docx.Document(str(item.output)).sections[0]
    assert section.header.is_linked_to_previous and section.even_page_header.is_linked_to_previous
    rendered = tmp_path / "r.docx"
    rendered.write_bytes(render_docx([Block("title", "总结"), Block("body", "正文。")]))
    section = docx.Document(str(rendered)).sections[0]
    assert section.header.is_linked_to_previous and section.even_page_header.is_linked_to_previous


@pytest.mark.parametrize(
    ("footer", "reported"),
    [("XX县审计局办公室印 第 页", "XX县审计局办公室印 第 页"), ("- 1 -", None), ("", None)],
)
def test_replacing_a_footer_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], footer: str, reported: str | None
) -> None:
    source = with_letterhead(build_list_report(tmp_path / "a.docx", "1："), tmp_path / "b.docx", footer=footer)
    code, out = run(["format", str(source)], capsys)
    assert code == 0 and "页眉“XX县审计局”" in out
    assert (f"页脚“{reported}”已换成页码" in out) if reported else "页脚" not in out
    code, out = run(["format", "--dry-run", str(source)], capsys)
    assert code == 0 and ((f"页脚“{reported}”将换成页码" in out) if reported else "页脚" not in out)


# --- on the printed page (LibreOffice) ----------------------------------------------------------------

PAGE_NUMBER = re.compile(r"^[—\-\s\d]+$")


def to_pdf(documents: list[Path], out: Path) -> None:
    """PDFs of the documents beside them in `out`, in one LibreOffice run."""
    profile = f"-env:UserInstallation={(out / 'profile').as_uri()}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, documents)],
        capture_output=True,
        timeout=600,
        check=True,
    )


def page_lines(pdf: Path) -> list[list[str]]:
    """The lines of text of each page (pdftotext), spaces taken out, page numbers left out."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[re.sub(r"\s+", "", line) for line in page.splitlines()] for page in text.split("\f")]
    return [[line for line in page if line and not PAGE_NUMBER.match(line)] for page in pages if "".join(page).strip()]


def lines_document(path: Path, count: int) -> Path:
    """A summary typed in Word: a title, `count` one-line paragraphs indented with spaces in a font of the
    writer's choosing, the signature and the date."""
    from docx_factory import messy_run

    document = docx.Document()
    document.add_paragraph("青山县审计局2024年工作总结")
    for number in range(1, count + 1):
        messy_run(document.add_paragraph(), f"　　第{number}项审计任务已按计划全部完成。", "宋体", 14)
    document.add_paragraph("青山县审计局")
    document.add_paragraph("2024年12月20日")
    document.save(str(path))
    return path


def without_keeping(source: Path, target: Path) -> Path:
    """The document with every keep-with-next taken off its body paragraphs (what drafter did before)."""
    document = docx.Document(str(source))
    for paragraph in document.paragraphs:
        if paragraph.style.name == STYLE_NAMES["body"]:
            paragraph.paragraph_format.keep_with_next = None
    document.save(str(target))
    return target


ENDING = {"青山县审计局", "2024年12月20日"}
# One-line paragraphs from a little under two pages to a little over: somewhere in between, the text fills
# the second page to its last line and the signature would start the third page alone.
SWEEP = range(37, 44)


def summary_blocks(count: int, last: str = "") -> list[Block]:
    """A rendered summary: a title, `count` one-line paragraphs (and a `last` one), the signature, the date."""
    blocks = [Block("title", "青山县审计局2024年工作总结")]
    blocks += [Block("body", f"第{n}项审计任务已按计划全部完成。") for n in range(1, count + 1)]
    blocks += [Block("body", last)] if last else []
    return [*blocks, Block("signature", "青山县审计局"), Block("date", "2024年12月20日")]


LONG_LAST = "最后，" + "全年完成审计项目五十四个，查出问题金额一千二百万元，整改到位。" * 4  # five lines


@needs_office
def test_the_signature_never_stands_alone_on_the_last_page(tmp_path: Path) -> None:
    made: dict[str, Path] = {}
    for count in SWEEP:
        rendered = tmp_path / f"render{count}.docx"
        rendered.write_bytes(render_docx(summary_blocks(count)))
        made[f"render{count}"] = rendered
        made[f"control{count}"] = without_keeping(rendered, tmp_path / f"control{count}.docx")
        (item,) = format_files([lines_document(tmp_path / f"typed{count}.docx", count)]).formatted
        assert item.output is not None
        made[f"format{count}"] = item.output
        if count % 2:  # a long paragraph last: in one piece or broken, some of it goes with the signature
            long = tmp_path / f"long{count}.docx"
            long.write_bytes(render_docx(summary_blocks(count - 5, LONG_LAST)))
            made[f"long{count}"] = long
    to_pdf(list(made.values()), tmp_path)
    last_pages = {name: page_lines(path.with_suffix(".pdf"))[-1] for name, path in made.items()}
    alone = [name for name, lines in last_pages.items() if set(lines) <= ENDING]
    assert any(name.startswith("control") for name in alone), "the sweep reaches a page break at the signature"
    assert [name for name in alone if not name.startswith("control")] == []
    for name, lines in last_pages.items():
        if not name.startswith("control"):
            assert lines[-2:] == ["青山县审计局", "2024年12月20日"], name


@needs_office
def test_a_letterhead_is_printed_on_every_page(tmp_path: Path) -> None:
    source = with_letterhead(build_messy_report(tmp_path / "a.docx", sections=3), tmp_path / "b.docx")
    (item,) = format_files([source]).formatted
    assert item.output is not None and item.report.footers_replaced == ["第 页"]
    to_pdf([item.output], tmp_path)
    pages = page_lines(item.output.with_suffix(".pdf"))
    assert len(pages) >= 3, "odd and even pages"
    assert [page[0] for page in pages] == ["XX县审计局"] * len(pages)


@needs_office
def test_the_ending_is_printed_where_the_standard_puts_it(tmp_path: Path) -> None:
    import pdfplumber

    from drafter.output.render.docx import MARGINS_MM

    blocks = [Block("title", "青山县审计局2024年工作总结"), Block("body", "全年完成审计项目54个。")]
    path = tmp_path / "e.docx"
    path.write_bytes(render_docx([*blocks, Block("signature", "青山县审计局"), Block("date", "2024年12月20日")]))
    to_pdf([path], tmp_path)
    with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
        page = pdf.pages[0]
        lines: dict[float, list[dict]] = {}
        for char in page.chars:
            lines.setdefault(round(char["top"]), []).append(char)
        margin = page.width - MARGINS_MM["right"] / 25.4 * 72
    by_text = {"".join(c["text"] for c in chars).replace(" ", ""): chars for chars in lines.values()}
    spaces, date_space = right_spaces(["青山县审计局"], "2024年12月20日")
    for text, space in (("青山县审计局", spaces[0]), ("2024年12月20日", date_space)):
        right_edge = max(c["x1"] for c in by_text[text])
        assert (margin - right_edge) / TEXT_PT == pytest.approx(space, abs=0.1), text


# --- a typed 目录 follows its headings' new numbers ---------------------------------------------------------


@pytest.mark.parametrize("skip", [(), ("numbering",)])
def test_a_typed_contents_takes_its_headings_new_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], skip: tuple[str, ...]
) -> None:
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("青山县水务公司2025年工作总结")
    document.add_paragraph("目录")
    contents = ["1、主要工作\t1", "（1）供水保障\t1", "（2）管网改造\t2", "2、存在问题\t3"]
    for entry in contents:
        document.add_paragraph(entry)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    body = ["1、主要工作", "（1）供水保障", "全年供水1200万吨，同比增长5%。", "（2）管网改造", "改造老旧管网32公里。"]
    for text in [*body, "2、存在问题", "管网漏损率偏高，老旧小区尤甚。"]:
        document.add_paragraph(text)
    source = tmp_path / "toc.docx"
    document.save(str(source))
    args = ["format", str(source), *(["--skip", "numbering"] if skip else [])]
    assert run(args, capsys)[0] == 0
    texts = [p.text for p in docx.Document(str(tmp_path / "toc.公文格式.docx")).paragraphs if p.text.strip()]
    if skip:
        assert texts[2:6] == contents
        return
    assert texts[2:6] == ["一、主要工作\t1", "（一）供水保障\t1", "（二）管网改造\t2", "二、存在问题\t3"]
    assert texts[6:8] == ["一、主要工作", "（一）供水保障"]
