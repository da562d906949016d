"""Traps 1 and 2: the command printed to continue runs as it stands, and only true things are said."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.resources import own_command, shell_command
from drafter.writing.wizard.run import default_output, interrupted_message, resume_command


def make_program(directory: Path, name: str = "drafter") -> Path:
    """An executable file standing in for the console script."""
    directory.mkdir(parents=True, exist_ok=True)
    program = directory / name
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_program_not_on_path_is_named_by_its_full_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = make_program(tmp_path / "venv" / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(tmp_path)
    assert own_command("venv/bin/drafter") == [str(program.resolve())]


def test_program_on_path_is_just_drafter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = make_program(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert own_command(str(program)) == ["drafter"]


def test_another_drafter_on_path_is_not_taken_for_this_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_program(tmp_path / "other")
    program = make_program(tmp_path / "mine")
    monkeypatch.setenv("PATH", str(tmp_path / "other"))
    assert own_command(str(program)) == [str(program.resolve())]


@pytest.mark.parametrize("argv0", ["/x/site-packages/drafter/__main__.py", "/x/bin/pytest", "", "-c"])
def test_started_as_a_module_or_inside_another_program(argv0: str) -> None:
    assert own_command(argv0) == [sys.executable, "-m", "drafter"]


def test_a_path_with_spaces_is_quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = make_program(tmp_path / "我的 文件" / "bin")
    monkeypatch.setenv("PATH", "")
    command = shell_command([*own_command(str(program)), "wizard", "--resume", "a b.answers.yaml"])
    assert shlex.split(command) == [str(program.resolve()), "wizard", "--resume", "a b.answers.yaml"]


def test_resume_command_runs_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The printed command, given to a shell elsewhere, reaches this drafter and the answers file."""
    answers = tmp_path / "总结 2024.answers.yaml"
    answers.write_text("genre: 审计\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    command = resume_command(Path(answers.name))
    assert str(answers) in shlex.split(command), "the answers file by its full path"
    # --help after the command proves the shell finds the program; run from another directory.
    done = subprocess.run(
        command + " --help", shell=True, cwd="/", capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert done.returncode == 0 and "--resume" in done.stdout


def test_ctrl_c_before_any_answer_claims_nothing_saved(tmp_path: Path) -> None:
    message = interrupted_message(tmp_path / "工作总结.answers.yaml")
    assert "已保存" not in message and "--resume" not in message
    assert "还没有保存任何答案" in message and message.endswith("wizard")


def test_ctrl_c_after_answers_names_them_and_the_command(tmp_path: Path) -> None:
    answers = tmp_path / "工作总结.answers.yaml"
    answers.write_text("genre: 审计\n", encoding="utf-8")
    message = interrupted_message(answers)
    assert f"答案已保存在 {answers}" in message and message.endswith(resume_command(answers))


def test_output_defaults_to_documents_inside_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import ROOT

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(ROOT)
    assert default_output() == tmp_path / "Documents" / "工作总结.docx"
    monkeypatch.chdir(tmp_path)
    assert default_output() == Path("工作总结.docx")
