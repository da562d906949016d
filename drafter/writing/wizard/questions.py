"""Pure functions that turn a skeleton node, the basics and the phrase bank into question specs.

Nothing here prompts or prints: the flow hands these specs to a Prompter (the terminal today, a web
front end later).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from drafter.lazy import lazy_compile
from drafter.mining.figures import FIGURE_UNIT
from drafter.mining.slots import NUMERIC_SLOTS, SLOT, fill_slots, slot_type, year_values
from drafter.models import CHECKLIST_STATUSES, ROLE_NAMES, ChecklistItem, Draft, Genre, Phrase, SkeletonNode

if TYPE_CHECKING:
    from drafter.bank.search import Bank

QuestionKind = Literal["text", "select", "confirm", "autocomplete", "body", "checkbox"]
Validation = Literal["none", "year", "date", "number", "target", "unit"]
BACK_KEY = "/b"
EDITOR_KEY = "/e"
PHRASE_KEY = "/p"
SAVE_KEY = "/s"
PLACEHOLDER = "【待填写】"
HEADINGS_LISTED = 500  # the bank's heading patterns Tab lists at most, as offered
OWN_TEXT = "__own__"
COMMON = "常用语"
EXAMPLE_MARK = "范例（"
# A choice of phrases shows this many 范例 after its 常用语: examples of how others wrote the part.
EXAMPLE_CHOICES = 2
WRITE_OWN = "__write_own__"
WELCOME = """欢迎使用 drafter 向导：一问一答写出年度工作总结，最后生成 Word 文稿。

  回车        采用建议（灰色的建议文字；直接输入则替换它）
  /b          返回上一步（已经写的内容不会丢）
  /p          插入常用语：输入词语筛选，回车选定，再按提示填空
  /e          写长段落：打开编辑器（没有设置编辑器时在这里多行输入，Esc 然后 Enter 结束）
  /s          把刚写的一段存进本单位常用语库（数字、名称变成空位，下次 /p 时排在最前）
  Tab         在标题提问处列出语料中的标题
  Ctrl-C      随时退出：选定文种之后每答一题都已保存，退出时会显示接着写的命令
"""


@dataclass(frozen=True)
class Choice:
    """One option of a select or checkbox question."""

    title: str
    value: str
    checked: bool = False


@dataclass(frozen=True)
class Question:
    """What to ask, independent of how it is asked."""

    kind: QuestionKind
    name: str  # where in the answers file it goes (sections[0].heading); the place a resume returns to
    message: str
    default: str | bool | None = None  # text put in the prompt to edit (or the preselected choice)
    choices: tuple[Choice, ...] = ()
    words: tuple[str, ...] = ()  # completions for autocomplete
    instruction: str = ""
    validate: Validation = "none"
    placeholder: str = ""  # grey suggestion: Enter takes it, typing replaces it (never appends to it)
    first: bool = False  # the very first question: there is nothing to go back to


@dataclass(frozen=True)
class NodeQuestions:
    """The questions of one skeleton section: keep it, its heading, its body, its sub-headings."""

    keep: Question
    heading: Question
    body: Question
    children: Question
    child_heading: Question
    role: str
    guidance: str = ""
    borrowed_note: str = ""
    child_examples: tuple[str, ...] = field(default=())


def genre_question(genres: list[Genre], documents: dict[str, int], usual: str | None = None) -> Question:
    """Which genre: each with its corpus document count and description; the unit's usual one (else 通用)
    preselected."""
    choices = tuple(Choice(f"{g.name}（{documents.get(g.id, 0)} 篇语料）— {g.description}", g.id) for g in genres)
    general = next((g.id for g in genres if g.name == "通用"), genres[0].id if genres else None)
    default = next((g.id for g in genres if usual in (g.id, g.name)), general)
    return Question("select", "genre", "选择文种：", default=default, choices=choices, first=True)


# Annual summaries are written from November to the following spring: before July, the report asked for is
# most likely the year just ended.
FIRST_MONTH_OF_THIS_YEARS_REPORT = 7


def report_year(today: dt.date) -> int:
    """The year a summary written today is about: this one from July on, the one just ended before (a summary
    written in January 2025 is 2024's)."""
    return today.year if today.month >= FIRST_MONTH_OF_THIS_YEARS_REPORT else today.year - 1


def default_date(year: int | None, today: dt.date) -> dt.date:
    """The end of the report's year, or today if that is earlier (a 2024 summary written in March 2025 is
    dated 2024-12-31; one written in November 2024, today)."""
    if year is None:
        return today
    return min(dt.date(year, 12, 31), today)


def basics_questions(
    draft: Draft,
    derived_title: str,
    today: dt.date,
    kind: str | None = None,
    known_org: str | None = None,
    known_target: str | None = None,
) -> list[Question]:
    """单位名称, 年份, 成文日期, 标题, 篇幅. Suggestions are placeholders: a typed answer replaces them. `kind`: the
    kind of unit that writes the genre's reports (its example is the hint); `known_org`, `known_target`: the
    unit profile's, offered."""
    from drafter.writing.unit import KIND_EXAMPLES

    year = draft.year or report_year(today)
    date = draft.date or default_date(year, today)
    example = KIND_EXAMPLES.get(kind or "", "XX县XX局")
    org = draft.org or known_org or ""
    org_hint = "回车采用上次的单位" if org and not draft.org else f"如 {example}；回车可暂时留空"
    target = draft.target or known_target or ""
    return [
        Question("text", "org", "单位名称：", placeholder=org, validate="unit", instruction=org_hint),
        Question("text", "year", "总结的年份：", placeholder=str(year), validate="year", instruction="回车采用"),
        Question(
            "text",
            "date",
            "成文日期：",
            placeholder=f"{date.year}年{date.month}月{date.day}日",
            validate="date",
            instruction=f"回车采用；可写 {date.year}年12月20日、{date.year}.12.20 或 {date.year}-12-20",
        ),
        Question(
            "text", "title", "标题：", default=draft.title or derived_title, instruction="回车采用建议的标题，也可修改"
        ),
        Question(
            "text",
            "target",
            "篇幅目标（可空）：",
            placeholder=target,
            validate="target",
            instruction="如 限 2 页、3 页以内、约 3000 字；向导会随时报告已写的字数和各部分的建议篇幅"
            + ("；回车采用上次的" if target else "；回车不设"),
        ),
    ]


_DATE_ANSWER = lazy_compile(r"^\s*(\d{4})\s*(?:年|[-./／])\s*(\d{1,2})\s*(?:月|[-./／])\s*(\d{1,2})\s*日?\s*$")


def parse_date_answer(text: str) -> dt.date | None:
    """2024年12月20日, 2024.12.20, 2024/12/20 or 2024-12-20 as a date (None when it is none of them)."""
    match = _DATE_ANSWER.match(text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def slot_values(draft: Draft) -> dict[str, str]:
    """Values the basics give to phrase slots: the unit and its place (青山县石桥镇 -> {地名} 石桥镇), and the
    report's year and the years beside it."""
    from drafter.writing.unit import unit_place

    values = year_values(draft.year)
    if draft.org:
        values["单位"] = draft.org
        place = unit_place(draft.org)
        if place:
            values["地名"] = place
    return values


def prepared(text: str, draft: Draft) -> str:
    """A 常用语 with what the basics give put in, in the unit's own words (全乡 -> 全镇 for a 镇, 我市 -> 我县 for
    a county's bureau)."""
    from drafter.writing.unit import in_own_words

    return in_own_words(fill_slots(text, slot_values(draft)), draft.org)


def phrase_choices(
    phrases: Bank | list[Phrase], role: str, draft: Draft, limit: int = 8, examples: int = EXAMPLE_CHOICES
) -> tuple[Choice, ...]:
    """What `drafter phrases GENRE --role R` lists for the report's year, best first: the 常用语 with the slots
    the basics can fill filled in, then a few 范例 marked as such, with their source and their blanks left."""
    from drafter.bank.catalog import EXAMPLE
    from drafter.bank.search import as_bank

    bank = as_bank(phrases)
    common = [Choice(filled(p.text, draft), p.id) for p in bank.top([role], limit, year=draft.year, tier=COMMON)]
    shown = [Choice(example_title(p), p.id) for p in bank.top([role], examples, year=draft.year, tier=EXAMPLE)]
    return (*common, *shown)


def filled(text: str, draft: Draft) -> str:
    """A 常用语 with the basics put in and every other slot shown as a 【placeholder】 to fill."""
    return as_blanks(prepared(text, draft))


def as_blanks(text: str) -> str:
    """Slots shown as the blanks a reader fills: {数量1} -> 【数量1】."""
    return SLOT.sub(lambda m: f"【{m.group(1)}{m.group(2)}】", text)


def example_source(phrase: Phrase) -> str:
    """参考：《县审计局2023年工作总结》 — where a 范例 comes from."""
    from drafter.bank.catalog import source_name

    return f"参考：《{source_name(phrase)}》"


def example_title(phrase: Phrase) -> str:
    """A 范例 as a choice: marked, with its source, its names and figures left as blanks (never the user's own)."""
    return f"{EXAMPLE_MARK}{example_source(phrase)}）：{as_blanks(phrase.text)}"


def paragraph_question(
    name: str,
    label: str,
    phrases: Bank | list[Phrase],
    role: str,
    draft: Draft,
    current: str | None,
    own: str | None = None,
) -> Question:
    """Opening or closing: pick a phrase (`own`: last year's own text, offered first) or write your own. The
    default is a 常用语 true of the report's year, never a 范例."""
    choices = phrase_choices(phrases, role, draft)
    if own:
        choices = (Choice(f"去年的：{own}", OWN_TEXT), *choices)
    write = Choice("自己写（或选中后再修改）", WRITE_OWN)
    defaults = [c.value for c in choices if not c.title.startswith(EXAMPLE_MARK)]
    default = WRITE_OWN if current or not defaults else defaults[0]
    return Question("select", name, f"{label}：从常用语中选一句，或自己写", default=default, choices=(*choices, write))


def node_questions(
    node: SkeletonNode, index: int, phrases: Bank | list[Phrase], current_heading: str | None = None
) -> NodeQuestions:
    """The questions of one section of the skeleton (a pure function of the node and the bank)."""
    from drafter.bank.search import as_bank

    headings = [node.heading, *node.alternatives]
    bank_headings = [p.text for p in as_bank(phrases).top(["heading"], HEADINGS_LISTED)]
    words = tuple(dict.fromkeys([*headings, *node.example_children, *bank_headings]))
    name = f"sections[{index}]"
    role_name = ROLE_NAMES.get(node.role, node.role)
    return NodeQuestions(
        keep=Question(
            "confirm",
            f"{name}",
            f"保留{quoted(current_heading or node.heading)}这一部分（{role_name}）吗？",
            default=True,
        ),
        heading=Question(
            "autocomplete",
            f"{name}.heading",
            "这一部分的标题：",
            default=current_heading or node.heading,
            words=words,
            instruction="回车采用建议；Tab 列出语料中的标题；/p 从常用标题中挑；/b 返回",
        ),
        body=Question(
            "body",
            f"{name}.body",
            "这一部分的导语或正文（可空）：",
            instruction=f"每次回车一段，空行结束；{EDITOR_KEY} 写长段落，{PHRASE_KEY} 插入常用语，{SAVE_KEY} 存入本单位常用语，"
            f"{BACK_KEY} 返回上一段",
        ),
        children=children_question(node, name),
        child_heading=Question(
            "autocomplete",
            f"{name}.children",
            "小标题（回车结束）：",
            default="",
            words=tuple(dict.fromkeys([*node.example_children, *bank_headings])),
            instruction="输入小标题；Tab 列出语料中的小标题；/p 从常用标题中挑；/b 返回",
        ),
        role=node.role,
        guidance=guidance_line(node),
        borrowed_note="（本文种语料中没有这一部分，建议参照通用提纲补上）" if node.borrowed else "",
        child_examples=tuple(node.example_children[:3]),
    )


def children_question(node: SkeletonNode, name: str, chosen: list[str] | None = None) -> Question:
    """The section's mined sub-headings to tick (the typical number ticked), and "write my own"; the usual
    number is named only when there are sub-headings to choose from."""
    typical = node.guidance.subheadings or (node.guidance.subheadings_range[0] if node.example_children else 0)
    choices = [
        Choice(heading, heading, checked=heading in chosen if chosen is not None else number < typical)
        for number, heading in enumerate(node.example_children)
    ]
    choices.append(Choice("自己写一个小标题", WRITE_OWN))
    if node.example_children:
        hint = f"同类总结一般写 {typical} 个小标题；" if typical else ""
    else:
        hint = "语料中这一部分没有现成的小标题，可以不分小标题，或勾选“自己写一个小标题”；"
    return Question(
        "checkbox",
        f"{name}.children",
        "这一部分的小标题：",
        choices=tuple(choices),
        instruction=f"{hint}空格勾选或取消，回车确定；什么都不勾就不写小标题",
    )


def guidance_line(node: SkeletonNode) -> str:
    """A one-line reminder of what the corpus does in this part (the length as the skeleton gives it)."""
    from drafter.output.render.pages import round_length

    low, high = node.subheading_range()
    parts = []
    if high:
        parts.append(f"一般写{max(low, 1)}–{high}个小标题" if high > max(low, 1) else f"一般写{high}个小标题")
    if node.guidance.enumerates:
        parts.append("多用“一是……二是……”展开")
    if node.guidance.length:
        parts.append(f"约{round_length(node.guidance.length)}字")
    return f"同类总结这一部分{'，'.join(parts)}" if parts else ""


_SLOT_LABELS = {"百分比": "百分比（%）", "年份": "年份", "日期": "日期（如 3月15日）"}
# What a named slot wants, said where it is asked.
SLOT_HINTS = {
    "提法": "引号里的口号、工作法或专门说法（如 三个一批），引号会自动加上",
    "文件": "文件名称（如 关于进一步加强审计整改工作的实施意见），书名号会自动加上",
    "文号": "发文字号（如 青政办〔2024〕8号）",
    "项目": "项目或工程的名称",
    "地名": "地名（县、乡镇、村的名称）",
    "单位": "单位名称",
    "名称": "名称（单位、地方、活动或品牌的名字）",
    "姓名": "人名",
}


def slot_answer(slot: str, value: str) -> str:
    """A slot's value as it goes into the sentence: a document's name in 《》, a slogan in “” (the slot took
    their marks with it)."""
    value = value.strip()
    kind = slot_type(slot)
    if kind == "文件" and value and not value.startswith("《"):
        return f"《{value}》"
    if kind == "提法" and value and not value.startswith(("“", '"')):
        return f"“{value}”"
    return value


def quoted(text: str) -> str:
    """“text”, with quotation marks inside it turned into single ones (a heading with “下半篇文章” in it)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def slot_question(slot: str, text: str = "", default: str = "") -> Question:
    """The value of one slot, shown in its sentence with the slot marked and its unit named; numbers validated."""
    kind = slot_type(slot)
    validate: Validation = "year" if kind == "年份" else "number" if kind in NUMERIC_SLOTS else "none"
    label = _SLOT_LABELS.get(kind, kind)
    marker = "{" + slot + "}"
    if text and marker in text:
        unit = FIGURE_UNIT.match(text[text.index(marker) + len(marker) :])
        if unit and kind not in _SLOT_LABELS:
            label = f"{kind}（{unit.group(0)}）"
        shown = SLOT.sub(lambda m: f"【{m.group(1)}{m.group(2)}】", text.replace(marker, f"〖{kind}〗", 1))
    else:
        shown = ""
    hint = SLOT_HINTS.get(kind, "")
    return Question(
        "text",
        f"slot.{slot}",
        f"{label}：",
        default=default,
        validate=validate,
        instruction="；".join(filter(None, [hint, f"句子：{shown}" if shown else ""])),
    )


UNIT_MAX = 40  # the longest full names (XX省XX市XX区人民政府XX街道办事处) stay well under it
_PATH_LIKE = lazy_compile(r"[/\\:*?<>|\x00-\x1f]")  # a unit's name is never a path; these only mean one


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
    if validate == "date" and parse_date_answer(value) is None:
        return "请输入日期，如 2024年12月20日、2024.12.20 或 2024-12-20"
    if validate == "unit" and (_PATH_LIKE.search(value) or len(value) > UNIT_MAX):
        return f"单位名称应是单位的全称（如 XX县审计局、XX县XX镇），不超过 {UNIT_MAX} 个字，不含 / \\ : 等路径符号"
    if validate == "target":
        from drafter.writing.target import parse_target

        try:
            parse_target(value)
        except ValueError as error:
            return str(error)
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
