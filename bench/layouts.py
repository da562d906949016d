"""Outline accuracy on the layouts set (tests/corpora/layouts, gold in tests/data/layouts.gold.json), one format
at a time, scored with the shared tool (../shared/tools/score_outline.py) and with the dates counted apart.

    python -m bench.layouts [--score PATH] [--code DIR]

--code runs another checkout's drafter (its directory goes first on PYTHONPATH): the figures before a change.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "corpora" / "layouts"
GOLD = ROOT / "tests" / "data" / "layouts.gold.json"
SCORE = ROOT.parent.parent / "shared" / "tools" / "score_outline.py"
_FIGURES = re.compile(r"heading F1 (?P<f1>[\d.]+) .*titles (?P<titles>\d+/\d+), org/date (?P<meta>\d+/\d+)")


def outline(files: list[Path], code: Path | None) -> list[dict[str, object]]:
    """`drafter outline FILES --json`, run by this checkout or by the one at `code`."""
    environment = dict(os.environ)
    if code is not None:
        environment["PYTHONPATH"] = f"{code}{os.pathsep}{environment.get('PYTHONPATH', '')}"
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "outline", *map(str, files), "--json"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=code or ROOT,
        check=False,
    )
    return list(json.loads(done.stdout or '{"documents": []}')["documents"])


def score(fmt: str, gold: list[dict[str, object]], score_tool: Path, code: Path | None) -> dict[str, str]:
    """F1, titles, org/date (the shared tool) and dates (exact, file by file) for one format."""
    with tempfile.TemporaryDirectory(prefix="layouts-docx-") as work:
        if fmt == "docx":  # made from the documents' source each time (tests/layouts_corpus.py)
            sys.path.insert(0, str(ROOT / "tests"))
            from layouts_corpus import write_docx_files

            write_docx_files(Path(work))
        folder = Path(work) if fmt == "docx" else FOLDER
        predicted = outline([folder / f"{entry['name']}.{fmt}" for entry in gold], code)
    with tempfile.TemporaryDirectory(prefix="layouts-score-") as work:
        gold_file, pred_file = Path(work) / "gold.json", Path(work) / "pred.json"
        fields = ("title", "date", "org", "headings")
        gold_file.write_text(
            json.dumps({"documents": [{k: e[k] for k in fields if k in e} for e in gold]}, ensure_ascii=False),
            encoding="utf-8",
        )
        pred_file.write_text(json.dumps({"documents": predicted}, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(score_tool), str(gold_file), str(pred_file)], capture_output=True, text=True
        )
    figures = _FIGURES.search(done.stdout)
    dates = {Path(str(d["source"])).stem: d.get("date") for d in predicted}
    right = sum(dates.get(str(e["name"]), "missing") == e["date"] for e in gold)
    return {
        "f1": figures.group("f1") if figures else "?",
        "titles": figures.group("titles") if figures else "?",
        "org/date": figures.group("meta") if figures else "?",
        "dates": f"{right}/{len(gold)}",
    }


def main() -> None:
    """Print one row a format."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score", type=Path, default=SCORE)
    parser.add_argument("--code", type=Path, default=None)
    options = parser.parse_args()
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    print(f"{'format':<8} {'F1':>6} {'titles':>8} {'org/date':>9} {'dates':>7}")
    for fmt in data["formats"]:
        row = score(fmt, data["documents"], options.score, options.code)
        print(f"{fmt:<8} {row['f1']:>6} {row['titles']:>8} {row['org/date']:>9} {row['dates']:>7}")


if __name__ == "__main__":
    main()
