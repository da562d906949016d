"""Words 公文 often confuses (corpus/usage.yaml) and numbers written against GB/T 15835 (数字用法)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafter.bank.store import load_yaml_model
from drafter.lazy import lazy_compile
from drafter.models import UsageRule, UsageRules
from drafter.output.check.findings import CheckedDocument, Finding
from drafter.reading.clean import any_of, compile_patterns
from drafter.reading.numerals import ascii_digits, cn_digit_string_to_int, cn_to_int
from drafter.resources import bundled

USAGE_PATH = "corpus/usage.yaml"
SENTENCE = lazy_compile(r"[^。！？；]*[。！？；]?")
_MEASURE = r"(?:个|项|次|件|人|家|户|名|场|所|篇|吨|亩|公里|万元|亿元|元|条|起|批|期|座|台)"
CN_YEAR = lazy_compile(r"(?<![\u4e00-\u9fff])([〇○零一二三四五六七八九]{4})年(?!代)")
# 五十四个 / 一百二十项: a count of more than ten in Chinese numerals, not part of a name (十四五, 二十大).
CN_COUNT = lazy_compile(
    rf"(?<![第几数十百千万一二三四五六七八九两])([一二三四五六七八九十百千]{{2,6}})(?:余)?(?={_MEASURE})"
)
PERCENT_WORDS = lazy_compile(r"百分之[零一二三四五六七八九十百点]+")
RANGE_PERCENT = lazy_compile(r"(?<![\d.%％])(\d+(?:\.\d+)?)\s*[-－~～—至到]\s*(\d+(?:\.\d+)?)\s*[%％]")
YEAR_RANGE = lazy_compile(r"(?<!\d)(\d{4})\s*[-－]\s*(\d{4})(?=\s*年)")
FULL_WIDTH_DIGITS = lazy_compile(r"[０-９]+(?:[．.][０-９]+)?")
# Amounts start where a number starts (not inside its digits or its ,000 groups): linear on long digit runs.
AMOUNT = lazy_compile(r"(?<!\d)(?<!\d[,.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿元|亿元|万元)")


@dataclass(frozen=True)
class CompiledUsage:
    """A usage rule with its compiled pattern."""

    rule: UsageRule
    regex: re.Pattern[str]


def load_usage(path: Path | None = None) -> list[CompiledUsage]:
    """The usage rules (the bundled corpus/usage.yaml by default)."""
    return _load_usage_cached(str(path or bundled(USAGE_PATH)))


@lru_cache(maxsize=4)
def _load_usage_cached(path: str) -> list[CompiledUsage]:
    """Load and compile once per path."""
    rules = load_yaml_model(Path(path), UsageRules).rules
    return [CompiledUsage(rule, regex) for rule, regex in zip(rules, compile_patterns(path, rules), strict=True)]


@lru_cache(maxsize=1)
def any_usage_fault() -> re.Pattern[str] | None:
    """One search for what any bundled usage rule finds (None where they cannot be joined)."""
    return any_of([rule.rule.pattern for rule in load_usage()])


def sentence_at(text: str, position: int) -> str:
    """The sentence of a paragraph that holds a position."""
    for match in SENTENCE.finditer(text):
        if match.start() <= position < max(match.end(), match.start() + 1):
            return match.group(0).strip()
    return text


def check_usage(doc: CheckedDocument) -> list[Finding]:
    """Confused words and number forms, one warning each, with the sentence."""
    findings: list[Finding] = []
    rules = load_usage()
    for paragraph in doc.written():
        text = paragraph.text
        for rule in rules:
            for match in rule.regex.finditer(text):
                findings.append(
                    Finding(
                        "usage",
                        "warning",
                        f"“{match.group(0)}”一般应写作“{match.expand(rule.rule.right)}”：{sentence_at(text, match.start())}",
                        paragraph.line,
                        doc.path_of_line(paragraph.line),
                        rule.rule.note,
                    )
                )
        findings += [
            Finding(
                "usage",
                "warning",
                f"{message}：{sentence_at(text, text.find(word))}",
                paragraph.line,
                doc.path_of_line(paragraph.line),
                f"改为“{right}”。" if right else "换一个说法。",
            )
            for word, right, message in coined_words(text)
        ]
        # Doubled characters are reported by check_register (one finding a place); this module's judgement of
        # them serves the proofreading of mined phrases and --fix.
        findings += [
            Finding("numbers", "warning", message, paragraph.line, doc.path_of_line(paragraph.line), suggestion)
            for message, suggestion in number_problems(text)
        ]
    findings += mixed_amount_units(doc)
    return findings


@dataclass(frozen=True)
class NumberIssue:
    """A number written against GB/T 15835: where, what to write instead, and how to say so."""

    start: int
    end: int
    replacement: str
    message: str
    suggestion: str


def number_issues(text: str) -> list[NumberIssue]:
    """GB/T 15835 in one paragraph: years, counts, percentages, ranges and digits written the wrong way."""
    issues = []
    for match in CN_YEAR.finditer(text):
        year = cn_digit_string_to_int(match.group(1))
        if year and 1900 <= year <= 2100:
            issues.append(
                NumberIssue(
                    match.start(),
                    match.end(),
                    f"{year}年",
                    f"正文中的年份“{match.group(0)}”用了汉字数字。",
                    f"写作“{year}年”（GB/T 15835）。",
                )
            )
    for match in CN_COUNT.finditer(text):
        value = cn_to_int(match.group(1))
        if value is not None and value > 10:
            issues.append(
                NumberIssue(
                    match.start(1),
                    match.end(1),
                    str(value),
                    f"计量的数字“{match.group(0)}”用了汉字。",
                    f"写作阿拉伯数字“{value}”（GB/T 15835）。",
                )
            )
    for match in PERCENT_WORDS.finditer(text):
        percent = _percent_value(match.group(0).removeprefix("百分之"))
        issues.append(
            NumberIssue(
                match.start(),
                match.end(),
                f"{percent}%" if percent else match.group(0),
                f"“{match.group(0)}”应写成百分号形式。",
                "用阿拉伯数字加 %（GB/T 15835）。",
            )
        )
    for match in RANGE_PERCENT.finditer(text):
        low, high = match.group(1), match.group(2)
        issues.append(
            NumberIssue(
                match.start(),
                match.end(),
                f"{low}%～{high}%",
                f"百分数范围“{match.group(0)}”前一个数也要带 %。",
                f"写作“{low}%～{high}%”（GB/T 15835）。",
            )
        )
    for match in YEAR_RANGE.finditer(text):
        issues.append(
            NumberIssue(
                match.start(),
                match.end(),
                f"{match.group(1)}—{match.group(2)}",
                f"年份范围“{match.group(0)}年”用了连字符。",
                f"写作“{match.group(1)}—{match.group(2)}年”（GB/T 15835）。",
            )
        )
    for match in FULL_WIDTH_DIGITS.finditer(text):
        issues.append(
            NumberIssue(
                match.start(),
                match.end(),
                ascii_digits(match.group(0)).replace("．", "."),
                f"“{match.group(0)}”是全角数字。",
                "数字用半角（如 2024）。",
            )
        )
    return issues


def number_problems(text: str) -> list[tuple[str, str]]:
    """GB/T 15835 in one paragraph: (message, suggestion) for every number written the wrong way."""
    return [(issue.message, issue.suggestion) for issue in number_issues(text)]


def fixed_numbers(text: str) -> str:
    """The text with every number written as GB/T 15835 wants (二〇二三年 -> 2023年, 五十四个 -> 54个)."""
    taken = 0
    pieces = []
    for issue in sorted(number_issues(text), key=lambda i: (i.start, -i.end)):
        if issue.start < taken:
            continue  # overlapping findings: the first one fixes it
        pieces += [text[taken : issue.start], issue.replacement]
        taken = issue.end
    return "".join(pieces) + text[taken:]


def _percent_value(words: str) -> str:
    """五十 -> 50, 三点五 -> 3.5 ("" when the words are no number)."""
    whole, _, fraction = words.partition("点")
    value = cn_to_int(whole)
    digits = cn_digit_string_to_int(fraction) if fraction else None
    if value is None or (fraction and digits is None):
        return ""
    return (
        f"{value}.{fraction.translate(str.maketrans('零一二三四五六七八九', '0123456789'))}" if fraction else str(value)
    )


# A word made with 化 from a word that takes none: a preposition, conjunction or adverb (针对化 for 针对性).
_HUA = lazy_compile(r"([\u4e00-\u9fff]{2})化")


def coined_words(text: str) -> list[tuple[str, str, str]]:
    """(word, what to write instead or "", message) for each 化 word made from a function word (针对化)."""
    from drafter.mining.lexicon import lexicon

    found = []
    for match in _HUA.finditer(text):
        stem, word = match.group(1), match.group(0)
        # 有待|优化: the 化 word is the last two characters, a word of its own.
        if lexicon().known(word) or lexicon().known(word[1:]) or not lexicon().function_word(stem):
            continue
        if lexicon().known(text[match.end() - 1 : match.end() + 1]):
            continue  # 化 begins the next word (及时|化解, 逐步|化为): nothing was coined
        right = stem + "性" if lexicon().known(stem + "性") else ""
        found.append((word, right, f"“{word}”不成词（“{stem}”后不能加“化”）"))
    return found


# A character written twice (重复字, a proofreader's standard check): 工业上上楼.
_DOUBLED = lazy_compile(r"([\u4e00-\u9fff])\1")
# Before these a doubled character is a determiner's noun and the same character starting the next word (各村|村民,
# 每户|户主) or a measure word reduplicated (一步步, 一件件).
_DETERMINERS = frozenset("各每本该全我逐一两")
_WINDOW = 6
# Words of place after a noun (工业上, 范围内): alone before a word they start, the first of two is a slip.
_LOCALIZERS = frozenset("上下中内外前后里")
_CJK = lazy_compile(r"[\u4e00-\u9fff]")


def doubled_characters(text: str) -> list[tuple[str, str, str]]:
    """(what is written, what to write, message) for each character written twice by mistake: the pair is no word
    (real reduplication is: 常常, 人人, 层层, or inside a word: 不了了之, 扎扎实实), one of the two stands alone and the
    other begins or ends a word the dictionary knows (工业|上|上楼, 我们|们): dropping the one alone is the fix."""
    from drafter.mining.lexicon import doubled_words, lexicon

    found = []
    for match in _DOUBLED.finditer(text):
        start, end = match.span()
        pair = match.group(0)
        if pair in doubled_words() or (start and text[start - 1] in _DETERMINERS):
            continue
        doubled_after = end + 1 < len(text) and text[end] == text[end + 1]
        doubled_before = start >= 2 and text[start - 2] == text[start - 1]
        if doubled_after or doubled_before:
            continue  # AABB: 家家户户, 扎扎实实
        left, right = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
        spans, position = [], left
        for word in lexicon().segment(text[left:right]):
            spans.append((position, position + len(word)))
            position += len(word)
        first = next(span for span in spans if span[0] <= start < span[1])
        second = next(span for span in spans if span[0] <= start + 1 < span[1])
        if first == second:
            continue  # one word holds both (不了了之)
        alone = [span for span in (first, second) if span[1] - span[0] == 1]
        if len(alone) != 1:
            continue  # both stand alone (年年都……) or both belong to words (工作|作风): nothing says which is wrong
        at = alone[0][0]
        if alone[0] == first and match.group(1) not in _LOCALIZERS:
            continue  # a noun alone before a word it starts may head a term the dictionary lacks (出厂水|水质)
        index = spans.index(alone[0])
        outer = spans[index - 1] if alone[0] == first else spans[index + 1] if index + 1 < len(spans) else None
        if outer is not None and outer[1] - outer[0] == 1 and _CJK.match(text[outer[0]]):
            continue  # a run of characters the dictionary reads as no word (卒|中|中心: 卒中 is a term it lacks)
        if lexicon().function_word(match.group(1)):
            continue  # a preposition or particle after a word ending in it (行为|为|重点, 完成了|了解)
        if outer is not None and _joins(text, alone[0], outer, lexicon().known):
            continue  # the one alone makes a word with its other neighbour (工作|作|出新: 作出)
        context = text[max(0, start - 2) : end + 2]
        fixed = text[max(0, start - 2) : at] + text[at + 1 : end + 2]
        found.append((context, fixed, f"“{context}”中“{match.group(1)}”字重复"))
    return found


def _joins(text: str, alone: tuple[int, int], outer: tuple[int, int], known: Callable[[str], bool]) -> bool:
    """Whether the character alone makes a word with the start (or end) of the word on its other side."""
    if outer[0] > alone[0]:
        return any(known(text[alone[0] : end]) for end in range(outer[0] + 1, outer[1] + 1))
    return any(known(text[start : alone[1]]) for start in range(outer[0], outer[1]))


def fixed_usage(text: str) -> str:
    """The text with the confused words of corpus/usage.yaml, coined 化 words and doubled characters written as they
    should be."""
    for rule in load_usage():
        text = rule.regex.sub(rule.rule.right, text)
    for word, right, _ in coined_words(text):
        if right:
            text = text.replace(word, right)
    for written, right, _ in doubled_characters(text):
        text = text.replace(written, right, 1)
    return text


def usage_problems(text: str) -> list[str]:
    """What check's usage and number rules find in a text (confused words, coined words, numbers), one line each."""
    found = [f"“{m.group(0)}”应作“{m.expand(r.rule.right)}”" for r in load_usage() for m in r.regex.finditer(text)]
    found += [message for _, _, message in coined_words(text)]
    found += [message for _, _, message in doubled_characters(text)]
    return found + [message for message, _ in number_problems(text)]


def mixed_amount_units(doc: CheckedDocument) -> list[Finding]:
    """Amounts of one document in mixed scales: 12000亿元 beside 1.2万亿元, 15000万元 beside 亿元."""
    findings = []
    units_used = {m.group(2) for p in doc.written() for m in AMOUNT.finditer(p.text)}
    larger = {"亿元": "万亿元", "万元": "亿元"}
    for paragraph in doc.written():
        for match in AMOUNT.finditer(paragraph.text):
            value, unit = float(match.group(1).replace(",", "")), match.group(2)
            bigger = larger.get(unit)
            if bigger and bigger in units_used and value >= 10000:
                findings.append(
                    Finding(
                        "numbers",
                        "warning",
                        f"“{match.group(0)}”与文中的“{bigger}”混用，同一文中数值的单位要统一。",
                        paragraph.line,
                        doc.path_of_line(paragraph.line),
                        f"改写为“{value / 10000:g}{bigger}”。",
                    )
                )
    return findings
