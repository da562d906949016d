"""Outline accuracy on the held-out set (tests/corpora/holdout, gold in tests/data/holdout.gold.json): documents
written to the genre's conventions by someone who had not read the parser or its test documents. Scored with the
shared tool (../shared/tools/score_outline.py) one format at a time and overall; every miss listed file by file.

    python -m bench.holdout [--score PATH] [--code DIR] [--misses]

--code runs another checkout's drafter (its directory goes first on PYTHONPATH): the figures before a change.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.layouts import _FIGURES, SCORE, outline

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "corpora" / "holdout"
GOLD = ROOT / "tests" / "data" / "holdout.gold.json"
FIELDS = ("title", "org", "date", "genre", "doc_number", "addressee")


def fold(text: str | None) -> str:
    """Fold stand-ins, bracket width and closing punctuation as the shared tool does before comparing."""
    text = (text or "").replace("党", "D").replace("微信", "AAA").replace("(", "（").replace(")", "）").replace(" ", "")
    return re.sub(r"[，。；：,.;:、\s]+$", "", text)


def shared_score(gold: list[dict], predicted: list[dict], score_tool: Path) -> dict[str, str]:
    """F1, titles and org/date as the shared tool prints them."""
    with tempfile.TemporaryDirectory(prefix="holdout-score-") as work:
        gold_file, pred_file = Path(work) / "gold.json", Path(work) / "pred.json"
        gold_file.write_text(json.dumps({"documents": gold}, ensure_ascii=False), encoding="utf-8")
        pred_file.write_text(json.dumps({"documents": predicted}, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(score_tool), str(gold_file), str(pred_file)], capture_output=True, text=True
        )
    figures = _FIGURES.search(done.stdout)
    return {k: figures.group(g) if figures else "?" for k, g in (("f1", "f1"), ("titles", "titles"), ("meta", "meta"))}


def by_file_f1(gold: list[dict], predicted: list[dict]) -> str:
    """Heading F1 with documents paired by file rather than by title (a wrong title then costs no headings),
    headings matched on the shared tool's key."""
    by_name = {Path(str(d["source"])).name: d for d in predicted}

    def key(h: dict) -> tuple[int, str, str]:
        return int(h["depth"]), str(h["number"]), fold(h["text"])[:6]

    tp = fp = fn = 0
    for expected in gold:
        want = [key(h) for h in expected["headings"]]
        have = [key(h) for h in by_name.get(expected["source"], {"headings": []})["headings"]]
        blocks = difflib.SequenceMatcher(a=want, b=have, autojunk=False).get_matching_blocks()
        matched = sum(b.size for b in blocks)
        tp, fn, fp = tp + matched, fn + len(want) - matched, fp + len(have) - matched
    return f"{2 * tp / (2 * tp + fp + fn):.3f}" if tp else "0.000"


def misses(gold: list[dict], predicted: list[dict]) -> list[str]:
    """Every field and heading that differs from the gold, file by file (headings as depth, number, marker+text)."""
    by_name = {Path(str(d["source"])).name: d for d in predicted}
    lines: list[str] = []
    for expected in gold:
        got = by_name.get(expected["source"])
        if got is None:
            lines.append(f"{expected['source']}: not read")
            continue
        found = [
            f"  {f}: expected {expected[f]!r}, got {got.get(f)!r}"
            for f in FIELDS
            if f in expected and (expected[f] or None) != (got.get(f) or None)
        ]
        want = [f"{h['depth']} {h['number'] or '·'} {h['marker']}{h['text']}" for h in expected["headings"]]
        have = [f"{h['depth']} {h['number'] or '·'} {h['marker']}{h['text']}" for h in got["headings"]]
        found += [
            f"    {line}"
            for line in difflib.unified_diff(want, have, lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))
        ]
        if found:
            lines += [expected["source"], *found]
    return lines


def main() -> None:
    """Print one row a format and the overall row; with --misses, every miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score", type=Path, default=SCORE)
    parser.add_argument("--code", type=Path, default=None)
    parser.add_argument("--misses", action="store_true")
    options = parser.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    predicted = outline([FOLDER / str(entry["source"]) for entry in gold], options.code)
    by_format: dict[str, list[dict]] = {}
    for entry in gold:
        by_format.setdefault(Path(entry["source"]).suffix, []).append(entry)
    print(f"{'format':<8} {'files':>5} {'F1':>6} {'by file':>8} {'titles':>8} {'org/date':>9} {'dates':>6}")
    for fmt, entries in [*sorted(by_format.items()), ("all", gold)]:
        names = {e["source"] for e in entries}
        mine = [d for d in predicted if Path(str(d["source"])).name in names]
        row = shared_score(entries, mine, options.score)
        paired = by_file_f1(entries, mine)
        dates = {Path(str(d["source"])).name: d.get("date") for d in mine}
        right = f"{sum(dates.get(e['source'], 'missing') == e['date'] for e in entries)}/{len(entries)}"
        print(f"{fmt:<8} {len(entries):>5} {row['f1']:>6} {paired:>8} {row['titles']:>8} {row['meta']:>9} {right:>6}")
    if options.misses:
        print("\n".join(misses(gold, predicted)))


if __name__ == "__main__":
    main()
