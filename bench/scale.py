"""Issue 24's benches: big phrase banks, cold starts, a terminal that never answers cursor position requests,
and mining an archive of distinct text. Each figure is measured for this checkout and, with `--before DIR`, for
another checkout of drafter with its own .venv (the code before the change), in the same run, beside a
baseline measured in the same run. Timings are the median of several runs (wall clock) and, for cold
processes, the least CPU time (user + system) of the child: on a shared machine the CPU time moves much less
than the wall clock. Peak memory is the resident memory of the whole process tree, sampled every 50 ms."""

from __future__ import annotations

import atexit
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bench.run import tree_rss

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "2023年度工作总结汇编.txt"
Row = tuple[str, str, str]
BANK_SIZE = 300_000
# What a person types in the picker: a word found nowhere (every character of it is in the bank), two words
# never in one phrase, common words, one character, a long word.
QUERIES = ("计审督监", "聚焦主责主业 群众满意", "预算执行审计", "审计 整改 落实", "的", "工作 强化")


@dataclass(frozen=True)
class Tree:
    """A checkout of drafter with its own virtual environment."""

    name: str  # after / before
    path: Path

    @property
    def python(self) -> str:
        """Its Python."""
        return str(self.path / ".venv" / "bin" / "python")

    def run(self, code: str, *args: str, env: dict[str, str] | None = None, timeout: float = 3600) -> str:
        """Run Python code with this checkout's Python, in the checkout; its standard output."""
        done = subprocess.run(
            [self.python, "-c", textwrap.dedent(code), *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            env=child_env(env),
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{self.name}: {done.stderr[-2000:]}")
        return done.stdout


def trees(before: Path | None) -> list[Tree]:
    """This checkout, and the one before the change when given and set up."""
    found = [Tree("after", ROOT)]
    if before is not None and (before / ".venv" / "bin" / "python").exists():
        found.append(Tree("before", before))
    return found


# --- measuring -------------------------------------------------------------------------------

# Bytecode for every measured process, kept apart from the checkouts. An installed drafter has its bytecode (pip
# compiles it when installing), as the baselines' packages have; a shell with PYTHONDONTWRITEBYTECODE=1 (this
# machine's) would make every drafter process compile drafter's source again while the baselines' packages do not.
_BYTECODE = Path(tempfile.gettempdir()) / f"drafter-bench-bytecode-{os.getpid()}"
atexit.register(shutil.rmtree, _BYTECODE, ignore_errors=True)


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured process: ours with `extra`, its bytecode written and read under a prefix of
    the bench's own (the first run of a command writes it; the figures are of the runs after)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(_BYTECODE), **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold(
    command: list[str],
    repeat: int = 9,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    empty_cache: Path | None = None,
) -> tuple[float, float]:
    """A command run as a fresh process `repeat` times: the median wall clock and the least CPU time, seconds.
    With `empty_cache`, every run has an empty cache directory of its own under it (a first run on a new machine)."""
    walls, cpus = [], []
    for run in range(repeat):
        extra = {**(env or {}), **({"DRAFTER_CACHE_DIR": str(empty_cache / str(run))} if empty_cache else {})}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=child_env(extra), check=True, capture_output=True, timeout=600)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), min(cpus)


def measured(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the whole tree and its peak resident memory (MB) of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=child_env(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss(child.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        raise RuntimeError(f"{command} failed: {child.stderr.read().decode()[-2000:] if child.stderr else ''}")
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, peak / 1e6


def pty_cpu(pid: int) -> float:
    """CPU seconds a process has used so far (user + system, /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def terminal(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> object:
    """A program in a pseudo-terminal that never answers cursor position requests (pexpect's)."""
    import pexpect

    full = child_env({"TERM": "xterm", "COLUMNS": "120", "LINES": "40", **(env or {})})
    full.pop("PROMPT_TOOLKIT_NO_CPR", None)
    return pexpect.spawn(args[0], args[1:], cwd=str(cwd), env=full, encoding="utf-8", timeout=600, dimensions=(40, 120))


def first_prompt(args: list[str], cwd: Path, expect: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds from starting a program in a terminal to its prompt `expect` on the screen (a wizard
    writes to a new file each time: no answers to resume)."""
    if "-o" in args:
        args = list(args)
        args[args.index("-o") + 1] = tempfile.mktemp(suffix=".docx", dir=cwd)
    start = time.perf_counter()
    child = terminal(args, cwd, env)
    child.expect_exact(expect)  # type: ignore[attr-defined]
    wall, cpu = time.perf_counter() - start, pty_cpu(child.pid)  # type: ignore[attr-defined]
    child.close(force=True)  # type: ignore[attr-defined]
    return wall, cpu


def repeated(measure: Callable[[], tuple[float, float]], repeat: int) -> tuple[float, float]:
    """Median wall clock and least CPU time of several measurements."""
    runs = [measure() for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), min(c for _, c in runs)


def ms(seconds: float) -> str:
    """Seconds as milliseconds."""
    return f"{seconds * 1000:.0f} ms"


# --- big banks ---------------------------------------------------------------------------------


def big_templates(tree: Tree, scratch: Path) -> Path:
    """The tree's own templates with a 审计 bank of BANK_SIZE phrases, written in the tree's own bank format: the
    committed banks' phrases over and over, each copy with half of its clauses rewritten by the copy's own
    substitution of characters (as bench/distinct_corpus.py makes an archive: text that does not repeat, so
    an index of it is as big as a real bank's) and a figure at the end (no two texts alike)."""
    target = scratch / f"templates-{tree.name}"
    shutil.copytree(tree.path / "templates", target, ignore=shutil.ignore_patterns("reviews.yaml", "*.lock"))
    tree.run(
        """
        import json, random, re, sys
        from pathlib import Path
        from drafter.bank.templates import load_bank, load_registry
        templates = Path("templates")
        seed = [p for g in load_registry(templates) for p in load_bank(templates, g)]
        pool = sorted({ch for p in seed for ch in p.text if "\u4e00" <= ch <= "\u9fff"})
        piece = re.compile(r"\\{[^{}]*\\}|[^，。；：！？、{}]+")  # a slot, or a clause outside slots
        rng = random.Random(7)
        with open(Path(sys.argv[1]) / "phrases" / "shenji.jsonl", "w", encoding="utf-8") as out:
            for index in range(int(sys.argv[2])):
                copy, phrase = divmod(index, len(seed))
                cipher, copy_rng = {}, random.Random(copy)
                def rewrite(m):
                    c = m.group(0)
                    if copy == 0 or c.startswith("{") or len(c) < 6 or copy_rng.random() < 0.5:
                        return c
                    return c[:2] + "".join(
                        cipher.setdefault(ch, copy_rng.choice(pool)) if "\u4e00" <= ch <= "\u9fff" else ch
                        for ch in c[2:]
                    )
                p = seed[phrase]
                text = f"{piece.sub(rewrite, p.text)}（{rng.randint(1, 99_999)}）"
                data = p.model_copy(update={"id": f"p{index:09d}", "text": text, "count": rng.randint(1, 20)})
                data = data.model_dump(mode="json", exclude={"status"})
                data["genre"] = "shenji"
                out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\\n")
        """,
        str(target),
        str(BANK_SIZE),
    )
    return target


KEYSTROKES = """
import json, statistics, sys, time
from pathlib import Path
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from drafter.bank.templates import find_genre, load_registry
from drafter.writing.wizard.complete import PhraseCompleter
templates = Path(sys.argv[1])
genre = find_genre("审计", load_registry(templates))
start = time.perf_counter()
try:  # the one search: the picker's view of the indexed bank
    from drafter.bank.catalog import picker_view
    from drafter.bank.templates import open_bank
    bank = open_bank(templates, genre)
    completer = PhraseCompleter(picker_view(bank, bank, "measure", 2025))
except ImportError:  # before: the bank loaded as objects, the completer prepared over them
    from drafter.bank.templates import load_bank
    completer = PhraseCompleter([p for p in load_bank(templates, genre) if p.role in ("measure", "result", "case", "opener", "set_phrase")])
prepared = time.perf_counter() - start
times = {}
for typed in json.loads(sys.argv[2]):
    worst = []
    for end in range(1, len(typed) + 1):
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            list(completer.get_completions(Document(typed[:end]), CompleteEvent()))
            runs.append(time.perf_counter() - t)
        worst.append(min(runs))
    times[typed] = max(worst)
print(json.dumps({"prepared": prepared, "times": times}))
"""


def bench_banks(before: Path | None = None) -> list[Row]:
    """At BANK_SIZE phrases: the wizard's first prompt, /p opening, every keystroke of the picker, `drafter phrases
    --search` (time and memory), and what the first use of a bank changed since costs (its index built)."""
    rows: list[Row] = []
    scratch = Path(tempfile.mkdtemp(prefix="drafter-bench-banks-"))
    try:
        for tree in trees(before):
            templates = big_templates(tree, scratch)
            cache = scratch / f"cache-{tree.name}"
            env = {"DRAFTER_CACHE_DIR": str(cache), "DRAFTER_DATA_DIR": str(scratch / f"data-{tree.name}")}
            if tree.name == "after":  # the first use: the bank's index built into an empty cache
                seconds, cpu, peak = measured(
                    [
                        tree.python,
                        "-c",
                        "import sys; from pathlib import Path; from drafter.bank.search import Bank; "
                        "Bank.open(Path(sys.argv[1]))",
                        str(templates / "phrases" / "shenji.jsonl"),
                    ],
                    cwd=tree.path,
                    env=env,
                )
                rows.append(
                    (
                        f"[after] first use of a {BANK_SIZE:,}-phrase bank",
                        f"{seconds:.1f} s",
                        f"its index built once into the cache ({cpu:.1f} s CPU, peak {peak:.0f} MB); "
                        "mine builds it for the banks it writes",
                    )
                )
            bare_command = [tree.python, "-c", "import questionary; questionary.text('单位名称：').ask()"]
            bare = repeated(partial(first_prompt, bare_command, scratch, "单位名称"), 5)
            wizard = [
                tree.python,
                "-m",
                "drafter",
                "wizard",
                "审计",
                "-o",
                str(scratch / "out.docx"),
                "--templates",
                str(templates),
            ]
            prompt = repeated(partial(first_prompt, wizard, scratch, "单位名称", env), 5)
            if tree.name == "after":  # while the index is still to be built: it is built in the background
                empty = {**env, "DRAFTER_CACHE_DIR": str(scratch / "cache-empty")}
                unbuilt = first_prompt(wizard, scratch, "单位名称", empty)
                rows.append(
                    (
                        f"[after] wizard first prompt, {BANK_SIZE:,} phrases, index not built",
                        ms(unbuilt[0]),
                        "the index is built in the background meanwhile",
                    )
                )
            rows.append(
                (
                    f"[{tree.name}] wizard first prompt, {BANK_SIZE:,} phrases",
                    ms(prompt[0]),
                    f"{prompt[0] / bare[0]:.1f}x a bare questionary prompt ({ms(bare[0])}); target 600 ms",
                )
            )
            try:
                opened = ms(statistics.median(open_picker(wizard, scratch, env) for _ in range(3)))
            except Exception as error:  # the older wizard asks other questions: said, not fatal
                opened = f"not measured ({type(error).__name__})"
            rows.append(
                (
                    f"[{tree.name}] /p opens, {BANK_SIZE:,} phrases",
                    opened,
                    "target 50 ms (from Enter on /p to the picker on screen)",
                )
            )
            keys = json.loads(tree.run(KEYSTROKES, str(templates), json.dumps(QUERIES, ensure_ascii=False), env=env))
            worst = max(keys["times"].values())
            slowest = max(keys["times"], key=keys["times"].get)
            rows.append(
                (
                    f"[{tree.name}] picker keystroke, {BANK_SIZE:,} phrases",
                    f"{worst * 1000:.1f} ms",
                    f"the slowest of every keystroke of {len(QUERIES)} queries (“{slowest}”); "
                    f"prepared in {ms(keys['prepared'])}; target 20 ms",
                )
            )
            for query in ("预算执行审计", "计审督监"):
                command = [
                    tree.python,
                    "-m",
                    "drafter",
                    "phrases",
                    "审计",
                    "--search",
                    query,
                    "--templates",
                    str(templates),
                ]
                runs = [measured(command, cwd=scratch, env=env) for _ in range(3)]
                rows.append(
                    (
                        f"[{tree.name}] phrases --search {query}",
                        f"{statistics.median(r[0] for r in runs):.2f} s",
                        f"peak {max(r[2] for r in runs):.0f} MB (whole tree); target 0.5 s, 200 MB",
                    )
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return rows


def open_picker(wizard: list[str], scratch: Path, env: dict[str, str]) -> float:
    """Seconds from Enter on /p at the first body question to the picker's prompt on screen."""
    import pexpect

    fresh = list(wizard)
    fresh[fresh.index("-o") + 1] = tempfile.mktemp(suffix=".docx", dir=scratch)  # no answers to resume
    child = terminal(fresh, scratch, env)
    child.expect_exact("单位名称")  # type: ignore[attr-defined]
    child.send("\r")  # type: ignore[attr-defined]
    deadline = time.monotonic() + 600
    # Enter at every question (its suggestion) until the first body question; a busy machine may be slow to draw.
    # A question's line is drawn again once answered: a body question counts when no question follows it for a
    # while (an Enter that lands on one passes it, and the next part's body question does as well).
    body, question = "正文（可空）", r"\?(?:\x1b\[[0-9;]*m)* "
    while True:
        if time.monotonic() > deadline:
            raise RuntimeError("the wizard never reached a body question")
        at_body = child.expect([body, question], timeout=120) == 0  # type: ignore[attr-defined]
        if not at_body:
            at_body = child.expect([body, pexpect.TIMEOUT], timeout=1.0) == 0  # type: ignore[attr-defined]
        if at_body and child.expect([question, pexpect.TIMEOUT], timeout=2.0) == 1:  # type: ignore[attr-defined]
            break
        child.send("\r")  # type: ignore[attr-defined]
    time.sleep(0.5)
    child.send("/p")  # type: ignore[attr-defined]
    time.sleep(0.2)
    # From the Enter reaching the program: pexpect's send() first sleeps its delaybeforesend (50 ms).
    child.send("\r")  # type: ignore[attr-defined]
    start = time.perf_counter()
    child.expect_exact("输入词语筛选常用语", timeout=120)  # type: ignore[attr-defined]
    opened = time.perf_counter() - start
    child.close(force=True)  # type: ignore[attr-defined]
    return opened


# --- cold starts ---------------------------------------------------------------------------------


def cold_inputs(scratch: Path) -> dict[str, Path]:
    """A 30-page answers file and its docxtpl template and context, a 32-page messy .docx, and the baselines'
    scripts (docxtpl filling the template, python-docx opening and saving)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    import docx
    from docx_factory import build_messy_report

    from bench.run import DOCXTPL_PARAGRAPHS, _docxtpl_context, thirty_page_draft
    from drafter.bank.store import dump_yaml

    draft = thirty_page_draft().model_copy(update={"genre": "审计"})
    files = {
        "answers": scratch / "draft.answers.yaml",
        "template": scratch / "template.docx",
        "context": scratch / "context.json",
        "messy": scratch / "messy.docx",
        "docxtpl": scratch / "docxtpl_render.py",
        "opensave": scratch / "docx_open_save.py",
    }
    files["answers"].write_text(  # fields left at their defaults left out: older checkouts read it too
        dump_yaml(draft.model_dump(mode="json", exclude_none=True, exclude_defaults=True)), encoding="utf-8"
    )
    template = docx.Document()
    for text in DOCXTPL_PARAGRAPHS:
        template.add_paragraph(text)
    template.save(str(files["template"]))
    files["context"].write_text(json.dumps(_docxtpl_context(draft), ensure_ascii=False), encoding="utf-8")
    build_messy_report(files["messy"], sections=36)
    files["docxtpl"].write_text(
        "import json, sys\nfrom docxtpl import DocxTemplate\ndocument = DocxTemplate(sys.argv[1])\n"
        "document.render(json.load(open(sys.argv[2], encoding='utf-8')))\ndocument.save(sys.argv[3])\n"
    )
    files["opensave"].write_text("import sys\nimport docx\ndocx.Document(sys.argv[1]).save(sys.argv[2])\n")
    return files


# What a validated render cannot do without: the interpreter, click, the answers file read as YAML and validated as
# a Draft (pydantic, drafter.models), python-docx writing a document.
RENDER_FLOOR = """\
import io, sys
import click, docx, yaml
from drafter.models import Draft
Draft.model_validate(yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader))
docx.Document().save(io.BytesIO())
"""
# What the wizard cannot do without before its first question: the interpreter, click, the genre registry read and
# validated (pydantic, drafter.models, YAML), questionary asking.
WIZARD_FLOOR = """\
import sys
import click, questionary, yaml
from drafter.models import GenreRegistry
GenreRegistry.model_validate(yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader))
questionary.text("单位名称：").ask()
"""


def cold_floors(python: str, files: dict[str, Path], scratch: Path, docxtpl: float, bare_prompt: float) -> list[Row]:
    """The least a validated render and the wizard's first prompt can cost (see RENDER_FLOOR, WIZARD_FLOOR),
    against their baselines' CPU."""
    render = cold([python, "-c", RENDER_FLOOR, str(files["answers"])], cwd=ROOT)
    wizard = repeated(
        lambda: first_prompt(
            [python, "-c", WIZARD_FLOOR, str(ROOT / "templates" / "genres.yaml")], scratch, "单位名称"
        ),
        7,
    )
    return [
        (
            "floor: render",
            ms(render[0]),
            f"CPU {ms(render[1])}, {render[1] / docxtpl:.2f}x docxtpl: click, the answers validated as a Draft "
            "(pydantic, drafter.models, YAML), python-docx writing a document",
        ),
        (
            "floor: wizard first prompt",
            ms(wizard[0]),
            f"CPU {ms(wizard[1])}, {wizard[1] / bare_prompt:.2f}x a bare questionary prompt: click, the registry "
            "validated (pydantic, drafter.models, YAML), questionary",
        ),
    ]


def bench_cold(before: Path | None = None) -> list[Row]:
    """Fresh processes: `genres`, `--help`, `render` of 30 pages, `format` of 32 pages and the wizard's first
    prompt, each against its baseline in the same run."""
    rows: list[Row] = []
    scratch = Path(tempfile.mkdtemp(prefix="drafter-bench-cold-"))
    try:
        files = cold_inputs(scratch)
        python = Tree("after", ROOT).python
        bare_python = cold([python, "-c", "pass"])
        docxtpl = cold(
            [python, str(files["docxtpl"]), str(files["template"]), str(files["context"]), str(scratch / "tpl.docx")]
        )
        opensave = cold([python, str(files["opensave"]), str(files["messy"]), str(scratch / "os.docx")])
        bare_prompt = repeated(
            lambda: first_prompt(
                [python, "-c", "import questionary; questionary.text('单位名称：').ask()"], scratch, "单位名称"
            ),
            7,
        )
        rows.append(
            (
                "baselines",
                ms(bare_python[0]),
                f"python -c pass; docxtpl fills 30 pages {ms(docxtpl[0])} "
                f"(CPU {ms(docxtpl[1])}); python-docx opens+saves 32 pages {ms(opensave[0])} (CPU {ms(opensave[1])}); "
                f"a bare questionary prompt {ms(bare_prompt[0])} (CPU {ms(bare_prompt[1])})",
            )
        )
        rows += cold_floors(python, files, scratch, docxtpl[1], bare_prompt[1])
        for tree in trees(before):
            run = [tree.python, "-m", "drafter"]
            # The cache is the run's own: what a command keeps there is made by its first run here, as on a new machine.
            env = {
                "DRAFTER_DATA_DIR": str(scratch / f"data-{tree.name}"),
                "DRAFTER_CACHE_DIR": str(scratch / f"cache-{tree.name}"),
            }
            genres = cold([*run, "genres"], cwd=scratch, env=env)
            rows.append(
                (
                    f"[{tree.name}] genres",
                    ms(genres[0]),
                    f"CPU {ms(genres[1])}, {genres[1] / bare_python[1]:.1f}x python -c pass; target 150 ms",
                )
            )
            helped = cold([*run, "--help"], cwd=scratch, env=env)
            rows.append(
                (
                    f"[{tree.name}] --help",
                    ms(helped[0]),
                    f"CPU {ms(helped[1])}, {helped[1] / bare_python[1]:.1f}x python -c pass",
                )
            )
            render = cold(
                [*run, "render", str(files["answers"]), "-o", str(scratch / f"r-{tree.name}.docx"), "--force"],
                cwd=scratch,
                env=env,
            )
            rows.append(
                (
                    f"[{tree.name}] render 30 pages",
                    ms(render[0]),
                    f"CPU {render[1] / docxtpl[1]:.2f}x docxtpl, wall {render[0] / docxtpl[0]:.2f}x; target 1.0x",
                )
            )
            fmt = cold(
                [*run, "format", str(files["messy"]), "-o", str(scratch / f"f-{tree.name}.docx"), "--force"],
                cwd=scratch,
                env=env,
            )
            rows.append(
                (
                    f"[{tree.name}] format 32 pages",
                    ms(fmt[0]),
                    f"CPU {fmt[1] / opensave[1]:.1f}x python-docx open+save, wall {fmt[0] / opensave[0]:.1f}x; target 3x",
                )
            )
            first = cold(
                [*run, "format", str(files["messy"]), "-o", str(scratch / f"f1-{tree.name}.docx"), "--force"],
                cwd=scratch,
                env=env,
                empty_cache=scratch / f"first-{tree.name}",
            )
            rows.append(
                (
                    f"[{tree.name}] format 32 pages, first run",
                    ms(first[0]),
                    f"CPU {first[1] / opensave[1]:.1f}x python-docx open+save; an empty cache (a new machine, "
                    "or the genre registry or drafter changed since)",
                )
            )
            wizard = [
                *run,
                "wizard",
                "审计",
                "-o",
                str(scratch / "w.docx"),
                "--templates",
                str(tree.path / "templates"),
            ]
            prompt = repeated(lambda wizard=wizard, env=env: first_prompt(wizard, scratch, "单位名称", env), 7)
            rows.append(
                (
                    f"[{tree.name}] wizard first prompt",
                    ms(prompt[0]),
                    f"CPU {prompt[1] / bare_prompt[1]:.1f}x a bare questionary prompt, wall {prompt[0] / bare_prompt[0]:.1f}x; target 1.5x",
                )
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return rows


# --- a terminal without cursor position reports ---------------------------------------------------


def bench_cpr(before: Path | None = None) -> list[Row]:
    """From Enter on an answer to the next prompt on screen, in a terminal that never answers cursor position
    requests (prompt_toolkit's timeout is a second)."""
    rows: list[Row] = []
    scratch = Path(tempfile.mkdtemp(prefix="drafter-bench-cpr-"))
    try:
        for tree in trees(before):
            child = terminal(
                [
                    tree.python,
                    "-m",
                    "drafter",
                    "wizard",
                    "审计",
                    "-o",
                    str(scratch / f"{tree.name}.docx"),
                    "--templates",
                    str(tree.path / "templates"),
                ],
                scratch,
                {"DRAFTER_DATA_DIR": str(scratch / tree.name)},
            )
            child.expect_exact("单位名称")  # type: ignore[attr-defined]
            waits = []
            for answer, following in (("XX县审计局", "总结的年份"), ("2024", "成文日期"), ("", "标题：")):
                time.sleep(0.5)
                child.send(answer + "\r")  # type: ignore[attr-defined]
                sent = time.perf_counter()
                child.expect_exact(following)  # type: ignore[attr-defined]
                waits.append(time.perf_counter() - sent)
            child.close(force=True)  # type: ignore[attr-defined]
            rows.append(
                (
                    f"[{tree.name}] next prompt, terminal without CPR",
                    ms(statistics.median(waits)),
                    f"median of {len(waits)} answers; prompt_toolkit waits 1 s for an answer that never comes",
                )
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return rows


# --- distinct text ---------------------------------------------------------------------------------


def generate(out: Path, copies: int, keep: float, everything: bool) -> int:
    """bench/distinct_corpus.py's corpus; bytes written."""
    command = [sys.executable, str(ROOT / "bench" / "distinct_corpus.py"), str(SEED), str(out), str(copies), str(keep)]
    done = subprocess.run([*command, *(["--all"] if everything else [])], check=True, capture_output=True, text=True)
    return int(done.stdout.split()[-1])


def bench_distinct(before: Path | None = None, copies: int = 2800) -> list[Row]:
    """`drafter mine` of 272 MB of distinct text (KEEP 0, --all) and of the archive shape (KEEP 0.5): wall time, CPU
    time and whole-tree peak memory; the before side with --jobs 2, this checkout with its default (one per
    core)."""
    rows: list[Row] = []
    scratch = Path(tempfile.mkdtemp(prefix="drafter-bench-distinct-"))
    try:
        for label, keep, everything, target in (("distinct text", 0.0, True, 30), ("archive shape", 0.5, False, 20)):
            corpus = scratch / label.replace(" ", "-")
            megabytes = generate(corpus, copies, keep, everything) / 1e6
            for tree in trees(before):
                out = scratch / f"out-{tree.name}"
                jobs = [] if tree.name == "after" else ["--jobs", "2"]
                env = {
                    "DRAFTER_DATA_DIR": str(scratch / "data"),
                    "DRAFTER_CACHE_DIR": str(scratch / f"cache-{tree.name}"),
                }
                seconds, cpu, peak = measured(
                    [tree.python, "-m", "drafter", "mine", str(corpus), "-o", str(out), *jobs], cwd=scratch, env=env
                )
                rows.append(
                    (
                        f"[{tree.name}] mine {megabytes:.0f} MB {label}",
                        f"{seconds:.1f} s",
                        f"{megabytes / seconds:.1f} MB/s, {cpu:.0f} s CPU, peak {peak:.0f} MB (whole tree), "
                        f"{' '.join(jobs) or 'default jobs'}; target {target} s, 400 MB",
                    )
                )
                shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(corpus, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return rows


def bench_profile(before: Path | None = None, copies: int = 400) -> list[Row]:
    """Where mining's time goes now: cProfile of one process mining `copies` copies of distinct text, the top five
    functions of drafter by their own time (the before side is not profiled)."""
    import cProfile
    import pstats

    from drafter.mining.run import mine

    scratch = Path(tempfile.mkdtemp(prefix="drafter-bench-profile-"))
    try:
        corpus = scratch / "corpus"
        generate(corpus, copies, 0.0, True)
        profile = cProfile.Profile()
        profile.enable()
        mine([corpus], scratch / "out", jobs=1)
        profile.disable()
        stats = pstats.Stats(profile)
        total = sum(entry[2] for entry in stats.stats.values())  # type: ignore[attr-defined]
        own = sorted(
            (
                (entry[2], f"{Path(file).stem}.{name}")
                for (file, _, name), entry in stats.stats.items()  # type: ignore[attr-defined]
                if "drafter" in file
            ),
            reverse=True,
        )[:5]
        cumulative = sorted(
            (
                (entry[3], f"{Path(file).stem}.{name}")
                for (file, _, name), entry in stats.stats.items()  # type: ignore[attr-defined]
                if "drafter" in file and name not in ("mine", "mine_chunk", "_merge_all", "_mine_chunk_star")
            ),
            reverse=True,
        )[:5]
        rows = [
            (f"profile top {n}, own time", f"{share / total:.0%}", where) for n, (share, where) in enumerate(own, 1)
        ]
        rows += [
            (f"profile top {n}, with callees", f"{share / total:.0%}", where)
            for n, (share, where) in enumerate(cumulative, 1)
        ]
        return rows
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
