"""Benchmarks: each figure beside a baseline measured in the same run. Not part of the test suite."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "2023年度工作总结汇编.txt"


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_outline() -> list[tuple[str, str, str]]:
    """Outline parsing throughput on normal and flattened text, against decoding the same bytes."""
    from drafter.pipeline import outline_text

    text = SEED.read_text(encoding="utf-8")
    rows = []
    for label, sample in (("normal", text * 10), ("flattened", text.replace("\n", "") * 10)):
        megabytes = len(sample.encode("utf-8")) / 1e6
        encoded = sample.encode("utf-8")
        baseline = best_of(lambda encoded=encoded: encoded.decode("utf-8").splitlines())
        parse = best_of(lambda sample=sample: outline_text(sample), repeat=3)
        rows.append(
            (
                f"outline, {label} ({megabytes:.1f} MB)",
                f"{megabytes / parse:.1f} MB/s",
                f"{parse / baseline:.0f}x decode",
            )
        )
    return rows


def bench_startup() -> list[tuple[str, str, str]]:
    """`drafter --help` against a bare interpreter start."""

    def run(*args: str) -> None:
        subprocess.run([sys.executable, *args], check=True, capture_output=True)

    bare = statistics.median(best_of(lambda: run("-c", "pass"), 1) for _ in range(5))
    drafter = statistics.median(best_of(lambda: run("-m", "drafter", "--help"), 1) for _ in range(5))
    return [("drafter --help", f"{drafter * 1000:.0f} ms", f"{drafter / bare:.1f}x python -c pass")]


BENCHES = {"startup": bench_startup, "outline": bench_outline}


def main(argv: list[str] | None = None) -> None:
    """Run the named benchmarks (all by default) and print a table."""
    names = (argv if argv is not None else sys.argv[1:]) or list(BENCHES)
    print(f"{'benchmark':<40} {'figure':>14}  baseline ratio")
    for name in names:
        for label, figure, ratio in BENCHES[name]():
            print(f"{label:<40} {figure:>14}  {ratio}")


if __name__ == "__main__":
    main()
