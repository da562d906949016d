"""Is a document a work summary at all, and is it worth mining? Every skip has a reason a person can read."""

from __future__ import annotations

import hashlib
import re

from drafter.mining.genres import GOVERNMENT_REPORT, PERSONAL
from drafter.models import Genre, Outline
from drafter.reading.titles import TitleFacts, unit_kind_of

# Fewer characters of text than this is a note, not a summary.
MIN_CHARACTERS = 200
# Words of the genre in the body of a document without a title.
_SUMMARY_CUES = re.compile(r"总结如下|一年来|今年以来|全年|回顾|取得了|成效|存在的问题|不足|下一步|明年|述职")
_NOT_TEXT = re.compile(r"[\s，。；：、,.;:！？!?“”‘’（）()《》【】—…·\-]")

# A person's account of a year or a probation (个人总结, 述职述廉, 转正, 试用期/见习期, 自我鉴定), by its title.
_PERSONAL_TITLE = re.compile(
    r"个人(?=(?:工作|年度|年终|思想|学习|履职)?(?:总结|小结|鉴定|述职|汇报|报告))|述职|述廉|述责|述学|转正|试用期|见习期|"
    r"实习期|自我鉴定"
    # a post (and a person's name) before the year: 办公室主任李某2024年工作总结, XX医院护士长2024年工作总结
    r"|(?:长|书记|主任|经理|主席|委员|教师|老师|医生|医师|护士|科员|干事|会计|职工|员工)"
    r"(?:[\u4e00-\u9fff]{2,3}(?<![室科处部办组股队站所院局委会心司厂校园馆]))?(?=(?:19|20)\d{2}|年度|个人)"
)
# The first person singular (我 not followed by a word naming a unit or a group, 本人) against a unit's voice
# (我们, 我局, 本院): a document without a unit in its title that speaks as 我, or speaks as 我 and is signed by a
# person's name, is a person's.
_I = re.compile(r"本人|我(?![们局院校乡镇县区市省委办所站司部厂行队国村街社单科室组处中厅会园馆台军党])")
_WE = re.compile(r"我们|[我本][局院校乡镇县区市省委办所站司部厂行队村街社单科室组处中厅会园馆台]")
# A person's name as the signature: two to four characters that name no kind of unit (张某某, 欧阳某).
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
# A government's head reporting to the people's congress: 我代表国务院，向大会报告政府工作.
_TO_CONGRESS = re.compile(r"代表[^，。；]{0,12}(?:政府|国务院)[，,]?\s*向大会报告")


def body_characters(outline: Outline) -> int:
    """Characters of the preamble, headings, bodies and closing."""

    def section(node) -> int:  # type: ignore[no-untyped-def]
        return len(node.heading) + sum(len(p) for p in node.body) + sum(section(c) for c in node.children)

    return len(outline.preamble or "") + sum(section(s) for s in outline.sections) + len(outline.closing or "")


def skip_reason(outline: Outline, facts: TitleFacts) -> str | None:
    """Why a document is not mined (not a summary, too short), or None to mine it."""
    if facts.summary is False:
        return f"不是工作总结（{facts.kind}）"
    size = body_characters(outline)
    if size < MIN_CHARACTERS:
        return f"太短（{size} 字）"
    if facts.summary is None and not _looks_like_summary(outline):
        return "看不出是工作总结（没有“总结”“报告”一类的标题，正文也不像）"
    return None


def _looks_like_summary(outline: Outline) -> bool:
    """A document without a telling title that reads like a summary: its headings or opening use the genre's words."""
    from drafter.mining.roles import role_of_heading

    headings = [s.heading for s in outline.sections]
    if any(role_of_heading(h) in ("result", "problem", "plan") for h in headings):
        return True
    opening = (outline.preamble or "") + " ".join(headings)
    return bool(_SUMMARY_CUES.search(opening))


def report_kind(outline: Outline, facts: TitleFacts) -> str | None:
    """个人总结 or 政府工作报告 when the document is one (by its title, else by how its text speaks), else None."""
    title = re.sub(r"\s+", "", outline.title or "")
    if "政府工作报告" in title or _TO_CONGRESS.search(outline.preamble or ""):
        return GOVERNMENT_REPORT
    if _PERSONAL_TITLE.search(title):
        return PERSONAL
    if facts.unit_kind:
        return None  # the title or the signature names a unit: the unit speaks, however often it says 我
    text = (outline.preamble or "") + "".join(_texts(outline.sections))
    singular, plural = len(_I.findall(text)), len(_WE.findall(text))
    signed_by_a_person = bool(_NAME.match(outline.signature or "")) and not unit_kind_of(outline.signature or "")
    if (singular >= 2 and singular > plural) or (signed_by_a_person and singular >= 1 and not plural):
        return PERSONAL
    return None


def report_genre(outline: Outline, facts: TitleFacts, genres: list[Genre]) -> tuple[str | None, Genre | None]:
    """The kind of report a document is (or None), and the genre of the registry that holds that kind (or None)."""
    kind = report_kind(outline, facts)
    return kind, next((g for g in genres if kind and g.report == kind), None)


def _texts(sections) -> list[str]:  # type: ignore[no-untyped-def]
    """Every body paragraph of a section tree, in order."""
    found: list[str] = []
    for node in sections:
        found.extend(node.body)
        found.extend(_texts(node.children))
    return found


def fingerprint(outline: Outline) -> str:
    """The text of a document without blanks and punctuation, hashed: equal for copies in any format."""
    parts = [outline.preamble or ""]

    def walk(sections) -> None:  # type: ignore[no-untyped-def]
        for node in sections:
            parts.append(node.heading)
            parts.extend(node.body)
            walk(node.children)

    walk(outline.sections)
    parts.append(outline.closing or "")
    return hashlib.sha1(_NOT_TEXT.sub("", "".join(parts)).encode()).hexdigest()
