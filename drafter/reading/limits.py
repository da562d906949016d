"""How much drafter reads from one file, and how much of one paragraph a rule looks at.

Each limit is far above what a real document needs (a 30-page annual summary has some 100 paragraphs and
20,000 characters; its document.xml is under 1 MB; its longest paragraph is a few hundred characters) and far
below what keeps a run busy for minutes or gigabytes. Each is checked before the work it bounds, and the
message that refuses a file (or says a rule skipped part of a paragraph) names the limit.
"""

from __future__ import annotations

MEGABYTE = 1024 * 1024
MAX_TEXT_BYTES = 10 * MEGABYTE  # a .txt or .md file
MAX_XML_PART_BYTES = 10 * MEGABYTE  # one XML part of a .docx (word/document.xml …), unpacked
MAX_PARAGRAPHS = 20_000  # paragraphs of one file (non-blank lines of a text file, w:p of a .docx)
MAX_PDF_PAGES = 300
MAX_PDF_PAGE_CHARACTERS = 10_000  # a full A4 page of 3号 text holds about 600, of 小五 some 2,500
MAX_PDF_CHARACTERS = 600_000
PDF_SECONDS = 60.0  # the whole read of one PDF, whatever else held
# The characters of one paragraph that `check`'s rules and `format`'s normalisations read.
PARAGRAPH_RULE_CHARACTERS = 30_000


def megabytes(size: int) -> str:
    """A size in MB as a message gives it (10 MB, 0.5 MB)."""
    return f"{size / MEGABYTE:.0f} MB" if size >= MEGABYTE else f"{size / MEGABYTE:.1f} MB"


def wan(count: int) -> str:
    """A count as a message gives it before 字 or 段: in 万 where it is round (3 万), else in digits (300 )."""
    return f"{count // 10_000} 万" if count >= 10_000 and count % 10_000 == 0 else f"{count:,} "
