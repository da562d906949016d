"""Every error a user can cause: its Chinese message, its exit code, no traceback, nothing half-written."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED, TEMPLATES, run

from drafter.errors import UserError
from drafter.files import write_atomic

GOOD_ANSWERS = "genre: 审计\norg: XX县审计局\nyear: 2024\nsections:\n  - heading: 主要工作\n    body: [完成任务。]\n"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.yaml").write_text(GOOD_ANSWERS, encoding="utf-8")
    (tmp_path / "exists.docx").write_bytes(b"keep me")
    (tmp_path / "unknown.yaml").write_text(GOOD_ANSWERS + "colour: red\n", encoding="utf-8")
    (tmp_path / "types.yaml").write_text("year: 明年\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("sections: [\n", encoding="utf-8")
    (tmp_path / "fonts.yaml").write_text("titel: 华文中宋\n", encoding="utf-8")
    (tmp_path / "random.bin.txt").write_bytes(bytes(range(256)) * 4)
    broken_templates = tmp_path / "tpl"
    shutil.copytree(TEMPLATES, broken_templates)
    (broken_templates / "skeletons" / "shenji.yaml").write_text("genre: shenji\nparts: [\n", encoding="utf-8")
    return tmp_path


CASES = [
    (["render", "missing.yaml", "-o", "out.docx"], 1, "找不到文件 missing.yaml"),
    (["render", "good.yaml", "-o", "exists.docx"], 1, "已经存在"),
    (["render", "good.yaml", "-o", "out.pdf"], 2, "无法确定输出格式"),
    (["render", "unknown.yaml", "-o", "out.docx"], 1, "colour 是未知的键"),
    (["render", "types.yaml", "-o", "out.docx"], 1, "year 的值不合要求：应为整数"),
    (["render", "broken.yaml", "-o", "out.docx"], 1, "不是合法的 YAML"),
    (["render", "good.yaml", "-o", "out.docx", "--fonts", "fonts.yaml"], 1, "titel 是未知的键"),
    (["render", "good.yaml", "-o", "out.docx", "--templates", "nowhere"], 2, "没有 genres.yaml"),
    (["skeleton", "火星", "-o", "s.docx"], 2, "没有叫“火星”的文种"),
    (["skeleton", "审计", "-o", "s.docx", "--templates", "tpl"], 1, "shenji.yaml"),
    (["skeleton", "-o", "s.docx"], 2, "请给出文种"),
    (["skeleton", "审计", "--year", "3000"], 2, "--year 的值无效"),
    (["outline"], 2, "缺少参数 文件或目录"),
    (["render"], 2, "缺少参数 答案文件"),
    (["preview"], 2, "缺少参数 文稿"),
    (["render", "good.yaml", "-o"], 2, "选项 -o 后面缺少值"),
    (["render", "good.yaml", "more.yaml", "-o", "x.docx"], 2, "多余的参数：more.yaml"),
    (["mine", "-j", "0"], 2, "0 超出范围 1–64"),
    (["phrases", "--json=3"], 2, "选项 --json 不带值"),
    (["outline", "random.bin.txt"], 1, "无法识别为中文文本"),
    (["phrases", "accept", "pnothere"], 1, "找不到这些常用语 id"),
    (["phrases", "--role", "bogus"], 2, "没有叫“bogus”的类别"),
    (["phrases", "审计", "-o", "bank.pdf"], 2, "导出格式只能是 md 或 docx"),
    (["mine", "nowhere", "-o", "t"], 2, "找不到 nowhere"),
    (["wizard", "审计", "--from", "nowhere.docx"], 2, "--from 的值无效：nowhere.docx 不存在"),
    (["check", "nowhere.txt"], 1, "找不到 nowhere.txt"),
    (["bogus"], 2, "没有命令“bogus”"),
]


@pytest.mark.parametrize(("args", "code", "message"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_user_errors(
    workdir: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str
) -> None:
    before = sorted(p.name for p in workdir.iterdir())
    exit_code, output = run(args, capsys)
    assert exit_code == code and message in output
    assert sorted(p.name for p in workdir.iterdir()) == before, "nothing written, nothing half-written"
    assert (workdir / "exists.docx").read_bytes() == b"keep me"


def test_answers_pointing_outside_the_working_directory(workdir: Path, tmp_path_factory) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from drafter.writing.wizard.prompter import QuestionaryPrompter
    from drafter.writing.wizard.run import run_wizard

    elsewhere = tmp_path_factory.mktemp("elsewhere") / "2023.txt"
    elsewhere.write_text("县审计局2023年工作总结\n一、主要工作\n完成任务。\n", encoding="utf-8")
    answers = workdir / "out.answers.yaml"
    answers.write_text(f"genre: 审计\nlast_year: {elsewhere}\n", encoding="utf-8")
    with create_pipe_input() as pipe, pytest.raises(UserError) as error:
        run_wizard(QuestionaryPrompter(input=pipe, output=DummyOutput()), resume=answers, templates_option=TEMPLATES)
    assert "工作目录之外" in error.value.message and f"--from {elsewhere}" in error.value.message


def test_gbk_labelled_as_utf8_is_read(tmp_path: Path) -> None:
    from drafter.reading.pipeline import outline_paths

    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "县审计局2023年工作总结\n一、主要工作\n完成任务。\n".encode("gbk") * 3)
    (outline, *_) = outline_paths([path]).outlines
    assert outline.title == "县审计局2023年工作总结"


def test_interrupted_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.docx"

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "half")
    assert list(tmp_path.iterdir()) == []


def test_killing_mine_leaves_the_previous_templates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(30):
        (corpus / f"copy-{index:02d}.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "templates"
    command = [sys.executable, "-m", "drafter", "mine", str(corpus), "-o", str(out)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.yaml")}
    (corpus / "copy-00.txt").write_text("县审计局2024年工作总结\n一、主要工作\n完成任务。\n", encoding="utf-8")
    for delay in (0.3, 0.8, 1.5):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        after = {
            p.relative_to(out): p.read_bytes()
            for p in out.rglob("*.yaml")
            if not str(p.relative_to(out)).startswith(".")
        }
        assert after == before or len(after) == len(before), "either the old templates or a complete new set"
        assert set(after) == set(before)
