"""Terminal control characters in imported text (a CSV title, a calendar's SUMMARY) are stripped as
they are saved and can never reach the terminal from `praxis list` or `plan list`."""

from __future__ import annotations

import json
from pathlib import Path

from praxis_socialwork import store

ESC = "\x1b"
TITLE = f"Reading{ESC}]0;pwned{chr(7)}{ESC}[31m red{ESC}]52;c;ZXZpbA=={chr(7)} done\x9b2J"
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:ctl-1@test\r\n"
    "DTSTAMP:20261101T090000Z\r\nDTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\n"
    f"SUMMARY:Teaching\\, day{ESC}]0;title{chr(7)}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def no_controls(text: str) -> bool:
    return not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text)


def test_a_csv_title_with_escapes_is_stored_and_listed_without_them(praxis, tmp_path, store_path, clock):
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    csv = tmp_path / "a.csv"
    csv.write_text(f'date,title,type,hours\n2026-11-02,"{TITLE}",reading,1\n', encoding="utf-8")
    assert praxis("import", str(csv))[0] == 0
    with store.Repository.open(store_path, clock, read_only=True) as repo:
        [kept] = repo.activities()
    assert no_controls(kept.title) and kept.title.startswith("Reading]0;pwned") and "done" in kept.title
    code, out, err = praxis("list", "activities")
    assert code == 0 and no_controls(out) and no_controls(err)
    code, out, _ = praxis("list", "activities", "--json")
    assert no_controls(out) and json.loads(out)[0]["title"] == kept.title


def test_a_calendar_summary_with_controls_is_stripped(praxis, tmp_path: Path) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "student")[0] == 0
    ics = tmp_path / "uni.ics"
    ics.write_text(ICS, encoding="utf-8")
    code, out, err = praxis("import", str(ics))
    assert code == 0, err
    code, out, _ = praxis("plan", "list", "--from", "01/12/2026", "--to", "31/12/2026")
    assert code == 0 and "Teaching, day]0;title" in out and no_controls(out)


def test_controls_already_in_a_store_are_printed_visibly_not_obeyed(praxis, store_path: Path, clock) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    with store.Repository.open(store_path, clock) as repo:
        made = repo.add(store.Activity(date=store.today(clock), title="Plain", type="reading", hours=1))
        repo.compact()
    raw = store_path.read_text(encoding="utf-8").replace('"Plain"', '"Pl\\u001b]0;x\\u0007ain"')
    store_path.write_text(raw, encoding="utf-8")  # as an older Praxis or a hand edit left it
    code, out, _ = praxis("list", "activities")
    assert code == 0 and "\\x1b]0;x\\x07" in out and no_controls(out)
    code, out, _ = praxis("show", made.id)
    assert no_controls(out)
