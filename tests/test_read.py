"""Reading files: encodings, .docx structure and numbering, unreadable input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx_factory import build_numbered_report, build_styled_report

from drafter.errors import ReadError
from drafter.reading import read
from drafter.reading.pipeline import outline_paths
from drafter.reading.read import read_source

SNIPPET = "县审计局2023年工作总结\n一、主要工作\n（一）加强领导。全面落实。\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
        lambda t: t.encode("utf-16"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16", "crlf", "gbk-crlf"],
)
def test_text_encodings(tmp_path: Path, encode) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(encode(SNIPPET * 5))
    source = read_source(path)
    assert source.paragraphs[0].text == "县审计局2023年工作总结"
    assert all("\r" not in p.text for p in source.paragraphs)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "是空的"),
        (b"   \n\n", "是空的"),
        (bytes(range(256)) * 20, "无法识别为中文文本"),
        (b"hello world, this is English only text.\n" * 10, "无法识别为中文文本"),
    ],
)
def test_unreadable_text_names_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as error:
        read_source(path)
    assert message in error.value.message and str(path) in error.value.message


def test_docx_automatic_numbering_and_tables(tmp_path: Path) -> None:
    outline = outline_paths([build_numbered_report(tmp_path / "n.docx")]).outlines[0]
    assert outline.title == "县审计局2024年工作总结"
    assert [(h.depth, h.number, h.marker, h.text) for h in outline.headings()] == [
        (1, "一", "一、", "主要工作及成效"),
        (2, "一", "（一）", "聚焦主责主业，充分发挥审计监督职能"),
        (3, "1", "1.", "强化预算执行审计"),
        (3, "2", "2.", "推动重大政策落实"),
        (4, "1", "（1）", "细化整改台账"),
        (2, "二", "（二）", "完成领导交办任务"),
        (1, "二", "二、", "存在的问题"),
        (1, "三", "三、", "下一步工作计划"),
    ]
    problems = outline.sections[1].body
    assert any(p.startswith("审计发现的问题") for p in problems), "prose in a table cell is read"
    assert "项目" not in problems and "12" not in problems, "table labels and figures are not prose"
    assert outline.org == "XX县审计局" and outline.date == "2024-12-20"


def test_docx_heading_styles_without_numbers(tmp_path: Path) -> None:
    outline = outline_paths([build_styled_report(tmp_path / "s.docx")]).outlines[0]
    assert outline.title == "XX镇2024年工作总结"
    assert [(h.depth, h.number, h.text) for h in outline.headings()] == [
        (1, "一", "经济发展"),
        (2, "一", "招商引资"),
        (2, "二", "项目建设"),
        (1, "二", "社会事业"),
    ]


def test_truncated_docx(tmp_path: Path) -> None:
    good = build_styled_report(tmp_path / "s.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ReadError, match="已损坏"):
        read_source(path)


def test_docx_that_unpacks_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * 2_000_000)
    monkeypatch.setattr(read, "MAX_DOCX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(ReadError, match="压缩炸弹"):
        read_source(path)


def test_directory_reads_sorted_and_skips_bad_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("市民政局2023年度行政执法工作总结\n一、主要工作成效\n", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes("县审计局2023年工作总结\n一、主要工作\n".encode("gbk"))
    (tmp_path / "c.docx").write_bytes(b"not a zip")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "notes.rtf").write_bytes(b"{\\rtf1 not read}")
    result = outline_paths([tmp_path])
    assert [o.title for o in result.outlines] == ["县审计局2023年工作总结", "市民政局2023年度行政执法工作总结"]
    assert sorted(Path(f.path or "").name for f in result.failures) == ["c.docx", "notes.pdf"], "read, one reason each"


def test_markdown_headings(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "# 县审计局2024年工作总结\n\n2024年，我局坚持依法审计。\n\n## 一、主要工作\n\n"
        "### （一）**聚焦主业**\n\n完成项目。\n\n## 存在问题\n\n力量不足。\n",
        encoding="utf-8",
    )
    outline = outline_paths([path]).outlines[0]
    assert outline.title == "县审计局2024年工作总结"
    assert [(h.depth, h.number, h.marker, h.text) for h in outline.headings()] == [
        (1, "一", "一、", "主要工作"),
        (2, "一", "（一）", "聚焦主业"),
        (1, "二", "", "存在问题"),
    ]
