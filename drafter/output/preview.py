"""`drafter preview`: a .docx -> PDF with LibreOffice, and PDF -> PNG pages with pdftoppm.

The 公文 fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体) are seldom installed on Linux. Left to itself,
LibreOffice then draws every one of them in the same fallback face, and the preview says nothing about
the layout. So each missing font is mapped, in a fontconfig file given to LibreOffice alone, to the
closest installed one: a serif Song for 仿宋 and 小标宋, a sans for 黑体, a Kai for 楷体.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from drafter.errors import UserError
from drafter.files import write_atomic

CONVERT_SECONDS = 180
PNG_DPI = 150
PREVIEW_SUFFIX = "-预览"

FANGSONG = ("FangSong", "STFangsong", "仿宋", "FangSong_GB2312")
SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN", "SimSun", "宋体")
SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
KAI = ("KaiTi", "STKaiti", "楷体", "AR PL UKai CN", "LXGW WenKai")


@dataclass
class Preview:
    """What a preview wrote, and which fonts stood in for missing ones."""

    pdf: Path
    pages: list[Path] = field(default_factory=list)
    substitutes: dict[str, str] = field(default_factory=dict)


def libreoffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def preview_docx(docx_file: Path, out_dir: Path | None = None, *, force: bool = False) -> Preview:
    """Convert to PDF (and PNG pages at 150 dpi when pdftoppm exists) in `out_dir`, by default a folder
    beside the document (X-预览/) whose files are drafter's own to replace."""
    office = libreoffice()
    if office is None:
        raise UserError(
            "预览需要 LibreOffice，但本机没有安装。请安装后重试（Debian/Ubuntu：sudo apt-get install "
            "libreoffice-writer fonts-noto-cjk poppler-utils），或直接用 Word/WPS 打开文稿查看。"
        )
    target = out_dir or docx_file.parent / f"{docx_file.stem}{PREVIEW_SUFFIX}"
    replace_own = out_dir is None or force
    with tempfile.TemporaryDirectory(prefix="drafter-preview-") as work:
        workdir = Path(work)
        substitutes = font_substitutes(fonts_used(docx_file))
        environment = dict(os.environ)
        if substitutes:
            environment["FONTCONFIG_FILE"] = str(write_fontconfig(workdir / "fonts.conf", substitutes))
        pdf = _convert(office, docx_file, workdir, environment)
        pages = _pages(pdf, workdir) if shutil.which("pdftoppm") else []
        written = [_place(path, target, replace_own) for path in [pdf, *pages]]
    return Preview(written[0], written[1:], substitutes)


def _convert(office: str, docx_file: Path, workdir: Path, environment: dict[str, str]) -> Path:
    """The PDF LibreOffice makes of the document, in `workdir`."""
    try:
        done = subprocess.run(
            [
                office,
                f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(workdir),
                str(docx_file),
            ],
            capture_output=True,
            text=True,
            timeout=CONVERT_SECONDS,
            check=False,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        raise UserError(f"LibreOffice 转换 {docx_file} 超过 {CONVERT_SECONDS} 秒，已放弃。", path=docx_file) from None
    pdf = workdir / (docx_file.stem + ".pdf")
    if done.returncode != 0 or not pdf.exists():
        raise UserError(
            f"LibreOffice 未能转换 {docx_file}：{done.stderr.strip() or done.stdout.strip() or '没有输出'}。"
            "请确认文件能用 Word 打开。",
            path=docx_file,
        )
    return pdf


def _pages(pdf: Path, workdir: Path) -> list[Path]:
    """One PNG per page, at a resolution that can be read on screen."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(PNG_DPI), str(pdf), str(workdir / pdf.stem)],
        check=True,
        capture_output=True,
        timeout=CONVERT_SECONDS,
    )
    return sorted(workdir.glob(f"{pdf.stem}-*.png"))


def _place(path: Path, target: Path, replace_own: bool) -> Path:
    """Move a finished file into the output folder; a file already there is replaced only when it is ours."""
    target.mkdir(parents=True, exist_ok=True)
    destination = target / path.name
    if destination.exists() and not replace_own:
        raise UserError(f"{destination} 已经存在，没有覆盖。请加 --force，或用 -o 换一个目录。", path=destination)
    write_atomic(destination, path.read_bytes())
    return destination


_EAST_ASIA_FONT = re.compile(rb'<w:rFonts[^>]*?w:eastAsia="([^"]+)"')
_XML_PARTS = ("word/styles.xml", "word/document.xml")


def fonts_used(docx_file: Path) -> list[str]:
    """The East Asian fonts a .docx names in its styles and runs."""
    try:
        with zipfile.ZipFile(docx_file) as archive:
            data = b"".join(archive.read(part)[:20_000_000] for part in _XML_PARTS if part in archive.namelist())
    except (OSError, zipfile.BadZipFile, KeyError):
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
