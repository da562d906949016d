"""Proofread what is mined: every sentence goes through `drafter check`'s rules for canonical expressions
(corpus/cleaning.yaml), confused and coined words (corpus/usage.yaml) and numbers (GB/T 15835) before it
becomes a phrase. A fault a rule can fix is fixed (二〇二三年 -> 2023年, 布署 -> 部署, 针对化 -> 针对性);
a sentence with a fault no rule can fix is not offered at all.
"""

from __future__ import annotations

from drafter.output.check.usage import fixed_numbers, fixed_usage, usage_problems
from drafter.reading.clean import canonical_rules


def proofread(sentence: str) -> str | None:
    """The sentence as check would leave it after --fix, or None when check would still find fault with it."""
    text = fixed_numbers(fixed_usage(fixed_canonical(sentence)))
    return None if problems(text) else text


def fixed_canonical(text: str) -> str:
    """Canonical expressions restored (新时代中国特色社会主义思想 -> 习近平新时代中国特色社会主义思想)."""
    for rule in canonical_rules():
        if not rule.rule.contains or any(word in text for word in rule.rule.contains):
            text, _ = rule.substitute(text)
    return text


def problems(text: str) -> list[str]:
    """What check's canonical-expression, usage and number rules find in a text."""
    found = [
        f"规范表述有误：“{match.group(0)}”"
        for rule in canonical_rules()
        if not rule.rule.contains or any(word in text for word in rule.rule.contains)
        for match in rule.regex.finditer(text)
    ]
    return found + usage_problems(text)
