"""Reducing segments each text once: the remembered words are the lexicon's own, within a bound on memory."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.mining.lexicon import lexicon
from drafter.mining.neutral import SegmentedOnce


@pytest.mark.parametrize("text", ["区政协提案办理", "全年完成审计项目54个", "", "供水管网改造"])
def test_the_words_are_the_lexicons_each_time(text: str) -> None:
    words_of = SegmentedOnce()
    assert words_of(text) == lexicon().forward(text)
    assert words_of(text) == lexicon().forward(text)  # remembered


@given(st.lists(st.text(alphabet=st.sampled_from(list("审计局供水管网年度工作总结加强")), max_size=12), max_size=30))
def test_a_bounded_memory_gives_the_same_words(texts: list[str]) -> None:
    words_of = SegmentedOnce(limit=3)
    for text in texts * 2:
        assert words_of(text) == lexicon().forward(text)
    assert len(words_of._seen) <= 3


def test_each_text_is_segmented_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    words_of = SegmentedOnce()
    forward = words_of._forward
    monkeypatch.setattr(words_of, "_forward", lambda text: calls.append(text) or forward(text))
    for text in ["加强审计监督", "推进供水保障", "加强审计监督"]:
        words_of(text)
    assert calls == ["加强审计监督", "推进供水保障"]
