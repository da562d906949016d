"""GB/T 9704 layout of a .docx written by anyone: page, margins, fonts, sizes, spacing, indents, page numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.output.check.findings import Finding
from drafter.output.render.docx import LINE_PT, MARGINS_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, TEXT_PT, TITLE_PT

TOLERANCE_MM = 1.0
LINE_RANGE_PT = (28.0, 29.5)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def style_chain(style: Any) -> list[Any]:
    """A paragraph style and the styles it is based on."""
    chain: list[Any] = []
    while style is not None and len(chain) < 10:
        chain.append(style)
        style = style.base_style
    return chain


def effective_run(document: Any, paragraph: Any, run: Any | None = None) -> dict[str, Any]:
    """East Asian font, Latin font, size (pt) and bold as Word resolves them: run, style chain, defaults."""
    result: dict[str, Any] = {}
    sources = ([run.element] if run is not None else []) + [s.element for s in style_chain(paragraph.style)]
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault")
    if defaults is not None:
        sources.append(defaults)
    for element in sources:
        r_pr = element.find(f"{W}rPr")
        if r_pr is None:
            continue
        fonts = r_pr.find(f"{W}rFonts")
        if fonts is not None:
            if fonts.get(f"{W}eastAsia"):
                result.setdefault("east_asia", fonts.get(f"{W}eastAsia"))
            if fonts.get(f"{W}ascii"):
                result.setdefault("latin", fonts.get(f"{W}ascii"))
        size = r_pr.find(f"{W}sz")
        if size is not None:
            result.setdefault("size", int(size.get(f"{W}val")) / 2)
        bold = r_pr.find(f"{W}b")
        if bold is not None:
            result.setdefault("bold", bold.get(f"{W}val", "true") not in ("0", "false"))
    return result


def effective_format(paragraph: Any, name: str) -> Any:
    """A paragraph format property from the paragraph or its style chain."""
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for style in style_chain(paragraph.style):
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
    return None


def _first_line_chars(paragraph: Any) -> float | None:
    """The first-line indent in characters (from firstLineChars, or the length at 3号)."""
    for element in [paragraph._p] + [s.element for s in style_chain(paragraph.style)]:
        ind = element.find(f"{W}pPr/{W}ind")
        if ind is not None and ind.get(f"{W}firstLineChars"):
            return int(ind.get(f"{W}firstLineChars")) / 100
    indent = effective_format(paragraph, "first_line_indent")
    return indent.pt / TEXT_PT if indent is not None else None


def check_layout(path: Path) -> list[Finding]:
    """Layout findings of a .docx (empty for other files)."""
    if path.suffix.lower() != ".docx":
        return []
    from drafter.reading.read import open_docx

    document = open_docx(path)
    findings = _page(document)
    findings += _paragraphs(document)
    findings += _page_numbers(document)
    return findings


def _page(document: Any) -> list[Finding]:
    """A4 and the GB/T 9704 margins."""
    section = document.sections[0]
    findings = []
    if (
        abs(section.page_width.mm - PAGE_WIDTH_MM) > TOLERANCE_MM
        or abs(section.page_height.mm - PAGE_HEIGHT_MM) > TOLERANCE_MM
    ):
        findings.append(
            Finding(
                "layout-paper",
                "warning",
                f"纸张为 {section.page_width.mm:.0f}×{section.page_height.mm:.0f} mm，不是 A4。",
                suggestion="页面设置改为 A4（210×297 mm）。",
            )
        )
    actual = {
        "top": section.top_margin,
        "bottom": section.bottom_margin,
        "left": section.left_margin,
        "right": section.right_margin,
    }
    names = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
    for side, expected in MARGINS_MM.items():
        value = actual[side].mm if actual[side] is not None else 0
        if abs(value - expected) > TOLERANCE_MM:
            findings.append(
                Finding(
                    "layout-margin",
                    "warning",
                    f"{names[side]}页边距 {value:.0f} mm，公文格式为 {expected} mm。",
                    suggestion=f"页面设置中把{names[side]}边距改为 {expected} mm。",
                )
            )
    return findings


def _kind(text: str, index: int) -> str:
    """title, level1, level2 or body, from the text a reader sees."""
    from drafter.output.check.numbering import nominal_level

    if index == 0:
        return "title"
    level = nominal_level(text[:6])
    return {1: "level1", 2: "level2"}.get(level or 0, "body")


EXPECTED_FONT = {"title": "小标宋", "level1": "黑体", "level2": "楷体", "body": "仿宋"}
KIND_NAMES = {"title": "标题", "level1": "一级标题", "level2": "二级标题", "body": "正文"}


def _paragraphs(document: Any) -> list[Finding]:
    """Fonts, sizes, line spacing and indents, reported once per kind of paragraph."""
    findings = []
    reported: set[tuple[str, str]] = set()
    non_empty = [(i, p) for i, p in enumerate(document.paragraphs, start=1) if p.text.strip()]
    for position, (index, paragraph) in enumerate(non_empty):
        kind = _kind(paragraph.text.strip(), position)
        if position == len(non_empty) - 1 or (len(paragraph.text.strip()) < 12 and kind == "body"):
            continue  # the date and the signature are checked by eye
        run = next((r for r in paragraph.runs if r.text.strip()), None)
        resolved = effective_run(document, paragraph, run)
        font = resolved.get("east_asia") or ""
        size = resolved.get("size")
        expected_size = TITLE_PT if kind == "title" else TEXT_PT
        problems = []
        if EXPECTED_FONT[kind] not in font:
            problems.append(
                (
                    "font",
                    f"字体是“{font or '未设置'}”，应为{EXPECTED_FONT[kind]}类字体",
                    f"设为{EXPECTED_FONT[kind]}（如 仿宋_GB2312）",
                )
            )
        if size is not None and abs(size - expected_size) > 0.5:
            problems.append(("size", f"字号 {size:g} 磅，应为 {expected_size:g} 磅", f"改为 {expected_size:g} 磅"))
        if kind == "body":
            spacing = effective_format(paragraph, "line_spacing")
            if hasattr(spacing, "pt") and not LINE_RANGE_PT[0] <= spacing.pt <= LINE_RANGE_PT[1]:
                problems.append(
                    ("spacing", f"行距 {spacing.pt:.1f} 磅，公文为固定值约 {LINE_PT} 磅", "段落行距设为固定值 28.95 磅")
                )
            chars = _first_line_chars(paragraph)
            if chars is None or abs(chars - 2) > 0.3:
                problems.append(("indent", "首行没有缩进 2 字", "段落首行缩进 2 字符"))
        for code, message, suggestion in problems:
            if (kind, code) in reported:
                continue
            reported.add((kind, code))
            findings.append(
                Finding(
                    f"layout-{code}",
                    "warning",
                    f"{KIND_NAMES[kind]}“{paragraph.text.strip()[:12]}”{message}。",
                    index,
                    "",
                    suggestion + "（同类段落一并修改）。",
                )
            )
    return findings


def _page_numbers(document: Any) -> list[Finding]:
    """A PAGE field in the footer (both footers when odd and even pages differ)."""
    section = document.sections[0]
    footers = [section.footer]
    if document.settings.odd_and_even_pages_header_footer:
        footers.append(section.even_page_footer)
    for footer in footers:
        xml = "".join(p._p.xml for p in footer.paragraphs)
        if "PAGE" not in xml:
            return [
                Finding(
                    "layout-page-number",
                    "warning",
                    "页脚里没有页码域。",
                    suggestion="插入页码：4 号宋体“— 1 —”，单页居右、双页居左。",
                )
            ]
    return []
