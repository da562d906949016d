"""Pure functions that turn a skeleton node, the basics and the phrase bank into question specs.

Nothing here prompts or prints: the flow hands these specs to a Prompter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from drafter.mining.slots import NUMERIC_SLOTS, SLOT, fill_slots, slot_type, year_values
from drafter.models import CHECKLIST_STATUSES, ROLE_NAMES, ChecklistItem, Draft, Genre, Phrase, SkeletonNode

QuestionKind = Literal["text", "select", "confirm", "autocomplete", "body"]
Validation = Literal["none", "year", "date", "number"]
BACK_KEY = "/b"
EDITOR_KEY = "/e"
PHRASE_KEY = "/p"
PLACEHOLDER = "【待填写】"
OWN_TEXT = "__own__"
ALTERNATIVES_SHOWN = 12


@dataclass(frozen=True)
class Choice:
    """One option of a select question."""

    title: str
    value: str


@dataclass(frozen=True)
class Question:
    """What to ask, independent of how it is asked."""

    kind: QuestionKind
    name: str  # the answers-file field it fills, e.g. sections[0].heading
    message: str
    default: str | bool | None = None
    choices: tuple[Choice, ...] = ()
    words: tuple[str, ...] = ()  # completions for autocomplete
    instruction: str = ""
    validate: Validation = "none"


@dataclass(frozen=True)
class NodeQuestions:
    """The questions of one skeleton section: keep it, its heading, its body, its sub-headings."""

    keep: Question
    heading: Question
    body: Question
    child_heading: Question
    more_children: Question
    role: str
    guidance: str = ""
    borrowed_note: str = ""
    child_examples: tuple[str, ...] = field(default=())


def genre_question(genres: list[Genre], documents: dict[str, int]) -> Question:
    """Which genre: each with its corpus document count and description; 通用 always there."""
    choices = tuple(Choice(f"{g.name}（{documents.get(g.id, 0)} 篇语料）— {g.description}", g.id) for g in genres)
    general = next((g.id for g in genres if g.name == "通用"), genres[0].id if genres else None)
    return Question("select", "genre", "选择文种：", default=general, choices=choices)


def basics_questions(draft: Draft, derived_title: str, today: dt.date) -> list[Question]:
    """单位名称, 年份, 成文日期, 标题 (defaults: this year, today, the derived title)."""
    return [
        Question("text", "org", "单位名称：", default=draft.org or "", instruction="如 XX县审计局；回车可暂时留空"),
        Question("text", "year", "总结的年份：", default=str(draft.year or today.year), validate="year"),
        Question(
            "text",
            "date",
            "成文日期：",
            default=(draft.date or today).isoformat(),
            validate="date",
            instruction="格式 2024-12-20",
        ),
        Question(
            "text", "title", "标题：", default=draft.title or derived_title, instruction="回车采用建议的标题，也可修改"
        ),
    ]


def slot_values(draft: Draft) -> dict[str, str]:
    """Values the basics give to phrase slots: the unit, and the report's year and the years beside it."""
    values = year_values(draft.year)
    if draft.org:
        values["单位"] = draft.org
    return values


def phrase_choices(phrases: list[Phrase], role: str, draft: Draft, limit: int = 8) -> tuple[Choice, ...]:
    """What `drafter phrases GENRE --role R` lists, best first, with the slots the basics can fill filled in."""
    from drafter.catalog import offered

    return tuple(Choice(filled(p.text, draft), p.id) for p in offered(phrases, role)[:limit])


def filled(text: str, draft: Draft) -> str:
    """A phrase with the basics put in and every other slot shown as a 【placeholder】 to fill."""
    return SLOT.sub(lambda m: f"【{m.group(1)}】", fill_slots(text, slot_values(draft)))


def paragraph_question(
    name: str, label: str, phrases: list[Phrase], role: str, draft: Draft, current: str | None
) -> Question:
    """Opening or closing: pick a phrase from the bank (slots filled from the basics) or write your own."""
    choices = phrase_choices(phrases, role, draft)
    own = Choice("自己写（或回车后再修改）", OWN_TEXT)
    default = OWN_TEXT if current or not choices else choices[0].value
    return Question("select", name, f"{label}：从常用语中选一句，或自己写", default=default, choices=(*choices, own))


def node_questions(
    node: SkeletonNode, index: int, phrases: list[Phrase], current_heading: str | None = None
) -> NodeQuestions:
    """The questions of one section of the skeleton (a pure function of the node and the bank)."""
    headings = [node.heading, *node.alternatives]
    bank_headings = [p.text for p in phrases if p.role == "heading" and p.status != "rejected"]
    words = tuple(dict.fromkeys([*headings, *node.example_children, *bank_headings]))
    name = f"sections[{index}]"
    role_name = ROLE_NAMES.get(node.role, node.role)
    guidance = guidance_line(node)
    return NodeQuestions(
        keep=Question(
            "confirm", f"{name}", f"保留“{current_heading or node.heading}”这一部分（{role_name}）吗？", default=True
        ),
        heading=Question(
            "autocomplete",
            f"{name}.heading",
            "这一部分的标题：",
            default=current_heading or node.heading,
            words=words,
            instruction="回车采用建议；输入词语（如“聚焦”）可从语料标题中挑选；/b 返回",
        ),
        body=Question(
            "body",
            f"{name}.body",
            "这一部分的导语或正文（可空）：",
            instruction=f"每次回车一段，空行结束；{EDITOR_KEY} 打开编辑器，{PHRASE_KEY} 插入常用语，{BACK_KEY} 返回",
        ),
        child_heading=Question(
            "autocomplete",
            f"{name}.children",
            "小标题：",
            default="",
            words=tuple(dict.fromkeys([*node.example_children, *bank_headings])),
            instruction="输入小标题；可从语料中挑选；/b 返回",
        ),
        more_children=Question(
            "select",
            f"{name}.children",
            "还要为这一部分添加小标题吗？",
            default="done",
            choices=(Choice("不用了，继续下一部分", "done"), Choice("添加一个小标题", "add")),
        ),
        role=node.role,
        guidance=guidance,
        borrowed_note="（本文种语料中没有这一部分，建议参照通用提纲补上）" if node.borrowed else "",
        child_examples=tuple(node.example_children[:3]),
    )


def guidance_line(node: SkeletonNode) -> str:
    """A one-line reminder of what the corpus does in this part."""
    low, high = node.guidance.subheadings_range
    parts = []
    if high:
        parts.append(f"一般写{max(low, 1)}–{high}个小标题" if high > max(low, 1) else f"一般写{high}个小标题")
    if node.guidance.enumerates:
        parts.append("多用“一是……二是……”展开")
    if node.guidance.length:
        parts.append(f"约{node.guidance.length}字")
    return "，".join(parts)


def slot_question(slot: str, default: str = "") -> Question:
    """The value of one slot of a phrase; numbers are validated as numbers."""
    kind = slot_type(slot)
    validate: Validation = "year" if kind == "年份" else "number" if kind in NUMERIC_SLOTS else "none"
    return Question("text", f"slot.{slot}", f"“{slot}”填什么？", default=default, validate=validate)


def check_value(value: str, validate: Validation) -> str | None:
    """None when the answer is acceptable, else a Chinese hint."""
    value = value.strip()
    if validate == "none" or value in ("", BACK_KEY):
        return None
    if validate == "year" and not (value.isascii() and value.isdigit() and 1949 <= int(value) <= 2200):
        return "请输入四位年份，如 2024"
    if validate == "number":
        try:
            float(value.replace(",", "").replace("，", ""))
        except ValueError:
            return "请输入数字，如 12 或 3.5"
    if validate == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return "请按 2024-12-20 的格式输入日期"
    return None


def checklist_question(item: ChecklistItem, index: int, total: int) -> Question:
    """What became of one of last year's promises."""
    choices = tuple(Choice(status, status) for status in CHECKLIST_STATUSES)
    return Question(
        "select",
        f"checklist[{index}].status",
        f"去年计划（{index + 1}/{total}）：“{item.promise}”完成得怎样？",
        default=item.status or "已完成",
        choices=choices,
    )
