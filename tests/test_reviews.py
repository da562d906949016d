"""Trap 4: review decisions in one store of the person's own, keyed by phrase id, applied wherever drafter runs
and whichever templates are in use; a templates directory's reviews.yaml read beside it as the team's."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import TEMPLATES, run

from drafter.bank.catalog import select_phrases
from drafter.bank.templates import load_reviews, review_stores, user_reviews_path
from drafter.resources import bundled


@pytest.fixture
def team_templates(tmp_path: Path) -> Path:
    """A copy of the templates, as a team keeps them in a folder of its own."""
    target = tmp_path / "team" / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


def first_opening(templates: Path | None) -> str:
    return select_phrases(templates, "审计", "opening", None)[0].id


def status_of(phrase_id: str, templates: Path | None) -> str:
    return next(p.status for p in select_phrases(templates, "审计", None, None) if p.id == phrase_id)


def test_a_decision_holds_wherever_drafter_runs(
    tmp_path: Path, team_templates: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rejected in a checkout with its own templates/, the phrase stays rejected with the bundled templates
    anywhere else, and with any other templates directory."""
    phrase_id = first_opening(team_templates)
    monkeypatch.chdir(team_templates.parent)  # a checkout: ./templates is used
    code, said = run(["phrases", "reject", phrase_id], capsys)
    assert code == 0 and str(user_reviews_path()) in said
    assert not (team_templates / "reviews.yaml").exists(), "nothing written into the templates folder"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no ./templates: the bundled ones
    assert status_of(phrase_id, None) == "rejected"
    other = tmp_path / "other-templates"
    shutil.copytree(TEMPLATES, other)
    assert status_of(phrase_id, other) == "rejected"


def test_the_shared_store_is_read_beside_the_persons_own(team_templates: Path) -> None:
    phrases = select_phrases(team_templates, "审计", "opening", None)
    team_rejects, team_accepts = phrases[0].id, phrases[1].id
    (team_templates / "reviews.yaml").write_text(
        yaml.safe_dump({"reviews": {team_rejects: {"status": "rejected"}, team_accepts: {"status": "accepted"}}}),
        encoding="utf-8",
    )
    user_reviews_path().parent.mkdir(parents=True, exist_ok=True)
    user_reviews_path().write_text(yaml.safe_dump({"reviews": {team_accepts: {"status": "rejected"}}}), "utf-8")
    assert status_of(team_rejects, team_templates) == "rejected", "the team's decision applies"
    assert status_of(team_accepts, team_templates) == "rejected", "the person's own wins over the team's"
    assert status_of(team_rejects, bundled("templates")) == "new", "the team's file belongs to its templates only"
    assert [(s.kind, s.decisions) for s in review_stores(team_templates)] == [("user", 1), ("shared", 2)]


def test_phrases_says_which_stores_are_in_use(team_templates: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (team_templates / "reviews.yaml").write_text("reviews: {}\n", encoding="utf-8")
    code, said = run(["phrases", "审计", "--role", "开头", "--templates", str(team_templates)], capsys)
    said = said.replace("\n", "")
    assert code == 0 and "审阅记录：本人" in said and str(team_templates / "reviews.yaml") in said
    code, said = run(["phrases", "审计", "--json", "--templates", str(team_templates)], capsys)
    stores = json.loads(said)["reviews"]
    assert [s["kind"] for s in stores] == ["user", "shared"] and stores[1]["path"] == str(
        team_templates / "reviews.yaml"
    )
    code, said = run(["phrases", "审计", "--json", "--templates", str(bundled("templates"))], capsys)
    assert [s["kind"] for s in json.loads(said)["reviews"]] == ["user"]


def test_shared_decisions_go_to_the_templates_folder(
    team_templates: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(team_templates.parent.parent)  # no ./templates here
    phrase_id = first_opening(team_templates)
    code, _ = run(["phrases", "accept", phrase_id, "--shared", "--templates", str(team_templates)], capsys)
    assert code == 0
    assert yaml.safe_load((team_templates / "reviews.yaml").read_text("utf-8"))["reviews"][phrase_id]["status"] == (
        "accepted"
    )
    assert not user_reviews_path().exists()
    code, said = run(["phrases", "accept", phrase_id, "--shared"], capsys)  # bundled templates: no team store
    assert code == 2 and "--shared" in said


def test_an_old_local_reviews_file_keeps_applying(team_templates: Path) -> None:
    """A checkout's templates/reviews.yaml from before keeps its decisions: it is read as the shared store."""
    phrase_id = first_opening(team_templates)
    (team_templates / "reviews.yaml").write_text(f"reviews:\n  {phrase_id}:\n    status: rejected\n", "utf-8")
    assert load_reviews(team_templates).reviews[phrase_id].status == "rejected"
    assert status_of(phrase_id, team_templates) == "rejected"


def test_the_data_directory_can_be_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(tmp_path / "d"))
    assert user_reviews_path() == tmp_path / "d" / "reviews.yaml"
    assert bundled("templates") not in user_reviews_path().parents
    assert os.environ["XDG_DATA_HOME"] not in str(user_reviews_path())
