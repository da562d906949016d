"""Words 公文 often confuses (corpus/usage.yaml) and numbers written against GB/T 15835 (数字用法)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafter.bank.store import load_yaml_model
from drafter.models import UsageRule, UsageRules
from drafter.output.check.findings import CheckedDocument, Finding
from drafter.reading.clean import compile_patterns
from drafter.reading.numerals import cn_digit_string_to_int, cn_to_int
from drafter.resources import bundled

USAGE_PATH = "corpus/usage.yaml"
SENTENCE = re.compile(r"[^。！？；]*[。！？；]?")
_MEASURE = r"(?:个|项|次|件|人|家|户|名|场|所|篇|吨|亩|公里|万元|亿元|元|条|起|批|期|座|台)"
CN_YEAR = re.compile(r"(?<![\u4e00-\u9fff])([〇○零一二三四五六七八九]{4})年(?!代)")
# 五十四个 / 一百二十项: a count of more than ten in Chinese numerals, not part of a name (十四五, 二十大).
CN_COUNT = re.compile(
    rf"(?<![第几数十百千万一二三四五六七八九两])([一二三四五六七八九十百千]{{2,6}})(?:余)?(?={_MEASURE})"
)
PERCENT_WORDS = re.compile(r"百分之[零一二三四五六七八九十百点]+")
RANGE_PERCENT = re.compile(r"(?<![\d.%％])(\d+(?:\.\d+)?)\s*[-－~～—至到]\s*(\d+(?:\.\d+)?)\s*[%％]")
YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-－]\s*(\d{4})(?=\s*年)")
FULL_WIDTH_DIGITS = re.compile(r"[０-９]+(?:[．.][０-９]+)?")
AMOUNT = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿元|亿元|万元)")


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
            Finding("numbers", "warning", message, paragraph.line, doc.path_of_line(paragraph.line), suggestion)
            for message, suggestion in number_problems(text)
        ]
    findings += mixed_amount_units(doc)
    return findings


def number_problems(text: str) -> list[tuple[str, str]]:
    """GB/T 15835 in one paragraph: years, counts, percentages, ranges and digits written the wrong way."""
    problems = []
    for match in CN_YEAR.finditer(text):
        year = cn_digit_string_to_int(match.group(1))
        if year and 1900 <= year <= 2100:
            problems.append((f"正文中的年份“{match.group(0)}”用了汉字数字。", f"写作“{year}年”（GB/T 15835）。"))
    for match in CN_COUNT.finditer(text):
        value = cn_to_int(match.group(1))
        if value is not None and value > 10:
            problems.append((f"计量的数字“{match.group(0)}”用了汉字。", f"写作阿拉伯数字“{value}”（GB/T 15835）。"))
    for match in PERCENT_WORDS.finditer(text):
        problems.append((f"“{match.group(0)}”应写成百分号形式。", "用阿拉伯数字加 %（GB/T 15835）。"))
    for match in RANGE_PERCENT.finditer(text):
        low, high = match.group(1), match.group(2)
        problems.append((f"百分数范围“{match.group(0)}”前一个数也要带 %。", f"写作“{low}%～{high}%”（GB/T 15835）。"))
    for match in YEAR_RANGE.finditer(text):
        problems.append(
            (f"年份范围“{match.group(0)}年”用了连字符。", f"写作“{match.group(1)}—{match.group(2)}年”（GB/T 15835）。")
        )
    for match in FULL_WIDTH_DIGITS.finditer(text):
        problems.append((f"“{match.group(0)}”是全角数字。", "数字用半角（如 2024）。"))
    return problems


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
