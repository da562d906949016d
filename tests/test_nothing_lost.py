"""What an adversarial pass found (issue: nothing lost, nothing escaped): one test per finding."""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import stat
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SEED, TEMPLATES, run

ANSWERS = "genre: 审计\norg: XX县审计局\nyear: 2024\nsections:\n  - heading: 主要工作\n    body: [“完成”任务——全年……]\n"
SMALL_REPORT = (
    "县审计局2024年工作总结\n"
    "2024年，县审计局坚持以习近平新时代中国特色社会主义思想为指导，聚焦主责主业，依法全面履行审计监督职责。\n"
    "一、主要工作\n全年完成审计项目54个，查出问题金额1.2亿元，推动整改落实，促进规范管理，审计监督质效持续提升。\n"
    "二、存在问题\n审计人员力量不足，专业结构还不够合理，大数据审计能力有待加强，审计整改跟踪还不够到位。\n"
    "三、下一步工作计划\n我们将进一步加强队伍建设，深化研究型审计，持续推动审计整改落实，不断提升审计监督效能。\n"
)


def drafter(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run drafter in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "a.yaml").write_text(ANSWERS, encoding="utf-8")
    return tmp_path


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory and its bytes (lock files aside)."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in directory.rglob("*")
        if p.is_file() and not p.name.endswith(".lock")
    }


def mined_copy(tmp_path: Path) -> Path:
    """A copy of the committed templates (what `drafter mine corpus` wrote)."""
    out = tmp_path / "templates"
    shutil.copytree(TEMPLATES, out, ignore=shutil.ignore_patterns("*.lock", "reviews.yaml"))
    return out


# --- 1. what sits at the output path -------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="replacing /dev/null needs root; as anyone else it was never at risk")
def test_force_does_not_replace_a_device(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(["render", "a.yaml", "-o", "/dev/null", "--force", "--format", "docx"], capsys)
    assert code == 1 and "字符设备文件" in output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_resume_refuses_a_device(workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    from drafter.writing.wizard.run import run_wizard

    with pytest.raises(Exception, match="字符设备文件"):
        run_wizard(object(), resume=Path("/dev/null"), templates_option=TEMPLATES)  # type: ignore[arg-type]
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_output_that_is_not_a_file_is_refused(workdir: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    target = workdir / "out.docx"
    os.mkfifo(target) if kind == "fifo" else target.mkdir()
    code, output = run(["render", "a.yaml", "-o", str(target), "--force"], capsys)
    assert code in (1, 2) and ("命名管道" in output or "目录" in output)
    assert (stat.S_ISFIFO if kind == "fifo" else stat.S_ISDIR)(os.stat(target).st_mode)


def test_overwrite_keeps_mode_and_writes_through_a_symlink(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = workdir / "real.docx"
    real.write_bytes(b"old")
    real.chmod(0o600)
    link = workdir / "link.docx"
    link.symlink_to(real)
    code, _ = run(["render", "a.yaml", "-o", str(link), "--force"], capsys)
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"PK") and stat.S_IMODE(real.stat().st_mode) == 0o600


def test_hard_link_is_replaced_at_the_named_path_only(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Documented choice: the named path gets the new file; other hard links keep the previous content."""
    named = workdir / "named.docx"
    named.write_bytes(b"previous")
    other = workdir / "other.docx"
    os.link(named, other)
    assert run(["render", "a.yaml", "-o", str(named), "--force"], capsys)[0] == 0
    assert named.read_bytes().startswith(b"PK") and other.read_bytes() == b"previous"


# --- 2, 3. mining replaces only its own files, and nothing when nothing was read ----------


def test_mine_refuses_a_directory_holding_other_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = mined_copy(tmp_path)
    (out / "phrases" / "我的笔记.txt").write_text("别删我", encoding="utf-8")
    (out / ".mine-notes").mkdir()
    (out / ".mine-notes" / "keep.txt").write_text("mine", encoding="utf-8")
    code, output = run(["mine", str(SEED), "-o", str(out)], capsys)
    assert code == 2 and "我的笔记.txt" in output and "--force" in output
    code, _ = run(["mine", str(SEED), "-o", str(out), "--force"], capsys)
    assert code == 0
    assert (out / "phrases" / "我的笔记.txt").read_text(encoding="utf-8") == "别删我"


def test_mine_with_nothing_read_leaves_the_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = mined_copy(tmp_path)
    before = snapshot(out)
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 8)
    code, output = run(["mine", str(tmp_path / "bad.txt"), "-o", str(out)], capsys)
    assert code == 1 and "保持原样" in output and "bad.txt" in output
    assert snapshot(out) == before


# --- 4. genre ids cannot leave the templates directory ------------------------------


def test_genre_id_cannot_traverse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t"
    out.mkdir()
    (out / "genres.yaml").write_text(
        "genres:\n  - id: ../../../tmp/escaped\n    name: 审计\n    keywords: [审计]\n", encoding="utf-8"
    )
    code, output = run(["mine", str(SEED), "-o", str(out)], capsys)
    assert code == 1 and "genres[0].id" in output
    assert not list(tmp_path.parent.parent.glob("tmp/escaped*")) and not Path("/tmp/escaped.yaml").exists()
    code, output = run(["skeleton", "审计", "--templates", str(out), "-o", str(tmp_path / "s.docx")], capsys)
    assert code == 1 and "genres[0].id" in output


# --- 5. parallel runs ----------------------------------------------------------------


def test_parallel_accepts_all_survive(tmp_path: Path) -> None:
    out = mined_copy(tmp_path)
    from drafter.bank.templates import find_genre, load_bank, load_registry, load_reviews

    ids = [p.id for p in load_bank(out, find_genre("审计", load_registry(out)))][:16]
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "drafter", "phrases", "accept", phrase, "--templates", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for phrase in ids
    ]
    assert all(child.wait(timeout=120) == 0 for child in children)
    assert set(load_reviews(out).reviews) == set(ids)


def test_two_mines_into_one_directory(tmp_path: Path) -> None:
    out = tmp_path / "t"
    command = [sys.executable, "-m", "drafter", "mine", str(SEED), "-o", str(out)]
    children = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [child.communicate(timeout=180) for child in children]
    assert [child.returncode for child in children] == [0, 0], results
    assert snapshot(out) == {k: v for k, v in snapshot(TEMPLATES).items() if not k.endswith((".lock", "reviews.yaml"))}


# --- 6. a kill while mining swaps its files ----------------------------------------------


def test_interrupted_swap_is_completed_by_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.bank import templates as templates_module
    from drafter.mining.run import mine

    out = tmp_path / "t"
    mine([SEED], out)
    complete = snapshot(out)
    (tmp_path / "one.txt").write_text(SMALL_REPORT, encoding="utf-8")
    moves = 0
    real_replace = os.replace

    def killed_after_two(source: str, target: str) -> None:
        nonlocal moves
        moves += 1
        if moves > 2:
            raise KeyboardInterrupt  # the process dies here, between two moves
        real_replace(source, target)

    monkeypatch.setattr(templates_module.os, "replace", killed_after_two)
    with pytest.raises(KeyboardInterrupt):
        mine([tmp_path / "one.txt"], out)
    monkeypatch.setattr(templates_module.os, "replace", real_replace)
    assert (out / templates_module.JOURNAL_FILE).exists()
    templates_module.resolve_templates(out)  # the next run that opens the directory finishes the swap
    assert not (out / templates_module.JOURNAL_FILE).exists() and not list(out.glob(".mine-*"))
    finished = snapshot(out)
    mine([tmp_path / "one.txt"], tmp_path / "clean")
    assert finished == snapshot(tmp_path / "clean") != complete


def test_kill_before_commit_leaves_the_old_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.bank import templates as templates_module
    from drafter.mining.run import mine

    out = tmp_path / "t"
    mine([SEED], out)
    before = snapshot(out)
    (tmp_path / "one.txt").write_text(SMALL_REPORT, encoding="utf-8")

    def killed(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(templates_module, "write_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        mine([tmp_path / "one.txt"], out)
    monkeypatch.undo()
    assert {k: v for k, v in snapshot(out).items() if not k.startswith(".mine-")} == before


# --- 7. YAML alias bombs -----------------------------------------------------------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]\n" for prev, name in zip("bcdefg", "cdefgh", strict=True)
)


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("answers", ["render", "bomb.yaml", "-o", "x.docx"]),
        ("answers", ["wizard", "--resume", "bomb.yaml"]),
        ("fonts", ["render", "a.yaml", "-o", "x.docx", "--fonts", "bomb.yaml"]),
        ("rules", ["outline", "report.txt", "--rules", "bomb.yaml"]),
        ("templates", ["genres", "--templates", "tpl"]),
    ],
)
def test_yaml_aliases_are_refused(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch, kind: str, args: list[str]
) -> None:
    import drafter.show

    monkeypatch.setattr(drafter.show, "require_terminal", lambda what: None)
    (workdir / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    (workdir / "report.txt").write_text(SMALL_REPORT, encoding="utf-8")
    (workdir / "tpl").mkdir()
    (workdir / "tpl" / "genres.yaml").write_text(BOMB, encoding="utf-8")
    started = time.monotonic()
    code, output = run(args, capsys)
    assert code == 1 and "别名" in output, output
    assert time.monotonic() - started < 5


def test_long_bad_value_message_is_bounded(tmp_path: Path) -> None:
    from drafter.bank.store import load_yaml_model
    from drafter.errors import ConfigError
    from drafter.models import Draft

    path = tmp_path / "big.yaml"
    path.write_text("year: [" + ", ".join(["很长的值"] * 20000) + "]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_yaml_model(path, Draft)
    assert len(error.value.message) < 300


# --- 8. a .docx that lies about its sizes ----------------------------------------------------


def lying_docx(path: Path, real_size: int) -> None:
    """A valid .docx plus a member that inflates to `real_size` bytes but declares 1,000."""
    document = docx.Document()
    document.add_paragraph("县审计局2024年工作总结")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        huge = zipfile.ZipInfo("word/media/huge.bin")
        huge.compress_type = zipfile.ZIP_DEFLATED
        with target.open(huge, "w") as member:
            zeros = b"\0" * (1 << 20)
            for _ in range(real_size >> 20):
                member.write(zeros)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        position = data.rfind(signature)
        data[position + offset : position + offset + 4] = struct.pack("<I", 1000)
    path.write_bytes(bytes(data))


def test_zip_bomb_with_false_sizes_stays_small(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    lying_docx(bomb, 400 << 20)
    # The peak of this process alone: ru_maxrss would count the test process it was forked from (kept across exec).
    probe = (
        "import re, resource, sys\n"
        "from drafter.cli import main\n"
        "try:\n    main(['outline', sys.argv[1]])\n"
        "except SystemExit as e:\n"
        "    try:\n        peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)\n"
        "    except OSError:\n        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    print('RSS', peak, 'CODE', e.code, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(bomb)], capture_output=True, text=True, timeout=120)
    rss_kb = int(done.stderr.split("RSS ")[1].split()[0])
    assert rss_kb < 300_000, done.stderr
    assert "CODE 1" in done.stderr and "bomb.docx" in done.stderr and "Traceback" not in done.stderr


# --- 9. OS errors name the path and say what to do ----------------------------------------


def failing(exception: OSError):
    def fail(*_: object, **__: object) -> None:
        raise exception

    return fail


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ("mkstemp", "没有权限"),
        ("fdopen", "磁盘空间已满"),
    ],
)
def test_os_errors_when_writing(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch, patch: str, expected: str
) -> None:
    import drafter.files

    if patch == "mkstemp":
        error = PermissionError(errno.EACCES, "Permission denied", str(workdir / "ro"))
        monkeypatch.setattr(drafter.files.tempfile, "mkstemp", failing(error))
    else:
        monkeypatch.setattr(drafter.files.os, "fdopen", failing(OSError(errno.ENOSPC, "No space left on device")))
    code, output = run(["render", "a.yaml", "-o", "out.docx"], capsys)
    assert code == 1 and expected in output and "内部出错" not in output
    assert not list(workdir.glob("out.docx")) and not list(workdir.glob(".drafter-*"))


def test_parent_that_is_a_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "afile").write_text("x", encoding="utf-8")
    code, output = run(["render", "a.yaml", "-o", "afile/x.docx"], capsys)
    assert code == 1 and "afile" in output and "不是目录" in output


def test_long_output_name(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "总" * 80 + ".docx"  # 245 bytes: the old temporary name (name + suffix) went past 255
    code, _ = run(["render", "a.yaml", "-o", name], capsys)
    assert code == 0 and (workdir / name).exists()


def test_check_fix_that_cannot_write_still_reports(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "d.txt").write_text(SMALL_REPORT + "五是多余。\n", encoding="utf-8")
    (workdir / "d.fixed.txt").mkdir()
    code, output = run(["check", "d.txt", "--fix"], capsys)
    assert code == 1 and "检查 d.txt" in output and "d.fixed.txt" in output and "内部出错" not in output


def test_unreadable_file_in_a_directory_is_skipped(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    folder = workdir / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SMALL_REPORT, encoding="utf-8")
    (folder / "b.txt").write_text(SMALL_REPORT.replace("审计局", "统计局"), encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, output = run(["outline", "in"], capsys)
    assert code == 1 and "统计局" in output and "没有权限读取" in output and "a.txt" in output


# --- 10. Ctrl-C while mining with workers ----------------------------------------------------


def children_of(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def wait_for_workers(pid: int, limit: float = 60.0) -> None:
    """Wait until `pid` has started worker processes, so Ctrl-C lands while they mine (however loaded the machine)."""
    deadline = time.monotonic() + limit
    while not children_of(pid):
        assert time.monotonic() < deadline, "mining never started its workers"
        time.sleep(0.05)
    time.sleep(0.3)


def test_ctrl_c_during_parallel_mining(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for index in range(300):  # copies that differ (identical ones would be skipped as copies, and fast)
        (corpus / f"c{index:03d}.txt").write_text(
            text.replace("2023年，", f"2023年（第{index}份），"), encoding="utf-8"
        )
    out = mined_copy(tmp_path)
    before = snapshot(out)
    for _ in range(2):
        child = subprocess.Popen(
            [sys.executable, "-m", "drafter", "mine", str(corpus), "-o", str(out), "--jobs", "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # A shell that started this test in the background may have left SIGINT ignored.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        wait_for_workers(child.pid)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)  # no hang
        assert child.returncode == 130 and "已中断" in err and "Traceback" not in err, err
        assert snapshot(out) == before


# --- 11, 13. .docx oddities: non-integer levels, content controls ---------------------------


def docx_with(tmp_path: Path, edit) -> Path:
    document = docx.Document()
    document.add_paragraph("县审计局2024年工作总结")
    first = document.add_paragraph("主要工作")
    document.add_paragraph("全年完成审计项目54个。")
    edit(document, first)
    path = tmp_path / "odd.docx"
    document.save(str(path))
    return path


def test_non_integer_levels_count_as_absent(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from drafter.reading.pipeline import outline_paths

    def edit(document, paragraph) -> None:
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="first"/>'))
        numbered = document.add_paragraph("二、存在问题")
        numbered._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr>')
        )

    result = outline_paths([docx_with(tmp_path, edit)])
    assert not result.failures and result.outlines[0].title == "县审计局2024年工作总结"


def test_content_controls_are_read(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from drafter.reading.pipeline import outline_paths

    def edit(document, paragraph) -> None:
        sdt = parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent>"
            "<w:p><w:r><w:t>二、存在的问题</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>控件里的正文不能丢。</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        )
        document.element.body.sectPr.addprevious(sdt)

    (outline,) = outline_paths([docx_with(tmp_path, edit)]).outlines
    assert any("控件里的正文不能丢" in body for s in outline.sections for body in s.body)


# --- 12. rich markup in paths ---------------------------------------------------------------


def test_markup_in_paths_is_text(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = workdir / "[/b]in"
    folder.mkdir(parents=True)
    (folder / "[b]d.txt").write_text(SMALL_REPORT, encoding="utf-8")
    code, output = run(["check", str(folder / "[b]d.txt")], capsys)
    assert "[/b]in/[b]d.txt" in "".join(output.split())
    code, output = run(["mine", str(folder), "-o", str(workdir / "[b]out")], capsys)
    assert code == 0 and "[b]out" in "".join(output.split()), output


# --- 14, 15. control characters; the export format follows the file name ----------------------


def test_control_characters_never_reach_outputs(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = workdir / "c.txt"
    corpus.write_text(SEED.read_text(encoding="utf-8").replace("审计项目", "审计\x01项目\x1b[31m"), encoding="utf-8")
    assert run(["mine", str(corpus), "-o", "t"], capsys)[0] == 0
    assert run(["phrases", "--templates", "t", "--format", "docx", "-o", "p.docx"], capsys)[0] == 0
    assert run(["phrases", "--templates", "t", "--format", "md", "-o", "p.md"], capsys)[0] == 0
    assert not any(ch in (workdir / "p.md").read_text(encoding="utf-8") for ch in "\x00\x01\x1b")
    (workdir / "c.yaml").write_text(ANSWERS.replace("[“完成”任务——全年……]", '["\\x1b\\0完成任务"]'), encoding="utf-8")
    assert run(["render", "c.yaml", "-o", "c.md"], capsys)[0] == 0
    assert not any(ch in (workdir / "c.md").read_text(encoding="utf-8") for ch in "\x00\x1b")


def test_export_format_must_match_the_suffix(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(["phrases", "审计", "--format", "md", "-o", "x.docx"], capsys)
    assert code == 2 and "不一致" in output and not (workdir / "x.docx").exists()


# --- 16. check --fix keeps the file's own form ---------------------------------------------------


def test_fix_markdown_keeps_its_marks(workdir: Path) -> None:
    from drafter.output.check.run import check_paths

    (workdir / "d.md").write_text(
        "# 县审计局2024年工作总结\n\n## 一、主要工作\n\n**(一)加强领导**\n\n组织D员学习。\n\n## 三、存在问题\n\n人手不足。\n",
        encoding="utf-8",
    )
    (fixed,) = check_paths([workdir / "d.md"], fix=True).fixed
    text = fixed.read_text(encoding="utf-8")
    assert text.startswith("# 县审计局2024年工作总结\n")
    assert (
        "## 一、主要工作" in text
        and "**（一）加强领导**" in text
        and "组织党员学习" in text
        and "## 二、存在问题" in text
    )


def test_fix_text_keeps_encoding_and_line_ends(workdir: Path) -> None:
    from drafter.output.check.run import check_paths

    original = SMALL_REPORT.replace("二、", "三、").replace("\n", "\r\n").replace("推动", "组织D员推动")
    (workdir / "g.txt").write_bytes(original.encode("gbk"))
    (fixed,) = check_paths([workdir / "g.txt"], fix=True).fixed
    data = fixed.read_bytes()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    text = data.decode("gbk")
    assert "二、存在问题" in text and "党员" in text


def test_fix_over_a_directory_goes_on_and_never_fixes_its_copies(workdir: Path) -> None:
    from drafter.output.check.run import check_paths

    folder = workdir / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(SMALL_REPORT.replace("二、", "三、"), encoding="utf-8")
    (folder / "a.fixed.txt").write_text("earlier copy", encoding="utf-8")
    result = check_paths([folder], fix=True)
    assert sorted(p.name for p in result.fixed) == ["b.fixed.txt", "c.fixed.txt"]
    assert len(result.failures) == 1 and "a.fixed.txt" in result.failures[0].message
    assert (folder / "a.fixed.txt").read_text(encoding="utf-8") == "earlier copy"
    again = check_paths([folder], fix=True, force=True)
    assert sorted(r.path for r in again.reports) == [str(folder / f"{n}.txt") for n in "abc"]
    assert not list(folder.glob("*.fixed.fixed.*"))


# --- 17. a FIFO as input ---------------------------------------------------------------------


def test_fifo_input_is_refused(workdir: Path) -> None:
    os.mkfifo(workdir / "pipe.txt")
    done = drafter("outline", "pipe.txt", cwd=workdir, timeout=30)
    assert done.returncode == 1 and "命名管道" in done.stderr


# --- also: shared punctuation drawn in the East Asian font ----------------------------------------


@pytest.mark.parametrize("command", ["render", "skeleton", "phrases"])
def test_quotes_dashes_and_ellipses_use_the_east_asian_font(
    workdir: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    from docx.oxml.ns import qn

    args = {
        "render": ["render", "a.yaml", "-o", "x.docx"],
        "skeleton": ["skeleton", "审计", "-o", "x.docx"],
        "phrases": ["phrases", "审计", "-o", "x.docx"],
    }[command]
    assert run(args, capsys)[0] == 0
    document = docx.Document(str(workdir / "x.docx"))
    runs = [r for p in document.paragraphs for r in p.runs if any(ch in r.text for ch in "“”‘’—…")]
    assert runs, "the document has quotes, dashes or ellipses"
    for run_ in runs:
        fonts = run_._r.rPr.find(qn("w:rFonts")) if run_._r.rPr is not None else None
        assert fonts is not None and fonts.get(qn("w:hint")) == "eastAsia", run_.text
