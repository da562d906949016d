"""Files -> paragraphs: encoding detection for text, paragraphs and Word's structure for .docx."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from drafter.errors import ReadError, UserError
from drafter.files import read_bytes, require_regular_file
from drafter.lazy import lazy_compile
from drafter.reading.limits import MAX_PARAGRAPHS, MAX_TEXT_BYTES, MAX_XML_PART_BYTES, megabytes, wan
from drafter.reading.patterns import MARKER as MARKER_START
from drafter.reading.patterns import strip_controls

# How a .docx records a draft's length target among its core properties' keywords (篇幅：约 3000 字).
TARGET_KEYWORD = "篇幅："
TEXT_SUFFIXES = (".txt", ".md")
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
LEGACY_SUFFIXES = (".doc", ".wps")  # converted with LibreOffice (reading/convert.py)
WORD_SUFFIXES = DOCX_SUFFIXES + LEGACY_SUFFIXES  # read by what they really hold (reading/office.py content_kind)
# What LibreOffice converts: Word 97-2003 and WPS (OLE2), RTF, Word 2003 XML, whichever Word name they carry.
OFFICE_KINDS = ("ole2", "rtf", "wordxml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES + LEGACY_SUFFIXES
FORMATS_READ = ".txt、.md、.docx、.doc、.wps 和 .pdf"
# A .docx whose parts unpack to more than this is refused (zip bombs); its XML parts have a lower limit each.
MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024
_READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (a line of a text file, a paragraph of a .docx)."""

    text: str
    line: int  # 1-based line number, or paragraph index in a .docx
    level: int | None = None  # heading level Word carries (Heading N, outline level), 1-based
    is_title: bool = False  # styled as the document title in Word
    bold: bool = False  # a .docx paragraph set in bold throughout


@dataclass(frozen=True)
class SourceText:
    """The paragraphs of one file."""

    path: str
    paragraphs: list[Paragraph]
    title: str | None = None  # the title a .docx records in its core properties, when it is a real one
    genre: str | None = None  # the genre drafter recorded when it wrote the file (category / front matter)
    kind: str | None = None  # 空白提纲 or 工作总结, likewise
    target: str | None = None  # the length target drafter recorded (限 2 页), likewise

    @property
    def text(self) -> str:
        """All paragraphs joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)


# In a folder: Word's lock files (~$x.docx), hidden files, and copies drafter wrote itself.
_NOT_SOURCES = lazy_compile(r"^(?:~\$|\.)|\.(?:fixed|公文格式)\.[^.]+$")


def iter_source_files(path: Path) -> list[Path]:
    """The supported files under a directory (sorted), or the file itself."""
    if path.is_dir():
        return sorted(map(Path, _source_files_under(str(path))), key=lambda p: p.parts)  # Path's own order
    return [path]


def _source_files_under(directory: str) -> Iterator[str]:
    """The supported files in a directory and its subdirectories (symbolic links to directories not followed, as
    rglob does not): os.scandir tells files from directories without a stat call for each, as rglob made."""
    pending = [directory]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    elif (
                        os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES
                        and not _NOT_SOURCES.search(entry.name)
                        and entry.is_file()
                    ):
                        yield entry.path
        except PermissionError:  # a folder that may not be listed is passed over, as rglob does
            continue


def read_source(path: Path) -> SourceText:
    """Read a .txt, .md, .docx, .pdf, .doc or .wps file into paragraphs."""
    (result,) = read_sources([path])
    if isinstance(result, ReadError):
        raise result
    return result


def read_sources(paths: list[Path]) -> list[SourceText | ReadError]:
    """Read files in order; the .doc and .wps among them are converted together, in one LibreOffice run."""
    import tempfile

    from drafter.reading.convert import convert_all

    legacy = [p for p in paths if needs_office(p)]
    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as workdir:
        converted = convert_all(legacy, Path(workdir)) if legacy else {}
        results: list[SourceText | ReadError] = []
        for path in paths:
            try:
                results.append(_read_one(path, converted.get(path)))
            except ReadError as error:
                results.append(error)
        return results


def needs_office(path: Path) -> bool:
    """A file with a Word name that LibreOffice must convert (Word 97-2003, WPS, RTF, Word 2003 XML inside)."""
    from drafter.reading.office import file_kind

    return path.suffix.lower() in WORD_SUFFIXES and _is_regular(path) and file_kind(path) in OFFICE_KINDS


def _is_regular(path: Path) -> bool:
    """A regular file (the others are refused with a message when read)."""
    try:
        require_regular_file(path)
    except UserError:
        return False
    return True


def _read_one(path: Path, converted: Any = None) -> SourceText:
    """One file into paragraphs (`converted`: what LibreOffice made of a Word 97-2003, WPS or RTF file)."""
    try:
        require_regular_file(path)
    except UserError as error:
        raise ReadError(error.message, path=path) from None
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return _read_word(path, converted)
    if suffix in PDF_SUFFIXES:
        from drafter.reading.pdf import read_pdf

        return SourceText(str(path), read_pdf(path))
    if suffix in TEXT_SUFFIXES:
        try:
            data = read_bytes(path, limit=MAX_TEXT_BYTES)
        except UserError as error:
            raise ReadError(error.message, path=path) from None
        if len(data) > MAX_TEXT_BYTES:
            raise ReadError(
                f"拒绝读取 {path}：文件超过 {megabytes(MAX_TEXT_BYTES)}（文本文件的上限；一份工作总结通常不到"
                " 100 KB）。请确认选对了文件；如果是很多份总结的汇编，请拆成几个文件。",
                path=path,
            )
        lines = decode_text(data, path).splitlines()
        paragraphs = sum(1 for line in lines if line.strip())
        if paragraphs > MAX_PARAGRAPHS:
            raise too_many_paragraphs(path, paragraphs)
        if suffix == ".md":
            matter, lines = front_matter(lines)
            genre, kind = matter.get("文种") or matter.get("genre"), matter.get("文档") or matter.get("kind")
            target = matter.get("篇幅") or matter.get("target")
            return SourceText(str(path), markdown_paragraphs(lines), None, genre, kind, target)
        return SourceText(
            str(path), [Paragraph(piece, i + 1) for i, line in enumerate(lines) for piece in split_at_tab_runs(line)]
        )
    raise ReadError(
        f"无法读取 {path}：不支持的文件类型“{path.suffix or '无扩展名'}”。"
        f"drafter 读取 {FORMATS_READ} 文件；其他格式请先另存为其中一种。",
        path=path,
    )


def _read_word(path: Path, converted: Any) -> SourceText:
    """A file with a Word name, read by what it really is: a .docx, a converted Word 97-2003/WPS/RTF file, a web page
    (read as text, nothing fetched), a PDF, or plain text."""
    from drafter.reading.convert import Converted
    from drafter.reading.office import file_kind

    kind = file_kind(path)
    if kind in OFFICE_KINDS:
        if isinstance(converted, ReadError):
            raise converted
        if not isinstance(converted, Converted):
            raise ReadError(f"无法读取 {path}：转换失败。请用 Word/WPS 另存为 .docx 后重试。", path=path)
        return replace(_read_one(converted.path), path=str(path))
    if kind == "docx" or (path.suffix.lower() in DOCX_SUFFIXES and kind == "other"):
        return read_docx(path)  # a .docx under any Word name (a damaged one is reported as such)
    if kind in ("html", "mhtml"):
        from drafter.reading.html import read_html

        lines = read_html(path, kind)
        return SourceText(str(path), [Paragraph(text, i, level=level) for i, (text, level) in enumerate(lines, 1)])
    if kind == "pdf":
        from drafter.reading.pdf import read_pdf

        return SourceText(str(path), read_pdf(path))
    try:
        data = read_bytes(path)
    except UserError as error:
        raise ReadError(error.message, path=path) from None
    try:
        text = decode_text(data, path)
    except ReadError:
        raise ReadError(
            f"无法读取 {path}：文件名是 {path.suffix}，但内容不是 Word 文件（也不是网页或文本）。"
            "请确认选对了文件；能用 Word/WPS 打开的话，请另存为 .docx 后重试。",
            path=path,
        ) from None
    return SourceText(str(path), [Paragraph(line, i + 1) for i, line in enumerate(text.splitlines())])


# "## 标题" and "##标题" (many Chinese editors write no space); a lone "#" run is not a heading.
_MD_HEADING = lazy_compile(r"^\s{0,3}(#{1,6})(?!#)\s*(\S.*?)\s*#*\s*$")
_MD_EMPHASIS = lazy_compile(r"(\*\*|__)(.+?)\1")
_MD_FENCE = lazy_compile(r"^\s{0,3}(`{3,}|~{3,})")


_FRONT_MATTER_FIELD = lazy_compile(r"^\s*([^:：\s]+)\s*[:：]\s*(.*?)\s*$")


def front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The `key: value` fields of a YAML front matter block (--- … --- on the first lines), and the lines with
    that block blanked out (line numbers stay those of the file)."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    end = next((i for i, line in enumerate(lines[1:40], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        return {}, lines
    fields = {}
    for line in lines[1:end]:
        match = _FRONT_MATTER_FIELD.match(line)
        if match:
            fields[match.group(1)] = match.group(2).strip("'\"")
    return fields, [""] * (end + 1) + lines[end + 1 :]


def markdown_paragraphs(lines: list[str]) -> list[Paragraph]:
    """Markdown lines as paragraphs: `#` headings carry a level, the first `#` line is the title; lines in
    fenced code blocks are text, whatever they start with."""
    paragraphs = []
    title_seen = False
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        opening = _MD_FENCE.match(line)
        if opening and (fence is None or opening.group(1)[0] == fence[0]):
            fence = None if fence else opening.group(1)
            continue
        text = _MD_EMPHASIS.sub(r"\2", line)
        match = None if fence else _MD_HEADING.match(text)
        if not match:
            paragraphs.append(Paragraph(text, number))
            continue
        hashes, content = len(match.group(1)), match.group(2)
        if hashes == 1 and not title_seen:
            title_seen = True
            paragraphs.append(Paragraph(content, number, is_title=True))
        else:
            paragraphs.append(Paragraph(content, number, level=hashes - 1 if title_seen else hashes))
    return paragraphs


def decode_text(data: bytes, path: Path) -> str:
    """Decode the bytes of a text file (UTF-8 with or without BOM, GB18030/GBK, UTF-16)."""
    return decode_text_as(data, path)[0]


def decode_text_as(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a text file and the encoding it was in (to write a corrected copy the same way)."""
    if not data.strip():
        raise ReadError(f"文件 {path} 是空的，没有可读取的内容。请确认选对了文件。", path=path)
    decoded = _decode_known(data)
    if decoded is None:
        import charset_normalizer

        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        best = charset_normalizer.from_bytes(body).best()
        decoded = (str(best), best.encoding) if best is not None else None
    if decoded is None or not looks_like_chinese_text(decoded[0]):
        raise ReadError(
            f"文件 {path} 无法识别为中文文本：它可能不是文本文件，或者编码已损坏。"
            "请在编辑器中打开确认内容正常，另存为 UTF-8 编码后重试。",
            path=path,
        )
    text, encoding = decoded
    return strip_controls(text.replace("\r\n", "\n").replace("\r", "\n")), encoding


def _decode_known(data: bytes) -> tuple[str, str] | None:
    """Decode bytes whose encoding is certain: a BOM, or valid UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return None  # labelled UTF-8 but is not (often GBK saved with a BOM): let detection decide
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def looks_like_chinese_text(text: str) -> bool:
    """True when decoded text reads as Chinese prose rather than noise (judged on its first 8,000 characters)."""
    sample = text[:8_000]
    visible = sum(map(len, sample.split()))  # str.split's white space is the regular expressions' \s
    if visible == 0:
        return False
    return control_characters(sample) <= visible * 0.01 and cjk_characters(sample) >= visible * 0.2


# Counted in C on bytes: a regular expression scanning every character cost a third of reading a text file.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# The high byte of a UTF-16 unit of the CJK ideographs (U+3400–U+9FFF, U+F900–U+FAFF).
_CJK_HIGH_BYTES = bytes([*range(0x34, 0xA0), 0xF9, 0xFA])


def control_characters(text: str) -> int:
    """How many control characters (other than tab and line breaks) and replacement characters a text holds."""
    low = text.encode("latin-1", errors="ignore")
    return len(low) - len(low.translate(None, _CONTROL_BYTES)) + text.count("\ufffd")


def cjk_characters(text: str) -> int:
    """How many CJK ideographs a text holds."""
    high = text.encode("utf-16-le", errors="surrogatepass")[1::2]
    return len(high) - len(high.translate(None, _CJK_HIGH_BYTES))


# --- .docx -----------------------------------------------------------------

_HEADING_STYLE = lazy_compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = lazy_compile(r"^(?:title|标题|公文标题|文件标题)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> SourceText:
    """Paragraphs of a .docx in body order, with Word's heading levels, list numbers and bold lines.

    A paragraph that holds several lines (soft line breaks) or several headings typed one after another
    becomes one Paragraph a line or a heading.
    """
    document = open_docx(path)
    paragraphs = [piece for record in docx_records(document) for piece in record.pieces]
    genre, kind, target = recorded_info(document)
    return SourceText(str(path), paragraphs, recorded_title(document, path), genre, kind, target)


@dataclass(frozen=True)
class DocxRecord:
    """One paragraph or table of a .docx body: its element, the list number Word draws in front of it (a
    paragraph), and the Paragraphs read from it (a line or heading each; a table's prose cells)."""

    element: Any
    prefix: str
    pieces: list[Paragraph]


def docx_records(document: Any) -> list[DocxRecord]:
    """The body of a .docx in order, as read: paragraphs with their list numbers, tables with their prose."""
    numbering = DocxNumbering(document)
    styles = _styles_by_id(document)
    records = []
    for index, element in enumerate(body_blocks(document)):
        if element.tag == _W + "p":
            prefix, para = _docx_paragraph(styles, element, numbering, index + 1)
            pieces = [replace(para, text=piece) for piece in split_lines_and_headings(para.text)] if para else []
            records.append(DocxRecord(element, prefix, pieces))
        else:
            records.append(
                DocxRecord(element, "", [Paragraph(text, index + 1) for text in _prose_cells(element) if text])
            )
    return records


def recorded_info(document: Any) -> tuple[str | None, str | None, str | None]:
    """The genre (category), kind (status) and length target (keywords 篇幅：…) a .docx records; None for what
    it does not."""
    try:
        properties = document.core_properties
        keywords = (properties.keywords or "").strip()
    except Exception:
        return None, None, None
    target = keywords[len(TARGET_KEYWORD) :].strip() or None if keywords.startswith(TARGET_KEYWORD) else None
    return (properties.category or "").strip() or None, (properties.content_status or "").strip() or None, target


def recorded_title(document: Any, path: Path) -> str | None:
    """The title in the document's properties, when it is a real title (not the file's name or a default)."""
    try:
        title = (document.core_properties.title or "").strip()
    except Exception:
        return None
    if (
        not title
        or title in (path.stem, path.name)
        or re.match(r"^(?:Microsoft Word|文档|Document|无标题|新建)", title)
    ):
        return None
    return title if re.search(r"[\u4e00-\u9fff]", title) and len(title) <= 60 else None


_NEXT_MARKER = lazy_compile(
    r"(?<=\S)[ \t\u3000]*(?=(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.](?!\d))\S)"
)


_TAB_RUN = lazy_compile(r"[ \u3000]*\t[\t \u3000]*")
_PAGE_NUMBER_ONLY = lazy_compile(r"\s*\d{1,4}\s*")


def split_at_tab_runs(line: str) -> list[str]:
    """A line people "broke" with tabs: a heading, a run of tabs, then its first item or sentence (一、主要工作
    <tabs>1.完成……). Cut where the piece before is a short numbered heading or the piece after starts with a
    marker; a line that ends in a page number (a table of contents) and tabbed columns of a table stay whole."""
    spans = tab_run_spans(line)
    if len(spans) < 2:
        return [line]
    return [_TAB_RUN.sub("\t", line[start:end]) for start, end in spans]


def tab_run_spans(line: str) -> list[tuple[int, int]]:
    """Where the pieces of `split_at_tab_runs` sit in the line ((0, len) when it stays whole)."""
    whole = [(0, len(line))]
    if "\t" not in line:
        return whole
    first, last = _stripped(line, 0, len(line))
    parts = []
    position = first
    for run in _TAB_RUN.finditer(line, first, last):
        if run.start() > position:
            parts.append((position, run.start()))
        position = run.end()
    if last > position:
        parts.append((position, last))
    if len(parts) < 2 or any(_PAGE_NUMBER_ONLY.fullmatch(line[a:b]) for a, b in parts[1:]):
        return whole
    pieces = [parts[0]]
    for start, end in parts[1:]:
        previous = _TAB_RUN.sub("\t", line[pieces[-1][0] : pieces[-1][1]])
        heading_before = (
            bool(MARKER_START.match(previous)) and len(previous) <= 40 and not re.search(r"[。；！？]", previous)
        )
        if heading_before or MARKER_START.match(line[start:end]):
            pieces.append((start, end))
        else:
            pieces[-1] = (pieces[-1][0], end)
    return pieces if len(pieces) > 1 else whole


def split_lines_and_headings(text: str) -> list[str]:
    """A paragraph's lines (soft line breaks), each cut again where headings were typed one after another
    (一、总体情况  二、主要做法; 一、总体情况（一）组织领导) or where a heading is followed by a run of tabs.
    Only short marker-led pieces are cut: a sentence that lists (一)…(二)… stays whole."""
    pieces: list[str] = []
    for line in (piece for text_line in text.split("\n") for piece in split_at_tab_runs(text_line)):
        if not line.strip():
            continue
        if MARKER_START.match(line.strip()) and not re.search(r"[。；！？]", line):
            cuts = [0, *(m.start() for m in _NEXT_MARKER.finditer(line) if m.start() > 0)]
            parts = [line[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(line)], strict=True)]
            if len(parts) > 1 and all(len(p) <= 40 and MARKER_START.match(p) for p in parts):
                pieces += parts
                continue
        pieces.append(line)
    return pieces or [text]


def piece_spans(text: str) -> list[tuple[int, int]]:
    """Where each piece of `split_lines_and_headings` sits in the text, as (start, end) offsets: the same cuts,
    made on the text as stored (a piece that holds a run of tabs covers the run as it is, not one tab)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        for start, end in tab_run_spans(line):
            if line[start:end].strip():
                spans += [(offset + start + a, offset + start + b) for a, b in _heading_spans(line[start:end])]
        offset += len(line) + 1
    return spans


def _heading_spans(line: str) -> list[tuple[int, int]]:
    """A line's headings typed one after another (each stripped), or the whole line."""
    if MARKER_START.match(line.strip()) and not re.search(r"[。；！？]", line):
        cuts = [0, *(m.start() for m in _NEXT_MARKER.finditer(line) if m.start() > 0)]
        parts = [_stripped(line, a, b) for a, b in zip(cuts, [*cuts[1:], len(line)], strict=True)]
        if len(parts) > 1 and all(b - a <= 40 and MARKER_START.match(line[a:b]) for a, b in parts):
            return parts
    return [(0, len(line))]


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return start, max(start, end)


def open_docx(path: Path) -> Any:
    """A python-docx Document from a copy of the file unpacked within the size limit (every reader uses this)."""
    import io

    import docx

    data = bounded_copy(path)
    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise out_of_memory(path) from None
    except Exception as exc:  # python-docx raises many types on damaged files
        raise ReadError(
            f"无法打开 Word 文件 {path}：文件已损坏或不是 .docx 格式（{type(exc).__name__}）。"
            "请用 Word 或 WPS 打开后重新另存为 .docx。",
            path=path,
        ) from None
    paragraphs = sum(1 for _ in document.element.body.iter(_W + "p"))
    if paragraphs > MAX_PARAGRAPHS:
        raise too_many_paragraphs(path, paragraphs)
    return document


def out_of_memory(path: Path) -> ReadError:
    """Memory ran out while reading a file: say so (the file is not damaged; it is too big or too deep)."""
    return ReadError(
        f"读取 {path} 时内存不足：这个文件太大或结构异常复杂，drafter 放弃了读取。"
        "请确认选对了文件；如果是很大的汇编，请拆成几个文件后再试。",
        path=path,
    )


def too_many_paragraphs(path: Path, paragraphs: int) -> ReadError:
    """A file with more paragraphs than drafter reads from one file."""
    return ReadError(
        f"拒绝读取 {path}：有 {paragraphs:,} 段，超过每个文件 {wan(MAX_PARAGRAPHS)}段的上限"
        "（一份工作总结通常不到 200 段）。如果是很多份总结的汇编，请拆成几个文件。",
        path=path,
    )


def bounded_copy(path: Path) -> bytes:
    """The .docx repacked from its members as they really unpack, stopping at the limit whatever the zip declares.

    python-docx reads each member in one call, which inflates the whole member in memory before the
    size the zip declares is applied: a member that declares 1,000 bytes can inflate to gigabytes.
    Reading in chunks and repacking what was read means python-docx only ever sees true sizes.
    """
    import io

    try:
        require_regular_file(path)
    except UserError as error:
        raise ReadError(error.message, path=path) from None
    out = io.BytesIO()
    total = 0
    try:
        with zipfile.ZipFile(path) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                xml = info.filename.lower().endswith((".xml", ".rels"))
                with archive.open(info) as member, copy.open(info.filename, "w", force_zip64=True) as target:
                    part, tail = 0, b""
                    while chunk := member.read(_READ_CHUNK):
                        total += len(chunk)
                        part += len(chunk)
                        if total > MAX_DOCX_UNPACKED_BYTES:
                            raise _Refused(
                                f"拒绝读取 {path}：解压后超过 {megabytes(MAX_DOCX_UNPACKED_BYTES)}，"
                                "不像一份正常的工作总结（可能是压缩炸弹）。"
                            )
                        if xml and part > MAX_XML_PART_BYTES:
                            raise _Refused(
                                f"拒绝读取 {path}：其中的 {info.filename} 解压后超过 {megabytes(MAX_XML_PART_BYTES)}"
                                "（每个 XML 部件的上限；一份工作总结的正文通常不到 1 MB）。"
                                "如果是很多份总结的汇编，请拆成几个文件。"
                            )
                        if xml and _declares_dtd(tail + chunk):
                            raise _Refused(
                                f"拒绝读取 {path}：其中的 {info.filename} 带有 DTD 声明（<!DOCTYPE …>）。"
                                "Word 和 WPS 不会写出这样的文件，其中定义的实体也无法原样保留。"
                                "请用 Word 或 WPS 打开后另存为 .docx。"
                            )
                        tail = chunk[-_DTD_MARK_BYTES:]
                        target.write(chunk)
    except _Refused as refusal:
        raise ReadError(str(refusal), path=path) from None
    except MemoryError:
        raise out_of_memory(path) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise ReadError(
            f"无法打开 Word 文件 {path}：文件已损坏、不完整或不是 .docx 格式（{type(exc).__name__}）。"
            "请用 Word 或 WPS 打开后重新另存为 .docx。",
            path=path,
        ) from None
    return out.getvalue()


class _Refused(Exception):
    """A .docx refused while it is unpacked (too large, or declaring a DTD); the message says why."""


# OOXML parts never declare a DTD; one that does can define entities, which python-docx leaves unresolved and
# writes back without their declaration (an ill-formed part). Looked for in UTF-8 and in UTF-16.
_DTD_MARKS = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_DTD_MARK_BYTES = max(len(mark) for mark in _DTD_MARKS)


def _declares_dtd(data: bytes) -> bool:
    """Whether XML bytes hold a DOCTYPE declaration."""
    return any(mark in data for mark in _DTD_MARKS)


def body_blocks(document: Any) -> list[Any]:
    """Top-level paragraphs and tables of the document body in order, including those inside content controls."""
    return list(_blocks_in(document.element.body))


def _blocks_in(container: Any) -> Any:
    """Paragraphs and tables of a container, descending into w:sdt content controls."""
    for child in container.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks_in(content)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _paragraph_text(element: Any) -> str:
    """Visible text of a w:p element (runs, tabs and breaks). Of markup-compatibility alternatives (a text box
    Word writes twice: as a drawing and, in mc:Fallback, as VML) only the first is read."""
    parts: list[str] = []
    fallbacks = next(element.iter(_MC_FALLBACK), None) is not None
    for node in element.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if fallbacks and next(node.iterancestors(_MC_FALLBACK), None) is not None:
            continue
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return strip_controls("".join(parts))


def _prose_cells(table: Any) -> list[str]:
    """Text of the table cells that read as prose (long, with sentence punctuation)."""
    texts: list[str] = []
    seen: set[int] = set()
    for cell in table.iter(_W + "tc"):
        if id(cell) in seen:
            continue
        seen.add(id(cell))
        for p in cell.iter(_W + "p"):
            text = _paragraph_text(p).strip()
            if is_prose(text):
                texts.append(text)
    return texts


def is_prose(text: str) -> bool:
    """A table cell's text that is a sentence rather than a label or a figure."""
    return (len(text) >= 15 and bool(re.search(r"[。；！？]", text))) or (len(text) >= 40 and "，" in text)


def _docx_paragraph(
    styles: dict[str, Any], element: Any, numbering: DocxNumbering, index: int
) -> tuple[str, Paragraph | None]:
    """One w:p as a Paragraph, with its list number put back in front of the text; and that number."""
    text = _paragraph_text(element)
    p_style = element.find(f"{_W}pPr/{_W}pStyle")
    style = styles.get(p_style.get(_W + "val")) if p_style is not None else None
    num = _num_properties(element, style)
    prefix = numbering.next_label(*num) if num is not None else ""
    if not (prefix + text).strip():
        return prefix, None
    level = _heading_level(element, style)
    style_name = (getattr(style, "name", "") or "").strip()
    return prefix, Paragraph(
        prefix + text,
        index,
        level=level,
        is_title=bool(_TITLE_STYLE.match(style_name)),
        bold=_all_bold(element, style),
    )


def _all_bold(element: Any, style: Any) -> bool:
    """Every run with text is bold (set on the run, or by the paragraph's style)."""
    style_bold = any(
        (b := s.element.find(f"{_W}rPr/{_W}b")) is not None and b.get(_W + "val", "true") not in ("0", "false")
        for s in _style_chain(style)
    )
    runs = [r for r in element.iter(_W + "r") if "".join(t.text or "" for t in r.iter(_W + "t")).strip()]
    if not runs:
        return False
    for run in runs:
        bold = run.find(f"{_W}rPr/{_W}b")
        if bold is None and not style_bold:
            return False
        if bold is not None and bold.get(_W + "val", "true") in ("0", "false"):
            return False
    return True


def _styles_by_id(document: Any) -> dict[str, Any]:
    """Style id -> style object, read once per document (a lookup per paragraph would rescan them all)."""
    try:
        return {style.style_id: style for style in document.styles}
    except Exception:  # a damaged styles part: read the text without style hints
        return {}


def _style_chain(style: Any) -> list[Any]:
    """The style and its base styles."""
    chain: list[Any] = []
    while style is not None and len(chain) < 10:
        chain.append(style)
        style = getattr(style, "base_style", None)
    return chain


def int_attribute(element: Any, name: str, default: int) -> int:
    """An integer attribute of a Word element; a value that is not a number counts as absent."""
    value = element.get(_W + name) if element is not None else None
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _heading_level(element: Any, style: Any) -> int | None:
    """Heading level from an outline level or a Heading N style (1-based)."""
    outline = element.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        value = int_attribute(outline, "val", 9)
        return value + 1 if 0 <= value < 9 else None
    for s in _style_chain(style):
        match = _HEADING_STYLE.match((s.name or "").strip())
        if match:
            return int(match.group(1))
        lvl = s.element.find(f"{_W}pPr/{_W}outlineLvl")
        if lvl is not None:
            value = int_attribute(lvl, "val", 9)
            return value + 1 if 0 <= value < 9 else None
    return None


def _num_properties(element: Any, style: Any) -> tuple[str, int] | None:
    """(numId, ilvl) of a numbered paragraph, from the paragraph or its style."""
    candidates = [element] + [s.element for s in _style_chain(style)]
    for node in candidates:
        num_pr = node.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            continue
        num_id = num_pr.find(_W + "numId")
        ilvl = num_pr.find(_W + "ilvl")
        if num_id is None:
            continue
        value = num_id.get(_W + "val", "0")
        if value == "0":
            return None
        return value, int_attribute(ilvl, "val", 0)
    return None


class DocxNumbering:
    """Word's automatic list numbering: counts items and formats their labels."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(_W + "abstractNum"):
            levels = {}
            for lvl in node.findall(_W + "lvl"):
                ilvl = int_attribute(lvl, "ilvl", 0)
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                levels[ilvl] = (
                    fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(_W + "val", "") if text is not None else "",
                    int_attribute(start, "val", 1),
                )
            abstract[node.get(_W + "abstractNumId", "")] = levels
        for num in root.findall(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                self.levels[num.get(_W + "numId", "")] = abstract.get(ref.get(_W + "val", ""), {})

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the label Word would show."""
        levels = self.levels.get(num_id, {})
        counters = self.counters.setdefault(num_id, [0] * 9)
        ilvl = max(0, min(ilvl, 8))
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, template, _ = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt in ("none", "bullet"):
            return ""

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            lfmt, _, lstart = levels.get(level, ("decimal", "", 1))
            return format_number(max(counters[level], 1) + lstart - 1, lfmt)

        return re.sub(r"%([1-9])", value, template)


def format_number(value: int, fmt: str) -> str:
    """A counter value in one of Word's number formats."""
    from drafter.reading.numerals import CIRCLED, int_to_cn

    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "japaneseCounting",
        "ideographDigital",
        "taiwaneseCounting",
        "chineseLegalSimplified",
    ):
        return int_to_cn(value)
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" and 1 <= value <= len(CIRCLED):
        return CIRCLED[value - 1]
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    return str(value)
