"""Errors the store raises. Each carries a message a person can act on; none needs a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PraxisError(Exception):
    """Base of every error Praxis reports to a person: ``str(error)`` is the whole message."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field (and, for files, one line and column)."""

    field: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        prefix = ", ".join(where)
        field = f"{self.field}: " if self.field else ""
        return f"{prefix}: {field}{self.message}" if prefix else f"{field}{self.message}"


class ValidationError(PraxisError):
    """A record (or a file of records) was refused; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem], summary: str = "") -> None:
        self.problems = list(problems)
        self.summary = summary
        super().__init__(self._render())

    def _render(self) -> str:
        lines = [self.summary] if self.summary else []
        lines += [str(p) for p in self.problems]
        return "\n".join(lines)


class NotFoundError(PraxisError):
    """No record matches what was asked for."""


class StoreDamagedError(PraxisError):
    """The store file cannot be read. It has not been changed."""

    def __init__(self, path: Path, detail: str, backup: Path | None) -> None:
        self.path = path
        self.detail = detail
        self.backup = backup
        msg = f"The store {path} is damaged ({detail}). It has not been changed."
        if backup is not None:
            msg += f"\nThe latest good backup is {backup}.\nRestore it with: praxis restore {backup}"
        else:
            msg += "\nNo good backup was found beside it."
        super().__init__(msg)


class StoreTooNewError(PraxisError):
    """The store was written by a newer Praxis than this one."""


class StoreReadOnlyError(PraxisError):
    """A write was attempted on a store opened read-only (usually: another copy holds it)."""


class StoreWriteError(PraxisError):
    """Saving failed (disk full, permissions). The store still holds what it held before."""
