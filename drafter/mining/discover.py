"""Genres for a corpus nobody registered: summaries that match no registered genre, grouped.

Workers put each unmatched summary in a bucket named by what its title says: the kind of unit that
wrote it and what that unit is for (民政局 -> 民政), or the topic when the unit is unknown. A kind of
report with an outline of its own (个人总结, 政府工作报告) has a bucket of its own, whatever unit wrote it. Here the
buckets with enough documents become genres, named from those words, so that a person can rename or
merge them in genres.yaml (they are written with `discovered: true`). What is left goes to 通用.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.models import Genre
from drafter.reading.titles import TitleFacts, family_of_kind

MIN_DOCUMENTS = 2  # a group needs this many summaries to be a genre of its own
_GOVERNMENT = ("局", "委", "办", "中心", "厅", "所", "站", "政府")
# How a kind of unit is named as a genre.
KIND_NAMES = {
    "学校": "学校",
    "医院": "医院",
    "公司": "企业",
    "社区": "社区",
    "村": "村级",
    "团委": "共青团",
    "支部": "党支部",
    "党委": "党委",
    "政府": "政府",
    "院": "院所",
    "局": "机关",
    "委": "机关",
    "办": "机关",
    "中心": "事业单位",
    "厅": "机关",
    "所": "院所",
    "站": "院所",
}
# Kinds that registered genres already cover as whole units (乡镇综合): their topical summaries group by topic.
_TOPICAL_KINDS = ("乡", "镇", "街道")


def bucket_of(facts: TitleFacts) -> str:
    """The discovery bucket of an unmatched summary: kind and domain, kind, or topic."""
    if facts.unit_kind in _GOVERNMENT and facts.domain:
        return f"u:{facts.unit_kind}:{facts.domain}"
    if facts.unit_kind and facts.unit_kind not in _TOPICAL_KINDS:
        return f"u:{facts.unit_kind}:"
    topic = re.sub(r"^[\u4e00-\u9fff]{0,4}?(?:省|市|县|区)", "", facts.topic)[:8]
    return f"t:{topic}" if topic else "t:"


@dataclass(frozen=True)
class Discovery:
    """A discovered genre and the buckets that make it."""

    genre: Genre
    buckets: tuple[str, ...]


def discover(sizes: dict[str, int], taken_ids: set[str], taken_names: set[str]) -> list[Discovery]:
    """Genres from bucket sizes (documents per bucket), in the order the buckets were first seen."""
    groups: dict[str, list[str]] = {}
    for bucket in sizes:
        groups.setdefault(_group_of(bucket, sizes), []).append(bucket)
    found = []
    for group, buckets in groups.items():
        report = group if any(b.startswith("k:") for b in buckets) else ""
        # A kind of report has an outline of its own: even one such document is a genre, never 通用.
        if not group or (not report and sum(sizes[b] for b in buckets) < MIN_DOCUMENTS):
            continue
        name = _unique(group, taken_names)
        genre_id = _unique_id(_slug(name), taken_ids)
        taken_names.add(name)
        taken_ids.add(genre_id)
        found.append(Discovery(_genre(genre_id, name, buckets, report), tuple(buckets)))
    return found


def _group_of(bucket: str, sizes: dict[str, int]) -> str:
    """The name of the group a bucket joins: its own words when it is big enough, else its kind of unit."""
    kind, _, rest = bucket.partition(":")[2].partition(":") if bucket.startswith("u:") else ("", "", "")
    if bucket.startswith(("t:", "k:")):
        return bucket[2:]
    if rest and sizes[bucket] >= MIN_DOCUMENTS:
        return rest  # 民政: the domain names the genre
    return KIND_NAMES.get(kind, "")


def _genre(genre_id: str, name: str, buckets: list[str], report: str = "") -> Genre:
    """The registry entry of a discovered genre, with what matches its documents next time."""
    kinds = sorted({b.split(":")[1] for b in buckets if b.startswith("u:") and not b.split(":")[2]})
    words = sorted({b.split(":")[2] for b in buckets if b.startswith("u:") and b.split(":")[2]})
    words += sorted({b[2:] for b in buckets if b.startswith("t:") and b[2:]})
    families = {family_of_kind(kind) for kind in kinds} | (
        {family_of_kind(b.split(":")[1]) for b in buckets if b.startswith("u:")}
    )
    return Genre(
        id=genre_id,
        name=name,
        keywords=words,
        units=kinds,
        family=families.pop() if len(families) == 1 else None,
        description=f"由 drafter mine 从语料中自动归纳（{'、'.join(words + kinds) or name}），可改名或合并",
        discovered=True,
        report=report,
    )


def _unique(name: str, taken: set[str]) -> str:
    """A genre name not already in use (学校 -> 学校（语料）)."""
    return name if name not in taken else f"{name}（语料）"


def _slug(name: str) -> str:
    """A file-safe id from a Chinese name (学校 -> xuexiao)."""
    from pypinyin import lazy_pinyin

    slug = re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(name)).lower())[:40]
    return slug or "genre"


def _unique_id(slug: str, taken: set[str]) -> str:
    """An id not already in use (xuexiao, xuexiao-2 …)."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
