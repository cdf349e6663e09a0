"""Checking sign-off signatures away from the student's store: ``praxis verify REPORT-or-BUNDLE``.

A bundle carries every record and sign-off; an HTML or Markdown report carries, in its Signatures
section, each sign-off it shows with the fields that were signed. Either way each signature is
checked against the educator's public key and each signed hash against the fields kept with it (and,
for a bundle, against the record as it is now). What a reader must still do is compare each key's
fingerprint with the one the educator gives them: a signature proves which key signed, not whose.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from praxis_socialwork.store import PraxisError, Record, SignOff
from praxis_socialwork.store.clock import uk_day
from praxis_socialwork.store.files import read_input
from praxis_socialwork.store.signing import (
    fields_hash,
    fingerprint,
    signature_valid,
    signed_fields,
    statement,
)
from praxis_socialwork.store.trust import name_key, same_name

MARK = "praxis-signatures"  # names the block a report carries its sign-offs in
BLOCK_VERSION = 1
# The fields of a sign-off a report keeps: enough to check its signature and what it signed.
KEPT = (
    "record_kind", "record_id", "hash", "by", "role", "at", "comment", "signed", "public_key", "signature",
)  # fmt: skip

GOOD = "good signature"
NO_KEY = "recorded, not signed (no key)"
BAD = "signature does not match"
ALTERED = "signed fields altered"
CHANGED = "record changed since signed"
GONE = "record not in the file"
WRONG_KEY = "not the expected key"


def signatures_block(signoffs: Iterable[SignOff]) -> str:
    """The JSON a report keeps its sign-offs in (what ``praxis verify`` reads back)."""
    entries = [{k: getattr(s, k) for k in KEPT} for s in sorted(signoffs, key=lambda s: (s.at, s.record_id))]
    return json.dumps({MARK: BLOCK_VERSION, "signoffs": entries}, ensure_ascii=False, indent=1)


HOW_TO_VERIFY = (
    "Each signature is made with the practice educator's own key. To check them without the student's "
    "store, run  praxis verify FILE  on this report (HTML or Markdown) or on the student's bundle: it "
    "checks every signature and prints each key's fingerprint. Then compare each fingerprint with the "
    "one the educator gives you (praxis keys show prints theirs); praxis verify FILE --expect "
    '"NAME=FINGERPRINT" does the comparison. A sign-off made without a key is only recorded: '
    "anyone with the store could have typed it."
)


@dataclass(frozen=True)
class Checked:
    """One sign-off as ``verify`` found it."""

    signoff: SignOff
    status: str  # GOOD, NO_KEY, BAD, ALTERED, CHANGED, GONE or WRONG_KEY

    @property
    def key(self) -> str:
        """The fingerprint of the key it carries ("" for none)."""
        return fingerprint(self.signoff.public_key) if self.signoff.public_key else ""


@dataclass
class Verification:
    """Every sign-off in a file, checked."""

    source: str
    checked: list[Checked] = field(default_factory=list)
    can_compare_records: bool = True  # a bundle holds the records; a report only what was signed

    @property
    def problems(self) -> list[Checked]:
        """The sign-offs that must not be trusted (a bad or unexpected signature, altered fields,
        a record changed since)."""
        return [c for c in self.checked if c.status not in (GOOD, NO_KEY)]

    def signers(self) -> list[tuple[str, str, int]]:
        """``(name, fingerprint, good signatures)`` for each key that signed, by name."""
        count: dict[tuple[str, str], int] = {}
        for c in self.checked:
            if c.status in (GOOD, CHANGED, WRONG_KEY) and c.key:
                k = (c.signoff.by, c.key)
                count[k] = count.get(k, 0) + 1
        return sorted((name, key, n) for (name, key), n in count.items())

    def names_with_several_keys(self) -> dict[str, list[str]]:
        """Signers whose name appears with more than one key: one of them is not theirs."""
        keys: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        for name, key, _ in self.signers():
            folded = name_key(name)
            keys.setdefault(folded, set()).add(key)
            names.setdefault(folded, name)
        return {names[k]: sorted(v) for k, v in keys.items() if len(v) > 1}

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong: every key signature is good and no name has two keys."""
        return not self.problems and not self.names_with_several_keys()

    def lines(self) -> list[str]:
        """What ``praxis verify`` prints."""
        good = sum(1 for c in self.checked if c.status == GOOD)
        keyless = sum(1 for c in self.checked if c.status == NO_KEY)
        out = [f"{self.source}: {len(self.checked)} sign-off{'s' if len(self.checked) != 1 else ''}."]
        for name, key, n in self.signers():
            out.append(f"  {name}: key {key}, {n} signature{'s' if n != 1 else ''}")
        out.append(f"Good signatures: {good}.")
        if keyless:
            out.append(
                f"Recorded, not signed: {keyless} (made without a key; anyone with the store could have "
                "typed them, so they verify nothing)."
            )
        for name, keys in self.names_with_several_keys().items():
            out.append(f"PROBLEM: {name} appears with {len(keys)} different keys ({', '.join(keys)}).")
        for c in self.problems:
            s = c.signoff
            what = f"{s.record_kind} {s.record_id[:8]} signed by {s.by} on {uk_day(s.at).isoformat()}"
            out.append(f"PROBLEM: {what}: {c.status}.")
        if not self.can_compare_records:
            out.append("A report holds what was signed, not the records: compare them with the pages.")
        out.append("Compare each fingerprint with the one the educator gives you.")
        out.append("All signatures check." if self.ok else "Do not rely on the sign-offs marked PROBLEM.")
        return out


def check_file(path: Path, expect: Mapping[str, str] | None = None) -> Verification:
    """Check every sign-off in the bundle or report at ``path``; ``expect`` maps a signer's name to
    the fingerprint their key must have.

    Raises ``PraxisError`` for a file that is neither, or a report without a Signatures block.
    """
    from praxis_socialwork.exports.bundle import is_bundle, read_bundle

    path = Path(path).expanduser()
    if is_bundle(path):
        bundle = read_bundle(path)
        records = {r.id: r for kind, found in bundle.records.items() for r in found}
        signoffs = [r for r in records.values() if isinstance(r, SignOff)]
        return check(str(path), signoffs, records, expect)
    return check(str(path), read_report_signoffs(path), None, expect)


def check(
    source: str,
    signoffs: Iterable[SignOff],
    records: Mapping[str, Record] | None,
    expect: Mapping[str, str] | None = None,
) -> Verification:
    """Check ``signoffs``; against ``records`` (by id) too when given."""
    expected = {name: key.replace("-", "").upper() for name, key in (expect or {}).items()}
    out = Verification(source, can_compare_records=records is not None)
    for s in sorted(signoffs, key=lambda s: (s.at, s.record_id)):
        out.checked.append(Checked(s, _status(s, records, expected)))
    return out


def _status(s: SignOff, records: Mapping[str, Record] | None, expected: dict[str, str]) -> str:
    if not s.signature and not s.public_key:
        return NO_KEY
    if not signature_valid(s.public_key, s.signature, statement(s)):
        return BAD
    if fields_hash(s.signed) != s.hash:
        return ALTERED
    for name, want in expected.items():
        if same_name(name, s.by) and fingerprint(s.public_key).replace("-", "") != want:
            return WRONG_KEY
    if records is not None:
        record = records.get(s.record_id)
        if record is None:
            return GONE
        if fields_hash(signed_fields(record)) != s.hash:
            return CHANGED
    return GOOD


_BLOCK = re.compile(r"<pre[^>]*\bid=\"" + MARK + r"\"[^>]*>(.*?)</pre>", re.S)
_FENCE = re.compile(r"<!-- " + MARK + r" -->\s*```json\n(.*?)\n```", re.S)


def read_report_signoffs(path: Path) -> list[SignOff]:
    """The sign-offs an HTML or Markdown report keeps in its Signatures section.

    Raises ``PraxisError`` when the file has none (a PDF, or a report from an older Praxis).
    """
    name = path.name.lower()
    if name.endswith(".pdf"):
        raise PraxisError(
            f"{path} is a PDF: its Signatures section shows the fingerprints, but the signatures "
            "themselves travel in the HTML or Markdown report and in the bundle; verify one of those"
        )
    text = read_input(path, "report").decode("utf-8", errors="replace")
    found = _BLOCK.search(text)
    raw = html.unescape(found[1]) if found else None
    if raw is None and (fenced := _FENCE.search(text)):
        raw = fenced[1]
    if raw is None:
        raise PraxisError(
            f"{path} holds no signatures to check: it is not a Praxis bundle (.praxis.json), nor an HTML "
            "or Markdown report with a Signatures section"
        )
    try:
        doc: Any = json.loads(raw)
        entries = doc["signoffs"]
        return [SignOff(**{k: e[k] for k in KEPT if k in e}) for e in entries]
    except (ValueError, KeyError, TypeError) as exc:
        raise PraxisError(f"{path}: the Signatures block cannot be read ({exc})") from None
