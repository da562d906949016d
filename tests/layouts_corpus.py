"""The layouts set: documents written for these tests (tests/layouts_documents.py), each in a layout people
really type, in every format drafter reads — .docx (python-docx: Word numbering, soft breaks, WPS <w:cr/>, tabs,
bold and larger lines, 公文 fonts), .doc and .pdf made from that .docx with LibreOffice, .txt and .md — and
their gold outline (tests/data/layouts.gold.json).

    python tests/layouts_corpus.py      # rewrites tests/corpora/layouts/ and the gold

The .txt, .md, .doc and .pdf files are committed (the .doc and .pdf need LibreOffice to make); the .docx are
made again by `write_docx_files` wherever they are needed, in a moment and the same every time. For the PDF
the 公文 faces (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体) are mapped to installed ones as
`drafter preview` maps them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "corpora" / "layouts"
GOLD = HERE / "data" / "layouts.gold.json"
FORMATS = ("docx", "doc", "pdf", "txt", "md")

BODY_FONT, HEI, KAI, TITLE_FONT = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"


# --- the blocks a document is made of ----------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One paragraph (or one Word paragraph holding several lines) of a document.

    kind: title, body, heading (typed marker; `face` its font, `md` its Markdown level or 0 for a plain line),
    look (a heading with no marker set apart by its font: bold, larger; Markdown ##), list (Word automatic
    numbering in .docx, typed in text: `fmt` the label), breaks (lines of one .docx paragraph split by soft
    breaks, `brk` br or cr), tabs (pieces of one .docx paragraph separated by runs of tabs), toc (contents
    lines with dot leaders and page numbers), right (signature or date, right-aligned)."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    face: str = BODY_FONT
    md: int = 0
    fmt: str = ""
    brk: str = "br"


def title(text: str) -> Block:
    return Block("title", text)


def body(text: str) -> Block:
    return Block("body", text)


def h1(text: str, md: int = 2) -> Block:
    return Block("heading", text, face=HEI, md=md)


def h2(text: str, md: int = 3) -> Block:
    return Block("heading", text, face=KAI, md=md)


def h3(text: str) -> Block:
    return Block("heading", text, face=BODY_FONT, md=0)


def look(text: str, md: int = 2) -> Block:
    return Block("look", text, face=HEI, md=md)


def letterhead(text: str) -> Block:
    return Block("letterhead", text, face=TITLE_FONT)


def numbered(fmt: str, *items: str) -> Block:
    return Block("list", items=items, fmt=fmt)


def breaks(brk: str, *lines: str) -> Block:
    return Block("breaks", items=lines, brk=brk)


def tabs(*pieces: str) -> Block:
    return Block("tabs", items=pieces)


def toc(*entries: str) -> Block:
    return Block("toc", items=entries)


def right(text: str) -> Block:
    return Block("right", text)


# Word number formats for a list: (numFmt, lvlText) and how the label reads in text.
LIST_FORMATS = {
    "1.": ("decimal", "%1."),
    "1、": ("decimal", "%1、"),
    "（1）": ("decimal", "（%1）"),
    "一、": ("chineseCounting", "%1、"),
    "（一）": ("chineseCounting", "（%1）"),
}


def label(fmt: str, number: int) -> str:
    """The label Word draws for item `number` of a list in format `fmt` (1. -> 3., （一） -> （三））."""
    from drafter.reading.numerals import int_to_cn

    return fmt.replace("一", int_to_cn(number)) if "一" in fmt else fmt.replace("1", str(number))


@dataclass(frozen=True)
class Document:
    """A document of the set: its name (the pattern it shows), its blocks and its gold outline."""

    name: str
    pattern: str
    blocks: tuple[Block, ...]
    headings: tuple[tuple[int, str, str], ...]
    title: str | None
    date: str | None
    org: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # doc_number, addressee


# --- writers ------------------------------------------------------------------------------------------------


def text_lines(document: Document, markdown: bool) -> list[str]:
    """The document as lines of a .txt or .md file (a blank line between paragraphs in Markdown)."""
    lines: list[str] = []
    previous = ""
    for block in document.blocks:
        if block.kind == "title" and markdown and previous == "title":
            lines[-1] += block.text  # a Markdown title is one line, whatever Word broke it into
        elif block.kind == "title":
            lines.append(f"# {block.text}" if markdown else block.text)
        elif block.kind in ("heading", "look"):
            hashes = "#" * block.md if markdown and block.md else ""
            lines.append(f"{hashes} {block.text}".strip())
        elif block.kind == "list":
            lines += [f"{label(block.fmt, n)}{item}" for n, item in enumerate(block.items, start=1)]
        elif block.kind == "breaks":
            lines += list(block.items)
        elif block.kind == "tabs":
            lines += list(block.items) if markdown else ["\t\t\t".join(block.items)]
        elif block.kind == "toc":
            lines += [entry.replace("|", "……………………") for entry in block.items]
        else:
            lines.append(block.text)
        previous = block.kind
    return [line for item in lines for line in ((item, "") if markdown else (item,))]


def write_text(document: Document, path: Path, markdown: bool) -> None:
    """The .txt or .md version."""
    path.write_text("\n".join(text_lines(document, markdown)).rstrip() + "\n", encoding="utf-8")


def write_docx(document: Document, path: Path) -> None:
    """The .docx version: A4, GB/T 9704 margins, 公文 fonts, Word numbering for lists."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt, RGBColor

    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    word.core_properties.title = ""
    word.core_properties.author = "drafter tests"

    def paragraph(indent: bool = True, align: Any = None) -> Any:
        made = word.add_paragraph()
        made.paragraph_format.first_line_indent = Pt(32) if indent else None
        made.paragraph_format.space_after = Pt(0)
        made.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
        return made

    def run(made: Any, text: str, face: str = BODY_FONT, size: float = 16, bold: bool = False) -> Any:
        added = made.add_run(text)
        added.font.size = Pt(size)
        added.font.bold = bold or None
        added.font.name = "Times New Roman"
        added._element.get_or_add_rPr().get_or_add_rFonts().set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", face
        )
        return added

    for block in document.blocks:
        if block.kind == "title":
            run(paragraph(False, WD_ALIGN_PARAGRAPH.CENTER), block.text, TITLE_FONT, 22)
        elif block.kind == "heading":
            run(paragraph(), block.text, block.face)
        elif block.kind == "look":
            run(paragraph(False), block.text, HEI, 18, bold=True)
        elif block.kind == "letterhead":
            made = paragraph(False, WD_ALIGN_PARAGRAPH.CENTER)
            red = run(made, block.text, TITLE_FONT, 26)
            red.font.color.rgb = RGBColor(0xE6, 0x00, 0x12)
        elif block.kind == "list":
            num_id = add_list(word, block.fmt)
            for item in block.items:
                made = paragraph(False)
                number_paragraph(made, num_id)
                run(made, item)
        elif block.kind == "breaks":
            made = paragraph()
            for index, line in enumerate(block.items):
                added = run(made, line)
                if index < len(block.items) - 1:
                    if block.brk == "cr":
                        added._element.append(OxmlElement("w:cr"))
                    else:
                        added.add_break()
        elif block.kind == "tabs":
            made = paragraph()
            for index, piece in enumerate(block.items):
                added = run(made, piece)
                if index < len(block.items) - 1:
                    for _ in range(4):
                        added.add_tab()
        elif block.kind == "toc":
            for entry in block.items:
                run(paragraph(False), entry.replace("|", "……………………"))
        elif block.kind == "right":
            made = paragraph(False, WD_ALIGN_PARAGRAPH.RIGHT)
            made.paragraph_format.right_indent = Pt(64)
            run(made, block.text)
        else:
            run(paragraph(), block.text)
    word.save(str(path))


def add_list(word: Any, fmt: str) -> str:
    """An abstractNum/num pair of its own for one list (so its numbering starts at 1); its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = word.part.numbering_part.element
    number = str(100 + len(numbering.findall(qn("w:num"))))  # an id of its own in this document
    num_fmt, text = LIST_FORMATS[fmt]
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{num_fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
    )
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{number}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return number


def number_paragraph(made: Any, num_id: str) -> None:
    """Number a paragraph with Word's automatic numbering."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    made._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def convert(docx_files: list[Path], target: str, out_dir: Path) -> None:
    """Convert .docx files with LibreOffice (its own profile; the 公文 fonts mapped as `drafter preview` maps them)."""
    from drafter.output.preview import font_substitutes, fonts_used, libreoffice, write_fontconfig

    office = libreoffice()
    if office is None:
        sys.exit("LibreOffice (soffice) is needed to make the .doc and .pdf files")
    with tempfile.TemporaryDirectory(prefix="layouts-") as work:
        environment = dict(os.environ)
        fonts = sorted({font for path in docx_files for font in fonts_used(path)})
        environment["FONTCONFIG_FILE"] = str(write_fontconfig(Path(work) / "fonts.conf", font_substitutes(fonts)))
        profile = (Path(work) / "profile").as_uri()
        subprocess.run(
            [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir", work]
            + [str(p) for p in docx_files],
            check=True,
            capture_output=True,
            timeout=600,
            env=environment,
        )
        suffix = target.split(":")[0]
        for path in docx_files:
            shutil.move(str(Path(work) / f"{path.stem}.{suffix}"), out_dir / f"{path.stem}.{suffix}")


def gold(documents: list[Document]) -> dict[str, object]:
    """The gold outline of every file (the same outline for each format of a document), in the form
    ../shared/tools/score_outline.py reads."""
    entries = []
    for document in documents:
        entry: dict[str, object] = {
            "name": document.name,
            "pattern": document.pattern,
            "title": document.title,
            "date": document.date,
            "headings": [{"depth": d, "number": n, "text": t} for d, n, t in document.headings],
        }
        if document.org:
            entry["org"] = document.org
        entry.update(document.extra)
        entries.append(entry)
    return {"formats": list(FORMATS), "documents": entries}


def write_docx_files(folder: Path) -> list[Path]:
    """Every document as a .docx in `folder`."""
    from layouts_documents import DOCUMENTS

    paths = []
    for document in DOCUMENTS:
        path = folder / f"{document.name}.docx"
        write_docx(document, path)
        paths.append(path)
    return paths


def main() -> None:
    """Write every document in every format, and the gold."""
    from layouts_documents import DOCUMENTS

    FOLDER.mkdir(parents=True, exist_ok=True)
    for document in DOCUMENTS:
        write_text(document, FOLDER / f"{document.name}.txt", markdown=False)
        write_text(document, FOLDER / f"{document.name}.md", markdown=True)
    with tempfile.TemporaryDirectory(prefix="layouts-docx-") as work:
        docx_files = write_docx_files(Path(work))
        convert(docx_files, "doc:MS Word 97", FOLDER)
        convert(docx_files, "pdf", FOLDER)
    GOLD.write_text(json.dumps(gold(list(DOCUMENTS)), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.path[:0] = [str(HERE), str(HERE.parent)]
    main()
