"""No traceback, clear messages, nothing misread (issue 19, part B: T1, U2, U6, U8–U11): each reproduction of the
probe as a test."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import run
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from pdf_factory import build_pdf, report_page

from drafter.errors import ReadError
from drafter.output.check.run import check_paths
from drafter.output.formatting.run import format_files
from drafter.output.render.docx import render_docx
from drafter.output.render.layout import Block
from drafter.reading.read import read_source

BODY = [
    "县审计局2024年工作总结",
    "一、主要工作",
    "全年完成审计项目54个，查出问题金额1.2亿元。",
    "二、存在问题",
    "审计人员力量不足。",
]
W = nsdecls("w")


def small_docx(path: Path, extra_xml: str = "") -> Path:
    """A short summary in Word, with `extra_xml` (one w:p) before its signature."""
    document = docx.Document()
    for text in BODY:
        document.add_paragraph(text)
    if extra_xml:
        document.element.body.sectPr.addprevious(parse_xml(extra_xml))
    for text in ("县审计局", "2024年12月31日"):
        document.add_paragraph(text)
    document.save(str(path))
    return path


# --- T1: a paragraph over lxml's 10,000,000-byte text node ---------------------------------------------------

HUGE = "审" * 3_400_000  # 10.2 MB of UTF-8: more than lxml parses in one text node


def test_render_writes_a_paragraph_longer_than_one_xml_text_node() -> None:
    data = render_docx([Block("title", "县审计局2024年工作总结"), Block("body", HUGE)])
    reopened = docx.Document(io.BytesIO(data))
    assert max(len(p.text) for p in reopened.paragraphs) == len(HUGE)


def test_format_of_a_folder_with_a_huge_paragraph_formats_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-huge.txt").write_text("县审计局2024年工作总结\n一、主要工作\n" + HUGE, encoding="utf-8")
    (folder / "b-small.txt").write_text("\n".join(BODY), encoding="utf-8")
    result = format_files([folder])
    assert not result.failures and len(result.formatted) == 2
    written = read_source(result.formatted[0].output)  # type: ignore[arg-type]
    assert max(len(p.text) for p in written.paragraphs) == len(HUGE)


# --- U2: one output name too long for the file system ---------------------------------------------------------


def test_an_output_name_too_long_does_not_stop_a_folder_run(tmp_path: Path) -> None:
    folder = tmp_path / "fd"
    folder.mkdir()
    for name in ("a.docx", "z.docx", "0" + "审" * 80 + ".docx"):
        small_docx(folder / name)
    result = format_files([folder])
    assert sorted(item.source.name for item in result.formatted) == ["a.docx", "z.docx"]
    (failure,) = result.failures
    assert "文件名太长" in failure.message and "审审审" in failure.message


def test_the_folder_run_prints_its_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "fd"
    folder.mkdir()
    small_docx(folder / "a.docx")
    small_docx(folder / ("0" + "审" * 80 + ".docx"))
    code, output = run(["format", str(folder)], capsys)
    assert code == 1 and "共排版 1 个文件" in output and "文件名太长" in output


# --- U6: memory running out is not a damaged file -----------------------------------------------------------


def test_memory_running_out_in_a_pdf_is_not_called_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(pdfplumber, "open", exhausted)
    path = tmp_path / "a.pdf"
    path.write_bytes(build_pdf([report_page(1)]))
    with pytest.raises(ReadError) as error:
        read_source(path)
    assert "内存不足" in error.value.message and "损坏" not in error.value.message


def test_memory_running_out_in_a_docx_is_not_called_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    path = small_docx(tmp_path / "a.docx")
    monkeypatch.setattr(docx, "Document", exhausted)
    with pytest.raises(ReadError) as error:
        read_source(path)
    assert "内存不足" in error.value.message and "损坏" not in error.value.message


def test_memory_running_out_anywhere_gets_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from drafter.reading import pipeline

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(pipeline, "outline_document", exhausted)
    (tmp_path / "a.txt").write_text("\n".join(BODY), encoding="utf-8")
    code, output = run(["outline", str(tmp_path / "a.txt")], capsys)
    assert code == 1 and "内存不足" in output and "内部出错" not in output


# --- U8: a .docx that declares an entity ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_docx_declaring_a_dtd_is_refused_and_nothing_is_written(tmp_path: Path, encoding: str) -> None:
    path = small_docx(tmp_path / "xxe.docx")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    declaration = '<!DOCTYPE w:document [<!ENTITY xxe "外部实体">]>'
    xml = xml.replace("?>", "?>" + declaration, 1).replace("全年完成审计项目54个", "全年完成&xxe;审计项目54个")
    parts["word/document.xml"] = xml.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = format_files([path])
    (failure,) = result.failures
    assert "DTD 声明" in failure.message and "word/document.xml" in failure.message and not result.formatted
    assert not (tmp_path / "xxe.公文格式.docx").exists()


# --- U9: a text box Word writes twice (drawing and VML fallback) ----------------------------------------------

TEXT_BOX = (
    f'<w:p {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t>正文前</w:t></w:r><w:r><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的文字，只有一份，不能读成两份。</w:t>'
    "</w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
    "<w:txbxContent><w:p><w:r><w:t>文本框里的文字，只有一份，不能读成两份。</w:t></w:r></w:p></w:txbxContent>"
    "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def test_a_text_box_is_read_once(tmp_path: Path) -> None:
    path = small_docx(tmp_path / "box.docx", TEXT_BOX)
    text = read_source(path).text
    assert text.count("文本框里的文字") == 1
    (report,) = check_paths([path]).reports
    assert not [f for f in report.findings if f.code == "duplicate-sentence"]


# --- U10: right-to-left paragraphs ---------------------------------------------------------------------------


def test_format_keeps_a_right_to_left_paragraph_right_to_left(tmp_path: Path) -> None:
    rtl = f'<w:p {W}><w:pPr><w:bidi/><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t>مرحبا بالعالم. ئۇيغۇرچە تېكىست.</w:t></w:r></w:p>'
    path = small_docx(tmp_path / "rtl.docx", rtl)
    (item,) = format_files([path]).formatted
    written = docx.Document(str(item.output))
    (paragraph,) = [p for p in written.paragraphs if "مرحبا" in p.text]
    assert paragraph._p.pPr.find(qn("w:bidi")) is not None
    assert paragraph.runs[0]._r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None


# --- U11: a closed pipe is not an error of the user's file -----------------------------------------------------


@pytest.mark.parametrize("json", [False, True], ids=["tree", "json"])
def test_outline_into_a_pipe_closed_early_exits_quietly(tmp_path: Path, json: bool) -> None:
    lines = ["县审计局2024年工作总结"] + [f"{n}、第{n}项工作扎实推进" for n in range(1, 3000)]
    (tmp_path / "long.txt").write_text("\n".join(lines), encoding="utf-8")
    command = [sys.executable, "-m", "drafter", "outline", str(tmp_path / "long.txt"), *(["--json"] if json else [])]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # `| head -1`
    errors = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0 and first and errors == ""
