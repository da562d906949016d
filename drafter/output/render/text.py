"""drafter's own text templates (titles, guidance hints), rendered by a sandboxed jinja2.

Only these templates are ever rendered. What a person typed, and what came from a corpus, is passed
in as data: `{{ 7*7 }}` in an answer stays `{{ 7*7 }}`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.mining.slots import fill_slots

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

GUIDANCE = (
    "【写作提示】本部分"
    "{% if low %}一般写{{ low }}{% if high > low %}–{{ high }}{% endif %}个小标题，{% endif %}"
    "{% if enumerates %}各段多以“一是……二是……”展开，{% endif %}"
    "约{{ length }}字。"
    "{% if borrowed %}本文种的语料中没有这一部分，这里参照通用提纲补上。{% endif %}"
)
EXAMPLE = "【参考例句】{{ text }}"
OTHERS_EXAMPLE = "【范例】{{ text }}（参考：《{{ source }}》，其他单位的写法，不能照搬）"
CHILDREN_HINT = "【可参考的小标题】{{ children }}"
# A part whose documents give no sentence another unit can take: how such a part is written, instead of nothing.
_WORK_HINT = (
    "【写作提示】同类总结中这一部分没有可以照用的句子（写的都是各自的事）：先写做了什么、怎么做的，"
    "再写成效（数字、同比、排名），用自己的事实。"
)
PART_HINTS = {
    "measure": _WORK_HINT,
    "result": _WORK_HINT,
    "case": "【写作提示】典型案例写本单位一两个具体事例，每例一段：时间、对象、做法和结果；不能照搬其他单位的事例。",
}
OPENING_HINT = "【写作提示】开头导语：概述一年来的总体情况和指导思想，约{{ length }}字。"
CLOSING_HINT = "【写作提示】结尾：表明今后的努力方向和决心，约{{ length }}字。"
# A report delivered at a meeting names the meeting and the speaker under its title (no 落款 at the end).
SPEAKER_HINT = (
    "【写作提示】标题下居中写报告的会议和报告人：——{{ year }}年×月×日在{{ org }}第×届人民代表大会第×次会议上；"
    "另起一行写职务和姓名。文末不落款。"
)
LENGTH_HINT = "【写作提示】同类总结全文一般约{{ length }}字，约{{ pages }}页（A4，每页22行×28字）。"
PLACEHOLDER = "【待填写】"
CHECKLIST_HINT = "□已完成 □部分完成 □未开展 □不再适用：{{ promise }}"
CHECKLIST_INTRO = "【去年计划完成情况】逐项勾选，完成的写进成效部分，未开展的写进问题部分："
# How the hint paragraphs of a blank skeleton begin: `check` knows them by this, in whatever file they end up.
HINT_PREFIXES = (
    "【写作提示】",
    "【参考例句】",
    "【范例】",
    "【可参考的小标题】",
    "【去年计划完成情况】",
    "□已完成 □部分完成",
)


def is_hint(text: str) -> bool:
    """A paragraph that is one of the skeleton's hints (guidance, an example, suggested sub-headings)."""
    return text.lstrip("> ").startswith(HINT_PREFIXES)


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The one jinja2 environment: sandboxed, undefined names are errors, no autoescaping (not HTML)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.globals["fill"] = fill_slots
    return env


def render(template: str, **values: Any) -> str:
    """Render one of drafter's own templates."""
    return environment().from_string(template).render(**values)


def title_from_pattern(pattern: str, org: str | None, year: int | None) -> str:
    """县审计局 + 2024 + {单位}{年份}年工作总结 -> 县审计局2024年工作总结; placeholders when unknown. The pattern
    is data (mined from a corpus): its slots are filled, nothing in it is evaluated."""
    from drafter.writing.unit import unit_level

    level = unit_level(org) or "【本级】"  # a title's 区政协 is the writer's own level's (县政协 for a county's bureau)
    return fill_slots(
        pattern, {"单位": org or "【单位名称】", "年份": str(year) if year else "【年份】", "本级": level}
    )
