"""A report carries the practice educator's review: who signed each day off (and whether the
signature was checked), what no longer counts, verified hours, and the comments on records.
Read back with independent readers (markdown-it, html5lib, pypdf)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from praxis_socialwork.exports.portfolio import build_portfolio
from praxis_socialwork.exports.report import render_report
from praxis_socialwork.store import Comment, Placement, PlacementDay, Profile, Reflection, Repository
from praxis_socialwork.store.signing import make_signoff, new_key
from praxis_socialwork.store.trust import pin_key

AT = "2026-11-13T17:00:00+00:00"


@pytest.fixture
def reviewed(store_path: Path, clock, tmp_path: Path) -> Repository:
    """A student's week, three days signed with a key, one edited afterwards, and two comments."""
    educator = new_key(tmp_path / "keys", "Jo Educator", "Practice educator")
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
        p = repo.add(
            Placement(name="Northfield Family Centre", start=date(2026, 9, 14),
                      planned_end=date(2026, 12, 18), required_days=70, setting="statutory", kind="final")
        )  # fmt: skip
        days = [
            repo.add(PlacementDay(placement_id=p.id, date=date(2026, 11, d), hours=7.5, note=f"Visits {d}"))
            for d in (9, 10, 11, 12)
        ]
        for d in days[:3]:
            repo.add(educator.sign(make_signoff(d, by="Jo Educator", role="Practice educator", at=AT)))
        pin_key(repo.path, "Jo Educator", educator.public_key, "2026-11-13")  # the student confirmed it
        repo.update(replace(days[2], hours=10.0))  # changed after sign-off: no longer verified
        r = repo.add(
            Reflection(date=date(2026, 11, 12), title="A visit that went quiet", stages={"text": "…"})
        )
        repo.add(
            Comment(record_id=r.id, record_kind="reflection", by="Jo Educator", role="Practice educator",
                    at="2026-11-13T09:00:00+00:00", text="Say what you did next.", status="changes-requested")
        )  # fmt: skip
        repo.add(
            Comment(record_id=days[0].id, record_kind="day", by="Jo Educator", role="Practice educator",
                    at="2026-11-13T09:05:00+00:00", text="Well recorded.")
        )  # fmt: skip
    return Repository.open(store_path, clock, read_only=True)


def _portfolio(repo: Repository, clock):
    from praxis_socialwork.rules import Records, load_catalogue

    return build_portfolio(repo.profile(), Records.read(repo), load_catalogue([], None), clock.now().date())


def _table_rows(text: str) -> list[list[str]]:
    """Every table row of a Markdown document as its cells' text (an empty cell is "")."""
    rows: list[list[str]] = []
    cell: str | None = None
    for t in MarkdownIt("commonmark").enable("table").parse(text):
        if t.type == "tr_open":
            rows.append([])
        elif t.type in ("td_open", "th_open"):
            cell = ""
        elif t.type == "inline" and cell is not None:
            cell += t.content
        elif t.type in ("td_close", "th_close"):
            rows[-1].append(cell or "")
            cell = None
    return rows


def _words(text: str) -> str:
    return " ".join(text.split())


def test_markdown_register_says_who_signed_and_what_no_longer_counts(reviewed, clock) -> None:
    text = render_report(_portfolio(reviewed, clock), "Markdown").decode()
    cells = _table_rows(text)
    signed = {r[0]: r[-1] for r in cells if len(r) == 7 and r[0].startswith(("Mon", "Tue", "Wed", "Thu"))}
    key = reviewed.trust().pins[0].fingerprint
    assert signed == {
        "Mon 9 Nov 2026": f"Jo Educator, 13 Nov 2026 (signature verified, key {key})",
        "Tue 10 Nov 2026": f"Jo Educator, 13 Nov 2026 (signature verified, key {key})",
        "Wed 11 Nov 2026": "changed since sign-off",
        "Thu 12 Nov 2026": "",
    }
    plain = _words(text)
    assert "Signed off and verified: 2 of 4 days; verified 15 hours of 32.5 hours counted" in plain
    assert (
        "Jo Educator (Practice educator), Fri 13 Nov 2026, asks for changes: Say what you did next." in plain
    )
    assert "Mon 9 Nov 2026: Jo Educator (Practice educator), Fri 13 Nov 2026: Well recorded." in plain


def test_html_and_pdf_carry_the_same_review(reviewed, clock) -> None:
    portfolio = _portfolio(reviewed, clock)
    tree = html5lib.parse(render_report(portfolio, "HTML"), namespaceHTMLElements=False)
    feedback = [_words(" ".join(s.itertext())) for s in tree.iter("section") if s.get("class") == "feedback"]
    assert any("asks for changes: Say what you did next." in f for f in feedback)
    assert any("Well recorded." in f for f in feedback)
    rows = [[_words(" ".join(td.itertext())) for td in tr.findall("td")] for tr in tree.iter("tr")]
    assert ["Wed 11 Nov 2026", "3", "Practice", "10", "Yes", "Visits 11", "changed since sign-off"] in rows

    pdf = Path(reviewed.path).with_name("r.pdf")
    pdf.write_bytes(render_report(portfolio, "PDF"))
    text = _words(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "signature verified" in text and "changed since sign-off" in text
    assert "Say what you did next." in text and "verified 15 hours of 32.5 hours counted" in text


@pytest.fixture
def commented(store_path: Path, clock, tmp_path: Path) -> Repository:
    """A week signed off together with a comment, a day signed alone with one, and a reflection."""
    from praxis_socialwork.store.signing import Educator, sign_off_all

    jo = Educator("Jo Educator", "Practice educator", tmp_path / "none")
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
        p = repo.add(
            Placement(name="Northfield Family Centre", start=date(2026, 9, 14), required_days=70,
                      setting="statutory", kind="final")
        )  # fmt: skip
        days = [
            repo.add(PlacementDay(placement_id=p.id, date=date(2026, 11, d), hours=7.5, note=f"Visits {d}"))
            for d in (9, 10, 11, 12)
        ]
        r = repo.add(Reflection(date=date(2026, 11, 12), title="A quiet visit", stages={"text": "…"}))
        repo.add_many(sign_off_all(days[:3], jo, AT, "Good first week: visits well recorded."))
        repo.add_many(sign_off_all([days[3]], jo, "2026-11-14T10:00:00+00:00", "Thorough case notes."))
        repo.add_many(sign_off_all([r], jo, "2026-11-14T10:05:00+00:00", "Honest about what went wrong."))
    return Repository.open(store_path, clock, read_only=True)


def test_sign_off_comments_are_beside_the_days_and_records_they_concern(commented, clock) -> None:
    portfolio = _portfolio(commented, clock)
    week = (
        "Mon 9 Nov 2026 – Wed 11 Nov 2026 (3 days): Signed off by Jo Educator (Practice educator), "
        "Fri 13 Nov 2026: Good first week: visits well recorded."
    )
    jo = "Signed off by Jo Educator (Practice educator), Sat 14 Nov 2026"
    day = f"Thu 12 Nov 2026: {jo}: Thorough case notes."
    on_reflection = f"{jo}: Honest about what went wrong."

    # Markdown: the register's feedback list follows its table, before the signature box; the batch once.
    text = render_report(portfolio, "Markdown").decode()
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    items = [t.content for t in tokens if t.type == "inline"]
    assert items.count(week) == 1 and day in items
    register_at = next(i for i, t in enumerate(items) if t == "Northfield Family Centre")
    signature_at = next(i for i, t in enumerate(items) if t == "Practice educator" and i > register_at)
    assert register_at < items.index(week) < items.index(day) < signature_at
    reflection_at = items.index("A quiet visit", signature_at)
    assert items.index(on_reflection) > reflection_at

    # HTML: the same lines in the register's and the reflection's feedback sections.
    tree = html5lib.parse(render_report(portfolio, "HTML"), namespaceHTMLElements=False)
    lines = [_words(" ".join(li.itertext())) for s in tree.iter("section") if s.get("class") == "feedback"
             for li in s.iter("li")]  # fmt: skip
    assert week in lines and day in lines and on_reflection in lines

    # PDF: read back with pypdf.
    pdf = Path(commented.path).with_name("c.pdf")
    pdf.write_bytes(render_report(portfolio, "PDF"))
    words = _words(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "Good first week: visits well recorded." in words and "Thorough case notes." in words
    assert "Honest about what went wrong." in words and "Wed 11 Nov 2026 (3 days)" in words
