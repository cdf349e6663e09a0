"""``make stress`` (``python -m bench.stress``): the attacks a tester made on the store, repeated, with
a table of what they found. Every figure that counts must be 0.

- kill: a writer adding records (and folding its journal) is killed with SIGKILL at random moments;
  after each kill the store must open and hold every write that had returned.
- restore: ``praxis restore`` dies at each system call in turn; the store must be as it was or as
  restored, never a mix.
- concurrency: several command-line writers add records to one store at once; none may be refused
  or lost.
- fuzz: random invocations of every subcommand with bad values and odd files; none may end in a
  traceback or exit status 70.
- bad input: malformed CSV, calendar and bundle files imported; each must be refused with a sentence
  and change nothing.
- forgeries: 20 ways a student could fake or weaken a practice educator's sign-off (typed without a
  key, another key under the educator's name, a signature stripped or moved, fields edited); none may
  read as verified in the store, and ``praxis verify`` must count none as a good signature.

``--quick`` runs a reduced set (what CI runs through ``tests/test_stress.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from subprocess import PIPE

ROOT = Path(__file__).resolve().parents[1]
ENV = {"PRAXIS_CLOCK": "2026-11-22T12:00"}


@dataclass
class Campaign:
    """One line of the table."""

    name: str
    tries: int = 0
    lost: int = 0  # acknowledged writes missing afterwards
    wrong: int = 0  # stores left unreadable, or in a state that is neither before nor after
    tracebacks: int = 0  # tracebacks or exit 70
    changed: int = 0  # writes after a refusal
    notes: str = ""

    @property
    def ok(self) -> bool:
        """Whether every figure that counts is 0."""
        return not (self.lost or self.wrong or self.tracebacks or self.changed)


def _env(store: Path, home: Path) -> dict[str, str]:
    return {**os.environ, **ENV, "PRAXIS_STORE": str(store), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"), "PYTHONPATH": str(ROOT)}  # fmt: skip


WRITER = """
import sys
from datetime import date, datetime
import praxis_socialwork.store.storage
from praxis_socialwork import store
store.storage.COMPACT_AT_LEAST = 4000
clock = store.FixedClock(datetime(2026, 11, 22, 12, tzinfo=store.LONDON))
repo = store.Repository.open(sys.argv[1], clock, wait=5)
n = 0
while True:
    a = repo.add(store.Activity(date=date(2026, 11, 1), title=f"Note {sys.argv[2]}-{n}", type="reading",
                                hours=0.5, description="Care Act duties. " * 30))
    sys.stdout.write(a.id + "\\n"); sys.stdout.flush()  # only once add has returned
    n += 1
"""


def _ids(store: Path) -> set[str]:
    from praxis_socialwork import store as praxis_store

    with praxis_store.Repository.open(store, read_only=True) as repo:
        return {a.id for a in repo.activities()}


def kill_campaign(rounds: int, folder: Path, seed: int = 1) -> Campaign:
    """Kill a writer ``rounds`` times at random moments; count writes lost and stores left wrong."""
    rng = random.Random(seed)
    store = folder / "kill" / "praxis.json"
    result = Campaign("kill -9 during saves")
    acknowledged: set[str] = set()
    for round_no in range(rounds):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(store), str(round_no)],
                                 stdout=subprocess.PIPE, env=_env(store, folder), cwd=ROOT)  # fmt: skip
        assert child.stdout is not None
        fd = child.stdout.fileno()
        pending = b""
        deadline = time.monotonic() + rng.uniform(0.15, 0.6)
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.02)
            if ready:
                chunk = os.read(fd, 65536)  # the raw pipe only: no buffer to lose lines in
                if not chunk:
                    break
                pending += chunk
        child.send_signal(signal.SIGKILL)
        child.wait()
        while chunk := os.read(fd, 65536):
            pending += chunk
        child.stdout.close()
        acknowledged |= {line.decode() for line in pending.split(b"\n")[:-1] if line}
        result.tries += 1
        try:
            held = _ids(store)
        except Exception:  # noqa: BLE001 - a store that will not open is what this counts
            result.wrong += 1
            continue
        result.lost += len(acknowledged - held)
    result.notes = f"{len(acknowledged):,} acknowledged writes"
    return result


class Killed(BaseException):
    """The process dying at a system call: nothing after it runs but what the OS would do."""


SYSTEM_CALLS = ("replace", "rename", "ftruncate", "fsync", "write", "unlink", "open", "close", "fchmod")


@contextlib.contextmanager
def killing_at(n: int) -> Iterator[list[int]]:
    """Within the block, the ``n``-th call of a file system call in ``os`` raises ``Killed``; yields
    the running count of calls."""
    count = [0]
    real = {name: getattr(os, name) for name in SYSTEM_CALLS}

    def wrap(call):  # noqa: ANN001, ANN202
        def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            count[0] += 1
            if count[0] == n:
                raise Killed
            return call(*args, **kwargs)

        return counted

    open_before = set(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else set()
    for name, call in real.items():
        setattr(os, name, wrap(call))
    try:
        yield count
    finally:
        for name, call in real.items():
            setattr(os, name, call)
        if count[0] >= n and open_before:  # died: the OS would close what the process had open
            for fd in set(os.listdir("/proc/self/fd")) - open_before:
                with contextlib.suppress(OSError):
                    os.close(int(fd))


def restore_campaign(folder: Path) -> Campaign:
    """Run a restore that dies at each system call in turn; count stores neither before nor after."""
    from praxis_socialwork import store as praxis_store

    result = Campaign("restore killed at each system call")
    path = folder / "restore" / "praxis.json"
    with praxis_store.Repository.open(path) as repo:

        def add(title: str) -> str:
            return repo.add(praxis_store.Activity(date=praxis_store.today(repo.clock), title=title,
                                                  type="reading", hours=1)).id  # fmt: skip

        before_backup = {add(f"Old {n}") for n in range(4)}
        backup = repo.backup_now("stress")
        for n in range(3):
            add(f"Folded {n}")
        repo.compact()
        for n in range(5):
            add(f"Journal {n}")
        repo.delete(praxis_store.Activity, sorted(before_backup)[0])
    assert backup is not None
    current = _ids(path)
    pristine = {p: p.read_bytes() for p in path.parent.rglob("*") if p.is_file()}

    n = 1
    while True:
        for p in list(path.parent.rglob("*")):
            if p.is_file() and p not in pristine:
                p.unlink()
        for p, data in pristine.items():
            p.write_bytes(data)
        try:
            with killing_at(n):
                praxis_store.restore_backup(path, backup)
            finished = True
        except Killed:
            finished = False
        result.tries += 1
        try:
            state = _ids(path)
        except Exception:  # noqa: BLE001
            result.wrong += 1
        else:
            result.wrong += state not in (current, before_backup)
        if finished:
            break
        n += 1
    return result


def concurrency_campaign(writers: int, each: int, folder: Path) -> Campaign:
    """``writers`` command-line processes add ``each`` activities at once; count refusals and losses."""
    store = folder / "concurrent" / "praxis.json"
    env = _env(store, folder)
    init = [
        sys.executable,
        "-m",
        "praxis_socialwork",
        "init",
        "--name",
        "Sam Example",
        "--role",
        "practitioner",
    ]
    subprocess.run(init, env=env, cwd=ROOT, check=True, capture_output=True)
    script = (
        "import subprocess, sys\n"
        "bad = 0\n"
        f"for n in range({each}):\n"
        "    r = subprocess.run([sys.executable, '-m', 'praxis_socialwork', 'add', 'activity',"
        " '--date', '01/11/2026', '--title', f'W{sys.argv[1]}-{n}', '--hours', '1', '--type', 'reading'],"
        " capture_output=True)\n"
        "    bad += r.returncode != 0\n"
        "print(bad)\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(w)], env=env, cwd=ROOT, stdout=PIPE, text=True)
        for w in range(writers)
    ]
    refused = sum(int(p.communicate()[0].strip() or 0) for p in procs)
    result = Campaign(f"{writers} writers at once", tries=writers * each)
    result.changed = 0
    held = _ids(store)
    result.lost = writers * each - refused - len(held)
    result.wrong = refused  # a refused write is a write the person has to make again
    result.notes = f"{refused} refused"
    return result


def fuzz_campaign(count: int, folder: Path, seed: int = 20261205) -> Campaign:
    """Random invocations of every subcommand; count tracebacks and exit-70s."""
    from bench.fuzz_cli import fuzz

    found = fuzz(count, seed, folder / "fuzz")
    result = Campaign("fuzzed command lines", found.invocations, tracebacks=found.exit_70 + found.tracebacks)
    result.notes = found.examples[0].splitlines()[0][:60] if found.examples else ""
    return result


DEEP = "[" * 3000 + "]" * 3000
BAD_FILES = {
    "activities.csv": [
        "date,title,type,hours\n2026-13-45,x,reading,1\n",
        "date,title,type,hours\n2026-11-02,x,reading,NaN\n",
        "\ufeff\x00\x01",
        'date,title\n"unclosed\n',
        "title\n" + "x\n" * 10,
    ],
    "cal.ics": [
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nope\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261201T090000\r\nDURATION:P99999999W\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        "not a calendar",
        "",
    ],
    "x.praxis.json": [
        "{",
        "[]",
        '{"bundle_version": 1, "records": [' + DEEP + "]}",
        '{"bundle_version": 999}',
        '{"bundle_version": 1, "records": [{"kind": "activity", "hours": 1e400}]}',
    ],
}


def bad_input_campaign(folder: Path) -> Campaign:
    """Import each malformed file; count tracebacks and stores changed by a refused import."""
    from bench.fuzz_cli import run_in_process

    result = Campaign("malformed imports")
    store = folder / "bad" / "praxis.json"
    run_in_process(["init", "--name", "Sam Example", "--role", "practitioner"], store, folder)
    for name, contents in BAD_FILES.items():
        for n, text in enumerate(contents):
            path = folder / "bad-files" / f"{n}-{name}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            before = _digest(store.parent)
            code, output = run_in_process(["import", str(path)], store, folder)
            result.tries += 1
            result.tracebacks += code == 70 or "Traceback" in output
            result.changed += code != 0 and _digest(store.parent) != before
    return result


ICS_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "ics_corpus"


def ics_corpus_campaign(folder: Path, corpus: Path = ICS_CORPUS) -> Campaign:
    """Import every .ics of the icalendar, ical and khal projects' test suites (vendored under
    ``corpus``, see its README) into one store; count tracebacks, refusals that do not name the file,
    and stores changed by a refused import."""
    from bench.fuzz_cli import run_in_process

    result = Campaign("public iCal test suites")
    store = folder / "corpus" / "praxis.json"
    run_in_process(["init", "--name", "Sam Example", "--role", "practitioner"], store, folder)
    imported = 0
    for path in sorted(corpus.rglob("*.ics")):
        before = _digest(store.parent)
        code, output = run_in_process(["import", str(path)], store, folder)
        result.tries += 1
        imported += code == 0
        result.tracebacks += code not in (0, 1) or "Traceback" in output
        result.wrong += code == 1 and path.name not in output
        result.changed += code != 0 and _digest(store.parent) != before
    result.notes = f"{imported} imported, {result.tries - imported} refused with the file named and a reason"
    return result


def _forgeries() -> list[tuple[str, object]]:
    """``(name, change)``: each change takes the bundle (as JSON), the target day's id, the real
    sign-off of a signed day and the impostor's educator, and returns the records it forges."""
    import base64

    from praxis_socialwork.store.signing import fields_hash

    def edit(doc: dict, day_id: str, hours: float = 11.0) -> dict:
        day = next(d for d in doc["days"] if d["id"] == day_id)
        day["hours"], day["sequence"] = hours, day["sequence"] + 1
        return day

    def signoff_of(doc: dict, day_id: str) -> dict:
        return next(s for s in doc["signoffs"] if s["record_id"] == day_id)

    def bump(s: dict, **changes: object) -> None:
        s.update(changes, sequence=s["sequence"] + 1)

    def rehash(s: dict, day: dict) -> None:
        signed = {**s["signed"], "hours": day["hours"]}
        s.update(signed=signed, hash=fields_hash(signed))

    def strip(doc, signed, unsigned, impostor):
        bump(signoff_of(doc, signed), signature="", public_key="")

    def edit_strip_rehash(doc, signed, unsigned, impostor):
        s = signoff_of(doc, signed)
        rehash(s, edit(doc, signed))
        bump(s, signature="", public_key="")

    def edit_rehash_keep_signature(doc, signed, unsigned, impostor):
        s = signoff_of(doc, signed)
        rehash(s, edit(doc, signed))
        bump(s)

    def field(name, value):
        def change(doc, signed, unsigned, impostor):
            bump(signoff_of(doc, signed), **{name: value})

        return change

    def impostor_signs(by: str, edit_first: bool, on_signed: bool):
        def change(doc, signed, unsigned, impostor):
            from praxis_socialwork.store import PlacementDay
            from praxis_socialwork.store.signing import make_signoff

            target = signed if on_signed else unsigned
            day = edit(doc, target) if edit_first else next(d for d in doc["days"] if d["id"] == target)
            made = impostor.sign(make_signoff(PlacementDay.from_doc(day), by=by, role="Practice educator",
                                              at="2026-11-21T10:00:00+00:00"))  # fmt: skip
            made.id, made.created, made.updated, made.sequence = f"forged-{target}", made.at, made.at, 1
            doc["signoffs"].append(made.to_doc())

        return change

    def keyless_inserted(doc, signed, unsigned, impostor):
        from praxis_socialwork.store import PlacementDay
        from praxis_socialwork.store.signing import make_signoff

        day = next(d for d in doc["days"] if d["id"] == unsigned)
        made = make_signoff(PlacementDay.from_doc(day), by="Jo Educator", role="Practice educator",
                            at="2026-11-21T10:00:00+00:00")  # fmt: skip
        made.id, made.created, made.updated, made.sequence = "forged-keyless", made.at, made.at, 1
        doc["signoffs"].append(made.to_doc())

    def copied_signature(doc, signed, unsigned, impostor):
        s = dict(signoff_of(doc, signed))
        s.update(id="forged-copy", record_id=unsigned, sequence=1)
        doc["signoffs"].append(s)

    def moved_and_rehashed(doc, signed, unsigned, impostor):
        s = dict(signoff_of(doc, signed))
        day = next(d for d in doc["days"] if d["id"] == unsigned)
        signed_fields = {**s["signed"], "id": unsigned, "date": day["date"]}
        s.update(id="forged-move", record_id=unsigned, signed=signed_fields, hash=fields_hash(signed_fields),
                 sequence=1)  # fmt: skip
        doc["signoffs"].append(s)

    def key_swapped(doc, signed, unsigned, impostor):
        bump(signoff_of(doc, signed), public_key=impostor.public_key)

    def truncated(doc, signed, unsigned, impostor):
        s = signoff_of(doc, signed)
        bump(s, signature=s["signature"][:40])

    def keyless_from_someone_else(doc, signed, unsigned, impostor):
        # The key-signed sign-off replaced (same id, newer) by a keyless one in another educator's name.
        bump(signoff_of(doc, signed), signature="", public_key="", by="Kim Assessor")

    def signed_fields_altered(doc, signed, unsigned, impostor):
        # The day edited and the fields kept with the sign-off rewritten to match (the hash left).
        s = signoff_of(doc, signed)
        bump(s, signed={**s["signed"], "hours": edit(doc, signed)["hours"]})

    return [
        ("keyless sign-off inserted", keyless_inserted),
        ("student signs as educator, no key", "cli"),
        ("signature stripped", strip),
        ("edited, signature stripped, rehashed", edit_strip_rehash),
        ("edited, rehashed, signature kept", edit_rehash_keep_signature),
        ("comment changed", field("comment", "Outstanding week")),
        ("signer's name changed", field("by", "Kim Assessor")),
        ("date changed", field("at", "2026-09-01T09:00:00+00:00")),
        ("role changed", field("role", "Practice supervisor")),
        ("public key swapped", key_swapped),
        ("another key, same name, new day", impostor_signs("Jo Educator", False, False)),
        ("another key re-signs an edited day", impostor_signs("Jo Educator", True, True)),
        ("another key, name spaced and cased", impostor_signs("  jo EDUCATOR", False, False)),
        ("signature copied to another day", copied_signature),
        ("sign-off moved and rehashed", moved_and_rehashed),
        ("made-up signature", field("signature", base64.b64encode(b"\1" * 64).decode())),
        ("truncated signature", truncated),
        ("edited, signed fields rewritten to match", signed_fields_altered),
        ("edited, then sign-off deleted", "delete"),
        ("replaced by a keyless one from another name", keyless_from_someone_else),
    ]


def forgery_campaign(folder: Path) -> Campaign:
    """Try each forgery on a copy of a student's store whose educator key is confirmed; count those
    that read as verified (wrong) or that ``verify`` calls a good signature (also wrong)."""
    import json
    import shutil

    from bench.fuzz_cli import run_in_process
    from praxis_socialwork.exports.signatures import GOOD, check
    from praxis_socialwork.rules.review import ReviewBook
    from praxis_socialwork.store import PlacementDay, Repository, SignOff
    from praxis_socialwork.store.signing import educator_folder, new_key

    home = folder / "forge-home"
    base = folder / "forge-base" / "praxis.json"
    for argv in (
        ["init", "--name", "Sam Example", "--role", "student", "--framework", "degree-england"],
        ["placement", "add", "--name", "Riverside", "--start", "02/11/2026", "--days", "70"],
        ["log", "days", "--placement", "riverside", "--from", "16/11/2026", "--to", "20/11/2026"],
        ["keys", "new", "--name", "Jo Educator"],
        ["signoff", "--placement", "riverside", "--from", "16/11/2026", "--to", "18/11/2026", "--key"],
    ):
        code, out = run_in_process(argv, base, home)
        assert code == 0, out
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    try:
        real = (educator_folder() / "signing-key.pub").read_text(encoding="ascii").strip()
    finally:
        del os.environ["XDG_CONFIG_HOME"]
    from praxis_socialwork.store.signing import fingerprint

    assert run_in_process(["keys", "trust", "Jo Educator", fingerprint(real)], base, home)[0] == 0
    impostor = new_key(folder / "impostor-keys", "Jo Educator", "Practice educator")
    bundle = folder / "forge-base.praxis.json"
    assert run_in_process(["export", "bundle", "-o", str(bundle)], base, home)[0] == 0
    doc0 = json.loads(bundle.read_text(encoding="utf-8"))
    days = sorted(doc0["days"], key=lambda d: d["date"])
    signed, unsigned = days[1]["id"], days[3]["id"]  # Tue 17 (signed with the key), Thu 19 (not)
    result = Campaign("sign-off forgeries")
    named = 0
    for n, (name, change) in enumerate(_forgeries()):
        store = folder / f"forge-{n}" / "praxis.json"
        shutil.copytree(base.parent, store.parent)
        doc = json.loads(json.dumps(doc0))
        target = (
            unsigned if name in ("keyless sign-off inserted", "student signs as educator, no key") else signed
        )
        if change == "cli":
            code, out = run_in_process(["signoff", "--placement", "riverside", "--day", "19/11/2026", "--by",
                                        "Jo Educator"], store, folder / "student-home")  # fmt: skip
        elif change == "delete":
            with Repository.open(store) as repo:
                day = repo.get(PlacementDay, signed)
                from dataclasses import replace

                repo.update(replace(day, hours=11.0))
                for s in repo.signoffs():
                    if s.record_id == signed:
                        repo.delete(SignOff, s.id)
        else:
            change(doc, signed, unsigned, impostor)  # type: ignore[operator]
            target = next((s["record_id"] for s in doc["signoffs"] if s["id"].startswith("forged-")), target)
            path = folder / f"forge-{n}.praxis.json"
            path.write_text(json.dumps(doc), encoding="utf-8")
            code, out = run_in_process(["import", str(path)], store, home)
            result.tracebacks += code == 70 or "Traceback" in out
            forged = [SignOff.from_doc(s) for s in doc["signoffs"] if s["record_id"] == target]
            records = {d["id"]: PlacementDay.from_doc(d) for d in doc["days"]}
            outside = check(name, forged, records, {"Jo Educator": fingerprint(real)})
            # Away from the store, the original good signature of an untouched day may still check;
            # what must not is any sign-off this forgery made or changed.
            original = {json.dumps(s, sort_keys=True) for s in doc0["signoffs"]}
            result.wrong += sum(
                1 for c in outside.checked
                if c.status == GOOD and json.dumps(c.signoff.to_doc(), sort_keys=True) not in original
            )  # fmt: skip
        with Repository.open(store, read_only=True) as repo:
            day = repo.get(PlacementDay, target)
            review = ReviewBook([day], repo.signoffs(), [], repo.trust()).of(day)
        result.tries += 1
        result.wrong += review.verified
        named += review.status != "not signed off"
    result.notes = f"{named} of {result.tries} named for what they are (recorded, downgraded, other key, …)"
    return result


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.glob("praxis.json*")):
        if p.is_file() and not p.name.endswith(".lock"):
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def run(quick: bool, folder: Path) -> list[Campaign]:
    """Run every campaign (fewer rounds with ``quick``); return the table's lines."""
    return [
        kill_campaign(15 if quick else 200, folder),
        restore_campaign(folder),
        concurrency_campaign(3 if quick else 6, 4 if quick else 15, folder),
        fuzz_campaign(250 if quick else 2000, folder),
        bad_input_campaign(folder),
        ics_corpus_campaign(folder),
        forgery_campaign(folder),
    ]


def render(rows: Sequence[Campaign]) -> str:
    """The table, one campaign a line."""
    head = ("campaign", "tries", "writes lost", "wrong state", "tracebacks/70", "writes after refusal", "ok")
    cells = [(r.name, f"{r.tries:,}", str(r.lost), str(r.wrong), str(r.tracebacks), str(r.changed),
              "yes" if r.ok else "NO") for r in rows]  # fmt: skip
    widths = [max(len(c[i]) for c in [head, *cells]) for i in range(len(head))]
    lines = [" | ".join(v.ljust(w) for v, w in zip(head, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)) for c in cells]
    notes = [f"  {r.name}: {r.notes}" for r in rows if r.notes]
    return "\n".join(lines + ([""] + notes if notes else []))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the campaigns and print the table; return 1 if any figure that counts is not 0."""
    parser = argparse.ArgumentParser(prog="python -m bench.stress", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the reduced set CI runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="praxis-stress-") as tmp:
        rows = run(args.quick, Path(tmp))
    print(render(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
