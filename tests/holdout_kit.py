"""A small Word writer for the held-out outline set: paragraphs as an office worker types them in Word or WPS
(公文 fonts, first-line indents, Word's own numbering, soft breaks, tab runs, tables, a typed 目录)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.run import Run

BODY_FONT = "仿宋_GB2312"


def _set_font(run: Run, name: str, size: float | None = None, bold: bool = False) -> None:
    """Set a run's Latin and East Asian font, size and weight."""
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None


class Writer:
    """One .docx being typed: each method adds what a person adds in Word."""

    def __init__(self) -> None:
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.document.styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = Pt(16)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        self._next_id = 100

    def title(self, *lines: str, font: str = "方正小标宋简体", size: float = 22) -> None:
        """A centred title, one paragraph a line."""
        for line in lines:
            paragraph = self.document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(paragraph.add_run(line), font, size)

    def p(
        self,
        text: str,
        *,
        indent: bool = True,
        bold: bool = False,
        font: str = BODY_FONT,
        size: float | None = None,
        align: str | None = None,
    ) -> None:
        """A paragraph of one run."""
        paragraph = self.document.add_paragraph()
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        if align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _set_font(paragraph.add_run(text), font, size, bold)

    def runs(self, *parts: tuple[str, bool, str]) -> None:
        """A paragraph of several runs: (text, bold, font)."""
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        for text, bold, font in parts:
            _set_font(paragraph.add_run(text), font, None, bold)

    def soft(self, *lines: str, kind: str = "br", first_font: str = BODY_FONT) -> None:
        """One paragraph whose lines are separated by soft breaks (Word's Shift+Enter <w:br/>, WPS's <w:cr/>)."""
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            _set_font(run, first_font if index == 0 else BODY_FONT)
            if index < len(lines) - 1:
                if kind == "br":
                    run.add_break(WD_BREAK.LINE)
                else:
                    run._element.append(parse_xml(f"<w:cr {nsdecls('w')}/>"))

    def numbering(self, levels: list[tuple[str, str]], start: int = 1) -> str:
        """A Word list definition (abstractNum and num in numbering.xml); its numId."""
        numbering = self.document.part.numbering_part.element
        abstract_id, num_id = str(self._next_id), str(self._next_id + 1)
        self._next_id += 2
        lvl_xml = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvl_xml}</w:abstractNum>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        )
        return num_id

    def num(self, text: str, num_id: str, level: int = 0, *, font: str = BODY_FONT, bold: bool = False) -> None:
        """A paragraph numbered by Word (the number is not in its text)."""
        paragraph = self.document.add_paragraph()
        _set_font(paragraph.add_run(text), font, None, bold)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    def styled(self, text: str, style: str) -> None:
        """A paragraph in one of Word's built-in styles (标题 1, 标题 2 …)."""
        paragraph = self.document.add_paragraph(text, style=style)
        for run in paragraph.runs:
            run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")

    def toc(self, *entries: tuple[str, int]) -> None:
        """A typed table of contents: text, a dotted tab and the page number."""
        self.p("目　录", indent=False, font="黑体", align="center")
        for text, page in entries:
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            _set_font(paragraph.add_run(f"{text}\t{page}"), BODY_FONT)
        self.page_break()

    def table(self, rows: list[list[str]]) -> None:
        """A table with a header row."""
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                cell.text = ""
                _set_font(cell.paragraphs[0].add_run(text), BODY_FONT, 12, r == 0)

    def page_break(self) -> None:
        """A manual page break."""
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def signature(self, *lines: str) -> None:
        """The signature and date, right-aligned."""
        for line in lines:
            self.p(line, indent=False, align="right")

    def save(self, path: Path) -> Path:
        """Write the .docx."""
        self.document.save(str(path))
        return path


def soffice_convert(docx: Path, target: str, out_dir: Path) -> Path:
    """Convert a .docx with LibreOffice (a profile of its own, so a running LibreOffice does not interfere)."""
    with tempfile.TemporaryDirectory(prefix="holdout-lo-") as profile, tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                work,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        produced = Path(work) / f"{docx.stem}.{target}"
        destination = out_dir / produced.name
        shutil.copyfile(produced, destination)
        return destination
