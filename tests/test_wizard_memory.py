"""What the wizard remembers and offers (issue 23), through the real prompts: the unit profile (first run asks,
second run offers, last year's report as --from), figures first (typed once, in the result sentence and in
同比), a phrase half filled in resumed at its slot, /s into the unit's own bank, a length target, Tab."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from conftest import TEMPLATES
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from test_wizard import CTRL_C, ENTER, RecordingPrompter, answers_of, audit_bank

from drafter.bank.own import load_own
from drafter.errors import Interrupted
from drafter.output.render.document import render_answers
from drafter.writing.figures import comparison_text, fill_figures
from drafter.writing.profile import load_profile
from drafter.writing.wizard.complete import HeadingCompleter
from drafter.writing.wizard.run import run_wizard

TODAY = dt.date(2024, 12, 20)
FIGURES = [f.label for f in audit_bank()[0].figures]

LAST_YEAR = """genre: 审计
org: 青山县审计局
year: 2023
date: 2023-12-20
preamble: 2023年，青山县审计局坚持以习近平新时代中国特色社会主义思想为指导，全面完成各项审计任务。
sections:
  - heading: 主要工作及成效
    body: [全年完成审计计划项目54个，审计查出主要问题金额2800万元。]
  - heading: 存在的问题
    body: [审计人员不足。]
  - heading: 2024年工作计划
    body: [一是加强审计整改。二是推进数字化审计。]
"""


def drive(keys: list[str], tmp_path: Path, name: str = "out.docx", **options) -> tuple[object, RecordingPrompter]:
    """The wizard with questionary reading `keys` from a pipe; the prompter remembers what it asked."""
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        pipe.close()
        prompter = RecordingPrompter(input=pipe, output=DummyOutput())
        result = run_wizard(prompter, output=tmp_path / name, templates_option=TEMPLATES, today=TODAY, **options)
    return result, prompter


def figure_answers(typed: dict[str, str]) -> list[str]:
    """Keys for the figures page: a value where given, Enter for the rest."""
    return [typed.get(label, "") + ENTER for label in FIGURES]


def asked(prompter: RecordingPrompter) -> list[str]:
    return [q.name for q in prompter.asked]


def last_year_report(tmp_path: Path) -> Path:
    answers = tmp_path / "2023.yaml"
    answers.write_text(LAST_YEAR, encoding="utf-8")
    return render_answers(answers, tmp_path / "2023年总结.docx", templates_option=TEMPLATES)


def test_the_first_run_asks_and_the_second_offers(tmp_path: Path) -> None:
    last = last_year_report(tmp_path)
    first = ["青山县审计局" + ENTER, ENTER, ENTER, ENTER, "限 3 页" + ENTER, str(last) + ENTER]
    result, prompter = drive([*first, *figure_answers({}), *[ENTER] * 60], tmp_path, genre="审计")
    assert "profile.last_report" in asked(prompter), "the first run asks what the profile keeps"
    profile = load_profile()
    assert (profile.name, profile.genre, profile.target, profile.kind_or_derived()) == (
        "青山县审计局",
        "审计",
        "限 3 页",
        "局",
    )
    assert profile.last_report == str(last.resolve())

    # The second run: no genre, no --from given; last year's report is where it starts, the rest is offered.
    checklist = [ENTER, ENTER] * 2  # last year's two promises: 已完成, no note
    second = [*checklist, ENTER, ENTER, ENTER, ENTER, ENTER]  # org, year, date, title, target: all offered
    result, prompter = drive(
        [*second, *figure_answers({"完成审计计划项目": "60"}), *[ENTER] * 60], tmp_path, "2024.docx"
    )
    names = asked(prompter)
    assert "genre" not in names and "profile.last_report" not in names and "checklist[1].status" in names
    org = next(q for q in prompter.asked if q.name == "org")
    assert org.placeholder == "青山县审计局"
    target = next(q for q in prompter.asked if q.name == "target")
    assert target.placeholder == "限 3 页"
    answers = answers_of(result.answers)  # type: ignore[attr-defined]
    assert answers["org"] == "青山县审计局" and answers["year"] == 2024 and answers["target"] == "限 3 页"
    assert answers["last_year"], "last year's report was used as --from"
    completed = next(f for f in answers["figures"] if f["label"] == "完成审计计划项目")
    assert completed == {"label": "完成审计计划项目", "unit": "个", "value": 60.0, "last": 54.0}
    # Figures first: typed once, the figure is in the first part's opening sentence with its 同比.
    texts = [p.text for p in docx.Document(str(tmp_path / "2024.docx")).paragraphs]
    assert any("完成审计计划项目60个（上年54个，同比增长11.1%）" in text for text in texts), texts
    assert load_profile().figures["完成审计计划项目（个）"] == 60 and load_profile().figures_year == 2024

    # Without last year's report the profile itself is offered: the usual genre, the unit, the target.
    from drafter.writing.profile import update_profile

    update_profile({}, clear=("last_report",))
    result, prompter = drive([ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, *[ENTER] * 70], tmp_path, "third.docx")
    genre = next(q for q in prompter.asked if q.name == "genre")
    org = next(q for q in prompter.asked if q.name == "org")
    assert genre.default == "shenji" and org.placeholder == "青山县审计局" and "上次" in org.instruction
    answers = answers_of(result.answers)  # type: ignore[attr-defined]
    assert (answers["genre"], answers["org"], answers["target"]) == ("审计", "青山县审计局", "限 3 页")


def test_a_typed_figure_fills_every_slot_that_counts_it() -> None:
    from drafter.models import FigureValue

    typed = [
        FigureValue(label="完成审计计划项目", unit="个", value=60, last=54),
        FigureValue(label="审计查出主要问题金额", unit="万元", value=3200, last=None),
        FigureValue(label="群众满意率", unit="%", value=98.5, last=97),
    ]
    phrase = "目前已完成审计计划项目{数量3}个，正在实施项目{数量4}个；审计查出主要问题金额{金额1}万元，群众满意率达{百分比}。"
    filled, used = fill_figures(phrase, typed)
    assert filled == (
        "目前已完成审计计划项目60个（上年54个，同比增长11.1%），正在实施项目{数量4}个；"
        "审计查出主要问题金额3200万元，群众满意率达98.5%（上年97%，提高1.5个百分点）。"
    )
    assert used == {"完成审计计划项目（个）", "审计查出主要问题金额（万元）", "群众满意率（%）"}
    assert comparison_text(54, 54, "个") == "（上年54个，与上年持平）"
    assert fill_figures("共完成项目{数量}个。", typed)[1] == set(), "项目 alone is not 完成审计计划项目"


def test_the_figures_paragraph_opens_with_the_year_then_the_banks_sentences() -> None:
    from drafter.models import FigureValue, Phrase
    from drafter.writing.figures import figures_paragraph

    def result(text: str) -> Phrase:
        return Phrase(id=text, text=text, genre="shenji", role="result")

    bank = [
        result("实施重大公共工程项目跟踪审计{数量}个。"),
        result("完成审计计划项目{数量1}个，涉及{名称}等{数量2}个单位。"),  # a slot the figures cannot fill
    ]
    typed = [
        FigureValue(label="完成审计计划项目", unit="个", value=60, last=54),
        FigureValue(label="实施重大公共工程项目跟踪审计", unit="个", value=4),
        FigureValue(label="审计查出主要问题金额", unit="万元", value=None),
    ]
    assert figures_paragraph(bank, typed) == (
        "全年完成审计计划项目60个（上年54个，同比增长11.1%）。实施重大公共工程项目跟踪审计4个。"
    )
    assert figures_paragraph(bank, typed[2:]) is None, "nothing typed, nothing offered"


def test_a_half_filled_phrase_resumes_at_its_slot(tmp_path: Path) -> None:
    """Ctrl-C with 2 of a phrase's 3 slots answered (one typed, one from the figures page): the answers file keeps
    them; --resume asks the third slot first, and Enter there leaves it marked."""
    to_body = ["XX县审计局" + ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, *figure_answers({"完成经责审计项目": "9"})]
    to_body += [ENTER, ENTER, ENTER, ENTER]  # the preamble (its unit and year filled in), part one kept, its heading
    keys = [*to_body, "/p" + ENTER, "经责审计" + ENTER, "12" + ENTER, CTRL_C]
    with pytest.raises(Interrupted):
        drive(keys, tmp_path, genre="审计")
    answers_file = tmp_path / "out.answers.yaml"
    saved = answers_of(answers_file)
    assert saved["resume_at"] == "sections[0].body"
    assert saved["pending"]["values"] == {"数量1": "12"} and "已完成经责审计项目9个" in saved["pending"]["text"]
    result, prompter = drive(["86" + ENTER, *[ENTER] * 60], tmp_path, resume=answers_file)
    slots = [q for q in prompter.asked if "〖" in q.instruction]
    assert (
        slots[0].message == "数量（个）："
        and "已完成经责审计项目9个，共发现六方面〖数量〗个问题" in slots[0].instruction
    )
    body = answers_of(result.answers)["sections"][0]["body"]  # type: ignore[attr-defined]
    assert body[0] == "组织实施12个部门、单位主要领导任期经济责任审计，已完成经责审计项目9个，共发现六方面86个问题。"
    assert "pending" not in answers_of(answers_file)


def test_a_run_stopped_at_a_sub_headings_body_resumes_there(tmp_path: Path) -> None:
    """Ctrl-C at part 二's second sub-heading: the resumed run says so and asks that body first, not the list of
    sub-headings nor （一）'s body again, and both bodies end up in the draft."""
    basics = ["XX县审计局" + ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, *figure_answers({})]
    part_one = [
        ENTER,
        ENTER,
        ENTER,
        ENTER,
        ENTER,
        ENTER,
    ]  # the preamble (chosen, taken); kept, heading, no body, no list
    part_two = [ENTER, ENTER, ENTER, ENTER]  # kept, its heading, no body of its own, the sub-headings offered
    with pytest.raises(Interrupted):
        drive([*basics, *part_one, *part_two, "甲。" + ENTER, ENTER, CTRL_C], tmp_path, genre="审计")
    answers_file = tmp_path / "out.answers.yaml"
    assert answers_of(answers_file)["resume_at"] == "sections[1].children[1].body"
    result, prompter = drive(["乙。" + ENTER, *[ENTER] * 60], tmp_path, resume=answers_file)
    names = asked(prompter)
    assert names[0] == "sections[1].children[1].body", names[:3]
    assert "sections[1].children" not in names and "sections[1].children[0].body" not in names
    children = answers_of(result.answers)["sections"][1]["children"]  # type: ignore[attr-defined]
    assert [c["body"] for c in children][:2] == [["甲。"], ["乙。"]]


def test_a_townships_phrases_speak_of_the_town(tmp_path: Path) -> None:
    """Trap 8 through the prompts: for 青山县石桥镇 a phrase written of 全乡 is inserted as 全镇, and the report
    says 全乡 nowhere."""
    from drafter.bank.templates import find_genre, load_registry, load_skeleton

    figures = [ENTER] * len(load_skeleton(TEMPLATES, find_genre("乡镇综合", load_registry(TEMPLATES))).figures)
    basics = ["青山县石桥镇" + ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, *figures]
    to_body = [ENTER, ENTER, ENTER, ENTER]  # the preamble (chosen, taken); part one kept, its heading
    inserted = ["/p" + ENTER, "收入监测" + ENTER, "120" + ENTER, "356" + ENTER]
    result, _ = drive([*basics, *to_body, *inserted, *[ENTER] * 80], tmp_path, genre="乡镇综合")
    body = answers_of(result.answers)["sections"][0]["body"]  # type: ignore[attr-defined]
    assert body[0] == "全面开展收入监测，采集全镇收入并录入系统，总计摸排脱贫户和监测对象120户356人。", body
    texts = [p.text for p in docx.Document(str(result.output)).paragraphs]  # type: ignore[attr-defined]
    assert not [text for text in texts if "全乡" in text or "我乡" in text]


def test_slash_s_keeps_a_paragraph_in_the_units_own_bank(tmp_path: Path) -> None:
    """/s slots the paragraph just written (shown for confirmation); /p offers it first next time."""
    to_body = ["青山县审计局" + ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, *figure_answers({})]
    to_body += [ENTER, ENTER, ENTER, ENTER]  # the preamble (its unit and year filled in), part one kept, its heading
    written = "2024年，青山县审计局全年完成审计项目54个，查出问题金额1.2亿元。"
    keys = [*to_body, written + ENTER, "/s" + ENTER, ENTER, *[ENTER] * 60]
    result, prompter = drive(keys, tmp_path, genre="审计")
    confirm = next(q for q in prompter.asked if q.name == "own")
    assert confirm.message == "这样保存吗？", "the slotted text is shown for confirmation before it is kept"
    own = load_own("shenji")
    assert [p.text for p in own] == ["{年份}年，{单位}全年完成审计项目{数量}个，查出问题金额{金额}亿元。"]
    body = answers_of(result.answers)["sections"][0]["body"]  # type: ignore[attr-defined]
    assert body == [written], "the paragraph itself stays as written"
    # Next time, /p lists the unit's own phrase first.
    from drafter.models import Draft
    from drafter.writing.draft import DraftCore, library

    core = DraftCore(Draft(genre="审计", org="青山县审计局", year=2025), library(TEMPLATES), tmp_path / "x.yaml")
    first = core.insert_bank("measure").matches("", 1)[0]
    assert first.origin == "own" and core.prefill(first.text).startswith("2025年，青山县审计局全年完成审计项目")
    from drafter.writing.wizard.complete import PhraseCompleter

    assert PhraseCompleter(core.insert_bank("measure")).matches("审计项目")[0].origin == "own"


def test_the_target_is_asked_shared_out_and_reported(tmp_path: Path) -> None:
    keys = ["XX县审计局" + ENTER, ENTER, ENTER, ENTER, "限 2 页" + ENTER, ENTER, *figure_answers({}), *[ENTER] * 60]
    result, _ = drive(keys, tmp_path, genre="审计")
    assert answers_of(result.answers)["target"] == "限 2 页"  # type: ignore[attr-defined]
    from drafter.bank.store import load_yaml_model
    from drafter.models import Draft
    from drafter.writing.draft import DraftCore, library

    core = DraftCore(load_yaml_model(result.answers, Draft), library(TEMPLATES), result.answers)  # type: ignore[attr-defined]
    lines = core.length_lines()
    assert lines[0].startswith("目标限 2 页，现约 ") and any("建议约" in line for line in lines[1:])
    shares = [core.part_share(f"sections[{i}]") for i in range(len(core.skeleton.sections()))]
    assert all(shares) and sum(s for s in shares if s) < core.target().characters  # the rest: opening, closing
    source = docx.Document(str(result.output))  # type: ignore[attr-defined]
    assert source.core_properties.keywords == "篇幅：限 2 页", "check reads the target from the document"


def test_a_bad_target_is_asked_again(tmp_path: Path) -> None:
    keys = ["XX县审计局" + ENTER, ENTER, ENTER, ENTER, "很长" + ENTER, "\x15约 3000 字" + ENTER, ENTER]
    result, _ = drive([*keys, *figure_answers({}), *[ENTER] * 60], tmp_path, genre="审计")
    assert answers_of(result.answers)["target"] == "约 3000 字"  # type: ignore[attr-defined]


def test_tab_lists_every_heading_while_the_suggestion_is_there() -> None:
    words = ["树牢政治机关意识", "履行审计监督职能", "聚焦主责主业"]
    completer = HeadingCompleter(words, suggestion="树牢政治机关意识")
    listed = lambda text: [c.text for c in completer.get_completions(Document(text), CompleteEvent())]  # noqa: E731
    assert listed("树牢政治机关意识") == words, "Tab at once: the suggested heading is still in the box"
    assert listed("") == words
    assert listed("审计") == ["履行审计监督职能"]
    assert listed("聚焦 主业") == ["聚焦主责主业"]


def test_an_empty_slot_is_said_and_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = ["XX县审计局" + ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, *figure_answers({})]
    keys += [ENTER, ENTER, ENTER, ENTER]  # the preamble, part one kept, its heading
    keys += ["/p" + ENTER, "经责审计" + ENTER, "12" + ENTER, ENTER, "86" + ENTER]  # the second slot left empty
    result, _ = drive([*keys, *[ENTER] * 60], tmp_path, genre="审计")
    out = capsys.readouterr().out
    assert "“数量”留空：句子里写作【数量】" in out
    assert "还有 1 处空位待填" in out and "一、树牢政治机关意识，全面落实党对审计工作的集中统一领导：【数量】" in out
    # The bodies left empty are said too, each by where it stands, not only marked in the tree.
    unwritten = "二、履行审计监督职能，服务经济社会高质量发展 / 聚焦主责主业，充分发挥审计监督职能"
    said = out.replace("\n", "")  # the console wraps long lines
    assert "还有 9 处正文没有写，文稿中写作【待填写】" in said and f"  {unwritten}  " in said
    assert "字；本文种语料中没有这一部分，建议参照通用提纲补上" in said and "；（" not in said
    texts = [p.text for p in docx.Document(str(result.output)).paragraphs]  # type: ignore[attr-defined]
    assert any("已完成经责审计项目【数量】个" in text for text in texts), "the empty slot stays marked"
