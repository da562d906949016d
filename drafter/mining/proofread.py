"""Proofread what is mined: every sentence goes through `drafter check`'s rules for canonical expressions
(corpus/cleaning.yaml), confused and coined words (corpus/usage.yaml) and numbers (GB/T 15835) before it
becomes a phrase. A fault a rule can fix is fixed (二〇二三年 -> 2023年, 布署 -> 部署, 针对化 -> 针对性);
a sentence with a fault no rule can fix is not offered at all.
"""

from __future__ import annotations

from drafter.output.check.usage import (
    any_usage_fault,
    coined_words,
    doubled_characters,
    fixed_numbers,
    fixed_usage,
    load_usage,
    number_issues,
    usage_problems,
)
from drafter.reading.clean import canonical_cues, canonical_rules


def proofread(sentence: str) -> str | None:
    """The sentence as check would leave it after --fix, or None when check would still find fault with it."""
    untouched = _untouched(sentence)
    if untouched is not None:  # no rule found anything to fix: what check finds is what was found here
        return None if untouched else sentence
    text = fixed_numbers(fixed_usage(fixed_canonical(sentence)))
    return None if problems(text) else text


def _untouched(sentence: str) -> bool | None:
    """For a sentence no fixing rule changes (most of them), whether check still finds a fault (a coined 化 word
    with no fix); None when some rule would change it. One pass of every rule instead of a fixing pass and a
    checking pass: the checking pass would look at the same text with the same patterns."""
    cues = canonical_cues()
    if cues is None or cues.search(sentence):  # most sentences hold no canonical rule's cue at all
        for rule in canonical_rules():
            if rule.cued(sentence) and rule.regex.search(sentence):
                return None
    usage = any_usage_fault()
    if usage.search(sentence) if usage else any(rule.regex.search(sentence) for rule in load_usage()):
        return None
    if number_issues(sentence):
        return None
    if doubled_characters(sentence):
        return None
    coined = coined_words(sentence)
    if any(right for _, right, _ in coined):
        return None
    return bool(coined)


def fixed_canonical(text: str) -> str:
    """Canonical expressions restored (新时代中国特色社会主义思想 -> 习近平新时代中国特色社会主义思想)."""
    for rule in canonical_rules():
        if rule.cued(text):
            text, _ = rule.substitute(text)
    return text


def problems(text: str) -> list[str]:
    """What check's canonical-expression, usage and number rules find in a text."""
    found = [
        f"规范表述有误：“{match.group(0)}”"
        for rule in canonical_rules()
        if rule.cued(text)
        for match in rule.regex.finditer(text)
    ]
    return found + usage_problems(text)
