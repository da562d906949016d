"""Blocks -> .docx laid out to GB/T 9704-2012, built on named paragraph styles."""

from __future__ import annotations

import datetime as dt
import io
from html import escape
from typing import Any

from drafter.lazy import lazy_compile
from drafter.output.render.fonts import DEFAULT_FONTS, FontChoice, PageNumberStyle
from drafter.output.render.layout import KIND_NAMES, Block, DocumentInfo

# GB/T 9704-2012: A4, margins, 22 lines of 28 characters, 3号 (16 pt) text.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_DISTANCE_MM = 23  # the page number sits about 7 mm below the text block
TEXT_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_NUMBER_PT = 14.0  # 4号
LINE_PT = 28.95  # 225 mm / 22 lines
TITLE_LINE_PT = 36.0
INDENT_CHARS = 2
SIGNATURE_RIGHT_CHARS = 2  # GB/T 9704-2012 7.3.5.2 (unsealed): 右空二字
_XML_INVALID = lazy_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Characters Unicode shares between Latin and East Asian text: without w:hint="eastAsia" on their run,
# Word draws them in the Latin font (Times New Roman), so “引号”、破折号——和省略号…… look wrong.
SHARED_PUNCTUATION = lazy_compile("[\u2018\u2019\u201c\u201d\u2013\u2014\u2015\u2026\u00b7\u2022]")
EAST_ASIA_HINT = '<w:rFonts w:hint="eastAsia"/>'


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# The order of w:pPr's and w:rPr's children (ECMA-376 Part 1, CT_PPrBase + CT_PPr and CT_RPr; python-docx's own
# sequences, which it keeps inside its classes).
_SCHEMA_ORDER = {
    f"{W}pPr": (
        *("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr"),
        *("suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap"),
        *("overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid"),
        *("spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection"),
        *("textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    ),
    f"{W}rPr": (
        *("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline"),
        *("shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing"),
        *("w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText"),
        *("vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
    ),
}


def schema_child(parent: Any, name: str) -> Any:
    """The w:`name` child of a w:pPr or w:rPr, added where python-docx's get_or_add_`name` puts it (before the
    first of the schema's later children the parent has; last when the schema does not name it): the same element
    in the same place, found in one pass over the children instead of one search per later tag."""
    found = parent.find(f"{W}{name}")
    if found is not None:
        return found
    from docx.oxml import OxmlElement

    child = OxmlElement(f"w:{name}")
    order = _SCHEMA_ORDER.get(parent.tag, ())
    later = order[order.index(name) + 1 :] if name in order else ()
    present = {node.tag for node in parent}
    successor = next((f"{W}{tag}" for tag in later if f"{W}{tag}" in present), None)
    if successor is None:
        parent.append(child)
    else:
        parent.find(successor).addprevious(child)
    return child


def set_paragraph_style(element: Any, style_id: str) -> None:
    """Give a python-docx paragraph element a style (its w:pPr/w:pStyle, as `pPr.style = style_id` writes it)."""
    schema_child(element.get_or_add_pPr(), "pStyle").set(f"{W}val", style_id)


def keep_with_next(element: Any) -> None:
    """Keep a python-docx paragraph element on the page of the next one (`pPr.keepNext_val = True`)."""
    schema_child(element.get_or_add_pPr(), "keepNext").attrib.pop(f"{W}val", None)


def add_east_asia_hint(run_element: Any) -> None:
    """Mark a python-docx run's shared punctuation as East Asian (see SHARED_PUNCTUATION)."""
    schema_child(run_element.get_or_add_rPr(), "rFonts").set(f"{W}hint", "eastAsia")


def hint_east_asia(paragraph: Any) -> Any:
    """Give every run of a python-docx paragraph that holds shared punctuation the East Asian hint."""
    for run in paragraph.runs:
        if SHARED_PUNCTUATION.search(run.text):
            add_east_asia_hint(run._r)
    return paragraph


STYLE_NAMES = {
    "title": "公文标题",
    1: "一级标题",
    2: "二级标题",
    3: "三级标题",
    4: "四级标题",
    "body": "公文正文",
    "signature": "落款",
    "page_number": "页码",
}


def render_docx(blocks: list[Block], fonts: FontChoice | None = None, info: DocumentInfo | None = None) -> bytes:
    """The .docx bytes of a laid-out document: page set up, styles defined, page numbers, the paragraphs, and
    the title, genre (category) and kind (status) in the core properties."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from drafter.output.render.ending import lay_out_ending

    fonts = fonts or DEFAULT_FONTS
    document = base_document(fonts)
    style_ids = {style.name: style.style_id for style in document.styles}
    paragraphs = "".join(_paragraph_xml(block, style_ids, fonts) for block in blocks)
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{paragraphs}</w:body>")
    section_properties = document.element.body.sectPr
    for paragraph in list(fragment):
        section_properties.addprevious(paragraph)
    lay_out_ending(document.element.body, style_ids[STYLE_NAMES["signature"]], style_ids[STYLE_NAMES["body"]])
    _record(document, blocks, info or DocumentInfo())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _record(document: Any, blocks: list[Block], info: DocumentInfo) -> None:
    """Title, genre and kind in the core properties (Word shows them under 文件 > 信息)."""
    properties = document.core_properties
    properties.title = next((b.text for b in blocks if b.kind == "title"), "")
    properties.category = info.genre or ""
    properties.content_status = KIND_NAMES[info.kind]
    if info.target:
        from drafter.reading.read import TARGET_KEYWORD

        properties.keywords = f"{TARGET_KEYWORD}{info.target}"
    else:
        properties.keywords = ""
    properties.author = ""  # not python-docx's name: the unit is the author
    properties.comments = ""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    properties.created = properties.modified = now


def base_document(fonts: FontChoice) -> Any:
    """An empty document with the page set up, the styles defined and page numbers in the footers.

    Built afresh each time (no cache): a render is one per process, and building it straight into the
    document that is then saved avoids a save-and-reopen round trip.
    """
    import docx

    document = docx.Document()
    page_setup(document)
    define_styles(document, fonts)
    page_numbers(document, fonts.page_number_style)
    return document


# --- page ------------------------------------------------------------------------


def page_setup(document: Any) -> None:
    """A4 (a landscape section stays landscape), GB/T 9704 margins, a 22-line grid, in every section."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for section in document.sections:
        width, height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.footer_distance = Mm(FOOTER_DISTANCE_MM)
        sect_pr = section._sectPr
        grid = sect_pr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sect_pr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))


# --- styles ----------------------------------------------------------------------


def set_run_fonts(font: Any, element: Any, east_asia: str, latin: str) -> None:
    """Latin font on w:ascii/w:hAnsi and the Chinese font on w:eastAsia (else Word falls back)."""
    from docx.oxml.ns import qn

    font.name = latin
    r_pr = element.get_or_add_rPr()
    r_fonts = r_pr.get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), east_asia)
    r_fonts.set(qn("w:ascii"), latin)
    r_fonts.set(qn("w:hAnsi"), latin)


def _first_line_chars(paragraph_format: Any, element: Any, chars: int, size: float) -> None:
    """A first-line indent of `chars` characters (Word's firstLineChars plus its length in points)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph_format.first_line_indent = Pt(chars * size)
    ind = element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _paragraph_style(
    document: Any, name: str, east_asia: str, latin: str, size: float, *, bold: bool = False, line: float = LINE_PT
) -> Any:
    """A paragraph style with fonts, size and exact line spacing."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    styles = document.styles
    # A document drafter formatted before already has these styles: they are set again, not added twice.
    style: Any
    found = styles.element.get_by_name(BabelFish.ui2internal(name))  # one lookup, not a walk over every style's name
    if found is None:  # added as styles.add_style adds it, without its second walk over every name
        style = StyleFactory(
            styles.element.add_style_of_type(BabelFish.ui2internal(name), WD_STYLE_TYPE.PARAGRAPH, False)
        )
    elif found.type == WD_STYLE_TYPE.PARAGRAPH:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)  # a character or table style of that name: refused
    style.base_style = styles["Normal"]
    style.quick_style = True
    set_run_fonts(style.font, style.element, east_asia, latin)
    style.font.size = Pt(size)
    style.font.bold = bold
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    return style


def define_styles(document: Any, fonts: FontChoice) -> None:
    """公文标题, 一级标题 … 四级标题, 公文正文, 落款, 页码."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    set_run_fonts(normal.font, normal.element, fonts.body, fonts.latin)
    normal.font.size = Pt(TEXT_PT)

    title = _paragraph_style(document, STYLE_NAMES["title"], fonts.title, fonts.latin, TITLE_PT, line=TITLE_LINE_PT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(LINE_PT)
    levels = {1: fonts.level1, 2: fonts.level2, 3: fonts.level3, 4: fonts.level4}
    for level, font in levels.items():
        bold = level == 3 and fonts.level3_bold
        style = _paragraph_style(document, STYLE_NAMES[level], font, fonts.latin, TEXT_PT, bold=bold)
        _first_line_chars(style.paragraph_format, style.element, INDENT_CHARS, TEXT_PT)
        style.paragraph_format.keep_with_next = level <= 2
        # An outline level lets Word's navigation pane show the tree.
        outline = style.element.get_or_add_pPr()
        lvl = outline.find(qn("w:outlineLvl"))
        if lvl is None:
            from docx.oxml import OxmlElement

            lvl = OxmlElement("w:outlineLvl")
            outline.append(lvl)
        lvl.set(qn("w:val"), str(level - 1))
    body = _paragraph_style(document, STYLE_NAMES["body"], fonts.body, fonts.latin, TEXT_PT)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _first_line_chars(body.paragraph_format, body.element, INDENT_CHARS, TEXT_PT)
    signature = _paragraph_style(document, STYLE_NAMES["signature"], fonts.signature, fonts.latin, TEXT_PT)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.right_indent = Pt(SIGNATURE_RIGHT_CHARS * TEXT_PT)
    signature.paragraph_format.keep_with_next = True  # the signature stays with the date (see ending.py)
    page = _paragraph_style(
        document, STYLE_NAMES["page_number"], fonts.page_number, fonts.page_number, PAGE_NUMBER_PT, line=PAGE_NUMBER_PT
    )
    page.paragraph_format.line_spacing_rule = None
    page.paragraph_format.line_spacing = 1.0


# --- blocks ----------------------------------------------------------------------


def _paragraph_xml(block: Block, style_ids: dict[str, str], fonts: FontChoice) -> str:
    """One block as the XML of one paragraph in its named style. Text is escaped: it is data."""
    if block.kind == "heading":
        style = STYLE_NAMES[block.depth]
        if not block.text:
            return _p(style_ids[style], [_r(block.marker + block.heading)])
        bold = fonts.level3_bold and block.depth == 3
        runs = [
            _r(block.marker + block.heading, "<w:b/>" if bold else ""),
            _r(block.text, '<w:b w:val="0"/>' if bold else ""),
        ]
        return _p(style_ids[style], runs)
    if block.kind == "hint":
        return _p(style_ids[STYLE_NAMES["body"]], [_r(block.text, '<w:highlight w:val="yellow"/>')])
    if block.kind == "title" and block.text:
        from drafter.output.render.title_lines import title_lines  # pages.py imports this module

        return _p(style_ids[STYLE_NAMES["title"]], [_LINE_BREAK.join(_r(line) for line in title_lines(block.text))])
    styles = {"signature": STYLE_NAMES["signature"], "date": STYLE_NAMES["signature"]}
    style = styles.get(block.kind, STYLE_NAMES["body"])
    return _p(style_ids[style], [_r(block.text)] if block.text else [])


_LINE_BREAK = "<w:r><w:br/></w:r>"


def _p(style_id: str, runs: list[str], extra_properties: str = "") -> str:
    """A w:p with a paragraph style."""
    return f'<w:p><w:pPr><w:pStyle w:val="{escape(style_id, quote=False)}"/>{extra_properties}</w:pPr>{"".join(runs)}</w:p>'


# A run's text goes into w:t nodes of at most this many characters: lxml (and so python-docx, and Word's own
# parser) refuses a text node over 10,000,000 bytes, and a run may hold several w:t.
TEXT_NODE_CHARACTERS = 1_000_000


def _r(text: str, properties: str = "") -> str:
    """A w:r holding text as typed (XML-escaped, characters XML cannot hold removed)."""
    if SHARED_PUNCTUATION.search(text):
        properties = EAST_ASIA_HINT + properties  # rFonts comes first in w:rPr
    r_pr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    text = _XML_INVALID.sub("", text)
    nodes = "".join(
        f'<w:t xml:space="preserve">{escape(text[start : start + TEXT_NODE_CHARACTERS], quote=False)}</w:t>'
        for start in range(0, max(len(text), 1), TEXT_NODE_CHARACTERS)
    )
    return f"<w:r>{r_pr}{nodes}</w:r>"


# --- page numbers ----------------------------------------------------------------


def page_numbers(document: Any, style: PageNumberStyle = "gbt9704") -> str:
    """Page numbers in a PAGE field on every page (no different first page), the later sections' footers linked to
    the first's: `— 1 —` odd pages right and even pages left, one character in (gbt9704), `— 1 —` or `1` centred,
    or none. Footers already there are replaced; a header (a letterhead) is kept on every page. Returns the
    letterhead's text ('' for none)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from drafter.output.render.headers import headers_on_every_page

    letterhead = headers_on_every_page(document)
    document.settings.odd_and_even_pages_header_footer = True  # every style fills both footers alike
    section = document.sections[0]
    for index, later in enumerate(document.sections):
        later.different_first_page_header_footer = False
        if index:
            later.footer.is_linked_to_previous = True
            later.even_page_footer.is_linked_to_previous = True
    sides = {"gbt9704": (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)}
    odd, even = sides.get(style, (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.CENTER))
    for footer, alignment in ((section.footer, odd), (section.even_page_footer, even)):
        footer.is_linked_to_previous = False
        for child in list(footer._element):
            footer._element.remove(child)
        paragraph = footer.add_paragraph()  # a footer holds at least one paragraph, even an empty one
        if style == "none":
            continue
        paragraph.style = document.styles[STYLE_NAMES["page_number"]]
        paragraph.alignment = alignment
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
        elif alignment == WD_ALIGN_PARAGRAPH.LEFT:
            paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
        dashes = style != "plain"
        if dashes:
            add_east_asia_hint(paragraph.add_run("— ")._r)
        _page_field(paragraph)
        if dashes:
            add_east_asia_hint(paragraph.add_run(" —")._r)
    return letterhead


def _page_field(paragraph: Any) -> None:
    """A real PAGE field (begin, instruction, separate, cached value, end)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
