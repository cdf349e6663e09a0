"""How long a portfolio takes to leave the machine and come back, and to check a review.

A large portfolio: the student sample (placements, days, reflections) plus 1,000 completed CPD
pieces, written as Markdown, HTML and PDF; the bench store (10,000 activities) as a bundle, written
and imported into an empty store; and a review book of 500 days each signed with a key, checked.
"""

from __future__ import annotations

import gc

from bench.context import BenchContext
from bench.generate import activities
from bench.timing import Row, median, timed_ms
from praxis_socialwork.store import Repository, today

PIECES = 1_000
DAYS_SIGNED = 500
RUNS = 3


def portfolio_out(ctx: BenchContext) -> list[Row]:
    """Report (three formats), bundle out and back, and checking signed sign-offs, as rows."""
    return _reports(ctx) + _bundle(ctx) + _signatures(ctx)


def _reports(ctx: BenchContext) -> list[Row]:
    from praxis_socialwork.exports.portfolio import build_portfolio
    from praxis_socialwork.exports.report import write_report
    from praxis_socialwork.rules import Records, load_catalogue
    from praxis_socialwork.services.sample_portfolio import build_sample

    path = ctx.scratch / "portfolio" / "praxis.json"
    now = today(ctx.clock)
    with Repository.open(path, ctx.clock) as repo:
        build_sample(repo, "student", now)
        repo.add_many(
            [a for a in activities(PIECES + 200, seed=11, now=now) if a.status == "complete"][:PIECES]
        )
        catalogue = load_catalogue([], None)
        portfolio = build_portfolio(repo.profile(), Records.read(repo), catalogue, now)
    rows = []
    for ext, name in (("md", "Markdown"), ("html", "HTML"), ("pdf", "PDF")):
        out = path.with_name(f"portfolio.{ext}")
        samples = [timed_ms(lambda out=out: write_report(portfolio, out), collect=True) for _ in range(RUNS)]
        pieces = len(portfolio.cpd)
        rows.append(Row(f"portfolio report, {pieces:,} CPD pieces: {name}", median(samples), "", None))
    gc.collect()
    return rows


def _bundle(ctx: BenchContext) -> list[Row]:
    from praxis_socialwork.exports.bundle import export_bundle, import_bundle

    out = ctx.scratch / "bundle" / "all.praxis.json"
    with Repository.open(ctx.store_path, ctx.clock, read_only=True) as repo:
        wrote = timed_ms(lambda: export_bundle(repo, out), collect=True)
    target = ctx.scratch / "bundle" / "into" / "praxis.json"
    with Repository.open(target, ctx.clock) as fresh:
        read = timed_ms(lambda: import_bundle(fresh, out), collect=True)
    return [
        Row(f"bundle of {ctx.records:,} records: export", wrote, "", None),
        Row(f"bundle of {ctx.records:,} records: import into an empty store", read, "", None),
    ]


def _signatures(ctx: BenchContext) -> list[Row]:
    from datetime import date, timedelta

    from praxis_socialwork.rules.review import ReviewBook
    from praxis_socialwork.store import PlacementDay
    from praxis_socialwork.store.signing import make_signoff, new_key, signature_valid
    from praxis_socialwork.store.trust import Pin, Trust

    educator = new_key(ctx.scratch / "keys", "Jo Educator", "Practice educator")
    start = date(2025, 1, 6)
    days = [
        PlacementDay(id=f"d{n}", placement_id="p", date=start + timedelta(days=n), hours=7.5, note="Visits")
        for n in range(DAYS_SIGNED)
    ]
    at = "2026-11-20T17:00:00+00:00"
    signed = [educator.sign(make_signoff(d, by="Jo Educator", role="Practice educator", at=at)) for d in days]

    confirmed = Trust((Pin(educator.name, educator.public_key, "2026-11-20"),))

    def check() -> None:
        signature_valid.cache_clear()  # every signature checked afresh, as on opening the app
        book = ReviewBook(days, signed, [], confirmed)  # only a confirmed key verifies
        assert len(book.verified_ids()) == DAYS_SIGNED

    took = median([timed_ms(check) for _ in range(RUNS)])
    return [Row(f"check {DAYS_SIGNED} signed sign-offs (hash and Ed25519)", took, "", None)]
