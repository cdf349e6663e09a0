"""What a sign-off holds to mean something: a hash of exactly what was signed, and an Ed25519
signature a practice educator's key makes over it.

``record_hash`` is the SHA-256 of a record's identity and fields in one canonical JSON form, so the
same record always gives the same hash, and any edit to a field a person wrote gives another.
``statement`` is what a key signs: the record's kind, id and hash with who signed, in what role,
when and with what comment; changing any of them (in the file, by hand) breaks the signature.

Keys are made with ``cryptography`` (Ed25519) and kept in the educator's config folder: the
private key readable by its owner only. It is imported only when a key is made, used or checked.
"""

from __future__ import annotations

import base64
import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from praxis_socialwork.store.errors import PraxisError
from praxis_socialwork.store.files import atomic_write, ensure_private_dir, refuse_if_others_can_write
from praxis_socialwork.store.models import Record, SignOff

KEY_FILE = "signing-key.pem"
PUBLIC_FILE = "signing-key.pub"
IDENTITY_FILE = "educator.toml"
DEFAULT_ROLE = "Practice educator"  # the role sign-offs carry when none is given


def _plain(value: Any) -> Any:
    """A value as the hash reads it: a whole number is the same written 7 or 7.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def canonical(value: Any) -> bytes:
    """``value`` as canonical JSON bytes: keys sorted, no spaces, UTF-8, whole floats as integers."""
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def signed_fields(record: Record) -> dict[str, Any]:
    """The fields a sign-off keeps and hashes: the record's kind and id, and every field a person
    wrote (not its edit number or times, which change without the record changing)."""
    return {"kind": record.KIND, "id": record.id, **record.content()}


def fields_hash(fields: dict[str, Any]) -> str:
    """The SHA-256 (hex) of ``fields`` in canonical form."""
    return hashlib.sha256(canonical(fields)).hexdigest()


def record_hash(record: Record) -> str:
    """The SHA-256 (hex) of ``record`` as a sign-off would hash it now."""
    return fields_hash(signed_fields(record))


def statement(s: SignOff) -> bytes:
    """The bytes a signing key signs for sign-off ``s``: what was signed, by whom, when, and why."""
    return canonical(
        {
            "praxis_signoff": 1,
            "record_kind": s.record_kind,
            "record_id": s.record_id,
            "hash": s.hash,
            "by": s.by,
            "role": s.role,
            "at": s.at,
            "comment": s.comment,
        }
    )


def make_signoff(
    record: Record, *, by: str, role: str, at: str, comment: str = "", batch: str = ""
) -> SignOff:
    """A sign-off of ``record`` exactly as it is now (its fields kept and hashed), not yet saved or signed."""
    fields = signed_fields(record)
    return SignOff(
        record_id=record.id,
        record_kind=record.KIND,
        by=by.strip(),
        role=role.strip(),
        at=at,
        comment=comment.strip(),
        batch=batch,
        signed=fields,
        hash=fields_hash(fields),
    )


def sign_off_all(
    records: list[Record], educator: Educator, at: str, comment: str = "", *, use_key: bool = False
) -> list[SignOff]:
    """Sign-offs of ``records`` made together (one ``batch``), by ``educator`` at ``at``; signed with
    their key when ``use_key`` (and they have one). Not saved."""
    import uuid

    batch = str(uuid.uuid4())
    made = [
        make_signoff(r, by=educator.name, role=educator.role, at=at, comment=comment, batch=batch)
        for r in records
    ]
    return [educator.sign(s) for s in made] if use_key and educator.has_key else made


def fingerprint(public_key: str) -> str:
    """A short way to read a public key aloud: ``3F2A-91C0-77DE-0B14`` (from its SHA-256)."""
    digest = hashlib.sha256(public_key.encode("ascii")).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


@lru_cache(maxsize=4096)
def signature_valid(public_key: str, signature: str, message: bytes) -> bool:
    """Whether ``signature`` (base64) is ``public_key``'s (base64, raw Ed25519) over ``message``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


# -- the educator's key ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Educator:
    """Who signs, as kept in the config folder, and their key if they made one."""

    name: str
    role: str
    folder: Path
    public_key: str = ""  # base64 raw; "" when no key has been made

    @property
    def has_key(self) -> bool:
        """Whether a signing key is there to use."""
        return bool(self.public_key) and (self.folder / KEY_FILE).exists()

    def sign(self, s: SignOff) -> SignOff:
        """Return ``s`` with this educator's public key and signature over its statement."""
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        try:
            private = load_pem_private_key((self.folder / KEY_FILE).read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            raise PraxisError(f"cannot read the signing key in {self.folder}: {exc}") from None
        unsigned = SignOff(**{**s.__dict__, "public_key": self.public_key, "signature": ""})
        signature = private.sign(statement(unsigned))  # type: ignore[union-attr, call-arg]
        unsigned.signature = base64.b64encode(signature).decode("ascii")
        return unsigned


def educator_folder() -> Path:
    """Where an educator's name, role and signing key are kept: ``signing/`` in the config folder."""
    from praxis_socialwork.store.paths import config_dir

    return config_dir() / "signing"


def reviewer(by: str | None = None, role: str | None = None, folder: Path | None = None) -> Educator:
    """Who is signing: ``by`` and ``role`` when given, else the name and role kept with the key
    (``praxis keys new``). The key is used only when the name is the one it was made for.

    Raises ``PraxisError`` when no name is given and none is kept.
    """
    folder = folder or educator_folder()
    kept = load_educator(folder)
    name = (by or "").strip() or (kept.name if kept else "")
    if not name:
        raise PraxisError(
            "say who is signing: --by NAME (or make a signing key once: praxis keys new --name NAME)"
        )
    chosen_role = (role or "").strip() or (kept.role if kept else "") or DEFAULT_ROLE
    same = kept is not None and kept.name.strip().casefold() == name.casefold()
    return Educator(name, chosen_role, folder, kept.public_key if same and kept else "")


def load_educator(folder: Path) -> Educator | None:
    """The educator whose name and key are kept in ``folder``, or None if none is set up there."""
    path = folder / IDENTITY_FILE
    if not path.exists():
        return None
    refuse_if_others_can_write(folder, "a signing key")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PraxisError(f"{path} cannot be read: {exc}") from None
    public = folder / PUBLIC_FILE
    key = public.read_text(encoding="ascii").strip() if public.exists() else ""
    return Educator(str(data.get("name", "")), str(data.get("role", "")), folder, key)


def new_key(folder: Path, name: str, role: str, *, replace: bool = False) -> Educator:
    """Make an Ed25519 signing key for ``name`` in ``folder`` (private key owner-only).

    An existing key is kept unless ``replace``; then it is moved aside (``signing-key.pem.old-N``),
    never deleted, so sign-offs made with it can still be checked against its public key.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    if not name.strip():
        raise PraxisError("--name is required: the name your sign-offs carry")
    ensure_private_dir(folder)
    private_path, public_path = folder / KEY_FILE, folder / PUBLIC_FILE
    if private_path.exists():
        if not replace:
            raise PraxisError(
                f"a signing key already exists in {folder}; praxis keys show prints it "
                "(--replace makes a new one and keeps the old one beside it)"
            )
        n = 1
        while private_path.with_name(f"{KEY_FILE}.old-{n}").exists():
            n += 1
        private_path.replace(private_path.with_name(f"{KEY_FILE}.old-{n}"))
        if public_path.exists():
            public_path.replace(public_path.with_name(f"{PUBLIC_FILE}.old-{n}"))
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    public = base64.b64encode(raw).decode("ascii")
    atomic_write(private_path, pem)  # owner-only, like every file Praxis writes
    atomic_write(public_path, (public + "\n").encode("ascii"))
    save_identity(folder, name, role)
    return Educator(name.strip(), role.strip(), folder, public)


def save_identity(folder: Path, name: str, role: str) -> None:
    """Keep the name and role sign-offs are made under in ``folder``."""
    text = f"name = {json.dumps(name.strip())}\nrole = {json.dumps(role.strip())}\n"
    atomic_write(folder / IDENTITY_FILE, text.encode("utf-8"))
