"""Which signing keys this store trusts, and which records were once signed with a key.

Trust on first use, as ``ssh`` keeps ``known_hosts``: the first time a practice educator's key
arrives (a reviewed bundle, a sign-off made in the store), the student is shown its fingerprint and
confirms it with the educator (in person, by phone). From then on that key is **pinned** to that
name: a signature under the name made with any other key is flagged, never counted as verified.

Alongside the pins the file remembers every record a valid key signature ever covered, so a day that
later carries only a sign-off without a key (or none at all) is flagged as downgraded.

The file lives beside the store (``praxis.json.trust``), owner-only, and belongs to this machine:
no import or bundle can add a pin, only the person confirming a fingerprint can.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from praxis_socialwork.store.errors import PraxisError
from praxis_socialwork.store.files import atomic_write, describe_os_error
from praxis_socialwork.store.models import SignOff
from praxis_socialwork.store.signing import Educator, fingerprint, signature_valid, statement

SUFFIX = ".trust"
VERSION = 1

CONFIRMED = "confirmed"  # the key is pinned to the signer's name
UNCONFIRMED = "unconfirmed"  # no key is pinned to the name yet
OTHER_KEY = "other key"  # another key is pinned to the name: this one is not theirs as far as we know


@dataclass(frozen=True)
class Pin:
    """A key confirmed as ``name``'s."""

    name: str
    key: str  # base64 raw Ed25519 public key
    confirmed_on: str  # ISO date

    @property
    def fingerprint(self) -> str:
        """The key's fingerprint, as people read it aloud."""
        return fingerprint(self.key)


def name_key(name: str) -> str:
    """A signer's name as names are compared: spacing and case aside (``  jo EDUCATOR`` is Jo Educator)."""
    return " ".join(name.split()).casefold()


def same_name(a: str, b: str) -> bool:
    """Whether two signers' names are the same person's name (case and spacing aside)."""
    return name_key(a) == name_key(b)


@dataclass(frozen=True)
class Trust:
    """The pinned keys and the records once signed with a key (empty: nothing trusted yet)."""

    pins: tuple[Pin, ...] = ()
    once_signed: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def verdict(self, name: str, key: str) -> str:
        """``confirmed`` when ``key`` is pinned to ``name``; ``other key`` when another key is; else
        ``unconfirmed``."""
        mine = [p for p in self.pins if same_name(p.name, name)]
        if any(p.key == key for p in mine):
            return CONFIRMED
        return OTHER_KEY if mine else UNCONFIRMED

    def with_own(self, educator: Educator | None) -> Trust:
        """This trust plus ``educator``'s own key (a reviewer trusts the key they sign with)."""
        if educator is None or not educator.public_key:
            return self
        if self.verdict(educator.name, educator.public_key) == CONFIRMED:
            return self
        own = Pin(educator.name, educator.public_key, "")
        return Trust((*self.pins, own), self.once_signed)


NO_TRUST = Trust()


def trust_path(store: Path) -> Path:
    """The trust file of the store at ``store``."""
    return store.with_name(store.name + SUFFIX)


def load_trust(store: Path) -> Trust:
    """The trust kept beside ``store`` (nothing trusted when there is no file yet).

    Raises ``PraxisError`` naming the file when it cannot be read: a damaged trust file never
    silently means "trust nothing" or "trust everything".
    """
    path = trust_path(store)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return NO_TRUST
    except OSError as exc:
        raise PraxisError(describe_os_error(exc, path)) from None
    try:
        data = json.loads(raw)
        pins = tuple(
            Pin(str(p["name"]), str(p["key"]), str(p.get("confirmed_on", ""))) for p in data.get("pins", [])
        )
        signed = {str(k): str(v) for k, v in dict(data.get("key_signed", {})).items()}
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise PraxisError(
            f"{path} (the signing keys this store trusts) cannot be read: {exc}. "
            "Move it aside and confirm your educators' keys again (praxis keys trust)."
        ) from None
    return Trust(pins, MappingProxyType(signed))


def _save(store: Path, trust: Trust) -> None:
    data = {
        "version": VERSION,
        "pins": [
            {"name": p.name, "key": p.key, "fingerprint": p.fingerprint, "confirmed_on": p.confirmed_on}
            for p in trust.pins
        ],
        "key_signed": dict(sorted(trust.once_signed.items())),
    }
    atomic_write(trust_path(store), (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


def pin_key(store: Path, name: str, key: str, on: str) -> Pin:
    """Pin ``key`` to ``name`` in the trust beside ``store`` (kept with any key pinned before)."""
    trust = load_trust(store)
    pin = Pin(" ".join(name.split()), key, on)
    if trust.verdict(name, key) != CONFIRMED:
        _save(store, Trust((*trust.pins, pin), trust.once_signed))
    return pin


def key_signed(signoffs: Iterable[SignOff]) -> list[SignOff]:
    """The sign-offs among ``signoffs`` that carry a good key signature."""
    return [
        s
        for s in signoffs
        if s.signature and s.public_key and signature_valid(s.public_key, s.signature, statement(s))
    ]


def note_key_signed(store: Path, signoffs: Iterable[SignOff], trust: Trust | None = None) -> None:
    """Remember beside ``store`` that the records ``signoffs`` cover were signed with a key (only
    the good signatures count; a record already remembered keeps its first key). ``trust`` is the
    file as already read, if it was."""
    good = key_signed(signoffs)
    if not good:
        return
    trust = trust if trust is not None else load_trust(store)
    new = {s.record_id: fingerprint(s.public_key) for s in good if s.record_id not in trust.once_signed}
    if new:
        _save(store, Trust(trust.pins, MappingProxyType({**trust.once_signed, **new})))


@dataclass(frozen=True)
class NewKey:
    """A key that signed records here and is not pinned to its signer's name."""

    name: str
    key: str
    records: int
    other_key: bool  # a different key is pinned to this name

    @property
    def fingerprint(self) -> str:
        """The key's fingerprint."""
        return fingerprint(self.key)

    def advice(self) -> str:
        """What the person is told, with the command that confirms the key."""
        head = (
            f"{self.name} signed {self.records} record{'s' if self.records != 1 else ''} with key "
            f"{self.fingerprint}"
        )
        if self.other_key:
            return (
                f"{head}, NOT the key you confirmed as theirs. Those sign-offs are not counted. If "
                f"{self.name} tells you they made a new key, confirm it: "
                f'praxis keys trust "{self.name}" {self.fingerprint}'
            )
        return (
            f"{head}, not yet confirmed. Check the fingerprint with {self.name} (in person or by phone), "
            f'then: praxis keys trust "{self.name}" {self.fingerprint}'
        )


def new_keys(signoffs: Iterable[SignOff], trust: Trust) -> list[NewKey]:
    """The keys with good signatures among ``signoffs`` that ``trust`` does not pin to their signer."""
    counts: dict[tuple[str, str], set[str]] = {}
    names: dict[tuple[str, str], str] = {}
    for s in key_signed(signoffs):
        if trust.verdict(s.by, s.public_key) != CONFIRMED:
            k = (name_key(s.by), s.public_key)
            counts.setdefault(k, set()).add(s.record_id)
            names.setdefault(k, s.by)
    return [
        NewKey(names[k], k[1], len(ids), trust.verdict(names[k], k[1]) == OTHER_KEY)
        for k, ids in sorted(counts.items())
    ]


def find_key(signoffs: Iterable[SignOff], name: str, fingerprint_text: str) -> str:
    """The public key, among the good signatures ``name`` made in ``signoffs``, whose fingerprint is
    ``fingerprint_text`` (dashes and case aside).

    Raises ``PraxisError`` saying which fingerprints ``name`` has signed with when none matches.
    """
    wanted = fingerprint_text.replace("-", "").replace(" ", "").upper()
    seen: dict[str, str] = {}
    for s in key_signed(signoffs):
        if same_name(s.by, name):
            seen[fingerprint(s.public_key)] = s.public_key
    for fp, key in seen.items():
        if fp.replace("-", "") == wanted and len(wanted) == 16:
            return key
    if not seen:
        raise PraxisError(f"no sign-off in this store is signed with a key under the name {name!r}")
    raise PraxisError(
        f"{name} has signed here with {', '.join(sorted(seen))}, not {fingerprint_text}: "
        "check the fingerprint they gave you"
    )
