"""Headers under different odd and even page footers.

drafter numbers pages odd right, even left (GB/T 9704-2012 §7.5), which takes Word's "different odd and even
pages"; that setting applies to headers too, and an even page with no header of its own shows none. So the
header a document has (a letterhead) is put on the even pages as well, one the first page alone showed goes on
every page (drafter numbers every page, the first too), and a header with nothing in it is dropped, so that no
page draws an empty header's bottom line.
"""

from __future__ import annotations

import copy
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CONTENT = (f"{W}drawing", f"{W}pict", f"{W}object", f"{W}fldSimple", f"{W}instrText", f"{W}tbl")


def has_content(story: Any) -> bool:
    """A header or footer that shows something: text, a picture, a field or a table."""
    element = story._element
    text = "".join(t.text or "" for t in element.iter(f"{W}t")).strip()
    return bool(text) or any(True for _ in element.iter(*_CONTENT))


def story_text(story: Any) -> str:
    """The text a header or footer shows, its lines joined by a space."""
    lines = ("".join(t.text or "" for t in p.iter(f"{W}t")).strip() for p in story._element.iter(f"{W}p"))
    return " ".join(line for line in lines if line)


def headers_on_every_page(document: Any) -> str:
    """Before odd and even pages are set apart: the letterhead (the first header a page showed) on odd and even
    pages of each section that has one, empty headers dropped. Returns the letterhead's text ('' for none)."""
    odd_and_even = document.settings.odd_and_even_pages_header_footer
    letterheads = []
    for section in document.sections:
        shown = [section.header]
        shown += [section.first_page_header] if section.different_first_page_header_footer else []
        shown += [section.even_page_header] if odd_and_even else []
        letterhead = next((h for h in shown if _defined(h) and has_content(h)), None)
        for header in (section.header, section.first_page_header, section.even_page_header):
            if _defined(header) and not has_content(header):
                header.is_linked_to_previous = True  # nothing to show, not even a border line
        if letterhead is None:
            continue
        letterheads.append(story_text(letterhead) or "（图片）")
        keep_even = odd_and_even and _defined(section.even_page_header)
        for target in (section.header, *([] if keep_even else [section.even_page_header])):
            if target._element is not letterhead._element:
                copy_story(letterhead, target)
    return letterheads[0] if letterheads else ""


def _defined(story: Any) -> bool:
    """The section has a header of this kind of its own (not one it inherits or lacks)."""
    return not story.is_linked_to_previous


def copy_story(source: Any, target: Any) -> None:
    """Make `target` (a header or footer) a copy of `source`, its pictures and links related to it too."""
    target.is_linked_to_previous = False
    element = target._element
    for child in list(element):
        element.remove(child)
    source_part, target_part = source.part, target.part
    for child in source._element:
        copied = copy.deepcopy(child)
        for node in copied.iter():
            for name, value in node.attrib.items():
                if name.startswith(R) and value in source_part.rels:
                    node.set(name, _relate(source_part.rels[value], target_part))
        element.append(copied)


def _relate(relationship: Any, part: Any) -> str:
    """The id under which `part` refers to what `relationship` points at."""
    if relationship.is_external:
        return str(part.relate_to(relationship.target_ref, relationship.reltype, is_external=True))
    return str(part.relate_to(relationship.target_part, relationship.reltype))
