"""A portable bundle: every record and the profile in one versioned JSON file (``NAME.praxis.json``).

``praxis export bundle`` writes it; ``praxis import FILE.praxis.json`` brings it into a store. Into an
empty store it comes back exactly (ids, timestamps, edit numbers and unknown keys kept), so a bundle
exported again is the same file. Into a store that already holds some of the records it merges by
id: a record the store lacks is added; where both have it, the higher ``sequence`` (edit number)
wins; the same edit number with different contents is a conflict, and the store's own version is
kept. Nothing is dropped: every version not kept is written to a bundle of its own in a
``conflicts`` folder beside the store, and listed. A bad bundle changes nothing and the message
says where it is wrong.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from praxis_socialwork.exports.bundle_lines import encode_lines, read_lines
from praxis_socialwork.store import (
    NotFoundError,
    PraxisError,
    Problem,
    Record,
    Repository,
    ValidationError,
    __version__,
)
from praxis_socialwork.store.clock import stamp
from praxis_socialwork.store.files import atomic_write, check_input, read_input
from praxis_socialwork.store.migrations import MIGRATIONS, SCHEMA_VERSION, steps_needed
from praxis_socialwork.store.models import (
    Activity,
    Comment,
    Placement,
    PlacementDay,
    Plan,
    Profile,
    Reflection,
    SignOff,
)
from praxis_socialwork.store.record_lists import RecordLists

BUNDLE_VERSION = 1
SUFFIX = ".praxis.json"
MARK = "praxis_bundle"
# The order tables are written and brought in: a day after its placement, a reflection after what
# it links to, a practice educator's sign-offs and comments after what they are about.
KINDS: tuple[type[Record], ...] = (
    Profile,
    Placement,
    Activity,
    PlacementDay,
    Reflection,
    Plan,
    SignOff,
    Comment,
)
CONFLICTS_FOLDER = "conflicts"


def is_bundle(path: Path) -> bool:
    """Whether ``path`` is named like a bundle (``….praxis.json``)."""
    return path.name.lower().endswith(SUFFIX)


def bundle_path(path: Path) -> Path:
    """The file a bundle named ``path`` is written to: ``.praxis.json`` added to a name without an
    extension. Raises ``PraxisError`` for another extension (``praxis import`` knows a bundle by name)."""
    if is_bundle(path):
        return path
    if path.suffix:
        raise PraxisError(
            f"a bundle's name ends in {SUFFIX} (so praxis import knows it): try {path.stem}{SUFFIX}"
        )
    return path.with_name(path.name + SUFFIX)


def bundle_document(repo: Repository, records: RecordLists | None = None) -> dict[str, Any]:
    """Return the store as a bundle document: a header, then every record of each kind, by id
    (taken from ``records`` when given: the store's records already read)."""
    return _document(repo, (records or repo).all)


def _document(
    repo: Repository, records: Callable[[type[Record]], Iterable[Record]], note: str = ""
) -> dict[str, Any]:
    """A bundle document: the header (and ``note``, if any), then ``records(kind)`` for each of
    ``KINDS`` in turn, by id. A store's bundle and the versions an import set aside are both written
    so, and either can be imported."""
    doc: dict[str, Any] = {
        MARK: BUNDLE_VERSION,
        "schema_version": SCHEMA_VERSION,
        "written_by": f"praxis {__version__}",
        "exported": stamp(repo.clock),
    }
    if note:
        doc["note"] = note
    for kind in KINDS:
        doc[kind.TABLE] = sorted((r.to_doc() for r in records(kind)), key=lambda d: d["id"])
    return doc


def encode(doc: dict[str, Any]) -> bytes:
    """The bundle's bytes: UTF-8 JSON, one key order, a record a line (``exports.bundle_lines``),
    ending in a newline."""
    return encode_lines(doc)


@dataclass(frozen=True)
class BundleExport:
    """What ``export_bundle`` wrote."""

    path: Path
    counts: dict[str, int]

    def summary(self) -> str:
        """``Wrote alex.praxis.json: 1 profile, 2 placements, 45 days, …``."""
        parts = [f"{n} {plural_kind(kind, n)}" for kind, n in self.counts.items() if n]
        return f"Wrote {self.path}: {', '.join(parts) or 'no records'}."


def export_bundle(repo: Repository, path: Path, records: RecordLists | None = None) -> BundleExport:
    """Write every record and the profile of ``repo`` (or ``records``, read from it) to ``path``
    (readable by its owner only)."""
    path = Path(path).expanduser()
    doc = bundle_document(repo, records)
    atomic_write(path, encode(doc))
    return BundleExport(path, {kind.KIND: len(doc[kind.TABLE]) for kind in KINDS})


# -- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bundle:
    """A bundle read from a file and checked: its records by kind, in ``KINDS`` order."""

    path: Path
    records: dict[type[Record], list[Record]]
    exported: str

    @property
    def profile(self) -> Profile | None:
        """The bundle's profile, if it has one."""
        found = self.records.get(Profile, [])
        return found[0] if found else None  # type: ignore[return-value]


def read_bundle(path: Path) -> Bundle:
    """Read and check a bundle file; raise ``PraxisError`` saying what is wrong and where.

    A bundle from an older Praxis is brought up to date as a store would be; one from a newer
    Praxis is refused.
    """
    path = Path(path).expanduser()
    doc, text = _parse(path)
    try:
        if doc is None:
            doc = json.loads(text())
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [Problem("", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno)], f"{path} cannot be imported:"
        ) from None
    if not isinstance(doc, dict) or MARK not in doc:
        raise PraxisError(f"{path} is not a Praxis bundle (it has no '{MARK}' header); nothing was imported")
    version = doc[MARK]
    if not isinstance(version, int) or version < 1:
        raise PraxisError(f"{path}: '{MARK}' should be a whole number, not {version!r}; nothing was imported")
    if version > BUNDLE_VERSION:
        raise PraxisError(
            f"{path} was written by a newer Praxis (bundle version {version}; this one reads up to "
            f"{BUNDLE_VERSION}). Upgrade Praxis to import it; nothing was imported."
        )
    schema = doc.get("schema_version", SCHEMA_VERSION)
    if not isinstance(schema, int):
        raise PraxisError(f"{path}: 'schema_version' should be a whole number; nothing was imported")
    tables = {kind.TABLE: doc.get(kind.TABLE, []) for kind in KINDS}
    problems: list[Problem] = []
    for kind in KINDS:
        if not isinstance(tables[kind.TABLE], list):
            problems.append(
                Problem(kind.TABLE, "should be a list of records", _line_of(text(), f'"{kind.TABLE}"'))
            )
    if problems:
        raise ValidationError(problems, f"{path} cannot be imported:")
    if schema < SCHEMA_VERSION:
        tables = _migrate(tables, schema, str(path))
    else:
        steps_needed(schema, SCHEMA_VERSION, MIGRATIONS, str(path))  # refuses a newer schema
    records: dict[type[Record], list[Record]] = {}
    for kind in KINDS:
        seen: set[str] = set()
        out: list[Record] = []
        for n, item in enumerate(tables[kind.TABLE], start=1):
            where = f"{kind.TABLE}[{n}]"
            if not isinstance(item, dict):
                problems.append(Problem(where, "should be an object with the record's fields"))
                continue
            rid = item.get("id")

            def line(rid: object = rid) -> int | None:
                # Looked up only for a record with a problem: finding every id in the text is slow.
                return _line_of(text(), f'"{rid}"') if isinstance(rid, str) else None

            if not isinstance(rid, str) or not rid.strip():
                problems.append(Problem(where, "has no id", line()))
                continue
            if rid in seen:
                problems.append(Problem(where, f"the id {rid} is given twice", line()))
                continue
            seen.add(rid)
            bad_dates = _date_problems(kind, item)
            if bad_dates:
                problems += [Problem(f"{where}.{name}", message, line()) for name, message in bad_dates]
                continue
            try:
                rec = kind.from_doc(item)
            except (TypeError, ValueError) as exc:
                problems.append(Problem(where, f"cannot be read: {exc}", line()))
                continue
            problems += [Problem(f"{where}.{p}", message, line()) for p, message in _type_problems(kind, rec)]
            out.append(rec)
        records[kind] = out
    if len(records[Profile]) > 1:
        problems.append(Problem(Profile.TABLE, "a bundle holds one profile, this one has several"))
    if problems:
        raise ValidationError(problems, f"{path} cannot be imported; nothing was imported:")
    return Bundle(path, records, str(doc.get("exported", "")))


def _parse(path: Path) -> tuple[Any, Callable[[], str]]:
    """The bundle's JSON, read a line at a time (``bundle_lines``) or else parsed from its bytes (None
    if that fails: ``json`` then parses the text, to say where it is wrong), and a function giving its
    text, decoded only when a problem's line is wanted: a large bundle is not held as bytes, text and
    objects at once."""
    target = check_input(path, "bundle")
    with open(target, "rb") as f:
        doc = read_lines(f)  # a record a line, as Praxis writes bundles: never the whole file in memory
    data = b""
    if doc is None:
        data = read_input(path, "bundle")
        try:
            doc = orjson.loads(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
        except orjson.JSONDecodeError:
            doc = None
        else:
            data = b""  # read again if a line is asked for

    @functools.cache
    def text() -> str:
        return _read_text(path, data or read_input(path, "bundle"))

    return doc, text


def _read_text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError(
            [Problem("", "is not UTF-8 text (a bundle is JSON written by Praxis)", line)],
            f"{path} cannot be imported:",
        ) from None


def _line_of(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _date_problems(kind: type[Record], item: dict[str, Any]) -> list[tuple[str, str]]:
    """Date fields that do not hold an ISO date (``2026-11-22``) or nothing."""
    out = []
    for name in kind.DATE_FIELDS:
        value = item.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            out.append((name, f"should be a date written as YYYY-MM-DD, not {value!r}"))
            continue
        try:
            date.fromisoformat(value)
        except ValueError:
            out.append((name, f"'{value}' is not a date (write it as YYYY-MM-DD)"))
    return out


def _type_problems(kind: type[Record], rec: Record) -> list[tuple[str, str]]:
    """Fields holding the wrong kind of value (a hand-edited bundle), before the store's own checks."""
    out = []
    for name in ("id", "created", "updated"):
        if not isinstance(getattr(rec, name), str):
            out.append((name, "should be text"))
    if not isinstance(rec.sequence, int) or isinstance(rec.sequence, bool) or rec.sequence < 0:
        out.append(("sequence", "should be a whole number of edits, 0 or more"))
    return out


def _migrate(tables: dict[str, list[Any]], schema: int, where: str) -> dict[str, list[Any]]:
    steps = steps_needed(schema, SCHEMA_VERSION, MIGRATIONS, where)
    as_tables = {name: {str(i): doc for i, doc in enumerate(docs, 1)} for name, docs in tables.items()}
    for step in steps:
        as_tables = step.apply(as_tables)
    return {name: list(as_tables.get(name, {}).values()) for name in tables}


# -- merging --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """Two versions of one record that could not both be kept, and which one was."""

    kind: str
    id: str
    title: str
    yours: int  # the store's edit number (0 when the store had another record in its place)
    theirs: int
    kept: str  # "yours" or "theirs"
    fields: tuple[str, ...]  # the fields that differ
    why: str

    def describe(self) -> str:
        """One line: ``activity 'Peer discussion' (edit 3 on both sides): kept yours; differs in impact``."""
        differs = f"; differs in {', '.join(self.fields)}" if self.fields else ""
        return f"{self.kind} '{self.title}' ({self.why}): kept {self.kept}{differs}"


@dataclass
class MergeResult:
    """What an import did, record by record."""

    path: Path
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)  # the bundle's version was newer
    kept: dict[str, int] = field(default_factory=dict)  # the store's version was newer
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    set_aside: Path | None = None  # the bundle of versions not kept

    def summary(self) -> str:
        """Lines for the person who imported: counts, each conflict, and where the other versions are."""

        def counts(by_kind: dict[str, int]) -> str:
            return ", ".join(f"{n} {plural_kind(kind, n)}" for kind, n in by_kind.items() if n)

        lines = [f"Imported {self.path}:"]
        if self.added:
            lines.append(f"  added: {counts(self.added)}")
        if self.updated:
            lines.append(f"  updated to the bundle's newer version: {counts(self.updated)}")
        if self.kept:
            lines.append(f"  kept yours (newer than the bundle's): {counts(self.kept)}")
        lines.append(f"  already the same: {self.unchanged}")
        if self.conflicts:
            lines.append(f"  {len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''}:")
            lines += [f"    {c.describe()}" for c in self.conflicts]
        if self.set_aside is not None:
            lines.append(f"Versions not kept are saved in {self.set_aside} (nothing was thrown away).")
        return "\n".join(lines)


def import_bundle(repo: Repository, path: Path) -> MergeResult:
    """Bring a bundle into ``repo``, merging by id; all of it, or (on any problem) none of it.

    Raises ``PraxisError`` for a bundle that is someone else's portfolio (its profile names another
    person and the store already has a profile): merging two people's records is never wanted.
    """
    bundle = read_bundle(path)
    result = MergeResult(bundle.path)
    _check_person(repo, bundle)
    to_save: list[Record] = []
    losers: dict[type[Record], list[Record]] = {kind: [] for kind in KINDS}
    # The store's days by date are read only for a bundle with days; its other records are looked up
    # one by one, by id: a bundle of reflections does not build every record of a large store.
    day_keys = {_day_key(d): d for d in repo.days()} if bundle.records[PlacementDay] else {}
    same_day: dict[str, str] = {}  # a bundle's day id -> the store's day logged for the same date
    for kind in KINDS:
        local = _Local(repo, kind)
        if kind is Profile and bundle.profile is not None and (mine := repo.profile()) is not None:
            local = _Local(repo, kind, {bundle.profile.id: mine})  # one profile a store, whatever its id
        for theirs in bundle.records[kind]:
            if isinstance(theirs, Reflection) and any(link in same_day for link in theirs.links):
                links = [same_day.get(link, link) for link in theirs.links]  # point at the day kept
                theirs = replace(theirs, links=list(dict.fromkeys(links)))
            yours = local.get(theirs.id)
            if yours is None:
                clash = day_keys.get(_day_key(theirs)) if isinstance(theirs, PlacementDay) else None
                if clash is not None and clash.id != theirs.id:
                    same_day[theirs.id] = clash.id
                    losers[kind].append(theirs)
                    result.conflicts.append(
                        _conflict(clash, theirs, "yours", "the same day logged on both sides")
                    )
                    continue
                to_save.append(theirs)
                _count(result.added, kind)
                continue
            if kind is Profile and yours.id != theirs.id:
                theirs = _with_id(theirs, yours.id)
            if yours.to_doc() == theirs.to_doc() or yours.content() == theirs.content():
                result.unchanged += 1
                continue
            if theirs.sequence > yours.sequence:
                to_save.append(theirs)
                losers[kind].append(yours)
                _count(result.updated, kind)
            elif theirs.sequence < yours.sequence:
                losers[kind].append(theirs)
                _count(result.kept, kind)
            else:
                losers[kind].append(theirs)
                why = f"edit {yours.sequence} on both sides"
                result.conflicts.append(_conflict(yours, theirs, "yours", why))
    if any(losers.values()):
        result.set_aside = _set_aside(repo, bundle, losers)
    try:
        repo.save_as_is(to_save)
    except ValidationError as exc:
        if result.set_aside is not None:
            result.set_aside.unlink(missing_ok=True)
        problems = [
            Problem(_where(to_save[p.line - 1]) + (f".{p.field}" if p.field else ""), p.message)
            if p.line
            else p
            for p in exc.problems
        ]
        raise ValidationError(problems, f"{bundle.path} cannot be imported; nothing was imported:") from None
    return result


class _Local:
    """The store's records of one kind, looked up by id as a bundle's records ask for them (or, for
    the profile, the one the store has, whatever id the bundle gives it)."""

    def __init__(self, repo: Repository, kind: type[Record], fixed: dict[str, Record] | None = None) -> None:
        self.repo, self.kind, self.fixed = repo, kind, fixed

    def get(self, rid: str) -> Record | None:
        if self.fixed is not None:
            return self.fixed.get(rid)
        try:
            return self.repo.get(self.kind, rid)
        except NotFoundError:
            return None


def _check_person(repo: Repository, bundle: Bundle) -> None:
    mine, theirs = repo.profile(), bundle.profile
    if mine is not None and theirs is None:
        # A bundle that names no one cannot be checked as this person's: unless every record of the
        # student's in it is one this store already holds, it is refused (cutting the profile out of
        # someone else's bundle must not slip their records in).
        own = {r.id for r in repo.every_record()}
        foreign = [r for kind, rs in bundle.records.items() if kind not in (SignOff, Comment)
                   for r in rs if r.id not in own]  # fmt: skip
        if foreign:
            raise PraxisError(
                f"{bundle.path} names no one (it has no profile), so it cannot be checked as "
                f"'{mine.name or 'this store'}'s portfolio; {len(foreign)} of its records are not in this "
                "store. Nothing was imported. Import it into a store of its own: praxis --store NEW-FOLDER "
                "import FILE"
            )
        return
    if mine is None or theirs is None or mine.id == theirs.id:
        return
    if mine.name.strip().lower() != theirs.name.strip().lower():
        raise PraxisError(
            f"{bundle.path} is the portfolio of '{theirs.name or 'someone unnamed'}', and this store is "
            f"'{mine.name or 'someone unnamed'}'s'. Nothing was imported. To keep it, import it into a "
            "store of its own: praxis --store NEW-FOLDER import FILE"
        )


def _day_key(rec: Record) -> tuple[str, str]:
    assert isinstance(rec, PlacementDay)
    return (rec.placement_id, rec.date.isoformat() if rec.date else "")


def _with_id(rec: Record, rid: str) -> Record:
    return replace(rec, id=rid)


def _conflict(yours: Record, theirs: Record, kept: str, why: str) -> Conflict:
    mine, other = yours.content(), theirs.content()
    fields = tuple(k for k in dict.fromkeys([*mine, *other]) if mine.get(k) != other.get(k))
    return Conflict(
        theirs.KIND, theirs.id, _title(theirs), yours.sequence, theirs.sequence, kept, fields, why
    )


def _title(rec: Record) -> str:
    if isinstance(rec, PlacementDay):
        return f"{rec.date.isoformat() if rec.date else '?'}"
    return str(getattr(rec, "title", "") or getattr(rec, "name", "") or rec.id)


def _where(rec: Record) -> str:
    return f"{rec.KIND} '{_title(rec)}' ({rec.id})"


def _count(by_kind: dict[str, int], kind: type[Record]) -> None:
    by_kind[kind.KIND] = by_kind.get(kind.KIND, 0) + 1


def _set_aside(repo: Repository, bundle: Bundle, losers: dict[type[Record], list[Record]]) -> Path:
    """Write the versions not kept to a bundle beside the store, named for the time and the bundle."""
    folder = Path(repo.path).parent / CONFLICTS_FOLDER
    when = stamp(repo.clock)[:19].replace(":", "")
    name = bundle.path.name[: -len(SUFFIX)] if is_bundle(bundle.path) else bundle.path.stem
    target = folder / f"{when}-not-kept-from-{name}{SUFFIX}"
    note = f"Versions not kept when {bundle.path.name} was imported into {repo.path}."
    atomic_write(target, encode(_document(repo, losers.__getitem__, note)))
    return target


_PLURALS = {
    "day": "days", "activity": "activities", "reflection": "reflections", "placement": "placements",
    "plan": "plans", "profile": "profiles", "signoff": "sign-offs", "comment": "comments",
}  # fmt: skip


def plural_kind(kind: str, n: int) -> str:
    """A record kind as a count names it: ``1 sign-off``, ``3 activities``."""
    if n == 1:
        return "sign-off" if kind == "signoff" else kind
    return _PLURALS.get(kind, kind + "s")
