"""Mining's short cuts give the answers of the long way round: the dated facts found rule by rule, a sentence
proofread in one pass when no rule changes it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.mining import dated
from drafter.mining.dated import calendar, mentions, required_text
from drafter.mining.proofread import fixed_canonical, problems, proofread
from drafter.output.check.usage import fixed_numbers, fixed_usage
from drafter.reading.clean import load_rules


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("三严三实", "三严三实"),
        ("(?:党的)?二十大(?!以来)", "二十大"),  # the optional part is not required
        ("第[一二三]+次(?:全体|扩大)?(?:会议|大会)", "第"),
        ("(?:建党|建国)[^，。；]{0,6}?(\\d{1,3}|[一二]{1,5})周年", "周年"),
        ("(?<![届\\d])[一二三]中全会", "中全会"),
        ("“?[\\u4e00-\\u9fff]{2,8}(?:建设|提升)年(?=”|活动)", "年"),
        ("开局之年|开局年", "开局"),  # the branches share their first characters
        ("收官之年|决胜之年", ""),  # nothing every branch holds
        ("(?i)led", ""),  # letters of either case: no piece is certain as written
        ("[", ""),  # not a pattern at all
    ],
)
def test_the_piece_of_text_every_match_holds(pattern: str, required: str) -> None:
    assert required_text(pattern) == required


PIECES = [
    "二十大",
    "党的二十大精神的开局之年",
    "十四五",
    "规划收官之年",
    "第三次全国国土调查",
    "第七次全国人口普查",
    "建党100周年",
    "改革开放四十五周年",
    "质量提升年活动",
    "三严三实",
    "换届选举",
    "十九届六中全会",
    "五中全会",
    "2023年",
    "工作",
    "，",
    "。",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_facts_found_rule_by_rule_are_those_of_the_whole_pattern(text: str) -> None:
    table = calendar()
    whole = [(m.start(), m.group(0)) for m in table.pattern.finditer(text)]
    assert [(m.start, m.text) for m in mentions(text)] == whole
    for piece, probe in table.probes:  # every match holds the rule's piece
        assert all(piece in m.group(0) for m in probe.finditer(text))


WORDS = [
    "布署",
    "部署",
    "其它",
    "二〇二三年",
    "五十四个",
    "百分之五十",
    "针对化",
    "优化",
    "有待优化",
    "新时代中国特色社会主义思想",
    "习近平新时代中国特色社会主义思想",
    "认真的做好",
    "截止目前",
    "全年完成审计项目",
    "54个",
    "，",
    "。",
]


def proofread_long_way(sentence: str) -> str | None:
    """proofread as it was written first: fix everything, then check what is left."""
    text = fixed_numbers(fixed_usage(fixed_canonical(sentence)))
    return None if problems(text) else text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6).map("".join))
def test_a_sentence_no_rule_changes_is_proofread_in_one_pass(sentence: str) -> None:
    assert proofread(sentence) == proofread_long_way(sentence)


def test_the_probes_are_built_from_the_rules_data() -> None:
    table = calendar()
    assert len(table.probes) == len(table.rules)
    assert all(isinstance(probe, re.Pattern) for _, probe in table.probes)
    assert dated.required_text(table.probes[0][1].pattern[3:-1]) == table.probes[0][0]


# --- reading ----------------------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_TEXTS = st.text(
    st.one_of(
        st.characters(),  # anything, surrogates and characters beyond the BMP included
        st.sampled_from("审计局\u3400\u9fff\uf900\ufaff\u33ff\ua000\x00\x0b\x1f\x7f\ufffd\t\n\u3000 ，。A1"),
    ),
    max_size=60,
)


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_character_counts_on_bytes_are_the_regular_expressions_counts(text: str) -> None:
    from drafter.reading.read import cjk_characters, control_characters

    assert cjk_characters(text) == len(_CJK.findall(text))
    assert control_characters(text) == len(_CONTROL.findall(text))


_CUES = [
    "D员",
    "AAA公众号",
    "关于",
    "习近平总书记关于",
    "重要指示批示精神",
    "党的二十大",
    "二十届三中全会",
    "素材库",
    "客服",
    "党的20大",
    "\u200b",
    "\ufeff",
]


@given(
    st.lists(st.lists(st.sampled_from([*_CUES, "审计", "，", "。", "D", "A", "大", "中全会"]), max_size=8), max_size=6)
)
@settings(max_examples=200, deadline=None)
def test_cleaning_passes_over_rules_whose_cues_the_document_lacks_with_the_same_result(pieces: list[list[str]]) -> None:
    from drafter.reading.clean import CleanReport, clean_paragraphs, drop_matching, load_rules
    from drafter.reading.read import Paragraph

    rules = load_rules()
    paragraphs = [Paragraph("".join(p), line) for line, p in enumerate(pieces, 1)]
    expected, report = [], CleanReport()
    for paragraph in paragraphs:  # every rule on every paragraph, in order: the long way round
        text = paragraph.text
        for compiled in rules:
            if compiled.rule.contains and not any(c in text for c in compiled.rule.contains):
                continue
            if compiled.rule.kind == "drop_line":
                if text and compiled.regex.search(text):
                    report.add(compiled.rule.name, "x", paragraph.line)
                    text = drop_matching(text, compiled.regex)
                continue
            text, changes = compiled.substitute(text)
            if changes:
                report.add(compiled.rule.name, "x", paragraph.line, changes)
        expected.append(text)
    cleaned, found = clean_paragraphs(paragraphs, "x", rules)
    assert [p.text for p in cleaned] == expected and found.hits == report.hits


@pytest.mark.parametrize("name", [r.rule.name for r in load_rules()])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_text_a_cleaning_rule_matches_holds_one_of_its_cue_words(name: str, data: st.DataObject) -> None:
    """A rule runs only on paragraphs (and documents) holding one of its cue words: every match must hold one."""
    rule = next(r for r in load_rules() if r.rule.name == name)
    text = data.draw(st.from_regex(rule.regex))
    assert rule.cued(text)


# --- the lexicon's segmentation --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dictionary_words() -> frozenset[str]:
    """Every word of two to six characters of jieba's dictionary and the 公文 terms: the exact set."""
    from drafter.mining.lexicon import LONGEST_WORD, _dictionary_file, terms

    with _dictionary_file().open(encoding="utf-8") as lines:
        found = {w for w in (line.split(" ", 1)[0] for line in lines) if 2 <= len(w) <= LONGEST_WORD}
    return frozenset(found | {t for t in terms() if 2 <= len(t) <= LONGEST_WORD})


_PIECES = st.sampled_from(
    ["审计", "整改落实", "中华人民共和国", "乡村振兴", "的", "，", "了", "医共体", "A", "1", "龘", "乡镇"]
)


@given(st.lists(st.one_of(_PIECES, st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)), max_size=30))
@settings(max_examples=300, deadline=None)
def test_maximum_matching_misses_no_dictionary_word(dictionary_words: frozenset[str], pieces: list[str]) -> None:
    """The tables of word edges only spare lookups: at each position the word taken is the longest of the
    dictionary there (or longer, where the filter takes a non-word for a word, about one in 40,000)."""
    from drafter.mining.lexicon import LONGEST_WORD, lexicon

    text = "".join(pieces)
    for words, starts in ((lexicon().forward(text), True), (lexicon()._backward(text), False)):
        assert "".join(words) == text
        position = 0
        for word in words:
            if starts:
                longer = [text[position : position + n] for n in range(len(word) + 1, LONGEST_WORD + 1)]
            else:
                end = position + len(word)
                longer = [text[end - n : end] for n in range(len(word) + 1, min(LONGEST_WORD, end) + 1)]
            assert not [w for w in longer if len(w) > len(word) and w in dictionary_words], (text, word)
            assert len(word) == 1 or lexicon().known(word)
            position += len(word)


def test_the_lexicon_finds_jiebas_dictionary_without_importing_jieba(tmp_path: Path) -> None:
    """Importing jieba costs a tenth of a second (pkg_resources), and its dictionary file is all drafter uses; the
    common doubled words (看看, not 上上) are kept with the rest, not read from the dictionary again."""
    import subprocess
    import sys

    script = (
        "import sys\nfrom drafter.mining.lexicon import lexicon\n"
        "assert lexicon().known('审计') and lexicon().place('北京')\nassert 'jieba' not in sys.modules\n"
        "assert {'看看', '常常'} <= lexicon().doubled and not {'上上', '会会'} & lexicon().doubled\n"
    )
    env = {**os.environ, "DRAFTER_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # built into an empty cache, then read back from it
        subprocess.run([sys.executable, "-c", script], check=True, env=env)


@pytest.mark.parametrize(
    ("patterns", "joined"),
    [
        (["布署", "其它"], True),
        (["(认真|积极)的(?=做好)", "(?<![国])爱卫生月"], True),  # groups of their own, looked around: fine
        (["(其)\\1", "布署"], False),  # a back reference would point at another pattern's group
        (["(?P<a>其)(?P=a)"], False),
        (["(?i)led", "布署"], False),  # a flag of its own
        ([], False),
    ],
)
def test_patterns_are_joined_into_one_search_only_where_meaning_is_kept(patterns: list[str], joined: bool) -> None:
    from drafter.reading.clean import any_of

    assert (any_of(patterns) is not None) is joined


_USAGE_PIECES = ["布署", "其它", "截止", "目前", "做出", "决定", "认真", "的", "做好", "取的", "成效", "即要", "又要"]


@given(st.lists(st.sampled_from([*_USAGE_PIECES, *_CUES, "审计", "，", "。"]), max_size=12))
@settings(max_examples=300, deadline=None)
def test_one_search_finds_a_fault_where_some_rule_does(pieces: list[str]) -> None:
    """Proofreading asks the joined usage rules and the canonical rules' joined cues first: the same answer."""
    from drafter.output.check.usage import any_usage_fault, load_usage
    from drafter.reading.clean import canonical_cues, canonical_rules

    sentence = "".join(pieces)
    usage, cues = any_usage_fault(), canonical_cues()
    assert usage is not None and cues is not None
    assert bool(usage.search(sentence)) == any(rule.regex.search(sentence) for rule in load_usage())
    if not cues.search(sentence):
        assert not any(rule.cued(sentence) for rule in canonical_rules())


_CUE_TEXT = st.text(alphabet="AB中全会议\n", max_size=4)


@given(st.lists(st.lists(_CUE_TEXT, max_size=3), min_size=1, max_size=5), st.lists(_CUE_TEXT, max_size=8))
@settings(max_examples=300, deadline=None)
def test_the_rules_found_by_one_search_of_the_document_are_those_each_paragraph_holds_cues_of(
    cues_by_rule: list[list[str]], texts: list[str]
) -> None:
    """Cue words overlapping (中全会, 全会, 会议), holding one another, spanning a line break, or empty (a rule
    without cues runs everywhere): the one search places every rule where asking each paragraph would."""
    from drafter.models import CleaningRule
    from drafter.reading.clean import CompiledRule, _cue_pattern, _cued_rules
    from drafter.reading.read import Paragraph

    cues_by_rule = [[c for c in cues if c] for cues in cues_by_rule]
    rules = [
        CompiledRule(
            CleaningRule(name=f"r{i}", description="", kind="replace", pattern="X", contains=cues),
            re.compile("X"),
            _cue_pattern(cues),
        )
        for i, cues in enumerate(cues_by_rule)
    ]
    paragraphs = [Paragraph(text, line) for line, text in enumerate(texts, 1)]
    expected = [[i for i, rule in enumerate(rules) if rule.cued(p.text)] for p in paragraphs]
    assert _cued_rules(paragraphs, rules) == expected


def _split_run_in_the_long_way(text: str) -> tuple[str, str]:
    """split_run_in as it was: a walk over every character, keeping the brackets open."""
    from drafter.reading.headings import _CLOSING_PUNCT, _OPENERS, _STRIP

    closers: list[str] = []
    for index, ch in enumerate(text):
        if closers and ch == closers[-1]:
            closers.pop()
        elif ch in _OPENERS:
            closers.append(_OPENERS[ch])
        elif not closers and ch in "。！？":
            return text[:index].rstrip(_CLOSING_PUNCT), text[index + 1 :].strip(_STRIP)
    if closers:
        end = re.search(r"[。！？]", text)
        if end:
            return text[: end.start()].rstrip(_CLOSING_PUNCT), text[end.end() :].strip(_STRIP)
    return text.rstrip(_CLOSING_PUNCT), ""


@given(st.text(alphabet='加强审计。！？《》“”（）()【】"：， ', max_size=20))
@settings(max_examples=500, deadline=None)
def test_a_heading_with_nothing_bracketed_before_its_full_stop_is_split_there_as_the_walk_would(text: str) -> None:
    from drafter.reading.headings import split_run_in

    assert split_run_in(text) == _split_run_in_the_long_way(text)


def test_the_files_of_a_folder_are_those_rglob_finds_in_the_same_order(tmp_path: Path) -> None:
    """Listing a folder with os.scandir: nested folders, hidden and lock files, drafter's own copies, upper-case
    suffixes, a link to a file, a link to a device and a link back up the tree (not followed), as rglob lists them."""
    from drafter.reading.read import _NOT_SOURCES, SUPPORTED_SUFFIXES, iter_source_files

    for name in (
        "b.txt",
        "a/2.docx",
        "a/10.DOCX",
        "a/b/c.md",
        "a/.hidden.txt",
        "a/~$lock.docx",
        "a/x.fixed.docx",
        "a/notes.xlsx",
        "z/报告.pdf",
        "z/一.doc",
        "z/trailing.",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path)
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "zero.docx").symlink_to("/dev/zero")
    expected = sorted(
        (
            p
            for p in tmp_path.rglob("*")
            if p.suffix.lower() in SUPPORTED_SUFFIXES and not _NOT_SOURCES.search(p.name) and p.is_file()
        ),
        key=lambda p: p.parts,
    )
    assert iter_source_files(tmp_path) == expected
    assert [p.relative_to(tmp_path).as_posix() for p in expected] == [
        "a/10.DOCX",
        "a/2.docx",
        "a/b/c.md",
        "b.txt",
        "link.txt",
        "z/一.doc",
        "z/报告.pdf",
    ]


def test_the_lexicon_built_in_two_processes_is_the_one_built_in_one() -> None:
    """Mining on a new machine builds the filters in a process of their own and the edge tables in its own: the
    same bytes as one process building both."""
    from drafter.mining.lexicon import _dictionary_file, build

    assert build(_dictionary_file(), processes=2).to_bytes() == build(_dictionary_file(), processes=1).to_bytes()


@pytest.mark.parametrize("cache", ["empty", "none"])
def test_mining_prepares_the_lexicon_once_and_hands_it_on(tmp_path: Path, cache: str) -> None:
    """Built once by prepare_lexicon, then lexicon() gives that one: read from the cache written meanwhile, or,
    where no cache directory can keep it, the very object (never built a second time)."""
    import subprocess
    import sys

    script = (
        "import drafter.mining.lexicon as L\n"
        "built = []\nreal = L.build\nL.build = lambda *a, **k: built.append(a) or real(*a, **k)\n"
        + ("L._cache_file = lambda dictionary: None\n" if cache == "none" else "")
        + "prepared = L.prepare_lexicon(2)\n"
        "assert L.lexicon() is prepared and L.prepare_lexicon(2) is prepared and len(built) == 1, built\n"
        "assert prepared.known('审计') and '看看' in prepared.doubled\n"
    )
    env = {**os.environ, "DRAFTER_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", script], check=True, env=env)
    assert any((tmp_path / "cache").glob("lexicon-*.bin")) == (cache == "empty")


_GENRE_TEXTS = st.lists(
    st.sampled_from(["审计整改", "供水管网", "审计", "中医药", "供水", "乡村振兴", "整改落实"]), max_size=5
)


@given(
    st.dictionaries(
        st.sampled_from(["审计", "供水", "卫生", "教育", "民政"]), st.lists(_GENRE_TEXTS.map("，".join), max_size=4)
    ),
    st.dictionaries(st.sampled_from(["审计", "供水"]), st.lists(st.sampled_from(["中医药", "供水管网"]), max_size=2)),
)
@settings(max_examples=100, deadline=None)
def test_specific_words_for_several_repeats_from_one_count_are_those_of_one_count_each(
    materials: dict[str, list[str]], headings: dict[str, list[str]]
) -> None:
    from drafter.mining.neutral import Specificity

    common = frozenset(["整改"])
    each = Specificity.of_each(materials, common, (3, 1, 2), headings)
    assert [found.words for found in each] == [
        _specific_the_long_way(materials, common, repeats, headings) for repeats in (3, 1, 2)
    ]


def _specific_the_long_way(
    materials: dict[str, list[str]], common: frozenset[str], repeats: int, headings: dict[str, list[str]]
) -> dict[str, frozenset[str]]:
    """Specificity.of as it was: one count for one number of repeats."""
    from collections import Counter

    from drafter.mining.lexicon import lexicon
    from drafter.mining.neutral import _WORD, LONGEST

    if len(materials) < 2:
        return {}
    words_of, plain = lexicon().forward, lexicon().names_no_topic
    genres_of: dict[str, set[str]] = {}
    repeated: dict[str, set[str]] = {}
    for genre, texts in materials.items():
        tally = Counter(w for text in texts for w in words_of(text) if len(w) > 1)
        counts = {w: n for w, n in tally.items() if _WORD.match(w) and not plain(w)}
        named = {w for text in headings.get(genre, []) for w in words_of(text)}
        for word, count in counts.items():
            genres_of.setdefault(word, set()).add(genre)
            if count >= repeats or word in named:
                repeated.setdefault(word, set()).add(genre)
    limit = max(1, len(materials) // 4)
    return {
        word: frozenset(genres)
        for word, genres in genres_of.items()
        if len(genres) <= limit and word in repeated and len(word) <= LONGEST and word not in common
    }


def test_the_lexicons_helper_processes_are_told_to_finish_not_terminated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Terminating idle pool workers can leave one waiting for ever on the task queue's lock (a mining run hung so,
    once in a few): done, they are closed and joined; terminate is for errors and Ctrl-C."""
    import multiprocessing.pool

    from drafter.mining.lexicon import _dictionary_file, _each_in_a_process

    def refuse(pool: object) -> None:
        raise AssertionError("terminate() on the way out of a build that went well")

    monkeypatch.setattr(multiprocessing.pool.Pool, "terminate", refuse)
    filters, (edges, doubled) = _each_in_a_process(_dictionary_file(), wanted=True)
    assert filters[0].mask and edges[0] and "看看" in doubled
    assert not multiprocessing.active_children()
