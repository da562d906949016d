"""A compilation -> documents; text whose line breaks were lost -> paragraphs again."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from drafter.lazy import lazy_compile
from drafter.reading.clean import CleanReport
from drafter.reading.patterns import HEADING_AFTER_SENTENCE, HEADING_START, STANDARD_SECTION_NAMES
from drafter.reading.read import Paragraph
from drafter.reading.toc import CONTENTS_LINE, TocEntry, confirm_headings, entry_depths

# A table-of-contents line: a title, a tab or dot leader, a page number.
TOC_LINE = lazy_compile(r"^\s*(?P<title>\S.*?)\s*(?:\t+|[.…·]{3,})\s*(?P<page>\d{1,4})\s*$")
# The words a report title ends with.
TITLE_END = r"(?:工作总结|总结|工作报告|报告|情况汇报|汇报|述职报告)"
TITLE_LINE = lazy_compile(rf"^[^。，；！？：:,;]{{4,60}}{TITLE_END}(?:[（(][^）)]{{1,20}}[）)])?$")
# Paragraphs longer than this are taken to have lost their line breaks.
FLATTENED_MIN_CHARS = 2000
_TOC_IN_FLAT = lazy_compile(r"\t+\s*(\d+)")
# Bracketed markers are rare enough inside sentences to cut at anywhere.
_BRACKETED_MARKER = lazy_compile(r"[（(](?:[一二三四五六七八九十]{1,3}|[1-9]\d?)[）)](?=\S)")
# `……难点1.优化调整……`: a first numbered item right after a heading that lacks punctuation.
_FIRST_ARABIC_AFTER_TEXT = lazy_compile(
    r"(?<=[\u4e00-\u9fff])(?<![第前后近每约共余至和及或、])1[、.．](?=[\u4e00-\u9fff])"
)
# Blanks before a marker: what is left of a line break (from the first blank: a long run is tried once).
_BLANK_BEFORE_MARKER = lazy_compile(
    r"(?<!\s)\s+(?=(?:[一二三四五六七八九十]{1,3}[、．]|[（(]|[0-9]{1,2}[、.．][^0-9]))"
)
_TOP_MARKER = lazy_compile(r"[一二三四五六七八九十]{1,3}[、．.]\s*(?:\d{4}年度?)?")
# A signature and a date run into the text after the last sentence (what follows is not body).
_SIGNATURE_IN_FLAT = lazy_compile(
    r"(?<=[。！？”])\s*(?P<sig>[^。！？，；：\s]{2,30}?)\s*(?P<date>(?:\d{4}|[〇○零一二三四五六七八九]{4})年"
    r"[0-9〇○零一二三四五六七八九十]{1,3}月[0-9〇○零一二三四五六七八九十]{1,3}日)(?![^。！？]{0,10}印发)"
)


@dataclass(frozen=True)
class RawDocument:
    """The paragraphs of one document; the first non-empty one is its title."""

    source: str
    paragraphs: list[Paragraph]


def toc_match(text: str) -> re.Match[str] | None:
    """A table-of-contents line (a tab or a dot leader before a page number); a cheap test runs first."""
    if "\t" not in text and "…" not in text and "..." not in text and "·" not in text:
        return None
    return TOC_LINE.match(text)


def split_documents(paragraphs: list[Paragraph], source: str, report: CleanReport) -> list[RawDocument]:
    """Split a file's paragraphs into documents, dropping each compilation's header and table of contents.

    A file may hold several compilations one after another, each with its own contents: each
    compilation's documents are found from its own table, after it and before the next one.
    """
    toc = [i for i, p in enumerate(paragraphs) if toc_match(p.text)]
    if toc:
        paragraphs, toc = _without_own_contents(paragraphs, toc, source, report)
    ranges = _ranges_from_tocs(paragraphs, toc) if toc else []
    if ranges:
        kept = {i for a, b in ranges for i in range(a, b)}
        for index, p in enumerate(paragraphs):
            if index not in kept and p.text.strip():
                report.add("toc_entry" if index in set(toc) else "compilation_header", source, p.line)
        report.descriptions.setdefault("toc_entry", "汇编目录行（标题 + 制表符 + 页码）")
        report.descriptions.setdefault("compilation_header", "汇编封面标题与“目录”字样")
        return [RawDocument(source, paragraphs[a:b]) for a, b in ranges]
    starts = _starts_from_titles(paragraphs)
    if not starts:
        return [RawDocument(source, paragraphs)] if any(p.text.strip() for p in paragraphs) else []
    bounds = [*starts, len(paragraphs)]
    return [RawDocument(source, paragraphs[a:b]) for a, b in pairwise(bounds)]


def own_contents(paragraphs: list[Paragraph]) -> tuple[set[int], list[TocEntry]]:
    """Where a document's own table of contents is (its entries are the document's headings, not report titles),
    with 目录 above it, and its entries; a compilation's contents are not one."""
    found: set[int] = set()
    entries: list[TocEntry] = []
    toc = [i for i, p in enumerate(paragraphs) if toc_match(p.text)]
    for block in _toc_blocks(paragraphs, toc):
        titles = [m.group("title").strip() for i in block if (m := toc_match(paragraphs[i].text))]
        if sum(_is_title_line(t) for t in titles) * 2 >= len(titles):
            continue  # a compilation's contents: its entries name documents
        indents = [float(len(paragraphs[i].text) - len(paragraphs[i].text.lstrip())) for i in block]
        entries += [TocEntry(t, d) for t, d in zip(titles, entry_depths(indents, 0.5), strict=True)]
        found.update(block)
        above = next((i for i in range(block[0] - 1, -1, -1) if paragraphs[i].text.strip()), None)
        if above is not None and CONTENTS_LINE.match(paragraphs[above].text):
            found.add(above)
    return found, entries


def _without_own_contents(
    paragraphs: list[Paragraph], toc: list[int], source: str, report: CleanReport
) -> tuple[list[Paragraph], list[int]]:
    """A document's own table of contents dropped from the text after confirming the headings it lists; the
    other tables stay."""
    dropped, entries = own_contents(paragraphs)
    if not dropped:
        return paragraphs, toc
    for index in sorted(dropped):
        report.add("toc_entry", source, paragraphs[index].line)
    report.descriptions.setdefault("toc_entry", "目录行（标题 + 制表符或点线 + 页码）")
    kept = confirm_headings([p for i, p in enumerate(paragraphs) if i not in dropped], entries)
    return kept, [i for i, p in enumerate(kept) if toc_match(p.text)]


def _ranges_from_tocs(paragraphs: list[Paragraph], toc: list[int]) -> list[tuple[int, int]]:
    """(start, end) of every document, compilation by compilation: each table of contents names the
    documents that follow it, up to the header of the next compilation."""
    blocks = _toc_blocks(paragraphs, toc)
    ranges: list[tuple[int, int]] = []
    for number, block in enumerate(blocks):
        limit = _header_start(paragraphs, blocks[number + 1][0]) if number + 1 < len(blocks) else len(paragraphs)
        titles = [m.group("title").strip() for i in block if (m := toc_match(paragraphs[i].text))]
        starts = _starts_from_toc(paragraphs, titles, block[-1] + 1, limit)
        ranges += list(pairwise([*starts, limit]))
    return ranges


def _toc_blocks(paragraphs: list[Paragraph], toc: list[int]) -> list[list[int]]:
    """Table-of-contents lines grouped into tables: consecutive lines, blank lines allowed between them."""
    blocks: list[list[int]] = []
    for index in toc:
        if blocks and all(not p.text.strip() for p in paragraphs[blocks[-1][-1] + 1 : index]):
            blocks[-1].append(index)
        else:
            blocks.append([index])
    return blocks


def _header_start(paragraphs: list[Paragraph], toc_start: int) -> int:
    """Where the header above a table of contents begins: the short lines (汇编名, 目录) right above it."""
    start, short_lines = toc_start, 0
    for index in range(toc_start - 1, -1, -1):
        text = paragraphs[index].text.strip()
        if not text:
            continue
        if short_lines == 3 or len(text) > 40 or re.search(r"[。；！？]", text):
            break
        short_lines += 1
        start = index
    return start


def _starts_from_toc(paragraphs: list[Paragraph], titles: list[str], after: int, before: int) -> list[int]:
    """Indexes where each TOC title reappears as a line between `after` and `before`."""
    lines = [(i, _fold(paragraphs[i].text)) for i in range(after, before) if paragraphs[i].text.strip()]
    starts: list[int] = []
    cursor = 0
    for title in titles:
        key = _fold(title)
        found = next((n for n in range(cursor, len(lines)) if lines[n][1] == key), None)
        if found is not None:
            starts.append(lines[found][0])
            cursor = found + 1
    return starts


def _starts_from_titles(paragraphs: list[Paragraph]) -> list[int]:
    """Indexes of title-like lines that stand alone after a blank line (or open the file)."""
    starts: list[int] = []
    previous_blank = True
    for index, p in enumerate(paragraphs):
        text = p.text.strip()
        if not text:
            previous_blank = True
            continue
        if (previous_blank or not starts) and (p.is_title or _is_title_line(text)):
            starts.append(index)
        previous_blank = False
    # Text before the first title (a stray line, a header) stays with the first document.
    if starts and any(p.text.strip() for p in paragraphs[: starts[0]]):
        starts[0] = 0
    return starts


def _is_title_line(text: str) -> bool:
    """A line that reads like a report title."""
    return bool(TITLE_LINE.match(text)) and not HEADING_START.match(text)


def _fold(text: str) -> str:
    """Compare titles ignoring spaces and bracket width."""
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


# --- text whose line breaks were lost ------------------------------------------


_TOP_AFTER_SENTENCE = lazy_compile(r"(?<=[。！？：；])\s*[一二三四五六七八九十]{1,3}[、．]")


def _flattened(paragraph: Paragraph, total: int) -> bool:
    """A paragraph that lost its line breaks: very long, or a short document run into one line (it holds
    most of the text, and top-level markers follow sentence ends in it)."""
    size = len(paragraph.text)
    if size >= FLATTENED_MIN_CHARS:
        return True
    return size >= 200 and size * 10 >= total * 6 and len(_TOP_AFTER_SENTENCE.findall(paragraph.text)) >= 2


def unflatten(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Break paragraphs that lost their line breaks at TOC entries, titles, headings and the signature."""
    total = sum(len(p.text) for p in paragraphs)
    flattened = {id(p) for p in paragraphs if _flattened(p, total)}
    if not flattened:
        return paragraphs
    pieces: list[Paragraph] = []
    for p in paragraphs:
        if id(p) not in flattened:
            pieces.append(p)
            continue
        pieces.extend(replace(p, text=t) for t in _split_toc_run(p.text))
    toc_titles = [m.group("title").strip() for p in pieces if (m := toc_match(p.text))]
    # Entries such as 目录 or the compilation's own name are not documents to cut at.
    titles = [t for t in toc_titles if _is_title_line(t)] or toc_titles
    result: list[Paragraph] = []
    for p in pieces:
        if toc_match(p.text) or len(p.text) < 200:
            result.append(p)
            continue
        for chunk in _split_at_titles(p.text, titles):
            result.extend(replace(p, text=t) for t in _split_flat_body(chunk))
    return result


def _split_toc_run(text: str) -> list[str]:
    """Turn `A\\t1B\\t22023年C\\t5…` back into TOC lines; the rest of the text follows them."""
    matches = list(_TOC_IN_FLAT.finditer(text))
    if len(matches) < 2:
        return [text]
    lines: list[str] = []
    start = 0
    for match in matches:
        digits = match.group(1)
        title = text[start : match.start()].strip()
        end = match.end()
        # `\t12023年…`: the page is 1 and the next title starts with the year 2023.
        if len(digits) > 4 and text[end : end + 1] == "年":
            digits, end = digits[:-4], end - 4
        lines.append(f"{title}\t{digits}")
        start = end
    rest = text[start:].strip()
    return [*lines, *([rest] if rest else [])]


def _split_at_titles(text: str, titles: list[str]) -> list[str]:
    """Cut a long text before each known title, in order."""
    chunks = []
    cursor = 0
    for title in titles:
        found = text.find(title, cursor)
        if found < 0:
            continue
        if found > cursor:
            chunks.append(text[cursor:found])
        chunks.append(title)
        cursor = found + len(title)
    chunks.append(text[cursor:])
    if len(chunks) == 1:
        match = re.match(rf"^\s*([^。，；！？：]{{4,60}}?{TITLE_END})(?=\S)", text)
        if match:
            return [match.group(1), text[match.end() :]]
    return [c for c in chunks if c.strip()]


def _standard_heading_ends(text: str) -> list[int]:
    """Where a standard section name after 一、 runs straight into body text (二、存在的问题执法……)."""
    ends = []
    for match in _TOP_MARKER.finditer(text):
        following = text[match.end() : match.end() + 12]
        names = [n for n in STANDARD_SECTION_NAMES if following.startswith(n)]
        if not names:
            continue
        end = match.end() + max(len(n) for n in names)
        if end < len(text) and not re.match(r"[，。；：、,.;:！？）)]", text[end]):
            ends.append(end)
    return ends


def _split_flat_body(text: str) -> list[str]:
    """Cut running text before heading markers that follow sentence-ending punctuation."""
    cuts = [0, *(m.end() for m in HEADING_AFTER_SENTENCE.finditer(text))]
    # A heading without closing punctuation runs straight into its first sub-heading or its body.
    for pattern in (_BRACKETED_MARKER, _FIRST_ARABIC_AFTER_TEXT):
        cuts.extend(m.start() for m in pattern.finditer(text) if m.start() > 0)
    cuts.extend(m.end() for m in _BLANK_BEFORE_MARKER.finditer(text))
    cuts.extend(_standard_heading_ends(text))
    cuts = sorted(set(cuts))
    parts = [text[a:b] for a, b in pairwise([*cuts, len(text)])]
    result: list[str] = []
    for part in parts:
        signature = _SIGNATURE_IN_FLAT.search(part)
        if signature:
            result += [part[: signature.start()], signature.group("sig"), signature.group("date")]
            result.append(part[signature.end() :])
        else:
            result.append(part)
    return [p.strip() for p in result if p.strip()]
