"""What a report's title says: who wrote it (the unit and its kind), for which year, on what topic, and
what kind of document it is (总结, 报告 … or 通知, 申请, 讲话).

县审计局2023年工作总结 -> unit 县审计局 (kind 局, domain 审计), year 2023, topic "", kind word 工作总结.
区人力资源局关于2023年度区政协提案办理工作的总结 -> topic 区政协提案办理.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.lazy import lazy_compile

_YEAR = lazy_compile(r"(?:19|20)\d{2}(?=\s*(?:年|至|—|-|－|~|～)|\D|$)")
# Kind words at the end of a title, longest first; `summary` tells whether the document is a summary or report.
# The convention: of the 15 kinds of 公文 (党政机关公文处理工作条例 2012, 第八条: 决议 决定 命令 公报 公告 通告 意见
# 通知 通报 报告 请示 批复 议案 函 纪要) only a 报告 can be a unit's account of its own work; a 通报 tells others
# about someone else's work (表彰, 批评, 情况通报), so it is never the writer's summary. Of the 报告 and the papers
# offices file beside 公文, those that report on a subject studied or a thing asked for are not summaries either:
# 调研/调查/考察/评估/审计/可行性研究报告, 申请/申请报告/申请书, 讲话/发言/致辞 and their 稿, 方案/计划/要点, 心得体会.
_KINDS: tuple[tuple[str, bool], ...] = tuple(
    (word, summary)
    for words, summary in (
        (
            "述职述廉报告 述职报告 工作总结 年度总结 年终总结 总结报告 工作报告 情况报告 情况汇报 工作汇报 自查报告 "
            "自我鉴定 总结 报告 汇报 小结 述职 工作情况 开展情况 落实情况 执行情况 完成情况 进展情况",
            True,
        ),
        (
            "实施方案 工作方案 工作计划 工作安排 工作要点 应急预案 会议纪要 邀请函 倡议书 承诺书 责任书 申请书 申请报告 介绍信 "
            "调研报告 调查报告 考察报告 评估报告 审计报告 研究报告 可行性研究报告 思想汇报 心得体会 学习体会 体会 心得 "
            "事迹材料 发言材料 讲话材料 表态发言 交流发言 "
            "决议 通知 通告 公告 公报 公示 通报 决定 命令 批复 请示 议案 复函 函 申请 讲话 讲话稿 致辞 发言 讲稿 发言稿 "
            "演讲稿 主持词 方案 计划 要点 规划 预案 意见 办法 规定 细则 制度 守则 条例 章程 纪要 简报 新闻稿 通讯稿 "
            "简历 证明 合同 协议",
            False,
        ),
    )
    for word in words.split()
)
# A 报告 that asks for something (关于申请……的报告, 关于请求……的报告) is a request filed as a report.
_REQUEST = lazy_compile(r"关于(?:申请|请求|恳请|请予|商请|拨付|追加)")
KIND_AT_END = lazy_compile(
    "(?:"
    + "|".join(sorted((re.escape(w) for w, _ in _KINDS), key=len, reverse=True))
    + r")(?=[（(][^）)]{0,20}[）)]$|$)"
)
_SUMMARY_ANYWHERE = lazy_compile(r"总结|述职|工作报告|情况报告|工作汇报|情况汇报")
# Unit kinds by the end of the unit's name, longest first (街道办事处 before 办事处 …).
UNIT_KINDS: tuple[tuple[str, str], ...] = (
    ("街道办事处", "街道"),
    ("街道", "街道"),
    ("社区", "社区"),
    ("村委会", "村"),
    ("村", "村"),
    ("乡人民政府", "乡"),
    ("镇人民政府", "镇"),
    ("乡", "乡"),
    ("镇", "镇"),
    ("卫生院", "医院"),
    ("医院", "医院"),
    ("疾控中心", "医院"),
    ("中心小学", "学校"),
    ("中学", "学校"),
    ("小学", "学校"),
    ("幼儿园", "学校"),
    ("学校", "学校"),
    ("学院", "学校"),
    ("大学", "学校"),
    ("中心校", "学校"),
    ("学区", "学校"),
    ("有限责任公司", "公司"),
    ("有限公司", "公司"),
    ("公司", "公司"),
    ("集团", "公司"),
    ("供电所", "公司"),
    ("团委", "团委"),
    ("团支部", "团委"),
    ("党支部", "支部"),
    ("支部", "支部"),
    ("党委", "党委"),
    ("党组", "党委"),
    ("人民政府", "政府"),
    ("政府", "政府"),
    ("委员会", "委"),
    ("局", "局"),
    ("委", "委"),
    ("办公室", "办"),
    ("办", "办"),
    ("中心", "中心"),
    ("所", "所"),
    ("站", "站"),
    ("院", "院"),
    ("厅", "厅"),
)
# The family of a kind of unit: whose words a sentence may use (全院职工, 教职工, 辖区群众, 员工, 机关干部).
_FAMILY_OF_KIND = {"乡": "乡镇", "镇": "乡镇", "街道": "乡镇", "医院": "医院", "学校": "学校", "公司": "企业"}
_AGENCY_KINDS = ("局", "委", "办", "中心", "厅", "所", "站", "政府", "党委", "院")


def family_of_kind(kind: str) -> str | None:
    """机关, 乡镇, 医院, 学校 or 企业 for a kind of unit (None when the kind says nothing)."""
    return _FAMILY_OF_KIND.get(kind) or ("机关" if kind in _AGENCY_KINDS else None)


# Where a title's unit name ends: right before the year, 关于, or the first topic word.
_ORG_END = lazy_compile(r"(?:19|20)\d{2}|关于|年度|上半年|下半年|全年")
_ADMIN_PREFIX = lazy_compile(r"^(?:XX|[\u4e00-\u9fff]{0,6}?(?:省|市|县|区|州|旗))")
_TOPIC_NOISE = lazy_compile(
    r"(?:19|20)\d{2}\s*(?:年度|年)?|上半年|下半年|全年|年度|关于|开展|工作|情况|有关|总结|的|及|暨|和$|^[和及暨、]"
)


@dataclass(frozen=True)
class TitleFacts:
    """What a title tells."""

    title: str
    unit: str  # the unit named at the start of the title ("" when none)
    unit_kind: str  # 局, 乡, 学校, 医院, 公司 … ("" when unknown)
    domain: str  # what a 局/委/办 is for: 审计局 -> 审计 ("" otherwise)
    topic: str  # the title without unit, year and kind word: 人事, 区政协提案办理, ""
    year: int | None
    kind: str  # the kind word the title ends with (工作总结, 通知 …), "" when none
    summary: bool | None  # True: a summary or report; False: another kind; None: the title does not say


@lru_cache(maxsize=1024)  # outlining, classifying and mining a document each ask about its title
def title_facts(title: str | None, org: str | None = None) -> TitleFacts:
    """Unit, unit kind, domain, topic, year and kind of a title (the signature stands in for a missing unit)."""
    text = re.sub(r"\s+", "", title or "")
    kind_match = KIND_AT_END.search(text)
    kind = kind_match.group(0) if kind_match else ""
    summary = (
        dict(_KINDS)[kind]
        or (bool(_SUMMARY_ANYWHERE.search(text)) and kind in ("计划", "工作计划", "工作安排", "要点", "工作要点"))
        if kind
        else (True if _SUMMARY_ANYWHERE.search(text) else None)
    )
    if summary and kind == "报告" and _REQUEST.search(text):
        kind, summary = "申请报告", False
    body = text[: kind_match.start()] if kind_match else text
    body = re.sub(r"[（(][^）)]{0,20}[）)]$", "", body)
    unit = _unit_of(body) or (org or "")
    unit_kind = unit_kind_of(unit)
    year_match = _YEAR.search(text)
    topic = body[len(unit) :] if unit and body.startswith(unit) else body
    topic = _TOPIC_NOISE.sub("", topic).strip("，、 ")
    # 2025年工作总结和2026年工作计划: what joined this year's summary to next year's plan is no topic.
    topic = "" if re.fullmatch(r"[和及暨与、，]+", topic) else topic
    return TitleFacts(
        title=title or "",
        unit=unit,
        unit_kind=unit_kind,
        domain=domain_of(unit, unit_kind),
        topic=topic,
        year=int(year_match.group(0)) if year_match else None,
        kind=kind,
        summary=summary,
    )


def _unit_of(body: str) -> str:
    """The unit a title starts with: the text before the year or 关于 when it ends like a unit's name,
    else the shortest beginning that does (XX小学德育工作总结 -> XX小学)."""
    end = _ORG_END.search(body)
    if end:
        candidate = body[: end.start()]
        return candidate if unit_kind_of(candidate) else ""
    ends = [body.find(suffix) + len(suffix) for suffix, _ in UNIT_KINDS if body.find(suffix) >= 2]
    return body[: min(ends)] if ends else ""


def unit_kind_of(unit: str) -> str:
    """The kind of a unit from the end of its name (县审计局 -> 局, XX乡 -> 乡, 实验小学 -> 学校)."""
    return next((kind for suffix, kind in UNIT_KINDS if unit.endswith(suffix)), "")


def domain_of(unit: str, kind: str) -> str:
    """What a government body is for, from its name: 县审计局 -> 审计, XX市卫健委 -> 卫健 ("" for other kinds)."""
    if kind not in ("局", "委", "办", "中心", "厅", "所", "站"):
        return ""
    suffix = next(s for s, k in UNIT_KINDS if k == kind and unit.endswith(s))
    stem = _ADMIN_PREFIX.sub("", unit[: -len(suffix)])
    return re.sub(r"^(?:人民|区|市|县|省)", "", stem)
