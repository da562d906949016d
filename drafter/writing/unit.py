"""What a unit's name says: its kind (局, 镇, 医院, 学校, 公司 …) and its place (青山县石桥镇 -> 石桥镇), and the
words of a phrase that follow the kind (全乡 in a 镇's report is 全镇).

The kinds follow how Chinese institutions are named: the last word of the name says what the unit is
(…审计局, …镇人民政府, …卫生院, …中学, …有限公司); administrative places are the runs that end in
省/市/县/区/旗/镇/乡/街道, read from the start of the name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.lazy import lazy_compile

# The last words of a unit's name, longest and most specific first, and the kind they make.
_KIND_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("街道办事处", "街道"),
    ("街道党工委", "街道"),
    ("镇人民政府", "镇"),
    ("乡人民政府", "乡"),
    ("镇政府", "镇"),
    ("乡政府", "乡"),
    ("街道", "街道"),
    ("镇", "镇"),
    ("乡", "乡"),
    ("卫生服务中心", "医院"),
    ("卫生院", "医院"),
    ("保健院", "医院"),
    ("医院", "医院"),
    ("幼儿园", "学校"),
    ("小学", "学校"),
    ("中学", "学校"),
    ("大学", "学校"),
    ("学院", "学校"),
    ("学校", "学校"),
    ("中心校", "学校"),
    ("有限公司", "公司"),
    ("有限责任公司", "公司"),
    ("公司", "公司"),
    ("集团", "公司"),
    ("委员会", "委员会"),
    ("人民政府", "政府"),
    ("办公室", "办公室"),
    ("中心", "中心"),
    ("局", "局"),
    ("委", "委员会"),
    ("办", "办公室"),
    ("院", "院"),
    ("所", "所"),
    ("站", "站"),
    ("村", "村"),
)
KINDS = tuple(dict.fromkeys(kind for _, kind in _KIND_SUFFIXES))
# An example unit of each kind, for hints (如 XX县审计局 suits a 局 only).
KIND_EXAMPLES = {
    "局": "XX县审计局",
    "镇": "XX县XX镇",
    "乡": "XX县XX乡",
    "街道": "XX区XX街道",
    "医院": "XX县人民医院",
    "学校": "XX县第一中学",
    "公司": "XX有限公司",
    "委员会": "XX县发展和改革委员会",
    "政府": "XX县人民政府",
    "办公室": "XX县人民政府办公室",
    "中心": "XX县政务服务中心",
    "院": "XX县人民检察院",
    "所": "XX县XX所",
    "站": "XX县XX站",
    "村": "XX镇XX村",
}
_PLACE = lazy_compile(r"[\u4e00-\u9fff]{1,6}?(?:自治区|自治州|自治县|街道|省|市|县|区|旗|镇|乡)")


@lru_cache(maxsize=1024)  # mining asks of the same unit for every sentence it writes
def unit_kind(name: str | None) -> str | None:
    """The kind of unit a name says (青山县审计局 -> 局, 石桥镇人民政府 -> 镇, 县人民医院 -> 医院); None when the
    name does not say."""
    if not name:
        return None
    name = name.strip()
    for suffix, kind in _KIND_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    return None


@lru_cache(maxsize=1024)
def unit_place(name: str | None) -> str | None:
    """The smallest administrative place a unit's name starts with (青山县石桥镇 -> 石桥镇, 青山县审计局 -> 青山县);
    None when it starts with none or the place is still a placeholder (XX县)."""
    from drafter.mining.entities import is_place_word

    if not name:
        return None
    place, position = None, 0
    while True:
        match = _PLACE.match(name, position)
        if match is None or not is_place_word(match.group(0)):
            break
        place, position = match.group(0), match.end()
    if place is None or "XX" in place or "某" in place:
        return None
    return place


# Words of a township's report that name its own kind: 全乡/我镇/乡党委 …; 乡村, 城乡, 乡镇 are not among them.
_TOWNSHIP_WORDS = lazy_compile(r"(?<=[全我本该])[乡镇](?![村镇])|[乡镇](?=党委|政府|人民政府|人大|纪委|机关|干部)")
_STREET_OFFICES = ((re.compile(r"[乡镇](?:人民)?政府"), "街道办事处"), (re.compile(r"[乡镇]党委"), "街道党工委"))


def adapt_to_unit(text: str, kind: str | None) -> str:
    """A phrase in the words of the unit's own kind: 全乡 -> 全镇 for a 镇, 镇党委 -> 街道党工委 for a 街道."""
    if kind not in ("乡", "镇", "街道") or not re.search("[乡镇]", text):
        return text
    if kind == "街道":
        for pattern, office in _STREET_OFFICES:
            text = pattern.sub(office, text)
    return _TOWNSHIP_WORDS.sub(kind, text)


# A bureau's own area by its level: 全县/我县/本县 in a county's, 全区 in a district's (县城, 市场 are other words).
_LEVEL_WORDS = lazy_compile(r"([全我本])([县区市])(?![城域直级场民委政])")
_LEVELS = ("县", "区", "市")
_NAME_END = lazy_compile(
    r"(?:人民政府|政府|委员会|局|委|办公室|办|中心|人民医院|医院|卫生院|学校|中学|小学|公司|集团|院|所|站)$"
)


def unit_level(name: str | None) -> str | None:
    """The level of the area a unit other than a township answers for, from its name: 宁远县审计局 -> 县,
    河西区民政局 -> 区 (None for a township, a firm, or a name that does not say)."""
    if not name or unit_kind(name) in ("乡", "镇", "街道", "公司", "村"):
        return None
    levels = [c for c in _NAME_END.sub("", name.strip()) if c in _LEVELS]
    return levels[-1] if levels else None


def in_own_words(text: str, org: str | None) -> str:
    """A phrase of another unit in the words of `org`: a township's kind (全乡 -> 全镇), a bureau's level
    (我市 -> 我县 for a county's bureau)."""
    text = adapt_to_unit(text, unit_kind(org))
    level = unit_level(org)
    return _LEVEL_WORDS.sub(lambda m: m.group(1) + level, text) if level else text


def foreign_area_words(text: str, org: str | None) -> list[tuple[str, int, str]]:
    """The words a report of `org` uses for its own area that name another kind, each with its position and the
    word it should be: 全乡 in a 镇's report (全镇), 我市 in a county bureau's (我县). A 镇 may well write 我县 (the
    county it is in) and a bureau 全市 (the city's whole system), so only the unit's own tier counts: 乡/镇/
    街道 for a township, 我/本 县/区/市 for a bureau."""
    kind, level = unit_kind(org), unit_level(org)
    found = []
    if kind in ("乡", "镇", "街道"):
        for match in re.finditer(r"(?<=[全我本])(街道|[乡镇])(?![村镇级])", text):
            if match.group(1) != kind:
                found.append((text[match.start() - 1 : match.end()], match.start() - 1, text[match.start() - 1] + kind))
    elif level:
        for match in _LEVEL_WORDS.finditer(text):
            if match.group(1) in "我本" and match.group(2) != level:
                found.append((match.group(0), match.start(), match.group(1) + level))
    return found
