"""The sample portfolios: what they hold, that their dates follow today, and the story they tell."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from praxis_socialwork import store
from praxis_socialwork.rules import evaluate_all, load_catalogue
from praxis_socialwork.rules.records import Records
from praxis_socialwork.services.sample_portfolio import build_sample, is_sample, open_sample, sample_path
from praxis_socialwork.store import Activity, Placement, PlacementDay, PraxisError, Reflection, Repository

TODAY = date(2026, 11, 22)  # the fixed clock's Sunday


def clock_on(day: date) -> store.FixedClock:
    return store.FixedClock(datetime(day.year, day.month, day.day, 12, 0, tzinfo=store.LONDON))


def built(tmp_path: Path, which: str, day: date = TODAY) -> Repository:
    repo = Repository.open(tmp_path / f"{which}-{day}.json", clock_on(day))
    build_sample(repo, which, day)
    return repo


def statuses(repo: Repository, on: date) -> dict[tuple[str, str, str], str]:
    """(framework, requirement, placement) -> status, as the real gap engine judges the store on ``on``."""
    profile = repo.profile()
    assert profile is not None
    records = Records(repo.activities(), repo.placements(), repo.days(), repo.reflections())
    found = evaluate_all(load_catalogue().frameworks, profile.frameworks, records, profile, on)
    return {(f.framework, f.requirement, f.placement): f.status for f in found}


# -- the student -----------------------------------------------------------------------------------
def test_the_student_is_mid_way_through_a_final_placement(tmp_path: Path) -> None:
    with built(tmp_path, "student") as repo:
        profile = repo.profile()
        assert profile is not None
        assert (profile.name, profile.role, profile.country) == ("Alex Sample", "student", "england")
        assert profile.frameworks == ["degree-england", "pcf"]
        by_kind = {p.kind: p for p in repo.placements()}
        assert set(by_kind) == {"skills", "first", "final"}
        first, final = by_kind["first"], by_kind["final"]
        assert first.required_days == 70 and final.required_days == 100
        assert first.planned_end is not None and first.planned_end < final.start < TODAY
        # Final placement began about two months ago, on a Monday.
        assert final.start is not None and final.start.weekday() == 0
        assert 50 <= (TODAY - final.start).days <= 70
        days = repo.days(final.id)
        kinds = [d.kind for d in days]
        assert 38 <= sum(k in ("practice", "skills") for k in kinds) <= 44
        assert kinds.count("sick") == 1 and kinds.count("skills") == 1 and kinds.count("absence") >= 2
        every_day = repo.days()
        assert all(d.date is not None and d.date.weekday() < 5 and d.date < TODAY for d in every_day)
        assert sum(d.kind in ("practice", "skills") for d in repo.days(first.id)) == 70


def test_the_student_has_learning_and_reflections_in_three_models(tmp_path: Path) -> None:
    with built(tmp_path, "student") as repo:
        activities = repo.activities()
        types = {a.type for a in activities}
        assert {"course", "reading", "supervision", "e-learning"} <= types
        assert all(code.startswith("pcf:") for a in activities for code in a.standards)
        reflections = repo.reflections()
        assert {r.model for r in reflections} == {"gibbs", "kolb", "driscoll"}
        ids = {a.id for a in activities} | {d.id for d in repo.days()}
        assert all(r.links and set(r.links) <= ids for r in reflections)
        assert all(r.standards and all(s.startswith("pcf:") for s in r.standards) for r in reflections)
        # Each reflection fills every stage of its model.
        from praxis_socialwork.store.vocab import REFLECTION_STAGES

        for r in reflections:
            assert set(r.stages) == {name for name, _ in REFLECTION_STAGES[r.model]}
            assert all(len(text) > 40 for text in r.stages.values())


def test_the_student_story_some_met_one_on_track_the_final_placement_at_risk(tmp_path: Path) -> None:
    with built(tmp_path, "student") as repo:
        found = statuses(repo, TODAY)
        first = "First placement: Sampleton Carers' Centre"
        final = "Final placement: children's assessment team"
        assert found[("degree-england", "placement-days", first)] == "met"
        assert found[("degree-england", "placement-days", "Skills days")] == "met"
        assert found[("degree-england", "contrasting-settings", "")] == "met"
        assert found[("degree-england", "statutory-setting", "")] == "met"
        assert found[("pcf", "domains", first)] == "met"
        assert found[("pcf", "domains", final)] == "on_track"
        # A sick day and two absences have put the final placement behind.
        assert found[("degree-england", "placement-days", final)] == "at_risk"
        assert found[("degree-england", "practice-learning-days", "")] == "at_risk"


# -- the practitioner ------------------------------------------------------------------------------
def test_the_practitioner_has_three_years_of_cpd(tmp_path: Path) -> None:
    with built(tmp_path, "practitioner") as repo:
        profile = repo.profile()
        assert profile is not None
        assert (profile.name, profile.role, profile.frameworks) == ("Jo Example", "practitioner", ["swe"])
        assert profile.registered_on is not None
        assert 3 * 365 <= (TODAY - profile.registered_on).days <= 4 * 365
        activities = repo.activities()
        assert {"course", "e-learning", "supervision", "peer-discussion", "reading"} <= {
            a.type for a in activities
        }
        assert all(code.startswith("swe:") for a in activities for code in a.standards)
        assert {r.model for r in repo.reflections()} == {"gibbs", "kolb", "driscoll"}
        assert not repo.placements() and not repo.days()


def test_past_registration_years_were_met_and_this_one_is_at_risk(tmp_path: Path) -> None:
    with built(tmp_path, "practitioner") as repo:
        for year_end in (date(2024, 11, 30), date(2025, 11, 30)):
            past = statuses(repo, year_end)
            assert past[("swe", "pieces", "")] == "met", year_end
            assert past[("swe", "peer-reflection", "")] == "met", year_end
        now = statuses(repo, TODAY)
        assert now[("swe", "pieces", "")] == "at_risk"
        assert now[("swe", "peer-reflection", "")] == "at_risk"
        current = [a for a in repo.activities() if a.date is not None and a.date >= date(2025, 12, 1)]
        assert sorted(a.status for a in current) == ["complete", "draft", "planned"]


# -- dates follow today; the same day gives the same sample ----------------------------------------
@pytest.mark.parametrize("day", [date(2026, 12, 1), date(2027, 3, 3), date(2027, 6, 14), date(2028, 2, 29)])
def test_the_samples_look_current_on_any_day(tmp_path: Path, day: date) -> None:
    with built(tmp_path, "student", day) as repo:
        latest = max(d.date for d in repo.days() if d.date is not None)
        assert timedelta(days=1) <= day - latest <= timedelta(days=3)
        found = statuses(repo, day)
        assert found[("degree-england", "placement-days", "Final placement: children's assessment team")] == (
            "at_risk"
        )
    with built(tmp_path, "practitioner", day) as repo:
        found = statuses(repo, day)
        assert found[("swe", "peer-reflection", "")] == "at_risk"
        complete = [a.date for a in repo.activities() if a.status == "complete" and a.date is not None]
        assert max(complete) <= day


def test_the_same_day_gives_the_same_sample(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with built(tmp_path / "a", "student") as one, built(tmp_path / "b", "student") as two:
        for kind in (Activity, Placement, PlacementDay, Reflection):
            assert [r.to_doc() for r in one.all(kind)] == [r.to_doc() for r in two.all(kind)]


# -- opening a sample -------------------------------------------------------------------------------
def test_a_sample_lives_beside_the_users_store_and_is_rebuilt_each_time(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as own:
        own.add(Activity(date=TODAY, title="My own reading", type="reading", hours=1.0))
    before = store_path.read_bytes(), (store_path.parent / "praxis.json.journal").read_bytes()
    path = sample_path(store_path, "student")
    assert path == store_path.parent / "samples" / "student.json" and is_sample(path)
    assert not is_sample(store_path)
    with open_sample(path, "student", clock) as sample:
        sample.add(Activity(date=TODAY, title="Something tried in the sample", type="other", hours=1.0))
        count = len(sample.activities())
    with open_sample(path, "student", clock) as sample:
        assert len(sample.activities()) == count - 1
        assert "Something tried in the sample" not in {a.title for a in sample.activities()}
    assert (store_path.read_bytes(), (store_path.parent / "praxis.json.journal").read_bytes()) == before


def test_a_sample_open_in_another_copy_is_opened_read_only_not_rebuilt(store_path: Path, clock) -> None:
    path = sample_path(store_path, "practitioner")
    with open_sample(path, "practitioner", clock) as first:
        first.add(Activity(date=TODAY, title="Kept by the first copy", type="other", hours=1.0))
        with open_sample(path, "practitioner", clock) as second:
            assert second.read_only
            assert "Kept by the first copy" in {a.title for a in second.activities()}


def test_an_unknown_sample_is_refused(store_path: Path, clock) -> None:
    with pytest.raises(PraxisError, match="no sample called 'nurse'"):
        sample_path(store_path, "nurse")
    with (
        Repository.open(store_path, clock) as repo,
        pytest.raises(PraxisError, match="student or practitioner"),
    ):
        build_sample(repo, "nurse", TODAY)


def test_the_sample_builder_does_not_import_textual() -> None:
    code = "import sys, services.sample_portfolio; print('textual' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"
