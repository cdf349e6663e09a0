"""The portable bundle: exact round trips, merging by id with nothing dropped, and bad files refused."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork import store
from praxis_socialwork.exports.bundle import export_bundle as write_bundle
from praxis_socialwork.exports.bundle import import_bundle, read_bundle
from praxis_socialwork.store import Activity, PlacementDay, Profile, Reflection, Repository, ValidationError

KINDS = (Profile, store.Placement, Activity, PlacementDay, Reflection, store.Plan)


def everything(repo: Repository) -> dict[str, list[dict]]:
    """Every record's stored document, by kind, in id order: what 'the same store' means."""
    return {kind.KIND: sorted((r.to_doc() for r in repo.all(kind)), key=lambda d: d["id"]) for kind in KINDS}


@pytest.fixture
def empty(tmp_path: Path, clock: store.FixedClock):
    """Open a new empty store under ``tmp_path`` called ``name``."""
    opened: list[Repository] = []

    def make(name: str) -> Repository:
        repo = Repository.open(tmp_path / name / "praxis.json", clock)
        opened.append(repo)
        return repo

    yield make
    for repo in opened:
        repo.close()


def test_a_bundle_comes_back_exactly_and_exports_to_the_same_bytes(
    sample_store, empty, tmp_path: Path
) -> None:
    alex = sample_store("student")
    first = tmp_path / "alex.praxis.json"
    written = write_bundle(alex, first)
    assert written.counts["day"] == len(alex.days()) > 100

    fresh = empty("laptop")
    result = import_bundle(fresh, first)
    assert result.added["activity"] == len(alex.activities())
    assert result.conflicts == [] and result.set_aside is None
    assert everything(fresh) == everything(alex)  # ids, timestamps and edit numbers all kept

    again = tmp_path / "again.praxis.json"
    write_bundle(fresh, again)
    assert again.read_bytes() == first.read_bytes()


def test_the_bundle_is_json_an_independent_reader_understands_and_only_its_owner_can_read(
    sample_store, tmp_path: Path
) -> None:
    jo = sample_store("practitioner")
    path = tmp_path / "jo.praxis.json"
    write_bundle(jo, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["praxis_bundle"] == 1 and doc["schema_version"] >= 1
    assert doc["profile"][0]["name"] == "Jo Example"
    assert {a["title"] for a in doc["activities"]} == {a.title for a in jo.activities()}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_keys_a_newer_praxis_wrote_survive_the_round_trip(sample_store, empty, tmp_path: Path) -> None:
    path = tmp_path / "jo.praxis.json"
    write_bundle(sample_store("practitioner"), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["activities"][0]["evidence_rating"] = "strong"  # a field this version does not know
    path.write_text(json.dumps(doc), encoding="utf-8")

    fresh = empty("new")
    import_bundle(fresh, path)
    kept = fresh.get(Activity, doc["activities"][0]["id"])
    assert kept.to_doc()["evidence_rating"] == "strong"


def _edit(repo: Repository, rec, **changes):
    return repo.update(replace(rec, **changes))


def test_merging_takes_the_newer_edit_keeps_yours_when_newer_and_lists_a_conflict(
    sample_store, empty, tmp_path: Path
) -> None:
    laptop = sample_store("practitioner")
    sent = tmp_path / "sent.praxis.json"
    write_bundle(laptop, sent)
    desktop = empty("desktop")
    import_bundle(desktop, sent)

    a1, a2, a3, a4 = laptop.activities()[:4]
    # On the laptop: a1 edited twice (so it is newer), a3 edited once.
    _edit(laptop, _edit(laptop, a1, impact="Laptop impact"), impact="Laptop impact, again")
    _edit(laptop, a3, learning="Laptop learning")
    # On the desktop: a2 edited twice; a3 edited once, differently; a new piece added.
    d2 = desktop.get(Activity, a2.id)
    _edit(desktop, _edit(desktop, d2, title="Desktop title"), title="Desktop title, again")
    _edit(desktop, desktop.get(Activity, a3.id), learning="Desktop learning")
    added = desktop.add(
        Activity(date=date(2026, 11, 20), title="Only on the desktop", type="reading", hours=1)
    )

    back = tmp_path / "back.praxis.json"
    write_bundle(laptop, back)
    result = import_bundle(desktop, back)

    assert desktop.get(Activity, a1.id).impact == "Laptop impact, again"  # theirs newer: taken
    assert desktop.get(Activity, a2.id).title == "Desktop title, again"  # yours newer: kept
    assert desktop.get(Activity, a3.id).learning == "Desktop learning"  # same edit number: yours kept
    assert desktop.get(Activity, added.id).title == "Only on the desktop"  # not in the bundle: kept
    assert desktop.get(Activity, a4.id).content() == a4.content()
    assert result.updated == {"activity": 1} and result.kept == {"activity": 1}
    assert [(c.id, c.kept, c.fields) for c in result.conflicts] == [(a3.id, "yours", ("learning",))]
    assert "differs in learning" in result.summary()

    # Nothing is dropped: the versions not kept are a bundle of their own, listed in the summary.
    assert result.set_aside is not None and str(result.set_aside) in result.summary()
    aside = read_bundle(result.set_aside)
    not_kept = {r.id: r for r in aside.records[Activity]}
    assert not_kept[a3.id].learning == "Laptop learning"  # the conflict's other side
    assert not_kept[a2.id].title == a2.title  # the laptop's older a2
    assert not_kept[a1.id].impact == a1.impact  # the desktop's older a1
    assert stat.S_IMODE(result.set_aside.stat().st_mode) == 0o600


def test_the_same_day_logged_on_both_sides_is_a_conflict_and_links_follow_the_day_kept(
    sample_store, empty, tmp_path: Path, clock: store.FixedClock
) -> None:
    alex = sample_store("student")
    sent = tmp_path / "alex.praxis.json"
    write_bundle(alex, sent)
    other = empty("other")
    import_bundle(other, sent)

    final = next(p for p in alex.placements() if p.kind == "final")
    logged = {d.date for d in alex.days() if d.placement_id == final.id}
    friday = next(date(2026, 11, n) for n in range(21, 0, -1) if date(2026, 11, n) not in logged)
    mine = other.add(PlacementDay(placement_id=final.id, date=friday, hours=7, note="desktop"))
    theirs = alex.add(PlacementDay(placement_id=final.id, date=friday, hours=7.5, note="laptop"))
    alex.add(Reflection(date=friday, title="After the visit", stages={"text": "Notes."}, links=[theirs.id]))

    back = tmp_path / "back.praxis.json"
    write_bundle(alex, back)
    result = import_bundle(other, back)

    days = [d for d in other.days() if d.placement_id == final.id and d.date == friday]
    assert [d.id for d in days] == [mine.id]
    assert [(c.kind, c.why) for c in result.conflicts] == [("day", "the same day logged on both sides")]
    reflection = next(r for r in other.reflections() if r.title == "After the visit")
    assert reflection.links == [mine.id]
    assert result.set_aside is not None
    assert [d.note for d in read_bundle(result.set_aside).records[PlacementDay]] == ["laptop"]


def _store_bytes(repo: Repository) -> dict[str, list[dict]]:
    return everything(repo)


def test_bad_json_says_line_and_column_and_imports_nothing(sample_store, tmp_path: Path) -> None:
    jo = sample_store("practitioner")
    before = _store_bytes(jo)
    path = tmp_path / "broken.praxis.json"
    path.write_text('{\n  "praxis_bundle": 1,\n  "activities": [ {"id": "x",, } ]\n}\n', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        import_bundle(jo, path)
    assert "line 3, column" in str(caught.value) and "not valid JSON" in str(caught.value)
    assert _store_bytes(jo) == before


def test_a_bad_record_is_named_with_its_field_and_nothing_changes(
    sample_store, empty, tmp_path: Path
) -> None:
    path = tmp_path / "jo.praxis.json"
    write_bundle(sample_store("practitioner"), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    bad = doc["activities"][2]
    bad["status"] = "nearly"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")

    fresh = empty("fresh")
    with pytest.raises(ValidationError) as caught:
        import_bundle(fresh, path)
    message = str(caught.value)
    assert "nothing was imported" in message
    assert bad["id"] in message and "status" in message
    assert fresh.profile() is None and fresh.activities() == []


def test_an_impossible_date_is_named_with_its_record_field_and_line(
    sample_store, empty, tmp_path: Path
) -> None:
    path = tmp_path / "jo.praxis.json"
    write_bundle(sample_store("practitioner"), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["activities"][4]["date"] = "2026-13-01"
    text = json.dumps(doc, indent=2)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(doc["activities"][4]["id"])].count("\n") + 1

    fresh = empty("fresh")
    with pytest.raises(ValidationError) as caught:
        import_bundle(fresh, path)
    assert f"line {line}: activities[5].date: '2026-13-01' is not a date" in str(caught.value)
    assert fresh.activities() == []


def test_a_bundle_from_a_newer_praxis_is_refused(sample_store, tmp_path: Path) -> None:
    jo = sample_store("practitioner")
    path = tmp_path / "jo.praxis.json"
    write_bundle(jo, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    for key, message in (("praxis_bundle", "newer Praxis"), ("schema_version", "newer Praxis")):
        changed = dict(doc, **{key: 99})
        path.write_text(json.dumps(changed), encoding="utf-8")
        with pytest.raises(store.PraxisError, match=message):
            import_bundle(jo, path)


def test_not_a_bundle_is_said_plainly(sample_store, tmp_path: Path) -> None:
    path = tmp_path / "list.praxis.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.raises(store.PraxisError, match="not a Praxis bundle"):
        import_bundle(sample_store("practitioner"), path)


def test_someone_elses_portfolio_is_not_merged_into_yours(sample_store, tmp_path: Path) -> None:
    alex_bundle = tmp_path / "alex.praxis.json"
    write_bundle(sample_store("student"), alex_bundle)
    jo = sample_store("practitioner")
    before = _store_bytes(jo)
    with pytest.raises(store.PraxisError, match="portfolio of 'Alex Sample'"):
        import_bundle(jo, alex_bundle)
    assert _store_bytes(jo) == before


def test_the_command_line_exports_and_imports_a_bundle(praxis, tmp_path: Path, store_path: Path) -> None:
    code, out, err = praxis("init", "--name", "Sam Example", "--role", "practitioner", "--framework", "swe")
    assert code == 0, err
    assert praxis("add", "activity", "--title", "Reading on the Care Act", "--type", "reading",
                  "--date", "12/11/2026", "--hours", "2")[0] == 0  # fmt: skip
    code, out, err = praxis("export", "bundle", "-o", str(tmp_path / "sam"))
    assert code == 0, err
    written = tmp_path / "sam.praxis.json"
    assert f"Wrote {written}" in out and "1 profile, 1 activity" in out

    code, out, err = praxis("--store", str(tmp_path / "new" / "praxis.json"), "import", str(written))
    assert code == 0, err
    assert "added: 1 profile, 1 activity" in out
    code, out, err = praxis("--store", str(tmp_path / "new" / "praxis.json"), "list", "activities")
    assert "Reading on the Care Act" in out

    code, out, err = praxis("export", "bundle", "-o", str(tmp_path / "sam.json"))
    assert code == 1 and "ends in .praxis.json" in err
