"""Benchmarks: each figure beside a baseline measured in the same run. Not part of the test suite."""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from drafter.models import Draft, DraftSection, Phrase

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
    """`drafter --help` against `cookiecutter --help` and `copier --help` (bench/requirements.txt)."""
    import shutil

    def timed(*command: str) -> float:
        return statistics.median(
            best_of(lambda: subprocess.run(list(command), check=True, capture_output=True), 1) for _ in range(7)
        )

    bin_dir = Path(sys.executable).parent
    drafter = timed(sys.executable, "-m", "drafter", "--help")
    rows = [
        (
            "drafter --help",
            f"{drafter * 1000:.0f} ms",
            f"{drafter / timed(sys.executable, '-c', 'pass'):.1f}x python -c pass",
        )
    ]
    for tool in ("cookiecutter", "copier"):
        executable = shutil.which(tool, path=str(bin_dir)) or shutil.which(tool)
        if executable is None:
            rows.append((f"{tool} --help", "not installed", "pip install -r bench/requirements.txt"))
            continue
        other = timed(executable, "--help")
        rows.append(
            (f"drafter --help vs {tool} --help", f"{other * 1000:.0f} ms", f"drafter is {drafter / other:.2f}x {tool}")
        )
    return rows


def _shift_figure(rng: random.Random, match: re.Match[str]) -> str:
    """A figure moved by a small random amount (years are left alone)."""
    figure = match.group(0)
    return str(int(figure) + rng.randint(0, 9)) if len(figure) < 4 else figure


def varied_corpus(directory: Path, copies: int) -> int:
    """Write `copies` varied copies of the seed (figures and placeholders changed); return bytes written."""
    text = SEED.read_text(encoding="utf-8")
    names = ["东城", "西岭", "南湖", "北山", "青溪", "白沙", "红岩", "金坪"]
    total = 0
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(copies):
        rng = random.Random(index)
        varied = re.sub(r"\d+", partial(_shift_figure, rng), text).replace("XX", rng.choice(names))
        path = directory / f"copy-{index:04d}.txt"
        path.write_text(varied, encoding="utf-8")
        total += path.stat().st_size
    return total


def _mine_run(corpus: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one `drafter mine` in a child process."""
    script = (
        "import resource, sys, time; from pathlib import Path; from drafter.mining.run import mine\n"
        "start = time.perf_counter(); mine([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[3]))\n"
        "seconds = time.perf_counter() - start\n"
        "usage = resource.getrusage\n"
        "peak = max(usage(resource.RUSAGE_SELF).ru_maxrss, usage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(seconds, peak / 1024)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(corpus), str(out), str(jobs)], check=True, capture_output=True, text=True
    )
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def bench_mining(sizes: tuple[int, ...] = (4, 40, 400)) -> list[tuple[str, str, str]]:
    """Mining throughput and peak memory on N varied copies of the seed, --jobs 1 and 2."""
    import tempfile

    rows = []
    per_mb: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for copies in sizes:
            corpus = Path(scratch) / f"corpus-{copies}"
            megabytes = varied_corpus(corpus, copies) / 1e6
            for jobs in (1, 2):
                seconds, peak = _mine_run(corpus, Path(scratch) / f"out-{copies}-{jobs}", jobs)
                if jobs == 1:
                    per_mb[copies] = seconds / megabytes
                rows.append(
                    (
                        f"mine {copies} copies ({megabytes:.1f} MB), --jobs {jobs}",
                        f"{megabytes / seconds:.2f} MB/s",
                        f"peak {peak:.0f} MB",
                    )
                )
    smallest = min(per_mb)
    for copies in sorted(per_mb):
        rows.append(
            (
                f"mine cost per MB, {copies} copies",
                f"{per_mb[copies] * 1000:.0f} ms/MB",
                f"{per_mb[copies] / per_mb[smallest]:.2f}x the {smallest}-copy run",
            )
        )
    return rows


def thirty_page_draft() -> Draft:
    """A draft of about 30 pages (22 lines of 28 characters each): 5 sections x 4 sub-sections x 3 items."""
    sentence = "坚持以新时代中国特色社会主义思想为指导，扎实推进各项工作落地见效，取得明显成效。"
    sections = [
        DraftSection(
            heading=f"第{i}方面工作扎实推进，成效明显",
            children=[
                DraftSection(
                    heading=f"聚焦第{j}项重点任务，全力抓好落实",
                    body=[sentence * 3],
                    children=[
                        DraftSection(heading=f"强化第{k}项措施", body=[sentence * 2, sentence]) for k in range(1, 4)
                    ],
                )
                for j in range(1, 5)
            ],
        )
        for i in range(1, 10)
    ]
    return Draft(
        org="XX县审计局",
        year=2024,
        preamble=sentence * 4,
        sections=sections,
        closing=sentence * 2,
        date=dt.date(2024, 12, 20),
    )


DOCXTPL_PARAGRAPHS = [
    "{{ title }}",
    "{{ preamble }}",
    "{%p for s in sections %}",
    "{{ s.marker }}{{ s.heading }}",
    "{%p for c in s.children %}",
    "{{ c.marker }}{{ c.heading }}",
    "{%p for b in c.body %}",
    "{{ b }}",
    "{%p endfor %}",
    "{%p for g in c.children %}",
    "{{ g.marker }}{{ g.heading }}{{ g.body[0] }}",
    "{%p for b in g.body[1:] %}",
    "{{ b }}",
    "{%p endfor %}",
    "{%p endfor %}",
    "{%p endfor %}",
    "{%p endfor %}",
    "{{ closing }}",
    "{{ org }}",
    "{{ date }}",
]


def _docxtpl_context(draft: Draft) -> dict[str, object]:
    """The same content as the draft, numbered, for the docxtpl template."""
    from drafter.render.layout import format_date, marker_for

    def node(section: DraftSection, depth: int, ordinal: int) -> dict[str, object]:
        return {
            "marker": marker_for(depth, ordinal),
            "heading": section.heading,
            "body": section.body,
            "children": [node(c, depth + 1, n) for n, c in enumerate(section.children, start=1)],
        }

    return {
        "title": "XX县审计局2024年工作总结",
        "preamble": draft.preamble,
        "closing": draft.closing,
        "org": draft.org,
        "date": format_date(draft.date) if draft.date else "",
        "sections": [node(s, 1, n) for n, s in enumerate(draft.sections, start=1)],
    }


def bench_render() -> list[tuple[str, str, str]]:
    """Rendering a 30-page draft: drafter against docxtpl filling an equivalent template, same run."""
    import io
    import tempfile

    import docx
    from docxtpl import DocxTemplate

    from drafter.render.docx import render_docx
    from drafter.render.layout import layout_draft

    draft = thirty_page_draft()
    characters = sum(len(b.text) + len(b.heading) for b in layout_draft(draft, "t"))
    with tempfile.TemporaryDirectory() as scratch:
        template_path = Path(scratch) / "template.docx"
        template = docx.Document()
        for text in DOCXTPL_PARAGRAPHS:
            template.add_paragraph(text)
        template.save(str(template_path))
        context = _docxtpl_context(draft)

        def with_docxtpl() -> None:
            document = DocxTemplate(str(template_path))
            document.render(context)
            document.save(io.BytesIO())

        ours = best_of(lambda: render_docx(layout_draft(draft, "XX县审计局2024年工作总结")), 3)
        theirs = best_of(with_docxtpl, 3)
    pages = characters / (22 * 28)
    return [
        (
            f"render {pages:.0f}-page draft (.docx)",
            f"{ours * 1000:.0f} ms",
            f"{ours / theirs:.2f}x docxtpl ({theirs * 1000:.0f} ms)",
        )
    ]


def ten_thousand_phrases() -> list[Phrase]:
    """A bank of 10,000 phrases built from the seed's phrases with varied figures."""
    from drafter.templates import load_bank, load_registry

    templates = ROOT / "templates"
    seed = [p for g in load_registry(templates) for p in load_bank(templates, g)]
    rng = random.Random(7)
    bank = []
    for index in range(10_000):
        base = seed[index % len(seed)]
        bank.append(
            base.model_copy(
                update={
                    "id": f"p{index:09d}",
                    "text": f"{base.text}（{rng.randint(1, 999)}）",
                    "count": rng.randint(1, 20),
                }
            )
        )
    return bank


def bench_phrase_search() -> list[tuple[str, str, str]]:
    """Per-keystroke latency of the wizard's phrase search on 10,000 phrases, against prompt_toolkit's WordCompleter."""
    from prompt_toolkit.completion import CompleteEvent, WordCompleter
    from prompt_toolkit.document import Document

    from drafter.wizard.complete import PhraseCompleter

    bank = ten_thousand_phrases()
    typed = "聚焦主责主业 审计"
    ours = PhraseCompleter(bank)
    theirs = WordCompleter([p.text for p in bank], match_middle=True, sentence=True)

    def keystrokes(completer: object) -> list[float]:
        times = []
        for end in range(1, len(typed) + 1):
            document = Document(typed[:end])
            start = time.perf_counter()
            list(completer.get_completions(document, CompleteEvent()))  # type: ignore[attr-defined]
            times.append(time.perf_counter() - start)
        return times

    ours_times, theirs_times = keystrokes(ours), keystrokes(theirs)
    worst, worst_baseline = max(ours_times), max(theirs_times)
    return [
        (
            "phrase search, 10,000 phrases, worst keystroke",
            f"{worst * 1000:.1f} ms",
            f"{worst / worst_baseline:.2f}x WordCompleter ({worst_baseline * 1000:.1f} ms)",
        ),
        (
            "phrase search, median keystroke",
            f"{statistics.median(ours_times) * 1000:.1f} ms",
            f"{statistics.median(ours_times) / statistics.median(theirs_times):.2f}x WordCompleter",
        ),
    ]


BENCHES = {
    "startup": bench_startup,
    "outline": bench_outline,
    "mining": bench_mining,
    "render": bench_render,
    "phrases": bench_phrase_search,
}


def main(argv: list[str] | None = None) -> None:
    """Run the named benchmarks (all by default) and print a table."""
    names = (argv if argv is not None else sys.argv[1:]) or list(BENCHES)
    print(f"{'benchmark':<40} {'figure':>14}  baseline ratio")
    for name in names:
        for label, figure, ratio in BENCHES[name]():
            print(f"{label:<40} {figure:>14}  {ratio}")


if __name__ == "__main__":
    main()
