"""CSV in and out. An import is all-or-nothing, lists every problem by line and column, and
adds nothing the second time the same file is imported."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from praxis_socialwork.exports.csv_columns import KINDS, Cells, CsvKind
from praxis_socialwork.store import Problem, Record, Repository, ValidationError, atomic_write, today
from praxis_socialwork.store.field_reader import FieldReader
from praxis_socialwork.store.files import check_input, ensure_private_dir


@dataclass(frozen=True)
class ImportResult:
    """What an import did: how many records it added, updated, and found already there."""

    kind: str
    added: int
    updated: int
    unchanged: int
    encoding: str

    def summary(self, path: Path) -> str:
        """Return one line telling a person what happened."""
        parts = [f"{self.added} added"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.unchanged:
            parts.append(f"{self.unchanged} already there")
        return f"Imported {path.name} ({self.kind}): " + ", ".join(parts) + "."


@dataclass
class Table:
    """A CSV file's header and its rows (each with the line it starts on), read as they are asked for:
    a large file is never held whole, nor as text beside its bytes."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str


def read_table(path: Path) -> Table:
    """Read a CSV file saved by Praxis, a spreadsheet or a person.

    UTF-8 with or without a byte-order mark; files Excel saves as Windows-1252 are read too.
    Raises ``PraxisError`` for a file that cannot be read and ``ValidationError`` (with the line)
    for one that is not well-formed CSV, whether found at once or while the rows are read.
    """
    target = check_input(path, "CSV file")  # an ordinary file (not a pipe or device), not too large
    encoding = _encoding_of(target, path.name)
    label = "UTF-8" if encoding == "utf-8-sig" else "Windows-1252"
    rows = _rows(target, encoding, path.name)
    try:
        line, first = next(rows)
    except StopIteration:
        raise ValidationError(
            [Problem("", "the file is empty; it needs a header line", 1)],
            f"{path.name}: nothing was imported.",
        ) from None
    header = [h.strip().lower().replace(" ", "_") for h in first]
    return Table(header, rows, label)


def _encoding_of(path: Path, name: str) -> str:
    """UTF-8 (a byte-order mark allowed) if the whole file decodes as that, else Windows-1252; a file
    that is neither is refused, naming the line of the first byte that is not UTF-8. Read in pieces."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    lines = 1
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                at = lines + chunk[: max(0, exc.start)].count(b"\n")
                break
            lines += chunk.count(b"\n")
        else:
            try:
                decoder.decode(b"", final=True)
                return "utf-8-sig"
            except UnicodeDecodeError:
                at = lines
    decoder = codecs.getincrementaldecoder("cp1252")()
    with open(path, "rb") as f:
        try:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
        except UnicodeDecodeError:
            raise ValidationError(
                [Problem("", "this is not text (not UTF-8 or Windows-1252)", at)],
                f"{name}: nothing was imported.",
            ) from None
    return "cp1252"


def _rows(path: Path, encoding: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each row of the file and the line it starts on; raises ``ValidationError`` at a NUL byte or at
    CSV that is not well-formed."""
    with open(path, encoding=encoding, newline="") as f:
        first = f.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        physical = _checked_lines(name, itertools.chain([first], f) if first else f)
        reader = csv.reader(physical, delimiter=delimiter, strict=True)
        line = 1
        try:
            for cells in reader:
                yield line, cells
                line = reader.line_num + 1
        except csv.Error as exc:
            raise ValidationError(
                [Problem("", f"this is not well-formed CSV ({exc})", line)],
                f"{name}: nothing was imported.",
            ) from exc


def _checked_lines(name: str, lines: Iterable[str]) -> Iterator[str]:
    for number, text in enumerate(lines, start=1):
        if "\x00" in text:
            raise ValidationError(
                [Problem("", "the file holds a NUL byte; is it a spreadsheet saved as .xlsx?", number)],
                f"{name}: nothing was imported.",
            )
        yield text


def detect_kind(header: list[str]) -> CsvKind:
    """Return which kind of file a header belongs to, or raise ``ValidationError`` saying why not."""
    names = {h for h in header if h}
    for kind in KINDS:
        if kind.detect(names):
            return kind
    layouts = "; ".join(f"{k.name}: {','.join(k.required)}" for k in KINDS)
    raise ValidationError(
        [
            Problem(
                "",
                f"the header does not say what this file holds; it needs the columns of one of {layouts}",
                1,
            )
        ]
    )


def _header_problems(header: list[str], kind: CsvKind) -> list[Problem]:
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if not name:
            continue
        if name not in kind.columns:
            found.append(
                Problem(
                    name,
                    f"unknown column for {kind.name}; columns are {','.join(kind.columns)}",
                    1,
                    number,
                )
            )
        elif name in seen:
            found.append(Problem(name, f"column given twice (also column {seen[name]})", 1, number))
        seen.setdefault(name, number)
    return found


def _cells(header: list[str], values: list[str], line: int) -> tuple[Cells, list[Problem]]:
    cells: Cells = {}
    found: list[Problem] = []
    for number, value in enumerate(values, start=1):
        name = header[number - 1] if number <= len(header) else ""
        if name:
            cells[name] = (value, number)
        elif value.strip():
            found.append(
                Problem("", f"a value in a column with no header ({value.strip()[:30]!r})", line, number)
            )
    return cells, found


def _key(record: Record, columns: set[str]) -> bytes:
    """What a row says of a record, in the file's columns: a 128-bit BLAKE2 digest of it (kept for
    every record in the store, so as small as a key can be; equal exactly when the contents are)."""
    content = record.content()
    if "placement_id" in content:
        content["placement"] = content.pop("placement_id")
    text = json.dumps({k: v for k, v in content.items() if k in columns}, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def import_csv(repo: Repository, path: Path) -> ImportResult:
    """Import one CSV file into ``repo``: every row, or (if any row is wrong) none.

    A row matching a record already kept (by ``id``; without one, placements by name, days by
    placement and date, activities by the same content) is not added again: if it differs, it
    updates that record (a day that differs is refused instead). Raises ``ValidationError`` listing
    every problem as ``line N, column C: field: what is wrong``.
    """
    table = read_table(path)
    kind = detect_kind(table.header)
    found = _header_problems(table.header, kind)
    columns = {h for h in table.header if h in kind.columns} - {"id"}
    existing = repo.all(kind.record_type)
    by_id = {r.id: r for r in existing}
    by_content = {_key(r, columns): r for r in existing}
    by_natural = {kind.natural_key(r): r for r in existing} if kind.natural_key else {}
    now = today(repo.clock)
    adds: list[Record] = []
    updates: list[Record] = []
    unchanged = 0
    first_line: dict[object, int] = {}
    for line, values in table.rows:
        if not any(v.strip() for v in values):
            continue
        cells, cell_problems = _cells(table.header, values, line)
        found += cell_problems
        reader = FieldReader(now, line)
        col_of = {name: number for name, (_, number) in cells.items()}
        given_id = cells["id"][0].strip() if "id" in cells else ""
        if given_id:
            try:
                uuid.UUID(given_id)
            except ValueError:
                reader.problem("id", f"'{given_id}' is not a Praxis id", cells["id"][1])
        base = by_id.get(given_id)
        record = kind.from_row(reader, cells, base, repo)
        if base is None and given_id and not reader.problems:
            record.id = given_id
        content = _key(record, columns)
        if content in first_line:
            unchanged += 1  # the same row twice in one file is imported once
            continue
        first_line[content] = line
        if given_id:  # two different rows with one id: one record would hide the other
            first = first_line.setdefault(("id", given_id), line)
            if first != line:
                reader.problem("id", f"line {first} already has the id {given_id}", cells["id"][1])
        natural = kind.natural_key(record) if kind.natural_key else None
        if natural is not None:
            first = first_line.setdefault(("natural", natural), line)
            if first != line:
                what = f"{kind.name[:-1]} for this {kind.natural_field}"
                reader.problem(
                    kind.natural_field, f"line {first} already gives a different {what}",
                    col_of.get(kind.natural_field),
                )  # fmt: skip
        if base is None:
            match = by_natural.get(natural) if kind.natural_key else by_content.get(content)
            if match is not None and _key(match, columns) == content:
                unchanged += 1
                continue
            if match is not None and kind.conflict is not None:
                reader.problem(kind.natural_field, kind.conflict(match), col_of.get(kind.natural_field))
            elif match is not None:
                base = match
        try:
            reader.check(record, col_of)
        except ValidationError as exc:
            found += exc.problems
            continue
        if base is not None:
            record.id = base.id
            if base.content() == record.content():
                unchanged += 1
                continue
        found += [Problem(p.field, p.message, line, col_of.get(p.field)) for p in repo.check(record)]
        (updates if base is not None else adds).append(record)
    if found:
        found.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise ValidationError(found, f"{path.name}: nothing was imported; fix these and import again:")
    with repo.transaction():
        repo.add_many(adds)
        for record in updates:
            repo.update(record)
    return ImportResult(kind.name, len(adds), len(updates), unchanged, table.encoding)


def export_csv(repo: Repository, folder: Path) -> list[Path]:
    """Write activities, placements and placement days as CSV files in ``folder``.

    Each file is written whole or not at all, readable by its owner only, and imports back to
    the same records. Returns the paths written.
    """
    ensure_private_dir(folder)
    written = []
    for kind in KINDS:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(kind.columns)
        for record in repo.all(kind.record_type):
            writer.writerow(kind.to_row(record, repo))
        path = folder / kind.file_name
        atomic_write(path, out.getvalue().encode("utf-8"))
        written.append(path)
    return written
