"""Property: any generated draft survives render -> outline with its tree, title, org and date intact."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.models import Draft, DraftSection
from drafter.output.render.document import write_document
from drafter.output.render.layout import layout_draft, marker_for
from drafter.reading.pipeline import outline_paths

# Common characters, brackets and quotes, and what must stay data: {{ }}, &, < >.
WORDS = list("加强推进工作建设管理服务发展质量制度监督落实提升完善创新保障群众安全经济社会组织领导")
SYMBOLS = [*"、《》“”{}&<>", "{{ 7*7 }}", "&amp;", "<w:t>"]
heading_text = (
    st.lists(st.sampled_from(WORDS + SYMBOLS), min_size=2, max_size=14)
    .map("".join)
    .filter(lambda t: t[0] in WORDS and t[-1] in WORDS)
)
body_text = (
    st.lists(st.sampled_from([*WORDS, *SYMBOLS, "，"]), min_size=4, max_size=40)
    .map(lambda parts: "".join(parts) + "。")
    .filter(lambda t: t[0] in WORDS)
)


def sections(depth: int) -> st.SearchStrategy[list[DraftSection]]:
    """Up to four sections at this depth, each with children down to depth 4."""
    children = sections(depth + 1) if depth < 4 else st.just([])
    section = st.builds(
        DraftSection, heading=heading_text, body=st.lists(body_text, min_size=1, max_size=2), children=children
    )
    return st.lists(section, min_size=1 if depth == 1 else 0, max_size=4 if depth < 3 else 2)


drafts = st.builds(
    Draft,
    org=st.sampled_from(["XX县审计局", "某某镇人民政府", "市第二人民医院"]),
    title=heading_text.map(lambda t: t + "工作总结"),
    date=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    preamble=st.one_of(st.none(), body_text),
    sections=sections(1),
)


def expected_tree(items: list[DraftSection], depth: int = 1) -> list[tuple[int, str, str]]:
    tree = []
    for ordinal, section in enumerate(items, start=1):
        tree.append((depth, marker_for(depth, ordinal).strip("、（）."), section.heading))
        tree += expected_tree(section.children, depth + 1)
    return tree


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts, st.sampled_from(["docx", "md"]))
def test_render_then_outline_gives_the_tree_back(draft: Draft, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / f"draft.{fmt}"
        write_document(layout_draft(draft, draft.title or ""), out, fmt, force=False)  # type: ignore[arg-type]
        (outline,) = outline_paths([out]).outlines
    assert outline.title == draft.title
    assert [(h.depth, h.number, h.text) for h in outline.headings()] == expected_tree(draft.sections)
    if fmt == "docx":
        assert outline.org == draft.org and outline.date == draft.date.isoformat()
        texts = [p for s in outline.sections for p in s.body]
        assert all("{{ 7*7 }}" in p for p in texts if "{{ 7" in p)
