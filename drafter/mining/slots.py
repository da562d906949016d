"""Typed slots: figures, dates and the corpus's XX placeholders become {数量}, {金额}, {单位} …"""

from __future__ import annotations

import re

from drafter.lazy import lazy_compile

# Slot names whose values the wizard validates as numbers.
NUMERIC_SLOTS = frozenset({"数量", "金额", "百分比", "年份", "下一年份", "上一年份", "往年"})
# Years relative to the report's own: they follow --year when a skeleton or phrase is used again.
YEAR_SLOTS = {"年份": 0, "下一年份": 1, "上一年份": -1}
_ORG_SUFFIX = r"(?:人民政府|政府|委员会|人民医院|医院|局|委|中心|学区|学校|办公室|办|所|站|公司|集团|院|校)"
_MEASURE_WORD = r"(?:个|人|件|次|项|家|户|万|亿|余|多|名|元|栋|平方米|亩|篇|条|场|期|所|批|类|天|小时|倍|册|部|份)"
# Order matters: longer, more specific patterns first.
_SLOT_RULES: tuple[tuple[str, str], ...] = (
    ("百分比", r"(?:\d+(?:\.\d+)?|XX)\s*[%％]"),
    ("金额", r"(?:\d+(?:\.\d+)?|XX)(?=\s*(?:万元|亿元|元|万美元))"),
    ("年份", r"(?<!\d)(?:19|20)\d{2}(?=\s*(?:年|至|到|—|－|-))"),
    ("日期", r"\d{1,2}月\d{1,2}日"),
    # A suffix that begins a word of its own (校区, 院长, 局长, 委员) does not end the unit's name.
    (
        "单位",
        rf"XX[\u4e00-\u9fff]{{0,10}}?{_ORG_SUFFIX}(?![区长员士])(?![\u4e00-\u9fff]{{0,2}}{_ORG_SUFFIX}(?![区长员士]))",
    ),
    ("地名", r"XX[省市县区乡镇村]"),
    ("数量", rf"\d+(?:\.\d+)?|XX+(?={_MEASURE_WORD})"),
    ("名称", r"XX+"),
)
# A unit name the corpus redacted (XX县审计局): entities decides whether it is the writer's own.
REDACTED_UNIT = lazy_compile(dict(_SLOT_RULES)["单位"])
# One pass over the text; at each position the rules are tried in the order above.
_ANY_SLOT = lazy_compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _SLOT_RULES))
_MAY_HAVE_SLOT = lazy_compile(r"\d|XX")
SLOT = lazy_compile(r"\{([\u4e00-\u9fff]{1,6})(\d*)\}")


def shift_years(text: str, by: int) -> str:
    """The text with its year slots moved `by` years ({下一年份} -> {年份} for -1); a year it leaves the slots
    for is {往年}."""
    names = {offset: name for name, offset in YEAR_SLOTS.items()}

    def shifted(match: re.Match[str]) -> str:
        offset = YEAR_SLOTS.get(match.group(1))
        if offset is None or match.group(2):
            return match.group(0)
        return "{" + names.get(offset + by, "往年") + "}"

    return SLOT.sub(shifted, text)


def slot_text(text: str, year: int | None = None, *, keep_years: bool = False) -> tuple[str, list[str]]:
    """Replace figures and placeholders by named slots; return the text and its slot names in order.

    Years are named relative to the report's `year`: {年份} is that year, {下一年份} the next (a plan
    section's 2024年工作计划 in a 2023 report), {上一年份} the one before, {往年} any other.
    A name used more than once in one text is numbered ({数量1}, {数量2}) so each gets its own value.
    With `keep_years` (a sentence holding a fact of its own year) years stay as written.
    """
    if _MAY_HAVE_SLOT.search(text):
        text = _ANY_SLOT.sub(
            lambda m: m.group(0) if keep_years and m.lastgroup == "年份" else "{" + _slot_name(m, year) + "}", text
        )
    if "{" not in text:
        return text, []
    names = [m.group(1) for m in SLOT.finditer(text)]
    # Year slots all mean the report's year (or the next, the one before): they are never numbered apart.
    repeated = {n for n in names if names.count(n) > 1 and n not in YEAR_SLOTS}
    if not repeated:
        return text, names
    seen: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in repeated:
            return match.group(0)
        seen[name] = seen.get(name, 0) + 1
        return f"{{{name}{seen[name]}}}"

    text = SLOT.sub(number, text)
    return text, slot_names(text)


# Money written without 元 (发放小额信贷46户XX万): a figure before 万 or 亿 that ends its clause, in a clause about money.
_BARE_SCALE = lazy_compile(r"\s*[万亿](?![\u4e00-\u9fff])")
_MONEY_WORDS = lazy_compile(
    r"资金|贷款|信贷|投资|收入|补贴|补助|资助|经费|税|产值|总值|营业额|销售额|利润|营收|奖金|工资|薪酬|款|金额|拨付|"
    r"融资|债务|预算|支出|罚没|募集|筹集"
)


def _slot_name(match: re.Match[str], year: int | None) -> str:
    """The slot a figure becomes; a year is named by its distance from the report's year."""
    name = match.lastgroup or "名称"
    if name == "数量" and _BARE_SCALE.match(match.string, match.end()):
        clause = re.split(r"[，。；：,;]", match.string[: match.start()])[-1]
        return "金额" if _MONEY_WORDS.search(clause) else name
    if name != "年份" or year is None:
        return name
    offset = int(match.group(0)) - year
    return next((slot for slot, distance in YEAR_SLOTS.items() if distance == offset), "往年")


def year_values(year: int | None) -> dict[str, str]:
    """Values of the year slots for a report of `year` (empty when the year is not known)."""
    return {slot: str(year + distance) for slot, distance in YEAR_SLOTS.items()} if year else {}


def slot_names(text: str) -> list[str]:
    """The slot names of a text, in order."""
    return [m.group(1) + m.group(2) for m in SLOT.finditer(text)]


def slot_type(name: str) -> str:
    """The type of a slot: its name without the number (数量2 -> 数量)."""
    return name.rstrip("0123456789")


def fill_slots(text: str, values: dict[str, str]) -> str:
    """Put values into the named slots they have (slots without a value are left in place)."""
    return SLOT.sub(lambda m: values.get(m.group(1) + m.group(2), m.group(0)), text)


_NUMBERED_SLOT = lazy_compile(r"\{([\u4e00-\u9fff]+)\d+\}")


def normalise(text: str) -> str:
    """Phrase text for identity: no blanks, no slot numbers, no closing punctuation."""
    text = "".join(text.split())
    if "}" in text:
        text = _NUMBERED_SLOT.sub(r"{\1}", text)
    return text.rstrip("，。；：、,.;:")


def phrase_text(sentence: str, year: int | None = None, own: str | None = None) -> tuple[str, list[str]] | None:
    """A sentence as a phrase another unit can use: named things and figures as slots (`own`, the unit that
    wrote it, as {单位}); None for a fragment."""
    from drafter.mining.dated import year_bound
    from drafter.mining.entities import is_fragment, slot_entities, strip_list_number

    sentence = strip_list_number(sentence.strip())
    if is_fragment(sentence):
        return None
    return slot_text(slot_entities(sentence, own), year, keep_years=year_bound(sentence))
