"""Property: any generated draft survives render -> outline, as .docx, .md and .txt: the same section tree, the
same body paragraphs (list runs among them stay body text), title, org and date."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.models import Draft, DraftSection, OutlineSection
from drafter.output.render.document import write_document
from drafter.output.render.layout import layout_draft, marker_for
from drafter.reading.numerals import CIRCLED
from drafter.reading.pipeline import outline_paths

# Common characters, brackets and quotes, and what must stay data: {{ }}, &, < >.
WORDS = list("加强推进工作建设管理服务发展质量制度监督落实提升完善创新保障群众安全经济社会组织领导")
SYMBOLS = [*"、《》“”{}&<>", "{{ 7*7 }}", "&amp;", "<w:t>"]
word = st.sampled_from(WORDS)
# A heading fits in one line of the 28-character grid with its number, and is shorter than a full line: a
# list item whose line filled the line may wrap onto the next.
heading_text = st.builds(
    lambda first, middle, last: first + "".join(middle)[:22] + last,
    word,
    st.lists(st.sampled_from(WORDS + SYMBOLS), max_size=12),
    word,
)
body_text = st.builds(
    lambda first, rest: first + "".join(rest) + "。",
    word,
    st.lists(st.sampled_from([*WORDS, *SYMBOLS, "，"]), min_size=3, max_size=39),
)
# A list item is one clause or sentence: it ends in ；or 。 and has no other sentence end, nor a colon (a long
# numbered line with a colon in it is a heading and its body: 强化食品安全监管：……).
item_text = st.builds(
    lambda first, rest, end: first + "".join(rest) + end,
    word,
    st.lists(st.sampled_from([*WORDS, *(s for s in SYMBOLS if ":" not in s), "，"]), min_size=1, max_size=23),
    st.sampled_from(["；", "。"]),
)

# The marker forms of a list, by the kind of marker; the GB/T 9704 heading numbers take cn (一、), pcn (（一）),
# ar (1.) and par (（1）) at depths 1 to 4.
LIST_FORMS = {
    "ar": ("{}.", "{}、"),
    "par": ("（{}）", "({})"),
    "ar2": ("{}）",),
    "circ": ("{}",),
}
HEADING_KINDS = ("cn", "pcn", "ar", "par")


def list_label(form: str, kind: str, number: int) -> str:
    """The label of item `number` in a list of this form (3., （3）, ③)."""
    return CIRCLED[number - 1] if kind == "circ" else form.format(number)


@st.composite
def list_run(draw: st.DrawFn, depth: int) -> list[str]:
    """Two to five items numbered from 1 in one form. A list numbers below its section's level and its
    ancestors' (under 1. it is （1） or ①, never 1. again), as the convention has it: otherwise list and
    headings would read as one numbering."""
    kind = draw(st.sampled_from([k for k in LIST_FORMS if k not in HEADING_KINDS[:depth]]))
    form = draw(st.sampled_from(LIST_FORMS[kind]))
    texts = draw(st.lists(item_text, min_size=2, max_size=5))
    return [list_label(form, kind, number) + text for number, text in enumerate(texts, start=1)]


@st.composite
def section_body(draw: st.DrawFn, depth: int, required: bool) -> list[str]:
    """Paragraphs of prose with list runs among them; at levels 3–4 the first paragraph (run in after the
    heading) is prose."""
    pieces = draw(
        st.lists(st.one_of(body_text.map(lambda t: [t]), list_run(depth)), min_size=int(required), max_size=3)
    )
    paragraphs = [p for piece in pieces for p in piece]
    if paragraphs and depth >= 3 and len(pieces[0]) > 1:
        paragraphs.insert(0, draw(body_text))
    return paragraphs


@st.composite
def section(draw: st.DrawFn, depth: int) -> DraftSection:
    """A section with content under it: body, sub-sections, or both (a heading has content under it)."""
    children = draw(sections(depth + 1)) if depth < 4 else []
    body = draw(section_body(depth, required=not children))
    return DraftSection(heading=draw(heading_text), body=body, children=children)


def sections(depth: int) -> st.SearchStrategy[list[DraftSection]]:
    """Up to four sections at this depth, each with children down to depth 4."""
    return st.lists(section(depth), min_size=1 if depth == 1 else 0, max_size=4 if depth < 3 else 2)


drafts = st.builds(
    Draft,
    org=st.sampled_from(["XX县审计局", "某某镇人民政府", "市第二人民医院"]),
    title=heading_text.map(lambda t: t + "工作总结"),
    date=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    preamble=st.one_of(st.none(), body_text),
    sections=sections(1),
)


def expected_tree(items: list[DraftSection], depth: int = 1) -> list[tuple[int, str, str, list[str]]]:
    """(depth, number, heading, body) of every section, in order."""
    tree = []
    for ordinal, item in enumerate(items, start=1):
        tree.append((depth, marker_for(depth, ordinal).strip("、（）."), item.heading, item.body))
        tree += expected_tree(item.children, depth + 1)
    return tree


def parsed_tree(items: list[OutlineSection], depth: int = 1) -> list[tuple[int, str, str, list[str]]]:
    """The same of a parsed outline."""
    tree = []
    for item in items:
        tree.append((depth, item.number, item.heading, item.body))
        tree += parsed_tree(item.children, depth + 1)
    return tree


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts, st.sampled_from(["docx", "md", "txt"]))
def test_render_then_outline_gives_the_tree_back(draft: Draft, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / f"draft.{fmt}"
        write_document(layout_draft(draft, draft.title or ""), out, fmt, force=False)  # type: ignore[arg-type]
        (outline,) = outline_paths([out]).outlines
    assert outline.title == draft.title
    assert parsed_tree(outline.sections) == expected_tree(draft.sections)
    assert outline.preamble == draft.preamble
    assert outline.org == draft.org and outline.date == draft.date.isoformat()
    texts = [p for s in outline.sections for p in s.body]
    assert all("{{ 7*7 }}" in p for p in texts if "{{ 7" in p)
