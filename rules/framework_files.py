"""Reading framework files: the bundled ones, the config folder's, and any named on the command line.

A bad file is refused with its name, the line and what is wrong; it never stops the others loading.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from praxis_socialwork.rules.framework import (
    CHOSEN_BY,
    CONFIDENCE,
    COUNTED_FROM,
    PERIOD_KINDS,
    RECORD_SETS,
    REQUIREMENT_KINDS,
    Extension,
    Filter,
    Framework,
    GapStep,
    Period,
    PlacementDefault,
    Requirement,
    Version,
    With,
)
from praxis_socialwork.store import PraxisError, vocab

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
_FILLABLE = ("description", "learning", "impact", "peer_reflection")  # an activity's written fields


class FrameworkFileError(PraxisError):
    """A framework file that cannot be used; the message names the file, the line and why."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = message
        where = f"{path}, line {line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")


@dataclass
class _Locator:
    """Finds the line a problem is on, by looking for the keys that lead to it."""

    lines: list[str]

    def find(self, *steps: tuple[str, str | None]) -> int | None:
        """Return the line of the last step, each searched for after the one before it.

        A step is (key, value): the line ``key = "value"`` (or just ``key =`` when value is None). A key
        may be inside an inline table (``filter = { tags = [...] }``, the same line as the step before)
        or name a table (``[versions.requirements.filter]``). A key without a value is looked for only
        up to the next ``[[...]]``, so a key missing from one table is not found in the next.
        """
        last, found = -1, None
        for key, value in steps:
            name = rf'(?:^|[{{,])\s*"?{re.escape(key)}"?\s*='
            if value:
                pattern = name + rf'\s*"{re.escape(value)}"'
            else:
                pattern = name + rf"|^\s*\[[\w.-]*\b{re.escape(key)}\]"
            first = last + 1 if value else max(last, 0)
            for number in range(first, len(self.lines)):
                line = self.lines[number]
                if value is None and number > first and line.lstrip().startswith("[["):
                    break
                if re.search(pattern, line):
                    found, last = number + 1, number
                    break
        return found


def _repeated(ids: list[str]) -> str | None:
    """The first id that appears more than once, if any."""
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            return item
        seen.add(item)
    return None


def bundled_folder() -> Path:
    """Return the folder of the framework files that ship with Praxis."""
    return Path(__file__).parent / "frameworks"


def load_framework(path: Path, *, bundled: bool = False) -> Framework:
    """Read and check one framework file; raise ``FrameworkFileError`` saying what is wrong and where."""
    from praxis_socialwork.store import PraxisError
    from praxis_socialwork.store.files import regular_target

    try:
        text = regular_target(path, "framework file").read_text(encoding="utf-8-sig")
    except PraxisError as exc:  # a folder, device or pipe: never waited on
        raise FrameworkFileError(path, None, str(exc)) from exc
    except FileNotFoundError as exc:
        raise FrameworkFileError(path, None, "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkFileError(path, None, f"cannot be read ({exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(m.group(1)) if m else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        col = f"column {m.group(2)}: " if m else ""
        raise FrameworkFileError(path, line, f"{col}not valid TOML: {reason}") from exc
    return _Reader(path, _Locator(text.splitlines()), bundled).framework(data)


class _Reader:
    def __init__(self, path: Path, locate: _Locator, bundled: bool) -> None:
        self.path = path
        self.locate = locate
        self.bundled = bundled

    def fail(self, message: str, *steps: tuple[str, str | None]) -> FrameworkFileError:
        return FrameworkFileError(self.path, self.locate.find(*steps) if steps else None, message)

    def framework(self, data: dict[str, Any]) -> Framework:
        fid = data.get("id")
        if not isinstance(fid, str) or not _ID.match(fid):
            raise self.fail(
                "'id' must be lower-case letters, digits and hyphens, e.g. id = \"my-course\"", ("id", None)
            )
        name = self._text(data, "name", required=True, where=[])
        audience = self._words(data.get("audience", []), vocab.ROLES, "audience", [("audience", None)])
        country = data.get("country", "")
        if country and country not in vocab.COUNTRIES:
            raise self.fail(
                f"country '{country}' is not one of {', '.join(vocab.COUNTRIES)}", ("country", None)
            )
        versions_data = data.get("versions")
        if not isinstance(versions_data, list) or not versions_data:
            raise self.fail("a framework needs at least one [[versions]] table")
        versions = tuple(self.version(v, n) for n, v in enumerate(versions_data, start=1))
        ids = [v.id for v in versions]
        if (vid := _repeated(ids)) is not None:
            raise self.fail(f"version id '{vid}' is used twice", ("id", vid))
        ordered = sorted(versions, key=lambda v: v.starts)
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if earlier.ends is None or earlier.ends >= later.starts:
                raise self.fail(
                    f"versions '{earlier.id}' and '{later.id}' overlap: give '{earlier.id}' a 'to' date "
                    f"before {later.starts}",
                    ("id", earlier.id),
                    ("to", None),
                )
        sources = data.get("sources", [])
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise self.fail("'sources' must be a list of links", ("sources", None))
        return Framework(
            id=fid, name=name, audience=audience, versions=tuple(ordered), sources=tuple(sources),
            country=country, notes=str(data.get("notes", "")), path=self.path, bundled=self.bundled,
            placements=self.placements(data.get("placements", {})),
            missed=self._text(data, "missed", False, []),
        )  # fmt: skip

    def placements(self, data: Any) -> tuple[PlacementDefault, ...]:
        """The optional ``[placements]`` table: a placement kind -> ``{ days = N, setting = "..." }``."""
        at = ("placements", None)
        if not isinstance(data, dict):
            raise self.fail("'placements' must be a table, e.g. [placements] first = { days = 70 }", at)
        found: list[PlacementDefault] = []
        for kind, spec in data.items():
            if kind not in vocab.PLACEMENT_KINDS:
                raise self.fail(
                    f"placements: '{kind}' is not a placement kind; "
                    f"choose from {', '.join(vocab.PLACEMENT_KINDS)}",
                    at,
                    (kind, None),
                )
            days = spec.get("days") if isinstance(spec, dict) else None
            if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
                raise self.fail(f"placements: {kind} needs days = a whole number above 0", at, (kind, None))
            setting = spec.get("setting", "")
            if setting and setting not in vocab.SETTINGS:
                raise self.fail(
                    f"placements: {kind}'s setting '{setting}' is not one of {', '.join(vocab.SETTINGS)}",
                    at,
                    (kind, None),
                )
            found.append(PlacementDefault(kind, days, setting))
        return tuple(found)

    def version(self, data: Any, number: int) -> Version:
        if not isinstance(data, dict):
            raise self.fail(f"version {number} must be a table")
        vid = data.get("id")
        if not isinstance(vid, str) or not vid:
            raise self.fail(f"version {number} needs an 'id'")
        at = [("id", vid)]
        starts, ends = data.get("from"), data.get("to")
        if not isinstance(starts, date):
            raise self.fail(
                f"version '{vid}' needs 'from' as a date, e.g. from = 2021-12-01", *at, ("from", None)
            )
        if ends is not None and (not isinstance(ends, date) or ends < starts):
            raise self.fail(f"version '{vid}': 'to' must be a date on or after 'from'", *at, ("to", None))
        chosen_by = data.get("chosen_by", "period")
        if chosen_by not in CHOSEN_BY:
            raise self.fail(
                f"version '{vid}': chosen_by must be one of {', '.join(CHOSEN_BY)}", *at, ("chosen_by", None)
            )
        confidence = self._confidence(data, at)
        period = self.period(data.get("period"), vid)
        reqs = data.get("requirements", [])
        if not isinstance(reqs, list):
            raise self.fail(f"version '{vid}': requirements must be [[versions.requirements]] tables", *at)
        requirements = tuple(self.requirement(r, vid, confidence, period) for r in reqs)
        ids = [r.id for r in requirements] + [r.with_.id for r in requirements if r.with_]
        if (rid := _repeated(ids)) is not None:
            raise self.fail(f"requirement id '{rid}' is used twice in version '{vid}'", *at, ("id", rid))
        return Version(
            id=vid, starts=starts, ends=ends, period=period, requirements=requirements, chosen_by=chosen_by,
            confidence=confidence, source=str(data.get("source", "")), note=str(data.get("note", "")),
        )  # fmt: skip

    def period(self, data: Any, vid: str, where: list[tuple[str, str | None]] | None = None) -> Period:
        base = where or [("id", vid)]  # where the period is written: the version's, or a requirement's
        at = [*base, ("kind", None)]
        if not isinstance(data, dict):
            raise self.fail(f"version '{vid}' needs a [versions.period] table", ("id", vid))
        kind = data.get("kind")
        if kind not in PERIOD_KINDS:
            raise self.fail(f"period kind '{kind}' is not one of {', '.join(PERIOD_KINDS)}", *at)
        start = (1, 1)
        if kind == "yearly":
            m = _MONTH_DAY.match(str(data.get("start", "")))
            if not m:
                raise self.fail(
                    'a yearly period needs start = "MM-DD", e.g. start = "12-01"',
                    *base,
                    ("start", None),
                )
            start = (int(m.group(1)), int(m.group(2)))
            try:
                date(2001, *start)
            except ValueError as exc:
                raise self.fail(
                    f'start "{data["start"]}" is not a day of the year', *base, ("start", None)
                ) from exc
        years, months = data.get("years", 0), data.get("months", 0)
        if kind in ("registration", "rolling"):
            if (
                not (isinstance(years, int) and isinstance(months, int))
                or years < 0
                or months < 0
                or years + months == 0
            ):
                raise self.fail(f"a {kind} period needs years = N or months = N (whole numbers above 0)", *at)
        repeat = data.get("repeat", True)
        due = data.get("due_before_end_days", 0)
        if not isinstance(repeat, bool):
            raise self.fail("repeat must be true or false", *base, ("repeat", None))
        if not isinstance(due, int) or due < 0:
            raise self.fail(
                "due_before_end_days must be a whole number of days",
                *base,
                ("due_before_end_days", None),
            )
        return Period(
            kind=kind, start=start, years=years, months=months, repeat=repeat, due_before_end_days=due,
            due_after_end_months=self._whole(data, "due_after_end_months", base),
            counted_from=self._counted_from(data, kind, base),
            joiners_owe_nothing_from=self._joiners(data, kind, base),
            extensions=self._extensions(data.get("extensions", []), kind, base),
        )  # fmt: skip

    def _whole(self, data: dict[str, Any], key: str, where: list[tuple[str, str | None]]) -> int:
        value = data.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(f"{key} must be a whole number (0 or more)", *where, (key, None))
        return value

    def _counted_from(self, data: dict[str, Any], kind: str, where: list[tuple[str, str | None]]) -> str:
        value = data.get("counted_from", "registration")
        if value not in COUNTED_FROM or (value != "registration" and kind != "registration"):
            raise self.fail(
                f"counted_from must be one of {', '.join(COUNTED_FROM)}, and only in a registration period",
                *where, ("counted_from", None),
            )  # fmt: skip
        return value

    def _joiners(
        self, data: dict[str, Any], kind: str, where: list[tuple[str, str | None]]
    ) -> tuple[int, int] | None:
        if "joiners_owe_nothing_from" not in data:
            return None
        m = _MONTH_DAY.match(str(data["joiners_owe_nothing_from"]))
        if kind != "yearly" or not m:
            raise self.fail(
                'joiners_owe_nothing_from = "MM-DD" is for yearly periods, e.g. "09-01"',
                *where, ("joiners_owe_nothing_from", None),
            )  # fmt: skip
        return int(m.group(1)), int(m.group(2))

    def _extensions(self, data: Any, kind: str, where: list[tuple[str, str | None]]) -> tuple[Extension, ...]:
        at = [*where, ("extensions", None)]
        if not isinstance(data, list) or (data and kind != "registration"):
            raise self.fail("extensions are a list of tables, and only in a registration period", *at)
        found = []
        for item in data:
            ok = isinstance(item, dict) and isinstance(item.get("current_on"), date)
            years, months = (item.get("years", 0), item.get("months", 0)) if ok else (0, 0)
            credit = item.get("credit", 0.0) if ok else 0.0
            if not ok or not isinstance(years, int) or not isinstance(months, int) or years + months <= 0:
                raise self.fail("an extension needs current_on = DATE and years = N or months = N", *at)
            if not isinstance(credit, int | float) or not 0 <= credit < 1:
                raise self.fail("an extension's credit is a share of the need, from 0 up to (not) 1", *at)
            found.append(Extension(item["current_on"], years, months, float(credit)))
        return tuple(found)

    def requirement(self, data: Any, vid: str, confidence: str, period: Period) -> Requirement:
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not _ID.match(data["id"]):
            raise self.fail(
                f"every requirement in version '{vid}' needs an id of lower-case words and hyphens",
                ("id", vid),
            )
        rid = data["id"]
        at = [("id", vid), ("id", rid)]
        kind = data.get("kind")
        if kind not in REQUIREMENT_KINDS:
            raise self.fail(
                f"requirement '{rid}': kind '{kind}' is not one of {', '.join(REQUIREMENT_KINDS)}",
                *at,
                ("kind", None),
            )
        title = self._text(data, "title", required=True, where=at)
        default_records = {"coverage": "any", "distinct": "placements", "days": "days"}.get(
            kind, "activities"
        )
        records = data.get("records", default_records)
        if records not in (*RECORD_SETS, "any"):
            raise self.fail(
                f"requirement '{rid}': records must be one of {', '.join(RECORD_SETS)}",
                *at,
                ("records", None),
            )
        own_period = self.period(data["period"], vid, [*at, ("period", None)]) if "period" in data else None
        period = own_period or period
        need = data.get("need", 0)
        need_ok = {
            "days": isinstance(need, int | float) or need == "placement",
            "quality": isinstance(need, int | float) or need == "all",
            "coverage": True,
            "cadence": True,
        }.get(kind, isinstance(need, int | float) and not isinstance(need, bool) and need > 0)
        if not need_ok or isinstance(need, bool):
            raise self.fail(f"requirement '{rid}': need must be a number above 0", *at, ("need", None))
        if need == "placement" and period.kind != "placement":
            raise self.fail(
                f"requirement '{rid}': need = \"placement\" needs a placement period", *at, ("need", None)
            )
        caps = data.get("caps", {})
        if not isinstance(caps, dict) or not all(isinstance(v, int | float) for v in caps.values()):
            raise self.fail(
                f"requirement '{rid}': caps must map a type or kind to a number", *at, ("caps", None)
            )
        items = data.get("items", [])
        if kind == "coverage" and (not isinstance(items, list) or not items):
            raise self.fail(f"requirement '{rid}': coverage needs items = [\"code\", ...]", *at)
        steps = self._gap_steps(data.get("gap_steps", []), rid, at)
        gap = data.get("max_gap_days", steps[-1].max_gap_days if steps else 0)
        if kind == "cadence" and (not isinstance(gap, int) or gap <= 0):
            raise self.fail(f"requirement '{rid}': cadence needs max_gap_days = N (or gap_steps)", *at)
        fields = data.get("fields", [])
        if kind == "quality" and (not isinstance(fields, list) or not fields):
            raise self.fail(f"requirement '{rid}': quality needs fields = [\"learning\", ...]", *at)
        field_name = data.get("field", "setting" if kind == "distinct" else "")
        with_ = None
        if "with" in data:
            if kind != "count":
                raise self.fail(
                    f"requirement '{rid}': 'with' is only for count requirements", *at, ("with", None)
                )
            w = data["with"]
            if not isinstance(w, dict) or not isinstance(w.get("id"), str) or not _ID.match(w["id"]):
                raise self.fail(f"requirement '{rid}': [with] needs an id", *at)
            w_need = w.get("need")
            if not isinstance(w_need, int | float) or w_need <= 0:
                raise self.fail(f"requirement '{rid}': [with] needs need = a number above 0", *at)
            with_ = With(
                id=w["id"], title=self._text(w, "title", True, at), need=w_need,
                filter=self.filter(w.get("filter", {}), rid, at),
            )  # fmt: skip
        return Requirement(
            id=rid, kind=kind, title=title, need=need, unit=str(data.get("unit", "")),
            advisory=bool(data.get("advisory", False)), confidence=self._confidence(data, at, confidence),
            note=str(data.get("note", "")), records=records,
            filter=self.filter(data.get("filter", {}), rid, at),
            caps={str(k): float(v) for k, v in caps.items()}, items=tuple(items),
            per_item=int(data.get("per_item", 1)),
            field_name=field_name, fields=tuple(fields), max_gap_days=gap, gap_steps=steps, with_=with_,
            period=own_period,
        )  # fmt: skip

    def _gap_steps(self, data: Any, rid: str, at: list[tuple[str, str | None]]) -> tuple[GapStep, ...]:
        """``gap_steps = [{ until_weeks = 6, max_gap_days = 7 }, …, { max_gap_days = 31 }]``."""
        where = [*at, ("gap_steps", None)]
        if not isinstance(data, list):
            raise self.fail(f"requirement '{rid}': gap_steps must be a list of tables", *where)
        steps = []
        for n, item in enumerate(data, start=1):
            values = [item.get(k, 0) for k in ("max_gap_days", "until_weeks", "until_months")] if isinstance(
                item, dict) else [None]  # fmt: skip
            last = n == len(data)
            if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values) or (
                values[0] <= 0 or (not last and values[1] + values[2] == 0)
            ):
                raise self.fail(
                    f"requirement '{rid}': each gap step needs max_gap_days = N and, but for the last, "
                    "until_weeks = N or until_months = N",
                    *where,
                )
            steps.append(GapStep(values[0], values[1], values[2]))
        return tuple(steps)

    def filter(self, data: Any, rid: str, at: list[tuple[str, str | None]]) -> Filter:
        if not isinstance(data, dict):
            raise self.fail(f"requirement '{rid}': filter must be a table", *at, ("filter", None))
        known = set(Filter.__dataclass_fields__)
        for key in data:
            if key not in known:
                raise self.fail(
                    f"requirement '{rid}': filter key '{key}' is unknown; known: {', '.join(sorted(known))}",
                    *at,
                    (str(key), None),
                )
        where = [*at, ("filter", None)]
        status = self._words(data.get("status", ["complete"]), vocab.ACTIVITY_STATUSES, "status", where)
        # Drafts and planned items never count, whatever a file says.
        status = tuple(s for s in status if s == "complete") or ("complete",)
        peer = data.get("peer_reflection")
        if peer is not None and not isinstance(peer, bool):
            raise self.fail(f"requirement '{rid}': peer_reflection must be true or false", *where)
        verified = data.get("verified", False)
        if not isinstance(verified, bool):
            raise self.fail(f"requirement '{rid}': verified must be true or false", *where)
        standards = data.get("standards", "")
        if not isinstance(standards, str):
            raise self.fail(f"requirement '{rid}': standards must be a code prefix like \"swe:4\"", *where)
        return Filter(
            status=status,
            types=self._words(data.get("types", []), vocab.ACTIVITY_TYPES, "activity type", where),
            tags=tuple(str(t).strip().lower() for t in data.get("tags", [])),
            standards=standards,
            peer_reflection=peer,
            day_kinds=self._words(
                data.get("day_kinds", list(vocab.COUNTED_DAY_KINDS)), vocab.DAY_KINDS, "day kind", where
            ),
            setting=self._words(data.get("setting", []), vocab.SETTINGS, "setting", where),
            placement_kind=self._words(
                data.get("placement_kind", []), vocab.PLACEMENT_KINDS, "placement kind", where
            ),
            verified=verified,
            filled=self._words(data.get("filled", []), _FILLABLE, "field", where),
        )

    def _words(
        self, value: Any, allowed: tuple[str, ...], what: str, where: list[tuple[str, str | None]]
    ) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(f"{what} must be a list", *where)
        for word in value:
            if word not in allowed:
                raise self.fail(f"'{word}' is not a known {what}; choose from {', '.join(allowed)}", *where)
        return tuple(value)

    def _text(
        self, data: dict[str, Any], key: str, required: bool, where: list[tuple[str, str | None]]
    ) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"'{key}' is required (a text in quotes)", *where)
        return value

    def _confidence(
        self, data: dict[str, Any], where: list[tuple[str, str | None]], default: str = "H"
    ) -> str:
        value = data.get("confidence", default)
        if value not in CONFIDENCE:
            raise self.fail("confidence must be H, M or U", *where, ("confidence", None))
        return value


@dataclass(frozen=True)
class Catalogue:
    """Every framework that could be loaded, and the files that could not (with why)."""

    frameworks: dict[str, Framework]
    problems: list[FrameworkFileError]


def load_catalogue(
    extra_files: list[Path] | None = None, user_folder: Path | None = None, only: list[str] | None = None
) -> Catalogue:
    """Load the bundled frameworks, then a user's folder, then files named on the command line.

    A later file with the same id replaces an earlier one (so a university can ship its own
    version of a course's rules). Bad files are listed in ``problems`` and skipped. With ``only``,
    bundled files for other ids are not read (each bundled file is named for its id).
    """
    frameworks: dict[str, Framework] = {}
    problems: list[FrameworkFileError] = []
    bundled = sorted(bundled_folder().glob("*.toml"))
    if only is not None:
        bundled = [p for p in bundled if p.stem in only]
    sources: list[tuple[Path, bool]] = [(p, True) for p in bundled]
    if user_folder is not None and user_folder.is_dir():
        from praxis_socialwork.store.files import refuse_if_others_can_write

        refuse_if_others_can_write(user_folder, "frameworks")
        sources += [(p, False) for p in sorted(user_folder.glob("*.toml"))]
    sources += [(Path(p), False) for p in extra_files or []]
    for path, bundled in sources:
        try:
            framework = load_framework(path, bundled=bundled)
        except FrameworkFileError as exc:
            problems.append(exc)
            continue
        frameworks[framework.id] = framework
    return Catalogue(frameworks, problems)
