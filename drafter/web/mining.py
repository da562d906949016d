"""Learning from the unit's past reports in the browser: `drafter mine` run in the background into the web's
templates folder, its progress, and the per-document list `mine --json` gives.

The web's templates folder is `--templates DIR` when the server was given one, else the drafts folder's own
templates/ (made by the first mining). Every page reads the templates from there, so what is mined is what the
start page, the skeleton, the phrases and the check use next. Mining again replaces those templates: the page
asks first, and the templates there before are kept beside them in a dated copy.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.errors import UserError

BUNDLED_LABEL = "drafter 自带的范文"
ZIP = "zip"  # the label of an uploaded zip's documents (named inside it as unpack_zip numbered them)
BACKUP_PREFIX = "templates.旧-"


@dataclass(frozen=True)
class Mined:
    """What a folder of templates holds, as the mine page tells it before replacing it."""

    genres: int
    documents: int
    when: dt.datetime


def templates_in(folder: Path) -> Mined | None:
    """The templates mining left in a folder (None when it holds none)."""
    from drafter.bank.store import load_yaml_model
    from drafter.models import Manifest

    manifest = folder / "manifest.yaml"
    if not manifest.is_file():
        return None
    when = dt.datetime.fromtimestamp(manifest.stat().st_mtime)
    try:
        counts = load_yaml_model(manifest, Manifest)
    except UserError:
        return Mined(0, 0, when)
    documents = [genre.documents for genre in counts.genres]
    return Mined(sum(1 for count in documents if count), sum(documents), when)


def backup(templates: Path, now: dt.datetime) -> Path:
    """A dated copy of the templates beside them (templates.旧-20251220-103000), before mining replaces them."""
    target = templates.with_name(f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}")
    number = 1
    while target.exists():
        number += 1
        target = templates.with_name(f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}-{number}")
    shutil.copytree(templates, target, ignore=shutil.ignore_patterns("*.lock", ".mine-*"))
    return target


def clerks_folder(typed: str, *, shared: bool) -> Path:
    """The folder of past reports a clerk typed: theirs to read on their own machine, refused on a shared server
    (where the server's folders are not the clerk's)."""
    if shared:
        raise UserError("多人共用时不能填写服务器上的文件夹，请把往年的总结打成 zip 压缩包上传。")
    path = Path(typed).expanduser()
    if not path.is_dir():
        raise UserError(f"找不到文件夹 {typed}。请填写本机上存放往年总结的文件夹，例如 D:\\往年总结。")
    return path


@dataclass(frozen=True)
class Row:
    """One document of the result as the page lists it: the file (as the clerk knows it), title, genre, outcome."""

    file: str
    title: str
    genre: str
    mined: bool
    reason: str
    bundled: bool = False  # one of drafter's own examples, mined alongside


class MineJob:
    """One mining run in the background: its phase, progress, and result (the `mine --json` contract)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = False
        self.done = self.total = 0
        self.started = 0.0
        self.seconds = 0.0
        self.error: str | None = None
        self.result: dict[str, Any] | None = None
        self.rows: list[Row] = []
        self.kept: Path | None = None  # the copy of the templates replaced
        self.target: Path | None = None

    def elapsed(self) -> int:
        """Seconds since the run started (or that it took)."""
        return round(time.monotonic() - self.started) if self.running else round(self.seconds)

    def start(
        self,
        sources: dict[Path, str],
        target: Path,
        *,
        replace: bool,
        cleanup: ExitStack | None = None,
    ) -> None:
        """Mine `sources` (each with the name the page shows for it) into `target` in a thread; templates already
        there are replaced only when `replace` (the clerk confirmed), after a dated copy is kept. `cleanup` is
        closed when the run is over (an uploaded zip's private folder)."""
        existing = templates_in(target)
        with self.lock:
            if self.running:
                raise UserError("已经在提炼中，请等这一次完成。")
            if existing is not None and not replace:
                raise UserError(
                    f"{target} 里已有 {existing.when:%Y-%m-%d %H:%M} 提炼的模板（{existing.documents} 篇总结）。"
                    "再提炼一次会替换它们：请勾选“替换现有模板”后再开始（原来的模板会另存一份）。"
                )
            self.running, self.done, self.total, self.error, self.result = True, 0, 0, None, None
            self.rows, self.kept, self.target, self.started = [], None, target, time.monotonic()
        thread = threading.Thread(target=self._run, args=(sources, target, existing is not None, cleanup), daemon=True)
        thread.start()

    def _run(self, sources: dict[Path, str], target: Path, replacing: bool, cleanup: ExitStack | None) -> None:
        from drafter.mining.run import mine

        def progress(done: int, total: int) -> None:
            self.done, self.total = done, total

        kept = None
        try:
            kept = backup(target, dt.datetime.now()) if replacing else None
            summary = mine(list(sources), target, progress=progress, force=True)
            self.result, self.kept = summary.contract(), kept
            self.rows = [_row(document, sources) for document in self.result["documents"]]
        except UserError as error:
            self.error = error.message
        except Exception as error:  # a background thread must report, not vanish
            self.error = f"提炼时出错：{error}"
        finally:
            if self.error is not None and kept is not None:
                shutil.rmtree(kept, ignore_errors=True)  # nothing was replaced: the copy is not needed
            if cleanup is not None:
                cleanup.close()
            self.seconds = time.monotonic() - self.started
            self.running = False


def _row(document: dict[str, Any], sources: dict[Path, str]) -> Row:
    """A document of the result named as the clerk knows it: its path inside the folder they gave, its name inside
    the zip, or drafter's own examples (never a private folder's path)."""
    path = Path(document["source"])
    source = next((s for s in sources if path == s or s in path.parents), None)
    label = sources[source] if source is not None else ""
    inner = path.relative_to(source).as_posix() if source is not None and path != source else path.name
    file = BUNDLED_LABEL if label == BUNDLED_LABEL else re.sub(r"^\d{4}-", "", inner) if label == ZIP else inner
    mined, reason = document["status"] == "mined", document["reason"] or ""
    return Row(file, document["title"] or "", document["genre"] or "", mined, reason, label == BUNDLED_LABEL)
