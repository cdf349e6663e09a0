"""CSV interchange: imports are all-or-nothing with every problem placed, and exports import back."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.exports import export_csv, import_csv
from praxis_socialwork.store import Activity, Placement, PlacementDay, Repository, ValidationError

HEADER = (
    "date,title,type,hours,provider,description,learning,impact,peer,peer_reflection,standards,tags,status"
)


@pytest.fixture
def repo(store_path: Path, clock) -> Repository:
    with Repository.open(store_path, clock) as repo:
        yield repo


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _fingerprint(path: Path) -> str:
    """Hash of everything the store keeps on disk (snapshot + journal)."""
    h = hashlib.sha256()
    for p in sorted(path.parent.glob(path.name + "*")):
        if not p.name.endswith(".lock"):
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def test_activities_import_with_every_column(repo: Repository, tmp_path: Path) -> None:
    f = _write(
        tmp_path / "a.csv",
        HEADER + "\n"
        "04/03/2026,Safeguarding refresher,course,3.5,Council,What and why,Learnt X,Impact Y,"
        "A. Colleague,We discussed it,swe:4.3; PCF:6,safeguarding;adults,\n"
        "2026-03-05,Reading on trauma,reading,1,,,,,,,,,draft\n",
    )
    result = import_csv(repo, f)
    assert (result.added, result.unchanged) == (2, 0)
    first, second = repo.activities()
    assert first.date == date(2026, 3, 4)  # day first, as the UK writes it
    assert first.hours == 3.5 and first.type == "course" and first.status == "complete"
    assert first.standards == ["swe:4.3", "pcf:6"] and first.tags == ["safeguarding", "adults"]
    assert first.peer == "A. Colleague" and first.peer_reflection == "We discussed it"
    assert second.status == "draft" and second.type == "reading"


def test_importing_the_same_file_twice_adds_nothing(repo: Repository, tmp_path: Path) -> None:
    f = _write(tmp_path / "a.csv", "date,title,hours\n2026-03-04,One,1\n2026-03-05,Two,2\n")
    import_csv(repo, f)
    again = import_csv(repo, f)
    assert (again.added, again.unchanged) == (0, 2)
    assert [a.title for a in repo.activities()] == ["One", "Two"]


def test_bad_rows_are_all_reported_and_nothing_is_written(
    repo: Repository, store_path: Path, tmp_path: Path
) -> None:
    repo.add(Activity(date=date(2026, 1, 2), title="Already here", hours=1))
    before = _fingerprint(store_path)
    f = _write(
        tmp_path / "bad.csv",
        "date,title,hours,type,standards\n"
        "2026-03-04,Good row,2,course,swe:4.3\n"
        "31/02/2026,,abc,webinar,swe:9.9\n"
        "03/25/2026,US date,1,,\n"
        "2026-03-06,Too long,25,,\n",
    )
    with pytest.raises(ValidationError) as caught:
        import_csv(repo, f)
    where = {(p.line, p.column, p.field) for p in caught.value.problems}
    assert {
        (3, 1, "date"),
        (3, 2, "title"),
        (3, 3, "hours"),
        (3, 4, "type"),
        (3, 5, "standards"),
        (4, 1, "date"),
        (5, 3, "hours"),
    } <= where
    text = str(caught.value)
    assert "nothing was imported" in text
    assert "line 4, column 1: date: '03/25/2026' is not a date: 25 is not a month" in text
    assert _fingerprint(store_path) == before
    assert [a.title for a in repo.activities()] == ["Already here"]
    # and the store on disk agrees after reopening
    repo.close()
    with Repository.open(store_path, repo.clock) as again:
        assert [a.title for a in again.activities()] == ["Already here"]


def test_unknown_columns_and_unknown_layouts_are_refused(repo: Repository, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"line 1, column 4: colour: unknown column"):
        import_csv(repo, _write(tmp_path / "x.csv", "date,title,hours,colour\n2026-01-01,A,1,red\n"))
    with pytest.raises(ValidationError, match="header does not say what this file holds"):
        import_csv(repo, _write(tmp_path / "y.csv", "when,what\n2026-01-01,A\n"))
    assert repo.activities() == []


def test_malformed_csv_names_the_line(repo: Repository, tmp_path: Path) -> None:
    f = _write(tmp_path / "q.csv", 'date,title,hours\n2026-01-01,"Unclosed,1\n')
    with pytest.raises(ValidationError, match="line 2: this is not well-formed CSV"):
        import_csv(repo, f)


@pytest.mark.parametrize(
    ("data", "encoding_seen"),
    [
        ("\ufeffdate,title,hours\r\n04/03/2026,Café £ learning,2\r\n".encode(), "UTF-8"),  # Excel "CSV UTF-8"
        (
            "date,title,hours\r\n04/03/2026,Café £ learning,2\r\n".encode("cp1252"),
            "Windows-1252",
        ),  # Excel CSV
        ("date;title;hours\r\n04/03/2026;Café £ learning;2\r\n".encode(), "UTF-8"),  # semicolon locale
    ],
)
def test_spreadsheet_saved_files(repo: Repository, tmp_path: Path, data: bytes, encoding_seen: str) -> None:
    f = tmp_path / "excel.csv"
    f.write_bytes(data)
    result = import_csv(repo, f)
    assert result.encoding == encoding_seen
    (activity,) = repo.activities()
    assert activity.title == "Café £ learning" and activity.date == date(2026, 3, 4)


def test_days_need_their_placement_and_one_day_per_date(repo: Repository, tmp_path: Path) -> None:
    placement = repo.add(
        Placement(name="Northshire Children's Services", start=date(2026, 9, 1), required_days=70)
    )
    repo.add(PlacementDay(placement_id=placement.id, date=date(2026, 9, 1), hours=7.5))
    f = _write(
        tmp_path / "days.csv",
        "placement,date,hours,kind,note\n"
        "Nowhere,2026-09-02,7,,\n"
        "northshire,2026-09-01,5,,\n"
        "northshire,2026-09-03,7,,\n"
        "northshire,2026-09-03,6,,\n",
    )
    with pytest.raises(ValidationError) as caught:
        import_csv(repo, f)
    where = {(p.line, p.field) for p in caught.value.problems}
    assert (2, "placement") in where and (3, "date") in where and (5, "date") in where
    assert len(repo.days()) == 1

    ok = _write(
        tmp_path / "ok.csv",
        "placement,date,hours,kind,note\nnorthshire,2026-09-01,7.5,practice,\nnorthshire,2026-09-03,0,sick,\n",
    )
    result = import_csv(repo, ok)
    assert (result.added, result.unchanged) == (1, 1)
    assert [(d.date.day, d.kind) for d in repo.days()] == [(1, "practice"), (3, "sick")]


def test_export_imports_back_to_the_same_records(
    repo: Repository, store_path: Path, clock, tmp_path: Path
) -> None:
    placement = repo.add(
        Placement(
            name='=Formula-looking, "quoted" name',
            start=date(2026, 9, 1),
            required_days=70,
            setting="statutory",
            kind="first",
            weekdays=["mon", "wed"],
            hours_per_day=7,
        )
    )
    repo.add(
        PlacementDay(placement_id=placement.id, date=date(2026, 9, 2), hours=6.5, note="Line one\nline two")
    )
    repo.add(
        Activity(
            date=date(2026, 3, 4),
            end_date=date(2026, 3, 5),
            title="Course, with comma",
            hours=12,
            type="course",
            learning="-starts with a dash",
            standards=["swe:4.3"],
            tags=["a", "b"],
            peer="Sam",
            peer_role="Team manager",
            peer_reflection="Talked",
            evidence=["cert.pdf"],
        )
    )
    files = export_csv(repo, tmp_path / "out")
    assert [p.name for p in files] == ["activities.csv", "placements.csv", "placement_days.csv"]
    # an independent reader sees the protected cell as text, not a formula
    rows = list(csv.DictReader((tmp_path / "out" / "placements.csv").open(encoding="utf-8", newline="")))
    assert rows[0]["name"].startswith("'=")

    with Repository.open(tmp_path / "fresh" / "praxis.json", clock) as fresh:
        for f in files:
            import_csv(fresh, f)
        for kind in (Activity, Placement, PlacementDay):
            assert [r.to_doc() | {"created": "", "updated": ""} for r in fresh.all(kind)] == [
                r.to_doc() | {"created": "", "updated": ""} for r in repo.all(kind)
            ]
        # and re-importing the export into the store it came from changes nothing
    for f in files:
        result = import_csv(repo, f)
        assert result.added == result.updated == 0


def test_an_edited_export_updates_by_id(repo: Repository, tmp_path: Path) -> None:
    saved = repo.add(Activity(date=date(2026, 3, 4), title="Old title", hours=1))
    (out,) = [p for p in export_csv(repo, tmp_path / "out") if p.name == "activities.csv"]
    out.write_text(out.read_text(encoding="utf-8").replace("Old title", "New title"), encoding="utf-8")
    result = import_csv(repo, out)
    assert (result.added, result.updated) == (0, 1)
    (activity,) = repo.activities()
    assert activity.id == saved.id and activity.title == "New title" and activity.sequence == 2


def test_a_tag_holding_a_semicolon_comes_back_whole(repo: Repository, clock, tmp_path: Path) -> None:
    tags = ["Mental health; wellbeing", "adults", '"Quoted" tag', '5" screen', "C:\\evidence\\"]
    evidence = ["https://example.org/course;session=4", "\\\\server\\share\\certificate.pdf"]
    repo.add(Activity(date=date(2026, 3, 4), title="Wellbeing day", hours=6, tags=tags, evidence=evidence))
    files = export_csv(repo, tmp_path / "out")
    # A spreadsheet shows the cell like this: the item holding ';' in quotes, the rest as typed.
    (row,) = csv.DictReader((tmp_path / "out" / "activities.csv").open(encoding="utf-8", newline=""))
    assert row["tags"] == '"Mental health; wellbeing";adults;"""Quoted"" tag";5" screen;C:\\evidence\\'
    with Repository.open(tmp_path / "fresh" / "praxis.json", clock) as fresh:
        import_csv(fresh, files[0])
        (back,) = fresh.activities()
        assert back.tags == tags and back.evidence == evidence
    result = import_csv(repo, files[0])  # into the store it came from: nothing differs
    assert (result.added, result.updated, result.unchanged) == (0, 0, 1)


def test_a_list_written_before_items_were_quoted_imports_as_it_did(repo: Repository, tmp_path: Path) -> None:
    f = _write(
        tmp_path / "old.csv",
        "date,title,hours,tags,evidence\n"
        '2026-03-04,Older export,1,safeguarding; adults ;,"5"" screen;C:\\notes\\;""half"\n',
    )
    import_csv(repo, f)
    (activity,) = repo.activities()
    assert activity.tags == ["safeguarding", "adults"]
    assert activity.evidence == ['5" screen', "C:\\notes\\", '"half']
