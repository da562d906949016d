"""Noise removal and stand-in restoration, driven by the rules in corpus/cleaning.yaml."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from drafter.errors import ConfigError
from drafter.reading.read import Paragraph
from drafter.resources import bundled

if TYPE_CHECKING:
    from drafter.models import CleaningRule

DEFAULT_RULES_PATH = "corpus/cleaning.yaml"
# A drop_line rule removes a whole paragraph only below this length: a longer one is running
# text (a page pasted without line breaks), where only the offending sentences go.
LONG_PARAGRAPH = 500


@dataclass(frozen=True)
class CompiledRule:
    """A cleaning rule with its pattern compiled."""

    rule: CleaningRule
    regex: re.Pattern[str]
    cues: re.Pattern[str] | None = None  # any of the rule's `contains` words (None: the rule has none)

    def cued(self, text: str) -> bool:
        """The text holds one of the rule's cue words (or the rule has none): only then can the rule fire."""
        return self.cues is None or self.cues.search(text) is not None

    def substitute(self, text: str) -> tuple[str, int]:
        """Apply a replace rule to one text; returns the new text and the number of changes."""
        if self.rule.each_char:
            return self.regex.subn(lambda m: self.rule.replace * len(m.group(0)), text)
        return self.regex.subn(self.rule.replace, text)


@dataclass
class CleanReport:
    """How often each rule fired, and where (file and line)."""

    hits: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, source: str, line: int, count: int = 1) -> None:
        """Record `count` changes by rule `name` at source:line."""
        self.hits.setdefault(name, []).extend([(source, line)] * count)

    def count(self, name: str) -> int:
        """How many times rule `name` fired."""
        return len(self.hits.get(name, []))

    def merge(self, other: CleanReport) -> None:
        """Add another report's hits to this one."""
        for name, places in other.hits.items():
            self.hits.setdefault(name, []).extend(places)
        self.descriptions.update(other.descriptions)


def load_rules(path: Path | None = None) -> list[CompiledRule]:
    """Load and compile the cleaning rules (the bundled corpus/cleaning.yaml by default)."""
    return _load_rules_cached(str(path or bundled(DEFAULT_RULES_PATH)))


@lru_cache(maxsize=1)
def stand_in_rules() -> list[CompiledRule]:
    """The bundled rules that restore the web's stand-ins (D -> 党, AAA -> 微信); check and --fix use them."""
    return [rule for rule in load_rules() if rule.rule.name.startswith("stand_in")]


@lru_cache(maxsize=1)
def canonical_rules() -> list[CompiledRule]:
    """The bundled rules that restore truncated canonical expressions (习近平新时代中国特色社会主义思想 …)."""
    return [rule for rule in load_rules() if rule.rule.name.startswith("canonical")]


@lru_cache(maxsize=8)
def _load_rules_cached(path: str) -> list[CompiledRule]:
    """Load rules once per path."""
    from drafter.bank.store import load_yaml_model
    from drafter.models import CleaningRules

    rules = load_yaml_model(Path(path), CleaningRules).rules
    return [
        CompiledRule(rule, regex, _cue_pattern(rule.contains))
        for rule, regex in zip(rules, compile_patterns(path, rules), strict=True)
    ]


def any_of(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern that finds where any of these would (None where they cannot be joined: a back reference or a
    flag of its own would change meaning in an alternation)."""
    if not patterns or any(_OWN_GROUPS_OR_FLAGS.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


_OWN_GROUPS_OR_FLAGS = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux-]+[:)]")


@lru_cache(maxsize=1)
def canonical_cues() -> re.Pattern[str] | None:
    """Any cue word of any canonical rule (None when one of them has none: every rule must be asked)."""
    rules = canonical_rules()
    if not all(rule.rule.contains for rule in rules):
        return None
    return _cue_pattern([cue for rule in rules for cue in rule.rule.contains])


def _cue_pattern(cues: list[str]) -> re.Pattern[str] | None:
    """One search for any of a rule's cue words (a generator over them, per paragraph and rule, cost more)."""
    return re.compile("|".join(map(re.escape, cues))) if cues else None


class NamedPattern(Protocol):
    """A rule of a YAML rules file: a name and a regular expression."""

    name: str
    pattern: str


def compile_patterns(path: str, rules: Sequence[NamedPattern], key: str = "rules") -> list[re.Pattern[str]]:
    """Each rule's pattern compiled; a bad one is named by file, position (under `key`) and rule."""
    compiled = []
    for index, rule in enumerate(rules):
        try:
            compiled.append(re.compile(rule.pattern))
        except re.error as exc:
            raise ConfigError(
                f"文件 {path} 中 {key}[{index}].pattern（规则 {rule.name}）不是合法的正则表达式：{exc}。请改正后重试。",
                path=path,
            ) from None
    return compiled


def drop_matching(text: str, regex: re.Pattern[str]) -> str:
    """Drop a matching line; from a long paragraph drop only the sentences that match."""
    if len(text) < LONG_PARAGRAPH:
        return ""
    sentences = re.split(r"(?<=[。！？!?])", text)
    return "".join(s for s in sentences if not regex.search(s))


def clean_paragraphs(
    paragraphs: Iterable[Paragraph], source: str, rules: list[CompiledRule]
) -> tuple[list[Paragraph], CleanReport]:
    """Apply every rule to every paragraph; dropped lines become empty paragraphs."""
    report = CleanReport(descriptions={r.rule.name: r.rule.description for r in rules})
    paragraphs = list(paragraphs)
    cleaned = []
    for paragraph, queue in zip(paragraphs, _cued_rules(paragraphs, rules), strict=True):
        text = _cleaned(paragraph, source, rules, queue, report) if queue else paragraph.text
        cleaned.append(replace(paragraph, text=text) if text != paragraph.text else paragraph)
    return cleaned, report


def _cued_rules(paragraphs: list[Paragraph], rules: list[CompiledRule]) -> list[list[int]]:
    """For each paragraph, the rules (in order) whose cue words it holds, or that have none: the only ones that
    can fire on it as it is. Cue words are looked for in the whole document in one search and placed by their
    offset (most paragraphs hold none: asking each paragraph about each rule cost a fifth of reading an archive)."""
    cues = _CueIndex.of(tuple(tuple(r.rule.contains) for r in rules))
    found: dict[int, set[int]] = {}
    if cues.pattern is not None:
        starts, offset = [], 0
        for paragraph in paragraphs:
            starts.append(offset)
            offset += len(paragraph.text) + 1
        document = "\n".join(p.text for p in paragraphs)
        search, match = cues.pattern.search, cues.pattern.search(document)
        while match is not None:  # from the next character on, not the match's end: cues may overlap
            found.setdefault(bisect_right(starts, match.start()) - 1, set()).update(cues.rules_of[match.group()])
            match = search(document, match.start() + 1)
    for index in cues.asked:
        for position, paragraph in enumerate(paragraphs):
            if rules[index].cued(paragraph.text):
                found.setdefault(position, set()).add(index)
    if not cues.everywhere:
        return [sorted(found[i]) if i in found else [] for i in range(len(paragraphs))]
    return [sorted(found.get(i, set()).union(cues.everywhere)) for i in range(len(paragraphs))]


@dataclass(frozen=True)
class _CueIndex:
    """The cue words of a list of rules as one search (the longest cue where several begin at one place), and for
    each cue the rules of every cue it holds (中全会 holds 全会: both are found)."""

    pattern: re.Pattern[str] | None
    rules_of: dict[str, tuple[int, ...]]
    everywhere: tuple[int, ...]  # rules without cue words: tried on every paragraph
    asked: tuple[int, ...]  # rules with a cue that could span two paragraphs (a line break): asked of each

    @staticmethod
    @lru_cache(maxsize=8)
    def of(cues_by_rule: tuple[tuple[str, ...], ...]) -> _CueIndex:
        """The index of these rules' cue words (each rule's, in rule order)."""
        searched = {i: cues for i, cues in enumerate(cues_by_rule) if cues and not any("\n" in c for c in cues)}
        words = sorted({cue for cues in searched.values() for cue in cues}, key=lambda w: (-len(w), w))
        rules_of = {
            word: tuple(i for i, cues in searched.items() if any(cue in word for cue in cues)) for word in words
        }
        pattern = re.compile("|".join(map(re.escape, words))) if words else None
        everywhere = tuple(i for i, cues in enumerate(cues_by_rule) if not cues)
        asked = tuple(i for i, cues in enumerate(cues_by_rule) if cues and i not in searched)
        return _CueIndex(pattern, rules_of, everywhere, asked)


def _cleaned(
    paragraph: Paragraph, source: str, rules: list[CompiledRule], active: list[int], report: CleanReport
) -> str:
    """One paragraph's text after the rules, in their order (`active`: the rules to try while it is unchanged, those
    it holds cue words of)."""
    text, queue, position = paragraph.text, active, 0
    while position < len(queue):
        index = queue[position]
        position += 1
        compiled = rules[index]
        if not compiled.cued(text):
            continue
        before = text
        if compiled.rule.kind == "drop_line":
            if text and compiled.regex.search(text):
                report.add(compiled.rule.name, source, paragraph.line)
                text = drop_matching(text, compiled.regex)
        else:
            text, changes = compiled.substitute(text)
            if changes:
                report.add(compiled.rule.name, source, paragraph.line, changes)
        if text != before and queue is active:
            queue, position = list(range(index + 1, len(rules))), 0  # changed: a later rule may now find its cue
    return text
