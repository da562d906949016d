"""Cold starts: a command loads only what it uses. Patterns compile on first use and answer as compiled ones do."""

from __future__ import annotations

import ast
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TEMPLATES
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.bank.listing import genre_rows
from drafter.bank.templates import load_registry
from drafter.errors import ConfigError
from drafter.lazy import lazy_compile

PATTERNS = [
    (r"(?P<n>[一二三四五六七八九十]{1,3})是", 0, "工作中，一是抓学习，二是抓落实。"),
    (r"^\s*(\d{4})年", re.MULTILINE, "标题\n 2024年工作总结\n2025年计划"),
    (r"ed", re.IGNORECASE, "LED 显示屏 Led"),
    (r"[，。]", 0, ""),
]


@pytest.mark.parametrize(("source", "flags", "text"), PATTERNS)
def test_a_pattern_compiled_on_first_use_answers_as_a_compiled_one(source: str, flags: int, text: str) -> None:
    lazy, compiled = lazy_compile(source, flags), re.compile(source, flags)
    assert lazy.pattern == compiled.pattern
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("X", text) == compiled.sub("X", text)
    assert lazy.split(text) == compiled.split(text)
    assert (lazy.search(text) is None) == (compiled.search(text) is None)
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (compiled.flags, compiled.groups, compiled.groupindex)


def test_a_pattern_compiled_on_first_use_travels_to_another_process_as_the_pattern() -> None:
    lazy = lazy_compile(rb"<w:t>([^<]*)</w:t>")
    assert pickle.loads(pickle.dumps(lazy)) == re.compile(rb"<w:t>([^<]*)</w:t>")
    assert lazy.findall(b"<w:t>\xe5\xb9\xb4</w:t>") == [b"\xe5\xb9\xb4"]


def test_a_bad_pattern_fails_where_it_is_used() -> None:
    broken = lazy_compile("[")
    with pytest.raises(re.error):
        broken.search("[")


# --- drafter genres: the registry and the manifest as validated, without pydantic while they are unchanged ---------


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the committed templates, and a cache directory of the test's own."""
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


def _names(templates: Path) -> list[str]:
    return [row["name"] for row in genre_rows(templates)]


def test_genres_listed_again_are_those_validated_the_first_time(templates: Path) -> None:
    first = genre_rows(templates)
    assert first == genre_rows(templates)
    assert [row["id"] for row in first] == [g.id for g in load_registry(templates)]
    assert sum(row["phrases"] for row in first) > 0


# Edits of genres.yaml and what the error must name (None: still valid, listed anew).
_REGISTRY_EDITS = [
    (lambda text: text.replace("name: 审计", "name: 审计监督", 1), None),
    (lambda text: text.replace("id: shenji", "id: Shen Ji", 1), r"genres\.yaml"),
    (lambda text: text.replace("name: 审计", "name: 审计\n  colour: red", 1), "colour"),
]


@pytest.mark.parametrize(("edit", "message"), _REGISTRY_EDITS)
def test_an_edited_registry_is_validated_again(
    templates: Path, edit: Callable[[str], str], message: str | None
) -> None:
    assert "审计" in _names(templates)  # listed and remembered
    registry = templates / "genres.yaml"
    registry.write_text(edit(registry.read_text(encoding="utf-8")), encoding="utf-8")
    if message is None:
        assert "审计监督" in _names(templates)
    else:
        with pytest.raises(ConfigError, match=message):
            genre_rows(templates)


def test_an_edited_manifest_is_validated_again(templates: Path) -> None:
    genre_rows(templates)
    manifest = templates / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("phrases:", "phrase_count:", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"manifest\.yaml"):
        genre_rows(templates)


@pytest.mark.parametrize("damage", ["[{", "{}", '[{"id": "shenji"}]', '[{"id": 1, "name": "审计"}]', "null"])
def test_a_damaged_listing_in_the_cache_is_read_through_the_models_again(templates: Path, damage: str) -> None:
    first = genre_rows(templates)
    _damage_kept(templates, "genres-*.json", damage)
    assert genre_rows(templates) == first


def _damage_kept(templates: Path, pattern: str, damage: str) -> None:
    """Overwrite what the cache keeps under `pattern` (there must be some) with `damage`."""
    kept = list((templates.parent / "cache").rglob(pattern))
    assert kept
    for entry in kept:
        entry.write_text(damage, encoding="utf-8")


def _modules_after(command: list[str], env: dict[str, str]) -> set[str]:
    """The modules of interest loaded by a whole `drafter` run in a fresh process."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml')"
        " or m in ('drafter.models', 'jieba')), file=sys.stderr))\n"
        "from drafter.cli import main\n"
        f"main({command!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, **env}, check=True
    )
    return set(ast.literal_eval(done.stderr.strip().splitlines()[-1]))


def test_listing_unchanged_genres_loads_neither_pydantic_nor_yaml(templates: Path) -> None:
    env = {"DRAFTER_CACHE_DIR": str(templates.parent / "cache"), "DRAFTER_DATA_DIR": str(templates.parent / "data")}
    command = ["genres", "--templates", str(templates)]
    assert "drafter.models" in _modules_after(command, env)  # the first time: read through the models
    assert _modules_after(command, env) == set()
    assert _modules_after([*command, "--json"], env) == set()


# --- format: a paragraph's properties set in one pass, the fonts without an empty profile's model -------------------

_PPR_KNOWN = ["pStyle", "keepNext", "keepLines", "numPr", "spacing", "ind", "jc", "outlineLvl", "rPr", "sectPr"]
_PPR_ADDED = ["pStyle", "keepNext", "spacing", "ind", "jc"]  # what format adds, each with a python-docx adder
_RPR_KNOWN = ["rStyle", "rFonts", "b", "i", "color", "sz", "szCs", "lang"]


def _properties(tag: str, present: list[str]) -> object:
    """A python-docx w:pPr or w:rPr holding the `present` children, in the order given."""
    from docx.oxml import OxmlElement

    element = OxmlElement(f"w:{tag}")
    for name in present:
        element.append(OxmlElement(f"w:{name}"))
    return element


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([("pPr", _PPR_KNOWN, _PPR_ADDED), ("rPr", _RPR_KNOWN, ["rFonts"])]).flatmap(
        lambda case: st.tuples(
            st.just(case[0]),
            st.lists(st.sampled_from(case[1]), unique=True).map(lambda names: sorted(names, key=case[1].index)),
            st.sampled_from(case[2]),
            st.booleans(),
        )
    )
)
def test_a_property_is_added_where_python_docx_adds_it(case: tuple[str, list[str], str, bool]) -> None:
    from lxml import etree

    from drafter.output.render.docx import schema_child

    tag, present, name, shuffled = case
    order = list(reversed(present)) if shuffled else present  # python-docx's order also for children out of order
    ours, theirs = _properties(tag, order), _properties(tag, order)
    added = schema_child(ours, name)
    expected = getattr(theirs, f"get_or_add_{name}")()
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert (added.tag, type(added)) == (expected.tag, type(expected))
    assert schema_child(ours, name) is added  # asked again, the same child, nothing added


def test_a_style_and_keep_with_next_are_written_as_python_docx_writes_them() -> None:
    from docx.oxml import OxmlElement
    from lxml import etree

    from drafter.output.render.docx import keep_with_next, set_paragraph_style

    ours, theirs = OxmlElement("w:p"), OxmlElement("w:p")
    for paragraph in (ours, theirs):
        paragraph.get_or_add_pPr().append(OxmlElement("w:jc"))
    set_paragraph_style(ours, "a5")
    keep_with_next(ours)
    theirs.get_or_add_pPr().style = "a5"
    theirs.get_or_add_pPr().keepNext_val = True
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_the_fonts_without_a_profile_are_the_defaults_and_a_saved_profile_still_counts() -> None:
    from drafter.output.render.fonts import DEFAULT_FONTS, load_fonts
    from drafter.writing.profile import profile_path, update_profile

    assert not profile_path().exists()
    assert load_fonts(None) is DEFAULT_FONTS
    update_profile({"fonts": {"title": "华文中宋"}})
    assert load_fonts(None).title == "华文中宋"


def test_a_broken_profile_is_still_refused_when_the_fonts_are_read() -> None:
    from drafter.output.render.fonts import load_fonts
    from drafter.writing.profile import profile_path

    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("fonts:\n  titel: 黑体\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_fonts(None)
    assert str(path) in caught.value.message and "titel" in caught.value.message


# --- format: the genre it records, read through the models once, then from what they made of the registry ----------

TITLES = [
    "XX县审计局2025年工作总结",
    "某某镇2025年工作总结和2026年工作打算",
    "XX街道办事处二〇二五年工作情况汇报",
    "市卫生健康委员会2025年卫生应急工作总结",
    "关于2025年度政协提案办理情况的报告",
    "县融媒体中心2025年新闻宣传工作总结",
    "2025年推进义务教育均衡发展工作总结",
    "党史学习教育总结",
    "2025年个人工作总结",
    "",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_gets_the_genre_from_the_kept_keys_that_the_models_give(templates: Path, title: str) -> None:
    from drafter.bank.listing import genre_keys
    from drafter.mining.genres import classify_title, load_genres

    registry = templates / "genres.yaml"
    genre_keys(registry)  # the first time: validated and kept
    assert classify_title(title, genre_keys(registry)) == classify_title(title, load_genres(registry))


@pytest.mark.parametrize(("edit", "message"), _REGISTRY_EDITS)
def test_genre_keys_of_an_edited_registry_are_validated_again(
    templates: Path, edit: Callable[[str], str], message: str | None
) -> None:
    from drafter.bank.listing import genre_keys

    registry = templates / "genres.yaml"
    assert "审计" in [k.name for k in genre_keys(registry)]
    registry.write_text(edit(registry.read_text(encoding="utf-8")), encoding="utf-8")
    if message is None:
        assert "审计监督" in [k.name for k in genre_keys(registry)]
    else:
        with pytest.raises(ConfigError, match=message):
            genre_keys(registry)


@pytest.mark.parametrize(
    "damage", ["[[", "{}", '[["审计", ["审计"], [], "no"]]', '[["审计", "审计", [], false]]', "null"]
)
def test_damaged_genre_keys_in_the_cache_are_read_through_the_models_again(templates: Path, damage: str) -> None:
    from drafter.bank.listing import genre_keys

    registry = templates / "genres.yaml"
    first = genre_keys(registry)
    _damage_kept(templates, "matchers-*.json", damage)
    assert genre_keys(registry) == first


@pytest.mark.parametrize("title", [None, "XX县2025年内部审计工作总结"])  # the unit's name decides; the topic does
def test_formatting_with_the_default_fonts_and_a_known_registry_loads_neither_pydantic_nor_yaml(
    templates: Path, title: str | None
) -> None:
    import docx
    from docx_factory import build_messy_report

    source = templates.parent / "messy.docx"
    build_messy_report(source, sections=3)
    if title:  # a genre's keyword in the title's topic: words found with the lexicon and the fixed terms
        document = docx.Document(str(source))
        first = document.paragraphs[0]
        for run in first.runs[1:]:
            run.text = ""
        first.runs[0].text = title
        document.save(str(source))
    env = {"DRAFTER_CACHE_DIR": str(templates.parent / "cache"), "DRAFTER_DATA_DIR": str(templates.parent / "data")}
    out = templates.parent / "out.docx"
    command = ["format", str(source), "-o", str(out), "--force"]
    assert "drafter.models" in _modules_after(command, env)  # the first time: the registry read through the models
    assert _modules_after(command, env) == set()
    assert docx.Document(str(out)).core_properties.category == "审计"
    fonts = templates.parent / "fonts.yaml"
    fonts.write_text("title: 华文中宋\n", encoding="utf-8")
    assert "drafter.models" in _modules_after([*command, "--fonts", str(fonts)], env)  # a person's file: validated


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda text: text.replace("terms:", "terms:\n  - 新质生产力", 1), None),
        (lambda text: text.replace("terms:", "words:", 1), r"terms\.yaml"),
    ],
)
def test_fixed_terms_of_an_edited_file_are_validated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[str], str], message: str | None
) -> None:
    from drafter.bank.listing import fixed_terms
    from drafter.resources import bundled

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "terms.yaml"
    path.write_text(bundled("corpus/terms.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    first = fixed_terms(path)
    assert "党史学习教育" in first and fixed_terms(path) == first  # validated, then kept
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    if message is None:
        assert fixed_terms(path) == ("新质生产力", *first)
    else:
        with pytest.raises(ConfigError, match=message):
            fixed_terms(path)


def test_a_new_paragraph_style_is_the_one_python_docx_adds() -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from lxml import etree

    from drafter.output.render.docx import _paragraph_style

    ours, theirs = docx.Document(), docx.Document()
    added = _paragraph_style(ours, "公文正文", "仿宋_GB2312", "Times New Roman", 16.0)
    expected = theirs.styles.add_style("公文正文", WD_STYLE_TYPE.PARAGRAPH)
    _paragraph_style(theirs, "公文正文", "仿宋_GB2312", "Times New Roman", 16.0)  # found, and set again
    assert etree.tostring(added.element) == etree.tostring(expected.element)
    assert [s.name for s in ours.styles] == [s.name for s in theirs.styles]
    with pytest.raises(ValueError, match="already contains"):  # a character style of that name is not taken over
        character = docx.Document()
        character.styles.add_style("落款", WD_STYLE_TYPE.CHARACTER)
        _paragraph_style(character, "落款", "仿宋_GB2312", "Times New Roman", 16.0)


def test_text_that_looks_like_an_emoji_name_is_printed_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    from drafter.show import Console

    Console(highlight=False).print("第三部分:warning:风险提示 :smile:")
    assert capsys.readouterr().out == "第三部分:warning:风险提示 :smile:\n"
