"""Rendering: the Draft model, GB/T 9704 .docx (reopened with python-docx), Markdown, the round trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest
import yaml
from conftest import TEMPLATES
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter.cli import main
from drafter.errors import ConfigError, UserError
from drafter.models import Draft, DraftSection
from drafter.output.render.document import blank_skeleton, draft_title, render_answers
from drafter.output.render.layout import layout_draft, marker_for, strip_marker
from drafter.reading.pipeline import outline_paths


def section(heading: str, body: list[str] | None = None, children: list[DraftSection] | None = None) -> DraftSection:
    return DraftSection(heading=heading, body=body or [], children=children or [])


AUDIT = Draft(
    genre="审计",
    org="XX县审计局",
    year=2024,
    date=dt.date(2024, 12, 20),
    preamble="2024年，XX县审计局坚持依法审计。现将有关情况总结如下：",
    sections=[
        section(
            "主要工作及成效",
            children=[
                section(
                    "聚焦主责主业，充分发挥审计监督职能",
                    ["全年完成审计项目54个。"],
                    [
                        section(
                            "强化预算执行审计",
                            ["一是开展预算执行审计。二是完成部门审计。", "审计发现问题126个。"],
                            [section("细化整改台账", ["逐项销号。"]), section("压实整改责任")],
                        ),
                        section("推动重大政策落地", ["用户输入 {{ 7*7 }} & <标签> 原样保留。"]),
                    ],
                ),
                section("完成领导交办任务", ["完成交办事项13项。"]),
            ],
        ),
        section("存在的问题", ["审计力量不足。"]),
        section("下一步工作计划"),
    ],
    closing="今后，我局将奋力开创审计工作新局面。",
)


def write_answers(path: Path, draft: Draft) -> Path:
    path.write_text(yaml.safe_dump(draft.model_dump(mode="json", exclude_none=True), allow_unicode=True), "utf-8")
    return path


@pytest.fixture(scope="module")
def audit_docx(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("render")
    out = directory / "audit.docx"
    render_answers(write_answers(directory / "audit.yaml", AUDIT), out, templates_option=TEMPLATES)
    return out


# --- the model -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "fragments"),
    [
        ("genre: 审计\ncolour: red\n", ["colour", "未知的键"]),
        ("year: 二〇二四\n", ["year", "应为整数"]),
        ("date: 2024-13-40\n", ["date", "应为日期"]),
        ("sections:\n  - heading: a\n    body: 不是列表\n", ["sections[0].body", "应为列表"]),
        ("sections:\n  - heading: a\n    children:\n      - body: [x]\n", ["sections[0].children[0].heading", "缺少"]),
        ("sections: [\n", ["不是合法的 YAML"]),
        (
            "sections:\n - heading: a\n   children:\n    - heading: b\n      children:\n       - heading: c\n"
            "         children:\n          - heading: d\n            children:\n             - heading: e\n",
            ["嵌套超过 4 级"],
        ),
    ],
)
def test_bad_answers_name_file_and_field(tmp_path: Path, yaml_text: str, fragments: list[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        render_answers(answers, tmp_path / "out.docx", templates_option=TEMPLATES)
    assert str(answers) in error.value.message
    for fragment in fragments:
        assert fragment in error.value.message
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(
    ("draft", "title"),
    [
        (Draft(genre="审计", org="县审计局", year=2024), "县审计局2024年工作总结"),
        (Draft(genre="行风建设", org="XX市第二人民医院", year=2024), "XX市第二人民医院2024年行风建设工作总结"),
        (Draft(org="XX公司", date=dt.date(2025, 1, 5)), "XX公司2025年工作总结"),
        (Draft(genre="审计"), "【单位名称】【年份】年工作总结"),
        (Draft(title="自拟标题{{ 7*7 }}", genre="审计"), "自拟标题{{ 7*7 }}"),
        (Draft(org="{{ 7*7 }}单位", year=2024), "{{ 7*7 }}单位2024年工作总结"),
    ],
)
def test_title(draft: Draft, title: str) -> None:
    assert draft_title(draft, TEMPLATES) == title


@pytest.mark.parametrize(
    ("depth", "ordinal", "marker"), [(1, 1, "一、"), (1, 12, "十二、"), (2, 3, "（三）"), (3, 2, "2."), (4, 1, "（1）")]
)
def test_markers(depth: int, ordinal: int, marker: str) -> None:
    assert marker_for(depth, ordinal) == marker


@pytest.mark.parametrize(
    ("typed", "heading"),
    [
        ("一、主要工作", "主要工作"),
        ("（二）加强领导", "加强领导"),
        ("3.强化审计", "强化审计"),
        ("主要工作", "主要工作"),
    ],
)
def test_typed_numbers_are_not_doubled(typed: str, heading: str) -> None:
    assert strip_marker(typed) == heading
    blocks = layout_draft(Draft(sections=[section(typed)]), "t")
    assert blocks[1].marker + blocks[1].heading == "一、" + heading


# --- the .docx -------------------------------------------------------------------


def style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def effective(paragraph, run=None) -> dict:
    """Fonts (east Asian and Latin), size and bold as Word would resolve them."""
    result: dict = {}
    sources = ([run.element] if run is not None else []) + [s.element for s in style_chain(paragraph.style)]
    for element in sources:
        r_pr = element.find(qn("w:rPr"))
        if r_pr is None:
            continue
        fonts = r_pr.find(qn("w:rFonts"))
        # Word resolves each attribute of w:rFonts on its own (a run's hint does not hide the style's font).
        for key, attribute in (("east_asia", "w:eastAsia"), ("latin", "w:ascii")):
            if fonts is not None and fonts.get(qn(attribute)):
                result.setdefault(key, fonts.get(qn(attribute)))
        size = r_pr.find(qn("w:sz"))
        if size is not None:
            result.setdefault("size", int(size.get(qn("w:val"))) / 2)
        bold = r_pr.find(qn("w:b"))
        if bold is not None:
            result.setdefault("bold", bold.get(qn("w:val"), "true") not in ("0", "false"))
    return result


def paragraph_format(paragraph, name: str):
    for style in style_chain(paragraph.style):
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
    return None


def test_page_setup(audit_docx: Path) -> None:
    section_ = docx.Document(str(audit_docx)).sections[0]
    assert (round(section_.page_width.mm), round(section_.page_height.mm)) == (210, 297)
    margins = (section_.top_margin, section_.bottom_margin, section_.left_margin, section_.right_margin)
    assert tuple(round(m.mm) for m in margins) == (37, 35, 28, 26)
    grid = section_._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"


@pytest.mark.parametrize(
    ("starts", "style", "east_asia", "size"),
    [
        ("XX县审计局2024年工作总结", "公文标题", "方正小标宋简体", 22),
        ("一、主要工作及成效", "一级标题", "黑体", 16),
        ("（一）聚焦主责主业", "二级标题", "楷体_GB2312", 16),
        ("1.强化预算执行审计。", "三级标题", "仿宋_GB2312", 16),
        ("（1）细化整改台账。", "四级标题", "仿宋_GB2312", 16),
        ("2024年，XX县审计局", "公文正文", "仿宋_GB2312", 16),
        ("XX县审计局", "落款", "仿宋_GB2312", 16),
        ("2024年12月20日", "落款", "仿宋_GB2312", 16),
    ],
)
def test_fonts_and_sizes(audit_docx: Path, starts: str, style: str, east_asia: str, size: float) -> None:
    document = docx.Document(str(audit_docx))
    paragraph = next(p for p in document.paragraphs if p.text.startswith(starts) and p.style.name == style)
    resolved = effective(paragraph, paragraph.runs[0])
    assert resolved["east_asia"] == east_asia
    assert resolved["latin"] == "Times New Roman"
    assert resolved["size"] == size


def test_body_indent_spacing_and_alignment(audit_docx: Path) -> None:
    document = docx.Document(str(audit_docx))
    by_text = {p.text: p for p in document.paragraphs}
    body = by_text["全年完成审计项目54个。"]
    assert paragraph_format(body, "first_line_indent") == Pt(32)
    assert paragraph_format(body, "line_spacing_rule") == WD_LINE_SPACING.EXACTLY
    assert abs(paragraph_format(body, "line_spacing").pt - 28.95) < 0.05
    ind = body.style.element.find(qn("w:pPr")).find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert paragraph_format(by_text["XX县审计局2024年工作总结"], "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraph_format(by_text["2024年12月20日"], "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraph_format(by_text["XX县审计局"], "alignment") == WD_ALIGN_PARAGRAPH.RIGHT


def test_run_in_levels_and_own_line_levels(audit_docx: Path) -> None:
    texts = [p.text for p in docx.Document(str(audit_docx)).paragraphs]
    assert "1.强化预算执行审计。一是开展预算执行审计。二是完成部门审计。" in texts
    assert "（1）细化整改台账。逐项销号。" in texts and "（2）压实整改责任" in texts
    assert "（一）聚焦主责主业，充分发挥审计监督职能" in texts and "全年完成审计项目54个。" in texts


def test_user_text_is_data(audit_docx: Path) -> None:
    texts = [p.text for p in docx.Document(str(audit_docx)).paragraphs]
    assert "2.推动重大政策落地。用户输入 {{ 7*7 }} & <标签> 原样保留。" in texts


def test_page_number_fields_in_both_footers(audit_docx: Path) -> None:
    document = docx.Document(str(audit_docx))
    assert document.settings.odd_and_even_pages_header_footer
    section_ = document.sections[0]
    for footer, alignment in (
        (section_.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section_.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert paragraph.alignment == alignment
        xml = paragraph._p.xml
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml and 'w:fldCharType="end"' in xml
        resolved = effective(paragraph, paragraph.runs[0])
        assert resolved["east_asia"] == "宋体" and resolved["size"] == 14


def test_fonts_can_be_overridden(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts.yaml"
    fonts.write_text("title: 华文中宋\nlevel3_bold: true\n", encoding="utf-8")
    out = tmp_path / "x.docx"
    render_answers(write_answers(tmp_path / "a.yaml", AUDIT), out, templates_option=TEMPLATES, fonts_path=fonts)
    document = docx.Document(str(out))
    title = document.paragraphs[0]
    assert effective(title, title.runs[0])["east_asia"] == "华文中宋"
    level3 = next(p for p in document.paragraphs if p.text.startswith("1.强化"))
    assert effective(level3, level3.runs[0])["bold"] is True
    assert effective(level3, level3.runs[1]).get("bold") is False


def footer_numbers(path: Path) -> list[tuple[str, object, bool]]:
    """Each footer's text, alignment and whether it holds a PAGE field (odd pages, then even ones)."""
    section_ = docx.Document(str(path)).sections[0]
    found = []
    for footer in (section_.footer, section_.even_page_footer):
        paragraph = footer.paragraphs[0]
        found.append((paragraph.text, paragraph.alignment, "PAGE" in paragraph._p.xml))
    return found


CENTER, RIGHT, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
PAGE_NUMBER_STYLES = [
    ("", [("— 1 —", RIGHT, True), ("— 1 —", LEFT, True)]),
    ("page_number_style: gbt9704\n", [("— 1 —", RIGHT, True), ("— 1 —", LEFT, True)]),
    ("page_number_style: center\n", [("— 1 —", CENTER, True), ("— 1 —", CENTER, True)]),
    ("page_number_style: plain\n", [("1", CENTER, True), ("1", CENTER, True)]),
    ("page_number_style: none\n", [("", None, False), ("", None, False)]),
]


@pytest.mark.parametrize(("settings", "footers"), PAGE_NUMBER_STYLES)
def test_page_number_style_in_render_skeleton_and_format(tmp_path: Path, settings: str, footers: list) -> None:
    """One setting, read alike by render, skeleton and format."""
    fonts = tmp_path / "排版设置.yaml"
    fonts.write_text(f"body: 仿宋\n{settings}", encoding="utf-8")
    rendered = render_answers(
        write_answers(tmp_path / "a.yaml", AUDIT), tmp_path / "r.docx", templates_option=TEMPLATES, fonts_path=fonts
    )
    skeleton = tmp_path / "s.docx"
    messy = tmp_path / "m.txt"
    messy.write_text("XX镇2025年工作总结\n一、主要工作\n全年完成项目12个。\n", encoding="utf-8")
    formatted = tmp_path / "m.公文格式.docx"
    for arguments in (
        ["skeleton", "审计", "-o", str(skeleton), "--fonts", str(fonts), "--templates", str(TEMPLATES)],
        ["format", str(messy), "--fonts", str(fonts)],
    ):
        with pytest.raises(SystemExit) as done:
            main(arguments)
        assert done.value.code == 0
    for written in (rendered, skeleton, formatted):
        assert footer_numbers(written) == footers, written.name


def test_a_page_number_style_drafter_does_not_know_is_refused(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts.yaml"
    fonts.write_text("page_number_style: 右下角\n", encoding="utf-8")
    with pytest.raises(UserError, match="page_number_style"):
        render_answers(write_answers(tmp_path / "a.yaml", AUDIT), tmp_path / "x.docx", fonts_path=fonts)
    assert not (tmp_path / "x.docx").exists()


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", AUDIT)
    out = tmp_path / "a.docx"
    out.write_bytes(b"precious")
    with pytest.raises(UserError, match="--force"):
        render_answers(answers, out, templates_option=TEMPLATES)
    assert out.read_bytes() == b"precious"
    render_answers(answers, out, force=True, templates_option=TEMPLATES)
    assert out.read_bytes().startswith(b"PK")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_markdown_numbering(tmp_path: Path) -> None:
    out = tmp_path / "a.md"
    render_answers(write_answers(tmp_path / "a.yaml", AUDIT), out, templates_option=TEMPLATES)
    text = out.read_text(encoding="utf-8")
    for line in (
        "# XX县审计局2024年工作总结",
        "## 一、主要工作及成效",
        "### （一）聚焦主责主业，充分发挥审计监督职能",
        "**1.强化预算执行审计。**一是开展预算执行审计。二是完成部门审计。",
        "**（2）压实整改责任**",
        "## 三、下一步工作计划",
        "用户输入 {{ 7*7 }} & <标签> 原样保留。",
    ):
        assert line in text


def test_plain_text_numbering(tmp_path: Path) -> None:
    out = tmp_path / "a.txt"
    render_answers(write_answers(tmp_path / "a.yaml", AUDIT), out, templates_option=TEMPLATES)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "XX县审计局2024年工作总结"
    for line in (
        "一、主要工作及成效",
        "（一）聚焦主责主业，充分发挥审计监督职能",
        "1.强化预算执行审计。一是开展预算执行审计。二是完成部门审计。",
        "三、下一步工作计划",
    ):
        assert line in lines
    assert "用户输入 {{ 7*7 }} & <标签> 原样保留。" in "\n".join(lines)
    assert lines[-2:] == ["XX县审计局", "2024年12月20日"]


# --- the round trip ----------------------------------------------------------------

ROUND_TRIPS = [
    AUDIT,
    Draft(
        title="XX市第二人民医院关于2024年度行风建设和党风廉政建设工作情况的总结报告（供党委会审议稿）",
        org="XX市第二人民医院",
        date=dt.date(2024, 1, 5),
        sections=[section(f"第{i}项工作", [f"内容{i}。"]) for i in range(1, 13)],
    ),
    Draft(
        org="XX镇人民政府",
        year=2024,
        date=dt.date(2024, 12, 31),
        preamble="今年以来，全镇上下团结一心。",
        sections=[
            section("经济发展", children=[section("招商引资"), section("项目建设", ["新开工项目6个。"])]),
            section("社会事业"),
            section(
                "存在问题",
                children=[
                    section(
                        "短板",
                        children=[
                            section("基础薄弱", children=[section("设施老化"), section("人才缺乏", ["引才难。"])])
                        ],
                    )
                ],
            ),
        ],
    ),
]


@pytest.mark.parametrize("draft", ROUND_TRIPS, ids=["audit", "long-title", "empty-sections"])
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_round_trip(tmp_path: Path, draft: Draft, fmt: str) -> None:
    out = tmp_path / f"d.{fmt}"
    render_answers(write_answers(tmp_path / "d.yaml", draft), out, templates_option=TEMPLATES)
    (outline,) = outline_paths([out]).outlines
    assert outline.title == draft_title(draft, TEMPLATES)
    expected = []

    def walk(sections: list[DraftSection], depth: int) -> None:
        for ordinal, child in enumerate(sections, start=1):
            expected.append((depth, marker_for(depth, ordinal).strip("、（）."), child.heading))
            walk(child.children, depth + 1)

    walk(draft.sections, 1)
    assert [(h.depth, h.number, h.text) for h in outline.headings()] == expected
    if fmt == "docx":
        assert outline.org == (draft.signature or draft.org)
        assert outline.date == draft.date.isoformat()


def test_outline_json_of_a_rendered_draft(audit_docx: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["outline", str(audit_docx), "--json"])
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    assert document["org"] == "XX县审计局" and document["date"] == "2024-12-20"
    assert document["headings"][2] == {"depth": 3, "number": "1", "marker": "1.", "text": "强化预算执行审计"}


# --- blank skeleton ----------------------------------------------------------------


def test_skeleton_docx(tmp_path: Path) -> None:
    out = blank_skeleton("审计", tmp_path / "s.docx", org="XX县审计局", year=2024, templates_option=TEMPLATES)
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "XX县审计局2024年工作总结"
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == [
        "一、树牢政治机关意识，全面落实党对审计工作的集中统一领导",
        "二、履行审计监督职能，服务经济社会高质量发展",
        "三、存在的问题",
        "四、下一步工作",
    ]
    hints = [p for p in document.paragraphs if p.runs and p.runs[0].font.highlight_color is not None]
    assert any("一般写5个小标题" in p.text for p in hints)
    assert any("参照通用提纲" in p.text for p in hints), "the borrowed section says so"
    assert sum("【参考例句】" in p.text for p in hints) >= 6


def test_skeleton_placeholders_without_org(tmp_path: Path) -> None:
    out = blank_skeleton("shenji", tmp_path / "s.md", templates_option=TEMPLATES)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\n文档: 空白提纲\n文种: 审计\n---\n\n# 【单位名称】【年份】年工作总结")
    assert "> 【写作提示】" in text


@pytest.mark.parametrize(("genre", "message"), [("火星", "没有叫“火星”的文种"), ("行", "可以指")])
def test_skeleton_unknown_genre_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], genre: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["skeleton", genre, "-o", str(tmp_path / "s.docx"), "--templates", str(TEMPLATES)])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and message in err and "审计（shenji）" in err
    assert list(tmp_path.iterdir()) == []


def test_preview_without_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audit_docx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import drafter.output.preview

    monkeypatch.setattr(drafter.output.preview.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit) as exit_info:
        main(["preview", str(audit_docx)])
    assert exit_info.value.code == 1 and "LibreOffice" in capsys.readouterr().err


# --- preview and the page estimate, against LibreOffice --------------------------------

needs_libreoffice = pytest.mark.skipif(
    __import__("shutil").which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)"
)


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        ("仿宋_GB2312", "Noto Serif CJK SC"),
        ("方正小标宋简体", "Noto Serif CJK SC"),
        ("黑体", "Noto Sans CJK SC"),
        ("楷体_GB2312", "AR PL UKai CN"),
        ("宋体", "Noto Serif CJK SC"),
    ],
)
def test_missing_fonts_map_to_the_closest_kind(font: str, expected: str) -> None:
    from drafter.output.preview import font_substitutes

    installed = {"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN", "DejaVu Sans"}
    assert font_substitutes([font], installed) == {font: expected}
    assert font_substitutes([font], installed | {font}) == {}, "an installed font is left alone"
    assert font_substitutes([font], set()) == {}, "no fontconfig: nothing to map"


@needs_libreoffice
def test_preview_substitutes_fonts_and_writes_readable_pages(
    tmp_path: Path, audit_docx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil as sh

    import pdfplumber

    document = tmp_path / "总结.docx"
    sh.copy(audit_docx, document)
    with pytest.raises(SystemExit) as exit_info:
        main(["preview", str(document)])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    folder = tmp_path / "总结-预览"
    assert f"PDF：{folder / '总结.pdf'}" in out and "150 dpi" in out
    pages = sorted(folder.glob("总结-*.png"))
    assert pages and all(p.name in out for p in pages)
    from drafter.output.preview import installed_families

    if "Noto Serif CJK SC" in installed_families() and "黑体" not in installed_families():
        assert "本机没有“黑体”，预览中用“Noto Sans CJK SC”代替" in out
        with pdfplumber.open(folder / "总结.pdf") as pdf:
            faces = {char["fontname"] for page in pdf.pages for char in page.chars}
        assert any("Serif" in f for f in faces) and any("Sans" in f for f in faces), "two kinds of face, not one"
    with pytest.raises(SystemExit):
        main(["preview", str(document)])  # again: the preview folder is drafter's own to replace
    assert capsys.readouterr().out == out
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "总结.pdf").write_bytes(b"my own")
    with pytest.raises(SystemExit) as exit_info:
        main(["preview", str(document), "-o", str(mine)])
    assert exit_info.value.code == 1 and "--force" in capsys.readouterr().err
    assert (mine / "总结.pdf").read_bytes() == b"my own"


def varied_draft(seed: int) -> Draft:
    """A draft of a few pages with figures, Latin letters and run-in headings, different for each seed."""
    import random

    sentences = [
        "全年完成审计项目54个，查出问题金额1.2亿元，推动整改落实到位，促进财政资金提质增效。",
        "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神。",
        "门诊量达到312456人次，同比增长12.5%，住院病人出院8765人次。",
        "建成“一网通办”平台，接入OA系统和APP，办件量2024年累计达到15万件。",
        "一是加强组织领导；二是完善制度机制；三是强化监督检查。",
    ]
    pick = random.Random(seed)
    sections = []
    for number in range(pick.randint(2, 5)):
        children = [
            DraftSection(
                heading=pick.choice(["强化审计监督，提升工作质效", "推进整改", "加强队伍建设"]),
                body=["".join(pick.choices(sentences, k=pick.randint(1, 4))) for _ in range(pick.randint(1, 3))],
            )
            for _ in range(pick.randint(0, 4))
        ]
        body = ["".join(pick.choices(sentences, k=pick.randint(1, 3)))]
        sections.append(DraftSection(heading=f"第{number + 1}部分工作情况", body=body, children=children))
    return Draft(
        org="XX县审计局",
        year=2024,
        date=dt.date(2024, 12, 20),
        preamble=sentences[1] * 2,
        sections=sections,
        closing="新的一年，我们将继续努力。",
    )


@needs_libreoffice
def test_page_estimate_matches_libreoffice(tmp_path: Path) -> None:
    import subprocess

    import pdfplumber

    from drafter.output.render.docx import render_docx
    from drafter.output.render.pages import pages

    estimates = {}
    for seed in range(12):
        blocks = layout_draft(varied_draft(seed), "XX县审计局2024年工作总结")
        (tmp_path / f"d{seed}.docx").write_bytes(render_docx(blocks))
        estimates[seed] = pages(blocks)
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    documents = [str(tmp_path / f"d{seed}.docx") for seed in estimates]
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *documents],
        capture_output=True,
        timeout=300,
        check=True,
    )
    actual = {}
    for seed in estimates:
        with pdfplumber.open(tmp_path / f"d{seed}.pdf") as pdf:
            actual[seed] = len(pdf.pages)
    assert len(set(actual.values())) >= 3, "drafts of several lengths"
    assert all(abs(estimates[s] - actual[s]) <= 1 for s in estimates), (estimates, actual)
    assert sum(estimates[s] == actual[s] for s in estimates) >= 10, (estimates, actual)
