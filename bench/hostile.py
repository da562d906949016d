"""Files from strangers (issue 19, part B): the probe's timing cases, each against a 30-page summary of the same
kind measured in the same run. Each command runs in a fresh process of its own; its time is the wall time of
that process (Python's start-up included) and its memory the peak resident size (RUSAGE_CHILDREN). Target:
at most 5 s and 500 MB, or refused within 1 s with a message; a refusal's time is also given after start-up
(beyond `drafter --help` in the same run: Python, click and drafter's command line), which is what the file
itself costs."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROSE = "全年完成审计项目54个,查出问题金额1.2亿元,推动整改落实,促进规范管理。"
TITLE = "县审计局2024年工作总结"
MEGABYTE = 1024 * 1024
# Runs a command and prints its wall time, its peak resident memory (KB) and its exit status, then the first line
# it wrote to stderr: a process of its own, so that RUSAGE_CHILDREN is that command's alone.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)
lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
print(lines[0] if lines else "")
"""


@dataclass(frozen=True)
class Measured:
    """What one command took, and whether it refused its input."""

    seconds: float
    megabytes: float
    message: str

    @property
    def refused(self) -> bool:
        """The command said 错误 (refused the file, or failed) rather than doing the work."""
        return self.message.startswith("错误")

    def holds(self, startup: float) -> bool:
        """The target: done (or refused) within 5 s and 500 MB, or refused within 1 s of start-up."""
        return (self.seconds <= 5 and self.megabytes <= 500) or (self.refused and self.seconds - startup <= 1)


def measure(*args: str) -> Measured:
    """`drafter ARGS` in a process of its own."""
    command = [sys.executable, "-m", "drafter", *args]
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    first, message = out.stdout.split("\n", 1)
    seconds, peak, _ = first.split()
    return Measured(float(seconds), int(peak) / 1024, message.strip())


def _text(path: Path, text: str) -> Path:
    """A UTF-8 text file."""
    path.write_text(text, encoding="utf-8")
    return path


def thirty_pages_md(scratch: Path) -> Path:
    """The 30-page draft of the other benchmarks, as Markdown (a text file a person typed)."""
    from bench.run import thirty_page_draft
    from drafter.output.render.layout import layout_draft
    from drafter.output.render.markdown import render_markdown

    return _text(scratch / "thirty.md", render_markdown(layout_draft(thirty_page_draft(), TITLE)))


def thirty_pages_docx(scratch: Path) -> Path:
    """The 30-page draft rendered to .docx."""
    from bench.run import thirty_page_draft
    from drafter.output.render.docx import render_docx
    from drafter.output.render.layout import layout_draft

    path = scratch / "thirty.docx"
    path.write_bytes(render_docx(layout_draft(thirty_page_draft(), TITLE)))
    return path


def pdf_pages(scratch: Path, pages: int) -> Path:
    """A PDF of `pages` pages of body text (tests/pdf_factory.py)."""
    from pdf_factory import build_pdf, report_page

    path = scratch / f"p{pages}.pdf"
    path.write_bytes(build_pdf([report_page(n) for n in range(pages)]))
    return path


def wide_pdf(scratch: Path) -> Path:
    """The probe's wide.pdf: three pages of 25 lines of 30 words, a MediaBox a billion points wide."""
    from pdf_factory import build_pdf, page_stream

    words = page_stream([" ".join(["word"] * 30)] * 25, size=10, cjk=False)
    path = scratch / "wide.pdf"
    path.write_bytes(build_pdf([words] * 3, mediabox=(0, 0, 1_000_000_000, 842), cjk=False))
    return path


def ops_pdf(scratch: Path) -> Path:
    """The probe's ops.pdf: one page of 2,000,000 text operators (117 KB)."""
    from pdf_factory import build_pdf

    path = scratch / "ops.pdf"
    path.write_bytes(build_pdf([b"BT /F1 10 Tf " + b"1 0 0 1 10 10 Tm (a) Tj " * 2_000_000 + b"ET"], cjk=False))
    return path


def big_docx(scratch: Path, megabytes: int) -> Path:
    """The probe's mkbig.py: a .docx whose document.xml is `megabytes` MB of one repeated paragraph."""
    from docx_factory import docx_with_body

    paragraph = f"<w:p><w:r><w:t>{PROSE}</w:t></w:r></w:p>".encode()
    return docx_with_body(scratch / f"mb{megabytes}.docx", paragraph, megabytes * MEGABYTE // len(paragraph))


def many_paragraphs_docx(scratch: Path, count: int) -> Path:
    """A .docx of `count` paragraphs of prose: as many as drafter reads from one file."""
    from docx_factory import docx_with_body

    paragraph = f"<w:p><w:r><w:t>{PROSE}</w:t></w:r></w:p>".encode()
    return docx_with_body(scratch / f"paragraphs{count}.docx", paragraph, count)


def one_line(scratch: Path, megabytes: int) -> Path:
    """The probe's l.txt: a title and `megabytes` MB of prose in one line."""
    path = scratch / f"line{megabytes}.txt"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(TITLE)
        chunk = PROSE * 10_000
        for _ in range(megabytes * MEGABYTE // len(chunk.encode())):
            stream.write(chunk)
    return path


# (command, label, input, the baseline it is compared with)
CASES: list[tuple[str, str, Callable[[Path], Path], str]] = [
    (
        "check",
        "40,000 digits (d.txt)",
        lambda s: _text(
            s / "d.txt",
            f"{TITLE}\n一、主要工作\n" + "全年完成审计项目,推动整改落实。" * 600 + "\n金额" + "1" * 40_000 + "元的\n",
        ),
        "md",
    ),
    (
        "check",
        "40,000 × 审 (s.txt)",
        lambda s: _text(s / "s.txt", f"{TITLE}\n一、主要工作\n" + "审" * 40_000 + "\n"),
        "md",
    ),
    ("check", "1 MB paragraph", lambda s: _text(s / "p1.txt", f"{TITLE}\n" + PROSE * (MEGABYTE // 103) + "\n"), "md"),
    (
        "check",
        "5 MB paragraph",
        lambda s: _text(s / "p5.txt", f"{TITLE}\n" + PROSE * (5 * MEGABYTE // 103) + "\n"),
        "md",
    ),
    ("format", "1 MB paragraph", lambda s: _text(s / "p1.txt", f"{TITLE}\n" + PROSE * (MEGABYTE // 103) + "\n"), "md"),
    (
        "format",
        "5 MB paragraph",
        lambda s: _text(s / "p5.txt", f"{TITLE}\n" + PROSE * (5 * MEGABYTE // 103) + "\n"),
        "md",
    ),
    ("check", "200 MB one-line file (l.txt)", lambda s: one_line(s, 200), "md"),
    ("format", "200 MB one-line file (l.txt)", lambda s: one_line(s, 200), "md"),
    ("outline", "PDF 1e9 points wide (wide.pdf)", wide_pdf, "pdf"),
    ("outline", "PDF of 2,000,000 text operators", ops_pdf, "pdf"),
    ("outline", "PDF of 2,000 pages", lambda s: pdf_pages(s, 2000), "pdf"),
    ("format", "document.xml of 150 MB (mb150.docx)", lambda s: big_docx(s, 150), "docx"),
    ("check", "document.xml of 150 MB (mb150.docx)", lambda s: big_docx(s, 150), "docx"),
    # At the limits: the largest inputs drafter still reads.
    ("outline", "PDF of 300 pages (the page limit)", lambda s: pdf_pages(s, 300), "pdf"),
    ("format", ".docx of 20,000 paragraphs (the limit)", lambda s: many_paragraphs_docx(s, 20_000), "docx"),
    ("check", ".docx of 20,000 paragraphs (the limit)", lambda s: many_paragraphs_docx(s, 20_000), "docx"),
]


def bench_hostile() -> list[tuple[str, str, str]]:
    """Each probe case: time and peak memory, refused or done, against a 30-page summary in the same format."""
    sys.path.insert(0, str(ROOT / "tests"))
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        thirty = {"md": thirty_pages_md(scratch), "docx": thirty_pages_docx(scratch), "pdf": pdf_pages(scratch, 30)}
        startup = min(measure("--help").seconds for _ in range(3))
        rows.append(("start-up, drafter --help", f"{startup:.2f} s", "baseline of a refusal"))
        baselines: dict[tuple[str, str], Measured] = {}
        for command, label, build, kind in CASES:
            force = ["--force"] if command == "format" else []
            if (command, kind) not in baselines:
                baselines[command, kind] = base = measure(command, str(thirty[kind]), *force)
                rows.append(
                    (
                        f"{command}, 30-page summary (.{kind})",
                        f"{base.seconds:.2f} s, {base.megabytes:.0f} MB",
                        "baseline",
                    )
                )
            path = build(scratch)
            ran = measure(command, str(path), *force)
            path.unlink()
            base = baselines[command, kind]
            said = ran.message.split("：", 2)[-1][:28]  # after 错误： and the path: what the message says
            verdict = f"refused {ran.seconds - startup:.2f} s after start-up: {said}…" if ran.refused else "done"
            rows.append(
                (
                    f"{command}, {label}",
                    f"{ran.seconds:.2f} s, {ran.megabytes:.0f} MB",
                    f"{'holds' if ran.holds(startup) else 'MISSED'} ({verdict}); "
                    f"{ran.seconds / base.seconds:.1f}x time, {ran.megabytes / base.megabytes:.1f}x memory of 30 pages",
                )
            )
    return rows
