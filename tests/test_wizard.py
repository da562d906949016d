"""The wizard: pure question building, the real questionary prompts through a pipe, and a real terminal."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shlex
import statistics
import sys
import time
from pathlib import Path

import docx
import pexpect
import pytest
import yaml
from conftest import TEMPLATES
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from drafter.bank.templates import find_genre, load_bank, load_registry, load_skeleton
from drafter.errors import Interrupted, UserError
from drafter.models import Draft, Guidance, SkeletonNode
from drafter.writing.wizard.complete import PhraseCompleter
from drafter.writing.wizard.prompter import QuestionaryPrompter, draft_statistics
from drafter.writing.wizard.questions import check_value, node_questions, slot_question
from drafter.writing.wizard.run import run_wizard

ENTER, DOWN, CTRL_C = "\r", "\x1b[B", "\x03"
TODAY = dt.date(2024, 12, 20)


def audit_bank():
    genre = find_genre("审计", load_registry(TEMPLATES))
    return load_skeleton(TEMPLATES, genre), load_bank(TEMPLATES, genre)


AUDIT_FIGURES = len(audit_bank()[0].figures)


def after_title(first_run: bool = True) -> list[str]:
    """Enter through what comes after the title: the length target, on a first run last year's report (the
    unit profile), and the key figures."""
    return [ENTER] + ([ENTER] if first_run else []) + [ENTER] * AUDIT_FIGURES


# --- pure questions ------------------------------------------------------------------


def test_node_questions_are_built_from_the_node() -> None:
    node = SkeletonNode(
        role="problem",
        heading="存在的问题",
        alternatives=["当前工作还存在问题"],
        example_children=["统计人员进步空间有限"],
        guidance=Guidance(subheadings=3, subheadings_range=(2, 4), length=800, enumerates=True),
        borrowed=True,
    )
    questions = node_questions(node, 2, [])
    assert questions.heading.default == "存在的问题" and questions.heading.name == "sections[2].heading"
    assert questions.heading.words[:3] == ("存在的问题", "当前工作还存在问题", "统计人员进步空间有限")
    assert questions.keep.kind == "confirm" and questions.keep.default is True
    children = questions.children
    assert children.kind == "checkbox" and children.name == "sections[2].children"
    assert [(c.title, c.checked) for c in children.choices] == [
        ("统计人员进步空间有限", True),
        ("自己写一个小标题", False),
    ]
    assert "一般写 3 个小标题" in children.instruction
    assert questions.guidance == "同类总结这一部分一般写2–4个小标题，多用“一是……二是……”展开，约800字"
    assert "通用提纲" in questions.borrowed_note


def test_heading_completions_include_the_bank() -> None:
    skeleton, phrases = audit_bank()
    questions = node_questions(skeleton.sections()[0], 0, phrases)
    assert "聚焦财政资金使用效益，强化预算执行审计" in questions.heading.words


@pytest.mark.parametrize(
    ("slot", "value", "problem"),
    [
        ("数量", "12", None),
        ("数量2", "3.5", None),
        ("金额", "一百", "请输入数字"),
        ("年份", "24", "四位年份"),
        ("单位", "任何文字", None),
        ("百分比", "", None),
    ],
)
def test_slot_values_are_validated(slot: str, value: str, problem: str | None) -> None:
    result = check_value(value, slot_question(slot).validate)
    assert (result is None) if problem is None else (problem in result)


@pytest.mark.parametrize(
    ("unit", "refused"),
    [
        ("XX县审计局", False),
        ("中共青山市委组织部", False),
        ("青山市第一人民医院", False),
        ("国网青山供电公司（运维检修部）", False),
        ("青山区人民政府东城街道办事处", False),
        ("", False),
        ("/etc/passwd", True),
        ("../../审计局", True),
        ("C:\\Users\\审计局", True),
        ("审计局|rm", True),
        ("审计局" * 14, True),
    ],
)
def test_a_units_name_is_not_a_path(unit: str, refused: bool) -> None:
    assert (check_value(unit, "unit") is not None) == refused


@pytest.mark.parametrize(
    ("slot", "sentence", "label", "shown"),
    [
        ("金额1", "全年审计查出问题金额{金额1}万元。", "金额（万元）", "全年审计查出问题金额〖金额〗万元。"),
        (
            "数量",
            "完成审计项目{数量}个，移送线索{数量2}件。",
            "数量（个）",
            "完成审计项目〖数量〗个，移送线索【数量2】件。",
        ),
        ("百分比", "同比增长{百分比}%。", "百分比（%）", "同比增长〖百分比〗%。"),
        ("名称", "{名称}审计局深入开展……", "名称", "〖名称〗审计局深入开展……"),
        ("数量", "", "数量", ""),
    ],
)
def test_slot_prompts_show_the_sentence_and_unit(slot: str, sentence: str, label: str, shown: str) -> None:
    question = slot_question(slot, sentence)
    assert question.message == f"{label}："
    assert question.instruction.endswith(f"句子：{shown}" if shown else "")


def test_statistics_count_pages() -> None:
    draft = Draft(sections=[], preamble="字" * 28 * 40)
    characters, pages = draft_statistics(draft, "标题")
    assert characters == 28 * 40 + 2 and pages == 2


def test_phrase_completer_filters_by_every_word() -> None:
    _, phrases = audit_bank()
    completer = PhraseCompleter(phrases)
    found = completer.matches("预算 审计")
    assert found and all("预算" in p.text and "审计" in p.text for p in found)


# --- the real prompts, through a pipe ----------------------------------------------------


def drive(keys: list[str], tmp_path: Path, **options) -> tuple[object, Path]:
    """Run the wizard with questionary reading `keys` from a pipe."""
    output = options.pop("output", tmp_path / "out.docx")
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        pipe.close()  # running out of keys ends the prompt (EOFError) instead of waiting for ever
        prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
        result = run_wizard(prompter, output=output, templates_option=TEMPLATES, today=TODAY, **options)
    return result, output


def answers_of(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_enter_alone_gives_a_complete_draft(tmp_path: Path) -> None:
    result, output = drive([ENTER] * 60, tmp_path, genre="审计")
    assert result.outcome == "render" and output.exists()
    answers = answers_of(result.answers)
    assert answers["year"] == 2024 and answers["date"] == "2024-12-20"
    assert [s["heading"] for s in answers["sections"]] == [n.heading for n in audit_bank()[0].sections()]
    nodes = audit_bank()[0].sections()
    for section, node in zip(answers["sections"], nodes, strict=True):
        typical = node.guidance.subheadings or (node.guidance.subheadings_range[0] if node.example_children else 0)
        expected = node.example_children[:typical]
        assert [c["heading"] for c in section["children"]] == expected, "Enter takes the typical sub-headings"
        assert all(c["body"] == ["【待填写】"] for c in section["children"])
        assert section["body"] == ([] if expected else ["【待填写】"]), "empty bodies become placeholders"
    assert sum(len(s["children"]) for s in answers["sections"]) >= 5, "Enter alone gives the genre's structure"
    texts = [p.text for p in docx.Document(str(output)).paragraphs]
    assert texts[0] == "【单位名称】2024年工作总结" and "三、存在的问题" in texts
    assert "（一）聚焦主责主业，充分发挥审计监督职能" in texts


def test_typed_answers_back_and_phrases(tmp_path: Path) -> None:
    keys = [
        "XX县审计局" + ENTER,
        "2023" + ENTER,  # typed over the suggested 2024, not appended to it
        ENTER,  # date: the end of 2023 (earlier than today)
        ENTER,  # title
        *after_title(),
        ENTER,  # preamble: the first phrase, the opening true of 2023 (its unit and year filled in)
        ENTER,  # keep the filled text
        ENTER,  # keep part one
        "/b" + ENTER,  # heading: back to "keep"
        ENTER,
        "\x15树牢政治机关意识" + ENTER,  # keep again; retype the heading
        "全年完成审计项目54个。" + ENTER,
        "/p" + ENTER,
        "没有这种说法" + ENTER,  # nothing matches: the picker says so and stays open
        "预算执行 问题" + ENTER,
        "abc" + ENTER,
        "\x7f" * 3 + "12" + ENTER,  # the phrase's slot (a number)
        "/b" + ENTER,  # at paragraph 3: back to paragraph 2, shown to edit
        ENTER,  # keep it
        ENTER,  # end of body
        " " + ENTER,  # sub-headings: tick "write my own"
        "/p" + ENTER,  # /p at a sub-heading prompt opens the heading phrases
        "审计整改" + ENTER,
        ENTER,  # no more sub-headings of my own
        "整改到位。" + ENTER,
        ENTER,
        ENTER,  # keep part two
        ENTER,  # its heading
        ENTER,  # no body of its own
        ENTER,  # the typical sub-headings, ticked
        "甲。" + ENTER,
        "/b" + ENTER,  # at 第 2 段 of a sub-heading: back to 第 1 段, nothing lost
        ENTER,
        ENTER,
        "/b" + ENTER,  # at the next sub-heading's body: back to the one before
        ENTER,
        "乙。" + ENTER,
        ENTER,
        ENTER,  # the third sub-heading left to fill in later
        DOWN + ENTER,  # drop part three
    ]
    result, output = drive([*keys, ENTER * 30], tmp_path, genre="审计")
    answers = answers_of(result.answers)
    assert answers["year"] == 2023 and answers["date"] == "2023-12-31"
    assert answers["preamble"].startswith("2023年是全面贯彻党的二十大精神的开局之年。一年来，XX县审计局")
    first, second = answers["sections"][:2]
    assert first["heading"] == "树牢政治机关意识"
    assert first["body"][0] == "全年完成审计项目54个。" and len(first["body"]) == 2
    assert "预算执行" in first["body"][1] and "12个问题" in first["body"][1] and "2022年度" in first["body"][1]
    # The heading picker offers 常用语 first: the first heading about 审计整改 another bureau can sign.
    assert first["children"] == [{"heading": "一体推进审计整改“下半篇文章”", "body": ["整改到位。"], "children": []}]
    assert [c["body"] for c in second["children"]][:3] == [["甲。"], ["乙。"], ["【待填写】"]]
    assert "存在的问题" not in [s["heading"] for s in answers["sections"]]
    texts = [p.text for p in docx.Document(str(output)).paragraphs]
    assert "一、树牢政治机关意识" in texts and "（一）一体推进审计整改“下半篇文章”" in texts and "XX县审计局" in texts


def test_ctrl_c_saves_and_resume_returns_to_that_question(tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as interrupted:
        drive(["XX县审计局" + ENTER, ENTER, ENTER, CTRL_C], tmp_path, genre="审计")
    answers_file = tmp_path / "out.answers.yaml"
    assert interrupted.value.exit_status == 130 and "错误" not in interrupted.value.message
    assert interrupted.value.message.startswith(f"已中断，答案已保存在 {answers_file}")
    assert interrupted.value.message.endswith(f"wizard --resume {answers_file}")
    assert answers_of(answers_file)["resume_at"] == "title"
    # The first key of the resumed run goes to the title, the question that was interrupted.
    result, _ = drive(["\x15县审计局工作总结" + ENTER, *[ENTER] * 60], tmp_path, resume=answers_file)
    assert result.outcome == "render"
    answers = answers_of(answers_file)
    assert answers["org"] == "XX县审计局" and answers["title"] == "县审计局工作总结"
    assert answers["resume_at"] == "review", "a finished answers file resumes at the preview"
    again, _ = drive([ENTER, ENTER], tmp_path, resume=answers_file)  # preview: render; output exists: save beside
    assert again.outcome == "render" and again.output == tmp_path / "out(2).docx"


class RecordingPrompter(QuestionaryPrompter):
    """The real prompts, remembering every question asked."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.asked: list = []

    def ask(self, question):
        self.asked.append(question)
        return super().ask(question)


def test_renamed_part_is_listed_by_its_new_name(tmp_path: Path) -> None:
    to_part_one = ["XX县审计局" + ENTER, ENTER, ENTER, ENTER, *after_title(), ENTER, ENTER, ENTER]
    to_preview = [ENTER] * 26  # Enter through the rest
    at_preview = [DOWN + ENTER, ENTER, *[ENTER] * 5, ENTER]  # 修改某一部分; the basics, unchanged; render
    keys = [*to_part_one, "\x15巡审联动" + ENTER, *to_preview, *at_preview]
    with create_pipe_input() as pipe:
        pipe.send_text("".join(keys))
        pipe.close()
        prompter = RecordingPrompter(input=pipe, output=DummyOutput())
        run_wizard(prompter, output=tmp_path / "out.docx", templates_option=TEMPLATES, today=TODAY, genre="审计")
    jump = next(q for q in prompter.asked if q.name == "jump")
    titles = [c.title for c in jump.choices]
    assert "巡审联动" in titles and "树牢政治机关意识，全面落实党对审计工作的集中统一领导" not in titles


def test_ctrl_c_at_the_genre_leaves_no_answers_file(tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as interrupted:
        drive([CTRL_C], tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert "还没有保存任何答案" in interrupted.value.message and "--resume" not in interrupted.value.message


def test_resumed_run_says_where_it_continues(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers_file = tmp_path / "out.answers.yaml"
    basics = ["XX县审计局" + ENTER, ENTER, ENTER, ENTER, *after_title()]
    preamble = [ENTER, ENTER]  # the first phrase (its unit and year filled in), its text
    to_part_two = [*basics, *preamble, *[ENTER] * 4, ENTER, ENTER]  # part one; keep part two, its heading
    with pytest.raises(Interrupted):
        drive([*to_part_two, "第一段。" + ENTER, CTRL_C], tmp_path, genre="审计")
    assert answers_of(answers_file)["resume_at"] == "sections[1].body"
    capsys.readouterr()
    drive(["第二段。" + ENTER, *[ENTER] * 60], tmp_path, resume=answers_file)
    assert "已从“第 2 部分的正文”继续" in capsys.readouterr().out
    sections = answers_of(answers_file)["sections"]
    assert sections[1]["body"] == ["第一段。", "第二段。"] and sections[0]["body"] == ["【待填写】"]


def test_existing_answers_resume(tmp_path: Path) -> None:
    (tmp_path / "out.answers.yaml").write_text("genre: 审计\norg: 旧的\nresume_at: year\n", encoding="utf-8")
    result, output = drive([ENTER] * 60, tmp_path, genre="审计")  # the first choice: continue
    assert answers_of(result.answers)["org"] == "旧的" and output.exists()


def test_existing_answers_restart_keeps_the_old_ones(tmp_path: Path) -> None:
    (tmp_path / "out.answers.yaml").write_text("genre: 审计\norg: 旧的\n", encoding="utf-8")
    result, _ = drive([DOWN + ENTER, "新的" + ENTER, *[ENTER] * 60], tmp_path, genre="审计")
    assert answers_of(result.answers)["org"] == "新的"
    assert (tmp_path / "out.answers.old.yaml").read_text(encoding="utf-8") == "genre: 审计\norg: 旧的\n"


@pytest.mark.parametrize(
    ("earlier", "continued"),
    [
        ("year: 2023\nresume_at: review\n", False),  # last year's finished report: Enter starts this year's
        ("year: 2024\nresume_at: review\n", True),  # this year's, finished: Enter goes back to it
        ("year: 2023\nresume_at: title\n", True),  # one left half done: Enter goes on with it
    ],
)
def test_enter_at_an_earlier_answers_file_continues_only_this_years(
    tmp_path: Path, earlier: str, continued: bool
) -> None:
    """A clerk back next December in the same folder: Enter must not reopen last year's finished report."""
    (tmp_path / "out.answers.yaml").write_text(f"genre: 审计\norg: 青山县审计局\n{earlier}", encoding="utf-8")
    with create_pipe_input() as pipe:
        pipe.send_text("".join([ENTER] * 80))
        pipe.close()
        prompter = RecordingPrompter(input=pipe, output=DummyOutput())
        result = run_wizard(
            prompter, output=tmp_path / "out.docx", templates_option=TEMPLATES, today=TODAY, genre="审计"
        )
    existing = next(q for q in prompter.asked if q.name == "existing")
    assert existing.message.startswith(f"上次的答案还在（{tmp_path / 'out.answers.yaml'}，{earlier[6:10]}年的总结，")
    assert (tmp_path / "out.answers.old.yaml").exists() is not continued
    assert answers_of(result.answers)["year"] == (int(earlier[6:10]) if continued else TODAY.year)


def test_existing_output_is_saved_beside_unless_overwritten(tmp_path: Path) -> None:
    (tmp_path / "out.docx").write_bytes(b"mine")
    result, _ = drive([ENTER] * 60, tmp_path, genre="审计")
    assert (tmp_path / "out.docx").read_bytes() == b"mine" and result.output == tmp_path / "out(2).docx"
    assert result.output.exists()


def test_answers_file_only_missing_questions(tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text(
        "genre: 审计\norg: XX县审计局\nyear: 2024\ndate: 2024-12-20\npreamble: 已写好的导语。\n"
        "sections:\n  - heading: 存在的问题\n    body: [人手不足。]\nclosing: 已写好的结尾。\n",
        encoding="utf-8",
    )
    result, _ = drive([ENTER] * 50, tmp_path, answers=partial)
    answers = answers_of(result.answers)
    assert answers["preamble"] == "已写好的导语。" and answers["closing"] == "已写好的结尾。"
    headings = [s["heading"] for s in answers["sections"]]
    assert headings.index("树牢政治机关意识，全面落实党对审计工作的集中统一领导") < headings.index("存在的问题")
    assert next(s for s in answers["sections"] if s["heading"] == "存在的问题")["body"] == ["人手不足。"]


def test_unknown_genre_fails_before_any_question(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="没有叫"):
        drive([], tmp_path, genre="火星")
    assert list(tmp_path.iterdir()) == []


def test_no_terminal_exits_2() -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "drafter", "wizard", "审计"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "drafter render" in done.stderr and "Traceback" not in done.stderr


# --- a real terminal ---------------------------------------------------------------------


def terminal_env(env: dict[str, str] | None = None) -> dict[str, str]:
    # pexpect is not a terminal emulator: it never answers prompt_toolkit's cursor position request, which
    # would otherwise cost a second's timeout at every prompt.
    env = {**(os.environ if env is None else env), "TERM": "xterm", "COLUMNS": "120", "LINES": "40"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    return env


def spawn(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, program: list[str] | None = None
) -> pexpect.spawn:
    """drafter in a real terminal (python -m drafter unless `program` says how to start it)."""
    command = program or [sys.executable, "-m", "drafter"]
    return pexpect.spawn(
        command[0],
        [*command[1:], *args],
        cwd=str(cwd),
        env=terminal_env(env),
        encoding="utf-8",
        codec_errors="replace",  # the terminal echoes ^C wherever it is typed, even inside a character
        timeout=30,
        dimensions=(40, 120),
    )


def answer_until_exit(child: pexpect.spawn, keys: list[str], quiet: float = 0.3, limit: int = 600) -> None:
    """Type each key when the screen has been quiet for a moment; then Enter until the program ends."""
    pending = list(keys)
    for _ in range(limit):
        try:
            child.read_nonblocking(100_000, timeout=quiet)
            continue
        except pexpect.TIMEOUT:
            child.send(pending.pop(0) if pending else ENTER)
        except pexpect.EOF:
            break
    child.close()


def test_real_terminal_enter_only(tmp_path: Path) -> None:
    templates = ["--templates", str(TEMPLATES)]
    child = spawn(["wizard", "审计", "-o", "first.docx", *templates], tmp_path)
    child.logfile_read = screen = io.StringIO()
    answer_until_exit(child, [])
    assert child.exitstatus == 0 and (tmp_path / "first.docx").exists()
    shown = screen.getvalue().replace("\r\n", "").replace("\n", "")
    assert f"已生成 {tmp_path / 'first.docx'}" in shown, "the report by its full path, though -o named it relatively"

    assert not (tmp_path / "second.docx").exists()


def converse(child: pexpect.spawn, exchanges: list[tuple[str, str]]) -> None:
    """For each (prompt, keys): wait for the prompt to be on screen, then type the keys."""
    for prompt, keys in exchanges:
        try:
            child.expect_exact(prompt, timeout=30)
        except pexpect.TIMEOUT:
            pytest.fail(f"never saw {prompt!r}; the screen ended with {child.before[-300:]!r}")
        time.sleep(0.3)  # let the prompt finish drawing
        if keys:
            child.send(keys)


def figure_keys(typed: dict[str, str]) -> list[tuple[str, str]]:
    """The figures page in a terminal: each key figure's prompt, and what to type there (Enter skips)."""
    return [(f"{f.label}（{f.unit}）", typed.get(f.label, "") + ENTER) for f in audit_bank()[0].figures]


def test_real_terminal_session(tmp_path: Path) -> None:
    """A clerk's session, installed as the README says and not on PATH: welcome; basics, a target, the
    figures page; Tab lists the headings at once; the figures come back as the first paragraph; a phrase
    half filled in (2 of its slots typed) when Ctrl-C comes. The printed command, run as printed elsewhere,
    returns to the very slot, the answers kept; a slot left empty is said and listed before rendering."""

    templates = ["--templates", str(TEMPLATES)]
    env = {key: value for key, value in os.environ.items() if key not in ("EDITOR", "VISUAL")}
    script = Path(sys.executable).with_name("drafter")
    env["PATH"] = "/usr/bin:/bin"
    child = spawn(["wizard", "审计", "-o", "second.docx", *templates], tmp_path, env=env, program=[str(script)])
    heading = audit_bank()[0].sections()[0].heading
    listed = next(p.text for p in audit_bank()[1] if p.role == "heading" and p.text != heading)
    converse(
        child,
        [
            ("欢迎使用 drafter 向导", ""),
            ("Ctrl-C", ""),
            ("单位名称", "XX县审计局" + ENTER),
            ("总结的年份", "2023" + ENTER),
            ("成文日期", ENTER),
            ("标题：", ENTER),
            ("篇幅目标", "限 3 页" + ENTER),
            ("去年的总结", ENTER),  # the first run asks what the unit profile keeps
            *figure_keys({"完成审计计划项目": "60", "完成经责审计项目": "9"}),
            ("开头导语：从常用语", ENTER),  # the opening true of 2023, its unit and year filled in
            ("填好的句子", ""),
            ("开头导语（回车采用", ENTER),
            ("按篇幅目标（限 3 页）这一部分约", ""),
            ("保留“", ENTER),
            ("这一部分的标题", "\t"),  # Tab at once: the headings are listed with the suggestion still there
            (listed[:12], ENTER),  # nothing picked from the list: Enter takes the suggested heading
            ("第 1 段", ENTER),  # the grey suggestion: the figures typed before, in a sentence
            ("第 2 段", "/p" + ENTER),
            ("输入词语筛选", "经责审计" + ENTER),
            ("〖数量〗", "12" + ENTER),  # the second 数量 is the 9 typed on the figures page: not asked
            ("〖数量〗", ""),
        ],
    )
    child.send(CTRL_C)
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert child.exitstatus == 130
    said = child.before.replace("\r\n", "").replace("\n", "")
    answers = tmp_path / "second.answers.yaml"
    assert f"已中断，答案已保存在 {answers}" in said and "错误" not in said
    printed = said.split("继续填写：")[1].strip()
    assert shlex.split(printed) == [str(script.resolve()), "wizard", "--resume", str(answers)]
    pending = answers_of(answers)["pending"]
    assert pending["values"] == {"数量1": "12"} and "已完成经责审计项目9个" in pending["text"]
    # The printed command, run as printed by a shell elsewhere (its --templates added: the test's own).
    child = spawn([], Path("/"), env=env, program=["/bin/sh", "-c", f"{printed} {shlex.join(templates)}"])
    child.logfile_read = screen = io.StringIO()
    converse(
        child,
        [
            ("已从“第 1 部分的正文”继续", ""),
            ("〖数量〗", ENTER),  # the slot it stopped at, the third, left empty
            ("留空", ""),
            ("第 3 段", ENTER),
            ("这一部分的小标题", ENTER),
        ],
    )
    answer_until_exit(child, [])
    assert child.exitstatus == 0
    shown = screen.getvalue().replace("\r\n", "").replace("\n", "")
    assert "还有 1 处空位待填" in shown and "【数量】" in shown
    assert f"已生成 {tmp_path / 'second.docx'}" in shown, "the report by its full path"
    assert "已选 3 项" in shown and not re.search(r"\bdone\b|selection", shown), "checkbox answers said in Chinese"
    texts = [p.text for p in docx.Document(str(tmp_path / "second.docx")).paragraphs]
    assert texts[0] == "XX县审计局2023年工作总结"
    assert any(text.startswith("2023年是全面贯彻党的二十大精神的开局之年。一年来，XX县审计局") for text in texts)
    assert f"一、{heading}" in texts
    assert any(text.startswith("全年完成审计计划项目60个") for text in texts), "the figure typed once is in a sentence"
    phrase = next(text for text in texts if "经济责任审计" in text)
    assert (
        phrase == "组织实施12个部门、单位主要领导任期经济责任审计，已完成经责审计项目9个，共发现六方面【数量】个问题。"
    )
    assert answers_of(answers).get("pending") is None


def test_real_terminal_ctrl_c_before_a_genre(tmp_path: Path) -> None:
    """Ctrl-C at the genre chooser: nothing was saved, and that is what is said."""
    child = spawn(["wizard", "--templates", str(TEMPLATES)], tmp_path)
    converse(child, [("选择文种", "")])
    child.send(CTRL_C)
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    said = child.before.replace("\r\n", "").replace("\n", "")
    assert child.exitstatus == 130 and "还没有保存任何答案" in said and "--resume" not in said
    assert list(tmp_path.iterdir()) == []


def test_a_terminal_that_never_answers_cursor_position_requests_costs_no_second_a_prompt(tmp_path: Path) -> None:
    """pexpect's terminal never answers prompt_toolkit's cursor position request (CPR): the wizard finds that out
    once and stops asking, instead of waiting a second after every answer."""
    env = {key: value for key, value in terminal_env().items() if key != "PROMPT_TOOLKIT_NO_CPR"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "drafter", "wizard", "审计", "-o", "cpr.docx", "--templates", str(TEMPLATES)],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    child.expect_exact("单位名称")
    waits = []
    for answer, following in (("XX县审计局", "总结的年份"), ("2024", "成文日期"), ("", "标题："), ("", "篇幅目标")):
        time.sleep(0.3)  # the prompt has finished drawing
        child.send(answer + ENTER)
        sent = time.monotonic()
        child.expect_exact(following)
        waits.append(time.monotonic() - sent)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    # prompt_toolkit's wait for an answer that never comes is one second after each prompt
    assert statistics.median(waits) < 0.8, waits


def test_phrase_review_says_where_it_saves(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    child = spawn(["phrases", "review", "审计"], tmp_path, env=env)  # no ./templates: the bundled ones
    child.expect_exact("审阅结果保存在", timeout=30)
    child.expect_exact("如何处理这条常用语", timeout=30)
    said = child.before.replace("\r\n", "").replace("\n", "")
    assert str(data_home / "drafter" / "reviews.yaml") in said, "never into the installed package"
    time.sleep(0.3)
    child.send(DOWN * 5 + ENTER)  # 退出 (after 接受, 拒绝, 修改文字, 改为范例/常用语, 跳过)
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert child.exitstatus == 0
