"""The layouts set (tests/corpora/layouts, made by tests/layouts_corpus.py from tests/layouts_documents.py): every
layout in every format gives the outline a reader sees — headings, title, date, org, 文号 and 主送."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from layouts_corpus import FOLDER, GOLD, text_lines, write_docx_files
from layouts_documents import DOCUMENTS

from drafter.models import Outline
from drafter.reading.pipeline import outline_paths

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) reads .doc: .ci/run installs it")
GOLD_DOCUMENTS = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
NAMES = [entry["name"] for entry in GOLD_DOCUMENTS]


@pytest.fixture(scope="module")
def docx_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .docx of every document, made as tests/layouts_corpus.py makes them."""
    folder = tmp_path_factory.mktemp("layouts")
    write_docx_files(folder)
    return folder


def outlines_of(files: list[Path]) -> dict[str, Outline]:
    """The one outline of each file, by the file's stem."""
    result = outline_paths(files)
    assert not result.failures, [f.message for f in result.failures]
    found: dict[str, list[Outline]] = {}
    for outline in result.outlines:
        found.setdefault(Path(outline.source).stem, []).append(outline)
    assert all(len(outlines) == 1 for outlines in found.values()), "each file holds one document"
    return {stem: outlines[0] for stem, outlines in found.items()}


@pytest.fixture(scope="module")
def outlines(docx_folder: Path) -> dict[str, dict[str, Outline]]:
    """Outlines of the .docx, .pdf, .txt and .md files, by format and name (the .doc need LibreOffice)."""
    by_format = {}
    for fmt in ("docx", "pdf", "txt", "md"):
        folder = docx_folder if fmt == "docx" else FOLDER
        by_format[fmt] = outlines_of([folder / f"{name}.{fmt}" for name in NAMES])
    return by_format


def assert_matches_gold(outline: Outline, expected: dict[str, object]) -> None:
    """Headings (depth, number, text) and every field the gold names."""
    headings = [(h.depth, h.number, h.text) for h in outline.headings()]
    assert headings == [(h["depth"], h["number"], h["text"]) for h in expected["headings"]]
    for field in ("title", "date", "org", "doc_number", "addressee"):
        if field in expected:
            assert getattr(outline, field) == expected[field], field


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt", "md"])
@pytest.mark.parametrize("expected", GOLD_DOCUMENTS, ids=NAMES)
def test_every_layout_in_every_format(outlines: dict[str, dict[str, Outline]], fmt: str, expected: dict) -> None:
    assert_matches_gold(outlines[fmt][expected["name"]], expected)


@needs_office
def test_the_doc_files_made_with_libreoffice() -> None:
    found = outlines_of([FOLDER / f"{name}.doc" for name in NAMES])
    for expected in GOLD_DOCUMENTS:
        assert_matches_gold(found[expected["name"]], expected)


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_committed_text_files_are_what_the_documents_make(document) -> None:
    for suffix, markdown in (("txt", False), ("md", True)):
        written = (FOLDER / f"{document.name}.{suffix}").read_text(encoding="utf-8")
        assert written == "\n".join(text_lines(document, markdown)).rstrip() + "\n"


def test_gold_is_what_the_documents_say() -> None:
    from layouts_corpus import gold

    assert json.loads(GOLD.read_text(encoding="utf-8")) == json.loads(json.dumps(gold(list(DOCUMENTS))))


def test_the_docx_carry_the_layouts(docx_folder: Path) -> None:
    """Word's own numbering, soft breaks, WPS <w:cr/> and tab runs are really in the .docx (reopened with python-docx)."""
    import docx

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def count(name: str, tag: str) -> int:
        body = docx.Document(str(docx_folder / f"{name}.docx")).element.body
        return sum(1 for _ in body.iter(w + tag))

    assert count("医院-自动编号列表", "numPr") == 10
    assert count("公司-软回车列表", "br") == 3 and count("公司-软回车列表", "cr") == 2
    assert count("市场监管局-制表符换行", "tab") == 12


def test_format_keeps_every_outline_and_check_finds_no_empty_heading(docx_folder: Path, tmp_path: Path) -> None:
    """`drafter format` lays each .docx out by the same judgement: read back, the outline is the gold one (numbers
    renumbered by depth), and `drafter check` finds no heading without text under it nor a stray number."""
    from drafter.output.check.run import check_document, documents_of
    from drafter.output.formatting.run import format_files
    from drafter.reading.read import read_source

    result = format_files([docx_folder], out_dir=tmp_path)
    assert not result.failures and len(result.formatted) == len(NAMES)
    formatted = {item.source.stem: item.output for item in result.formatted}
    for expected in GOLD_DOCUMENTS:
        path = formatted[expected["name"]]
        assert path is not None
        (outline,) = outline_paths([path]).outlines
        assert [(h.depth, h.text) for h in outline.headings()] == [
            (h["depth"], h["text"]) for h in expected["headings"]
        ], expected["name"]
        assert (outline.title, outline.date) == (expected["title"], expected["date"])
        findings = [f for doc in documents_of(read_source(path)) for f in check_document(doc)]
        assert not [f for f in findings if f.code in ("empty-section", "numbering-stray", "numbering-jump")]
