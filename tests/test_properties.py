"""Property tests: the read -> clean -> split -> outline path on any input."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.reading.pipeline import outline_paths, outline_text

# Text made of the characters the parser reacts to, so that markers, dates and titles collide.
ALPHABET = list("一二三四五六七八九十（）()、。，；：！？.1234567890是的年月日总结报告党DAXX \n\t\u3000《》“”")
genre_text = st.text(alphabet=st.sampled_from(ALPHABET), max_size=400)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(genre_text, st.text(max_size=300)))
def test_any_text_parses_deterministically(text: str) -> None:
    first = [o.model_dump() for o in outline_text(text)]
    assert first == [o.model_dump() for o in outline_text(text)]
    for outline in outline_text(text):
        for heading in outline.headings():
            assert heading.depth >= 1 and heading.text


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_are_read_or_refused(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "x.txt"
    path.write_bytes(data)
    result = outline_paths([path])
    assert result.outlines or result.failures


@SETTINGS
@given(genre_text)
def test_flattening_never_crashes(text: str) -> None:
    outline_text(text.replace("\n", "") * 10)


def _seconds(text: str) -> float:
    """This process's CPU seconds to outline `text`, the best of two (other processes' load does not count)."""
    times = []
    for _ in range(2):
        start = time.process_time()
        outline_text(text)
        times.append(time.process_time() - start)
    return min(times)


def test_single_line_time_grows_linearly(seed_text: str) -> None:
    line = seed_text.replace("\n", "")
    outline_text(seed_text)  # one-off start-up (the segmenter's dictionary) is not growth
    small = (line * 6)[:400_000]
    large = (line * 24)[:1_600_000]  # about 5 MB of UTF-8
    ratio = _seconds(large) / _seconds(small)
    # Four times the text: linear is about 4, quadratic would be about 16.
    assert ratio < 8, ratio


def test_five_megabyte_single_line_of_noise(tmp_path: Path) -> None:
    noise = ("一、（一）1.（1）①是。D AAA XX年月日总结" * 80_000)[:1_700_000]
    path = tmp_path / "noise.txt"
    path.write_text(noise, encoding="utf-8")
    start = time.perf_counter()
    outline_paths([path])
    assert time.perf_counter() - start < 60


_HEADING_ALPHABET = list("一二是：:，,；;。加强监管全年完成12%工作推进在我局提质增效 ")
_NOT_WORDS = str.maketrans("", "", "：:，,；;。 \u3000\t")


@SETTINGS
@given(
    st.text(alphabet=st.sampled_from(_HEADING_ALPHABET), max_size=80),
    st.text(alphabet=st.sampled_from(_HEADING_ALPHABET), max_size=40),
)
def test_cutting_a_swallowed_heading_loses_no_word(heading: str, rest: str) -> None:
    from drafter.reading.headings import unswallow

    head, body = unswallow(heading, rest)
    assert (head + body).translate(_NOT_WORDS) == (heading + rest).translate(_NOT_WORDS)
    assert head == heading or (len(head.translate(_NOT_WORDS)) >= 2 and len(head) < len(heading))
