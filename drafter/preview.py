"""`drafter preview`: a .docx -> PDF with LibreOffice, and PDF -> PNG pages with pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import UserError

CONVERT_SECONDS = 180


def libreoffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def preview_docx(docx_file: Path, out_dir: Path | None = None) -> list[Path]:
    """Convert to PDF (and PNG pages when pdftoppm exists); return the files written."""
    office = libreoffice()
    if office is None:
        raise UserError(
            "预览需要 LibreOffice，但本机没有安装。请安装后重试（Debian/Ubuntu：sudo apt-get install "
            "libreoffice-writer fonts-noto-cjk），或直接用 Word/WPS 打开文稿查看。"
        )
    target = out_dir or docx_file.parent
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(target),
                str(docx_file),
            ],
            capture_output=True,
            text=True,
            timeout=CONVERT_SECONDS,
            check=False,
        )
    pdf = target / (docx_file.stem + ".pdf")
    if done.returncode != 0 or not pdf.exists():
        raise UserError(
            f"LibreOffice 未能转换 {docx_file}：{done.stderr.strip() or done.stdout.strip()}", path=docx_file
        )
    written = [pdf]
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(target / docx_file.stem)],
            check=True,
            timeout=CONVERT_SECONDS,
        )
        written += sorted(target.glob(f"{docx_file.stem}-*.png"))
    return written
