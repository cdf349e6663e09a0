"""The store's files, in TinyDB's format: no write that returned is ever lost, no file half-written.

The store is two files: a snapshot (``praxis.json``, plain TinyDB JSON, replaced atomically) and
a journal beside it (``praxis.json.journal``). Each save appends one checksummed line holding the
documents it changed and flushes it to disk, so a save costs the size of the change, not of the
store. When the journal grows past a quarter of the snapshot it is folded into a new snapshot.

On open the snapshot is read and the journal replayed. A torn last line (a kill mid-append) is a
save that never returned and is dropped; any other unreadable line, or an unreadable snapshot,
means the store is damaged and nothing is written.

Praxis saves through ``put``: the operations themselves, so a save costs the same at 1,000 records
as at 100,000 (TinyDB's own ``Table`` rebuilds the whole table twice per write, which is why saves
no longer go through it). The files stay in TinyDB's format: stock TinyDB reads a snapshot as its
own database and can add to it.
"""

from __future__ import annotations

import io
import json
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from praxis_socialwork.store.errors import StoreDamagedError, StoreReadOnlyError, StoreWriteError
from praxis_socialwork.store.files import (
    OWNER_ONLY_FILE,
    atomic_write,
    describe_os_error,
    ensure_private_dir,
    fsync_dir,
    write_all,
)
from praxis_socialwork.store.platform_calls import open_exact, permission_bits_matter, set_mode

Tables = dict[str, dict[str, Any]]
# An operation: (table, doc_id, document) puts a document; document None removes it;
# (table, None, None) drops the table.
Op = tuple[str, str | None, dict[str, Any] | None]

COMPACT_AT_LEAST = 256 * 1024


def journal_path_for(path: Path) -> Path:
    """Return the journal file that belongs to the snapshot at ``path``."""
    return path.with_name(path.name + ".journal")


def encode_tables(tables: Tables) -> bytes:
    """Serialise tables as the snapshot file holds them: UTF-8 JSON, one document a line.

    It is the JSON object TinyDB keeps (``{"table": {"1": {...}, ...}, ...}``), laid out so that
    ``read_snapshot`` can parse it a line at a time::

        {
        "activities": {
        "1": {"id": "...", ...},
        "2": {"id": "...", ...}
        },
        "_meta": {
        "1": {"schema_version": 3}
        }
        }
    """
    out = io.BytesIO()
    write = out.write
    write(b"{\n")
    last_table = len(tables) - 1
    for t, (name, table) in enumerate(tables.items()):
        write(orjson.dumps(name) + b": {\n")
        last_doc = len(table) - 1
        for d, (doc_id, doc) in enumerate(table.items()):
            write(orjson.dumps({doc_id: doc})[1:-1])
            write(b",\n" if d < last_doc else b"\n")
        write(b"},\n" if t < last_table else b"}\n")
    write(b"}\n")
    return out.getvalue()


def read_snapshot(path: Path) -> Tables:
    """Read a snapshot file: a line at a time when it is laid out as ``encode_tables`` writes it (so
    the file's bytes and a parser's copy of them are never in memory beside the documents), else
    whole (a file stock TinyDB wrote, or one that is damaged: ``decode_tables`` says where).

    Raises ``FileNotFoundError`` when there is no file.
    """
    with open(path, "rb") as f:
        tables = _read_lines(f)
        if tables is not None:
            return tables
        f.seek(0)
        return decode_tables(f.read(), path)


def _read_lines(f: BinaryIO) -> Tables | None:
    """The tables of a snapshot in ``encode_tables``'s layout, or None for any other file (which is
    then parsed whole: a line-at-a-time reading never stands in for a whole one that would differ).

    Every line must be what the layout has at that place, commas included: a table's name and its
    opening brace; a document (with a comma, if and only if another follows); a table's closing
    brace (with a comma if and only if another table follows); the final brace, then nothing.
    """
    if f.readline() != b"{\n":
        return None
    tables: Tables = {}
    table: dict[str, Any] | None = None
    more = None  # whether the line before ended in a comma: None at the start (a name, or the end)
    loads = orjson.loads
    try:
        for line in f:
            if table is None:  # between tables
                if line == b"}\n" and not more:
                    return tables if f.read(1) == b"" else None
                if not line.endswith(b": {\n"):
                    return None
                name = loads(line[:-4])
                if not isinstance(name, str):
                    return None
                table = tables[name] = {}
                more = None
            elif line == b"},\n" or line == b"}\n":
                if more:  # a document's comma with no document after it
                    return None
                table = None
                more = line == b"},\n"
                if not more:
                    final = f.readline()
                    return tables if final == b"}\n" and f.read(1) == b"" else None
            else:
                if more is False:  # two documents without a comma between them
                    return None
                more = line.endswith(b",\n")
                entry = loads(b"{" + (line[:-2] if more else line[:-1]) + b"}")
                if len(entry) != 1:
                    return None
                [(doc_id, doc)] = entry.items()
                if not isinstance(doc, dict):
                    return None
                table[doc_id] = doc
    except ValueError:
        return None
    return None  # the file ends before the store does


def decode_tables(raw: bytes, path: Path) -> Tables:
    """Parse a snapshot's bytes, or raise ``StoreDamagedError`` saying where it is unreadable."""
    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw)
    except json.JSONDecodeError as exc:  # orjson's error is one of these, with the line and column
        if "UTF-8" in exc.msg:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as bad:
                raise StoreDamagedError(path, f"byte {bad.start} is not UTF-8 text", None) from exc
        raise StoreDamagedError(path, f"line {exc.lineno}, column {exc.colno}: {exc.msg}", None) from exc
    if not isinstance(data, dict):
        raise StoreDamagedError(path, "it is JSON but not a Praxis store", None)
    for name, table in data.items():
        if not isinstance(table, dict):
            raise StoreDamagedError(path, "it is JSON but not a Praxis store", None)
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise StoreDamagedError(path, f"record {doc_id} in '{name}' is not an object", None)
    return data


# A batch of more operations than this is written to the journal in pieces, never as one line in
# memory (a 10,000-record import would otherwise hold its 40 MB line two or three times over).
PIECEWISE_FROM = 256


def _journal_line(ops: list[Op]) -> bytes:
    payload = orjson.dumps(ops)
    return b"".join((b"%08x " % zlib.crc32(payload), payload, b"\n"))


def _payload_pieces(ops: list[Op]) -> Iterator[bytes]:
    """The bytes of ``orjson.dumps(ops)``, an operation at a time."""
    yield b"["
    for n, op in enumerate(ops):
        if n:
            yield b","
        yield orjson.dumps(op)
    yield b"]"


def _write_line(fd: int, ops: list[Op]) -> int:
    """Append ``ops`` to the journal as one checksummed line; return the bytes written. A large batch
    is measured (length and CRC-32) in one pass and written in a second, about a megabyte at a time."""
    if len(ops) < PIECEWISE_FROM:
        line = _journal_line(ops)
        write_all(fd, line)
        return len(line)
    crc = size = 0
    for piece in _payload_pieces(ops):
        crc = zlib.crc32(piece, crc)
        size += len(piece)
    write_all(fd, b"%08x " % crc)
    buffer: list[bytes] = []
    held = 0
    for piece in _payload_pieces(ops):
        buffer.append(piece)
        held += len(piece)
        if held >= 1 << 20:
            write_all(fd, b"".join(buffer))
            buffer, held = [], 0
    buffer.append(b"\n")
    write_all(fd, b"".join(buffer))
    return 9 + size + 1


def read_journal(path: Path) -> tuple[list[list[Op]], int]:
    """Return the journal's intact batches and the byte length they fill.

    Only bytes after the last newline are a save that never finished (each save ends its line with a
    newline and returns only once that is on disk): they are left out, and kept aside by the next
    writer before it cuts them off. A complete line that is damaged, wherever it is, means the store
    is damaged: ``StoreDamagedError`` names it (``praxis doctor --salvage`` keeps every intact line).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    batches: list[list[Op]] = []
    offset = 0
    lines = raw.split(b"\n")
    for number, line in enumerate(lines[:-1], start=1):  # the last piece has no newline after it
        ops = _parse_line(line)
        if ops is None:
            raise StoreDamagedError(path, f"journal line {number} is damaged", None)
        batches.append(ops)
        offset += len(line) + 1
    return batches, offset


def salvage_journal(path: Path) -> tuple[list[list[Op]], list[int]]:
    """Every intact batch of the journal, and the numbers of the lines that are damaged (a torn end
    included), for rebuilding a damaged store from what can still be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], []
    batches: list[list[Op]] = []
    damaged: list[int] = []
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, start=1):
        if number == len(lines) and not line:
            break
        ops = _parse_line(line) if number < len(lines) else None
        if ops is None:
            damaged.append(number)
        else:
            batches.append(ops)
    return batches, damaged


def keep_aside(path: Path, data: bytes, what: str) -> Path:
    """Write bytes about to be cut off or replaced into an owner-only file beside ``path``
    (``<name>.<what>-<UTC time>``) so nothing is thrown away; return its path."""
    from datetime import UTC, datetime

    when = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.{what}-{when}")
    atomic_write(aside, data)
    return aside


def _parse_line(line: bytes) -> list[Op] | None:
    if len(line) < 10 or line[8:9] != b" ":
        return None
    payload = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(payload):
            return None
        ops = orjson.loads(payload)
    except ValueError:
        return None
    if not isinstance(ops, list) or not all(_is_op(op) for op in ops):
        return None  # a line whose checksum holds but which no Praxis wrote: damage all the same
    return [tuple(op) for op in ops]


def _is_op(op: object) -> bool:
    """Whether ``op`` has the shape of a journal operation: [table, doc_id or null, document or null]."""
    return (
        isinstance(op, list) and len(op) == 3 and isinstance(op[0], str)
        and (op[1] is None or isinstance(op[1], str)) and (op[2] is None or isinstance(op[2], dict))
        and not (op[1] is None and op[2] is not None)
    )  # fmt: skip


def apply_ops(tables: Tables, ops: list[Op]) -> None:
    """Apply journal operations to plain tables, in order."""
    for name, doc_id, doc in ops:
        if doc_id is None:
            tables.pop(name, None)
        elif doc is None:
            tables.get(name, {}).pop(doc_id, None)
        else:
            tables.setdefault(name, {})[doc_id] = doc


def load_tables(path: Path) -> tuple[Tables, int]:
    """Read snapshot plus journal; return the tables and the journal's intact length.

    Another process may fold the journal into a new snapshot while this reads (it holds the write
    lock; a reader takes none): a snapshot replaced between reading it and reading the journal is
    read again, so the pair read always belongs together.
    """
    for _ in range(20):
        before = _file_id(path)
        try:
            tables = read_snapshot(path)
        except FileNotFoundError:
            tables = {}
        batches, good = read_journal(journal_path_for(path))
        if _file_id(path) == before:
            break
    for ops in batches:
        apply_ops(tables, ops)
    return tables, good


def _file_id(path: Path) -> tuple[int, ...] | None:
    """What tells one version of a file from another: inode, size and change times (None if absent)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class JournalStorage:
    """A store held in memory over a snapshot and an append-only journal (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        """Read the store at ``path`` (snapshot plus journal). It is read-only until ``start_writing``."""
        self.path = path
        self.journal_path = journal_path_for(path)
        self.read_only = True
        self.compaction_error: str | None = None
        known = self._disk_state()  # before reading: a save made meanwhile is seen as a change
        tables, good = load_tables(path)
        self._tables: Tables = tables
        self._journal_fd: int | None = None
        self._journal_size = good
        self._snapshot_size = path.stat().st_size if path.exists() else 0
        self._batch: list[Op] | None = None
        self._batch_start: Tables | None = None
        self._known = known

    def start_writing(self) -> None:
        """Make the storage writable: tidy what a killed write left, open the journal for appends.

        Call only while holding the store's lock.
        """
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)  # an atomic write killed before its rename
        self._open_journal(self._journal_size)
        for path in (self.path, self.journal_path):
            if permission_bits_matter() and path.exists() and path.stat().st_mode & 0o077:
                set_mode(path, OWNER_ONLY_FILE)  # a store is private: it names people who use services
        self.read_only = False
        self._known = self._disk_state()

    # -- another process's saves -------------------------------------------------------------
    def _disk_state(self) -> tuple[object, ...]:
        return (_file_id(self.path), _file_id(self.journal_path))

    def changed_on_disk(self) -> bool:
        """Whether another process has saved to the store since this one last read or wrote it."""
        return self._disk_state() != self._known

    def refresh(self) -> bool:
        """Read the store again if another process saved to it; return whether it had.

        A writer calls this holding the write lock, before each save, so its save goes on top of the
        other's and the journal it appends to is the one on disk.
        """
        state = self._disk_state()
        if state == self._known:
            return False
        tables, good = load_tables(self.path)
        self._tables = tables
        self._journal_size = good
        self._snapshot_size = self.path.stat().st_size if self.path.exists() else 0
        self._known = state
        if self._journal_fd is not None:
            on_disk = _file_id(self.journal_path)
            if on_disk is None or on_disk[0] != os.fstat(self._journal_fd).st_ino:
                os.close(self._journal_fd)  # the journal was replaced or removed: append to the new one
                self._journal_fd = None
                self._open_journal(good)
                self._known = self._disk_state()
        return True

    # -- reading and saving ------------------------------------------------------------------
    def read(self) -> Tables:
        """Return the tables (a new outer dict; documents are replaced by ``put``, never edited)."""
        return dict(self._tables)

    def put(self, ops: list[Op]) -> None:
        """Apply ``ops`` and journal them: on disk when this returns, or in the open batch.

        The direct way to save: the cost is the change plus one copy of the outer dict of each table
        it touches (copy on write, so lists already handed out and a batch's starting point stay as
        they were), never a walk over the documents. On a failed append nothing is applied.
        """
        if self.read_only:
            raise StoreReadOnlyError(f"{self.path} is open read-only; nothing was saved")
        if not ops:
            return
        tables = dict(self._tables)
        for name in {op[0] for op in ops} & tables.keys():
            tables[name] = dict(tables[name])  # copy on write: only the tables this change touches
        apply_ops(tables, ops)
        if self._batch is not None:
            self._batch.extend(ops)
            self._tables = tables
            return
        self._append(ops)
        self._tables = tables
        self._maybe_compact()

    def close(self) -> None:
        """Release the journal file."""
        if self._journal_fd is not None:
            os.close(self._journal_fd)
            self._journal_fd = None

    # -- batches -----------------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes so they reach the disk as one journal line: all of them, or none."""
        if self._batch is not None:
            yield
            return
        self._batch, self._batch_start = [], self._tables
        try:
            yield
            ops = self._batch
            self._batch = None
            if ops:
                self._append(ops)
        except BaseException:
            self._tables = self._batch_start
            raise
        finally:
            self._batch = None
            self._batch_start = None
        self._maybe_compact()

    # -- whole-store operations --------------------------------------------------------------
    def snapshot_bytes(self) -> bytes:
        """Return the whole store as the snapshot file would hold it."""
        return encode_tables(self._tables)

    def replace_all(self, tables: Tables) -> None:
        """Replace the whole store at once (restore, migration): new snapshot, empty journal."""
        if self.read_only:
            raise StoreReadOnlyError(f"{self.path} is open read-only; nothing was changed")
        if self._journal_size:
            # Fold the journal in first. Replacing the snapshot while a journal is left would, if
            # killed before the journal is emptied, leave the new snapshot with the old journal
            # replayed over it: a store that is neither. Folding is safe to kill (replaying a journal
            # over a snapshot that already holds it changes nothing), and after it there is no journal.
            self.compact()
        data = encode_tables(tables)
        atomic_write(self.path, data)
        self._truncate_journal()
        self._snapshot_size = len(data)
        self._tables = {name: dict(table) for name, table in tables.items()}
        self._known = self._disk_state()

    def compact(self) -> None:
        """Fold the journal into a new snapshot. The journal is emptied only after that is safe."""
        data = self.snapshot_bytes()
        atomic_write(self.path, data)
        self._snapshot_size = len(data)
        self._truncate_journal()
        self._known = self._disk_state()

    def holds_snapshot(self) -> bool:
        """Whether the snapshot file alone holds the store as this storage has it (no journal to
        replay, and nothing saved by another process since it was read)."""
        return self._journal_size == 0 and self.path.exists() and not self.changed_on_disk()

    @property
    def journal_size(self) -> int:
        """Bytes of journal not yet folded into the snapshot."""
        return self._journal_size

    # -- internals ---------------------------------------------------------------------------
    def _open_journal(self, good: int) -> None:
        ensure_private_dir(self.path.parent)
        existed = self.journal_path.exists()
        try:
            fd = open_exact(self.journal_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, OWNER_ONLY_FILE)
            self._cut_torn_end(fd, good)
        except OSError as exc:
            raise StoreWriteError(describe_os_error(exc, self.journal_path)) from exc
        self._journal_fd = fd
        if not existed:
            fsync_dir(self.path.parent)

    def _append(self, ops: list[Op]) -> None:
        assert self._journal_fd is not None
        fd = self._journal_fd
        try:
            self._cut_torn_end(fd, self._journal_size)
            written = _write_line(fd, ops)
            os.fsync(fd)
        except OSError as exc:
            try:
                os.ftruncate(fd, self._journal_size)
            except OSError:
                pass  # the next append truncates; a torn tail is dropped on open either way
            raise StoreWriteError(
                describe_os_error(exc, self.journal_path) + "; this change was not saved"
            ) from exc
        self._journal_size += written
        self._known = self._disk_state()

    def _cut_torn_end(self, fd: int, good: int) -> None:
        """Cut the journal back to ``good`` bytes (a save that never finished: another process killed
        mid-append), keeping the bytes cut off aside first; nothing when it is that long already."""
        if os.fstat(fd).st_size == good:
            return
        os.lseek(fd, good, os.SEEK_SET)
        tail = b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
        if tail:
            keep_aside(self.journal_path, tail, "torn")
        os.ftruncate(fd, good)
        os.fsync(fd)

    def _truncate_journal(self) -> None:
        if self._journal_fd is not None:
            os.ftruncate(self._journal_fd, 0)
            os.fsync(self._journal_fd)
        self._journal_size = 0

    def _maybe_compact(self) -> None:
        if self._journal_size < max(COMPACT_AT_LEAST, self._snapshot_size // 4):
            return
        try:
            self.compact()
            self.compaction_error = None
        except StoreWriteError as exc:
            # Every change is safe in the journal; folding it can wait for free space.
            self.compaction_error = str(exc)
