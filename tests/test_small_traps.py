"""The traps of issue 23 that are one line each: sub-heading counts only with offers, words said in Chinese,
hints that say what they refer to, nested quotes, a register phrase's source, A4 exports, the place and kind
of a unit put into phrases."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from conftest import TEMPLATES
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from drafter.bank.phrasebook import export_docx
from drafter.bank.review import phrase_source
from drafter.models import Draft, Guidance, Phrase, SkeletonNode
from drafter.writing.unit import KIND_EXAMPLES, adapt_to_unit, unit_kind, unit_place
from drafter.writing.wizard.prompter import QuestionaryPrompter, checkbox_summary
from drafter.writing.wizard.questions import (
    Choice,
    Question,
    basics_questions,
    children_question,
    filled,
    guidance_line,
    node_questions,
    quoted,
    slot_question,
    slot_values,
)

ENTER = "\r"


def node(children: list[str], typical: int = 4, length: int = 325) -> SkeletonNode:
    return SkeletonNode(
        role="problem",
        heading="存在的问题",
        example_children=children,
        guidance=Guidance(subheadings=typical, subheadings_range=(0, typical), length=length),
    )


# --- trap 6: a count of sub-headings only where some are offered ---------------------------


def test_no_count_of_sub_headings_without_offers() -> None:
    bare = children_question(node([]), "sections[2]")
    assert "4 个小标题" not in bare.instruction and "没有现成的小标题" in bare.instruction
    assert [c.value for c in bare.choices] == ["__write_own__"]
    assert "小标题" not in guidance_line(node([]))
    offered = children_question(node(["甲", "乙", "丙", "丁", "戊"]), "sections[2]")
    assert "同类总结一般写 4 个小标题" in offered.instruction
    assert [c.checked for c in offered.choices] == [True, True, True, True, False, False]


# --- trap 10: a length says what it refers to, quotes do not nest --------------------------


def test_length_line_says_what_it_refers_to() -> None:
    assert guidance_line(node([], typical=0)) == "同类总结这一部分约300字"


@pytest.mark.parametrize(
    ("text", "shown"),
    [("一体推进审计整改“下半篇文章”", "“一体推进审计整改‘下半篇文章’”"), ("存在的问题", "“存在的问题”")],
)
def test_quotes_inside_quotes_become_single(text: str, shown: str) -> None:
    assert quoted(text) == shown
    keep = node_questions(node([]).model_copy(update={"heading": text}), 0, []).keep
    assert shown in keep.message and keep.message.count("“") == 1


def test_register_phrases_name_drafter_as_their_source() -> None:
    register = Phrase(id="p1", text="今后，我们将……", genre="shenji", role="closing", borrowed=True, origin="register")
    assert phrase_source(register) == "drafter 通用规范用语"
    mined = Phrase(
        id="p2", text="甲", genre="shenji", role="closing", sources=[{"title": "县审计局总结", "paragraph": 3}]
    )
    assert phrase_source(mined) == "县审计局总结"


def test_phrase_export_is_a4(tmp_path: Path) -> None:
    path = tmp_path / "bank.docx"
    path.write_bytes(export_docx([Phrase(id="p1", text="甲乙丙", genre="shenji", role="opening")], {}))
    section = docx.Document(str(path)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


@pytest.mark.parametrize(
    ("today", "year", "date"),
    [
        ("2025-01-08", "2024", "2024年12月31日"),  # January: last year's summary, dated the year's last day
        ("2025-06-30", "2024", "2024年12月31日"),
        ("2025-07-01", "2025", "2025年7月1日"),
        ("2025-12-20", "2025", "2025年12月20日"),  # December: this year's, dated today
    ],
)
def test_the_year_offered_is_the_one_a_summary_written_today_is_about(today: str, year: str, date: str) -> None:
    import datetime as dt

    questions = {q.name: q for q in basics_questions(Draft(), "标题", dt.date.fromisoformat(today), "局")}
    assert (questions["year"].placeholder, questions["date"].placeholder) == (year, date)


def test_enter_at_the_year_in_january_takes_the_year_just_ended(tmp_path: Path) -> None:
    import datetime as dt

    from drafter.writing.draft import DraftCore, library

    core = DraftCore(Draft(genre="审计"), library(TEMPLATES), tmp_path / "a.yaml", today=dt.date(2025, 1, 8))
    core.apply("year", "")
    assert core.draft.year == 2024


@pytest.mark.parametrize("year", [2023, 2025])
def test_the_date_examples_are_of_the_reports_year(year: int) -> None:
    import datetime as dt

    date = next(q for q in basics_questions(Draft(year=year), "标题", dt.date(2026, 11, 30), "局") if q.name == "date")
    assert f"{year}年12月20日" in date.instruction and f"{year}-12-20" in date.instruction
    assert set(re.findall(r"\d{4}(?=[年.-])", date.instruction)) == {str(year)}, date.instruction


@pytest.mark.parametrize(
    ("kind", "example"), [("局", "XX县审计局"), ("镇", "XX县XX镇"), ("医院", "XX县人民医院"), (None, "XX县XX局")]
)
def test_the_unit_hint_follows_the_genres_kind_of_unit(kind: str | None, example: str) -> None:
    import datetime as dt

    org = basics_questions(Draft(), "标题", dt.date(2024, 12, 20), kind)[0]
    assert org.instruction.startswith(f"如 {example}")


def test_every_mined_skeleton_names_a_kind_with_an_example() -> None:
    from drafter.bank.templates import load_registry, load_skeleton

    kinds = {load_skeleton(TEMPLATES, genre).unit_kind for genre in load_registry(TEMPLATES)}
    assert kinds - {None} <= set(KIND_EXAMPLES) and "局" in kinds and "医院" in kinds


# --- trap 9: no English on checkbox answers -------------------------------------------------


def test_checkbox_answer_is_said_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    question = Question(
        "checkbox",
        "sections[1].children",
        "这一部分的小标题：",
        choices=(Choice("甲", "甲", True), Choice("乙", "乙", True), Choice("丙", "丙", True)),
    )
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER)
        answer = QuestionaryPrompter(input=pipe, output=DummyOutput()).ask(question)
    said = capsys.readouterr().out
    assert answer == ["甲", "乙", "丙"]
    assert "已选 3 项：甲、乙、丙" in said and "done" not in said and "selections" not in said
    assert checkbox_summary(question, []) == "未选"


# --- trap 8, the data side: the unit's place and kind in phrases ----------------------------


@pytest.mark.parametrize(
    ("name", "kind", "place"),
    [
        ("青山县石桥镇", "镇", "石桥镇"),
        ("青山县石桥镇人民政府", "镇", "石桥镇"),
        ("青山县审计局", "局", "青山县"),
        ("深圳市福田区城市更新和土地整备局", "局", "福田区"),
        ("青山县人民医院", "医院", "青山县"),
        ("青山县第一中学", "学校", "青山县"),
        ("石桥街道办事处", "街道", "石桥街道"),
        ("某某科技有限公司", "公司", None),
        ("XX县审计局", "局", None),  # a placeholder is not a place
        ("市统计局", "局", None),
        ("青山县城区管理局", "局", "青山县"),  # 城区 names no place
        ("", None, None),
    ],
)
def test_a_units_name_gives_its_kind_and_place(name: str, kind: str | None, place: str | None) -> None:
    assert unit_kind(name) == kind and unit_place(name) == place


@pytest.mark.parametrize(
    ("kind", "adapted"),
    [
        ("镇", "全镇上下在镇党委、镇政府领导下推进乡村振兴和城乡融合，我镇各村"),
        ("乡", "全乡上下在乡党委、乡政府领导下推进乡村振兴和城乡融合，我乡各村"),
        ("街道", "全街道上下在街道党工委、街道办事处领导下推进乡村振兴和城乡融合，我街道各村"),
        ("局", "全乡上下在乡党委、乡政府领导下推进乡村振兴和城乡融合，我乡各村"),
    ],
)
def test_a_phrase_speaks_of_the_units_own_kind(kind: str, adapted: str) -> None:
    assert adapt_to_unit("全乡上下在乡党委、乡政府领导下推进乡村振兴和城乡融合，我乡各村", kind) == adapted


def test_the_place_fills_its_slot() -> None:
    draft = Draft(org="青山县石桥镇", year=2024)
    assert slot_values(draft)["地名"] == "石桥镇"
    assert filled("{年份}年，{地名}全乡上下扎实推进{项目}。", draft) == "2024年，石桥镇全镇上下扎实推进【项目】。"
    assert "地名" not in slot_values(Draft(org="XX县审计局"))


@pytest.mark.parametrize("slot", ["提法", "文件", "文号", "项目", "名称"])
def test_named_slots_say_what_they_want(slot: str) -> None:
    question = slot_question(slot, "按照{" + slot + "}的要求推进。")
    hint, sentence = question.instruction.split("；句子：")  # what is wanted, then the sentence it goes into
    assert len(hint) >= 4 and not re.search(r"[A-Za-z]", hint) and sentence == "按照〖" + slot + "〗的要求推进。"
