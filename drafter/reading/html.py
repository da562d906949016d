"""Web pages under a Word name -> paragraphs. Web systems often export a "Word" file that is really HTML, or a
web page saved as one file (MHTML); Word opens both. drafter reads their text itself, so that nothing they link to
(pictures, style sheets, scripts, frames) is ever fetched: opening a file must not tell anyone it was opened.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from drafter.errors import ReadError
from drafter.lazy import lazy_compile

# Tags whose start or end ends a paragraph.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Tags whose content is not text of the document.
_HIDDEN = frozenset(
    [
        "head",
        "script",
        "style",
        "template",
        "noscript",
        "object",
        "embed",
        "iframe",
        "frameset",
        "xml",
        "svg",
        "math",
        "title",
    ]
)
_HEADING = lazy_compile(r"^h([1-6])$")
_SPACES = lazy_compile(r"[ \t\r\n\f\v]+")
_META_CHARSET = lazy_compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class _Text(HTMLParser):
    """Collects the visible text of a page as (text, heading level) lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, int | None]] = []
        self.current: list[str] = []
        self.level: int | None = None
        self.hidden = 0
        self.preformatted = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A block starts a new line; a hidden element hides what it holds."""
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.end_line()
            heading = _HEADING.match(tag)
            if heading:
                self.level = int(heading.group(1))
            if tag == "pre":
                self.preformatted += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """<br/>, <hr/>: a line ends."""
        if tag in _BLOCKS:
            self.end_line()

    def handle_endtag(self, tag: str) -> None:
        """The end of a block ends the line; the end of a hidden element shows text again."""
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.end_line()
            if tag == "pre":
                self.preformatted = max(0, self.preformatted - 1)

    def handle_data(self, data: str) -> None:
        """Visible text, spaces folded as a browser folds them (but in <pre>)."""
        if self.hidden:
            return
        self.current.append(data if self.preformatted else _SPACES.sub(" ", data))

    def end_line(self) -> None:
        """The text gathered so far as a line (lines inside <pre> as they are)."""
        text = "".join(self.current).replace("\xa0", " ")
        for line in text.split("\n") if self.preformatted else [text]:
            if line.strip():
                self.lines.append((line.strip(), self.level))
        self.current = []
        self.level = None


def html_lines(markup: str) -> list[tuple[str, int | None]]:
    """The visible lines of a page and the heading level (h1–h6) of each; nothing is loaded."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    parser.end_line()
    return parser.lines


def decode_html(data: bytes, path: Path, declared: str | None = None) -> str:
    """A page's text: the charset its BOM, its MIME part or its <meta> declares, else UTF-8, else detected."""
    from drafter.reading.read import decode_text

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, path)
    match = _META_CHARSET.search(data[:8192])
    name = declared or (match.group(1).decode("ascii", "ignore") if match else None)
    codec = _codec(name)
    if codec is not None:
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_text(data, path)


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared charset (GB2312 and GBK are read as their superset GB18030)."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if codec in ("gb2312", "gbk", "euc_cn", "hz") else codec


def mhtml_page(data: bytes, path: Path) -> str:
    """The HTML of a web page saved as one file (the first text/html part of the MIME message)."""
    from email import message_from_bytes, policy

    message = message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return decode_html(payload, path, part.get_content_charset())
    raise ReadError(
        f"无法读取 {path}：它是一个保存成单个文件的网页（MHTML），但里面没有网页正文。"
        "请用 Word 打开它并另存为 .docx 后重试。",
        path=path,
    )


def read_html(path: Path, kind: str) -> list[tuple[str, int | None]]:
    """The lines of a file that is really a web page (`kind` html or mhtml), whatever its name says."""
    from drafter.errors import UserError
    from drafter.files import read_bytes

    try:
        data = read_bytes(path)
    except UserError as error:
        raise ReadError(error.message, path=path) from None
    markup = mhtml_page(data, path) if kind == "mhtml" else decode_html(data, path)
    lines = html_lines(markup)
    if not lines:
        raise ReadError(f"文件 {path} 实际上是一个网页（HTML），但里面没有可读的文字。请确认选对了文件。", path=path)
    return lines
