"""Leftovers, figures and register: placeholders, empty sections, 同比 arithmetic, totals, stand-ins, repeats."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from drafter.lazy import lazy_compile
from drafter.mining.roles import section_roles
from drafter.output.check.findings import CheckedDocument, Finding
from drafter.output.render.text import is_hint
from drafter.reading.clean import CompiledRule, canonical_rules, stand_in_rules
from drafter.reading.headings import LINE_CHARS

PLACEHOLDER_X = lazy_compile(r"(?<![A-Za-z])X{2,}(?![A-Za-z])|×{2,}")
HINT = lazy_compile(r"【[^】]{1,40}】")
FIGURE = lazy_compile(
    r"\d|(?<![一二三四五六七八九十百千万])[一二三四五六七八九十百千万]+(?:个|项|次|件|人|家|户|元|名|场|所|篇)"
)
# Numbers start where a run of digits starts: trying every digit of a long run again would be quadratic.
_NUMBER = r"(?<!\d)(\d+(?:\.\d+)?)"
_UNIT = r"(万元|亿元|元|万人|人次|人|个|件|项|家|户|次|篇|万|亿|吨|公里|亩|平方米|%)"
GROWTH = lazy_compile(r"(增长|上升|提高|增加|下降|减少|降低)(?:了)?" + _NUMBER + r"\s*[%％]")
LAST_YEAR = lazy_compile(r"(?:上年|去年|上年同期|去年同期|同期)(?:为|是|的|共)?" + _NUMBER + r"\s*" + _UNIT)
FIGURE_WITH_UNIT = lazy_compile(_NUMBER + r"\s*" + _UNIT)
TOTAL = lazy_compile(r"(?:共|合计|总计|累计|共计)[^，。；]{0,12}?" + _NUMBER + r"\s*" + _UNIT + r"[^。；]{0,8}?其中")
# 2.1亿元（其中中央资金1.2亿元、省级资金0.5亿元）: the parts are in the brackets.
TOTAL_BRACKETED = lazy_compile(_NUMBER + r"\s*" + _UNIT + r"\s*[（(]其中([^（）()]*)[）)]")
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
        if not section.body and not section.children and not says_its_content(section.heading):
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


def says_its_content(heading: str) -> bool:
    """A heading that is itself a full sentence, longer than a line (a run-in heading with no more to say:
    3.聚焦债务风险防范，持续跟踪……，推动建立债务风险预警和化解机制。): nothing is missing under it."""
    return len(heading) > LINE_CHARS and bool(re.search(r"[，；]", heading))


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
    rules, canonical = stand_in_rules(), canonical_rules()  # once: each call finds and checks the rules file
    doubled = _DoubledPlaces()
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
        findings += _truncated_expressions(paragraph.text, paragraph.line, doc, canonical)
        doubled.add(paragraph.text, paragraph.line)
    findings += doubled.findings(doc, doc.text())
    findings += _duplicate_sentences(doc)
    findings += _parallelism(doc)
    return findings


def _truncated_expressions(paragraph: str, line: int, doc: CheckedDocument, rules: list[CompiledRule]) -> list[Finding]:
    """Canonical expressions with 习近平 or 习近平总书记 cut off (新时代中国特色社会主义思想 …), as the cleaning rules define them."""
    findings = []
    for rule in rules:
        if not rule.cued(paragraph):
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


# The doubled-character rule judges at most this many different places of one document (a real one has a
# handful); the dictionary lookups it makes for each are what it costs.
MAX_DOUBLED_PLACES = 1_000
_DOUBLED = lazy_compile(r"([\u4e00-\u9fff])\1")
# Numbers written in characters repeat their digits by nature: 十五五 (the 15th five-year plan), 二〇二二年, 三三制.
_NUMERAL_CHARACTERS = frozenset("〇零一二三四五六七八九十百千万亿两")


@dataclass(frozen=True)
class _Doubled:
    """A doubled character the dictionary does not explain (工业上上楼), with what is left to judge it by."""

    line: int
    char: str
    shown: str  # the doubled pair with two characters before and one after (业上上楼)
    single: str  # the same text with the repeat taken out (工业上楼)
    pair: str  # the character and the one after the pair (上楼)
    before: str  # the character before the pair (业)
    lone: bool  # one of the pair belongs to a word and the other to none


@dataclass
class _DoubledPlaces:
    """The doubled characters of a document, each place judged by the dictionary once."""

    found: list[_Doubled] = field(default_factory=list)
    judged: dict[tuple[str, int], tuple[bool, bool]] = field(default_factory=dict)  # window -> (explained, lone)
    skipped: int = 0

    def add(self, paragraph: str, line: int) -> None:
        """Note the doubled characters of one paragraph that no word explains (层层, 委员会|会议)."""
        for match in _DOUBLED.finditer(paragraph):
            start, end = match.start(), match.end()
            if match.group(0) in REDUPLICATIONS or match.group(1) in _NUMERAL_CHARACTERS:
                continue
            if start == 0 or end >= len(paragraph):
                continue
            # The dictionary lookups read three characters before the pair and four after it, no further.
            left = max(start - 3, 0)
            window = (paragraph[left : start + 6], start - left)
            if window not in self.judged:
                if len(self.judged) >= MAX_DOUBLED_PLACES:
                    self.skipped += 1
                    continue
                holds, ends, begins = _word_sides(paragraph, start)
                explained = holds or (ends and begins)
                lone = paragraph[start] not in _FUNCTION_CHARACTERS and not holds and ends != begins
                lone = lone and _stands_alone(paragraph, start, ends)
                self.judged[window] = (explained, lone)
            explained, lone = self.judged[window]
            if explained:
                continue
            char = match.group(1)
            near = paragraph[max(start - 2, 0) : start + 1]
            self.found.append(
                _Doubled(
                    line,
                    char,
                    paragraph[max(start - 2, 0) : end + 1],
                    near + paragraph[end],
                    char + paragraph[end],
                    paragraph[start - 1],
                    lone,
                )
            )

    def findings(self, doc: CheckedDocument, whole: str) -> list[Finding]:
        """A warning for each doubled character that only makes sense single: 工业上上楼 (written 工业上楼 elsewhere
        in the text, or not: 上 alone beside the word 上楼, where the words of the text without it hold every
        character)."""
        elsewhere = _pairs_elsewhere(whole, self.found)
        findings = []
        for place in self.found:
            if elsewhere(place):
                why = f"文中别处写作“{place.single}”"
            elif place.lone:
                why = f"“{place.char}”单独成字，去掉后词语完整"
            else:
                continue
            findings.append(
                Finding(
                    "doubled-char",
                    "warning",
                    f"“{place.shown}”疑似多打了一个“{place.char}”（{why}）。",
                    place.line,
                    doc.path_of_line(place.line),
                    f"改为“{place.single}”。",
                )
            )
        if self.skipped:
            findings.append(
                Finding(
                    "doubled-char-skipped",
                    "info",
                    f"连续重复的汉字超过 {MAX_DOUBLED_PLACES:,} 处，只检查了前 {MAX_DOUBLED_PLACES:,} 处，"
                    f"其余 {self.skipped:,} 处没有检查（一篇正常的总结远少于此）。",
                    suggestion="确认选对了文件；删去大段重复的文字后再检查。",
                )
            )
        return findings


def _pairs_elsewhere(whole: str, places: list[_Doubled]) -> Callable[[_Doubled], bool]:
    """Whether the text without the repeat occurs elsewhere in `whole`, and the pair the second character starts
    (上楼) never occurs on its own, only after the same character as here (业上楼): a boundary between two words
    (委员会|会议, 履行|行风) has a second word that occurs in other places too.

    Every occurrence of the pairs asked about is visited once, in one pass over the text (asking the text
    for each doubled character again would be quadratic in its length)."""
    pairs = {place.pair for place in places}
    singles = {place.single for place in places}
    found: set[str] = set()
    preceding: dict[str, set[str]] = {}
    if pairs:
        firsts = re.compile("[" + re.escape("".join(sorted({pair[0] for pair in pairs}))) + "]")
        for match in firsts.finditer(whole):
            i = match.start()
            pair = whole[i : i + 2]
            if pair not in pairs:
                continue
            for length in (3, 4):
                if i >= length - 2 and whole[i - length + 2 : i + 2] in singles:
                    found.add(whole[i - length + 2 : i + 2])
            seen = preceding.setdefault(pair, set())
            # Two different characters before the pair settle the question: no need to keep more.
            if i > 0 and whole[i - 1] != pair[0] and len(seen) < 2:
                seen.add(whole[i - 1])

    def elsewhere(place: _Doubled) -> bool:
        before = preceding.get(place.pair, set())
        return place.single in found and (not before or before == {place.before})

    return elsewhere


# Characters that stand alone before a word starting with themselves in good Chinese (对对方, 要要求, 在在建).
_FUNCTION_CHARACTERS = frozenset(
    "的地得了着过对在为和与及以把被将要是有不没也都还就又再更最很已从向给让使会能可并而或其之所"
)


def _stands_alone(paragraph: str, start: int, first_ends_a_word: bool) -> bool:
    """Whether the character of the pair that belongs to no word is hemmed in by words on its other side too:
    工业|上 上楼 (a word ends just before it), 我们 们|的 (a word or a particle starts just after it). Where the
    other side is no word either (新入职职工: 新入; 药品品规: 规数), the pair is more likely a word the dictionary
    lacks (入职, 品规) than a slip."""
    from drafter.mining.lexicon import lexicon

    known = lexicon().known
    if first_ends_a_word:
        after = start + 2
        return paragraph[after : after + 1] in _FUNCTION_CHARACTERS or any(
            known(paragraph[after:j]) for j in range(after + 2, min(after + 5, len(paragraph) + 1))
        )
    return any(known(paragraph[i:start]) for i in range(max(start - 4, 0), start - 1))


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


# A sentence of 12 characters or more; it starts where the text or the sentence before ends (a match can start
# nowhere else, and trying every character of a long unpunctuated run again would be quadratic).
SENTENCE_OF_12 = lazy_compile(r"(?<![^。！？])[^。！？]{12,}[。！？]")


def _duplicate_sentences(doc: CheckedDocument) -> list[Finding]:
    """The same sentence written twice."""
    seen: Counter[str] = Counter()
    findings = []
    for paragraph in doc.written():
        for sentence in SENTENCE_OF_12.findall(paragraph.text):
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
