"""drafter format: normalisations on snippets and as properties; a messy Word file laid out to GB/T 9704 with its
text, outline, tables, image and footnote kept and the original untouched; .doc, .txt, folders, --dry-run."""

from __future__ import annotations

import hashlib
import itertools
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx_factory import build_messy_report, build_numbered_report
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.cli import main
from drafter.output.check.layout import check_layout
from drafter.output.formatting.normalise import STEPS, apply_edits, apply_to_pieces, normalise, undo
from drafter.output.formatting.run import chosen_steps, format_files
from drafter.output.render.docx import STYLE_NAMES
from drafter.reading.patterns import MARKER
from drafter.reading.pipeline import outline_paths
from drafter.reading.read import read_source

ALL = set(STEPS)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们完成了任务,并且取得成效.下一步继续", "我们完成了任务，并且取得成效。下一步继续"),
        ("总结如下:", "总结如下："),
        ("是否到位?确实到位!", "是否到位？确实到位！"),
        ("资金(其中本级800万元);", "资金（其中本级800万元）；"),
        ("增长98.5%.详见附表", "增长98.5%。详见附表"),
        ('他说"要抓落实"。', "他说“要抓落实”。"),
        ("所谓'三个区分开来'。", "所谓‘三个区分开来’。"),
        ("　　这是 一段 话 ,有空格 。", "这是一段话，有空格。"),
        ("发送至 abc@example.cn,谢谢", "发送至 abc@example.cn，谢谢"),
        # never inside numbers, URLs, e-mail addresses or Latin text
        ("共1,000人,增长3.5%", "共1,000人，增长3.5%"),
        ("访问 https://www.gov.cn/a,b.html 了解", "访问 https://www.gov.cn/a,b.html 了解"),
        ("Hello, world. 中文", "Hello, world. 中文"),
        ("10:30开会", "10:30开会"),
        ("1.加强领导", "1.加强领导"),
        ('他说"要抓落实。', '他说"要抓落实。'),  # an odd quote is left alone
        ("张　三", "张　三"),  # an ideographic space inside a line is deliberate
    ],
)
def test_text_normalisations(text: str, expected: str) -> None:
    assert apply_edits(text, normalise(text, ALL)) == expected


@pytest.mark.parametrize(
    ("text", "marker", "expected"),
    [
        ("1、 加强领导", (2, "一、"), "一、加强领导"),
        ("(1)强化审计", (3, "（一）"), "（一）强化审计"),
        ("（1）加强领导", (3, "（1）"), "（1）加强领导"),
        ("1．加强领导,好", (2, "1."), "1.加强领导，好"),
    ],
)
def test_heading_markers_follow_the_depth(text: str, marker: tuple[int, str], expected: str) -> None:
    assert apply_edits(text, normalise(text, ALL, marker)) == expected


def test_steps_can_be_switched_off() -> None:
    text = '完成任务,"好"  了'
    assert apply_edits(text, normalise(text, {"quotes"})) == "完成任务,“好”  了"
    assert chosen_steps(["标点,引号"]) == ["numbering", "heading-end", "spaces", "blank-lines"]
    with pytest.raises(Exception, match="不认识"):
        chosen_steps(["颜色"])


_TEXT = st.lists(
    st.sampled_from([*"工作完成好，。,.;:?!()\"' 　\u00a0ab12%@/w", "https://a.cn/x,y", "a@b.cn"]), max_size=30
).map("".join)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_normalising_changes_nothing_but_what_it_lists(text: str) -> None:
    edits = normalise(text, ALL)
    assert undo(apply_edits(text, edits)) == undo(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(edits))  # edits never overlap


@given(_TEXT, st.lists(st.integers(min_value=0, max_value=40), max_size=4))
@settings(max_examples=300, deadline=None)
def test_edits_land_the_same_whatever_runs_hold_the_text(text: str, cuts: list[int]) -> None:
    points = sorted({min(c, len(text)) for c in cuts})
    pieces = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    edits = normalise(text, ALL)
    assert "".join(apply_to_pieces(pieces, edits)) == apply_edits(text, edits)


# --- a messy Word file -------------------------------------------------------------


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("messy")
    source = build_messy_report(folder / "总结.docx")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    result = format_files([source])
    assert not result.failures
    return source, folder / "总结.公文格式.docx", digest


def bare(text: str) -> str:
    """A paragraph with the listed normalisations undone and its heading marker taken off."""
    text = text.strip(" \u3000\u00a0")
    match = MARKER.match(text)
    return undo(text[match.end() :] if match else text)


def test_the_original_is_byte_identical(messy: tuple[Path, Path, str]) -> None:
    source, output, digest = messy
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest
    assert output.exists()


def test_formatted_file_passes_the_layout_checks(messy: tuple[Path, Path, str]) -> None:
    _, output, _ = messy
    assert check_layout(output) == []


def test_text_is_preserved(messy: tuple[Path, Path, str]) -> None:
    source, output, _ = messy
    before = [bare(p.text) for p in read_source(source).paragraphs]
    after = [bare(p.text) for p in read_source(output).paragraphs]
    assert [t for t in before if t] == [t for t in after if t]


def test_outline_is_the_same_tree(messy: tuple[Path, Path, str]) -> None:
    source, output, _ = messy
    (before,), (after,) = outline_paths([source]).outlines, outline_paths([output]).outlines
    assert before.title == after.title
    assert [(h.depth, undo(h.text)) for h in before.headings()] == [(h.depth, undo(h.text)) for h in after.headings()]
    assert [h.marker for h in after.headings()] == ["一、", "（一）", "（二）", "二、", "（一）", "（二）", "三、"]
    assert (before.signature, before.date) == (after.signature, after.date)


def test_paragraphs_take_renders_styles_by_depth(messy: tuple[Path, Path, str]) -> None:
    _, output, _ = messy
    document = docx.Document(str(output))
    styles = {p.text.strip(): p.style.name for p in document.paragraphs if p.text.strip()}
    assert styles["XX县审计局2024年工作总结"] == STYLE_NAMES["title"]
    assert styles["一、聚焦主责主业，做实审计监督"] == STYLE_NAMES[1]
    assert styles["（一）强化预算执行审计"] == STYLE_NAMES[2]
    assert styles["（一）审计力量与任务不匹配"] == STYLE_NAMES[2]  # was a Word list number
    assert styles["2024年12月20日"] == STYLE_NAMES["signature"]
    body = next(p for p in document.paragraphs if p.text.startswith("全年共完成"))
    assert body.style.name == STYLE_NAMES["body"]
    assert all(r.font.size is None and r.font.color.rgb is None for r in body.runs)  # hand-set looks cleared
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 28
    assert "PAGE" in section.footer.paragraphs[0]._p.xml and "第 页" not in section.footer.paragraphs[0].text


def test_tables_image_footnote_are_kept(messy: tuple[Path, Path, str]) -> None:
    _, output, _ = messy
    document = docx.Document(str(output))
    body = document.element.body
    assert len(document.tables) == 1 and document.tables[0].cell(0, 1).text == "数量（个）"
    assert len(list(body.iter(f"{W}drawing"))) == 1
    assert len(list(body.iter(f"{W}footnoteReference"))) == 1
    assert any("footnotes" in rel.reltype for rel in document.part.rels.values())
    cell = document.tables[0].cell(0, 0).paragraphs[0].paragraph_format
    assert cell.line_spacing_rule is None or cell.line_spacing in (None, 1.0)  # no fixed 28 pt in cells
    assert cell.first_line_indent in (None, 0)


def test_quotes_dashes_and_ellipses_are_on_the_east_asian_font(messy: tuple[Path, Path, str]) -> None:
    _, output, _ = messy
    document = docx.Document(str(output))
    runs = [r for p in document.paragraphs for r in p.runs if any(ch in r.text for ch in "“”‘’—…")]
    assert runs
    for run in runs:
        fonts = run._r.rPr.rFonts if run._r.rPr is not None else None
        assert fonts is not None and fonts.get(f"{W}hint") == "eastAsia", run.text


def test_formatting_its_own_output_changes_no_text(messy: tuple[Path, Path, str], tmp_path: Path) -> None:
    _, output, _ = messy
    again = format_files([output], out=tmp_path / "again.docx")
    (item,) = again.formatted
    assert item.report.counts() == {} and item.report.numbers_written == 0


# --- the command -------------------------------------------------------------------


def run(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    return int(exit_info.value.code or 0)


def test_dry_run_lists_changes_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = build_messy_report(tmp_path / "a.docx")
    assert run(["format", "--dry-run", str(source)]) == 0
    out = capsys.readouterr().out
    assert "没有写任何文件" in out and "第 3 段" in out and "“想为指导,认真落实”" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_existing_output_and_the_original_are_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = build_messy_report(tmp_path / "a.docx")
    target = tmp_path / "a.公文格式.docx"
    target.write_bytes(b"mine")
    assert run(["format", str(source)]) == 1
    assert target.read_bytes() == b"mine" and "--force" in capsys.readouterr().err
    assert run(["format", str(source), "--force"]) == 0 and target.read_bytes() != b"mine"
    original = source.read_bytes()
    assert run(["format", str(source), "-o", str(source), "--force"]) == 1
    assert source.read_bytes() == original and "原文件" in capsys.readouterr().err


def test_a_folder_is_formatted_past_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    build_messy_report(folder / "a.docx")
    build_numbered_report(folder / "b.docx")
    (folder / "c.docx").write_bytes(b"not a zip")
    (folder / "d.txt").write_bytes("县统计局2024年工作总结\n一、主要工作\n    完成调查12项,成效明显.\n".encode("gbk"))
    out = tmp_path / "out"
    assert run(["format", str(folder), "--out-dir", str(out)]) == 1
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["a.公文格式.docx", "b.公文格式.docx", "d.公文格式.docx"]
    assert "共排版 3 个文件，1 个读不了" in captured.out and "c.docx" in captured.err
    text = docx.Document(str(out / "d.公文格式.docx"))
    assert [p.text for p in text.paragraphs if p.text][:3] == [
        "县统计局2024年工作总结",
        "一、主要工作",
        "完成调查12项，成效明显。",
    ]
    assert check_layout(out / "d.公文格式.docx") == []
    assert run(["format", str(folder), "--out-dir", str(out), "--skip", "颜色"]) == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice makes the .doc")
def test_a_doc_made_with_libreoffice(tmp_path: Path) -> None:
    messy_docx = build_messy_report(tmp_path / "old.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path / "doc"), str(messy_docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    source = tmp_path / "doc" / "old.doc"
    result = format_files([source])
    assert not result.failures
    output = tmp_path / "doc" / "old.公文格式.docx"
    assert check_layout(output) == []
    before = [bare(p.text) for p in read_source(messy_docx).paragraphs]
    after = [bare(p.text) for p in read_source(output).paragraphs]
    assert [t for t in before if t] == [t for t in after if t]
    (outline,) = outline_paths([output]).outlines
    assert [h.marker for h in outline.headings()][:3] == ["一、", "（一）", "（二）"]


def test_attachments_and_the_colophon_keep_their_own_layout(tmp_path: Path) -> None:
    from docx.shared import Pt

    document = docx.Document()
    document.add_paragraph("县审计局2024年工作总结")
    document.add_paragraph("一、主要工作")
    document.add_paragraph("全年完成审计项目54个,成效明显。")
    document.add_paragraph("附件:审计项目清单")
    document.add_paragraph("XX县审计局")
    document.add_paragraph("2024年12月20日")
    colophon = document.add_paragraph("抄送:县委办公室,县政府办公室。")
    colophon.runs[0].font.size = Pt(14)
    source = tmp_path / "a.docx"
    document.save(str(source))
    (item,) = format_files([source]).formatted
    assert item.output is not None
    paragraphs = {p.text: p for p in docx.Document(str(item.output)).paragraphs if p.text}
    assert paragraphs["附件：审计项目清单"].style.name == STYLE_NAMES["body"]
    kept = paragraphs["抄送：县委办公室，县政府办公室。"]
    assert kept.style.name == "Normal" and kept.runs[0].font.size == Pt(14)  # its look is its own


def test_a_report_with_a_typed_contents_page_and_a_title_in_two_lines(tmp_path: Path) -> None:
    """A typed 目录 (entries, dotted tab, page number) on a page of its own, then a title in two paragraphs, parts
    with 一、 sections and 1. headings standing alone: the contents keep the look they were typed in (numbered as their headings become) and their page
    break, the two title lines are the title (one blank line after the last only), every heading standing alone
    keeps with its text, and check finds no layout fault in what format wrote."""
    from holdout_kit import Writer

    w = Writer()
    w.toc(("第一部分　2025年工作总结", 2), ("一、生产经营", 2), ("第二部分　2026年工作安排", 3))
    w.title("湘江能源集团有限公司", "2025年工作总结和2026年工作安排")
    w.p("2025年，集团较好地完成了全年目标任务。下面，我代表集团公司总结工作、安排任务。")
    w.p("第一部分　2025年工作总结", indent=False, font="黑体", align="center")
    w.p("一、生产经营", font="黑体")
    w.p("全年实现营业收入386.2亿元，同比增长6.8%。")
    w.p("1.能源保供")
    w.p("全年发电量达到512亿千瓦时，同比增长4.6%。")
    w.p("2.提质增效")
    w.p("全年降本增效9.6亿元，带息负债规模下降23亿元。")
    w.p("第二部分　2026年工作安排", indent=False, font="黑体", align="center")
    w.p("一、抓好能源保供", font="黑体")
    w.p("全年发电量力争达到520亿千瓦时。")
    w.signature("湘江能源集团有限公司", "2026年1月20日")
    source = w.save(tmp_path / "集团.docx")
    (item,) = format_files([source]).formatted
    assert item.output is not None
    paragraphs = docx.Document(str(item.output)).paragraphs
    by_text = {p.text: p for p in reversed(paragraphs) if p.text}  # the first of equal texts (title, signature)
    # Kept as typed (not the title, not headings), but numbered as their headings now are (第一部分 -> 一、).
    for entry in ("目　录", "一、2025年工作总结\t2", "（一）生产经营\t2", "二、2026年工作安排\t3"):
        assert by_text[entry].style.name == "Normal", entry
    assert any(br.get(f"{W}type") == "page" for p in paragraphs for br in p._p.iter(f"{W}br"))
    first, second = by_text["湘江能源集团有限公司"], by_text["2025年工作总结和2026年工作安排"]
    assert first.style.name == second.style.name == STYLE_NAMES["title"]
    assert first.paragraph_format.space_after == 0 and first.paragraph_format.keep_with_next
    assert by_text["1.能源保供"].style.name == STYLE_NAMES[3] and by_text["1.能源保供"].paragraph_format.keep_with_next
    assert [f.code for f in check_layout(item.output)] == []
