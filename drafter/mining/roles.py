"""Section roles from heading words and position."""

from __future__ import annotations

import re

from drafter.models import Role

ROLE_ORDER: tuple[Role, ...] = ("opening", "result", "measure", "case", "problem", "cause", "plan", "closing")
# Checked in this order: the first whose words occur in the heading wins.
ROLE_WORDS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("cause", re.compile(r"原因")),
    ("plan", re.compile(r"下一步|计划|打算|思路|展望|今后|建议|明年|工作安排|工作要点|努力方向|目标任务")),
    # 坚持问题导向 names a way of working, not the shortcomings of the year.
    ("problem", re.compile(r"问题(?!导向)|不足|短板|差距|困难|挑战|薄弱")),
    ("case", re.compile(r"案例|典型|亮点|特色做法")),
    ("result", re.compile(r"成效|成绩|成果|基本情况|总体情况|完成情况|开展情况|工作总结|取得|主要工作$|^工作情况")),
    ("measure", re.compile(r"做法|措施|举措|经验|主要工作|重点工作|工作开展")),
)
# Canonical headings, used when the corpus does not agree on one.
DEFAULT_HEADINGS: dict[Role, str] = {
    "opening": "开头导语",
    "result": "主要工作及成效",
    "measure": "主要工作及成效",
    "case": "典型案例",
    "problem": "存在的问题",
    "cause": "原因分析",
    "plan": "下一步工作计划",
    "closing": "结尾表态",
}


def role_of_heading(heading: str) -> Role | None:
    """The role a heading's words name, if any."""
    for role, words in ROLE_WORDS:
        if words.search(heading):
            return role
    return None


def section_roles(headings: list[str]) -> list[Role]:
    """Roles of a document's top-level sections: heading words first, then position."""
    roles: list[Role] = []
    for heading in headings:
        named = role_of_heading(heading)
        if named is None:
            # After the problems, an unnamed section is what will be done about them.
            named = "plan" if roles and roles[-1] in ("problem", "cause", "plan") else "measure"
        roles.append(named)
    return roles


def role_rank(role: Role) -> int:
    """Position of a role in the canonical order of a summary."""
    return ROLE_ORDER.index(role)
