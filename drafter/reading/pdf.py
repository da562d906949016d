"""PDF -> paragraphs: lines read with pdfplumber, then paragraphs rebuilt from the layout.

A PDF keeps lines, not paragraphs. A paragraph starts where a line is indented (GB/T 9704 indents two
characters), after a line that stopped short of the right edge, after a larger gap, where the font size
changes, or at a heading marker after a line that ended a sentence; a title set large over two lines stays
one paragraph, and a wide gap inside a line is the tab run it was. Running headers and footers (text
repeated at the top or bottom of the pages) and page numbers (— 3 —, 第3页 共9页) are dropped, and so is a
table of contents at the start (lines ending in a page number, often after dot leaders) — after confirming
the headings it lists. Headings without a number are found by their look: larger, bold or in another face
than the body text. A page set in two columns is read column by column. A scanned PDF, with no text in it,
gets a message saying so.
"""

from __future__ import annotations

import itertools
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from drafter.errors import ReadError
from drafter.lazy import lazy_compile
from drafter.reading.limits import MAX_PDF_CHARACTERS, MAX_PDF_PAGE_CHARACTERS, MAX_PDF_PAGES, PDF_SECONDS
from drafter.reading.patterns import MARKER
from drafter.reading.read import Paragraph, out_of_memory, split_at_tab_runs
from drafter.reading.toc import CONTENTS_LINE, TocEntry, confirm_headings, entry_depths

_CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
# pdfplumber puts a space where a Latin run meets a Chinese one (2024 年): take it out.
_SPACE_AT_CJK = lazy_compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
_PAGE_NUMBER = lazy_compile(
    r"^(?:[—–\-－~～·\s]*\d{1,4}[—–\-－~～·\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
_TOC_ENTRY = lazy_compile(r"^(?P<title>\S.*?)\s*(?:[.．。…·•\-_]{3,}|\s{2,}|\t)\s*(?P<page>\d{1,3})$")
MARGIN_SHARE = 0.09  # the top and bottom share of a page where running headers and footers sit


@dataclass(frozen=True)
class Line:
    """One line of text on a page, with where it sits."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    page_height: float
    column: int = 0  # 0, or 1 for the right column of a page set in two columns
    size: float = 0.0  # the font size most of its characters have
    font: str = ""  # the font most of its Chinese characters are set in (subset prefix removed)


def read_pdf(path: Path) -> list[Paragraph]:
    """The paragraphs of a PDF's text layer, read within the limits of `drafter.reading.limits`: pages,
    characters a page and in all, and time."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency; the message covers a broken installation
        raise ReadError(
            f"无法读取 {path}：缺少 pdfplumber。请重新安装 drafter（pip install -e .）。", path=path
        ) from None
    lines: list[Line] = []
    budget = _Budget(path, time.monotonic() + PDF_SECONDS)
    try:
        # Not pdfplumber's own `with`: closing its PDF builds every page object first, as its `pages` does.
        with path.open("rb") as stream:
            pdf = pdfplumber.open(stream)
            for number, page in enumerate(_pages(pdf, path)):
                budget.start_page(number)
                _lay_out(page, budget)
                lines += _page_lines(page, number)
                page.close()  # frees the page's characters and layout: memory stays that of one page
    except ReadError:
        raise
    except MemoryError:
        raise out_of_memory(path) from None
    except Exception as exc:
        raise ReadError(
            f"无法读取 PDF 文件 {path}：文件已损坏或加了密码（{type(exc).__name__}）。"
            "请用 PDF 阅读器打开确认，或把原始的 Word 文件给 drafter。",
            path=path,
        ) from None
    if not any(line.text.strip() for line in lines):
        what = "是扫描件（只有图片，没有文字层）" if budget.images else "没有可提取的文字"
        raise ReadError(
            f"无法读取 {path}：这个 PDF {what}。请先用 OCR（文字识别）软件转成文字，或提供原始的 Word 文件。",
            path=path,
        )
    lines, contents = _without_toc(_without_running_lines(lines))
    return confirm_headings(_paragraphs(lines), contents)


def _pages(pdf: Any, path: Path) -> Iterator[Any]:
    """The pages of a PDF one at a time, refusing it past the page limit: at once where its page tree says it
    has more (a real PDF's count is true), else when the pages themselves run past it."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1
    from pdfplumber.page import Page

    too_many = ReadError(
        f"拒绝读取 {path}：超过 {MAX_PDF_PAGES} 页（PDF 的页数上限；一份工作总结通常不超过 50 页）。"
        "如果是很多份总结的汇编，请拆成几个文件，或提供原始的 Word 文件。",
        path=path,
    )
    stated = resolve1(resolve1(pdf.doc.catalog.get("Pages")) or {}).get("Count")
    if isinstance(stated, int) and stated > MAX_PDF_PAGES:
        raise too_many
    top = 0.0
    for index, page_object in enumerate(PDFPage.create_pages(pdf.doc)):
        if index >= MAX_PDF_PAGES:
            raise too_many
        page = Page(pdf, page_object, page_number=index + 1, initial_doctop=top)
        top += float(page.height)
        yield page


@dataclass
class _Budget:
    """What reading one PDF may still spend: characters (a page, the document) and time."""

    path: Path
    deadline: float
    characters: int = 0
    page_characters: int = 0
    page: int = 0
    images: int = 0

    def start_page(self, number: int) -> None:
        """A new page: its own count starts at nought."""
        self.page, self.page_characters = number, 0
        self.check_time()

    def character(self) -> None:
        """One more character drawn; refuse the file past a limit."""
        self.characters += 1
        self.page_characters += 1
        if self.page_characters > MAX_PDF_PAGE_CHARACTERS:
            raise ReadError(
                f"拒绝读取 {self.path}：第 {self.page + 1} 页的文字超过 {MAX_PDF_PAGE_CHARACTERS:,} 个"
                "（每页的上限；一页 A4 公文约 600 字）。这个 PDF 的文字层不正常，请提供原始的 Word 文件。",
                path=self.path,
            )
        if self.characters > MAX_PDF_CHARACTERS:
            raise ReadError(
                f"拒绝读取 {self.path}：文字超过 {MAX_PDF_CHARACTERS:,} 个（PDF 的上限；一份工作总结通常只有几万字）。"
                "如果是很多份总结的汇编，请拆成几个文件。",
                path=self.path,
            )
        if self.characters % 1024 == 0:
            self.check_time()

    def check_time(self) -> None:
        """Refuse the file once reading it has taken the time allowed."""
        if time.monotonic() > self.deadline:
            raise ReadError(
                f"读取 {self.path} 超过 {PDF_SECONDS:.0f} 秒仍未读完，已停止（读取一个 PDF 的时间上限）。"
                "这个 PDF 的结构异常复杂；请提供原始的 Word 文件，或把 PDF 拆成几个文件。",
                path=self.path,
            )


def _lay_out(page: Any, budget: _Budget) -> None:
    """The page's layout as pdfplumber computes it, with every character counted against the budget as it is
    drawn (a stream of millions of text operators is stopped early), and graphics skipped: drafter reads text
    only, and a page of vector drawing would otherwise cost as much as its paths."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Counting(PDFPageAggregatorWithMarkedContent):
        """pdfplumber's device, counting."""

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            budget.character()
            return float(super().render_char(*args, **kwargs))

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            budget.images += 1

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            budget.check_time()

    device = Counting(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()  # where pdfplumber keeps a page's layout; page.close() drops it


def _deduplicated(page: Any) -> Any:
    """The page with a character drawn twice in one place (a ligature's text repeated, bold faked by
    overprinting) once: what pdfplumber's `dedupe_chars` keeps, in the page's order. Its own puts them back in
    order by searching the page's list for each one, quadratic in the characters of a page (a page of 3,750
    took over a second)."""
    from pdfplumber.utils import cluster_objects

    same_look = itemgetter("upright", "text", "fontname", "size")
    kept = set()
    for _, alike in itertools.groupby(sorted(page.chars, key=same_look), key=same_look):
        for row in cluster_objects(list(alike), itemgetter("doctop"), 1):
            for place in cluster_objects(row, itemgetter("x0"), 1):
                kept.add(id(min(place, key=itemgetter("doctop", "x0"))))
    return page.filter(lambda found: found.get("object_type") != "char" or id(found) in kept)


def _page_lines(page: Any, number: int) -> list[Line]:
    """The lines of a page, column by column when it is set in two columns."""
    page = _deduplicated(page)
    gutter = _gutter(page)
    regions = [(0, page.width)] if gutter is None else [(0, gutter), (gutter, page.width)]
    lines = []
    for column, (left, right) in enumerate(regions):
        region = page if gutter is None else page.crop((left, 0, right, page.height), strict=False)
        for found in region.extract_text_lines(strip=True, return_chars=True):
            text = _SPACE_AT_CJK.sub("", _line_text(found)).strip()
            if text:
                place = (found["x0"], found["x1"], found["top"], found["bottom"])
                lines.append(Line(text, *place, number, page.height, column, *_look_of(found["chars"])))
    return lines


# pdfplumber's default: a gap wider than this between two characters is a space.
_SPACE_GAP = 3.0
# A gap of two characters or more inside a line is what a run of tabs left (一、主要工作<tabs>（一）……).
_TAB_GAP_CHARS = 2.0


def _line_text(found: dict[str, Any]) -> str:
    """A line's text from its characters: a space where they stand apart, a tab where a tab run left a wide gap."""
    chars = [c for c in found.get("chars", []) if c.get("text")]
    if not chars:
        return str(found.get("text", ""))
    parts = [chars[0]["text"]]
    for before, char in itertools.pairwise(chars):
        gap = float(char["x0"]) - float(before["x1"])
        if gap >= _TAB_GAP_CHARS * float(before.get("size", 12.0)):
            parts.append("\t")
        elif gap > _SPACE_GAP and not char["text"].isspace() and not before["text"].isspace():
            parts.append(" ")
        parts.append(char["text"])
    return "".join(parts)


def _look_of(chars: list[dict[str, Any]]) -> tuple[float, str]:
    """The size and the font most characters of a line have (its Chinese characters' font, when it has some)."""
    visible = [c for c in chars if c.get("text", "").strip()]
    if not visible:
        return 0.0, ""
    size = statistics.median(round(float(c.get("size", 0.0)), 1) for c in visible)
    chinese = [c for c in visible if "\u3400" <= c["text"] <= "\u9fff"] or visible
    font = Counter(str(c.get("fontname", "")).split("+")[-1] for c in chinese).most_common(1)[0][0]
    return size, font


# The page's width is looked at in at most this many steps: a point each on any real page (A3 is 842 wide).
GUTTER_STEPS = 2_000


def _gutter(page: Any) -> float | None:
    """The x of the blank band between two columns, if the page has one (most of its lines stop short of it)."""
    words = page.extract_words()
    if len(words) < 20:
        return None
    width = float(page.width)
    step = max(width / GUTTER_STEPS, 1.0)  # points a step
    steps = int(width / step) + 1
    # How many words cover each step, from where words start and end (not step by step for every word).
    changes = [0] * (steps + 1)
    for word in words:
        first, last = max(int(word["x0"] / step), 0), min(int(word["x1"] / step), steps - 1)
        if first <= last:
            changes[first] += 1
            changes[last + 1] -= 1
    covered = list(itertools.accumulate(changes))
    low, high = int(width * 0.3 / step), int(width * 0.7 / step)
    best, best_width, start = None, 0.0, None
    for x in range(low, high + 1):
        if covered[x] == 0:
            start = x if start is None else start
            if (x - start + 1) * step > best_width:
                best, best_width = (start + x) / 2 * step, (x - start + 1) * step
        else:
            start = None
    left = sum(1 for w in words if w["x1"] < (best or 0))
    right = sum(1 for w in words if w["x0"] > (best or width))
    # A real gutter is wide, and both sides of it hold a good share of the words.
    return best if best is not None and best_width >= 8 and min(left, right) >= len(words) * 0.2 else None


def _without_running_lines(lines: list[Line]) -> list[Line]:
    """Lines without page numbers, and without headers and footers repeated at the top or bottom of pages."""
    pages = len({line.page for line in lines})

    def in_margin(line: Line) -> bool:
        return line.top < line.page_height * MARGIN_SHARE or line.bottom > line.page_height * (1 - MARGIN_SHARE)

    repeated = Counter(re.sub(r"\d+", "#", line.text) for line in lines if in_margin(line))
    kept = []
    for line in lines:
        if _PAGE_NUMBER.match(line.text) and (in_margin(line) or len(line.text) <= 9):
            continue
        if in_margin(line) and pages > 1 and repeated[re.sub(r"\d+", "#", line.text)] >= max(2, pages // 2):
            continue
        kept.append(line)
    return kept


def _without_toc(lines: list[Line]) -> tuple[list[Line], list[TocEntry]]:
    """Lines without a table of contents at the start (three or more entries ending in a page number), and its
    entries, each as deep as its indentation puts it."""
    entries = [i for i, line in enumerate(lines[:200]) if _TOC_ENTRY.match(line.text)]
    if len(entries) < 3:
        return lines, []
    block = [entries[0]]
    for index in entries[1:]:
        if index - block[-1] <= 2:
            block.append(index)
        elif len(block) >= 3:
            break
        else:
            block = [index]
    if len(block) < 3:
        return lines, []
    first = block[0]
    if first > 0 and CONTENTS_LINE.match(lines[first - 1].text):
        first -= 1
    listed = [lines[i] for i in range(block[0], block[-1] + 1) if _TOC_ENTRY.match(lines[i].text)]
    size = statistics.median(line.bottom - line.top for line in listed) or 12.0
    depths = entry_depths([line.x0 for line in listed], size / 2)
    contents = [
        TocEntry(match.group("title"), depth)
        for line, depth in zip(listed, depths, strict=True)
        if (match := _TOC_ENTRY.match(line.text))
    ]
    return lines[:first] + lines[block[-1] + 1 :], contents


def _paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Join lines into paragraphs by the layout: indent, short lines, gaps, markers, centred lines.
    Margins are measured per column: a left column ends far from the page's right edge."""
    if not lines:
        return []
    geometry = {
        column: _margins([line for line in lines if line.column == column])
        for column in {line.column for line in lines}
    }
    size = statistics.median([line.bottom - line.top for line in lines]) or 12.0
    pitch = statistics.median(
        [b.top - a.top for a, b in itertools.pairwise(lines) if b.page == a.page and b.top > a.top] or [size * 1.8]
    )
    body_size = statistics.median(line.size for line in lines)
    groups: list[list[Line]] = []
    previous: Line | None = None
    for line in lines:
        left = geometry[line.column][0]
        if previous is None or _starts_paragraph(
            line, previous, left, geometry[previous.column][1], size, pitch, body_size
        ):
            groups.append([])
        groups[-1].append(line)
        previous = line
    levels = _heading_looks(groups)
    paragraphs: list[Paragraph] = []
    for index, group in enumerate(groups):
        # A tab run kept inside one line (a heading and its first item) parts them, as in a .docx.
        for piece in split_at_tab_runs("".join(line.text for line in group)):
            paragraphs.append(Paragraph(piece, len(paragraphs) + 1, level=levels.get(index)))
    return paragraphs


Look = tuple[float, str]
# Font names that say bold (a Bold weight, or a 黑体 face: GB/T 9704 sets level-1 headings in 黑体).
_BOLD_FONT = lazy_compile(r"bold|black|heavy|semibold|demi|hei|黑", re.IGNORECASE)
_HEADING_LOOK_MAX = 40  # characters: a heading set apart by its font is a short line


def _heading_looks(groups: list[list[Line]]) -> dict[int, int]:
    """Levels of the paragraphs that are headings by their look alone: short lines with no marker and no sentence,
    set larger than the body text, or bold, or in another face (when two or more paragraphs are). Larger looks
    are higher levels; a look seen only above the first body paragraph is the title's, not a heading's."""
    weight = Counter[Look]()
    for group in groups:
        for line in group:
            weight[(line.size, line.font)] += len(line.text)
    if not weight:
        return {}
    body = weight.most_common(1)[0][0]
    first_body = next((i for i, g in enumerate(groups) if all((ln.size, ln.font) == body for ln in g)), len(groups))
    found: dict[int, Look] = {}
    for index, group in enumerate(groups):
        look = (group[0].size, group[0].font)
        text = "".join(line.text for line in group)
        if (
            index > first_body
            and all((line.size, line.font) == look for line in group)
            and _stands_out(look, body)
            and len(text) <= _HEADING_LOOK_MAX
            and not MARKER.match(text)
            and not re.search(r"[。；！？，,;:：]", text)
        ):
            found[index] = look
    if len(found) < 2:
        return {}
    ranked = sorted(set(found.values()), key=lambda look: (-look[0], not _BOLD_FONT.search(look[1]), look[1]))
    return {index: ranked.index(look) + 1 for index, look in found.items()}


def _stands_out(look: Look, body: Look) -> bool:
    """A look that sets a line apart from the body text: larger, or as large and bold or in another face."""
    size, font = look
    if size > body[0] + 0.5:
        return True
    return (
        size >= body[0] - 0.5
        and font != body[1]
        and (bool(_BOLD_FONT.search(font)) or _family(font) != _family(body[1]))
    )


def _family(font: str) -> str:
    """A font's family without its weight (NotoSerifCJKsc-Bold -> notoserifcjksc)."""
    return re.sub(
        r"[-,]?(?:bold|black|heavy|semibold|demibold|medium|regular|light|italic)+$", "", font, flags=re.I
    ).lower()


def _margins(lines: list[Line]) -> tuple[float, float]:
    """Where the lines of a column start (the leftmost start two lines or more share: where wrapped lines
    begin, whatever share of the lines are indented first lines and headings) and end (the 90th percentile:
    full lines)."""
    starts = Counter(round(line.x0) for line in lines)
    shared = [x for x, count in starts.items() if count >= 2]
    left = min(shared) if shared else starts.most_common(1)[0][0]
    ends = [line.x1 for line in lines]
    right = statistics.quantiles(ends, n=10)[-1] if len(ends) >= 10 else max(ends)
    return left, right


def _starts_paragraph(
    line: Line, previous: Line, left: float, right: float, size: float, pitch: float, body_size: float
) -> bool:
    """Whether a line opens a new paragraph rather than continuing the one before (`right`: where full
    lines of the previous line's column end; `body_size`: the body text's font size)."""
    display = previous.size > body_size + 0.5
    if display and (line.size, line.font) == (previous.size, previous.font) and line.page == previous.page:
        # A title (or a heading) set larger than the text and broken over two lines is one paragraph.
        return line.top - previous.bottom > previous.size * 1.5
    if display or line.size > body_size + 0.5:
        return True
    if line.x0 - left >= size * 1.2:  # indented (a first line, a centred title, a right-aligned signature)
        return True
    if MARKER.match(line.text) and re.search(r"[。；！？：;:]$", previous.text):
        return True  # a numbered line after a line that ended a sentence: a new item (lines cut by soft breaks)
    if previous.x1 < right - size * 1.5:  # the line before stopped short: its paragraph ended there
        return True
    if line.page == previous.page and line.top - previous.top > pitch * 1.6:
        return True
    return bool(MARKER.match(line.text)) and previous.x1 < right - size * 0.5
