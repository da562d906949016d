"""Word 97-2003 (.doc) and Kingsoft WPS (.wps) files -> .docx, with LibreOffice; .doc -> text with antiword.

One LibreOffice run converts a whole batch (starting it costs seconds; converting is fast), in a
temporary directory with its own locked-down profile, so that parallel runs do not share one, offline
where the system allows, and with a time limit (reading/office.py). Without LibreOffice a .doc is read with antiword if that is installed; otherwise the message
says what to install, or to save the file as .docx.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import ReadError
from drafter.reading.office import file_kind, libreoffice, office_command, run_helper

LEGACY_SUFFIXES = (".doc", ".wps")
SECONDS_TO_START, SECONDS_A_FILE = 90, 20
INSTALL_HINT = (
    "请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；"
    "Windows/macOS：从 libreoffice.org 下载），或用 Word/WPS 把它另存为 .docx 后重试。"
)


_KIND_NAMES = {"ole2": "Word 97-2003（.doc）", "rtf": "RTF（富文本）", "wordxml": "Word 2003 XML"}


@dataclass(frozen=True)
class Converted:
    """Where a legacy file's content now is: a .docx, or (antiword) a UTF-8 text file."""

    original: Path
    path: Path


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
        real = file_kind(path)
        if antiword and real == "ole2" and path.suffix.lower() != ".wps":
            results[path] = _with_antiword(antiword, path, workdir)
        else:
            kind = _KIND_NAMES.get(real, "Word 97-2003（.doc）")
            if real == "ole2" and path.suffix.lower() == ".wps":
                kind = "Kingsoft WPS（.wps）"
            results[path] = ReadError(
                f"无法读取 {path}：它是 {kind} 格式，读取需要 LibreOffice。{INSTALL_HINT}", path=path
            )
    return results


def _with_libreoffice(office: str, paths: list[Path], workdir: Path) -> dict[Path, Converted | ReadError]:
    """Convert a batch to .docx in one run, offline and in its own process group (reading/office.py); inputs are
    linked under numbered names, so that a.doc and a.wps do not collide and no name is read as an option."""
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
    command = office_command(
        office,
        workdir / "profile",
        [
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outbox.resolve()),
            *(str(link.absolute()) for link in staged.values()),
        ],
    )
    try:
        ran = run_helper(command, timeout=SECONDS_TO_START + SECONDS_A_FILE * len(paths), offline=True)
        failure = "LibreOffice 转换超时" if ran.timed_out else ran.output[:200]
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
    target = workdir / f"{abs(hash(str(path)))}.txt"
    try:
        with target.open("wb") as stream:
            ran = run_helper([antiword, "-m", "UTF-8.txt", str(path.resolve())], timeout=60, stdout=stream)
    except OSError as error:
        return ReadError(f"无法读取 {path}：antiword 出错（{error}）。{INSTALL_HINT}", path=path)
    if ran.returncode != 0 or not target.read_bytes().strip():
        return ReadError(f"无法读取 {path}：antiword 读不出内容。{INSTALL_HINT}", path=path)
    return Converted(path, target)
