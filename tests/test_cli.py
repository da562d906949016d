"""The command line: contract, exit codes, Chinese messages, no tracebacks, fast start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, TEMPLATES

from drafter.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_outline_json_is_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["outline", str(SEED), "--json"], capsys)
    assert code == 0
    documents = json.loads(out)["documents"]
    assert len(documents) == 11
    for document in documents:
        assert set(document) == {
            "title",
            "genre",
            "org",
            "date",
            "source",
            "preamble",
            "doc_number",
            "addressee",
            "headings",
        }
        for heading in document["headings"]:
            assert set(heading) == {"depth", "number", "marker", "text"}
    audit = next(d for d in documents if d["title"] == "县审计局2023年工作总结")
    assert audit["headings"][3] == {
        "depth": 3,
        "number": "1",
        "marker": "1.",
        "text": "聚焦财政资金使用效益，强化预算执行审计",
    }


def test_outline_tree_and_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["outline", str(SEED), "--report"], capsys)
    assert code == 0
    assert "├── 一、树牢政治机关意识" in out
    assert "落款：XX市民政局" in out
    assert "stand_in_dang" in err and "paid_marker" in err


def test_no_clean_shows_raw_text(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["outline", str(SEED), "--json", "--no-clean"], capsys)
    assert "D的二十大" in out
    _, out, _ = run(["outline", str(SEED), "--json"], capsys)
    assert "D的二十大" not in out and "党的二十大" in out


def test_clean_prints_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["clean", str(SEED)], capsys)
    assert code == 0 and "全院党员大会" in out and "##paid" not in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "找不到"),
        ("empty.txt", b"", "是空的"),
        ("random.txt", bytes(range(256)) * 9, "无法识别为中文文本"),
        ("truncated.docx", b"PK\x03\x04broken", "已损坏"),
        ("report.pdf", b"%PDF-1.4", "文件已损坏或加了密码"),
        ("report.rtf", b"{\\rtf1 ", "不支持的文件类型"),
    ],
)
def test_bad_input_message_and_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    exit_code, _, err = run(["outline", str(path)], capsys)
    assert exit_code == 1
    assert message in err and str(path) in err
    assert "Traceback" not in err


def test_mixed_directory_reads_the_good_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 9)
    code, out, err = run(["outline", str(tmp_path), "--json"], capsys)
    assert code == 1
    assert len(json.loads(out)["documents"]) == 11
    assert "b.txt" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [([], "用法："), (["outline"], "缺少参数"), (["outline", "--bogus", "x"], "没有选项"), (["outlin"], "没有命令")],
)
def test_usage_errors_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(args, capsys)
    assert code == 2
    assert message in out + err


@pytest.mark.parametrize(
    "command", ["", "outline", "clean", "mine", "genres", "phrases", "wizard", "render", "skeleton", "preview", "check"]
)
def test_help_is_in_chinese(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([command, "--help"] if command else ["--help"], capsys)
    assert code == 0 and out.startswith("用法：drafter")
    for english in ("Usage", "Options", "Commands", "[default", "[required]", "FILE", "DIRECTORY", "TEXT", "INTEGER"):
        assert english not in out, english
    width = max(len(line) + sum(ord(ch) > 0x2E80 for ch in line) for line in out.splitlines())
    assert width <= 100, "lines measured in terminal cells fit the help width"


@pytest.mark.parametrize(("role", "expected"), [("开头导语", "opening"), ("开头", "opening"), ("成效", "result")])
def test_role_by_its_chinese_name(role: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["phrases", "审计", "--role", role, "--json", "--templates", str(TEMPLATES)], capsys)
    listed = json.loads(out)["phrases"]
    assert code == 0 and listed and {p["role"] for p in listed} == {expected}


def test_phrase_table_names_the_genre_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["phrases", "审计", "--role", "开头", "--templates", str(TEMPLATES)], capsys)
    assert code == 0 and "│ 审计 " in out and "shenji" not in out


def test_bad_rules_file_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text("rules: [", encoding="utf-8")
    code, _, err = run(["outline", str(SEED), "--rules", str(rules)], capsys)
    assert code == 1 and "不是合法的 YAML" in err and str(rules) in err and "Traceback" not in err


def test_help_lists_commands_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    import re

    listed = re.findall(r"^  (\w+) +(\S+)", out, flags=re.MULTILINE)
    assert [name for name, _ in listed][:2] == ["outline", "clean"]
    assert all(re.search(r"[\u4e00-\u9fff]", text) for _, text in listed)


def test_python_m_drafter_and_light_start() -> None:
    probe = (
        "import sys; from drafter.cli import main\n"
        "heavy = [m for m in ('docx', 'questionary', 'jinja2', 'pydantic', 'rich', 'charset_normalizer')"
        " if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    done = subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "outline" in done.stdout


def test_document_text_is_never_rich_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "markup.txt"
    path.write_text("XX[局]2023年工作总结\n一、主要[/b]工作\n完成。\n", encoding="utf-8")
    code, out, _ = run(["outline", str(path)], capsys)
    assert code == 0 and "XX[局]2023年工作总结" in out and "一、主要[/b]工作" in out
