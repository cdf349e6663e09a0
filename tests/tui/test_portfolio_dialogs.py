"""The app's report and bundle dialogs, driven by keys: R opens the report, the palette the bundle.

What they write is read back with independent readers (html5lib, pypdf, json), and what the
person sees before writing (the confidentiality check, problems beside fields) is read off the screen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import html5lib
import pytest
from pypdf import PdfReader
from textual.widgets import Checkbox, Input

from praxis_socialwork.services.sample_portfolio import build_sample
from praxis_socialwork.store import Activity, Repository
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.forms.bundle_dialog import BundleDialog
from praxis_socialwork.tui.forms.report_dialog import ReportDialog
from tests.tui.helpers import from_palette, notified, shown, still

NHS = "943 476 5919"  # a made-up number with a valid check digit


@pytest.fixture(autouse=True)
def _absent_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default export folder is a fixed, absent home."""
    monkeypatch.setenv("HOME", "/nonexistent/praxis-home")
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)


@pytest.fixture
def repo(store_path: Path, clock) -> Iterator[Repository]:
    """The student sample (Alex Sample: placements, days, reflections) in a temp store."""
    with Repository.open(store_path, clock) as opened:
        build_sample(opened, "student", clock.now().date())
        yield opened


@pytest.fixture
def app(repo: Repository, clock) -> PraxisApp:
    return make_app(repo, clock)


async def open_report(pilot) -> ReportDialog:
    await pilot.pause()
    await pilot.press("R")
    await pilot.pause(0.3)
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ReportDialog)
    return dialog


async def settle(pilot) -> None:
    """Wait for the dialog's workers; a check the next keystroke made stale is cancelled, as meant."""
    from textual.worker import WorkerCancelled

    for _ in range(5):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            await pilot.pause()
    await pilot.pause()


async def export(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await settle(pilot)


def html_text(path: Path) -> str:
    tree = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
    return " ".join(" ".join(tree.find("body").itertext()).split())


async def test_r_writes_an_html_report_holding_the_records(
    app: PraxisApp, repo: Repository, tmp_path, store_path: Path
) -> None:
    out = tmp_path / "reports" / "alex.html"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_report(pilot)
        # It opens on a PDF named for the person and the day, in the exports folder beside the store.
        assert dialog.query_one("#output", Input).value == str(
            store_path.parent / "exports" / "portfolio-Alex-Sample-2026-11-22.pdf"
        )
        assert shown(dialog, "#hint-output") == "PDF"
        assert shown(dialog, "#privacy") == "Confidentiality check: none found"
        dialog.query_one("#output", Input).value = str(out)
        await pilot.pause()
        assert shown(dialog, "#hint-output") == "HTML (prints cleanly)"
        await export(pilot)
        assert not isinstance(app.screen, ReportDialog)
        said = notified(app)
        assert any(m.startswith(f"Wrote {out} (HTML") for m in said)
    assert out.stat().st_mode & 0o777 == 0o600
    text = html_text(out)
    assert "Alex Sample" in text
    for placement in repo.placements():
        assert placement.name in text
    for reflection in repo.reflections():
        assert reflection.title in text


async def test_a_range_and_one_framework_narrow_the_pdf(app: PraxisApp, repo: Repository, tmp_path) -> None:
    out = tmp_path / "autumn.pdf"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_report(pilot)
        dialog.query_one("#output", Input).value = str(out)
        dialog.query_one("#from", Input).value = "01/10/2026"
        dialog.query_one("#to", Input).value = "22/11/2026"
        await pilot.pause()
        assert shown(dialog, "#hint-from") == "= Thu 1 Oct 2026"
        boxes = list(dialog.query("#frameworks Checkbox").results(Checkbox))
        assert [b.name for b in boxes] == repo.profile().frameworks
        boxes[-1].focus()
        await pilot.press("space")  # untick the last framework
        await export(pilot)
        assert not isinstance(app.screen, ReportDialog)
    pages = PdfReader(out).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    inside = [r for r in repo.reflections() if date(2026, 10, 1) <= r.date <= date(2026, 11, 22)]
    outside = [r for r in repo.reflections() if r.date < date(2026, 10, 1)]
    assert inside and outside
    assert all(r.title in text for r in inside)
    assert not any(r.title in text for r in outside)
    assert "Only these frameworks are judged" in text


async def test_a_wrong_name_or_date_is_shown_beside_its_field_and_nothing_is_written(
    app: PraxisApp, tmp_path
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_report(pilot)
        dialog.query_one("#output", Input).value = str(tmp_path / "alex.docx")
        dialog.query_one("#to", Input).value = "03/25/2026"
        await pilot.pause()
        assert "end the name in .md, .html or .pdf" in shown(dialog, "#hint-output")
        await export(pilot)
        assert isinstance(app.screen, ReportDialog)  # still open, nothing written
        assert dialog.query_one("#row-output").has_class("-invalid")
        assert dialog.query_one("#row-to").has_class("-invalid")
        assert "03/25/2026" in shown(dialog, "#hint-to")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReportDialog)
    assert list(tmp_path.glob("alex*")) == []


async def test_the_confidentiality_check_warns_before_the_report_but_does_not_stop_it(
    app: PraxisApp, repo: Repository, tmp_path
) -> None:
    app.session.add(
        Activity(date=date(2026, 11, 20), title="Discharge meeting", type="other", hours=1,
                 learning=f"Her NHS number is {NHS}; she lives near LS6 2AB.")
    )  # fmt: skip
    out = tmp_path / "alex.md"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_report(pilot)
        said = shown(dialog, "#privacy")
        assert "2 possible identifiers in 1 record (NHS number, postcode)" in said
        assert "the export still goes ahead" in said
        dialog.query_one("#output", Input).value = str(out)
        await export(pilot)
        assert not isinstance(app.screen, ReportDialog)
        warned = [n for n in app._notifications if n.title == "Check before sharing"]
        assert len(warned) == 1
    assert NHS in out.read_text(encoding="utf-8")  # it warned; the person decides


async def test_the_bundle_from_the_palette_holds_every_record(
    app: PraxisApp, repo: Repository, tmp_path
) -> None:
    out = tmp_path / "moving" / "alex"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await from_palette(pilot, "export: bundle")
        dialog = app.screen
        assert isinstance(dialog, BundleDialog)
        counts = shown(dialog, "#contents")
        assert f"{len(repo.days())} days" in counts and f"{len(repo.reflections())} reflections" in counts
        dialog.query_one("#output", Input).value = str(out) + ".json"
        await export(pilot)
        assert isinstance(app.screen, BundleDialog)  # .json alone is refused: import knows .praxis.json
        assert "alex.praxis.json" in shown(dialog, "#hint-output")
        dialog.query_one("#output", Input).value = str(out)
        await export(pilot)
        assert not isinstance(app.screen, BundleDialog)
    written = out.with_name("alex.praxis.json")
    doc = json.loads(written.read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in doc["days"]) == sorted(d.id for d in repo.days())
    assert sorted(r["id"] for r in doc["reflections"]) == sorted(r.id for r in repo.reflections())
    assert doc["profile"][0]["name"] == "Alex Sample"
    assert written.stat().st_mode & 0o777 == 0o600


async def test_a_report_and_a_bundle_default_to_the_exports_folder_keeping_the_name_readable(
    app: PraxisApp, repo: Repository, store_path: Path
) -> None:
    profile = repo.profile()
    assert profile is not None
    profile.name = "Siân Example"
    repo.save_profile(profile)
    exports = store_path.parent / "exports"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_report(pilot)
        assert dialog.query_one("#output", Input).value == str(
            exports / "portfolio-Siân-Example-2026-11-22.pdf"
        )
        dialog.query_one("#output", Input).value = str(exports / "portfolio-Siân-Example-2026-11-22.md")
        await export(pilot)
        assert not isinstance(app.screen, ReportDialog)
        await from_palette(pilot, "export: bundle")
        bundle = app.screen
        assert isinstance(bundle, BundleDialog)
        assert bundle.query_one("#output", Input).value == str(
            exports / "praxis-Siân-Example-2026-11-22.praxis.json"
        )
        await export(pilot)
        assert not isinstance(app.screen, BundleDialog)
    # The folder is made on the first export; the files keep the name as the person writes it.
    assert sorted(p.name for p in exports.iterdir()) == [
        "portfolio-Siân-Example-2026-11-22.md",
        "praxis-Siân-Example-2026-11-22.praxis.json",
    ]
    assert "Siân Example" in (exports / "portfolio-Siân-Example-2026-11-22.md").read_text(encoding="utf-8")


def test_a_name_keeps_its_letters_and_loses_only_what_a_file_name_cannot_hold() -> None:
    from praxis_socialwork.services.file_names import name_part

    assert name_part("Siân Example") == "Siân-Example"
    assert name_part("Zoë O'Brien-Ní Bhriain") == "Zoë-O'Brien-Ní-Bhriain"
    assert name_part('A/B: "C"?') == "A-B-C"
    assert name_part("  ") == "portfolio"


def _then_still(*keys: str):
    async def run(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.3)
        await settle(pilot)
        still(pilot.app.screen, "Input")
        for widget in pilot.app.screen.query("Input"):
            # The default file is beside the store, in a temporary folder: show it from there on.
            widget.value = widget.value.replace(str(pilot.app.session.repo.path.parent), "~/praxis")
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_report_dialog(snap_compare, app: PraxisApp, size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then_still("R"))
