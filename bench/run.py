"""Benchmarks: each figure beside a baseline measured in the same run. Not part of the test suite."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.hostile import bench_hostile
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
    """Outline throughput: the seed, the seed without line breaks, ten compilations in one file, one report a
    file; against decoding the same bytes."""
    import tempfile

    from drafter.reading.pipeline import outline_paths, outline_text

    text = SEED.read_text(encoding="utf-8")
    rows = []
    samples = (
        ("normal", text * 10),
        ("flattened", text.replace("\n", "") * 10),
        ("10 compilations in one file", text * 10),
    )
    for label, sample in samples[:2]:
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
    with tempfile.TemporaryDirectory() as scratch:
        compilations = Path(scratch) / "compilations.txt"
        compilations.write_text("\n".join([text] * 10), encoding="utf-8")
        per_file = Path(scratch) / "per-file"
        per_file_mb = distinct_corpus(per_file, 10) / 1e6
        for label, path, megabytes in (
            ("10 compilations in one file", compilations, compilations.stat().st_size / 1e6),
            ("one report a file (110 files)", per_file, per_file_mb),
        ):
            result = outline_paths([path])
            documents = len(result.outlines)
            seconds = best_of(lambda path=path: outline_paths([path]), repeat=3)
            rows.append(
                (f"outline, {label} ({megabytes:.1f} MB)", f"{megabytes / seconds:.1f} MB/s", f"{documents} documents")
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


def distinct_corpus(directory: Path, copies: int, keep: float = 0.5) -> int:
    """The archive shape of bench/distinct_corpus.py: `copies` copies of the seed's 11 reports, one a file,
    with half of each report's clauses rewritten per copy so that copies do not collapse; bytes written."""
    done = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).parent / "distinct_corpus.py"),
            str(SEED),
            str(directory),
            str(copies),
            str(keep),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.split()[-1])


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):  # the process ended meanwhile
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * 4096
        pending.extend(children.get(current, []))
    return total


def run_measured(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory of the whole process tree (MB) of a command, sampled every 50 ms."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss(child.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise RuntimeError(f"{command} failed with {child.returncode}")
    return seconds, peak / 1e6


def directory_size(directory: Path) -> int:
    """Bytes of every file under a directory."""
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def bench_mining(sizes: tuple[int, ...] = (40, 400, 1000)) -> list[tuple[str, str, str]]:
    """`drafter mine` on the distinct-corpus archive shape: MB/s, whole-tree peak memory, templates written."""
    import tempfile

    rows = []
    seconds_by: dict[tuple[int, int], float] = {}
    memory_by: dict[tuple[int, int], float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for copies in sizes:
            corpus = Path(scratch) / f"corpus-{copies}"
            megabytes = distinct_corpus(corpus, copies) / 1e6
            for jobs in (1, 2):
                out = Path(scratch) / f"out-{copies}-{jobs}"
                command = [sys.executable, "-m", "drafter", "mine", str(corpus), "-o", str(out), "--jobs", str(jobs)]
                seconds, peak = run_measured(command)
                seconds_by[(copies, jobs)], memory_by[(copies, jobs)] = seconds, peak
                written = directory_size(out) / 1e6
                rows.append(
                    (
                        f"mine {copies} copies ({megabytes:.1f} MB), --jobs {jobs}",
                        f"{megabytes / seconds:.2f} MB/s",
                        f"{seconds:.1f} s, peak {peak:.0f} MB (whole tree), wrote {written:.1f} MB ({written / megabytes:.2f}x)",
                    )
                )
            if copies == max(sizes):
                big = Path(scratch) / f"out-{copies}-2"
                rows += bench_templates(big)
    if (40, 2) in seconds_by and (400, 2) in seconds_by:
        rows.append(
            (
                "mine 400 / 40 copies, --jobs 2",
                f"{seconds_by[(400, 2)] / seconds_by[(40, 2)]:.1f}x time",
                "10x the input",
            )
        )
    if (400, 2) in memory_by and (1000, 2) in memory_by:
        rows.append(
            (
                "mine 1000 / 400 copies, --jobs 2",
                f"{memory_by[(1000, 2)] / memory_by[(400, 2)]:.2f}x memory",
                "2.5x the input",
            )
        )
    return rows


def bench_templates(templates: Path) -> list[tuple[str, str, str]]:
    """On templates mined from a big archive: `drafter genres`, loading one genre's bank, against `python -c pass`."""
    from drafter.bank.templates import load_bank, load_registry

    python = statistics.median(
        best_of(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 1) for _ in range(5)
    )
    genres_command = [sys.executable, "-m", "drafter", "genres", "--templates", str(templates)]
    listing = statistics.median(
        best_of(lambda: subprocess.run(genres_command, check=True, capture_output=True), 1) for _ in range(5)
    )
    registry = load_registry(templates)
    sizes = {g.id: len(load_bank(templates, g)) for g in registry}
    largest = next(g for g in registry if g.id == max(sizes, key=lambda k: sizes[k]))
    load = best_of(lambda: load_bank(templates, largest), 3)
    return [
        (
            "drafter genres, templates of the biggest archive",
            f"{listing * 1000:.0f} ms",
            f"{listing / python:.1f}x python -c pass",
        ),
        (f"load the largest bank ({sizes[largest.id]} phrases)", f"{load * 1000:.0f} ms", "target 500 ms"),
    ]


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
    from drafter.output.render.layout import format_date, marker_for

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

    from drafter.output.render.docx import render_docx
    from drafter.output.render.layout import layout_draft

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

        # render_docx builds its styled base document every time, as every `drafter render` does.
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


def bench_format() -> list[tuple[str, str, str]]:
    """`drafter format` on a 30-page messy .docx, against opening and saving the same file with python-docx (the
    least any python-docx formatter pays), same run. No cache: each round reads the file from disk."""
    import io
    import tempfile

    import docx

    sys.path.insert(0, str(ROOT / "tests"))
    from docx_factory import build_messy_report

    from drafter.models import FontTable
    from drafter.output.formatting.normalise import STEPS
    from drafter.output.formatting.run import format_one
    from drafter.reading.read import read_source

    with tempfile.TemporaryDirectory() as scratch:
        source = build_messy_report(Path(scratch) / "messy.docx", sections=36)
        characters = sum(len(p.text) for p in read_source(source).paragraphs)

        def open_and_save() -> None:
            docx.Document(str(source)).save(io.BytesIO())

        ours = best_of(lambda: format_one(source, None, list(STEPS), FontTable()), 3)
        floor = best_of(open_and_save, 3)
        _, report = format_one(source, None, list(STEPS), FontTable())
    pages = characters / (22 * 28)
    changes = sum(report.counts().values())
    return [
        (
            f"format {pages:.0f}-page messy .docx",
            f"{ours * 1000:.0f} ms",
            f"{ours / floor:.1f}x python-docx open+save ({floor * 1000:.0f} ms); {changes} changes; target 1 s",
        )
    ]


def many_phrases(count: int) -> list[Phrase]:
    """A bank of `count` phrases built from the committed banks' phrases, each made distinct by a figure."""
    from drafter.bank.templates import load_bank, load_registry

    templates = ROOT / "templates"
    seed = [p for g in load_registry(templates) for p in load_bank(templates, g)]
    rng = random.Random(7)
    return [
        seed[index % len(seed)].model_copy(
            update={
                "id": f"p{index:09d}",
                "text": f"{seed[index % len(seed)].text}（{rng.randint(1, 99_999)}）",
                "count": rng.randint(1, 20),
            }
        )
        for index in range(count)
    ]


CHROMIUM = Path("/usr/bin/chromium")
_SEARCH_TIMER = """() => {
  window.benchTimes = []; window.benchStart = null;
  document.body.addEventListener("htmx:beforeRequest", (e) => {
    if (e.detail.requestConfig.path.includes("/phrases")) window.benchStart = performance.now();
  });
  document.body.addEventListener("htmx:afterSwap", (e) => {
    if (e.detail.target && e.detail.target.id === "found" && window.benchStart !== null) {
      window.benchTimes.push(performance.now() - window.benchStart); window.benchStart = null;
    }
  });
}"""


def browser_keystrokes(url: str, typed: str) -> list[float]:
    """Each prefix of `typed` typed into the writing page's phrase search in Debian's chromium: seconds from the
    request leaving the page to the list swapped in (htmx's 150 ms pause after typing not counted). [] without chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    if not CHROMIUM.exists():
        return []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(url)
            page.evaluate(_SEARCH_TIMER)
            search = page.locator(".picker input[type=search]")
            search.focus()  # the first search loads the bank (once per server)
            page.wait_for_function("window.benchTimes.length === 1", timeout=120_000)
            for end in range(1, len(typed) + 1):
                search.fill(typed[:end])
                page.wait_for_function(f"window.benchTimes.length === {end + 1}", timeout=60_000)
            times: list[float] = page.evaluate("window.benchTimes.slice(1)")
        finally:
            browser.close()
    return [t / 1000 for t in times]


def bench_serve() -> list[tuple[str, str, str]]:
    """`drafter serve`: the first page after start, an autosave's round trip, the preview of a 30-page draft and
    a keystroke of the phrase search at 300k phrases, over HTTP as the browser sends them."""
    import json
    import shutil
    import tempfile
    import threading
    import urllib.parse
    import urllib.request

    import uvicorn

    from drafter.bank.store import dump_yaml
    from drafter.bank.templates import bank_path, find_genre, load_registry
    from drafter.output.render.docx import render_docx
    from drafter.output.render.layout import layout_draft
    from drafter.web.app import Settings, create_app
    from drafter.web.serve import free_port
    from drafter.writing.draft import DraftCore, library

    rows = []
    work = Path(tempfile.mkdtemp(prefix="drafter-bench-serve-"))
    user_data = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(work / "data")  # no unit profile or own phrases of the person running it
    try:
        # First page after start: process start to the start page served, against `drafter --help`.
        port = free_port("127.0.0.1")
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "drafter", "serve", "--no-browser", "--port", str(port), "--dir", str(work)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                        page.read()
                    break
                except (TimeoutError, urllib.error.URLError, ConnectionError):
                    time.sleep(0.01)
            first = time.perf_counter() - started
        finally:
            child.terminate()
            child.wait(timeout=20)
        helped = best_of(lambda: subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True), 3)
        rows.append(
            ("serve: first page after start", f"{first * 1000:.0f} ms", f"{first / helped:.1f}x drafter --help")
        )

        # A server over a folder with a 30-page draft, and templates whose 审计 bank holds 300k phrases.
        templates = work / "templates"
        shutil.copytree(ROOT / "templates", templates, ignore=shutil.ignore_patterns("reviews.yaml", "*.lock"))
        genre = find_genre("审计", load_registry(templates))
        bank = many_phrases(300_000)
        bank = [p.model_copy(update={"genre": genre.id, "role": "measure"}) for p in bank]
        bank_path(templates, genre.id).write_text(
            "".join(json.dumps(p.model_dump(mode="json"), ensure_ascii=False) + "\n" for p in bank), encoding="utf-8"
        )
        drafts = work / "drafts"
        drafts.mkdir()
        draft = thirty_page_draft().model_copy(update={"genre": "审计", "org": "XX县审计局", "year": 2025})
        (drafts / "长稿.answers.yaml").write_text(dump_yaml(draft.model_dump(mode="json", exclude_none=True)))
        settings = Settings(folder=drafts, templates_option=templates)
        port = free_port("127.0.0.1")
        server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.01)
        base = f"http://127.0.0.1:{port}/write/" + urllib.parse.quote("长稿")

        def get(url: str, timeout: float = 60) -> None:
            with urllib.request.urlopen(url, timeout=timeout) as page:
                page.read()

        def post(name: str, value: str) -> None:
            data = urllib.parse.urlencode({"name": name, "value": value}).encode()
            request = urllib.request.Request(base + "/answer", data, {"x-csrf-token": settings.guard.csrf})
            with urllib.request.urlopen(request, timeout=60) as page:
                page.read()

        core = DraftCore(draft.model_copy(deep=True), library(templates), work / "直接.answers.yaml")
        direct = best_of(lambda: (core.apply("closing", "今后，我局将继续努力。"), core.save()), 5)
        saved = statistics.median(
            best_of(lambda n=n: post("closing", f"今后，我局将继续努力{n}。"), 1) for n in range(20)
        )
        rows.append(
            (
                "serve: autosave round trip (30-page draft)",
                f"{saved * 1000:.0f} ms",
                f"{saved / direct:.1f}x apply + save in process",
            )
        )

        blocks_time = best_of(lambda: render_docx(layout_draft(draft, "标题")), 3)
        preview = statistics.median(best_of(lambda: get(base + "/preview"), 1) for _ in range(5))
        rows.append(
            (
                "serve: preview update, 30-page draft",
                f"{preview * 1000:.0f} ms",
                f"{preview / blocks_time:.2f}x render .docx",
            )
        )

        search = base + "/phrases?role=measure&q="
        get(search + urllib.parse.quote("审"), 900)  # the bank is loaded and indexed once, at the first keystroke
        typed = "聚焦主责主业 审计"
        keystrokes = [
            best_of(lambda end=end: get(search + urllib.parse.quote(typed[:end])), 3)
            for end in range(1, len(typed) + 1)
        ]
        from drafter.bank.catalog import picker_view
        from drafter.bank.templates import open_bank

        indexed = open_bank(templates, genre)
        completer = picker_view(indexed, indexed, "measure", 2025)
        in_process = max(
            best_of(lambda end=end: completer.matches(typed[:end], limit=20), 3) for end in range(1, len(typed) + 1)
        )
        rows.append(
            (
                "serve: phrase search keystroke, 300k",
                f"{max(keystrokes) * 1000:.0f} ms",
                f"median {statistics.median(keystrokes) * 1000:.0f} ms; in process {in_process * 1000:.1f} ms",
            )
        )
        browser = browser_keystrokes(base + "?part=" + urllib.parse.quote("sections[0]"), typed)
        if browser:
            rows.append(
                (
                    "serve: phrase search keystroke in chromium, 300k",
                    f"{max(browser) * 1000:.0f} ms",
                    f"median {statistics.median(browser) * 1000:.0f} ms; "
                    f"{statistics.median(browser) / statistics.median(keystrokes):.1f}x over plain HTTP",
                )
            )
        if shutil.which("soffice"):  # the real pages: LibreOffice's layout over HTTP, against drafter preview
            from drafter.output.preview import preview_docx

            rendered = work / "长稿.docx"
            rendered.write_bytes(render_docx(layout_draft(draft, "标题")))
            previewed = best_of(lambda: preview_docx(rendered, work / "预览", force=True), 1)
            request = urllib.request.Request(base + "/pages", b"", {"x-csrf-token": settings.guard.csrf})
            real = best_of(lambda: urllib.request.urlopen(request, timeout=600).read(), 1)
            rows.append(
                (
                    "serve: real pages (LibreOffice), 30 pages",
                    f"{real:.1f} s",
                    f"{real / previewed:.2f}x drafter preview",
                )
            )
        server.should_exit = True
    finally:
        if user_data is None:
            os.environ.pop("XDG_DATA_HOME", None)
        else:
            os.environ["XDG_DATA_HOME"] = user_data
        shutil.rmtree(work, ignore_errors=True)
    return rows


def bench_tiers() -> list[tuple[str, str, str]]:
    """The tier classifier on the hand-labelled sets: precision and recall of 常用语, against offering every mined
    phrase alike (the baseline: what a user met before the two tiers)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from tier_scoring import SETS, scores

    rows = []
    for name in SETS:
        result = scores(name)
        rows.append(
            (
                f"常用语 precision, {name} ({result.labelled} sentences)",
                f"{result.precision:.1%}",
                f"{result.right}/{result.predicted_common}; every mined phrase alike: {result.baseline:.1%}",
            )
        )
        rows.append(
            (
                f"常用语 recall, {name}",
                f"{result.recall:.1%}",
                f"{result.right}/{result.labelled_common} labelled 常用语",
            )
        )
    return rows


BENCHES = {
    "startup": bench_startup,
    "outline": bench_outline,
    "mining": bench_mining,
    "render": bench_render,
    "format": bench_format,
    "serve": bench_serve,
    "hostile": bench_hostile,
    "tiers": bench_tiers,
}


def main(argv: list[str] | None = None) -> None:
    """Run the named benchmarks (all by default) and print a table; `--before DIR`: issue 24's benches measure that
    checkout of drafter (with its own .venv) too, in the same run."""
    from bench import scale

    args = list(argv if argv is not None else sys.argv[1:])
    before = None
    if "--before" in args:
        at = args.index("--before")
        before = Path(args[at + 1])
        del args[at : at + 2]
    with_before = {
        "banks": scale.bench_banks,
        "cold": scale.bench_cold,
        "cpr": scale.bench_cpr,
        "distinct": scale.bench_distinct,
        "profile": scale.bench_profile,
    }
    names = args or [*BENCHES, *with_before]
    print(f"{'benchmark':<40} {'figure':>14}  baseline ratio", flush=True)
    for name in names:
        load = os.getloadavg()[0]
        rows = with_before[name](before) if name in with_before else BENCHES[name]()
        rows.append((f"load average ({name})", f"{load:.2f}", f"at the start; {os.getloadavg()[0]:.2f} at the end"))
        for label, figure, ratio in rows:
            print(f"{label:<40} {figure:>14}  {ratio}", flush=True)


if __name__ == "__main__":
    main()
