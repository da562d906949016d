"""Files from strangers, nothing lost (issue 19, part A: D1–D6, T3, U1, U4, U5): one test per reproduction of
../shared/probes/robustness.md."""

from __future__ import annotations

import errno
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from conftest import SEED, TEMPLATES, run
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx_factory import tiny_png

ANSWERS = (
    "genre: 审计\norg: XX县审计局\nyear: 2024\nsections:\n  - heading: 主要工作\n    body: [全年完成审计项目54个。]\n"
)
W = nsdecls("w")
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory and its bytes (lock files aside)."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def title_of(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The title `drafter outline --json` reads from a file."""
    code, out = run(["outline", str(path), "--json"], capsys)
    assert code == 0
    return json.loads(out)["documents"][0]["title"]


@pytest.fixture
def rendered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A report rendered by drafter (XX县审计局) as a.docx in tmp_path."""
    (tmp_path / "a.yaml").write_text(ANSWERS, encoding="utf-8")
    assert run(["render", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "a.docx")], capsys)[0] == 0
    return tmp_path / "a.docx"


# --- D1, D6: format decides every output before writing -----------------------------------


def test_d1_format_never_writes_over_another_input(
    rendered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "b.yaml"
    other.write_text(ANSWERS.replace("XX县审计局", "YY县统计局"), encoding="utf-8")
    named = tmp_path / "a.公文格式.docx"  # someone's document that happens to have the name of a's output
    assert run(["render", str(other), "-o", str(named)], capsys)[0] == 0
    before = named.read_bytes()
    code, output = run(["format", str(rendered), str(named), "--force"], capsys)
    assert named.read_bytes() == before, "an input of the run is never written over, even with --force"
    assert code == 1 and "是本次要排版的另一个文件" in output and "1 个没有写出" in output
    assert (tmp_path / "a.公文格式.公文格式.docx").exists(), "the other input is still formatted"


def test_d1_an_output_that_is_a_hard_link_to_an_input_is_refused(
    rendered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.公文格式.docx").hardlink_to(rendered)
    before = rendered.read_bytes()
    code, output = run(["format", str(rendered), "--force"], capsys)
    assert code == 1 and "就是原文件" in output and rendered.read_bytes() == before


@pytest.mark.parametrize("force", [False, True])
def test_d6_inputs_with_one_name_get_two_outputs(
    rendered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], force: bool
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("县统计局2024年工作总结\n一、主要工作\n完成统计调查12项。\n", encoding="utf-8")
    code, output = run(["format", str(rendered), str(text), *(["--force"] if force else [])], capsys)
    assert code == 0, output
    first, second = tmp_path / "a.公文格式.docx", tmp_path / "a(txt).公文格式.docx"
    assert title_of(first, capsys) == "XX县审计局2024年工作总结"
    assert title_of(second, capsys) == "县统计局2024年工作总结"
    # rich folds long paths at the console's width: compare without the white space it adds.
    assert f"{text}→{second}" in "".join(output.split()) and "占用原来的名字" in output


def test_d6_same_names_in_two_folders_with_out_dir(
    rendered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder, org in (("d1", "XX县审计局"), ("d2", "YY县统计局")):
        (tmp_path / folder).mkdir()
        (tmp_path / f"{org}.yaml").write_text(ANSWERS.replace("XX县审计局", org), encoding="utf-8")
        assert run(["render", str(tmp_path / f"{org}.yaml"), "-o", str(tmp_path / folder / "r.docx")], capsys)[0] == 0
    out = tmp_path / "od"
    code, output = run(
        ["format", str(tmp_path / "d1" / "r.docx"), str(tmp_path / "d2" / "r.docx"), "--out-dir", str(out)], capsys
    )
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["r(d2).公文格式.docx", "r.公文格式.docx"]
    assert title_of(out / "r.公文格式.docx", capsys).startswith("XX县审计局")
    assert title_of(out / "r(d2).公文格式.docx", capsys).startswith("YY县统计局")


# --- D2: a split paragraph keeps its runs and markup ---------------------------------------

# Elements that must all be there after the split (line breaks between the pieces become paragraph ends).
_KEPT = ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference", "sym", "delText")
# Containers a split may cut in two: the text inside each must stay inside one.
_HOLDERS = ("hyperlink", "ins", "del")


def _split_report(path: Path) -> Path:
    """A report whose paragraphs hold a heading and the next heading after a soft line break (or typed one after
    another), with a bookmark, a comment, a symbol, a hyperlink and tracked changes around them."""
    d = docx.Document()
    for text in ["县审计局2024年工作总结", "一、主要工作", "全年完成审计项目54个。"]:
        d.add_paragraph(text)
    split = d.add_paragraph()
    split._p.append(parse_xml(f'<w:bookmarkStart {W} w:id="9" w:name="_Toc1"/>'))
    first = split.add_run("二、工作亮点")
    first.add_break()
    second = split.add_run("（一）批注所在标题")
    d.add_comment([second], text="这个标题要改", author="王五", initials="WW")
    split._p.append(parse_xml(f'<w:r {W}><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'))
    split._p.append(
        parse_xml(
            f'<w:del {W} w:id="4" w:author="李四" w:date="2024-12-01T00:00:00Z"><w:r><w:delText>删掉的旧文字</w:delText></w:r></w:del>'
        )
    )
    body = d.element.body
    body.sectPr.addprevious(
        parse_xml(
            f'<w:p {W} {R}><w:bookmarkStart w:id="19" w:name="_Toc2"/><w:r><w:t>三、链接标题</w:t></w:r>'
            '<w:bookmarkEnd w:id="19"/><w:r><w:br/></w:r><w:hyperlink r:id="rIdLink1"><w:r><w:t>（一）见网站</w:t></w:r>'
            '</w:hyperlink><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>'
        )
    )
    body.sectPr.addprevious(
        parse_xml(
            f'<w:p {W}><w:r><w:t>四、工作亮点</w:t></w:r><w:r><w:br/></w:r><w:ins w:id="3" w:author="李四" '
            'w:date="2024-12-01T00:00:00Z"><w:r><w:t>（一）新增的标题</w:t></w:r></w:ins><w:del w:id="5" w:author="李四" '
            'w:date="2024-12-01T00:00:00Z"><w:r><w:delText>（一）删掉的旧标题</w:delText></w:r></w:del></w:p>'
        )
    )
    # Headings typed one after another in one run, inside a hyperlink: the run and the link are cut in two.
    body.sectPr.addprevious(
        parse_xml(
            f'<w:p {W} {R}><w:hyperlink r:id="rIdLink1"><w:r><w:rPr><w:b/></w:rPr><w:t>五、总体情况（一）组织领导</w:t>'
            "</w:r></w:hyperlink></w:p>"
        )
    )
    for text in ["县审计局", "2024年12月31日"]:
        d.add_paragraph(text)
    d.part.relate_to("https://example.gov.cn/x", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    d.save(path)
    _rename_relationship(path, "rIdLink1")
    return path


def _rename_relationship(path: Path, wanted: str) -> None:
    """Give the document's hyperlink relationship the id the paragraphs use."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = re.sub(r'Id="(rId\d+)"([^>]*hyperlink)', rf'Id="{wanted}"\2', rels)
    parts["word/_rels/document.xml.rels"] = rels.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _markup(path: Path) -> tuple[Counter[str], dict[str, str], str]:
    """Counts of the kept elements, the text inside each kind of holder, and all the text of document.xml."""
    root = docx.Document(str(path)).element.body
    counts = Counter(node.tag.split("}")[1] for node in root.iter(*(qn(f"w:{tag}") for tag in _KEPT)))
    held = {
        tag: "".join(
            t.text or "" for holder in root.iter(qn(f"w:{tag}")) for t in holder.iter(qn("w:t"), qn("w:delText"))
        )
        for tag in _HOLDERS
    }
    text = "".join(t.text or "" for t in root.iter(qn("w:t"), qn("w:delText")))
    return counts, held, text


def _text(paragraph: object) -> str:
    """A paragraph's text, tracked insertions included."""
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))  # type: ignore[attr-defined]


def test_d2_split_moves_the_runs_and_their_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _split_report(tmp_path / "split.docx")
    code, output = run(["format", str(source), "--skip", "序号,标点,引号,空格,空行"], capsys)
    assert code == 0, output
    result = tmp_path / "split.公文格式.docx"
    before, after = _markup(source), _markup(result)
    assert after[0] == before[0], "bookmarks, comment anchors, symbols and deleted text all kept"
    assert after[1] == before[1], "linked, inserted and deleted text stays linked, inserted, deleted"
    assert after[2] == before[2], "no text lost or retyped"
    styles = {_text(p._p): p.style.name for p in docx.Document(str(result)).paragraphs}
    assert styles["二、工作亮点"] == styles["三、链接标题"] == styles["四、工作亮点"] == styles["五、总体情况"]
    assert (
        styles["（一）批注所在标题"] == styles["（一）见网站"] == styles["（一）新增的标题"] == styles["（一）组织领导"]
    )
    assert styles["二、工作亮点"] != styles["（一）批注所在标题"], "the pieces became paragraphs of their own"
    document = docx.Document(str(result))
    links = document.element.body.findall(f".//{qn('w:hyperlink')}")
    assert {link.get(qn("r:id")) for link in links} == {"rIdLink1"}
    revision_ids = [node.get(qn("w:id")) for node in document.element.body.iter(qn("w:ins"), qn("w:del"))]
    assert len(revision_ids) == len(set(revision_ids)), "each revision keeps an id of its own"
    halves = [
        _text(r) for r in document.element.body.iter(qn("w:r")) if "总体情况" in _text(r) or "组织领导" in _text(r)
    ]
    assert halves == ["五、总体情况", "（一）组织领导"], "the run cut in two"


# --- D3: check --fix edits text where it is stored ----------------------------------------


def test_d3_fix_keeps_pictures_and_symbols_in_a_corrected_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = docx.Document()
    for text in ["县审计局2024年工作总结", "一、主要工作"]:
        d.add_paragraph(text)
    paragraph = d.add_paragraph()
    run_ = paragraph.add_run("全体D员参加学习。")
    picture = paragraph.add_run()
    picture.add_picture(io.BytesIO(tiny_png()), width=Mm(20))
    run_._r.append(picture._r.find(qn("w:drawing")))
    paragraph._p.remove(picture._r)
    run_._r.append(parse_xml(f'<w:sym {W} w:font="Wingdings" w:char="F0FC"/>'))
    source = tmp_path / "fix.docx"
    d.save(source)
    run(["check", "--fix", "--force", str(source)], capsys)
    fixed = docx.Document(str(tmp_path / "fix.fixed.docx"))
    body = fixed.element.body
    assert len(list(body.iter(qn("w:drawing")))) == 1 and len(list(body.iter(qn("w:sym")))) == 1
    assert len(fixed.inline_shapes) == 1
    assert "全体党员参加学习。" in [p.text for p in fixed.paragraphs]


# --- D4, D5, T3, U1: the templates directory ----------------------------------------------


def mined_copy(tmp_path: Path) -> Path:
    """A copy of the committed templates, with a review decision of the user's."""
    out = tmp_path / "templates"
    shutil.copytree(TEMPLATES, out, ignore=shutil.ignore_patterns("*.lock"))
    (out / "reviews.yaml").write_text("reviews: {}\n", encoding="utf-8")
    return out


def test_d4_mine_keeps_the_users_folders_that_look_like_staging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = mined_copy(tmp_path)
    for name in (".mine-notes", ".mine-staging-1-abcd"):  # a user's; one named like staging but without the mark
        (out / name).mkdir()
        (out / name / "keep.txt").write_text("别删我", encoding="utf-8")
    code, output = run(["mine", str(SEED), "-o", str(out)], capsys)
    assert code == 2 and ".mine-notes/keep.txt" in output, "they are listed as files drafter did not write"
    assert run(["mine", str(SEED), "-o", str(out), "--force"], capsys)[0] == 0
    for name in (".mine-notes", ".mine-staging-1-abcd"):
        assert (out / name / "keep.txt").read_text(encoding="utf-8") == "别删我"


def test_d4_staging_left_by_a_killed_run_is_still_removed(tmp_path: Path) -> None:
    from drafter.bank.templates import STAGING_MARK, resolve_templates
    from drafter.bank.templates import recover as recover_templates

    out = mined_copy(tmp_path)
    left = out / ".mine-staging-4242-x1y2z3w4"
    (left / "skeletons").mkdir(parents=True)
    (left / STAGING_MARK).write_text("", encoding="utf-8")
    recover_templates(out)
    assert not left.exists()
    assert resolve_templates(out) == out


@pytest.mark.parametrize(
    ("journal", "named"),
    [
        ({"staging": ".", "moves": [], "deletes": []}, "staging"),
        ({"staging": "", "moves": [], "deletes": []}, "staging"),
        ({"staging": "..", "moves": [], "deletes": []}, "staging"),
        ({"staging": ".mine-staging-1-abcd", "moves": ["../../victim.txt"], "deletes": []}, "moves[0]"),
        ({"staging": ".mine-staging-1-abcd", "moves": [], "deletes": ["reviews.yaml"]}, "deletes[0]"),
        ({"staging": ".mine-staging-1-abcd", "moves": [], "deletes": ["/etc/passwd"]}, "deletes[0]"),
        ({"staging": ".mine-staging-1-abcd", "moves": [], "deletes": [], "run": "rm -rf"}, "run"),
    ],
)
def test_d5_a_hostile_journal_deletes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], journal: dict, named: str
) -> None:
    out = mined_copy(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("不能动", encoding="utf-8")
    (out / ".mine-journal.json").write_text(json.dumps(journal), encoding="utf-8")
    before = snapshot(out)
    code, output = run(["genres", "--templates", str(out)], capsys)
    assert code == 1 and ".mine-journal.json" in output and named in output and "删掉" in output
    assert snapshot(out) == before and victim.read_text(encoding="utf-8") == "不能动"


def test_d5_a_journal_pointing_at_an_unmarked_folder_moves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = mined_copy(tmp_path)
    planted = out / ".mine-staging-1-abcd"
    planted.mkdir()
    (planted / "genres.yaml").write_text("genres: []\n", encoding="utf-8")
    (out / ".mine-journal.json").write_text(
        json.dumps({"staging": planted.name, "moves": ["genres.yaml"], "deletes": []}), encoding="utf-8"
    )
    before = snapshot(out)
    code, output = run(["genres", "--templates", str(out)], capsys)
    assert code == 1 and "不是 drafter 建的" in output and snapshot(out) == before


@pytest.mark.parametrize("damage", ['{"staging": ".mine-x", "mov', "[]", "null", '{"staging": 3}', "\x00\xff"])
def test_t3_a_damaged_journal_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str) -> None:
    out = mined_copy(tmp_path)
    (out / ".mine-journal.json").write_text(damage, encoding="utf-8")
    before = snapshot(out)
    for command in (["genres", "--templates", str(out)], ["mine", str(SEED), "-o", str(out)]):
        code, output = run(command, capsys)
        assert code == 1 and "内部出错" not in output
        assert f"{out / '.mine-journal.json'}" in output and "删掉" in output
    assert snapshot(out) == before


def test_u1_a_manifest_path_outside_the_folder_is_named_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = mined_copy(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("不能动", encoding="utf-8")
    manifest = out / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("files:\n", "files:\n- ../victim.txt\n"), "utf-8")
    before = snapshot(out)
    for command in (["mine", str(SEED), "-o", str(out), "--force"], ["genres", "--templates", str(out)]):
        code, output = run(command, capsys)
        assert code == 1 and "manifest.yaml" in output and "../victim.txt" in output and "genres.yaml" not in output
    assert snapshot(out) == before and victim.exists()
    assert not list(out.glob(".mine-*")), "no journal and no staging left to wedge the folder"


# --- U4, U5: a write that fails names the file the user asked for --------------------------


def test_u4_disk_full_while_mining_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = mined_copy(tmp_path)
    before = snapshot(out)
    real = Path.write_text

    def full(self: Path, *args: object, **kwargs: object) -> int:
        if ".mine-staging-" in str(self) and self.suffix == ".jsonl":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full)
    code, output = run(["mine", str(SEED), "-o", str(out)], capsys)
    assert code == 1 and "磁盘空间已满" in output
    assert re.search(re.escape(str(out / "phrases")) + r"/[a-z0-9_-]+\.jsonl", output), output
    monkeypatch.undo()
    assert snapshot(out) == before and not list(out.glob(".mine-*"))


def test_u4_file_too_large_while_mining_names_the_file(tmp_path: Path) -> None:
    out = mined_copy(tmp_path)
    before = snapshot(out)
    limit = "import resource; resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))"
    done = subprocess.run(
        [sys.executable, "-c", f"{limit}\nfrom drafter.cli import main\nmain()", "mine", str(SEED), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert re.search(re.escape(str(out)) + r"/(?:phrases|skeletons)/[a-z0-9_-]+\.(?:jsonl|yaml)", done.stderr), (
        done.stderr
    )
    assert snapshot(out) == before and not list(out.glob(".mine-*"))


def test_u5_a_refused_write_names_the_output_and_is_not_unreadable(
    rendered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    out = tmp_path / "ro"
    out.mkdir()

    def read_only(*args: object, dir: str = "", **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system", f"{dir}/.drafter-vq6ipvp7.tmp")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    code, output = run(["format", str(rendered), "--out-dir", str(out)], capsys)
    assert code == 1
    assert f"无法写入 {out / 'a.公文格式.docx'}" in output and ".drafter-" not in output and "只读" in output
    assert "1 个没有写出" in output and "读不了" not in output
