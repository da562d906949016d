"""Files from strangers, nothing escapes (issue 19, part A: E1, E2, E3): opening a file never fetches what it links
to, never draws a local file into a preview, and never lets a file name act as an option."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from conftest import run
from docx.shared import Mm
from hostile_kit import Beacon, needs_office, needs_pdftoppm, page_linking, serving_beacon, word97_linking


@pytest.fixture(scope="module")
def served() -> Iterator[Beacon]:
    """A local web server that counts every request made to it."""
    with serving_beacon() as server:
        yield server


@pytest.fixture
def beacon(served: Beacon) -> Beacon:
    """The web server, no request counted yet."""
    served.requests.clear()
    return served


@pytest.fixture(scope="module")
def linked_doc(served: Beacon, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Word 97-2003 file whose picture links to the web server."""
    return word97_linking(served.url, tmp_path_factory.mktemp("made"))


# --- what a file really is ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"PK\x03\x04\x14\x00", "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "ole2"),
        (b"{\\rtf1\\ansi\\ansicpg936", "rtf"),
        (b"%PDF-1.7\n", "pdf"),
        (b"<html><body><p>x</p>", "html"),
        (b"\xef\xbb\xbf\r\n<!DOCTYPE html>\n<html>", "html"),
        (b'<!-- saved --><HTML xmlns:w="urn:schemas-microsoft-com:office:word">', "html"),
        ("<html><body>总结</body></html>".encode("utf-16"), "html"),
        (b'<meta http-equiv=Content-Type content="text/html; charset=gb2312"><p>', "html"),
        (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n', "mhtml"),
        (b'<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument>', "wordxml"),
        ("县审计局2024年工作总结\n一、主要工作".encode(), "other"),
        (b"", "other"),
    ],
)
def test_the_real_type_is_read_from_the_first_bytes(head: bytes, kind: str) -> None:
    from drafter.reading.office import content_kind

    assert content_kind(head) == kind


# --- E1: a "Word" file that is a web page is read as text, nothing fetched -----------------------


def _mhtml(url: str) -> bytes:
    """A web page saved as one file (MHTML), as Word and browsers write it, its text in GB2312."""
    page = page_linking(url).replace('charset="utf-8"', 'charset="gb2312"').encode("gb2312")
    import base64

    return (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n'
        b"------=_NextPart\r\nContent-Location: file:///C:/x.htm\r\nContent-Transfer-Encoding: base64\r\n"
        b'Content-Type: text/html; charset="gb2312"\r\n\r\n' + base64.encodebytes(page) + b"\r\n------=_NextPart--\r\n"
    )


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".docx"])
@pytest.mark.parametrize("kind", ["html", "mhtml"])
def test_e1_a_web_page_under_a_word_name_is_read_and_nothing_is_fetched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], beacon: Beacon, kind: str, suffix: str
) -> None:
    source = tmp_path / f"h{suffix}"
    source.write_bytes(_mhtml(beacon.url) if kind == "mhtml" else page_linking(beacon.url).encode())
    code, output = run(["outline", str(source), "--json"], capsys)
    assert code == 0, output
    (document,) = json.loads(output)["documents"]
    assert document["title"] == "县审计局2024年工作总结"
    assert [h["text"] for h in document["headings"]] == ["主要工作"]
    assert run(["format", str(source)], capsys)[0] == 0
    assert docx.Document(str(tmp_path / "h.公文格式.docx")).paragraphs[0].text == "县审计局2024年工作总结"
    run(["check", str(source)], capsys)
    assert run(["mine", str(source), "-o", str(tmp_path / "t"), "--include-all"], capsys)[0] == 0
    assert beacon.requests == []


@needs_office
@pytest.mark.parametrize("offline", [True, False], ids=["no-network", "without-unshare"])
def test_e1_a_word97_file_with_a_linked_picture_fetches_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    beacon: Beacon,
    linked_doc: Path,
    monkeypatch: pytest.MonkeyPatch,
    offline: bool,
) -> None:
    doc = tmp_path / "linked.doc"
    doc.write_bytes(linked_doc.read_bytes())
    if not offline:  # where the system has no unshare: the locked-down profile alone must hold
        import drafter.reading.office as office

        monkeypatch.setattr(office, "no_network_prefix", lambda: ())
    code, output = run(["outline", str(doc), "--json"], capsys)
    assert code == 0 and json.loads(output)["documents"][0]["title"] == "县审计局2024年工作总结"
    assert run(["format", str(doc)], capsys)[0] == 0
    assert beacon.requests == []


@needs_office
def test_e1_rtf_and_word_files_under_other_word_names_are_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], beacon: Beacon, linked_doc: Path
) -> None:
    renamed = tmp_path / "old.docx"  # a Word 97 file someone renamed to .docx
    renamed.write_bytes(linked_doc.read_bytes())
    rtf = tmp_path / "r.doc"  # WPS and web systems save RTF under .doc
    rtf.write_text(
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0 "
        + "".join(f"\\u{ord(c)}?" if ord(c) > 127 else c for c in "县统计局2024年工作总结")
        + "\\par "
        + "".join(f"\\u{ord(c)}?" for c in "一、主要工作")
        + "\\par}",
        encoding="ascii",
    )
    code, output = run(["outline", str(renamed), str(rtf), "--json"], capsys)
    assert code == 0, output
    titles = [d["title"] for d in json.loads(output)["documents"]]
    assert titles == ["县审计局2024年工作总结", "县统计局2024年工作总结"]
    assert beacon.requests == []


def test_e1_a_word_name_on_something_else_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "x.doc"
    source.write_bytes(bytes(range(256)) * 8)
    code, output = run(["outline", str(source)], capsys)
    assert code == 1 and "内容不是 Word 文件" in output and str(source) in output


def test_e1_a_text_file_named_doc_is_read_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "x.doc"
    source.write_bytes("县审计局2024年工作总结\n一、主要工作\n全年完成审计项目54个。\n".encode("gb18030"))
    code, output = run(["outline", str(source), "--json"], capsys)
    assert code == 0 and json.loads(output)["documents"][0]["title"] == "县审计局2024年工作总结"


# --- E2: preview sees a private copy without links -------------------------------------------

_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _linked_docx(path: Path, targets: dict[str, str]) -> Path:
    """A .docx whose picture is linked (r:link) to targets["picture"], with other external relationships."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (255, 255, 255)).save(buffer, "PNG")
    buffer.seek(0)
    document = docx.Document()
    document.add_paragraph("县审计局2024年工作总结")
    document.add_paragraph().add_run().add_picture(buffer, width=Mm(60))
    document.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = re.sub(rb'r:embed="rId\d+"', b'r:link="rIdX"', parts["word/document.xml"])
    extra = f'<Relationship Id="rIdX" Type="{_IMAGE}" Target="{targets["picture"]}" TargetMode="External"/>'
    extra += (
        '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'attachedTemplate" Target="{targets["template"]}" TargetMode="External"/>'
    )
    rels = parts["word/_rels/document.xml.rels"].replace(b"</Relationships>", extra.encode() + b"</Relationships>")
    parts["word/_rels/document.xml.rels"] = rels
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _green(png: Path) -> int:
    """How many pixels of a page are the secret picture's green."""
    from PIL import Image

    with Image.open(png) as image:
        data = image.convert("RGB").tobytes()
    return sum(1 for i in range(0, len(data), 3) if data[i + 1] > 200 and data[i] < 60 and data[i + 2] < 60)


@needs_office
@needs_pdftoppm
def test_e2_preview_draws_no_local_file_and_fetches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], beacon: Beacon
) -> None:
    from PIL import Image

    secret = tmp_path / "secret.png"
    Image.new("RGB", (300, 100), (0, 255, 0)).save(secret)
    for name, picture in (("local", secret.as_uri()), ("remote", f"{beacon.url}/picture.png")):
        document = _linked_docx(tmp_path / f"{name}.docx", {"picture": picture, "template": f"{beacon.url}/t.dotm"})
        code, output = run(["preview", str(document)], capsys)
        assert code == 0, output
        (page,) = sorted((tmp_path / f"{name}-预览").glob("*.png"))
        assert _green(page) == 0, "the linked file is not drawn"
    assert beacon.requests == []


@pytest.mark.parametrize(
    "relationship",
    [
        f'<Relationship Id="rId9" Type="{_IMAGE}" Target="file:///etc/passwd" TargetMode="External"/>',
        f'<Relationship Id="rId9" Type="{_IMAGE}" TargetMode="External" Target="http://x/a.png>"/>',
        f'<Relationship Id="rId9" Type="{_IMAGE}" Target="http://10.0.0.1/a.png"/>',
        f'<Relationship Id="rId9" Type="{_IMAGE}" Target="\\\\server\\share\\a.png"/>',
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" '
        'Target="file:///C:/x.xlsx" TargetMode="External"/>',
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="https://example.gov.cn/" TargetMode="External"/>',
    ],
)
def test_e2_the_private_copy_keeps_no_outside_relationship(relationship: str) -> None:
    from drafter.reading.office import private_docx, without_external

    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_IMAGE}" Target="media/image1.png"/>{relationship}</Relationships>'
    ).encode()
    cleaned = without_external(rels)
    assert cleaned is not None and b"rId9" not in cleaned and b'Target="media/image1.png"' in cleaned
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/_rels/document.xml.rels", rels)
        archive.writestr("word/media/image1.png", b"png")
    with zipfile.ZipFile(io.BytesIO(private_docx(buffer.getvalue()))) as copy:
        assert b"rId9" not in copy.read("word/_rels/document.xml.rels")
        assert copy.read("word/media/image1.png") == b"png"


# --- E3: a file name is never an option ----------------------------------------------------


@needs_office
@pytest.mark.parametrize("name", ["-x.docx", "-env:UserInstallation=file:%2F%2F%2Ftmp%2Fr3-x%2Fevil.docx"])
def test_e3_a_name_that_looks_like_an_option_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(
        "genre: 审计\norg: XX县审计局\nyear: 2024\nsections:\n  - heading: 主要工作\n    body: [完成任务。]\n",
        encoding="utf-8",
    )
    assert run(["render", "a.yaml", "-o", f"./{name}"], capsys)[0] == 0
    code, output = run(["preview", "--", name], capsys)
    assert code == 0, output
    stem = name.removesuffix(".docx")
    assert (tmp_path / f"{stem}-预览" / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert not Path("/tmp/r3-x").exists()
