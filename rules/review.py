"""Practice educator review: which records are signed off and still as signed, which carry
feedback or a request for changes, and what still waits for review. Pure: records in, answers out.

A record is **verified** only when a sign-off of it still matches it (the hash of its fields is the
one signed) and carries a good signature by a key the student confirmed as the signer's
(``store.trust``: trust on first use). Anything less is named for what it is:

- a sign-off made without a key is "recorded, not signed": anyone with the store could have typed it;
- a good signature by a key not yet confirmed waits for the student to check its fingerprint;
- a good signature under a name whose confirmed key is another is flagged, never counted;
- a record once signed with a key that now carries only a keyless sign-off, or none, is "downgraded";
- an edit after sign-off makes it "changed since sign-off" (naming the fields); a signature that does
  not match never counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from praxis_socialwork.store import (
    Activity,
    Comment,
    Placement,
    PlacementDay,
    Record,
    Reflection,
    SignOff,
    format_uk,
)
from praxis_socialwork.store.signing import (
    fields_hash,
    fingerprint,
    signature_valid,
    signed_fields,
    statement,
)
from praxis_socialwork.store.trust import CONFIRMED, NO_TRUST, OTHER_KEY, Trust
from praxis_socialwork.store.vocab import COUNTED_DAY_KINDS, STUDENT_ROLE

REVIEW_TAG = "for-review"  # a student marks an activity or reflection for review with this tag

NOT_SIGNED = "not signed off"
SIGNED = "signed off"  # verified: a confirmed key's good signature over the record as it is
RECORDED = "recorded, not signed"  # a sign-off made without a key
UNCONFIRMED_KEY = "signed, key not confirmed"
KEY_CHANGED = "signed with another key"
DOWNGRADED = "downgraded: key signature gone"
CHANGED = "changed since sign-off"
BAD_SIGNATURE = "signature does not match"
NO_FEEDBACK = "no feedback yet"
MARKED = "marked for review"
CHANGED_AS_ASKED = "changed as asked"

# What a student should look at: sign-offs that do not verify for a reason they can act on.
NEEDS_ATTENTION = frozenset({CHANGED, BAD_SIGNATURE, KEY_CHANGED, DOWNGRADED, UNCONFIRMED_KEY})


@dataclass(frozen=True)
class SignOffCheck:
    """One sign-off checked against the record as it is now and the keys the student trusts."""

    signoff: SignOff
    matches: bool  # the record's fields are those signed
    changed: tuple[str, ...]  # the fields that differ from what was signed
    signature: str  # "none" (signed without a key), "valid" or "invalid"
    trust: str = ""  # for a valid signature: "confirmed", "unconfirmed" or "other key"

    @property
    def counts(self) -> bool:
        """Whether this sign-off stands: it still matches, its signature (if any) is good and its key
        is not one another key is pinned against. It settles a request for changes and takes the
        record off the educator's queue; only ``verifies`` makes it verified."""
        return self.matches and self.signature != "invalid" and self.trust != OTHER_KEY

    @property
    def verifies(self) -> bool:
        """Whether this sign-off verifies the record: it stands, and a confirmed key signed it."""
        return self.matches and self.signature == "valid" and self.trust == CONFIRMED

    @property
    def key(self) -> str:
        """The signing key's fingerprint ("" for a sign-off made without a key)."""
        return fingerprint(self.signoff.public_key) if self.signoff.public_key else ""

    @property
    def status(self) -> str:
        """What this one sign-off amounts to, in the words of the ``*`` constants above."""
        if self.signature == "invalid":
            return BAD_SIGNATURE
        if self.trust == OTHER_KEY:
            return KEY_CHANGED
        if not self.matches:
            return CHANGED
        if self.signature == "none":
            return RECORDED
        return SIGNED if self.trust == CONFIRMED else UNCONFIRMED_KEY

    def describe(self) -> str:
        """What a person reads: "verified signature from Jo Educator (key 3F2A-…), 22 Nov 2026", …"""
        s = self.signoff
        who = s.by + (f" ({s.role})" if s.role else "")
        when = on_day(s.at)
        status = self.status
        if status == BAD_SIGNATURE:
            return f"{BAD_SIGNATURE}: claims {who}, {when}; do not count it"
        if status == KEY_CHANGED:
            return (
                f"{KEY_CHANGED}: claims {who}, {when}, but key {self.key} is not the one you confirmed "
                f"as {s.by}'s; not counted"
            )
        if status == CHANGED:
            return f"{CHANGED} by {who} on {when}: {', '.join(self.changed) or 'the record'} changed"
        if status == RECORDED:
            return f"sign-off {RECORDED}: {who}, {when} (made without a signing key; not verified)"
        if status == UNCONFIRMED_KEY:
            return (
                f"signed by {who}, {when}, with key {self.key}, not yet confirmed as theirs "
                f'(praxis keys trust "{s.by}" {self.key})'
            )
        return f"verified signature from {who} (key {self.key}), {when}"


def on_day(stamp: str) -> str:
    """The day of an ISO timestamp as the app writes dates (``Fri 20 Nov 2026``); as given if not one."""
    try:
        return format_uk(date.fromisoformat(stamp[:10]))
    except ValueError:
        return stamp


def check_signoff(signoff: SignOff, record: Record | None, trust: Trust = NO_TRUST) -> SignOffCheck:
    """Check ``signoff`` against ``record`` as it is now (None: the record was deleted), with the
    keys ``trust`` pins."""
    signature, verdict = "none", ""
    if signoff.signature or signoff.public_key:
        good = signature_valid(signoff.public_key, signoff.signature, statement(signoff))
        signature = "valid" if good else "invalid"
        if good:
            verdict = trust.verdict(signoff.by, signoff.public_key)
    if record is None:
        return SignOffCheck(signoff, False, ("the whole record (deleted)",), signature, verdict)
    now = signed_fields(record)
    matches = fields_hash(now) == signoff.hash
    changed: tuple[str, ...] = ()
    if not matches:
        # The fields kept beside the hash say what changed, unless they were edited too.
        before = signoff.signed if fields_hash(signoff.signed) == signoff.hash else None
        if before is None:
            changed = ("the record",)
        else:
            changed = tuple(k for k in dict.fromkeys([*before, *now]) if before.get(k) != now.get(k))
    return SignOffCheck(signoff, matches, changed, signature, verdict)


@dataclass
class Review:
    """Everything review has said of one record: its sign-offs (newest first) and its comments."""

    record: Record
    checks: list[SignOffCheck] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)  # oldest first
    once_signed_with: str = ""  # the fingerprint of a key that once signed it ("" if none ever did)

    @property
    def verified(self) -> bool:
        """Whether a confirmed key's signature still verifies the record."""
        return any(c.verifies for c in self.checks)

    @property
    def signed(self) -> bool:
        """Whether a sign-off of the record as it is stands, verified or only recorded."""
        return any(c.counts for c in self.checks)

    @property
    def downgraded(self) -> bool:
        """Whether a key once signed the record and no sign-off with a key is left on it."""
        return bool(self.once_signed_with) and not any(c.signature != "none" for c in self.checks)

    @property
    def latest(self) -> SignOffCheck | None:
        """The newest sign-off, checked."""
        return self.checks[0] if self.checks else None

    @property
    def valid(self) -> SignOffCheck | None:
        """The newest sign-off that verifies the record."""
        return next((c for c in self.checks if c.verifies), None)

    @property
    def standing(self) -> SignOffCheck | None:
        """The newest sign-off that verifies the record, else the newest that stands."""
        return self.valid or next((c for c in self.checks if c.counts), None)

    @property
    def status(self) -> str:
        """``signed off`` (verified), ``downgraded…``, ``signed with another key``, ``signature does
        not match``, ``signed, key not confirmed``, ``recorded, not signed``, ``changed since
        sign-off`` or ``not signed off``: the first that holds."""
        if self.verified:
            return SIGNED
        if self.downgraded:
            return DOWNGRADED
        found = {c.status for c in self.checks}
        for status in (KEY_CHANGED, BAD_SIGNATURE, UNCONFIRMED_KEY, RECORDED, CHANGED):
            if status in found:
                return status
        return NOT_SIGNED

    @property
    def feedback(self) -> list[Comment]:
        """Comments from anyone but the student."""
        return [c for c in self.comments if c.role != STUDENT_ROLE]

    @property
    def changes_requested(self) -> Comment | None:
        """The open request for changes: the newest say-so on the record asked for changes, and
        nothing since (a "resolved" comment or a sign-off that verifies it) settled it."""
        # Within one second, a reply comes after what it answers, and a sign-off settles a request.
        depth = _thread_depths(self.comments)
        events: list[tuple[str, int, Comment | None]] = [
            (c.at, depth[c.id], c) for c in self.feedback if c.status in ("changes-requested", "resolved")
        ]
        events += [(c.signoff.at, len(depth) + 1, None) for c in self.checks if c.counts]
        if not events:
            return None
        last = max(events, key=lambda e: (e[0], e[1]))[2]
        return last if last is not None and last.status == "changes-requested" else None

    def describe(self) -> str:
        """One line: the sign-off that verifies the record, else what is wrong, else the latest as
        checked, or "not signed off"."""
        valid = self.valid
        if valid is not None:
            return valid.describe()
        if self.downgraded:
            left = "only a sign-off without a key is left" if self.checks else "its sign-off is gone"
            return f"{DOWNGRADED}: once signed with key {self.once_signed_with}, {left}; not verified"
        wrong = next((c for c in self.checks if c.status in NEEDS_ATTENTION and c.status != CHANGED), None)
        if wrong is not None:
            return wrong.describe()
        standing = self.standing
        if standing is not None:
            return standing.describe()
        return self.latest.describe() if self.latest else NOT_SIGNED


def _thread_depths(comments: list[Comment]) -> dict[str, int]:
    """How deep each comment sits in its thread (0 starts one; a reply is one deeper than its parent)."""
    parents = {c.id: c.parent_id for c in comments}
    depths: dict[str, int] = {}
    for c in comments:
        n, seen, at = 0, {c.id}, c.parent_id
        while at in parents and at not in seen:
            seen.add(at)
            n, at = n + 1, parents[at]
        depths[c.id] = n
    return depths


SIGNOFF_REMARK = "signoff"  # a Remark's status when it is the comment given with a sign-off


@dataclass(frozen=True)
class Remark:
    """One thing said in review, as a student reads it: a comment, or the comment a practice
    educator gave with a sign-off. Sign-offs made together (a week, a range) with one comment are
    one remark about every record in the batch."""

    key: str  # the comment's id, or "signoff:" and the batch (or the sign-off's id)
    by: str
    role: str
    at: str
    text: str
    status: str  # a comment's status, or SIGNOFF_REMARK
    record_ids: tuple[str, ...]  # what it is about, in the order signed
    comment: Comment | None = None
    signoffs: tuple[SignOff, ...] = ()

    @property
    def is_signoff(self) -> bool:
        """Whether this is the comment given with a sign-off."""
        return self.status == SIGNOFF_REMARK


def signoff_remarks(signoffs: Iterable[SignOff]) -> list[Remark]:
    """The comments given with sign-offs, oldest first: one remark per batch (or per sign-off made
    alone) with a comment; sign-offs without a comment say nothing and are left out."""
    groups: dict[tuple[str, str, str, str], list[SignOff]] = {}
    for s in sorted(signoffs, key=lambda s: (s.at, s.id)):
        if s.comment.strip():
            groups.setdefault((s.batch or s.id, s.by, s.at, s.comment), []).append(s)
    return [
        Remark(
            key=f"signoff:{key[0]}",
            by=found[0].by,
            role=found[0].role,
            at=found[0].at,
            text=found[0].comment.strip(),
            status=SIGNOFF_REMARK,
            record_ids=tuple(dict.fromkeys(s.record_id for s in found)),
            signoffs=tuple(found),
        )
        for key, found in groups.items()
    ]


def comment_remark(c: Comment) -> Remark:
    """A comment as a remark about its record."""
    return Remark(c.id, c.by, c.role, c.at, c.text, c.status, (c.record_id,), comment=c)


class ReviewBook:
    """Every record's review, built once from a store's records, sign-offs and comments."""

    def __init__(
        self,
        records: Iterable[Record],
        signoffs: Iterable[SignOff],
        comments: Iterable[Comment],
        trust: Trust = NO_TRUST,
    ):
        self.records = {r.id: r for r in records}
        self.trust = trust
        self._signoffs: dict[str, list[SignOff]] = {}
        for s in sorted(signoffs, key=lambda s: s.at, reverse=True):
            self._signoffs.setdefault(s.record_id, []).append(s)
        self._comments: dict[str, list[Comment]] = {}
        for c in sorted(comments, key=lambda c: (c.at, c.id)):
            self._comments.setdefault(c.record_id, []).append(c)
        self._reviews: dict[str, Review] = {}

    def of(self, record: Record) -> Review:
        """``record``'s review (empty if nothing was said of it)."""
        review = self._reviews.get(record.id)
        if review is None or review.record is not record:
            checks = [check_signoff(s, record, self.trust) for s in self._signoffs.get(record.id, [])]
            once = self.trust.once_signed.get(record.id, "")
            review = Review(record, checks, list(self._comments.get(record.id, [])), once)
            self._reviews[record.id] = review
        return review

    def orphans(self) -> list[SignOffCheck]:
        """Sign-offs of records the store no longer has (deleted since): kept, never counted."""
        return [
            check_signoff(s, None, self.trust)
            for rid, found in self._signoffs.items()
            if rid not in self.records
            for s in found
        ]

    def remarks(self) -> list[Remark]:
        """Every comment and every comment given with a sign-off, oldest first."""
        found = [comment_remark(c) for comments in self._comments.values() for c in comments]
        found += signoff_remarks(s for signoffs in self._signoffs.values() for s in signoffs)
        return sorted(found, key=lambda r: (r.at, r.key))

    def signoff_remarks_on(self, record_id: str) -> list[SignOff]:
        """The sign-offs of a record that carry a comment, oldest first."""
        return [s for s in reversed(self._signoffs.get(record_id, [])) if s.comment.strip()]

    def comments_on(self, record_id: str) -> list[Comment]:
        """The comments on a record, oldest first."""
        return list(self._comments.get(record_id, []))

    def downgraded(self) -> list[Review]:
        """The reviews of records once signed with a key that have no key signature left."""
        found = (self.of(self.records[rid]) for rid in self.trust.once_signed if rid in self.records)
        return [r for r in found if r.downgraded]

    def verified_ids(self) -> frozenset[str]:
        """The ids of the records a sign-off still verifies."""
        return frozenset(
            rid for rid in self._signoffs if rid in self.records and self.of(self.records[rid]).verified
        )

    def changes_requested(self) -> list[Review]:
        """The reviews with an open request for changes, oldest request first."""
        found = [self.of(self.records[rid]) for rid in self._comments if rid in self.records]
        open_ = [r for r in found if r.changes_requested is not None]
        return sorted(open_, key=lambda r: r.changes_requested.at if r.changes_requested else "")


@dataclass(frozen=True)
class QueueItem:
    """One record waiting for a practice educator, and why."""

    record: Record
    reason: str
    day: date | None
    placement_id: str  # "" when it belongs to no placement
    remark: Remark | None = None  # for a student: the comment or sign-off comment this row shows

    @property
    def kind(self) -> str:
        """The record's kind (``day``, ``reflection``, ``activity``)."""
        return self.record.KIND

    @property
    def key(self) -> str:
        """What tells this row from the others: the remark's key, else the record's id."""
        return self.remark.key if self.remark is not None else self.record.id


def week_of(day: date) -> date:
    """The Monday of the week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


def placement_of(record: Record, placements: Sequence[Placement], days: dict[str, PlacementDay]) -> str:
    """The id of the placement a record belongs to: a day's own; a reflection's linked day's, or the
    placement whose dates hold it; "" for none."""
    if isinstance(record, PlacementDay):
        return record.placement_id
    for link in getattr(record, "links", []):
        if link in days:
            return days[link].placement_id
    when = getattr(record, "date", None)
    if isinstance(record, Reflection) and when is not None:
        for p in placements:
            if p.start and p.start <= when <= (p.planned_end or date.max):
                return p.id
    return ""


def review_queue(
    book: ReviewBook,
    days: Sequence[PlacementDay],
    reflections: Sequence[Reflection],
    activities: Sequence[Activity],
    placements: Sequence[Placement],
    *,
    placement_id: str | None = None,
    week: date | None = None,
) -> list[QueueItem]:
    """What awaits review, oldest first: days not verified, reflections without feedback, activities
    and reflections marked for review, and records changed since changes were asked for.

    ``placement_id`` keeps one placement's; ``week`` (any day of it) keeps one week's.
    """
    by_id = {d.id: d for d in days}
    items: list[QueueItem] = []

    def add(record: Record, reason: str) -> None:
        items.append(
            QueueItem(record, reason, getattr(record, "date", None), placement_of(record, placements, by_id))
        )

    for d in days:
        review = book.of(d)
        if not review.signed or review.downgraded:
            add(d, review.status)
    for r in (*reflections, *activities):
        review = book.of(r)
        asked = review.changes_requested
        if asked is not None:
            if r.updated > asked.at:
                add(r, CHANGED_AS_ASKED)
            continue
        if review.signed or review.feedback:
            continue
        if isinstance(r, Reflection):
            add(r, NO_FEEDBACK)
        elif REVIEW_TAG in r.tags:
            add(r, MARKED)
    if placement_id is not None:
        items = [i for i in items if i.placement_id == placement_id]
    if week is not None:
        monday = week_of(week)
        items = [i for i in items if i.day is not None and week_of(i.day) == monday]
    return sorted(items, key=lambda i: (i.day or date.min, i.kind, i.record.id))


@dataclass(frozen=True)
class Verified:
    """A placement's counted days and hours, verified and not."""

    days: int
    hours: float
    unverified_days: int  # every counted day not verified, those only recorded among them
    unverified_hours: float
    recorded_days: int = 0  # signed off without a key (or with a key not confirmed): not verified

    @property
    def text(self) -> str:
        """``verified 30 days (225 h); not yet 10 days (75 h)``, and how many of those are signed
        off without a verifiable key (``…, 2 of them recorded, not signed``)."""
        out = (
            f"verified {self.days} days ({self.hours:g} h); "
            f"not yet {self.unverified_days} days ({self.unverified_hours:g} h)"
        )
        if self.recorded_days:
            out += f", {self.recorded_days} of them signed off without a confirmed key"
        return out


def verified_totals(book: ReviewBook, days: Iterable[PlacementDay]) -> Verified:
    """The counted days (practice and skills) among ``days``, split into verified and not."""
    counted = [d for d in days if d.kind in COUNTED_DAY_KINDS]
    yes = [d for d in counted if book.of(d).verified]
    no = [d for d in counted if not book.of(d).verified]
    recorded = sum(1 for d in no if book.of(d).signed)
    return Verified(len(yes), sum(d.hours for d in yes), len(no), sum(d.hours for d in no), recorded)


CHANGES_REQUESTED = "changes requested"
FEEDBACK = "feedback"


def feedback_items(
    book: ReviewBook, records: Iterable[Record], placements: Sequence[Placement]
) -> list[QueueItem]:
    """What a student sees of review, most pressing first: records with changes asked for, records
    changed since sign-off or with a signature that does not match; then every comment and every
    comment given with a sign-off, each as its own item, newest first (the open requests already
    at the top are not listed twice)."""
    records = list(records)
    by_id = {r.id: r for r in records}
    days = {r.id: r for r in records if isinstance(r, PlacementDay)}
    first: list[QueueItem] = []
    open_requests: set[str] = set()
    for record in records:
        review = book.of(record)
        if not review.checks and not review.comments and not review.downgraded:
            continue
        where = placement_of(record, placements, days)
        when = getattr(record, "date", None)
        if (asked := review.changes_requested) is not None:
            first.append(QueueItem(record, CHANGES_REQUESTED, when, where))
            open_requests.add(asked.id)
        elif review.status in NEEDS_ATTENTION:
            first.append(QueueItem(record, review.status, when, where))
    first.sort(key=lambda i: (i.day or date.min, i.record.id))
    rest: list[QueueItem] = []
    for remark in reversed(book.remarks()):
        about = [by_id[rid] for rid in remark.record_ids if rid in by_id]
        if not about or (remark.comment is not None and remark.comment.id in open_requests):
            continue
        about.sort(key=lambda r: getattr(r, "date", None) or date.min)
        record = about[0]
        where = placement_of(record, placements, days)
        reason = remark_reason(remark, len(about))
        rest.append(QueueItem(record, reason, getattr(record, "date", None), where, remark))
    return first + rest


REMARK_REASONS = {
    "changes-requested": "asked for changes",
    "resolved": "request settled",
}


def remark_reason(remark: Remark, covers: int = 1) -> str:
    """Why a remark is listed, in a few words: ``sign-off of 5 days``, ``comment``, ``your reply``."""
    if remark.is_signoff:
        return f"sign-off of {covers} days" if covers > 1 else "sign-off comment"
    if remark.role == STUDENT_ROLE:
        return "your reply"
    return REMARK_REASONS.get(remark.status, "comment")


def days_to_sign(
    book: ReviewBook, days: Iterable[PlacementDay], start: date | None, end: date | None
) -> tuple[list[PlacementDay], list[PlacementDay]]:
    """The days from ``start`` to ``end`` (both included; None leaves that end open) split into those
    to sign off now and those a sign-off still verifies (left as they are)."""
    chosen = [
        d
        for d in days
        if d.date is not None and (start is None or d.date >= start) and (end is None or d.date <= end)
    ]
    done = [d for d in chosen if signed_as_is(book.of(d))]
    return [d for d in chosen if not signed_as_is(book.of(d))], done


def signed_as_is(review: Review) -> bool:
    """Whether a record's sign-off is left as it is when signing: it verifies, or it stands and is
    neither downgraded nor signed with a key the store has not confirmed."""
    return review.verified or (review.signed and not review.downgraded and review.status != UNCONFIRMED_KEY)
