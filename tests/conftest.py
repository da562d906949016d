"""Shared fixtures: the seed corpus, its gold outline, and a scorer like shared/tools/score_outline.py."""

from __future__ import annotations

import atexit
import difflib
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "2023年度工作总结汇编.txt"
GOLD = Path(__file__).resolve().parent / "data" / "seed-outline.gold.json"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _pristine_templates() -> Path:
    """A copy of the repository's templates without what a checkout may have gathered (someone's review
    decisions, lock files): the tests see the templates as committed."""
    base = Path(tempfile.mkdtemp(prefix="drafter-test-templates-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    target = base / "templates"
    shutil.copytree(ROOT / "templates", target, ignore=shutil.ignore_patterns("reviews.yaml", "*.lock", ".mine-*"))
    return target


TEMPLATES = _pristine_templates()


@pytest.fixture(autouse=True)
def _own_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review decisions for the bundled templates go to a data directory of the test's own, not the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))


def fold(text: str | None) -> str:
    """Fold stand-ins and bracket width the way the gold scorer does."""
    text = (text or "").replace("党", "D").replace("微信", "AAA")
    text = text.replace("(", "（").replace(")", "）").replace(" ", "")
    return re.sub(r"[，。；：,.;:、\s]+$", "", text)


@dataclass
class Score:
    """Heading F1 and exact-match counts against the gold outline."""

    f1: float
    titles: int
    meta_ok: int
    meta_total: int
    documents: int


def score(documents: list[dict], gold_file: Path = GOLD) -> Score:
    """Score `drafter outline --json` documents against a gold outline (the seed's by default)."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["documents"]
    titles = [fold(d.get("title")) for d in documents]
    tp = fp = fn = title_ok = meta_ok = meta_total = 0
    for g in gold:
        best = difflib.get_close_matches(fold(g["title"]), titles, n=1, cutoff=0.6)
        if not best:
            fn += len(g["headings"])
            continue
        p = documents[titles.index(best[0])]
        title_ok += best[0] == fold(g["title"])

        def key(h: dict) -> tuple[int, str, str]:
            return (int(h["depth"]), str(h["number"]), fold(h["text"])[:6])

        gk, pk = [key(h) for h in g["headings"]], [key(h) for h in p["headings"]]
        matched = sum(b.size for b in difflib.SequenceMatcher(a=gk, b=pk, autojunk=False).get_matching_blocks())
        tp, fn, fp = tp + matched, fn + len(gk) - matched, fp + len(pk) - matched
        for field in ("org", "date"):
            if g.get(field):
                meta_total += 1
                meta_ok += fold(str(p.get(field) or "")) == fold(g[field])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(f1, title_ok, meta_ok, meta_total, len(gold))


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed corpus as text."""
    return SEED.read_text(encoding="utf-8")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the CLI in-process: exit code and everything printed; never a traceback."""
    from drafter.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return int(exit_info.value.code or 0), out + err
