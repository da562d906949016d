"""The exact pages of a draft as LibreOffice lays them out (`drafter preview`), shown on request beside the A4 preview.

The .docx, the PDF and the PNG pages are made in a private folder deleted as soon as the pages are read; the
pages are then kept in memory under an opaque id, for this draft alone, until the clerk closes them, asks again,
or the server stops. Only one conversion runs at a time (LibreOffice is heavy on a shared office PC).
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from drafter.errors import UserError
from drafter.output.render.fonts import FontChoice
from drafter.web.security import private_folder
from drafter.writing.draft import DraftCore

KEPT_SETS = 4  # the latest pages of a few drafts; an older set is dropped when a newer one comes
NO_LIBREOFFICE = (
    "本机没有安装 LibreOffice，看不到排版后的真实页面。旁边的预览已按公文格式估算了分页；"
    "要看最终效果，请下载 Word 文稿，用 Word 或 WPS 打开。"
)


class NoPages(UserError):
    """The real pages cannot be made here (no LibreOffice, or it failed on this draft)."""


@dataclass
class RealPages:
    """One draft's pages as LibreOffice laid them out, as PNG images, and the fonts that stood in for missing ones."""

    id: str
    draft: str
    images: list[bytes]
    substitutes: dict[str, str]
    made: dt.datetime = field(default_factory=dt.datetime.now)


def available() -> bool:
    """LibreOffice is installed (the real pages can be made)."""
    from drafter.output import preview

    return preview.libreoffice() is not None


class PageStore:
    """The real pages made for the drafts, by opaque id, in memory only."""

    def __init__(self, kept: int = KEPT_SETS) -> None:
        self.kept = kept
        self.sets: OrderedDict[str, RealPages] = OrderedDict()
        self.lock = threading.Lock()
        self.converting = threading.Lock()

    def make(self, core: DraftCore, draft_id: str, fonts: FontChoice) -> RealPages:
        """Lay the draft out with LibreOffice now (blocking: run it off the event loop); its earlier pages go."""
        from drafter.output.preview import preview_docx
        from drafter.web.documents import draft_document

        if not available():
            raise NoPages(NO_LIBREOFFICE)
        data = draft_document(core, "docx", fonts)
        with self.converting, private_folder() as work:
            document = work / "草稿.docx"
            document.write_bytes(data)
            try:
                made = preview_docx(document, work / "页面", force=True)
            except UserError as error:
                shown = error.message.replace(str(document), "这份草稿")
                raise NoPages(f"没能生成排版后的页面：{shown}请下载 Word 文稿查看。") from None
            images = [page.read_bytes() for page in made.pages]
        if not images and made.pages_problem:
            raise NoPages(
                f"LibreOffice 排好了版，但没能把 PDF 转成图片（{made.pages_problem}）。请下载 Word 文稿查看。"
            )
        if not images:
            raise NoPages(
                "LibreOffice 排好了版，但本机没有把 PDF 转成图片的 pdftoppm（poppler-utils），看不到页面。"
                "请下载 Word 文稿查看。"
            )
        pages = RealPages(secrets.token_urlsafe(16), draft_id, images, made.substitutes)
        with self.lock:
            for old in [key for key, kept in self.sets.items() if kept.draft == draft_id]:
                del self.sets[old]
            self.sets[pages.id] = pages
            while len(self.sets) > self.kept:
                self.sets.popitem(last=False)
        return pages

    def image(self, pages_id: str, number: int) -> bytes:
        """Page `number` (from 1) of a set of pages."""
        with self.lock:
            pages = self.sets.get(pages_id)
        if pages is None or not 1 <= number <= len(pages.images):
            raise NoPages("这些页面已经关闭或过期。请回到写作页面，再点一次“查看排版后的真实页面”。")
        return pages.images[number - 1]

    def discard(self, pages_id: str) -> None:
        """Forget a set of pages (the clerk closed them)."""
        with self.lock:
            self.sets.pop(pages_id, None)
