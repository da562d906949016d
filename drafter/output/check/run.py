"""Run every check over files, and write corrected copies (--fix)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import UserError
from drafter.files import write_output
from drafter.lazy import lazy_compile
from drafter.mining.genres import load_genres
from drafter.mining.roles import section_roles
from drafter.models import OutlineSection
from drafter.output.check.content import HINT, check_figures, check_leftovers, check_register
from drafter.output.check.facts import check_facts
from drafter.output.check.findings import CheckedDocument, Finding
from drafter.output.check.layout import check_layout
from drafter.output.check.numbering import _marker_with, check_numbering
from drafter.output.check.usage import check_usage
from drafter.reading.clean import CleanReport, canonical_rules, stand_in_rules
from drafter.reading.pipeline import outline_document, read_paths
from drafter.reading.read import SourceText
from drafter.reading.split import split_documents, unflatten
from drafter.writing.target import LengthTarget, PartShare, against_target, parse_target, part_shares

PAGE_CHARS = 22 * 28
LONG, SHORT = 2.0, 0.3


@dataclass
class FileReport:
    """The findings of one file."""

    path: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.severity == "error" for f in self.findings)


@dataclass
class CheckResult:
    """Reports of the files read, and the files that could not be read."""

    reports: list[FileReport] = field(default_factory=list)
    failures: list[UserError] = field(default_factory=list)
    fixed: list[Path] = field(default_factory=list)


def documents_of(source: SourceText) -> list[CheckedDocument]:
    """The documents of a file, uncleaned (checks must see what was written)."""
    raw_documents = split_documents(unflatten(source.paragraphs), source.path, CleanReport())
    genres = load_genres()
    return [CheckedDocument(source.path, raw.paragraphs, outline_document(raw, genres)) for raw in raw_documents]


def check_document(
    doc: CheckedDocument, parts: list[tuple[str, str, int]] | None = None, target: LengthTarget | None = None
) -> list[Finding]:
    """Every content check of one document, in reading order."""
    findings = doc.too_long() + check_numbering(doc) + check_leftovers(doc) + check_figures(doc) + check_register(doc)
    findings += check_usage(doc) + check_facts(doc) + format_diagnosis(doc)
    findings += check_budget(doc, parts or [], target)
    return sorted(findings, key=lambda f: (f.paragraph is None, f.paragraph or 0))


# The text normalisations of `drafter format` that check reports too (numbering has its own checks).
DIAGNOSED_STEPS = ("punctuation", "quotes", "spaces")


def format_diagnosis(doc: CheckedDocument) -> list[Finding]:
    """What `drafter format` would normalise in the text, one finding a kind with its count and first place."""
    from drafter.output.formatting.normalise import STEPS, normalise
    from drafter.output.formatting.report import FormatReport

    report = FormatReport()
    for paragraph in doc.written():
        report.record(paragraph.line, paragraph.text, normalise(paragraph.text, DIAGNOSED_STEPS))
    findings = []
    for step in DIAGNOSED_STEPS:
        first = next((c for c in report.changes if c.step == step), None)
        if first is not None:
            findings.append(
                Finding(
                    f"format-{step}",
                    "warning",
                    f"{STEPS[step]}：{report.edited[step]} 处，如“{first.before}”→“{first.after}”。",
                    first.paragraph,
                    doc.path_of_line(first.paragraph),
                    "drafter format 可一并改正（drafter format --dry-run 逐处列出）。",
                )
            )
    return findings


def check_budget(
    doc: CheckedDocument, parts: list[tuple[str, str, int]], target: LengthTarget | None = None
) -> list[Finding]:
    """Characters per top-level section against the skeleton's figure for that part (the very figure the
    skeleton prints, or its share of the target), the closing left out; the page estimate; the target."""
    findings = []
    closing = closing_paragraph(doc)
    for section, share in matched_shares(doc, part_shares(parts, target)):
        size = _characters(section) - (len(closing) if closing and section is doc.outline.sections[-1] else 0)
        usual = share.characters
        if share.role in ("opening", "closing") or (target is None and usual < 200):
            continue
        said = "按篇幅目标这一部分约" if target else "同类总结这一部分一般约"
        if size > LONG * usual:
            findings.append(
                Finding(
                    "length-long",
                    "info",
                    f"“{section.marker}{section.heading}”约 {size} 字，{said} {usual} 字。",
                    section.line,
                    f"{section.marker}{section.heading}",
                    "精简或拆分。",
                )
            )
        elif size < SHORT * usual:
            findings.append(
                Finding(
                    "length-short",
                    "info",
                    f"“{section.marker}{section.heading}”只有约 {size} 字，{said} {usual} 字。",
                    section.line,
                    f"{section.marker}{section.heading}",
                    "补充具体做法和数据。",
                )
            )
    findings.append(page_estimate(doc))
    if target is not None:
        findings.append(target_finding(doc, target))
    return findings


def matched_shares(doc: CheckedDocument, shares: list[PartShare]) -> list[tuple[OutlineSection, PartShare]]:
    """Each top-level section with the skeleton part it stands for: the n-th section of a role with the n-th
    part of that role (a genre may have two 主要做法 parts of very different length)."""
    numbered = [share for share in shares if share.role not in ("opening", "closing")]
    roles = section_roles([s.heading for s in doc.outline.sections])
    seen: dict[str, int] = {}
    matched = []
    for section, role in zip(doc.outline.sections, roles, strict=True):
        of_role = [share for share in numbered if share.role == role]
        if of_role:
            matched.append((section, of_role[min(seen.get(role, 0), len(of_role) - 1)]))
        seen[role] = seen.get(role, 0) + 1
    return matched


# The 表态 that closes a report (今后，我局将……); 下一步 starts plan items, so it is not a cue here.
_CLOSING_START = lazy_compile(r"^.{0,20}?(?:今后|新的一年|展望|总之|面向未来|站在新的起点)")


def closing_paragraph(doc: CheckedDocument) -> str | None:
    """The closing paragraph: the outline's, or the last paragraph of the last part when it is a 表态 after
    that part's own content (the outline keeps it in a plan part, where it may be content)."""
    if doc.outline.closing:
        return doc.outline.closing
    if not doc.outline.sections:
        return None
    last = doc.outline.sections[-1]
    while last.children and not last.body:
        last = last.children[-1]
    if len(last.body) >= 2 and _CLOSING_START.match(last.body[-1]):
        return last.body[-1]
    return None


def page_estimate(doc: CheckedDocument) -> Finding:
    """Characters and pages of what is written, by the page estimate the wizard and skeleton use too."""
    characters, pages = written_size(doc)
    return Finding("length-total", "info", f"全文约 {characters} 字，约 {pages} 页（A4，每页 22 行 × 28 字）。")


def written_size(doc: CheckedDocument) -> tuple[int, int]:
    """Characters and pages of what is written."""
    from drafter.output.render.pages import estimate_paragraphs

    written = doc.written_in_full()
    return sum(len(p.text) for p in written), estimate_paragraphs([p.text for p in written], doc.outline.title)


def target_finding(doc: CheckedDocument, target: LengthTarget) -> Finding:
    """The difference between what is written and the length target."""
    characters, pages = written_size(doc)
    sentence, difference = against_target(target, characters, pages)
    over = difference > 0
    return Finding(
        "length-target",
        "warning" if over and target.limit else "info",
        sentence + "。",
        suggestion="压缩篇幅：先删去重复的表述和次要的做法。" if over else "",
    )


def recorded_target(text: str | None) -> LengthTarget | None:
    """The length target drafter recorded in a file (None when there is none, or it does not parse)."""
    if not text:
        return None
    try:
        return parse_target(text)
    except ValueError:
        return None


SKELETON_KIND = "空白提纲"


def is_blank_skeleton(doc: CheckedDocument, recorded_kind: str | None) -> bool:
    """A skeleton nothing has been written into yet: hints under every part and no text of one's own."""
    hints = doc.hints()
    if recorded_kind != SKELETON_KIND and len(hints) < 3:
        return False
    return bool(hints) and not any(_own_text(section.body) for section, _, _, _ in doc.walk())


def _own_text(body: list[str]) -> bool:
    """Body paragraphs other than hints and 【…】 placeholders."""
    from drafter.output.render.text import is_hint

    return any(not is_hint(text) and HINT.sub("", text).strip() for text in body)


def blank_skeleton_summary(doc: CheckedDocument) -> Finding:
    """One line for a blank skeleton: how many places are still to fill, instead of a finding for each."""
    parts = sum(1 for section, _, _, _ in doc.walk() if not section.children)
    slots = sum(len(HINT.findall(p.text)) for p in doc.written())
    return Finding(
        "blank-skeleton",
        "info",
        f"这是空白提纲：{parts + slots} 处待填写（{parts} 个部分的正文，{slots} 处【】空位）。",
        suggestion="写好各部分后删去提示和参考例句（Word 中为黄色底纹，Markdown 中为 > 引用），再运行 drafter check。",
    )


def _characters(section: OutlineSection) -> int:
    """Characters of a section with everything under it."""
    return len(section.heading) + sum(len(p) for p in section.body) + sum(_characters(c) for c in section.children)


def part_figures(genre_name: str | None, templates_option: Path | None) -> list[tuple[str, str, int]]:
    """The genre's skeleton parts as (role, heading, typical characters), in order (empty when unavailable)."""
    from drafter.bank.templates import find_genre, load_registry, load_skeleton, resolve_templates

    try:
        templates = resolve_templates(templates_option)
        genre = find_genre(genre_name or "通用", load_registry(templates))
        skeleton = load_skeleton(templates, genre)
    except UserError:
        return []
    return [(part.role, part.heading, part.guidance.length) for part in skeleton.parts]


def check_paths(
    paths: list[Path],
    *,
    templates_option: Path | None = None,
    fix: bool = False,
    force: bool = False,
    target: LengthTarget | None = None,
) -> CheckResult:
    """Check every supported file under `paths`; with fix, write X.fixed.ext beside each. The length target is
    `target`, else the one drafter recorded in the file."""
    result = CheckResult()
    typical: dict[str | None, list[tuple[str, str, int]]] = {}
    for source in read_paths(paths, result.failures):
        report = FileReport(source.path)
        documents = documents_of(source)
        for doc in documents:
            if is_blank_skeleton(doc, source.kind):
                report.findings.append(blank_skeleton_summary(doc))
                continue
            genre = source.genre or doc.outline.genre  # the genre drafter recorded, else the one read from it
            if genre not in typical:
                typical[genre] = part_figures(genre, templates_option)
            report.findings += check_document(doc, typical[genre], target or recorded_target(source.target))
        try:
            report.findings += check_layout(Path(source.path))
        except Exception as exc:  # a .docx python-docx can read paragraphs of but not styles
            report.findings.append(Finding("layout-unreadable", "info", f"无法检查版式（{type(exc).__name__}）。"))
        result.reports.append(report)
        if fix:
            try:
                result.fixed.append(fix_file(source, documents, force=force))
            except UserError as error:  # the findings are still worth printing, and the other files fixing
                result.failures.append(error)
    return result


# --- --fix -------------------------------------------------------------------------

_HALF_BRACKET_MARKER = lazy_compile(r"^(\s*)\(([一二三四五六七八九十]{1,3}|\d{1,2})\)")
_ARABIC_COMMA_MARKER = lazy_compile(r"^(\s*)(\d{1,2})、")


def fixed_text(text: str, line: int, renumber: dict[int, tuple[str, str]]) -> str:
    """One paragraph corrected: renumbering, bracket width, 1、 -> 1., stand-ins, truncated canonical expressions."""
    if line in renumber:
        old, new = renumber[line]
        stripped = text.lstrip()
        if stripped.startswith(old):
            text = text[: len(text) - len(stripped)] + new + stripped[len(old) :]
    text = _HALF_BRACKET_MARKER.sub(r"\1（\2）", text)
    text = _ARABIC_COMMA_MARKER.sub(r"\1\2.", text)
    for rule in [*stand_in_rules(), *canonical_rules()]:
        text, _ = rule.substitute(text)
    return text


FIXED_MARK = ".fixed"
_MARKDOWN_PREFIX = lazy_compile(r"^(\s{0,3}#{1,6}\s*)?(\*\*|__)?")


def fixed_path(path: Path) -> Path:
    """X.ext -> X.fixed.ext."""
    return path.with_name(f"{path.stem}{FIXED_MARK}{path.suffix}")


def fix_file(source: SourceText, documents: list[CheckedDocument], *, force: bool) -> Path:
    """Write X.fixed.ext beside X (never over X itself), in X's format, encoding and line ends."""
    path = Path(source.path)
    if path.stem.endswith(FIXED_MARK):
        raise UserError(
            f"{path} 已经是 --fix 写出的副本，不再生成 {fixed_path(path).name}。请改正原文件后重新检查。", path=path
        )
    target = fixed_path(path)
    renumber = _renumber_plan(documents)
    if path.suffix.lower() == ".docx":
        write_output(target, _fixed_docx(path, renumber), force=force)
    else:
        write_output(target, _fixed_text_file(path, renumber), force=force)
    return target


def _fixed_text_file(path: Path, renumber: dict[int, tuple[str, str]]) -> bytes:
    """A text or Markdown file corrected line by line; Markdown marks, encoding, BOM and line ends kept."""
    from drafter.files import read_bytes
    from drafter.reading.read import decode_text_as

    data = read_bytes(path)
    text, encoding = decode_text_as(data, path)
    markdown = path.suffix.lower() == ".md"
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        prefix = _MARKDOWN_PREFIX.match(line).group(0) if markdown else ""  # type: ignore[union-attr]
        lines.append(prefix + fixed_text(line[len(prefix) :], number, renumber))
    newline = "\r\n" if b"\r\n" in data else "\n"
    fixed = newline.join(lines) + (newline if text.endswith("\n") else "")
    bom = data[:3] if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        return bom + fixed.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return bom + fixed.encode("utf-8")


def _renumber_plan(documents: list[CheckedDocument]) -> dict[int, tuple[str, str]]:
    """For each sibling group with a jump, the markers it should have had, by line."""
    plan: dict[int, tuple[str, str]] = {}
    for doc in documents:
        for siblings in doc.sibling_groups():
            for ordinal, section in enumerate(siblings, start=1):
                if not section.marker or section.line is None:
                    continue
                wanted = _marker_with(section.marker, ordinal)
                if wanted != section.marker:
                    plan[section.line] = (section.marker, wanted)
    return plan


def _fixed_docx(path: Path, renumber: dict[int, tuple[str, str]]) -> bytes:
    """The .docx with paragraph texts corrected where they are stored, text node by text node: the rest of each
    run (pictures, symbols, fields, note references) and its formatting kept."""
    import io

    from drafter.reading.read import body_blocks, open_docx

    document = open_docx(path)
    text_tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
    for index, element in enumerate(body_blocks(document), start=1):
        if not element.tag.endswith("}p"):
            continue
        for position, node in enumerate(element.iter(text_tag)):
            old = node.text or ""
            new = fixed_text(old, index if position == 0 else -1, renumber)
            if new != old:
                node.text = new
                node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
