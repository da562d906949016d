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


class ParagraphStyles:
    """The paragraph style of each paragraph, looked up in a table read once (python-docx searches every style
    of the document for each paragraph that has none of its own)."""

    def __init__(self, document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.by_id = {s.style_id: s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}

    def of(self, paragraph: Any) -> Any:
        """The style python-docx's `paragraph.style` gives, without the search."""
        return self.by_id.get(paragraph._p.style, self.default)


def effective_run(document: Any, paragraph: Any, run: Any | None = None, style: Any = None) -> dict[str, Any]:
    """East Asian font, Latin font, size (pt) and bold as Word resolves them: run, style chain, defaults."""
    result: dict[str, Any] = {}
    style = paragraph.style if style is None else style
    sources = ([run.element] if run is not None else []) + [s.element for s in style_chain(style)]
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


def effective_format(paragraph: Any, name: str, style: Any = None) -> Any:
    """A paragraph format property from the paragraph or its style chain."""
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for link in style_chain(paragraph.style if style is None else style):
        value = getattr(link.paragraph_format, name)
        if value is not None:
            return value
    return None


def _first_line_chars(paragraph: Any, style: Any) -> float | None:
    """The first-line indent in characters (from firstLineChars, or the length at 3号)."""
    for element in [paragraph._p] + [s.element for s in style_chain(style)]:
        ind = element.find(f"{W}pPr/{W}ind")
        if ind is not None and ind.get(f"{W}firstLineChars"):
            return int(ind.get(f"{W}firstLineChars")) / 100
    indent = effective_format(paragraph, "first_line_indent", style)
    return indent.pt / TEXT_PT if indent is not None else None


def check_layout(path: Path) -> list[Finding]:
    """Layout findings of a .docx (empty for other files)."""
    if path.suffix.lower() != ".docx":
        return []
    from drafter.reading.read import open_docx

    document = open_docx(path)
    findings = _page(document)
    findings += _paragraphs(document)
    findings += _ending(document)
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


def _kinds(document: Any) -> dict[Any, str]:
    """title, level1, level2, body, or skip (版头, 目录, 主送, signature, date: laid out apart) for each paragraph,
    as drafter reads the document (the places `drafter format` lays it out by): a heading's font follows the
    marker written (第一部分 and 一、 黑体, （一） 楷体), or its depth when it has none."""
    from drafter.output.check.numbering import nominal_level
    from drafter.output.formatting.places import Place, key, place_paragraphs
    from drafter.reading.read import docx_records

    records = [r for r in docx_records(document) if r.element.tag == f"{W}p" and r.pieces]
    places = place_paragraphs([piece for record in records for piece in record.pieces])
    kinds: dict[Any, str] = {}
    for record in records:
        place = places.get(key(record.pieces[0]), Place("body"))
        if place.kind == "heading":
            level = nominal_level(record.pieces[0].text.strip()) if place.marker else place.depth
            # 第一部分 stands above 一、 and is set like it.
            kinds[record.element] = {0: "level1", 1: "level1", 2: "level2"}.get(-1 if level is None else level, "body")
        elif place.kind in ("title", "body"):
            kinds[record.element] = place.kind
        else:
            kinds[record.element] = "skip"
    return kinds


EXPECTED_FONT = {"title": "小标宋", "level1": "黑体", "level2": "楷体", "body": "仿宋"}
KIND_NAMES = {"title": "标题", "level1": "一级标题", "level2": "二级标题", "body": "正文"}


def _paragraphs(document: Any) -> list[Finding]:
    """Fonts, sizes, line spacing and indents, reported once per kind of paragraph."""
    findings = []
    reported: set[tuple[str, str]] = set()
    styles = ParagraphStyles(document)
    kinds = _kinds(document)
    texts = [(i, p, p.text.strip()) for i, p in enumerate(document.paragraphs, start=1)]
    non_empty = [(i, p, text) for i, p, text in texts if text]
    for position, (index, paragraph, text) in enumerate(non_empty):
        kind = kinds.get(paragraph._p, "body")
        if kind == "skip" or position == len(non_empty) - 1 or (len(text) < 12 and kind == "body"):
            continue  # the date and the signature are checked by eye
        style = styles.of(paragraph)
        run = next((r for r in paragraph.runs if r.text.strip()), None)
        resolved = effective_run(document, paragraph, run, style)
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
            spacing = effective_format(paragraph, "line_spacing", style)
            if hasattr(spacing, "pt") and not LINE_RANGE_PT[0] <= spacing.pt <= LINE_RANGE_PT[1]:
                problems.append(
                    ("spacing", f"行距 {spacing.pt:.1f} 磅，公文为固定值约 {LINE_PT} 磅", "段落行距设为固定值 28.95 磅")
                )
            chars = _first_line_chars(paragraph, style)
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
                    f"{KIND_NAMES[kind]}“{text[:12]}”{message}。",
                    index,
                    "",
                    suggestion + "（同类段落一并修改）。",
                )
            )
    return findings


# How far a line may sit from where GB/T 9704 puts it, in characters: widths are estimated from the text.
ENDING_TOLERANCE_CHARS = 0.75
ENDING_LOOKBACK = 8  # the date is among the last paragraphs (附件说明 and 版记 may follow it)


def _ending(document: Any) -> list[Finding]:
    """The 落款 placed as GB/T 9704-2012 §7.3.5 has it: unsealed (7.3.5.2: the signature 右空二字, the date's
    first character two to the right of the signature's, a longer date 右空二字) or sealed (7.3.5.1: the date
    右空四字, the signature centred over it)."""
    from drafter.output.render.ending import DATE_SHIFT_CHARS, RIGHT_SPACE_CHARS, is_date_line

    section = document.sections[0]
    line = (section.page_width - section.left_margin - section.right_margin) / 12700 / TEXT_PT
    written = [(number, p) for number, p in enumerate(document.paragraphs, start=1) if p.text.strip()]
    last = written[-ENDING_LOOKBACK:]
    dates = [i for i, (_, p) in enumerate(last) if is_date_line(p.text.strip())]
    if not dates:
        return []
    number, date = last[dates[-1]]
    above = last[dates[-1] - 1][1] if dates[-1] else None
    signature = above if above is not None and _is_signature_line(above.text.strip()) else None
    date_start, date_space = _position(date, line)
    if signature is None:
        fits = any(abs(date_space - r) <= ENDING_TOLERANCE_CHARS for r in (RIGHT_SPACE_CHARS, SEALED_DATE_CHARS))
        described = f"成文日期右空 {date_space:.0f} 字"
    else:
        start, space = _position(signature, line)
        tolerance = ENDING_TOLERANCE_CHARS
        unsealed = (
            abs(min(space, date_space) - RIGHT_SPACE_CHARS) <= tolerance
            and min(space, date_space) >= RIGHT_SPACE_CHARS - tolerance
            and abs(date_start - start - DATE_SHIFT_CHARS) <= tolerance
        )
        middle = (line - space + start) / 2, (line - date_space + date_start) / 2
        sealed = abs(date_space - SEALED_DATE_CHARS) <= tolerance and abs(middle[0] - middle[1]) <= tolerance
        fits = unsealed or sealed
        described = (
            f"署名右空 {space:.1f} 字，成文日期右空 {date_space:.1f} 字，日期首字比署名首字"
            f"{'右' if date_start >= start else '左'}移 {abs(date_start - start):.1f} 字"
        )
    if fits:
        return []
    return [
        Finding(
            "layout-signature",
            "warning",
            f"落款位置不合 GB/T 9704-2012 7.3.5：{described}。",
            number,
            "",
            "不加盖印章时，署名右空二字，下一行成文日期首字比署名首字右移二字（日期较长时日期右空二字）；"
            "加盖印章时成文日期右空四字，署名以日期为准居中。drafter format 可一并改正。",
        )
    ]


SEALED_DATE_CHARS = 4  # 7.3.5.1: 成文日期一般右空四字


def _is_signature_line(text: str) -> bool:
    """A short line with no sentence in it: the signature above a date."""
    return 0 < len(text) <= 30 and not any(mark in text for mark in "。，；！？")


def _position(paragraph: Any, line: float) -> tuple[float, float]:
    """Where a one-line paragraph starts and how much space is left right of it, in characters."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from drafter.output.render.ending import ems

    text = paragraph.text.rstrip()
    width = ems(text)
    left = _indent_chars(paragraph, "left") + _indent_chars(paragraph, "firstLine")
    right = _indent_chars(paragraph, "right")
    alignment = effective_format(paragraph, "alignment")
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        start = line - right - width
    elif alignment == WD_ALIGN_PARAGRAPH.CENTER:
        start = left + (line - left - right - width) / 2
    else:
        start = left
    return start + (width - ems(text.lstrip(" \u3000\t"))), line - start - width


_LOGICAL_SIDE = {"left": "start", "right": "end"}  # the names newer Word writes


def _indent_chars(paragraph: Any, side: str) -> float:
    """An indent in characters, from the paragraph or its styles (Word's ...Chars values first)."""
    for element in [paragraph._p] + [s.element for s in style_chain(paragraph.style)]:
        ind = element.find(f"{W}pPr/{W}ind")
        if ind is None:
            continue
        chars = ind.get(f"{W}{side}Chars")
        if chars is not None:
            return int(chars) / 100
        twips = ind.get(f"{W}{side}") or ind.get(f"{W}{_LOGICAL_SIDE.get(side, side)}")
        if twips is not None:
            return int(twips) / 20 / TEXT_PT
    return 0.0


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
