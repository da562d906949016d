"""A genre is learnt from at most SAMPLE of its documents, chosen by their text's fingerprint: the same choice
whatever the workers, the chunks, or whether the survey already mined them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED
from test_mining import mined_files_of

import drafter.mining.run as run_module
from drafter.bank.store import load_yaml_model
from drafter.cli import main
from drafter.mining.run import DocumentRecord, chosen_documents, mine
from drafter.models import Manifest

COPIES = 5  # of each of the seed's 11 reports: every registered genre gets 5 documents
SAMPLE = 3


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five copies of the seed's reports, one a file, half of their clauses rewritten per copy."""
    out = tmp_path_factory.mktemp("archive")
    tool = ROOT / "bench" / "distinct_corpus.py"
    subprocess.run(
        [sys.executable, str(tool), str(SEED), str(out), str(COPIES), "0.5"], check=True, capture_output=True
    )
    return out


def _record(bucket: str | None, mark: str, status: str = "mined") -> DocumentRecord:
    """A surveyed document of a bucket with this fingerprint."""
    return DocumentRecord(f"{mark}.txt", mark, status, None, bucket, mark)


@pytest.mark.parametrize(
    ("records", "sample", "chosen"),
    [
        ([_record("g:a", "c"), _record("g:a", "a"), _record("g:a", "b")], 2, {"a", "b"}),
        ([_record("g:a", "c"), _record("g:b", "z"), _record("g:b", "y")], 1, {"c", "y"}),
        ([_record("g:a", "b"), _record("g:a", "a")], 5, {"a", "b"}),  # fewer than the sample: all of them
        ([_record(None, "a", "skipped"), _record("g:a", "b")], 1, {"b"}),  # a skipped document is never chosen
    ],
)
def test_each_bucket_is_learnt_from_the_documents_whose_fingerprint_sorts_first(
    records: list[DocumentRecord], sample: int, chosen: set[str]
) -> None:
    picked = chosen_documents(records, sample)
    assert {r.print for r in records if run_module._choice_key(r.source, r.print) in picked} == chosen


def _mine(archive: Path, out: Path, monkeypatch: pytest.MonkeyPatch, *, jobs: int, speculate: bool) -> Path:
    """Mine the archive with a sample of SAMPLE documents a genre, chunks of 4 files, the survey mining or not."""
    monkeypatch.setattr(run_module, "SAMPLE", SAMPLE)
    monkeypatch.setattr(run_module, "CHUNK_FILES", 4)
    monkeypatch.setattr(run_module, "_speculates", lambda files, genres: speculate)
    monkeypatch.setattr(run_module.chosen_documents, "__defaults__", (SAMPLE,))
    summary = mine([archive], out, jobs=jobs)
    assert summary.learnt_from and set(summary.learnt_from.values()) <= {SAMPLE}
    return out


def test_the_sample_is_the_same_whether_the_survey_mined_or_not_and_whatever_the_workers(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = mined_files_of(_mine(archive, tmp_path / "two-passes", monkeypatch, jobs=1, speculate=False))
    assert mined_files_of(_mine(archive, tmp_path / "speculated", monkeypatch, jobs=1, speculate=True)) == reference
    assert mined_files_of(_mine(archive, tmp_path / "two-workers", monkeypatch, jobs=2, speculate=False)) == reference


def test_a_genre_counts_every_document_but_is_learnt_from_its_sample(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _mine(archive, tmp_path / "out", monkeypatch, jobs=1, speculate=False)
    manifest = load_yaml_model(out / "manifest.yaml", Manifest)
    audit = next(g for g in manifest.genres if g.name == "审计")
    assert audit.documents == COPIES and audit.phrases > 0
    monkeypatch.undo()  # the real sample: every copy is mined, and the banks differ
    mine([archive], tmp_path / "all", jobs=1)
    assert mined_files_of(tmp_path / "all") != mined_files_of(out)


def test_the_report_says_which_genres_were_learnt_from_a_sample(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run_module, "SAMPLE", SAMPLE)
    monkeypatch.setattr(run_module.chosen_documents, "__defaults__", (SAMPLE,))
    with pytest.raises(SystemExit) as exit_info:
        main(["mine", str(archive), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert exit_info.value.code == 0
    said = "".join(capsys.readouterr().out.split())
    assert "按文本指纹选出" in said and f"审计{COPIES}篇中的{SAMPLE}篇" in said
