"""The wizard: pure question building, the real questionary prompts through a pipe, and a real terminal."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

import docx
import pexpect
import pytest
import yaml
from conftest import ROOT
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from drafter.errors import Interrupted, UserError
from drafter.models import Draft, Guidance, SkeletonNode
from drafter.templates import find_genre, load_bank, load_registry, load_skeleton
from drafter.wizard.complete import PhraseCompleter
from drafter.wizard.prompter import QuestionaryPrompter, draft_statistics
from drafter.wizard.questions import check_value, node_questions, slot_question
from drafter.wizard.run import run_wizard

TEMPLATES = ROOT / "templates"
ENTER, DOWN, CTRL_C = "\r", "\x1b[B", "\x03"
TODAY = dt.date(2024, 12, 20)


def audit_bank():
    genre = find_genre("审计", load_registry(TEMPLATES))
    return load_skeleton(TEMPLATES, genre), load_bank(TEMPLATES, genre)


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
    assert questions.more_children.default == "done", "Enter alone must not loop forever"
    assert questions.guidance == "一般写2–4个小标题，多用“一是……二是……”展开，约800字"
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
        prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
        result = run_wizard(prompter, output=output, templates_option=TEMPLATES, today=TODAY, **options)
    return result, output


def answers_of(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_enter_alone_gives_a_complete_draft(tmp_path: Path) -> None:
    result, output = drive([ENTER] * 40, tmp_path, genre="审计")
    assert result.outcome == "render" and output.exists()
    answers = answers_of(result.answers)
    assert answers["year"] == 2024 and answers["date"] == "2024-12-20"
    assert [s["heading"] for s in answers["sections"]] == [n.heading for n in audit_bank()[0].sections()]
    assert all(s["body"] == ["【待填写】"] for s in answers["sections"]), "empty bodies become placeholders"
    texts = [p.text for p in docx.Document(str(output)).paragraphs]
    assert texts[0] == "【单位名称】2024年工作总结" and "三、存在的问题" in texts


def test_typed_answers_back_and_phrases(tmp_path: Path) -> None:
    keys = [
        "XX县审计局" + ENTER,
        ENTER,
        ENTER,
        ENTER,  # org, year, date, title
        ENTER,
        ENTER,  # preamble: first phrase, keep its text
        ENTER,  # keep part one
        "/b" + ENTER,  # heading: back to "keep"
        ENTER,
        "\x15树牢政治机关意识" + ENTER,  # keep again; retype the heading
        "全年完成审计项目54个。" + ENTER,
        "/p" + ENTER,
        "预算执行 问题" + ENTER,
        "abc" + ENTER,
        "\x7f" * 3 + "12" + ENTER,  # phrase; its slot (a number)
        ENTER,  # end of body
        DOWN + ENTER,
        "加强审计整改" + ENTER,
        "整改到位。" + ENTER,
        ENTER,  # one sub-heading with its body
        ENTER,  # no more sub-headings
        DOWN + ENTER,  # drop part two
    ]
    result, output = drive([*keys, ENTER * 30], tmp_path, genre="审计")
    answers = answers_of(result.answers)
    first = answers["sections"][0]
    assert first["heading"] == "树牢政治机关意识"
    assert first["body"][0] == "全年完成审计项目54个。"
    assert "预算执行" in first["body"][1] and "12个问题" in first["body"][1]
    assert first["children"] == [{"heading": "加强审计整改", "body": ["整改到位。"], "children": []}]
    assert "履行审计监督职能，服务经济社会高质量发展" not in [s["heading"] for s in answers["sections"]]
    assert answers["preamble"].startswith("2024年，XX县审计局")
    texts = [p.text for p in docx.Document(str(output)).paragraphs]
    assert "一、树牢政治机关意识" in texts and "（一）加强审计整改" in texts and "XX县审计局" in texts


def test_ctrl_c_saves_and_resume_finishes(tmp_path: Path) -> None:
    with pytest.raises(Interrupted) as interrupted:
        drive(["XX县审计局" + ENTER, ENTER, ENTER, CTRL_C], tmp_path, genre="审计")
    answers_file = tmp_path / "out.answers.yaml"
    assert interrupted.value.exit_status == 130
    assert f"drafter wizard --resume {answers_file}" in interrupted.value.message
    assert answers_of(answers_file)["org"] == "XX县审计局"
    result, output = drive([ENTER] * 40, tmp_path, resume=answers_file)
    assert result.outcome == "render"
    assert "XX县审计局" in [p.text for p in docx.Document(str(output)).paragraphs]


def test_existing_answers_file_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "out.answers.yaml").write_text("org: 旧的\n", encoding="utf-8")
    with pytest.raises(UserError, match="--resume"):
        drive([ENTER], tmp_path, genre="审计")
    assert (tmp_path / "out.answers.yaml").read_text(encoding="utf-8") == "org: 旧的\n"


def test_answers_file_only_missing_questions(tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text(
        "genre: 审计\norg: XX县审计局\nyear: 2024\ndate: 2024-12-20\npreamble: 已写好的导语。\n"
        "sections:\n  - heading: 存在的问题\n    body: [人手不足。]\nclosing: 已写好的结尾。\n",
        encoding="utf-8",
    )
    result, _ = drive([ENTER] * 30, tmp_path, answers=partial)
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


def spawn(args: list[str], cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "drafter", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        codec_errors="replace",  # the terminal echoes ^C wherever it is typed, even inside a character
        timeout=30,
        dimensions=(40, 120),
    )


def answer_until_exit(child: pexpect.spawn, keys: list[str], quiet: float = 0.5, limit: int = 200) -> None:
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


def test_real_terminal_enter_only_then_ctrl_c_and_resume(tmp_path: Path) -> None:
    templates = ["--templates", str(TEMPLATES)]
    child = spawn(["wizard", "审计", "-o", "first.docx", *templates], tmp_path)
    answer_until_exit(child, [])
    assert child.exitstatus == 0 and (tmp_path / "first.docx").exists()

    child = spawn(["wizard", "审计", "-o", "second.docx", *templates], tmp_path)
    # Each answer waits for its own prompt: a "?" alone also matches the echo of the answered one.
    prompts = [
        "单位名称",
        "总结的年份",
        "成文日期",
        "标题：",
        "开头导语：从常用语",
        "开头导语（回车采用",
        "保留“",
        "这一部分的标题",
        "导语或正文",
    ]
    keys = ["XX县审计局" + ENTER, *[ENTER] * 7, "巡审联动成效明显。" + ENTER]
    for prompt, key in zip(prompts, keys, strict=True):
        child.expect(prompt, timeout=30)
        time.sleep(0.3)
        child.send(key)
    time.sleep(1.0)
    child.send(CTRL_C)
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert child.exitstatus == 130
    assert "drafter wizard --resume second.answers.yaml" in child.before.replace("\r\n", "").replace("\n", "")
    child = spawn(["wizard", "--resume", "second.answers.yaml", *templates], tmp_path)
    answer_until_exit(child, [])
    assert child.exitstatus == 0
    texts = [p.text for p in docx.Document(str(tmp_path / "second.docx")).paragraphs]
    assert "XX县审计局" in texts and "巡审联动成效明显。" in texts
