"""The 落款 (发文机关署名 and 成文日期) of a .docx, laid out the one way `render`, `skeleton` and `format` share.

GB/T 9704-2012 §7.3.5.2, a document without a seal (a work summary is not sealed): the signature one blank
line below the text, 右空二字; the date on the next line, its first character two characters right of the
signature's first character; "如成文日期长于发文机关署名", the date 右空二字 and the signature's right space
grows to match. "Longer" is read as the line that reaches further right: the date starts two characters
further in, so once it is less than two characters shorter than the signature it would come closer than two
characters to the margin, and it is then the date that keeps 右空二字. (Read as "has more characters", a date
as long as the signature would touch the margin.)

The signature is never alone at the top of the last page: the blank line above it and the last lines of the
text are kept with it (keep with next), so a page break falls earlier in the text instead.
"""

from __future__ import annotations

from typing import Any

from drafter.lazy import lazy_compile
from drafter.output.render.docx import INDENT_CHARS, TEXT_PT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RIGHT_SPACE_CHARS = 2  # 右空二字
DATE_SHIFT_CHARS = 2  # the date's first character two characters right of the signature's
KEPT_LINES = 2  # lines of text that go to the last page with the signature
# A date line: 2024年12月20日, 二〇二四年十二月二十日, a blank to fill (【××××年×月×日】), 2024-12-20.
_DATE_LIKE = lazy_compile(r"年.{0,4}月.{0,4}日|\d{4}\s*[-./／]\s*\d{1,2}\s*[-./／]\s*\d{1,2}")
_HALF_WIDTH = lazy_compile(r"[\u0000-\u02ff\u2000-\u206f]")
_CAPITAL = lazy_compile("[A-Z]")


def ems(text: str) -> float:
    """Width of a line of 3号 text in characters: a Chinese character or full-width sign one, a figure or
    small letter half (Times New Roman), a capital a little more."""
    width = 0.0
    for ch in text:
        if _CAPITAL.match(ch):
            width += 0.7
        elif _HALF_WIDTH.match(ch):
            width += 0.5
        else:
            width += 1.0
    return width


def right_spaces(signatures: list[str], date: str | None) -> tuple[list[float], float]:
    """The space, in characters, right of each signature line and of the date (§7.3.5.2). Each line is set
    flush right with that indent, so the line bound to 右空二字 keeps it whatever the fonts' real widths; the
    signature lines start in one column."""
    signature = max((ems(text) for text in signatures), default=0.0)
    if date is None:
        return [RIGHT_SPACE_CHARS + signature - ems(text) for text in signatures], 0.0
    dated = ems(date)
    if not signatures:
        return [], RIGHT_SPACE_CHARS
    # The date starts where the signature starts, plus two: it ends `signature - dated - 2` left of the
    # signature's end; when that would bring it closer than 右空二字 to the margin, both move left.
    signature_space = max(RIGHT_SPACE_CHARS, dated + DATE_SHIFT_CHARS + RIGHT_SPACE_CHARS - signature)
    date_space = signature_space + signature - dated - DATE_SHIFT_CHARS
    return [signature_space + signature - ems(text) for text in signatures], date_space


def is_date_line(text: str) -> bool:
    """A line that is the 成文日期 (or the blank left for it)."""
    return bool(_DATE_LIKE.search(text)) and len(text) <= 20


def lay_out_ending(body: Any, signature_style: str, body_style: str) -> None:
    """Position the 落款 paragraphs (those in `signature_style`) and keep the end of the text with them."""
    ending = _ending(body, signature_style)
    if not ending:
        return
    texts = [_text(p) for p in ending]
    date = texts[-1] if is_date_line(texts[-1]) else None
    signatures = texts[:-1] if date is not None else texts
    signature_spaces, date_space = right_spaces(signatures, date)
    for paragraph, space in zip(ending, [*signature_spaces, date_space], strict=False):
        _flush_right(paragraph, space)
    blank = _blank_above(ending[0], body_style)
    _keep_with_next(blank)
    for paragraph in _last_lines(blank):
        _keep_with_next(paragraph)


def _ending(body: Any, signature_style: str) -> list[Any]:
    """The first run of 落款 paragraphs, blank paragraphs between them removed."""
    first = next((p for p in body.iter(f"{W}p") if _style(p) == signature_style and _text(p)), None)
    if first is None:
        return []
    ending = [first]
    node = first.getnext()
    while node is not None and node.tag == f"{W}p" and (_style(node) == signature_style or _is_blank(node)):
        following = node.getnext()
        if _is_blank(node):
            if following is None or _style(following) != signature_style or not _text(following):
                break
            node.getparent().remove(node)
        else:
            ending.append(node)
        node = following
    return ending


def _blank_above(first: Any, body_style: str) -> Any:
    """The one empty line between the text and the signature (正文下空一行), added when missing."""
    previous = first.getprevious()
    if previous is not None and previous.tag == f"{W}p" and _is_blank(previous):
        return previous
    from docx.oxml import OxmlElement

    blank = OxmlElement("w:p")
    blank.get_or_add_pPr().style = body_style
    first.addprevious(blank)
    return blank


def _last_lines(blank: Any) -> list[Any]:
    """The paragraphs of text right above the blank line that make up its last two lines at least."""
    from drafter.output.render.pages import CHARS_PER_LINE, width

    kept: list[Any] = []
    lines = 0
    node = blank.getprevious()
    while node is not None and node.tag == f"{W}p" and lines < KEPT_LINES:
        text = _text(node)
        if text:
            kept.append(node)
            lines += max(1, -(-int(width(text) + INDENT_CHARS) // CHARS_PER_LINE))
        node = node.getprevious()
    return kept


def _flush_right(paragraph: Any, chars: float) -> None:
    """Flush right, `chars` characters from the right margin, no other indent; no extra space between Chinese
    and figures (Word's autospace would widen the date past its computed place)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    p_pr = paragraph.get_or_add_pPr()
    for name in ("ind", "autoSpaceDE", "autoSpaceDN"):
        for old in p_pr.findall(f"{W}{name}"):
            p_pr.remove(old)
    ind = p_pr.get_or_add_ind()
    ind.set(f"{W}left", "0")
    ind.set(f"{W}right", str(round(chars * TEXT_PT * 20)))
    ind.set(f"{W}firstLine", "0")
    p_pr.jc_val = WD_ALIGN_PARAGRAPH.RIGHT
    for name in ("autoSpaceDE", "autoSpaceDN"):
        off = OxmlElement(f"w:{name}")
        off.set(f"{W}val", "0")
        ind.addprevious(off)


def _keep_with_next(paragraph: Any) -> None:
    """Keep the paragraph on the page of the one after it."""
    paragraph.get_or_add_pPr().keepNext_val = True


def _style(paragraph: Any) -> str:
    """The paragraph's style id."""
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def _text(paragraph: Any) -> str:
    """The paragraph's text, without surrounding blanks."""
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t")).strip(" \u3000\t")


def _is_blank(paragraph: Any) -> bool:
    """A paragraph with no text, no object and no section break."""
    if paragraph.find(f"{W}pPr/{W}sectPr") is not None:
        return False
    objects = (f"{W}drawing", f"{W}pict", f"{W}object", f"{W}tbl")
    return not _text(paragraph) and not any(True for _ in paragraph.iter(*objects))
