"""The tier classifier against a hand-labelled set: precision and recall of 常用语 (shared by a test and bench/).

tests/data/tiers.tsv holds every sentence of the reports in tests/corpora/tiers/ (cut the way mining cuts
them), each labelled by hand with its tier and its role; tests/data/tiers-heldout.tsv does the same for
tests/corpora/tiers-heldout/, written and labelled after the rules were set (nothing was tuned to it). The classifier is mining itself: each report is
outlined and mined as `drafter mine` does, and each phrase's tier is what the bank would record. A sentence
mining drops (a fragment, a record of figures) is predicted 范例: it is never offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Each labelled set: its labels and the reports they were cut from.
SETS = {
    "tiers": (HERE / "data" / "tiers.tsv", HERE / "corpora" / "tiers"),
    "heldout": (HERE / "data" / "tiers-heldout.tsv", HERE / "corpora" / "tiers-heldout"),
}
# A section about the year's work holds measures and results alike, and the wizard offers both there.
SAME_PART = {"result": "measure"}


@dataclass(frozen=True)
class Labelled:
    """One hand-labelled sentence."""

    document: str
    tier: str
    role: str
    sentence: str


@dataclass
class Scores:
    """How the classifier's 常用语 compare with the hand labels."""

    labelled: int = 0  # sentences in the set
    labelled_common: int = 0  # labelled 常用语
    predicted_common: int = 0  # called 常用语 by mining
    right: int = 0  # called 常用语, labelled 常用语, and offered for the part the label names
    wrong: list[str] = field(default_factory=list)  # called 常用语 but not signable (or for another part)
    # The baseline, before tiers: every phrase mining keeps offered alike.
    mined: int = 0  # sentences mining keeps as phrases
    mined_right: int = 0  # of those, labelled 常用语 and offered for that part

    @property
    def precision(self) -> float:
        """Of the phrases mining calls 常用语, how many are signable and offered for their part."""
        return self.right / self.predicted_common if self.predicted_common else 0.0

    @property
    def baseline(self) -> float:
        """The precision of offering every mined phrase alike (as drafter did before its two tiers)."""
        return self.mined_right / self.mined if self.mined else 0.0

    @property
    def recall(self) -> float:
        """Of the sentences labelled 常用语, how many mining offers as one for their part."""
        return self.right / self.labelled_common if self.labelled_common else 0.0


def labelled(name: str = "tiers") -> list[Labelled]:
    """The rows of a labelled set."""
    rows = []
    for line in SETS[name][0].read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            document, tier, role, sentence = line.split("\t")
            rows.append(Labelled(document, tier, role, sentence))
    return rows


def predicted(corpus: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(document, sentence as written) -> (tier, role, phrase text) for every phrase mining makes of the corpus."""
    from drafter.mining.extract import mine_document
    from drafter.mining.genres import load_genres
    from drafter.mining.tiers import SENTENCE_ROLES, tier_of
    from drafter.reading.clean import load_rules
    from drafter.reading.pipeline import outline_source
    from drafter.reading.read import read_sources
    from drafter.reading.titles import title_facts

    paths = sorted(corpus.glob("*.txt"))
    found: dict[tuple[str, str], tuple[str, str, str]] = {}
    for path, source in zip(paths, read_sources(paths), strict=True):
        outlines, _ = outline_source(source, rules=load_rules(), genres=load_genres())  # type: ignore[arg-type]
        for outline in outlines:
            mined = mine_document(outline, title_facts(outline.title, outline.org))
            for occurrence in mined.phrases:
                if occurrence.role in SENTENCE_ROLES:
                    tier = tier_of(occurrence.text, occurrence.role, occurrence.year)
                    found[(path.stem, _key(occurrence.part))] = (tier, occurrence.role, occurrence.text)
    return found


def _key(sentence: str) -> str:
    """A sentence as written, whatever ends it (mining ends a list's item with 。 instead of ；)."""
    return sentence.rstrip("。；")


def scores(name: str = "tiers") -> Scores:
    """The classifier's precision and recall for 常用语 on a labelled set."""
    guesses = predicted(SETS[name][1])
    result = Scores()
    for row in labelled(name):
        result.labelled += 1
        result.labelled_common += row.tier == "常用语"
        guess = guesses.get((row.document, _key(row.sentence)))
        tier, role, text = guess or ("范例", "", "")
        same_part = SAME_PART.get(role, role) == SAME_PART.get(row.role, row.role)
        if guess is not None:
            result.mined += 1
            result.mined_right += row.tier == "常用语" and same_part
        if tier != "常用语":
            continue
        result.predicted_common += 1
        if row.tier == "常用语" and same_part:
            result.right += 1
        else:
            result.wrong.append(f"{row.document}｜标注 {row.tier}/{row.role}，判为 常用语/{role}｜{text}")
    return result
