"""A .docx someone typed, laid out to GB/T 9704 in place: its paragraphs put into drafter's styles by their place
in the outline, its text normalised run by run; tables, images, footnotes and text boxes kept."""

from __future__ import annotations

import itertools
from collections.abc import Collection
from typing import Any

from drafter.lazy import lazy_compile
from drafter.output.formatting.normalise import Edit, apply_to_pieces
from drafter.output.formatting.places import Key, Place, key, place_paragraphs, title_of
from drafter.output.formatting.report import FormatReport
from drafter.output.render.docx import (
    SHARED_PUNCTUATION,
    STYLE_NAMES,
    TEXT_PT,
    W,
    add_east_asia_hint,
    define_styles,
    keep_with_next,
    page_numbers,
    page_setup,
    schema_child,
    set_paragraph_style,
)
from drafter.output.render.ending import lay_out_ending
from drafter.output.render.fonts import FontChoice
from drafter.output.render.headers import has_content, story_text
from drafter.reading.read import DocxRecord, docx_records

# Run properties that are hand-set looks (fonts, sizes, colours, emphasis); the styles decide these.
_RUN_LOOKS = (
    "rFonts",
    "sz",
    "szCs",
    "color",
    "highlight",
    "shd",
    "b",
    "bCs",
    "i",
    "iCs",
    "u",
    "spacing",
    "w",
    "kern",
    "position",
    "effect",
    "em",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
)
# Paragraph properties kept: the style, a section break, change tracking, right-to-left direction (Uyghur, Arabic).
_PARAGRAPH_KEEPS = ("pStyle", "sectPr", "pPrChange", "numPr", "bidi")
_OBJECTS = {
    "table": (f"{W}tbl",),
    "image": (f"{W}drawing", f"{W}pict", f"{W}object"),
    "footnote": (f"{W}footnoteReference", f"{W}endnoteReference"),
    "textbox": (f"{W}txbxContent",),
}
_TEXT_NODES = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")
_SINGLE = "240"


def format_document(document: Any, steps: Collection[str], fonts: FontChoice) -> tuple[FormatReport, str | None]:
    """Lay the document out and normalise its text; what was done, and its title as read before."""
    report = FormatReport()
    records = docx_records(document)
    pieces = [piece for record in records for piece in record.pieces if record.element.tag == f"{W}p"]
    places = place_paragraphs(pieces)
    define_styles(document, fonts)
    style_ids = {style.name: style.style_id for style in document.styles}
    _count_objects(document.element.body, report)
    for number, record in enumerate(records, start=1):
        if record.element.tag == f"{W}tbl":
            _format_table(record.element, number, steps, report)
            continue
        for element, place in _split_if_needed(record, places):
            _format_paragraph(element, place, record.prefix, number, steps, style_ids, report)
    if "blank-lines" in steps:
        _remove_blank_paragraphs(document, style_ids[STYLE_NAMES["signature"]], report)
    _close_title_lines(document.element.body, style_ids[STYLE_NAMES["title"]])
    _break_long_title(document.element.body, style_ids[STYLE_NAMES["title"]])
    lay_out_ending(document.element.body, style_ids[STYLE_NAMES["signature"]], style_ids[STYLE_NAMES["body"]])
    page_setup(document)
    report.footers_replaced = replaced_footers(document)
    report.letterhead = page_numbers(document, fonts.page_number_style)
    return report, title_of(pieces, places)


# A footer that is only a page number (1, - 1 -, — 1 —) is not worth telling about when it is replaced.
_BARE_PAGE_NUMBER = lazy_compile(r"[—–\-－\s]*\d*[—–\-－\s]*")


def replaced_footers(document: Any) -> list[str]:
    """The footers a page showed that drafter's page number will replace, each by its text (a picture as
    （图片）), bare page numbers left out."""
    found: list[str] = []
    for section in document.sections:
        shown = [section.footer]
        shown += [section.first_page_footer] if section.different_first_page_header_footer else []
        shown += [section.even_page_footer] if document.settings.odd_and_even_pages_header_footer else []
        for footer in shown:
            if footer.is_linked_to_previous or not has_content(footer):
                continue
            text = story_text(footer) or "（图片）"
            if not _BARE_PAGE_NUMBER.fullmatch(text) and text not in found:
                found.append(text)
    return found


def _count_objects(body: Any, report: FormatReport) -> None:
    """How many tables, images, footnotes and text boxes the document holds (all are kept)."""
    for name, tags in _OBJECTS.items():
        report.kept[name] = sum(1 for _ in body.iter(*tags))


def _has_objects(element: Any) -> bool:
    """A paragraph holding an image, a note reference, a text box or a field: it is edited, never rebuilt."""
    tags = [tag for name, tags in _OBJECTS.items() if name != "table" for tag in tags]
    return any(True for _ in element.iter(*tags, f"{W}fldChar", f"{W}fldSimple"))


# --- paragraphs --------------------------------------------------------------------


def _split_if_needed(record: DocxRecord, places: dict[Key, Place]) -> list[tuple[Any, Place | None]]:
    """The paragraph and its place; one holding several lines of different kinds (headings typed one after
    another, a heading and its body split by a soft line break or a run of tabs), or a list's items, becomes one
    paragraph a line (each item then indented as body text): its runs and all the markup around them (hyperlinks,
    bookmarks, symbols, comment anchors, tracked changes) moved, not retyped."""
    element = record.element
    found = [places.get(key(piece)) for piece in record.pieces]
    kinds = {(p.kind, p.depth) if p else None for p in found}
    items = sum(1 for p in found if p is not None and p.kind == "body" and p.new_marker)
    if len(record.pieces) < 2 or (len(kinds) < 2 and items < 2) or record.prefix or _has_objects(element):
        return [(element, found[0] if found else None)]
    made = split_paragraph(element, [piece.text for piece in record.pieces])
    if made is None:
        return [(element, found[0])]  # the pieces could not be found in the runs: left whole, nothing lost
    return list(zip(made, found, strict=True))


def split_paragraph(element: Any, pieces: list[str]) -> list[Any] | None:
    """The paragraph cut into one paragraph a piece (the pieces the reader found in its text), by moving its
    content: the line breaks and tabs between pieces are dropped, everything else goes with the text it stands
    beside.
    None when the pieces are not the paragraph's text as stored (nothing is changed then)."""
    from drafter.reading.read import piece_spans

    nodes = _text_nodes(element)
    text = "".join(piece for _, piece in nodes)
    spans = piece_spans(text)
    if [_squeezed(text[a:b]) for a, b in spans] != [_squeezed(piece) for piece in pieces]:
        return None
    starts = _spans([piece for _, piece in nodes])
    cuts = []
    for (_, previous_end), (start, _) in itertools.pairwise(spans):
        breaks = [
            node
            for (node, piece), (at, _) in zip(nodes, starts, strict=True)
            if piece in ("\n", "\t") and previous_end <= at < start
        ]
        cuts.append(("break", breaks) if breaks else ("text", _node_at(nodes, starts, start)))
    paragraphs = [element]
    touched: list[Any] = []
    ids = _IdSource(element)
    for kind, where in reversed(cuts):
        if kind == "break":
            first, *others = where
            for other in others:
                other.getparent().remove(other)
            parent, index = first.getparent(), first.getparent().index(first)
            parent.remove(first)
        else:
            node, offset = where
            parent, index = _cut_text(node, offset)
        paragraphs.insert(1, _split_up(element, parent, index, touched, ids))
    for node in touched:
        if node.getparent() is not None and not any(child.tag not in _PROPERTIES for child in node):
            node.getparent().remove(node)
    section_properties = element.find(f"{W}pPr/{W}sectPr")
    if section_properties is not None:
        paragraphs[-1].get_or_add_pPr().append(section_properties)
    return paragraphs


# Children that describe their parent rather than hold content: they are copied into each part of a split.
_PROPERTIES = frozenset(f"{W}{name}" for name in ("rPr", "pPr", "smartTagPr", "sdtPr", "sdtEndPr", "customXmlPr"))


def _squeezed(text: str) -> str:
    """Text without white space and control characters (to compare what was read with what is stored)."""
    from drafter.reading.patterns import strip_controls

    return "".join(strip_controls(text).split())


def _node_at(nodes: list[tuple[Any, str]], starts: list[tuple[int, int]], offset: int) -> tuple[Any, int]:
    """The text node holding the character at `offset`, and where in it."""
    for (node, _), (start, end) in zip(nodes, starts, strict=True):
        if start <= offset < end and node.tag == f"{W}t":
            return node, offset - start
    raise ValueError(offset)  # piece_spans starts every piece at a visible character, which a w:t holds


def _cut_text(node: Any, offset: int) -> tuple[Any, int]:
    """Cut a w:t at `offset` (into two w:t of the same run); the run and the index its second part starts at."""
    run = node.getparent()
    index = run.index(node)
    if offset == 0:
        return run, index
    from docx.oxml import OxmlElement

    rest = OxmlElement("w:t")
    rest.text = node.text[offset:]
    node.text = node.text[:offset]
    for part in (node, rest):
        part.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    node.addnext(rest)
    return run, index + 1


def _split_up(paragraph: Any, parent: Any, index: int, touched: list[Any], ids: _IdSource) -> Any:
    """Move the children of `parent` from `index` on, and everything after them up to the paragraph, into a new
    paragraph placed after it: each element on the way is split in two (a run, a hyperlink, a tracked insertion
    …), the second part a copy of the first's tag, attributes and properties."""
    import copy

    from docx.oxml import OxmlElement

    node = parent
    while node is not paragraph:
        twin = _empty_twin(node, ids)
        for child in list(node)[index:]:
            if child.tag not in _PROPERTIES:
                twin.append(child)
        touched += [node, twin]
        outer = node.getparent()
        index = outer.index(node) + 1
        outer.insert(index, twin)
        node = outer
    new = OxmlElement("w:p")
    properties = paragraph.find(f"{W}pPr")
    if properties is not None:
        copied = copy.deepcopy(properties)
        for section in copied.findall(f"{W}sectPr"):
            copied.remove(section)
        new.append(copied)
    for child in list(paragraph)[index:]:
        if child.tag != f"{W}pPr":
            new.append(child)
    paragraph.addnext(new)
    return new


def _empty_twin(node: Any, ids: _IdSource) -> Any:
    """A copy of an element's tag, attributes and properties, without its content (a revision gets its own id)."""
    import copy

    twin = node.makeelement(node.tag, dict(node.attrib))
    for child in node:
        if child.tag in _PROPERTIES:
            twin.append(copy.deepcopy(child))
    if twin.get(f"{W}id") is not None:
        twin.set(f"{W}id", ids.next())
    return twin


class _IdSource:
    """Fresh w:id values for the revisions a split makes (ids already in the document are never reused)."""

    def __init__(self, element: Any) -> None:
        root = element.getroottree().getroot()
        values = (node.get(f"{W}id") for node in root.iter())
        self.last = max((int(v) for v in values if v is not None and v.isdigit()), default=0)

    def next(self) -> str:
        """An id no element of the document has."""
        self.last += 1
        return str(self.last)


def _format_paragraph(
    element: Any,
    place: Place | None,
    prefix: str,
    number: int,
    steps: Collection[str],
    style_ids: dict[str, str],
    report: FormatReport,
) -> None:
    """One body paragraph: its list number written as text, its style set by its place, its text normalised."""
    if place is None:
        if _has_objects(element):
            _object_paragraph(element, report)
        return
    if place.kind in ("head", "after"):
        # Only a 目录 entry is renumbered here (with its heading); the rest keeps the look it was typed in.
        _normalise_runs(element, number, steps, place if place.new_marker else None, report)
        return
    _write_list_number(element, prefix, report)
    _normalise_runs(element, number, steps, place, report)
    _clear_looks(element, report)
    style = _style_name(place)
    report.parts[place.part] += 1
    set_paragraph_style(element, style_ids[style])
    if place.kind == "heading" and place.whole:
        # A heading standing alone never ends a page apart from its text (the styles keep only 一、 and
        # （一） with the next paragraph, as a 1. or （1） heading may run its body in).
        keep_with_next(element)
    if place.kind == "addressee":
        _first_line_indent(element, 0)
    if _has_objects(element) and any(True for _ in element.iter(*_OBJECTS["image"])):
        _single_spacing(element.get_or_add_pPr())  # a fixed line would clip the picture


def _style_name(place: Place) -> str:
    """The drafter style of a place: the same styles `drafter render` writes."""
    if place.kind == "heading":
        return STYLE_NAMES[place.depth]
    if place.kind == "title":
        return STYLE_NAMES["title"]
    if place.kind in ("signature", "date"):
        return STYLE_NAMES["signature"]
    return STYLE_NAMES["body"]


def _object_paragraph(element: Any, report: FormatReport) -> None:
    """A paragraph holding only an image or the like: centred, single spacing (a fixed line would clip it)."""
    _set_properties(element, [])
    p_pr = element.get_or_add_pPr()
    _single_spacing(p_pr)
    _first_line_indent(element, 0)
    jc = schema_child(p_pr, "jc")
    jc.set(f"{W}val", "center")


def _write_list_number(element: Any, prefix: str, report: FormatReport) -> None:
    """Word's automatic list number (`prefix`, as read) as text at the start of the paragraph: drafter's styles
    number nothing."""
    if not prefix:
        return  # a bullet, or no list at all: left as it is
    num_pr = element.find(f"{W}pPr/{W}numPr")
    if num_pr is not None:
        num_pr.getparent().remove(num_pr)
    run = _text_run(prefix)
    first_run = element.find(f"{W}r")
    if first_run is not None:
        first_run.addprevious(run)
    else:
        element.append(run)
    report.numbers_written += 1


def _text_run(text: str) -> Any:
    """A plain w:r holding `text`, spaces kept."""
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    node = OxmlElement("w:t")
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(node)
    return run


def _clear_looks(element: Any, report: FormatReport) -> None:
    """Hand-set paragraph formatting and run looks cleared (note references keep their superscript); runs holding
    shared punctuation get the East Asian hint."""
    _set_properties(element, [])
    cleared = False
    for run in _own_runs(element):
        r_pr = run.find(f"{W}rPr")
        note = run.find(f"{W}footnoteReference") is not None or run.find(f"{W}endnoteReference") is not None
        for child in list(r_pr) if r_pr is not None else []:
            name = child.tag.replace(W, "")
            if name in _RUN_LOOKS or (name == "rStyle" and not note):
                r_pr.remove(child)
                cleared = True
        _hint(run)
    if cleared:
        report.runs_cleared += 1


def _hint(run: Any) -> None:
    """The East Asian font hint on a run holding “” —— …… (else they are drawn in the Latin font)."""
    text = "".join(t.text or "" for t in run.findall(f"{W}t"))
    if SHARED_PUNCTUATION.search(text):
        add_east_asia_hint(run)


def _own_runs(element: Any) -> list[Any]:
    """The runs of a paragraph that are its own text (in hyperlinks and tracked insertions too, not in text boxes)."""
    return [run for run in element.iter(f"{W}r") if not _in_textbox(run, element)]


def _in_textbox(node: Any, paragraph: Any) -> bool:
    """True when a node sits inside a text box (or a drawing's fallback copy) of the paragraph."""
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in (f"{W}txbxContent", f"{W}drawing", f"{W}pict") or parent.tag.endswith("}Fallback"):
            return True
        parent = parent.getparent()
    return False


def _text(element: Any) -> str:
    """The paragraph's own text."""
    return "".join(piece for _, piece in _text_nodes(element))


def _text_nodes(element: Any) -> list[tuple[Any, str]]:
    """The paragraph's own text nodes in order, with the text each contributes (tabs and breaks as \\t, \\n)."""
    nodes = []
    for node in element.iter(*_TEXT_NODES):
        if _in_textbox(node, element):
            continue
        if node.tag == f"{W}t":
            nodes.append((node, node.text or ""))
        elif node.tag == f"{W}tab" and node.getparent().tag == f"{W}r":
            nodes.append((node, "\t"))
        elif node.tag in (f"{W}br", f"{W}cr"):
            nodes.append((node, "\n"))
    return nodes


def _normalise_runs(
    element: Any, number: int, steps: Collection[str], place: Place | None, report: FormatReport
) -> None:
    """The normalisations made to the paragraph's text where it is stored (run by run), and recorded."""
    nodes = _text_nodes(element)
    pieces = [piece for _, piece in nodes]
    text = "".join(pieces)
    renumbering, heading_end = (place.renumbering, place.bare_heading) if place else (None, False)
    edits = report.normalise(number, text, steps, renumbering, heading_end=heading_end)
    # Tabs and line breaks are not text to edit: an edit touching one is dropped, but for blanks deleted
    # (a paragraph indented with tabs). Each is one character: looked up by position, not searched for.
    fixed = {start: nodes[i] for i, (start, _) in enumerate(_spans(pieces)) if nodes[i][0].tag != f"{W}t"}
    edits = [
        e for e in edits if not any(p in fixed and not _deletes_tab(e, fixed[p], text) for p in range(e.start, e.end))
    ]
    report.record(number, text, edits)
    if not edits:
        return
    for (node, _), new in zip(nodes, apply_to_pieces(pieces, edits), strict=True):
        if node.tag == f"{W}t":
            node.text = new
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif node.tag == f"{W}tab" and not new:
            node.getparent().remove(node)


def _deletes_tab(edit: Edit, node: tuple[Any, str], text: str) -> bool:
    """An edit that deletes blanks, a tab among them."""
    return node[0].tag == f"{W}tab" and not edit.new and not text[edit.start : edit.end].strip()


def _spans(pieces: list[str]) -> list[tuple[int, int]]:
    """Where each piece sits in the joined text."""
    spans = []
    position = 0
    for piece in pieces:
        spans.append((position, position + len(piece)))
        position += len(piece)
    return spans


# --- tables ------------------------------------------------------------------------


def _format_table(table: Any, number: int, steps: Collection[str], report: FormatReport) -> None:
    """A table kept as it is (widths, borders, merged cells), its text in the body font at single spacing so
    that the 公文 fixed line does not blow its rows up, its text normalised."""
    for paragraph in table.iter(f"{W}p"):
        p_pr = paragraph.get_or_add_pPr()
        for name in ("spacing", "ind"):
            for child in p_pr.findall(f"{W}{name}"):
                p_pr.remove(child)
        _single_spacing(p_pr)
        _first_line_indent(paragraph, 0)
        for run in _own_runs(paragraph):
            r_pr = run.find(f"{W}rPr")
            fonts = r_pr.find(f"{W}rFonts") if r_pr is not None else None
            if fonts is not None:
                r_pr.remove(fonts)
            _hint(run)
        _normalise_runs(paragraph, number, [s for s in steps if s != "numbering"], None, report)


# --- properties --------------------------------------------------------------------


def _set_properties(element: Any, keep_also: list[str]) -> None:
    """Remove the paragraph's direct formatting but its style, section break and what `keep_also` names."""
    p_pr = element.find(f"{W}pPr")
    if p_pr is None:
        return
    for child in list(p_pr):
        if child.tag.replace(W, "") not in (*_PARAGRAPH_KEEPS, *keep_also):
            p_pr.remove(child)


def _single_spacing(p_pr: Any) -> None:
    """Single line spacing, no space before or after."""
    spacing = schema_child(p_pr, "spacing")
    for name in list(spacing.attrib):
        del spacing.attrib[name]
    spacing.set(f"{W}line", _SINGLE)
    spacing.set(f"{W}lineRule", "auto")
    spacing.set(f"{W}before", "0")
    spacing.set(f"{W}after", "0")


def _first_line_indent(element: Any, chars: int) -> None:
    """A first-line indent of `chars` characters set on the paragraph itself."""
    ind = schema_child(element.get_or_add_pPr(), "ind")
    ind.set(f"{W}firstLine", str(round(chars * TEXT_PT * 20)))
    ind.set(f"{W}firstLineChars", str(chars * 100))


# --- blank lines -------------------------------------------------------------------


def _close_title_lines(body: Any, title_id: str) -> None:
    """A title typed in several paragraphs reads as one title broken into lines: the blank line the title style
    leaves goes after its last line only, and its lines keep together."""
    paragraphs = [child for child in body if child.tag == f"{W}p"]
    for paragraph, following in itertools.pairwise(paragraphs):
        if _style_id(paragraph) == title_id and _style_id(following) == title_id:
            schema_child(paragraph.get_or_add_pPr(), "spacing").set(f"{W}after", "0")
            keep_with_next(paragraph)


def _break_long_title(body: Any, title_id: str) -> None:
    """A title typed in one paragraph too long for a line is broken where its parts meet (render's rule), not
    wherever Word's wrapping falls (…2026年工作计 / 划); a title already in several lines is left as typed."""
    from drafter.output.render.title_lines import title_lines

    titles = [child for child in body if child.tag == f"{W}p" and _style_id(child) == title_id]
    if len(titles) != 1 or any(True for _ in titles[0].iter(f"{W}br", f"{W}cr")):
        return
    nodes = list(titles[0].iter(f"{W}t"))
    text = "".join(node.text or "" for node in nodes)
    lines = title_lines(text.strip())
    if len(lines) > 1:
        _break_before(nodes, len(text) - len(text.lstrip()) + len(lines[0]))


def _break_before(nodes: list[Any], offset: int) -> None:
    """Put a line break before the character at `offset` of the text the w:t nodes hold, in the run that holds it."""
    for node in nodes:
        length = len(node.text or "")
        if offset < length:
            before, after = node.text[:offset], node.text[offset:]
            node.text = before
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            rest = node.makeelement(f"{W}t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            rest.text = after
            node.addnext(rest)
            node.addnext(node.makeelement(f"{W}br", {}))
            return
        offset -= length


def _style_id(paragraph: Any) -> str | None:
    """The id of a paragraph's style, if it has one."""
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _is_blank(element: Any) -> bool:
    """A paragraph with no text, no object, no section break and no page break (the break that puts a table of
    contents or a cover on a page of its own is layout the writer chose)."""
    if element.find(f"{W}pPr/{W}sectPr") is not None or _has_objects(element):
        return False
    if any(br.get(f"{W}type") == "page" for br in element.iter(f"{W}br")):
        return False
    return not "".join(t.text or "" for t in element.iter(f"{W}t")).strip()


def _remove_blank_paragraphs(document: Any, signature_id: str, report: FormatReport) -> None:
    """Empty paragraphs typed for spacing removed from the body (the styles space the parts), but the one line
    GB/T 9704 leaves above the signature."""
    body = document.element.body
    for child in list(body):
        following = child.getnext()
        style = following.find(f"{W}pPr/{W}pStyle") if following is not None else None
        if style is not None and style.get(f"{W}val") == signature_id:
            continue
        if child.tag == f"{W}p" and _is_blank(child):
            body.remove(child)
            report.blank_removed += 1
