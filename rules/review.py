"""Practice educator review: which records are signed off and still as signed, which carry
feedback or a request for changes, and what still waits for review. Pure: records in, answers out.

A record is **verified** when a sign-off of it still matches it (the hash of its fields is the one
signed) and, if the sign-off carries a signature, the signature is good. An edit after sign-off
makes it "changed since sign-off" (naming the fields) and its hours stop counting as verified
until it is signed again; a signature that does not match never counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from store import Activity, Comment, Placement, PlacementDay, Record, Reflection, SignOff, format_uk
from store.signing import fields_hash, fingerprint, signature_valid, signed_fields, statement
from store.vocab import COUNTED_DAY_KINDS, STUDENT_ROLE

REVIEW_TAG = "for-review"  # a student marks an activity or reflection for review with this tag

NOT_SIGNED = "not signed off"
SIGNED = "signed off"
CHANGED = "changed since sign-off"
BAD_SIGNATURE = "signature does not match"
NO_FEEDBACK = "no feedback yet"
MARKED = "marked for review"
CHANGED_AS_ASKED = "changed as asked"


@dataclass(frozen=True)
class SignOffCheck:
    """One sign-off checked against the record as it is now."""

    signoff: SignOff
    matches: bool  # the record's fields are those signed
    changed: tuple[str, ...]  # the fields that differ from what was signed
    signature: str  # "none" (signed without a key), "valid" or "invalid"

    @property
    def counts(self) -> bool:
        """Whether this sign-off verifies the record: it still matches and its signature is not bad."""
        return self.matches and self.signature != "invalid"

    @property
    def key(self) -> str:
        """The signing key's fingerprint ("" for a sign-off made without a key)."""
        return fingerprint(self.signoff.public_key) if self.signoff.public_key else ""

    def describe(self) -> str:
        """What a person reads: "verified signature from Jo Educator (key 3F2A-…), 22 Nov 2026", …"""
        s = self.signoff
        who = s.by + (f" ({s.role})" if s.role else "")
        when = on_day(s.at)
        if self.signature == "invalid":
            return f"{BAD_SIGNATURE}: claims {who}, {when}; do not count it"
        if not self.matches:
            return f"{CHANGED} by {who} on {when}: {', '.join(self.changed) or 'the record'} changed"
        if self.signature == "valid":
            return f"verified signature from {who} (key {self.key}), {when}"
        return f"{SIGNED} by {who}, {when} (no signing key)"


def on_day(stamp: str) -> str:
    """The day of an ISO timestamp as the app writes dates (``Fri 20 Nov 2026``); as given if not one."""
    try:
        return format_uk(date.fromisoformat(stamp[:10]))
    except ValueError:
        return stamp


def check_signoff(signoff: SignOff, record: Record | None) -> SignOffCheck:
    """Check ``signoff`` against ``record`` as it is now (None: the record was deleted)."""
    signature = "none"
    if signoff.signature or signoff.public_key:
        good = signature_valid(signoff.public_key, signoff.signature, statement(signoff))
        signature = "valid" if good else "invalid"
    if record is None:
        return SignOffCheck(signoff, False, ("the whole record (deleted)",), signature)
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
    return SignOffCheck(signoff, matches, changed, signature)


@dataclass
class Review:
    """Everything review has said of one record: its sign-offs (newest first) and its comments."""

    record: Record
    checks: list[SignOffCheck] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)  # oldest first

    @property
    def verified(self) -> bool:
        """Whether a sign-off still verifies the record."""
        return any(c.counts for c in self.checks)

    @property
    def latest(self) -> SignOffCheck | None:
        """The newest sign-off, checked."""
        return self.checks[0] if self.checks else None

    @property
    def valid(self) -> SignOffCheck | None:
        """The newest sign-off that still verifies the record."""
        return next((c for c in self.checks if c.counts), None)

    @property
    def status(self) -> str:
        """``signed off``, ``changed since sign-off``, ``signature does not match`` or ``not signed off``."""
        if self.verified:
            return SIGNED
        if any(c.signature == "invalid" for c in self.checks):
            return BAD_SIGNATURE
        return CHANGED if self.checks else NOT_SIGNED

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
        """One line: the latest sign-off as checked, or "not signed off"."""
        valid = self.valid
        if valid is not None:
            return valid.describe()
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

    def __init__(self, records: Iterable[Record], signoffs: Iterable[SignOff], comments: Iterable[Comment]):
        self.records = {r.id: r for r in records}
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
            checks = [check_signoff(s, record) for s in self._signoffs.get(record.id, [])]
            review = Review(record, checks, list(self._comments.get(record.id, [])))
            self._reviews[record.id] = review
        return review

    def orphans(self) -> list[SignOffCheck]:
        """Sign-offs of records the store no longer has (deleted since): kept, never counted."""
        return [
            check_signoff(s, None)
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
        if not review.verified:
            add(d, review.status)
    for r in (*reflections, *activities):
        review = book.of(r)
        asked = review.changes_requested
        if asked is not None:
            if r.updated > asked.at:
                add(r, CHANGED_AS_ASKED)
            continue
        if review.verified or review.feedback:
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
    unverified_days: int
    unverified_hours: float

    @property
    def text(self) -> str:
        """``verified 30 days (225 h); not yet 10 days (75 h)``."""
        return (
            f"verified {self.days} days ({self.hours:g} h); "
            f"not yet {self.unverified_days} days ({self.unverified_hours:g} h)"
        )


def verified_totals(book: ReviewBook, days: Iterable[PlacementDay]) -> Verified:
    """The counted days (practice and skills) among ``days``, split into verified and not."""
    yes = [d for d in days if d.kind in COUNTED_DAY_KINDS and book.of(d).verified]
    no = [d for d in days if d.kind in COUNTED_DAY_KINDS and not book.of(d).verified]
    return Verified(len(yes), sum(d.hours for d in yes), len(no), sum(d.hours for d in no))


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
        if not review.checks and not review.comments:
            continue
        where = placement_of(record, placements, days)
        when = getattr(record, "date", None)
        if (asked := review.changes_requested) is not None:
            first.append(QueueItem(record, CHANGES_REQUESTED, when, where))
            open_requests.add(asked.id)
        elif review.checks and not review.verified:
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
    done = [d for d in chosen if book.of(d).verified]
    return [d for d in chosen if not book.of(d).verified], done
