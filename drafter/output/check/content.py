"""Leftovers, figures and register: placeholders, empty sections, 同比 arithmetic, totals, stand-ins, repeats."""

from __future__ import annotations

import re
from collections import Counter

from drafter.mining.roles import section_roles
from drafter.output.check.findings import CheckedDocument, Finding
from drafter.output.render.text import is_hint
from drafter.reading.clean import canonical_rules, stand_in_rules

PLACEHOLDER_X = re.compile(r"(?<![A-Za-z])X{2,}(?![A-Za-z])|×{2,}")
HINT = re.compile(r"【[^】]{1,40}】")
FIGURE = re.compile(r"\d|[一二三四五六七八九十百千万]+(?:个|项|次|件|人|家|户|元|名|场|所|篇)")
_NUMBER = r"(\d+(?:\.\d+)?)"
_UNIT = r"(万元|亿元|元|万人|人次|人|个|件|项|家|户|次|篇|万|亿|吨|公里|亩|平方米|%)"
GROWTH = re.compile(r"(增长|上升|提高|增加|下降|减少|降低)(?:了)?" + _NUMBER + r"\s*[%％]")
LAST_YEAR = re.compile(r"(?:上年|去年|上年同期|去年同期|同期)(?:为|是|的|共)?" + _NUMBER + r"\s*" + _UNIT)
FIGURE_WITH_UNIT = re.compile(_NUMBER + r"\s*" + _UNIT)
TOTAL = re.compile(r"(?:共|合计|总计|累计|共计)[^，。；]{0,12}?" + _NUMBER + r"\s*" + _UNIT + r"[^。；]{0,8}?其中")
# 2.1亿元（其中中央资金1.2亿元、省级资金0.5亿元）: the parts are in the brackets.
TOTAL_BRACKETED = re.compile(_NUMBER + r"\s*" + _UNIT + r"\s*[（(]其中([^（）()]*)[）)]")
_SCALE = {"亿": 1e8, "万": 1e4}
# Word pairs that are doubled on purpose (层层, 牢牢, 实实在在 …) are never flagged.
REDUPLICATIONS = set(
    [
        "层层",
        "牢牢",
        "紧紧",
        "人人",
        "事事",
        "件件",
        "时时",
        "处处",
        "天天",
        "年年",
        "月月",
        "日日",
        "步步",
        "个个",
        "家家",
        "户户",
        "一一",
        "常常",
        "渐渐",
        "纷纷",
        "默默",
        "实实",
        "在在",
        "扎扎",
        "切切",
        "方方",
        "面面",
        "点点",
        "滴滴",
        "兢兢",
        "业业",
        "勤勤",
        "恳恳",
        "踏踏",
        "明明",
        "白白",
        "清清",
        "楚楚",
        "大大",
        "小小",
        "多多",
        "稳稳",
        "久久",
        "往往",
        "仅仅",
        "刚刚",
        "好好",
        "种种",
        "条条",
        "项项",
        "村村",
        "镇镇",
        "级级",
        "环环",
        "节节",
        "句句",
        "字字",
        "声声",
        "代代",
        "世世",
        "形形",
        "色色",
        "轰轰",
        "烈烈",
        "平平",
        "安安",
        "干干",
        "净净",
        "整整",
        "齐齐",
        "高高",
        "兴兴",
        "哒哒",
    ]
)


def check_leftovers(doc: CheckedDocument) -> list[Finding]:
    """XX placeholders, 【…】 hints, a blank skeleton's hint paragraphs, empty sections."""
    findings = []
    for paragraph in doc.hints():
        findings.append(
            Finding(
                "hint-left",
                "error",
                f"空白提纲的提示“{paragraph.text.lstrip('> ')[:16]}……”还留在文中。",
                paragraph.line,
                doc.path_of_line(paragraph.line),
                "写好这一部分后删去提示和参考例句（Word 中为黄色底纹，Markdown 中为 > 引用）。",
            )
        )
    for paragraph in doc.written():
        for match in PLACEHOLDER_X.finditer(paragraph.text):
            findings.append(
                Finding(
                    "placeholder",
                    "warning",
                    f"占位符“{match.group(0)}”还没有换成实际内容。",
                    paragraph.line,
                    doc.path_of_line(paragraph.line),
                    "填上实际的名称或数字。",
                )
            )
        for match in HINT.finditer(paragraph.text):
            findings.append(
                Finding(
                    "hint-left",
                    "error",
                    f"提示文字“{match.group(0)}”还留在文中。",
                    paragraph.line,
                    doc.path_of_line(paragraph.line),
                    "写好这一处内容后删去提示。",
                )
            )
    for section, path, _, _ in doc.walk():
        if not section.body and not section.children:
            findings.append(
                Finding(
                    "empty-section",
                    "warning",
                    f"“{section.marker}{section.heading}”下面没有正文。",
                    section.line,
                    path,
                    "补写这一部分，或删去这个标题。",
                )
            )
    return findings


def check_figures(doc: CheckedDocument) -> list[Finding]:
    """Achievements without figures, 同比 percentages that do not follow from the figures, totals that do not add up."""
    findings = []
    roles = section_roles([s.heading for s in doc.outline.sections])
    for top, role in zip(doc.outline.sections, roles, strict=True):
        if role not in ("result", "measure"):
            continue
        stack = [top]
        while stack:
            section = stack.pop()
            stack.extend(section.children)
            for text, line in zip(section.body, doc.body_lines(section), strict=False):
                if len(text) >= 80 and not FIGURE.search(text) and not is_hint(text):
                    findings.append(
                        Finding(
                            "no-figure",
                            "info",
                            "这段写成效却没有一个数字。",
                            line,
                            doc.path_of_line(line or 0),
                            "补上能说明成效的数据（数量、金额、比例、同比）。",
                        )
                    )
    for paragraph in doc.written():
        for sentence in re.split(r"(?<=[。；！？])", paragraph.text):
            findings += _growth(sentence, paragraph.line, doc)
            findings += _totals(sentence, paragraph.line, doc)
    return findings


def _growth(sentence: str, line: int, doc: CheckedDocument) -> list[Finding]:
    """同比增长X% where this year's and last year's figures are both given."""
    growth = GROWTH.search(sentence)
    last = LAST_YEAR.search(sentence)
    if not growth or not last:
        return []
    unit = last.group(2)
    current = next(
        (
            m
            for m in FIGURE_WITH_UNIT.finditer(sentence)
            if m.group(2) == unit and not (last.start() <= m.start() < last.end()) and m.end() <= growth.start()
        ),
        None,
    )
    if current is None:
        return []
    before, now = float(last.group(1)), float(current.group(1))
    if before == 0:
        return []
    computed = (now - before) / before * 100
    stated = float(growth.group(2)) * (-1 if growth.group(1) in ("下降", "减少", "降低") else 1)
    if abs(computed - stated) <= 0.5:
        return []
    word = "增长" if computed >= 0 else "下降"
    return [
        Finding(
            "growth-mismatch",
            "error",
            f"按文中数字，{current.group(0)}比上年{last.group(1)}{unit}{word}{abs(computed):.1f}%，文中写的是{growth.group(0)}。",
            line,
            doc.path_of_line(line),
            f"改为“{word}{abs(computed):.1f}%”，或核对两个数字。",
        )
    ]


def _totals(sentence: str, line: int, doc: CheckedDocument) -> list[Finding]:
    """共N个，其中A个、B个 … or N亿元（其中A亿元、B万元）where the parts do not add up to the total."""
    found = []
    total = TOTAL.search(sentence)
    if total:
        found.append((total.group(1), total.group(2), sentence[total.end() :]))
    for bracketed in TOTAL_BRACKETED.finditer(sentence):
        found.append((bracketed.group(1), bracketed.group(2), bracketed.group(3)))
    findings = []
    for number, unit, rest in found:
        finding = _total_finding(number, unit, rest, line, doc)
        if finding is not None:
            findings.append(finding)
    return findings


def _in_units(value: float, unit: str, wanted: str) -> float | None:
    """A figure in another unit of the same kind (8000万元 in 亿元 is 0.8); None when the kinds differ."""
    if unit == wanted:
        return value
    base, wanted_base = unit.lstrip("万亿"), wanted.lstrip("万亿")
    if not base or base != wanted_base:
        return None
    return value * _SCALE.get(unit[0], 1.0) / _SCALE.get(wanted[0], 1.0)


def _total_finding(number: str, unit: str, rest: str, line: int, doc: CheckedDocument) -> Finding | None:
    """A finding when the figures after 其中 (in the total's unit) do not add up to the total."""
    parts = [_in_units(float(m.group(1)), m.group(2), unit) for m in FIGURE_WITH_UNIT.finditer(rest)]
    values = [value for value in parts if value is not None]
    if len(values) < 2:
        return None
    whole, summed = float(number), round(sum(values), 6)
    if summed > whole + 1e-9 or (abs(summed - whole) > 1e-9 and "等" not in rest):
        return Finding(
            "total-mismatch",
            "error" if summed > whole else "warning",
            f"总数{number}{unit}与“其中”各项之和{summed:g}{unit}不符。",
            line,
            doc.path_of_line(line),
            "核对总数和各分项。",
        )
    return None


def check_register(doc: CheckedDocument) -> list[Finding]:
    """Stand-ins from the web, duplicated sentences, doubled characters, headings that break parallelism."""
    findings: list[Finding] = []
    rules = stand_in_rules()
    text = doc.text()
    for paragraph in doc.written():
        for rule in rules:
            for match in rule.regex.finditer(paragraph.text):
                context = paragraph.text[max(match.start() - 2, 0) : match.end() + 2]
                findings.append(
                    Finding(
                        "stand-in",
                        "error",
                        f"“{context}”里的“{match.group(0)}”是网页上的替代字。",
                        paragraph.line,
                        doc.path_of_line(paragraph.line),
                        f"改为“{rule.rule.replace * (len(match.group(0)) if rule.rule.each_char else 1)}”。",
                        fixable=True,
                    )
                )
        findings += _truncated_expressions(paragraph.text, paragraph.line, doc)
        findings += _doubled(paragraph.text, paragraph.line, doc, text)
    findings += _duplicate_sentences(doc)
    findings += _parallelism(doc)
    return findings


def _truncated_expressions(paragraph: str, line: int, doc: CheckedDocument) -> list[Finding]:
    """Canonical expressions with 习近平 or 习近平总书记 cut off (新时代中国特色社会主义思想 …), as the cleaning rules define them."""
    findings = []
    for rule in canonical_rules():
        if rule.rule.contains and not any(word in paragraph for word in rule.rule.contains):
            continue
        for match in rule.regex.finditer(paragraph):
            findings.append(
                Finding(
                    "canonical-expression",
                    "error",
                    f"规范表述有误：“{match.group(0)}”。{rule.rule.description.removeprefix('规范表述：')}。",
                    line,
                    doc.path_of_line(line),
                    f"改为“{match.expand(rule.rule.replace or '')}”"
                    + (f"（出处：{rule.rule.source}）。" if rule.rule.source else "。"),
                    fixable=True,
                )
            )
    return findings


def _doubled(paragraph: str, line: int, doc: CheckedDocument, whole: str) -> list[Finding]:
    """A doubled character that only makes sense single: 工业上上楼 (written 工业上楼 elsewhere in the text, or
    not: 上 alone beside the word 上楼, where the words of the text without it hold every character)."""
    findings = []
    for match in re.finditer(r"([\u4e00-\u9fff])\1", paragraph):
        start, end = match.start(), match.end()
        if match.group(0) in REDUPLICATIONS or start == 0 or end >= len(paragraph):
            continue
        single = paragraph[max(start - 2, 0) : start + 1] + paragraph[end]
        if _two_words_meet(paragraph, start):
            continue
        if _single_elsewhere(paragraph, start, whole):
            why = f"文中别处写作“{single}”"
        elif _lone_repeat(paragraph, start):
            why = f"“{match.group(1)}”单独成字，去掉后词语完整"
        else:
            continue
        findings.append(
            Finding(
                "doubled-char",
                "warning",
                f"“{paragraph[max(start - 2, 0) : end + 1]}”疑似多打了一个“{match.group(1)}”（{why}）。",
                line,
                doc.path_of_line(line),
                f"改为“{single}”。",
            )
        )
    return findings


def _single_elsewhere(paragraph: str, start: int, whole: str) -> bool:
    """The text without the repeat occurs elsewhere, and the pair the second character starts (上楼) never
    occurs on its own, only after the same character as here (业上楼): a boundary between two words
    (委员会|会议, 履行|行风) has a second word that occurs in other places too."""
    char, before, after = paragraph[start], paragraph[start - 1], paragraph[start + 2]
    if whole.count(paragraph[max(start - 2, 0) : start + 1] + after) < 1:
        return False
    preceding = {whole[i - 1] for i in _positions(whole, char + after) if i > 0 and whole[i - 1] != char}
    return not preceding or preceding == {before}


# Characters that stand alone before a word starting with themselves in good Chinese (对对方, 要要求, 在在建).
_FUNCTION_CHARACTERS = frozenset(
    "的地得了着过对在为和与及以把被将要是有不没也都还就又再更最很已从向给让使会能可并而或其之所"
)


def _word_sides(paragraph: str, start: int) -> tuple[bool, bool, bool]:
    """For the pair at `start`: does a dictionary word hold both, end with the first, start with the second?"""
    from drafter.mining.lexicon import doubled_words, lexicon

    known = lexicon().known
    size = len(paragraph)
    pair = paragraph[start : start + 2]
    holds = pair in doubled_words() or any(
        known(paragraph[i:j])
        for i in range(max(start - 2, 0), start + 1)
        for j in range(start + 2, min(start + 5, size + 1))
        if j - i > 2
    )
    ends = any(known(paragraph[i : start + 1]) for i in range(max(start - 3, 0), start))
    begins = any(known(paragraph[start + 1 : j]) for j in range(start + 3, min(start + 6, size + 1)))
    return holds, ends, begins


def _two_words_meet(paragraph: str, start: int) -> bool:
    """The pair is one word (层层, 的的确确) or where two words meet (委员会|会议, 审计|计划)."""
    holds, ends, begins = _word_sides(paragraph, start)
    return holds or (ends and begins)


def _lone_repeat(paragraph: str, start: int) -> bool:
    """One of the pair belongs to a word (工业|上|上楼: 上楼; 我们|们|的: 我们) and the other to none."""
    if paragraph[start] in _FUNCTION_CHARACTERS:
        return False
    holds, ends, begins = _word_sides(paragraph, start)
    return not holds and ends != begins


def _positions(text: str, part: str) -> list[int]:
    """Every index where `part` occurs in `text`."""
    return [m.start() for m in re.finditer(re.escape(part), text)]


def _duplicate_sentences(doc: CheckedDocument) -> list[Finding]:
    """The same sentence written twice."""
    seen: Counter[str] = Counter()
    findings = []
    for paragraph in doc.written():
        for sentence in re.findall(r"[^。！？]{12,}[。！？]", paragraph.text):
            seen[sentence] += 1
            if seen[sentence] == 2:
                findings.append(
                    Finding(
                        "duplicate-sentence",
                        "warning",
                        f"句子重复出现：“{sentence[:30]}……”",
                        paragraph.line,
                        doc.path_of_line(paragraph.line),
                        "删去重复的一句。",
                    )
                )
    return findings


def _shape(heading: str) -> str:
    """A heading's pattern: two parts (加强…，提升…) or one."""
    return "pair" if re.search(r"[，,]", heading) else "single"


def _parallelism(doc: CheckedDocument) -> list[Finding]:
    """Among three or more siblings, a heading whose shape or length breaks the pattern of the others."""
    findings = []
    for siblings in doc.sibling_groups():
        if len(siblings) < 3:
            continue
        shapes = Counter(_shape(s.heading) for s in siblings)
        common, count = shapes.most_common(1)[0]
        lengths = sorted(len(s.heading) for s in siblings)
        median = lengths[len(lengths) // 2]
        for section in siblings:
            odd_shape = count >= len(siblings) - 1 and count >= 3 and _shape(section.heading) != common
            too_long = len(section.heading) > max(2 * median, median + 20)
            if odd_shape or too_long:
                why = "比同级标题长得多，像一整句话" if too_long else "句式与同级标题不一致"
                findings.append(
                    Finding(
                        "heading-parallelism",
                        "info",
                        f"“{section.marker}{section.heading[:30]}”{why}。",
                        section.line,
                        doc.path_of_line(section.line or 0),
                        "同级标题宜用相同句式、相近字数；可把后半部分移入正文。",
                    )
                )
    return findings
