"""Every record's id is its own: no import path makes two records with one id, and doctor finds any
that a hand-edited file has."""

from __future__ import annotations

import uuid
from pathlib import Path

import orjson
import pytest

from praxis_socialwork import store
from praxis_socialwork.store.doctor import examine


def test_a_csv_whose_rows_share_one_new_id_is_refused_naming_both_lines(praxis, tmp_path: Path, store_path):
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    shared = str(uuid.uuid4())
    csv = tmp_path / "activities.csv"
    csv.write_text(
        "date,title,type,hours,id\n"
        f"2026-11-02,Reading one,reading,1,{shared}\n"
        f"2026-11-03,Reading two,reading,1,{shared}\n",
        encoding="utf-8",
    )
    code, _, err = praxis("import", str(csv))
    assert code == 1 and "line 3" in err and "line 2 already has the id" in err
    assert praxis("list", "activities")[1].startswith("No activities")
    code, _, err = praxis("export", "bundle", "-o", str(tmp_path / "all.praxis.json"))
    assert code == 0, err


def test_the_same_row_twice_is_still_imported_once(praxis, tmp_path: Path) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    row = f"2026-11-02,Reading one,reading,1,{uuid.uuid4()}\n"
    csv = tmp_path / "activities.csv"
    csv.write_text("date,title,type,hours,id\n" + row + row, encoding="utf-8")
    code, out, err = praxis("import", str(csv))
    assert code == 0, err
    assert praxis("list", "activities", "--json")[1].count('"Reading one"') == 1


def test_a_batch_with_one_id_twice_is_refused(store_path: Path, clock) -> None:
    shared = str(uuid.uuid4())
    with store.Repository.open(store_path, clock) as repo:
        twins = [store.Activity(id=shared, date=store.today(clock), title=t, type="reading", hours=1)
                 for t in ("One", "Two")]  # fmt: skip
        with pytest.raises(store.ValidationError, match="already given to record 1"):
            repo.add_many(twins)
        with pytest.raises(store.ValidationError, match="already given to record 1"):
            repo.save_as_is(twins)
        assert repo.activities() == []


def test_doctor_finds_records_sharing_an_id(store_path: Path, clock) -> None:
    with store.Repository.open(store_path, clock) as repo:
        first = repo.add(store.Activity(date=store.today(clock), title="One", type="reading", hours=1))
        repo.add(store.Activity(date=store.today(clock), title="Two", type="reading", hours=1))
        repo.compact()
    tables = orjson.loads(store_path.read_bytes())
    for doc in tables["activities"].values():
        doc["id"] = first.id  # as a hand edit would
    store_path.write_bytes(orjson.dumps(tables))
    checkup = examine(store_path, clock)
    assert not checkup.healthy
    assert any("2 records share the id" in f.message for f in checkup.findings)
