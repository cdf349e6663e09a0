"""A finding: one requirement judged over one period, in numbers and in one plain sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

STATUSES = ("missed", "gap", "at_risk", "on_track", "met", "info")


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


@dataclass(frozen=True)
class Finding:
    """What the engine says about one requirement in one period."""

    framework: str
    version: str
    requirement: str
    title: str
    status: str
    have: float
    need: float
    unit: str
    period_start: date | None
    period_end: date | None
    due: date | None
    message: str
    records: tuple[str, ...] = ()
    pace: str = ""
    confidence: str = "H"
    placement: str = ""
    missing: tuple[str, ...] = ()  # a coverage requirement's items nothing evidences yet

    def to_json(self) -> dict[str, Any]:
        """Return the finding as ``praxis gaps --json`` prints it."""
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        out: dict[str, Any] = {
            "framework": self.framework,
            "requirement": self.requirement,
            "title": self.title,
            "status": self.status,
            "have": _number(self.have),
            "need": _number(self.need),
            "unit": self.unit,
            "period_start": iso(self.period_start),
            "period_end": iso(self.period_end),
            "due": iso(self.due),
            "message": self.message,
            "records": list(self.records),
            "version": self.version,
            "pace": self.pace,
            "confidence": self.confidence,
        }
        if self.placement:
            out["placement"] = self.placement
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        """Rebuild a finding from ``to_json``'s output (the app's dashboard cache)."""
        day = lambda v: date.fromisoformat(v) if v else None  # noqa: E731
        return cls(
            framework=data["framework"],
            version=data.get("version", ""),
            requirement=data["requirement"],
            title=data["title"],
            status=data["status"],
            have=data["have"],
            need=data["need"],
            unit=data["unit"],
            period_start=day(data.get("period_start")),
            period_end=day(data.get("period_end")),
            due=day(data.get("due")),
            message=data["message"],
            records=tuple(data.get("records", ())),
            pace=data.get("pace", ""),
            confidence=data.get("confidence", "H"),
            placement=data.get("placement", ""),
        )
