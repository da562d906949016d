"""Files from strangers, bounded work and no process left behind (issue 19, part A: H1, H2, B1, B6, B7, T2, U3, U7):
preview checks what it is given before LibreOffice sees it, and LibreOffice never outlives drafter."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run
from hostile_kit import (
    FAKE_SOFFICE,
    alive,
    blank_pdf,
    fake_tool,
    needs_office,
    needs_pdftoppm,
    processes_mentioning,
    serving_tarpit,
    word97_linking,
)

ANSWERS = (
    "genre: 审计\norg: XX县审计局\nyear: 2024\nsections:\n  - heading: 主要工作\n    body: [全年完成审计项目54个。]\n"
)


@pytest.fixture
def tarpit() -> Iterator[str]:
    """The address of a server that accepts connections and never answers."""
    with serving_tarpit() as address:
        yield address


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary-files folder of the test's own (TMPDIR), to see what drafter leaves there."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A one-page report rendered by drafter."""
    (tmp_path / "a.yaml").write_text(ANSWERS, encoding="utf-8")
    assert run(["render", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "r.docx")], capsys)[0] == 0
    return tmp_path / "r.docx"


def drafter(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """drafter in a child process of its own session."""
    return subprocess.Popen(
        [sys.executable, "-m", "drafter", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )


# --- H1, B1, B6: preview takes only a regular .docx within the limits ------------------------


def test_h1_preview_of_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "f.docx"
    os.mkfifo(fifo)
    child = drafter("preview", str(fifo))
    try:
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == 1 and "命名管道" in err


@pytest.mark.parametrize("command", ["outline", "format", "check", "preview"])
@pytest.mark.parametrize("name", ["f.docx", "f.doc"])
def test_h1_a_fifo_with_a_word_name_is_refused_by_every_command(tmp_path: Path, command: str, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    child = drafter(command, str(fifo))
    try:
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == 1 and "命名管道" in err


def test_b1_preview_of_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "z.docx").symlink_to("/dev/zero")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))"
    done = subprocess.run(
        [sys.executable, "-c", f"{limit}\nfrom drafter.cli import main\nmain()", "preview", str(tmp_path / "z.docx")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "字符设备" in done.stderr, "refused, not read until memory runs out"


def test_b6_preview_refuses_a_zip_bomb_before_libreoffice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, report: Path
) -> None:
    import drafter.output.preview as preview
    import drafter.reading.read as read

    limit = 8 * 1024 * 1024  # the readers' limit made small, so that the bomb is quick to make
    monkeypatch.setattr(read, "MAX_DOCX_UNPACKED_BYTES", limit)
    bomb = tmp_path / "gb.docx"
    with zipfile.ZipFile(report) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, source.read(item))
        with out.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(limit // len(chunk) + 2):
                member.write(chunk)
    started = []
    monkeypatch.setattr(preview, "run_helper", lambda *args, **kwargs: started.append(args))
    code, output = run(["preview", str(bomb)], capsys)
    assert code == 1 and "拒绝" in output and str(bomb) in output
    assert started == [], "LibreOffice never sees it"


def test_b6_helpers_run_under_a_memory_limit() -> None:
    from drafter.reading.office import OFFICE_MEMORY_BYTES, run_helper

    probe = "import resource; print(resource.getrlimit(resource.RLIMIT_AS)[0])"
    ran = run_helper([sys.executable, "-c", probe], timeout=60)
    assert ran.returncode == 0 and int(ran.output) == OFFICE_MEMORY_BYTES


# --- H2, B7: LibreOffice never outlives drafter, and a link that never answers does not hold it ---


def _hanging_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH with a LibreOffice that starts a helper which never ends; the file its pids are written to."""
    fake_tool(tmp_path / "bin", "soffice", FAKE_SOFFICE)
    pids = tmp_path / "pids"
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("HANG_PIDS", str(pids))
    return pids


def _old_word_file(tmp_path: Path) -> Path:
    """A file that must go through LibreOffice (its first bytes say Word 97-2003)."""
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return doc


def test_b7_on_time_out_the_whole_libreoffice_group_is_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_tmp: Path
) -> None:
    import drafter.reading.convert as convert
    from drafter.reading.read import read_sources

    pids = _hanging_office(tmp_path, monkeypatch)
    monkeypatch.setattr(convert, "SECONDS_TO_START", 1)
    monkeypatch.setattr(convert, "SECONDS_A_FILE", 0)
    (result,) = read_sources([_old_word_file(tmp_path)])
    assert "超时" in str(result)
    started = [int(line) for line in pids.read_text().split()]
    assert started and not any(alive(pid) for pid in started), "nothing LibreOffice started is left running"
    assert list(private_tmp.iterdir()) == [], "no drafter-* folder left"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_b7_a_stopped_drafter_leaves_no_libreoffice_and_no_temporary_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_tmp: Path, stop: signal.Signals
) -> None:
    pids = _hanging_office(tmp_path, monkeypatch)
    child = drafter("outline", str(_old_word_file(tmp_path)))
    deadline = time.monotonic() + 60
    while not (pids.exists() and len(pids.read_text().split()) == 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    started = [int(line) for line in pids.read_text().split()]
    child.send_signal(stop)
    try:
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == 128 + stop and "Traceback" not in err
    assert not any(alive(pid) for pid in started), "nothing LibreOffice started is left running"
    assert list(private_tmp.iterdir()) == [], "no drafter-* folder left"


@needs_office
def test_b7_a_real_libreoffice_is_gone_after_sigterm(tmp_path: Path, private_tmp: Path, report: Path) -> None:
    child = drafter("preview", str(report))
    deadline = time.monotonic() + 60
    while not processes_mentioning(str(private_tmp)) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGTERM)
    try:
        child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert processes_mentioning(str(private_tmp)) == [], "no soffice.bin left with drafter's profile"
    assert list(private_tmp.iterdir()) == []


@needs_office
@pytest.mark.parametrize("offline", [True, False], ids=["no-network", "without-unshare"])
def test_h2_a_link_that_never_answers_does_not_hold_the_conversion(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tarpit: str,
    private_tmp: Path,
    offline: bool,
) -> None:
    doc = word97_linking(tarpit, tmp_path / "made")
    if not offline:
        import drafter.reading.office as office

        monkeypatch.setattr(office, "no_network_prefix", lambda: ())
    started = time.monotonic()
    code, output = run(["outline", str(doc)], capsys)
    assert code == 0 and "县审计局2024年工作总结" in output
    assert time.monotonic() - started < 30, "the probe's 110 s became a few seconds"
    assert processes_mentioning(str(private_tmp)) == [] and list(private_tmp.iterdir()) == []


# --- T2, U3, U7: preview's pages and its output folder ---------------------------------------


def _fake_office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    """PATH with a LibreOffice that makes a PDF of `pages` blank pages (fast, and the page count is chosen)."""
    fake_tool(tmp_path / "bin", "soffice", FAKE_SOFFICE)
    pdf = tmp_path / f"blank{pages}.pdf"
    pdf.write_bytes(blank_pdf(pages))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_PDF", str(pdf))


@needs_pdftoppm
@pytest.mark.parametrize("pdftoppm", ["#!/bin/sh\nexit 99\n", "#!/bin/sh\nsleep 300\n"], ids=["fails", "hangs"])
def test_t2_pdftoppm_failing_keeps_the_pdf_and_says_why(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    report: Path,
    private_tmp: Path,
    pdftoppm: str,
) -> None:
    import drafter.output.preview as preview

    _fake_office(tmp_path, monkeypatch, 2)
    fake_tool(tmp_path / "bin", "pdftoppm", pdftoppm)
    monkeypatch.setattr(preview, "CONVERT_SECONDS", 1)
    code, output = run(["preview", str(report)], capsys)
    assert code == 1 and "pdftoppm" in output and "内部出错" not in output
    assert (tmp_path / "r-预览" / "r.pdf").read_bytes().startswith(b"%PDF"), "the PDF is kept"
    assert list(private_tmp.iterdir()) == []


@needs_pdftoppm
def test_u3_a_name_with_brackets_keeps_its_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, report: Path
) -> None:
    _fake_office(tmp_path, monkeypatch, 2)
    named = tmp_path / "[red]x.docx"
    named.write_bytes(report.read_bytes())
    code, output = run(["preview", str(named)], capsys)
    assert code == 0 and "共 2 页" in output and "没有找到 pdftoppm" not in output
    assert sorted(p.name for p in (tmp_path / "[red]x-预览").glob("*.png")) == ["[red]x-1.png", "[red]x-2.png"]


@needs_pdftoppm
def test_u7_an_earlier_longer_preview_leaves_no_stale_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, report: Path
) -> None:
    folder = tmp_path / "r-预览"
    _fake_office(tmp_path, monkeypatch, 12)
    assert run(["preview", str(report)], capsys)[0] == 0
    assert len(list(folder.glob("r-*.png"))) == 12  # r-01.png … r-12.png
    (folder / "备注.txt").write_text("我的批注", encoding="utf-8")
    _fake_office(tmp_path, monkeypatch, 3)
    assert run(["preview", str(report)], capsys)[0] == 0
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "r-1.png",
        "r-2.png",
        "r-3.png",
        "r.pdf",
        "备注.txt",
    ], "the pages drafter wrote before are gone, the user's file stays"


@needs_pdftoppm
@pytest.mark.parametrize("where", ["default", "-o"])
def test_u7_a_users_file_is_not_replaced_and_nothing_half_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, report: Path, where: str
) -> None:
    _fake_office(tmp_path, monkeypatch, 2)
    folder = tmp_path / ("r-预览" if where == "default" else "mine")
    folder.mkdir()
    (folder / "r-2.png").write_bytes(b"my own picture")
    options = ["-o", str(folder)] if where == "-o" else []
    code, output = run(["preview", str(report), *options], capsys)
    assert code == 1 and "r-2.png" in output and "--force" in output
    assert sorted(p.name for p in folder.iterdir()) == ["r-2.png"], "no PDF and no page written: no half preview"
    assert (folder / "r-2.png").read_bytes() == b"my own picture"
    assert run(["preview", str(report), *options, "--force"], capsys)[0] == 0
    assert (folder / "r-2.png").read_bytes().startswith(b"\x89PNG")
