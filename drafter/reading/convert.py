"""Word 97-2003 (.doc) and Kingsoft WPS (.wps) files -> .docx, with LibreOffice; .doc -> text with antiword.

One LibreOffice run converts a whole batch (starting it costs seconds; converting is fast), in a
temporary directory with its own profile, so that parallel runs do not share one, and with a time
limit. Without LibreOffice a .doc is read with antiword if that is installed; otherwise the message
says what to install, or to save the file as .docx.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import ReadError

LEGACY_SUFFIXES = (".doc", ".wps")
SECONDS_TO_START, SECONDS_A_FILE = 90, 20
INSTALL_HINT = (
    "请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；"
    "Windows/macOS：从 libreoffice.org 下载），或用 Word/WPS 把它另存为 .docx 后重试。"
)


@dataclass(frozen=True)
class Converted:
    """Where a legacy file's content now is: a .docx, or (antiword) a UTF-8 text file."""

    original: Path
    path: Path


def libreoffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_all(paths: list[Path], workdir: Path) -> dict[Path, Converted | ReadError]:
    """Each legacy file converted into `workdir` (one LibreOffice run for all of them), or why it could not be."""
    if not paths:
        return {}
    office = libreoffice()
    if office is not None:
        return _with_libreoffice(office, paths, workdir)
    antiword = shutil.which("antiword")
    results: dict[Path, Converted | ReadError] = {}
    for path in paths:
        if antiword and path.suffix.lower() == ".doc":
            results[path] = _with_antiword(antiword, path, workdir)
        else:
            kind = "Kingsoft WPS（.wps）" if path.suffix.lower() == ".wps" else "Word 97-2003（.doc）"
            results[path] = ReadError(
                f"无法读取 {path}：它是 {kind} 格式，读取需要 LibreOffice。{INSTALL_HINT}", path=path
            )
    return results


def _with_libreoffice(office: str, paths: list[Path], workdir: Path) -> dict[Path, Converted | ReadError]:
    """Convert a batch to .docx in one run; inputs are linked under unique names so that a.doc and a.wps do not collide."""
    inbox, outbox = workdir / "in", workdir / "out"
    inbox.mkdir(parents=True, exist_ok=True)
    outbox.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = {}
    for number, path in enumerate(paths):
        link = inbox / f"{number:05d}{path.suffix.lower()}"
        try:
            link.symlink_to(path.resolve())
        except OSError:
            shutil.copyfile(path, link)
        staged[path] = link
    failure = ""
    with tempfile.TemporaryDirectory(prefix="drafter-office-") as profile:
        command = [
            office,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outbox),
            *(str(link) for link in staged.values()),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=SECONDS_TO_START + SECONDS_A_FILE * len(paths),
                check=False,
            )
            failure = (done.stderr or done.stdout).strip()[:200]
        except subprocess.TimeoutExpired:
            failure = "LibreOffice 转换超时"
        except OSError as error:
            failure = str(error)
    results: dict[Path, Converted | ReadError] = {}
    for path, link in staged.items():
        converted = outbox / (link.stem + ".docx")
        if converted.exists() and converted.stat().st_size > 0:
            results[path] = Converted(path, converted)
        else:
            results[path] = ReadError(
                f"无法读取 {path}：LibreOffice 没能把它转换成 .docx（{failure or '文件可能已损坏或加了密码'}）。"
                "请用 Word/WPS 打开它并另存为 .docx 后重试。",
                path=path,
            )
    return results


def _with_antiword(antiword: str, path: Path, workdir: Path) -> Converted | ReadError:
    """A .doc's text with antiword (no numbering or styles: the outline comes from the text alone)."""
    try:
        done = subprocess.run([antiword, "-m", "UTF-8.txt", str(path)], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return ReadError(f"无法读取 {path}：antiword 出错（{error}）。{INSTALL_HINT}", path=path)
    if done.returncode != 0 or not done.stdout.strip():
        return ReadError(f"无法读取 {path}：antiword 读不出内容。{INSTALL_HINT}", path=path)
    target = workdir / f"{abs(hash(str(path)))}.txt"
    target.write_bytes(done.stdout)
    return Converted(path, target)
