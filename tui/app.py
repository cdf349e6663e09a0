"""The full-screen app: a dashboard, activities, placements and reflections, over one open store.

``make_app`` builds it; the command line and the tests both call it. Screens never touch the store:
they go through the app's ``Session`` (records in memory, findings, undo).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from praxis_socialwork.store import Clock, PraxisError, today
from praxis_socialwork.tui.keymap import binding_ids, load_keymap, unknown_ids
from praxis_socialwork.tui.screens.page import COPY_FOR_FORM_HINT, PAGES, REVIEW_PAGE, Page, page_key

if TYPE_CHECKING:
    from praxis_socialwork.rules import Catalogue, Finding
    from praxis_socialwork.services.dashboard_data import DashboardData
    from praxis_socialwork.services.session import Session
    from praxis_socialwork.store import Repository
    from praxis_socialwork.store.signing import Educator
    from praxis_socialwork.store.trust import NewKey


def _dashboard() -> Screen:
    from praxis_socialwork.tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


def _activities() -> Screen:
    from praxis_socialwork.tui.screens.activities import ActivitiesScreen

    return ActivitiesScreen()


def _placements() -> Screen:
    from praxis_socialwork.tui.screens.placements import PlacementsScreen

    return PlacementsScreen()


def _reflections() -> Screen:
    from praxis_socialwork.tui.screens.reflections import ReflectionsScreen

    return ReflectionsScreen()


def _review() -> Screen:
    from praxis_socialwork.tui.screens.review import ReviewScreen

    return ReviewScreen()


OPEN_DELAY = 0.15  # seconds after start before the store is read, when a cached dashboard shows
WATCH_EVERY = 2.0  # seconds between looks for saves made by a command while the app is open


class PraxisApp(App[None]):
    """Praxis: log learning, placement days and reflections; see where you stand."""

    TITLE = "Praxis"
    # The dashboard shows first, so its stylesheet is read with the app's; the other screens' are
    # read when each first shows (see tui/stylesheets.py).
    CSS_PATH = ["app.tcss", "screens/dashboard.tcss"]
    DEFAULT_MODE = "dashboard"
    MODES = {
        "dashboard": _dashboard,
        "activities": _activities,
        "placements": _placements,
        "reflections": _reflections,
        "review": _review,
    }
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("q", "quit", "Quit", id="quit.q"),
        *(
            Binding(key, f"view('{page}')", label, show=False, id=f"view.{page}")
            for page, label, key in (*PAGES, REVIEW_PAGE)
        ),
        Binding("u,ctrl+z", "undo", "Undo", id="undo"),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False, id="redo"),
        Binding("l", "log_day", "Log day", id="log-day"),
        Binding("E", "export_calendar", "Export calendar", show=False, id="export.calendar"),
        Binding("R", "export_report", "Export report", show=False, id="export.report"),
        Binding("I", "import_file", "Import a file", show=False, id="import"),
        Binding("f1,question_mark", "help", "Keys", id="help"),
        Binding("ctrl+p,colon", "command_palette", "Actions", show=False, id="palette"),
    ]

    def __init__(
        self,
        session: Session | None,
        clock: Clock,
        store_path: Path | None = None,
        reviewer: Educator | None = None,
    ) -> None:
        # Reviewing (praxis review): a practice educator signs off and comments; the queue shows first.
        self.reviewer = reviewer
        if reviewer is not None:
            self.DEFAULT_MODE = "review"  # read as the app is made
            if session is not None:
                session.reviewer = reviewer
        super().__init__()
        self.clock = clock
        self._session = session
        self.store_path = session.repo.path if session else store_path
        self.keymap: dict[str, str] = {}  # binding id -> keys, as keys.toml remaps them
        self.keymap_problems: list[str] = []
        self.preview: DashboardData | None = None  # the cached dashboard shown while the store opens
        self.open_problem: PraxisError | None = None
        self._owns_store = session is None  # opened here, so closed here when the app ends
        self._pending: str | None = None  # a key pressed while the store was still opening
        self.crash: BaseException | None = None  # an error nothing expected, which ended the app
        self.crash_log: str | None = None  # where its details were written

    @property
    def shows_review(self) -> bool:
        """Whether the Review tab shows: reviewing, or the store holds sign-offs or comments."""
        if self.reviewer is not None:
            return True
        if self._session is None:
            return False
        return bool(self._session.signoffs() or self._session.comments())

    @property
    def uses_placements(self) -> bool:
        """Whether the placement keys (``l`` in the footer, F1 and the palette) and the Placements tab
        show: for a student or a practice educator, and for a practitioner once there is a placement."""
        profile = self._session.profile() if self._session is not None else None
        if profile is None or profile.role != "practitioner":
            return True
        return bool(self._session.placements()) if self._session is not None else True

    @property
    def is_open(self) -> bool:
        """Whether the store is open (it opens in the background when the app starts from the CLI)."""
        return self._session is not None

    def dashboard(self) -> DashboardData:
        """Work out the dashboard for the open store now, and keep it for a fast next start."""
        return self.dashboard_for(self.session)

    async def show_records(self, ids: list[str], label: str) -> None:
        """Open the screen that holds these records, showing only them."""
        from praxis_socialwork.store import Activity, Placement, PlacementDay, Reflection
        from praxis_socialwork.tui.messages import ShowRecords

        first = next((r for r in map(self.session.find, ids) if r is not None), None)
        if first is None:
            self.notify("Those records are no longer in the store.", severity="warning")
            return
        placement_id = (
            first.placement_id
            if isinstance(first, PlacementDay)
            else first.id
            if isinstance(first, Placement)
            else ""
        )
        mode = {Activity: "activities", Reflection: "reflections"}.get(type(first), "placements")
        await self.switch_mode(mode)
        self.screen.post_message(ShowRecords(frozenset(ids), label, placement_id))

    def dismiss_missed(self, finding: Finding) -> None:
        """Stop showing a missed period on the dashboard and in ``praxis gaps`` (the person has dealt
        with it); anything else is not dismissed, and the person is told why."""
        from praxis_socialwork.rules import missed_key

        if finding.status != "missed":
            self.notify("Only a missed period can be dismissed: this one can still be met.")
            return
        if self.read_only_reason:
            self.notify(self.read_only_reason, severity="warning")
            return
        self.session.dismiss_missed([missed_key(finding)])
        self.notify(
            f"Dismissed the missed period: {finding.title}. To show it again: praxis gaps --undismiss "
            f"{missed_key(finding)}",
            title="Dismissed",
        )
        self.records_changed()

    async def close_gap(self, finding: Finding) -> None:
        """Open a new record prefilled to close ``finding`` (a CPD piece, a day, a reflection)."""
        from praxis_socialwork.tui.gap_closing import form_for

        if self.read_only_reason:
            self.notify(self.read_only_reason, severity="warning")
            return
        opened = form_for(self, finding)
        if opened is None:
            self.notify("Nothing to add here: this is judged from what you already record.")

    # -- the store ----------------------------------------------------------------------------
    @property
    def session(self) -> Session:
        """The open store (there always is one once the app is running)."""
        if self._session is None:
            raise PraxisError("No store is open yet.")
        return self._session

    @property
    def read_only_reason(self) -> str | None:
        """Why the open store cannot be changed (shown as a banner on every screen), or None."""
        return self._session.read_only_reason if self._session else None

    async def use_session(self, session: Session) -> None:
        """Switch to another open store (the sample portfolio, or the user's own after setup)."""
        old = self._session
        self._session = session
        await self.switch_mode("dashboard") if self.current_mode != "dashboard" else None
        for mode in list(self.MODES):
            if mode != self.current_mode:
                await self.remove_mode(mode)
                self.add_mode(mode, self.MODES[mode])
        self._title()
        current = self.screen
        if isinstance(current, Page):
            await current.recompose()
            current.records_changed()
        if old is not None and old is not session:
            old.repo.close()

    def _title(self) -> None:
        from praxis_socialwork.services.sample_portfolio import is_sample

        profile = self._session.profile() if self._session else None
        if profile is not None:
            sample = "SAMPLE · " if self._session and is_sample(self._session.repo.path) else ""
            self.sub_title = f"{sample}{profile.name} · {profile.role}".strip(" ·")
        if self.reviewer is not None:
            whose = f"{profile.name}'s portfolio" if profile is not None else "a portfolio"
            self.sub_title = f"REVIEWING {whose} · as {self.reviewer.name}"

    async def open_sample(self, which: str) -> None:
        """Open a sample portfolio, built afresh in a ``samples`` folder beside the user's store.

        The user's own store is not changed (it is closed, as any store is when another replaces
        it). Raises ``PraxisError`` if the sample cannot be built.
        """
        from praxis_socialwork.services.sample_portfolio import open_sample, sample_path
        from praxis_socialwork.services.session import Session
        from praxis_socialwork.tui.screens.setup import SetupScreen

        repo = open_sample(sample_path(self.session.repo.path, which), which, self.clock)
        if isinstance(self.screen, SetupScreen):
            await self.pop_screen()
        await self.use_session(Session(repo, self.clock, self.session.catalogue))

    # -- an error nothing expected -------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an unhandled error (private: checked on upgrade). Its details go to
        # errors.log, as a command's do; the person sees a sentence once the terminal is restored.
        if self.crash is None:
            from praxis_socialwork.services.crash_log import log_crash

            self.crash, self.crash_log = error, log_crash(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Instead of Textual's traceback on the terminal: the sentence is printed by run_full_screen.
        self.bell()
        self._close_messages_no_wait()

    # -- starting -----------------------------------------------------------------------------
    def on_mount(self) -> None:

        self.keymap, self.keymap_problems = load_keymap()
        if self.keymap:
            self.set_keymap(self.keymap)
            self.call_after_refresh(self._show_remapped_keys)
            self._check_keymap_ids()
        for problem in self.keymap_problems:
            self.notify(problem, title="Key map not used", severity="warning", timeout=10, markup=False)
        if self._session is not None:
            self._start()
            return
        # Started from the command line: the dashboard was painted from the last one worked out,
        # if still right for the store on disk, while the store (10,000 records: a quarter of a
        # second) opens in the background. With no usable cache, "Opening…" shows meanwhile.
        if self.preview is None:
            from praxis_socialwork.tui.screens.opening import OpeningScreen

            assert self.store_path is not None
            self.push_screen(OpeningScreen(self.store_path))
        # Start reading once the first screen has reached the terminal: reading 10,000 records
        # holds Python's lock for tens of milliseconds, which would hold up Textual's writer.
        if self.preview is not None:
            self.set_timer(OPEN_DELAY, self._open_store)
        else:
            self.call_after_refresh(self._open_store)

    @work(thread=True, group="keymap")
    def _check_keymap_ids(self) -> None:
        # Knowing every id means importing every screen (about 0.4 s): not in the way of starting.
        problems = unknown_ids(self.keymap, binding_ids())
        if problems and self.is_running:
            try:
                self.call_from_thread(self._unknown_keymap_ids, problems)
            except RuntimeError:  # the app closed meanwhile: nobody to tell
                pass

    def _unknown_keymap_ids(self, problems: list[str]) -> None:
        self.keymap_problems += problems
        for problem in problems:
            self.notify(problem, title="Key map entry not used", severity="warning", timeout=10, markup=False)

    def _refresh_notifications(self) -> None:
        # Textual 8 removes a toast that has gone but leaves its holder, a blank line in the rack. Over
        # a dialog the rack is a band the dialog is laid out below (app.tcss), so drop those holders
        # or the band grows with every toast. (Private to Textual: checked on upgrade.)
        super()._refresh_notifications()
        self.call_later(self._drop_gone_toasts)

    def _drop_gone_toasts(self) -> None:
        from textual.widgets._toast import ToastHolder, ToastRack

        if not isinstance(self.screen, ModalScreen):
            return
        live = {ToastRack._toast_id(n) for n in self._notifications}
        for holder in self.screen.query(ToastHolder):
            if holder.id not in live:
                holder.remove()

    def _show_remapped_keys(self) -> None:
        """Name the remapped keys on the tabs of the screens made before keys.toml was read."""
        from praxis_socialwork.tui.screens.page import PageTabs

        for screen in self.screen_stack:
            for tabs in screen.query(PageTabs):
                tabs.show_keys()

    def on_unmount(self) -> None:
        if self._owns_store and self._session is not None:
            self._session.repo.close()

    def _start(self) -> None:
        self._title()
        self.set_interval(WATCH_EVERY, self._watch_store, name="watch-store")
        if self.session.profile() is None and self.reviewer is None:
            from praxis_socialwork.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen())

    @work(thread=True, exclusive=True, group="open-store")
    def _open_store(self) -> None:
        assert self.store_path is not None
        from praxis_socialwork.store import Repository
        from praxis_socialwork.store.locking import WRITE_WAIT

        try:
            repo = Repository.open(self.store_path, self.clock, shared=True, wait=WRITE_WAIT)
        except PraxisError as exc:
            self.call_from_thread(self._cannot_open, exc)
            return
        from praxis_socialwork.services.session import Session

        session = Session(repo, self.clock)
        session.reviewer = self.reviewer
        session.load_everything()
        data = None
        if session.profile() is not None:
            data = self.dashboard_for(session)
        # Checking every signature is work for this thread, not the one drawing the screen.
        waiting = session.new_keys() if session.reviewer is None else []
        self.call_from_thread(self._opened, session, data, waiting)

    def dashboard_for(self, session: Session) -> DashboardData:
        """Work out (and cache) the dashboard for ``session`` (from a worker thread at start)."""
        from praxis_socialwork.services.dashboard_data import DashboardCache, build

        data = build(session)
        if not session.repo.read_only and session.profile() is not None:
            DashboardCache(session.repo.path).save(data)
        return data

    def _opened(self, session: Session, data: DashboardData | None, waiting: list[NewKey]) -> None:
        # The records read at start stay for the whole run: move them out of the collector's
        # way, so its passes do not walk 10,000 records again and again.
        gc.freeze()
        self._session = session
        if self.preview is not None:
            self.preview.pending = None  # drawn afresh from the store now: its ids are not wanted
        from praxis_socialwork.tui.screens.opening import OpeningScreen

        if isinstance(self.screen, OpeningScreen):
            self.pop_screen()
        self._start()
        screen = self.screen
        if isinstance(screen, Page):
            screen.banner()
            screen.show_tabs()
            screen.store_opened(data)
        if self._pending and session.profile() is not None:
            self.call_later(self.run_action, self._pending)
        self._pending = None
        self._tell_of_keys(session, waiting)

    def _tell_of_keys(self, session: Session, waiting: list[NewKey]) -> None:
        """Say at start when the trust file is damaged or signing keys wait for confirmation."""
        if session.reviewer is not None:
            return
        if session.trust_problem:
            self.notify(session.trust_problem, title="No signature counts as verified", severity="error")
            return
        if other := sorted({k.name for k in waiting if k.other_key}):
            self.notify(
                f"A key that is not the one you confirmed signed as {', '.join(other)}: those sign-offs "
                "are not counted. Ask them whether they made a new key (Ctrl+P, then 'keys: confirm').",
                title="Another key under your educator's name",
                severity="error",
                timeout=12,
            )
        if new := sorted({k.name for k in waiting if not k.other_key}):
            names = ", ".join(new)
            self.notify(
                f"Signing keys from {names} wait for you to confirm their fingerprints; until then "
                "their sign-offs are not verified. Ctrl+P, then 'keys: confirm'.",
                title="Keys to confirm",
                severity="warning",
                timeout=12,
            )

    def _cannot_open(self, problem: PraxisError) -> None:
        from praxis_socialwork.tui.screens.opening import CannotOpenScreen

        self.open_problem = problem
        if len(self.screen_stack) > 1:
            self.switch_screen(CannotOpenScreen(problem))
        else:
            self.push_screen(CannotOpenScreen(problem))

    def _watch_store(self) -> None:
        if self._session is not None and self._session.repo.changed_elsewhere():
            self._read_in_changes()

    @work(thread=True, exclusive=True, group="read-in")
    def _read_in_changes(self) -> None:
        if self._session is not None and self._session.read_in_changes():
            self.call_from_thread(self._changed_elsewhere)

    def _changed_elsewhere(self) -> None:
        self.notify("Changes saved by another copy of Praxis (a command) are shown now.", title="Updated")
        self.records_changed()

    def reopen(self) -> None:
        """Try opening the store again (after restoring a backup)."""
        self.open_problem = None
        self._open_store()

    # -- actions ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys that act on records until there is an open, set-up store to act on."""
        if action in ("undo", "redo", "log_day"):
            if not self.is_open or self.session.profile() is None:
                return False
            return action != "log_day" or self.uses_placements
        return True

    async def action_view(self, page: str) -> None:
        """Open one of the main screens (as soon as the store is open, if it is still opening)."""
        if not self.is_open:
            self._pending = f"view('{page}')"
            return
        if self.current_mode != page or len(self.screen_stack) > 1:
            await self.switch_mode(page)

    def action_undo(self) -> None:
        """Take back the newest change, wherever it was made."""
        self._step("undo", "Undo")

    def action_redo(self) -> None:
        """Do again the change undo last took back, wherever it was made."""
        self._step("redo", "Redo")

    def _step(self, way: str, title: str) -> None:
        if not self.is_open:
            return
        try:
            message = getattr(self.session, way)()
        except PraxisError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.notify(message, title=title)
        self.records_changed()

    def records_changed(self) -> None:
        """Tell the screen on top that records changed, so it shows them as they are."""
        if isinstance(self.screen, Page):
            self.screen.records_changed()

    def action_log_day(self) -> None:
        """Log a placement day: today, the usual hours, one more key to save."""
        from praxis_socialwork.tui.forms.day_form import open_log_day

        if not self.is_open:
            self._pending = "log_day"
            return
        open_log_day(self)

    def action_export_calendar(self) -> None:
        """Open the calendar export dialog (an .ics file of placements, sessions and deadlines)."""
        from praxis_socialwork.tui.forms.export_dialog import ExportDialog

        if not self.is_open or self.session.profile() is None:
            self.notify("There is no store with a profile to export yet.", severity="warning")
            return
        if not isinstance(self.screen, ExportDialog):
            self.push_screen(ExportDialog(self.session))

    def _exportable(self, doing: str = "export") -> bool:
        if not self.is_open or self.session.profile() is None:
            self.notify(f"There is no store with a profile to {doing} yet.", severity="warning")
            return False
        return not isinstance(self.screen, ModalScreen)

    def action_export_report(self) -> None:
        """Open the portfolio report dialog (a PDF, HTML or Markdown file of the whole portfolio)."""
        from praxis_socialwork.tui.forms.report_dialog import ReportDialog

        if self._exportable():
            self.push_screen(ReportDialog(self.session))

    def action_import_file(self) -> None:
        """Open the import dialog (a bundle, a calendar or a CSV file; one undo takes it back)."""
        from praxis_socialwork.tui.forms.import_dialog import ImportDialog

        if self.read_only_reason:
            self.notify(self.read_only_reason, severity="warning")
        elif self._exportable("import into"):
            self.push_screen(ImportDialog(self.session), self._imported)

    def _imported(self, lines: list[str] | None) -> None:
        if lines is not None:
            self.records_changed()
            if self.session.reviewer is None:
                self.confirm_keys(quiet=True)

    def action_confirm_keys(self) -> None:
        """Show each signing key not yet confirmed, with its fingerprint, and ask whether to trust it."""
        if not self.is_open:
            return
        if self.session.reviewer is not None:
            self.notify("In review mode your own key is the one trusted.", severity="warning")
        elif self.read_only_reason:
            self.notify(self.read_only_reason, severity="warning")
        else:
            self.confirm_keys()

    @work(exclusive=True, group="confirm-keys")
    async def confirm_keys(self, *, quiet: bool = False) -> None:
        """Ask, key by key, whether the fingerprint is the educator's (trust on first use); with none
        waiting, say so unless ``quiet``."""
        from praxis_socialwork.tui.widgets.confirm import Confirm

        waiting = self.session.new_keys()
        if not waiting:
            if not quiet:
                self.notify("No signing key waits for confirmation: every key that signed here is confirmed.")
            return
        for key in waiting:
            if key.other_key:
                question = (
                    f"{key.name} signed {key.records} record(s) with key\n\n    {key.fingerprint}\n\n"
                    f"which is NOT the key you confirmed as {key.name}'s. Those sign-offs are not counted. "
                    "Trust it only if they told you themselves that they made a new key."
                )
            else:
                question = (
                    f"{key.name} signed {key.records} record(s) with key\n\n    {key.fingerprint}\n\n"
                    f"Check this fingerprint with {key.name} in person or by phone (they see theirs with "
                    "'praxis keys show'). Trust it as theirs? From then on only this key counts for them."
                )
            if await self.push_screen_wait(Confirm(question, yes="Trust this key", no="Not now")):
                self.session.pin_key(key.name, key.key)
                self.notify(f"{key.fingerprint} is now trusted as {key.name}'s key: their sign-offs verify.")
            else:
                self.notify(
                    f"Not trusted yet: {key.name}'s sign-offs stay unverified (Ctrl+P, 'keys: confirm')."
                )
        self.records_changed()

    def action_export_bundle(self) -> None:
        """Open the bundle dialog (every record and the profile in one .praxis.json file)."""
        from praxis_socialwork.tui.forms.bundle_dialog import BundleDialog

        if self._exportable():
            self.push_screen(BundleDialog(self.session))

    def action_copy_for_form(self) -> None:
        """Copy the highlighted CPD piece for the regulator's form (on the Activities screen)."""
        if isinstance(self.screen, Page):
            self.screen.action_copy_for_form()
        else:
            self.notify(COPY_FOR_FORM_HINT, title="Copy for form")

    def action_help(self) -> None:
        """Show every key that works here."""
        from praxis_socialwork.tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action by name, for the command palette (Ctrl+P or :)."""
        for page, label, _ in (*PAGES, REVIEW_PAGE):
            opens = f"Open {label} ({page_key(self, page)})"
            yield SystemCommand(f"view: {label.lower()}", opens, self._run(f"view('{page}')"))
        if self.uses_placements:
            yield SystemCommand("log: placement day", "Log today at a placement (l)", self.action_log_day)
        yield SystemCommand("export: calendar (.ics)", "Calendar file (E)", self.action_export_calendar)
        yield SystemCommand(
            "export: portfolio report (.pdf, .html, .md)", "Your portfolio (R)", self.action_export_report
        )
        yield SystemCommand(
            "export: bundle (.praxis.json)", "Every record, to move or keep", self.action_export_bundle
        )
        yield SystemCommand(
            "import: file (.csv, .ics, .praxis.json)",
            "Bring records in; u undoes it (I)",
            self.action_import_file,
        )
        yield SystemCommand(
            "copy: CPD piece for the regulator's form",
            "The highlighted activity, field by field (y on Activities)",
            self.action_copy_for_form,
        )
        yield SystemCommand(
            "keys: confirm an educator's signing key",
            "Check a fingerprint, then trust the key (trust on first use)",
            self.action_confirm_keys,
        )
        yield SystemCommand("edit: undo", "Take back the last change (u, Ctrl+Z)", self.action_undo)
        yield SystemCommand("edit: redo", "Do again what undo took back (Ctrl+Y)", self.action_redo)
        yield SystemCommand("help: keys", "List every key (F1)", self.action_help)
        if isinstance(screen, Page):
            for title, help_text, action in screen.palette_commands():
                yield SystemCommand(title, help_text, self._run(action, screen))
        yield from super().get_system_commands(screen)

    def _run(self, action: str, node: Screen | None = None):
        async def run() -> None:
            await self.run_action(action, node)

        return run


def make_app(
    repo: Repository, clock: Clock, catalogue: Catalogue | None = None, *, reviewer: Educator | None = None
) -> PraxisApp:
    """Build the app on an open store; the command line and the tests both call this.

    With ``reviewer`` it opens as that practice educator reviewing: the review queue first, and only
    sign-offs and comments are saved.
    """
    from praxis_socialwork.services.session import Session

    return PraxisApp(Session(repo, clock, catalogue), clock, reviewer=reviewer)


def make_app_for(store_path: Path, clock: Clock, *, reviewer: Educator | None = None) -> PraxisApp:
    """Build the app for the store at ``store_path``, which it opens in the background as it starts.

    A damaged or too-new store shows what is wrong and how to restore it; it never starts empty.
    """
    from praxis_socialwork.services.dashboard_data import DashboardCache

    app = PraxisApp(None, clock, store_path, reviewer=reviewer)
    if reviewer is None:  # the cached dashboard is the student's own first screen
        # The ids behind each finding are read just after the first paint (DashboardScreen).
        app.preview = DashboardCache(store_path).load(today(clock), records=False)
    return app
