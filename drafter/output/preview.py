"""`drafter preview`: a .docx -> PDF with LibreOffice, and PDF -> PNG pages with pdftoppm.

The 公文 fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体) are seldom installed on Linux. Left to itself,
LibreOffice then draws every one of them in the same fallback face, and the preview says nothing about
the layout. So each missing font is mapped, in a fontconfig file given to LibreOffice alone, to the
closest installed one: a serif Song for 仿宋 and 小标宋, a sans for 黑体, a Kai for 楷体.
"""

from __future__ import annotations

import glob
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from drafter.errors import UserError
from drafter.files import os_error, read_bytes, write_atomic
from drafter.lazy import lazy_compile
from drafter.reading.office import libreoffice, office_command, run_helper

CONVERT_SECONDS = 180
PNG_DPI = 150
PREVIEW_SUFFIX = "-预览"

FANGSONG = ("FangSong", "STFangsong", "仿宋", "FangSong_GB2312")
SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN", "SimSun", "宋体")
SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
KAI = ("KaiTi", "STKaiti", "楷体", "AR PL UKai CN", "LXGW WenKai")


@dataclass
class Preview:
    """What a preview wrote, which fonts stood in for missing ones, and why there are no pages (when there are none
    although pdftoppm is installed)."""

    pdf: Path
    pages: list[Path] = field(default_factory=list)
    substitutes: dict[str, str] = field(default_factory=dict)
    pages_problem: str | None = None


def preview_docx(docx_file: Path, out_dir: Path | None = None, *, force: bool = False) -> Preview:
    """Convert to PDF (and PNG pages at 150 dpi when pdftoppm exists) in `out_dir`, by default a folder beside the
    document (X-预览/). LibreOffice gets a private copy, within the size limits every reader has and without links
    to anything outside it, under a fixed name; a file there that drafter did not write is replaced only with
    `force`, and the pages of an earlier, longer preview are removed."""
    office = libreoffice()
    if office is None:
        raise UserError(
            "预览需要 LibreOffice，但本机没有安装。请安装后重试（Debian/Ubuntu：sudo apt-get install "
            "libreoffice-writer fonts-noto-cjk poppler-utils），或直接用 Word/WPS 打开文稿查看。"
        )
    document = _private_copy(docx_file)
    target = out_dir or docx_file.parent / f"{docx_file.stem}{PREVIEW_SUFFIX}"
    with tempfile.TemporaryDirectory(prefix="drafter-preview-") as work:
        workdir = Path(work)
        (workdir / _WORK_NAME).write_bytes(document)
        substitutes = font_substitutes(fonts_used(document))
        environment = dict(os.environ)
        if substitutes:
            environment["FONTCONFIG_FILE"] = str(write_fontconfig(workdir / "fonts.conf", substitutes))
        pdf = _convert(office, docx_file, workdir, environment)
        pages, problem = _pages(pdf, workdir) if shutil.which("pdftoppm") else ([], None)
        stem = docx_file.stem
        made = {f"{stem}.pdf": pdf, **{stem + page.name[len(pdf.stem) :]: page for page in pages}}
        written = place_preview(made, target, force=force)
    return Preview(written[0], written[1:], substitutes, problem)


_WORK_NAME = "document.docx"  # the name LibreOffice sees: never an option, never a pattern


def _private_copy(docx_file: Path) -> bytes:
    """The document as LibreOffice may see it: a regular file, a real .docx within the readers' size limits, its
    links to outside files and addresses removed."""
    from drafter.files import require_regular_file
    from drafter.reading.office import file_kind, private_docx
    from drafter.reading.read import bounded_copy

    require_regular_file(docx_file)  # a FIFO would block, a device would never end
    kind = file_kind(docx_file)
    if kind in _KIND_NAMES:
        raise UserError(
            f"{docx_file} 不是 .docx 文件（内容是{_KIND_NAMES[kind]}），预览只处理 .docx。"
            "请先用 `drafter format` 把它排成 .docx，再预览排好的文件。",
            path=docx_file,
        )
    return private_docx(bounded_copy(docx_file))


_KIND_NAMES = {
    "ole2": "Word 97-2003 或 WPS 格式",
    "rtf": "RTF 富文本",
    "html": "网页（HTML）",
    "mhtml": "单个文件网页（MHTML）",
    "wordxml": "Word 2003 XML",
    "pdf": "PDF",
}


def _convert(office: str, docx_file: Path, workdir: Path, environment: dict[str, str]) -> Path:
    """The PDF LibreOffice makes of the private copy in `workdir`."""
    source = workdir / _WORK_NAME
    command = office_command(
        office, workdir / "profile", ["--convert-to", "pdf", "--outdir", str(workdir.resolve()), str(source.resolve())]
    )
    ran = run_helper(command, timeout=CONVERT_SECONDS, env=environment, offline=True)
    if ran.timed_out:
        raise UserError(f"LibreOffice 转换 {docx_file} 超过 {CONVERT_SECONDS} 秒，已放弃。", path=docx_file)
    pdf = source.with_suffix(".pdf")
    if ran.returncode != 0 or not pdf.exists():
        raise UserError(
            f"LibreOffice 未能转换 {docx_file}：{ran.output[-300:] or '没有输出'}。请确认文件能用 Word 打开。",
            path=docx_file,
        )
    return pdf


def _pages(pdf: Path, workdir: Path) -> tuple[list[Path], str | None]:
    """One PNG per page, at a resolution that can be read on screen; or none, and why pdftoppm made none."""
    pages_dir = workdir / "pages"
    pages_dir.mkdir()
    try:
        ran = run_helper(
            ["pdftoppm", "-png", "-r", str(PNG_DPI), str(pdf.resolve()), str((pages_dir / pdf.stem).resolve())],
            timeout=CONVERT_SECONDS,
        )
    except OSError as error:
        return [], f"pdftoppm 无法运行（{error.strerror or error}）"
    if ran.timed_out:
        return [], f"pdftoppm 超过 {CONVERT_SECONDS} 秒仍未完成，已停止"
    pages = sorted(pages_dir.glob(f"{glob.escape(pdf.stem)}-*.png"))
    if ran.returncode != 0 or not pages:
        return [], f"pdftoppm 出错（退出码 {ran.returncode}{'：' + ran.output[-200:] if ran.output else ''}）"
    return pages, None


# --- the output folder ---------------------------------------------------------------

OWN_RECORD = ".drafter-preview.json"  # in the output folder: the files drafter wrote there and their checksums


def place_preview(made: dict[str, Path], target: Path, *, force: bool) -> list[Path]:
    """Put the finished files into the output folder, all or none: a file there that is not drafter's own (unchanged
    since drafter wrote it) is replaced only with `force`; drafter's own files that this preview no longer has
    (the pages of an earlier, longer preview) are removed."""
    own = _own_files(target)
    theirs = [name for name in made if (target / name).exists() and own.get(name) != _checksum(target / name)]
    if theirs and not force:
        shown = "、".join(theirs[:3]) + (f" 等 {len(theirs)} 个文件" if len(theirs) > 3 else "")
        raise UserError(
            f"输出目录 {target} 中已有 {shown}，不是 drafter 上次预览写的，没有覆盖，也没有写入任何文件。"
            "请加 --force 覆盖，或用 -o 换一个目录。",
            path=target,
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise os_error(error, target, "创建目录") from None
    written = []
    for name, path in made.items():
        write_atomic(target / name, path.read_bytes())
        written.append(target / name)
    for name, checksum in own.items():
        stale = target / name
        if name not in made and stale.is_file() and _checksum(stale) == checksum:
            stale.unlink()
    record = {name: _checksum(target / name) for name in made}
    write_atomic(target / OWN_RECORD, json.dumps(record, ensure_ascii=False, indent=0))
    return written


def _own_files(target: Path) -> dict[str, str]:
    """The files the last preview wrote into `target`, by name, with their checksums (none when there is no record
    or it is not one drafter could have written)."""
    try:
        record = json.loads(read_bytes(target / OWN_RECORD)) if (target / OWN_RECORD).is_file() else {}
    except (UserError, ValueError):
        return {}
    if not isinstance(record, dict):
        return {}
    return {
        name: checksum
        for name, checksum in record.items()
        if isinstance(name, str) and isinstance(checksum, str) and name == Path(name).name and name != OWN_RECORD
    }


def _checksum(path: Path) -> str | None:
    """SHA-256 of a regular file's content (None for anything else)."""
    import hashlib

    try:
        if not path.is_file() or path.is_symlink():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


_EAST_ASIA_FONT = lazy_compile(rb'<w:rFonts[^>]*?w:eastAsia="([^"]+)"')
_XML_PARTS = ("word/styles.xml", "word/document.xml")


_FONT_SCAN_BYTES = 20_000_000


def fonts_used(document: bytes) -> list[str]:
    """The East Asian fonts a .docx (its bytes) names in its styles and runs (the first 20 MB of each part)."""
    try:
        with zipfile.ZipFile(io.BytesIO(document)) as archive:
            names = set(archive.namelist())
            data = b""
            for part in _XML_PARTS:
                if part in names:
                    with archive.open(part) as member:
                        data += member.read(_FONT_SCAN_BYTES)
    except (OSError, zipfile.BadZipFile, KeyError, EOFError, ValueError, RuntimeError):
        return []
    names = {match.decode("utf-8", "replace") for match in _EAST_ASIA_FONT.findall(data)}
    return sorted(names)


def installed_families() -> set[str]:
    """Every font family fontconfig knows (each of a font's names: 'Noto Serif CJK SC', '思源宋体' …)."""
    if not shutil.which("fc-list"):
        return set()
    done = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60, check=False)
    return {name.strip() for line in done.stdout.splitlines() for name in line.split(",") if name.strip()}


def font_substitutes(fonts: list[str], installed: set[str] | None = None) -> dict[str, str]:
    """For each font that is not installed, the closest installed one (none when nothing fits)."""
    installed = installed_families() if installed is None else installed
    if not installed:
        return {}
    substitutes = {}
    for font in fonts:
        if font in installed:
            continue
        choice = next((candidate for candidate in candidates_for(font) if candidate in installed), None)
        if choice is not None:
            substitutes[font] = choice
    return substitutes


def candidates_for(font: str) -> tuple[str, ...]:
    """Installed faces that could stand in for a font, closest first, by the kind of face it names."""
    if "黑" in font or "hei" in font.lower():
        return SANS + SERIF
    if "楷" in font or "kai" in font.lower():
        return KAI + SERIF
    if "仿宋" in font or "fangsong" in font.lower():
        return FANGSONG + SERIF
    return SERIF + SANS  # 宋体, 小标宋, 华文中宋 and the unknown: a serif Song


def write_fontconfig(path: Path, substitutes: dict[str, str]) -> Path:
    """A fontconfig file: the system's configuration, plus each missing font mapped to its substitute."""
    rules = "".join(
        f'<match target="pattern"><test qual="any" name="family"><string>{escape(font)}</string></test>'
        f'<edit name="family" mode="prepend" binding="strong"><string>{escape(substitute)}</string></edit></match>\n'
        for font, substitute in sorted(substitutes.items())
    )
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{rules}</fontconfig>\n",
        encoding="utf-8",
    )
    return path
