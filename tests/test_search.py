"""The one phrase search (drafter/bank/search.py): what it finds and in what order (常用语 first, decisions and
the report's year applied on top of the index), from a bank in memory, a bank file, a big bank indexed through
the cache, in the background, and without FTS5."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.bank import search
from drafter.bank.catalog import offered, picker_view
from drafter.bank.search import Bank, fold, for_year, offer_key
from drafter.bank.templates import bank_lines
from drafter.errors import ConfigError
from drafter.models import Phrase, Review

TEXTS = [
    ("measure", "聚焦主责主业，强化预算执行审计，全年完成审计项目{数量}个。", 5),
    ("measure", "坚持问题导向，压实整改责任，推动审计发现问题整改到位。", 4),
    ("result", "全年共查出违规金额{金额}万元，促进增收节支{金额}万元。", 3),
    ("measure", "加强LED显示屏等宣传阵地建设，营造浓厚氛围。", 2),
    ("opener", "一是强化政治引领。", 2),
    ("heading", "聚焦主责主业，全力服务发展大局", 6),
    ("closing", "今后，我局将继续深化审计监督，为全县高质量发展作出新的更大贡献。", 3),
    ("closing", "以上是我局工作总结。", 9),
    ("measure", "落实〔2024〕8号文件要求，规范财政资金管理。", 1),
    ("problem", "审计队伍专业力量不足，信息化水平有待提高。", 2),
]


def phrase(index: int, role: str, text: str, documents: int, **extra: object) -> Phrase:
    return Phrase(id=f"p{index:03d}", text=text, genre="shenji", role=role, documents=documents, **extra)  # type: ignore[arg-type]


def bank_phrases() -> list[Phrase]:
    return [phrase(i, role, text, documents) for i, (role, text, documents) in enumerate(TEXTS)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("审", ["p000", "p001", "p006", "p009"]),  # one character
        ("审计", ["p000", "p001", "p006", "p009"]),  # two
        ("预算执行审计", ["p000"]),  # a longer word, consecutive characters only
        ("执行预算", []),  # the same characters in another order
        ("主责主业 审计", ["p000"]),  # every word, anywhere in the phrase
        ("主责主业 整改", []),  # two words never in one phrase
        ("督监", []),  # a word found nowhere
        ("led", ["p003"]),  # Latin letters, either case
        ("LED显示屏", ["p003"]),
        ("，强化", ["p000"]),  # punctuation is part of the word
        ("〔2024〕", ["p008"]),
        ("{金额}", ["p002"]),
        ("一是", ["p004"]),
        ("", [f"p{i:03d}" for i in range(len(TEXTS))]),  # nothing typed: everything
        ("审计 ", ["p000", "p001", "p006", "p009"]),
    ],
)
def test_a_phrase_is_found_when_it_contains_every_word(query: str, expected: list[str]) -> None:
    found = Bank.of(bank_phrases()).search(query, None, None)
    assert sorted(p.id for p in found) == expected


def test_phrases_come_as_offered_common_own_fitting_and_general_first() -> None:
    phrases = [
        phrase(1, "closing", "以上是我局工作总结。", 9, tier="常用语"),  # does not look ahead
        phrase(2, "closing", "今后将继续努力，奋力开创新局面。", 2, borrowed=True, origin="tongyong", tier="常用语"),
        phrase(3, "closing", "下一步，我局将持续用力，推动工作再上新台阶。", 3, tier="常用语"),
        phrase(4, "closing", "今后，我局将继续努力，争创一流业绩。", 5),  # a 范例 comes after every 常用语
        phrase(5, "closing", "今后，我局将再接再厉。", 2, tier="常用语"),
    ]
    found = Bank.of(phrases).top(["closing"], None)
    assert [p.id for p in found] == [p.id for p in offered(phrases, "closing")]
    assert [p.id for p in found] == ["p003", "p005", "p001", "p002", "p004"]
    assert [p.id for p in Bank.of(phrases).top(["closing"], None, tier="范例")] == ["p004"]


def test_review_decisions_apply_on_top_of_the_index() -> None:
    reviews = {
        "p001": Review(status="accepted"),
        "p000": Review(status="edited", text="聚焦主责主业，强化绩效审计，全年完成审计项目{数量}个。"),
        "p009": Review(status="rejected"),
        "p006": Review(status="new", tier="常用语"),  # moved to 常用语: before every 范例
    }
    bank = Bank.of(bank_phrases(), reviews)
    found = bank.search("审计", None, None)
    assert [p.id for p in found] == ["p006", "p000", "p001"]
    assert [p.status for p in found] == ["new", "edited", "accepted"] and found[0].tier == "常用语"
    assert [p.id for p in bank.search("绩效审计", None, None)] == ["p000"]  # the edited text is searched
    assert bank.search("预算执行", None, None) == []  # the text it replaced is not
    listed = bank.search("审计", None, None, rejected=True)
    assert next(p.status for p in listed if p.id == "p009") == "rejected"
    assert bank.count(["problem"]) == 1 and bank.count(["problem"], rejected=False) == 0
    assert bank.count_matches("审计") == 3 and bank.count_matches("审计", rejected=True) == 4


def test_a_phrase_bound_to_a_year_comes_first_in_that_year_and_never_in_another() -> None:
    phrases = [
        phrase(
            0, "opening", "{年份}年，我局坚持以新时代中国特色社会主义思想为指导，扎实推进各项工作。", 6, tier="常用语"
        ),
        phrase(
            1,
            "opening",
            "2025年是“十四五”规划收官之年，我局坚持稳中求进，各项工作取得新成效。",
            1,
            tier="常用语",
            year=2025,
        ),
        phrase(
            2, "opening", "今年是“十四五”规划收官之年，我局统筹推进各项工作。", 2, tier="常用语"
        ),  # its text is of 2025
    ]
    bank = Bank.of(phrases)
    assert [p.id for p in bank.top(["opening"], None, year=2025)] == ["p001", "p000", "p002"]
    assert [p.id for p in bank.top(["opening"], None, year=2024)] == ["p000"]
    assert [p.id for p in bank.top(["opening"], None)] == ["p000", "p002", "p001"]  # no year: by standing
    for year in (None, 2024, 2025):
        assert [p.id for p in bank.top(["opening"], None, year=year)] == [
            p.id for p in offered(phrases, "opening", year)
        ]


def test_the_picker_offers_common_sentences_then_the_general_banks_then_examples_and_clauses_when_typed() -> None:
    phrases = [
        phrase(0, "measure", "强化预算执行审计。", 3),
        phrase(1, "result", "全年完成审计项目{数量}个。", 2, tier="常用语"),
        phrase(2, "opener", "一是强化政治引领。", 5, tier="常用语"),
        phrase(3, "set_phrase", "踔厉奋发、笃行不怠", 4),  # a 范例 clause is not offered
        phrase(4, "measure", "聚焦主责主业，强化审计监督。", 4, tier="常用语"),
    ]
    general = Bank.of(
        [
            phrase(9, "plan", "明年将继续努力。", 1, tier="常用语"),
            phrase(8, "measure", "健全工作机制，压实工作责任。", 1, tier="常用语"),
        ]
    )
    view = picker_view(Bank.of(phrases), general, "measure", None)
    # A whole sentence any unit writes in the part comes before a part of one.
    # A part of a sentence is found when typed for, never listed as a paragraph before anything is typed.
    # Another unit's example is found when typed for, never listed before.
    assert [p.id for p in view.matches("", None)] == ["p004", "p001", "p008"]
    assert [p.id for p in view.matches("审计", None)] == ["p004", "p001", "p000"]
    assert [p.id for p in view.matches("政治引领", None)] == ["p002"]
    assert view.exact("一是强化政治引领。") == phrases[2]
    assert view.exact("一是强化政治引领") is None  # a part of a text is not the text
    assert [p.id for p in picker_view(Bank.of(phrases), general, "plan", None).matches("", None)] == ["p009"]
    examples_only = picker_view(Bank.of([phrases[0]]), Bank.of([]), "measure", None)
    assert examples_only and examples_only.matches("", None) == [] and examples_only.matches("预算", None)


def write_bank(path: Path, phrases: list[Phrase]) -> Path:
    path.write_text(bank_lines(phrases), encoding="utf-8")
    return path


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every bank file counts as big: indexed once into a cache directory of the test's own."""
    monkeypatch.setattr(search, "CACHED_FROM_BYTES", 0)
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "banks"


def test_a_big_bank_is_indexed_once_and_again_only_when_it_changes(big: Path, tmp_path: Path) -> None:
    path = write_bank(tmp_path / "shenji.jsonl", bank_phrases())
    first = Bank.open(path, {"p003": Review(status="accepted")})
    assert [p.id for p in first.search("主责主业 审计")] == ["p000"]
    assert first.search("", ["measure"], 1)[0].id == "p003"
    first.close()
    built = sorted(big.glob("bank-*.sqlite"))
    assert len(built) == 1
    stamp = built[0].stat().st_ino
    again = Bank.open(path)
    assert again.get("p003") == bank_phrases()[3]  # read from its line in the file, whole
    again.close()
    assert sorted(big.glob("bank-*.sqlite")) == built and built[0].stat().st_ino == stamp  # not rebuilt
    write_bank(path, [*bank_phrases(), phrase(99, "measure", "主责主业审计新增的一句。", 1)])
    changed = Bank.open(path)
    assert [p.id for p in changed.search("主责主业审计")] == ["p099"]
    changed.close()
    assert len(list(big.glob("bank-*.sqlite"))) == 1  # the stale index is gone


def test_a_cache_that_cannot_be_written_costs_time_not_answers(big: Path, tmp_path: Path) -> None:
    path = write_bank(tmp_path / "shenji.jsonl", bank_phrases())
    big.parent.write_text("a file where the cache directory should be")
    assert [p.id for p in Bank.open(path).search("预算")] == ["p000"]


@pytest.mark.parametrize("cached", [False, True])
def test_a_bad_line_is_named(cached: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if cached:
        monkeypatch.setattr(search, "CACHED_FROM_BYTES", 0)
        monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    good = json.loads(bank_lines(bank_phrases()[:1]))
    lines = [
        json.dumps(good, ensure_ascii=False),
        json.dumps({**good, "id": "p7", "count": "很多"}, ensure_ascii=False),
    ]
    path = tmp_path / "shenji.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Bank.open(path)
    assert str(path) in str(caught.value) and "count" in str(caught.value)


def test_a_bank_opened_in_the_background_answers_the_same_and_fails_where_it_is_used(big: Path, tmp_path: Path) -> None:
    path = write_bank(tmp_path / "shenji.jsonl", bank_phrases())
    bank = Bank.open(path, {"p001": Review(status="accepted")}, background=True)
    assert [p.id for p in bank.search("审计", None, 2)] == ["p001", "p000"]
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x"}\n', encoding="utf-8")
    later = Bank.open(broken, background=True)  # no error yet: the person is still answering the first questions
    with pytest.raises(ConfigError):
        later.top(["measure"], 1)


def test_mining_indexes_the_big_banks_it_writes(big: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "phrases").mkdir(parents=True)
    write_bank(templates / "phrases" / "shenji.jsonl", bank_phrases())
    search.prepare_indexes(templates, ["phrases/shenji.jsonl"])
    assert len(list(big.glob("bank-*.sqlite"))) == 1


ALPHABET = '审计预算主责业，。LEDled{}〔〕2024强化 "*:()^-★'
TEXT = st.text(alphabet=ALPHABET, min_size=1, max_size=24)
PHRASES = st.lists(
    st.tuples(
        st.sampled_from(["measure", "opener", "closing"]),
        TEXT,
        st.sampled_from(["常用语", "范例"]),
        st.sampled_from([None, None, 2024, 2025]),
        st.sampled_from(["new", "new", "accepted", "rejected", "edited"]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=80, deadline=None)
@given(
    rows=PHRASES,
    query=st.text(alphabet=ALPHABET, max_size=8),
    year=st.sampled_from([None, 2024, 2025]),
    fts=st.booleans(),
)
def test_the_search_finds_exactly_what_a_scan_finds_in_offered_order(
    rows: list[tuple[str, str, str, int | None, str]], query: str, year: int | None, fts: bool
) -> None:
    phrases = [
        phrase(i, role, text, 1 + i % 3, tier=tier, year=bound, status=status)
        for i, (role, text, tier, bound, status) in enumerate(rows)
    ]
    words = fold(query).split()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "has_fts5", lambda: fts)
        bank = Bank.of(phrases)
        for roles in ({"measure"}, {"measure", "opener", "closing"}):
            scanned = [
                (offer_key(p, year), n, p.id)
                for n, p in enumerate(phrases)
                if p.role in roles
                and p.status != "rejected"
                and for_year(p, year)
                and all(w in fold(p.text) for w in words)
            ]
            found = bank.search(query, roles, None, year=year)
            assert [p.id for p in found] == [i for *_, i in sorted(scanned)]
