"""The draft core both front ends edit through: answers in any order, part states, the answers file."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
import yaml
from conftest import TEMPLATES

from drafter.bank.store import load_yaml_model
from drafter.models import Draft
from drafter.output.render.layout import layout_draft
from drafter.writing.draft import AnswerError, DraftCore, library, position

TODAY = dt.date(2025, 12, 20)
PART_ONE = "树牢政治机关意识，全面落实党对审计工作的集中统一领导"


@pytest.fixture(scope="module")
def books():
    return library(TEMPLATES)


def new_core(books, tmp_path: Path, genre: str | None = "审计") -> DraftCore:
    core = DraftCore(Draft(), books, tmp_path / "草稿.answers.yaml", today=TODAY)
    if genre:
        core.apply("genre", genre)
    return core


ANSWERS = [
    ("org", "XX县审计局"),
    ("year", "2025"),
    ("date", "2025.12.20"),
    ("preamble", "2025年，XX县审计局坚持依法审计。"),
    ("sections[1].children", ["聚焦主责主业，充分发挥审计监督职能", "自己的小标题"]),
    ("sections[1].children[1].body", "完成审计项目54个。\n查出问题金额1.2亿元。"),
    ("sections[0].body[0]", "全年召开党组会12次。"),
    ("sections[2]", False),
    ("sections.more", "创新工作"),
    ("closing", "今后，我局将继续努力。"),
]


def _applied(core: DraftCore, answers) -> dict:
    for name, value in answers:
        core.apply(name, value)
    core.save()
    return yaml.safe_load(core.answers_path.read_text(encoding="utf-8"))


def _orders():
    """Every order of the answers that keeps a sub-heading's body after the list of sub-headings."""
    independent = [a for a in ANSWERS if not a[0].startswith("sections[1].children")]
    children = [a for a in ANSWERS if a[0].startswith("sections[1].children")]
    for order in itertools.islice(itertools.permutations(independent), 0, 40_320, 977):
        for at in (0, 3, len(order)):
            yield [*order[:at], *children, *order[at:]]


@pytest.mark.parametrize("order", list(_orders())[:12], ids=lambda o: "-".join(n[:4] for n, _ in o[:3]))
def test_answers_in_any_order_give_the_same_file(books, tmp_path: Path, order) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    expected = _applied(new_core(books, tmp_path / "a"), ANSWERS)
    assert _applied(new_core(books, tmp_path / "b"), order) == expected
    assert expected["sections"][1]["children"][1]["body"] == ["完成审计项目54个。", "查出问题金额1.2亿元。"]


def test_sections_follow_the_skeleton_whatever_the_order(books, tmp_path: Path) -> None:
    core = new_core(books, tmp_path)
    core.apply("sections[3].body", "明年计划。")
    core.apply("sections[0].heading", "二、自己改的标题")
    core.apply("sections.more", "（一）创新工作")
    core.apply("sections[1]", True)
    core.save()
    headings = [s.heading for s in core.draft.sections]
    assert headings == ["自己改的标题", "履行审计监督职能，服务经济社会高质量发展", "下一步工作", "创新工作"]


@pytest.mark.parametrize(
    ("answers", "states"),
    [
        ([], {"basics": "empty", "preamble": "empty", "sections[0]": "empty", "closing": "empty"}),
        ([("org", "XX县审计局")], {"basics": "todo", "signature": "done"}),
        ([("org", "XX县审计局"), ("year", "2025")], {"basics": "done"}),
        ([("preamble", "2025年，【单位】坚持依法审计。")], {"preamble": "todo"}),
        ([("sections[0].body", "共完成审计项目【数量】个。")], {"sections[0]": "todo"}),
        ([("sections[0].body", "共完成审计项目54个。")], {"sections[0]": "done"}),
        ([("sections[0].body", "【待填写】")], {"sections[0]": "empty"}),
        ([("sections[1].children", ["小标题甲"])], {"sections[1]": "partial"}),
        (
            [("sections[1].children", ["小标题甲"]), ("sections[1].children[0].body", "写好了。")],
            {"sections[1]": "done"},
        ),
        ([("sections[2]", False)], {"sections[2]": "dropped"}),
        ([("sections.more", "创新工作")], {"added[0]": "empty"}),
    ],
)
def test_part_states(books, tmp_path: Path, answers, states) -> None:
    core = new_core(books, tmp_path)
    for name, value in answers:
        core.apply(name, value)
    found = {p.name: p.state for p in core.parts()}
    for name, state in states.items():
        assert found[name] == state, name
    done, total = core.progress()
    assert done == sum(s == "done" for s in found.values())
    assert total == sum(s != "dropped" for s in found.values())
    assert all(p.state in ("empty", "todo", "partial") for p in core.left())


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("year", "明年", "年份"),
        ("date", "十二月", "成文日期"),
        ("sections[9].body", "正文", "第 10 部分"),
        ("added[0].heading", "标题", "新增的第 1 部分"),
        ("sections[0].body[5]", "第六段", "第 1 部分的正文"),
        ("sections[1].children[3].body", "正文", "第 2 部分的第 4 个小标题"),
        ("sections[0]", "也许", "第 1 部分"),
        ("../../etc/passwd", "x", "../../etc/passwd"),
        ("sections.more", "", "新增部分"),
    ],
)
def test_bad_answers_name_the_field_and_change_nothing(books, tmp_path: Path, name, value, field) -> None:
    core = new_core(books, tmp_path)
    core.apply("org", "XX县审计局")
    before = core.draft.model_dump()
    with pytest.raises(AnswerError) as error:
        core.apply(name, value)
    assert error.value.message.startswith(field)
    assert core.draft.model_dump() == before


def test_no_answer_before_a_genre(books, tmp_path: Path) -> None:
    core = new_core(books, tmp_path, genre=None)
    with pytest.raises(AnswerError, match="文种"):
        core.apply("org", "XX县审计局")
    core.save()
    assert not core.answers_path.exists()


def test_save_and_open_round_trip(books, tmp_path: Path) -> None:
    core = new_core(books, tmp_path)
    for name, value in ANSWERS:
        core.apply(name, value)
    core.apply("sections[0].heading", "巡审联动")  # renamed: it keeps its place when opened again
    core.apply("sections[2]", True)  # a dropped part is not in the answers file
    core.save(resume_at="sections[1].children[1].body")
    again = DraftCore.open(core.answers_path, books, today=TODAY)
    assert again.draft == core.draft
    assert [(e.node, e.section) for e in again.entries] == [(e.node, e.section) for e in core.entries if e.section]
    assert again.draft.resume_at == "sections[1].children[1].body"
    assert {p.name: p.state for p in again.parts()}["sections[0]"] == "done"
    assert load_yaml_model(core.answers_path, Draft).sections[0].heading == "巡审联动"
    blocks = layout_draft(again.draft, again.title())
    assert any("查出问题金额1.2亿元。" in b.text for b in blocks)


def test_phrase_slots_become_marks_then_fields(books, tmp_path: Path) -> None:
    core = new_core(books, tmp_path)
    core.apply("org", "XX县审计局")
    core.apply("year", "2025")
    text = core.finish_phrase(core.prefill("{年份}年，{单位}完成审计项目{数量}个，查出问题金额{金额}万元。"), {})
    assert text == "2025年，XX县审计局完成审计项目【数量】个，查出问题金额【金额】万元。"
    core.apply("sections[0].body[0]", text)
    marks = core.paragraph_marks(text)
    assert [(m.occurrence, m.kind, m.question.message) for m in marks] == [
        (0, "数量", "数量（个）："),
        (1, "金额", "金额（万元）："),
    ]
    assert "〖数量〗个" in marks[0].question.instruction
    with pytest.raises(AnswerError, match="请输入数字"):
        core.fill_mark("sections[0].body[0]", 0, "许多")
    core.fill_mark("sections[0].body[0]", 1, "320")
    assert core.paragraph("sections[0].body[0]") == "2025年，XX县审计局完成审计项目【数量】个，查出问题金额320万元。"
    assert {p.name: p.state for p in core.parts()}["sections[0]"] == "todo"
    core.fill_mark("sections[0].body[0]", 0, "54")
    assert {p.name: p.state for p in core.parts()}["sections[0]"] == "done"


@pytest.mark.parametrize(
    ("part", "names"),
    [
        ("basics", ["org", "year", "date", "title", "target"]),
        ("preamble", ["preamble"]),
        ("sections[1]", ["sections[1]", "sections[1].heading", "sections[1].body", "sections[1].children"]),
        ("signature", ["signature"]),
    ],
)
def test_questions_of_a_part(books, tmp_path: Path, part, names) -> None:
    core = new_core(books, tmp_path)
    assert [q.name for q in core.questions(part)] == names


def test_questions_carry_the_answers_so_far(books, tmp_path: Path) -> None:
    core = new_core(books, tmp_path)
    core.apply("sections[1].children", ["一体推进审计整改“下半篇文章”"])
    children = core.questions("sections[1]")[3]
    assert [c.title for c in children.choices if c.checked] == ["一体推进审计整改“下半篇文章”"]
    core.apply("sections[1].heading", "改过的标题")
    assert core.questions("sections[1]")[1].default == "改过的标题"
    assert core.examples("preamble") and all(source for _, source in core.examples("preamble"))


def test_question_order_is_the_wizards() -> None:
    names = ["genre", "checklist[0].note", "org", "title", "preamble", "sections[0]", "sections[0].body"]
    names += ["sections[1].heading", "sections.more", "added[0].body", "closing", "signature", "review"]
    assert sorted(names, key=position) == names


@pytest.mark.parametrize(
    ("typed", "offered", "compared"),
    [
        ("全年完成审计项目54个。", ["（上年50个，同比增长8.0%）"], "全年完成审计项目54个（上年50个，同比增长8.0%）。"),
        (
            "查出问题金额1.5亿元。",
            ["（上年2亿元，同比下降25.0%）"],
            "查出问题金额1.5亿元（上年2亿元，同比下降25.0%）。",
        ),
        ("完成审计项目50个。", ["（上年50个，与上年持平）"], "完成审计项目50个（上年50个，与上年持平）。"),
        ("新建制度3项。", [], None),
        ("完成审计项目54个（上年50个，同比增长8.0%）。", [], None),
    ],
)
def test_figures_last_year_had_are_offered_their_comparison(
    books, tmp_path: Path, typed: str, offered: list[str], compared: str | None
) -> None:
    from drafter.models import Outline, OutlineSection
    from drafter.writing.yoy import last_year_figures

    core = new_core(books, tmp_path)
    last = Outline(
        source="去年.txt",
        title="XX县审计局2024年工作总结",
        sections=[
            OutlineSection(
                number="一", marker="一、", heading="主要工作", body=["全年完成审计项目50个，查出问题金额2亿元。"]
            )
        ],
    )
    core.last_figures = last_year_figures(last)
    core.apply("sections[0].body", typed)
    assert [c.phrase for c in core.comparisons("sections[0].body[0]")] == offered
    if compared is None:
        with pytest.raises(AnswerError, match="没有可比较的上年数字"):
            core.compare("sections[0].body[0]", 0, 0)
    else:
        start = core.comparisons("sections[0].body[0]")[0].figure.start
        assert core.compare("sections[0].body[0]", start, 0) == compared
        assert core.comparisons("sections[0].body[0]") == []
