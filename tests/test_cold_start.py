"""Cold starts: a command loads only what it uses. Patterns compile on first use and answer as compiled ones do."""

from __future__ import annotations

import pickle
import re

import pytest

from drafter.lazy import lazy_compile

PATTERNS = [
    (r"(?P<n>[一二三四五六七八九十]{1,3})是", 0, "工作中，一是抓学习，二是抓落实。"),
    (r"^\s*(\d{4})年", re.MULTILINE, "标题\n 2024年工作总结\n2025年计划"),
    (r"ed", re.IGNORECASE, "LED 显示屏 Led"),
    (r"[，。]", 0, ""),
]


@pytest.mark.parametrize(("source", "flags", "text"), PATTERNS)
def test_a_pattern_compiled_on_first_use_answers_as_a_compiled_one(source: str, flags: int, text: str) -> None:
    lazy, compiled = lazy_compile(source, flags), re.compile(source, flags)
    assert lazy.pattern == compiled.pattern
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("X", text) == compiled.sub("X", text)
    assert lazy.split(text) == compiled.split(text)
    assert (lazy.search(text) is None) == (compiled.search(text) is None)
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (compiled.flags, compiled.groups, compiled.groupindex)


def test_a_pattern_compiled_on_first_use_travels_to_another_process_as_the_pattern() -> None:
    lazy = lazy_compile(rb"<w:t>([^<]*)</w:t>")
    assert pickle.loads(pickle.dumps(lazy)) == re.compile(rb"<w:t>([^<]*)</w:t>")
    assert lazy.findall(b"<w:t>\xe5\xb9\xb4</w:t>") == [b"\xe5\xb9\xb4"]


def test_a_bad_pattern_fails_where_it_is_used() -> None:
    broken = lazy_compile("[")
    with pytest.raises(re.error):
        broken.search("[")
