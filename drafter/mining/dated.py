"""Facts bound to a year (corpus/dated.yaml): the phases of a five-year plan, campaigns, numbered meetings,
anniversaries.

“2023年是全面贯彻党的二十大精神的开局之年” is true of 2023 alone. A sentence holding such a fact keeps its
own year: mining gives it no {年份} slot, the wizard offers it for no other year, `check` reports it in a
draft of another year. The facts are data a person extends with a source note; this module only reads
them and says which of them a text holds and which years each fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.bank.store import load_yaml_model
from drafter.lazy import lazy_compile
from drafter.models import DatedFacts, PlanPeriod
from drafter.reading.numerals import cn_to_int
from drafter.resources import bundled

DATED_PATH = "corpus/dated.yaml"
PLAN_YEARS = 5
# A phase word belongs to the plan named before it in the same sentence, at most this far back.
PLAN_REACH = 30
_NUMBER = lazy_compile(r"(\d{1,3}|[一二三四五六七八九十百零〇]{1,5})周年")
_SENTENCE_END = lazy_compile(r"[。！？]")


@dataclass(frozen=True)
class Mention:
    """One year-bound fact as a text holds it."""

    text: str
    start: int
    name: str  # what it is: 党纪学习教育, “十四五”规划的最后一年
    kind: str  # campaign, meeting, phase, anniversary, period
    years: tuple[int, int] | None  # the years a report may cite it as current; None: see `position`
    position: int | None = None  # a phase word of no named plan: its year in whatever plan runs
    source: str = ""

    @property
    def bound(self) -> bool:
        """A sentence holding it belongs to one year (a period such as 党的二十大 spans a term of office)."""
        return self.kind != "period"

    def fits(self, year: int) -> bool | None:
        """Whether a report of `year` may say this; None when only the year it was written in can tell."""
        if self.years is not None:
            return self.years[0] <= year <= self.years[1]
        if self.position is not None:
            running = plan_position(year)
            return None if running is None else running[1] == self.position
        return None

    def belongs_to(self, around: int) -> str:
        """The year or years it belongs to, in words (2023年; 2021年或2026年)."""
        if self.years is not None:
            first, last = self.years
            return f"{first}年" if first == last else f"{first}—{last}年"
        if self.position is not None:
            years = [p.first + self.position - 1 for p in calendar().plans]
            near = sorted(years, key=lambda y: abs(y - around))[:2]
            return "或".join(f"{y}年" for y in sorted(near))
        return "写它的那一年"


@dataclass(frozen=True)
class _Rule:
    """One alternative of the combined pattern: what a match of it means."""

    name: str
    kind: str
    years: tuple[int, int] | None
    source: str
    position: int | None = None  # phase words
    base: int | None = None  # anniversaries
    anniversary: bool = False


@dataclass(frozen=True)
class Calendar:
    """The dated facts, compiled: one pattern of every rule (specific ones first) and the plans."""

    pattern: re.Pattern[str]
    rules: dict[str, _Rule]
    plans: tuple[PlanPeriod, ...]
    plan_names: re.Pattern[str]
    # Each rule's pattern alone, with a piece of text every match of it holds ("" when none is known). One long
    # alternation tries every rule at every character; a rule alone is searched for by its own first characters,
    # many times faster, and not at all in a text without its piece. A text none of them is found in holds no fact.
    probes: tuple[tuple[str, re.Pattern[str]], ...] = ()


def calendar(path: Path | None = None) -> Calendar:
    """The compiled facts (the bundled corpus/dated.yaml by default)."""
    return _calendar_cached(str(path or bundled(DATED_PATH)))


@lru_cache(maxsize=4)
def _calendar_cached(path: str) -> Calendar:
    """Load and compile once per path; a bad pattern is named by file, list and rule."""
    from drafter.reading.clean import compile_patterns

    data = load_yaml_model(Path(path), DatedFacts)
    compile_patterns(path, data.facts, "facts")
    alternatives: list[str] = []
    plain: list[str] = []
    rules: dict[str, _Rule] = {}

    def add(pattern: str, rule: _Rule) -> None:
        group = f"r{len(alternatives)}"
        alternatives.append(f"(?P<{group}>{pattern})")
        plain.append(pattern)
        rules[group] = rule

    for fact in data.facts:
        add(fact.pattern, _Rule(fact.name, fact.kind, fact.years, fact.source))
    for index, anniversary in enumerate(data.anniversaries):
        try:
            re.compile(anniversary.subject)
        except re.error as exc:
            from drafter.errors import ConfigError

            raise ConfigError(
                f"文件 {path} 中 anniversaries[{index}].subject（{anniversary.name}）不是合法的正则表达式：{exc}。"
                "请改正后重试。",
                path=path,
            ) from None
        pattern = rf"(?:{anniversary.subject})[^，。；]{{0,6}}?{_NUMBER.pattern}"
        add(
            pattern,
            _Rule(anniversary.name, "anniversary", None, anniversary.source, base=anniversary.base, anniversary=True),
        )
    for phase in data.phases:
        words = "|".join(re.escape(w) for w in sorted(phase.words, key=len, reverse=True))
        add(words, _Rule(phase.name, "phase", None, "", position=phase.position))
    names = "|".join(re.escape(p.name) for p in data.plans)
    probes = tuple((required_text(pattern), re.compile(f"(?:{pattern})")) for pattern in plain)
    return Calendar(re.compile("|".join(alternatives)), rules, tuple(data.plans), re.compile(f"“?({names})”?"), probes)


def required_text(pattern: str) -> str:
    """The longest run of characters every match of a pattern holds as written ("" when none is known): the
    literal characters of its top level, where nothing optional comes between them."""
    import importlib

    try:
        parser: Any = importlib.import_module("re._parser")
    except ImportError:  # pragma: no cover - Python 3.10
        parser = importlib.import_module("sre_parse")
    try:
        parsed = parser.parse(pattern)
    except re.error:
        return ""
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return ""
    best = run = ""
    for op, value in parsed:
        if op == parser.LITERAL:
            run += chr(value)
            best = max(best, run, key=len)
        else:
            run = ""
    return best


def plan_position(year: int) -> tuple[PlanPeriod, int] | None:
    """The five-year plan running in `year` and which of its years it is (2025 -> 十四五, 5)."""
    for plan in calendar().plans:
        if plan.first <= year < plan.first + PLAN_YEARS:
            return plan, year - plan.first + 1
    return None


@lru_cache(maxsize=4096)
def mentions(text: str) -> tuple[Mention, ...]:
    """The year-bound facts a text holds, in order (where two overlap, the one that starts first, then the
    more specific: 党的二十大精神的开局之年 is one fact, not 党的二十大 and 开局之年). Remembered for the last few
    thousand texts: mining asks of every sentence several times."""
    table = calendar()
    for piece, probe in table.probes:  # a plain loop: most texts hold none of the pieces
        if piece in text and probe.search(text):
            break
    else:
        return ()
    return tuple(
        _mention(text, match, table.rules[match.lastgroup or ""], table) for match in table.pattern.finditer(text)
    )


def _mention(text: str, match: re.Match[str], rule: _Rule, table: Calendar) -> Mention:
    """A match read with what its rule says: an anniversary's year from its number, a phase's from its plan."""
    years, name, position = rule.years, rule.name, rule.position
    if rule.anniversary:
        number = _NUMBER.search(match.group(0))
        count = _count(number.group(1)) if number else None
        if rule.base is not None and count:
            years = (rule.base + count, rule.base + count)
            name = f"{rule.name}{count}周年"
    elif rule.kind == "phase" and position is not None:
        plan = _plan_before(text, match.start(), table)
        if plan is not None:
            year = plan.first + position - 1
            years, name, position = (year, year), f"“{plan.name}”规划的第{position}年", None
    return Mention(match.group(0), match.start(), name, rule.kind, years, position, rule.source)


def _count(number: str) -> int | None:
    """100, 一百, 七十五 as an int."""
    return int(number) if number.isdigit() else cn_to_int(number.replace("〇", "零"))


def _plan_before(text: str, start: int, table: Calendar) -> PlanPeriod | None:
    """The five-year plan a phase word is about: the last one named before it in the same sentence, close by."""
    window = text[max(0, start - PLAN_REACH) : start]
    window = _SENTENCE_END.split(window)[-1]
    named = list(table.plan_names.finditer(window))
    if not named:
        return None
    return next(p for p in table.plans if p.name == named[-1].group(1))


def year_bound(text: str) -> bool:
    """The text holds a fact of one year (or of the year it was written): it keeps its own year."""
    return any(m.bound for m in mentions(text))


def bound_year(text: str, written: int | None) -> int | None:
    """The year a year-bound text belongs to: the one year its facts name, else the year it was written."""
    for mention in mentions(text):
        if not mention.bound:
            continue
        if mention.years is not None and (written is None or not mention.years[0] <= written <= mention.years[1]):
            return mention.years[0] if mention.years[0] == mention.years[1] or written is None else mention.years[1]
    return written


def fits_year(text: str, year: int) -> bool:
    """No fact the text holds is known to be of another year (facts only the year written can tell are not judged)."""
    return all(m.fits(year) is not False for m in mentions(text))


def true_of(text: str, year: int) -> bool:
    """Every fact the text holds is known to fit `year` (a numbered meeting of no known year does not): what a
    skeleton or a default for that year may say."""
    return all(m.fits(year) is True for m in mentions(text))


def stale(text: str, year: int) -> list[Mention]:
    """The facts of a text that do not fit a report of `year`."""
    return [m for m in mentions(text) if m.fits(year) is False]


def year_in_words(year: int) -> str:
    """2025年（“十四五”规划的第5年） — what a year is, for messages."""
    running = plan_position(year)
    return f"{year}年（“{running[0].name}”规划的第{running[1]}年）" if running else f"{year}年"
