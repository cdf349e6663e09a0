"""First run: a short setup (who you are, where, what you follow), or a sample portfolio to explore.

The app opens this screen when the store has no profile. Start (Ctrl+S) saves the profile, and a
student's placement if one is given (its kind, setting, days and working week filled in from what
the chosen course framework says of such a placement, all editable), then shows the dashboard.
Each sample button opens a demo store built afresh beside the user's own, which is left untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from praxis_socialwork.services.sample_portfolio import SAMPLES
from praxis_socialwork.store import (
    DateError,
    Placement,
    PraxisError,
    Problem,
    Profile,
    ValidationError,
    format_uk,
    parse_date,
    validation,
    vocab,
)
from praxis_socialwork.tui.forms.placement_form import parse_weekdays
from praxis_socialwork.tui.screens.page import PraxisScreen
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.rules import Framework
    from praxis_socialwork.rules.framework import PlacementDefault

ROLE_LABELS = {"student": "Student", "practitioner": "Practitioner", "educator": "Practice educator"}
COUNTRY_LABELS = {
    "england": "England",
    "northern-ireland": "Northern Ireland",
    "scotland": "Scotland",
    "wales": "Wales",
}
# The regulator a registered social worker renews with, and the degree a student is on, by country.
_REGULATOR = {"england": "swe", "northern-ireland": "niscc", "scotland": "sssc", "wales": "scw"}
_DEGREE = {
    "england": "degree-england",
    "northern-ireland": "degree-ni",
    "scotland": "degree-scotland",
    "wales": "degree-wales",
}

# Which message slot a store problem belongs in (the profile's and the placement's field names).
_SLOTS = {
    "name": "name",
    "registered_on": "registered",
    "first_post_on": "first-post",
    "placement-name": "placement-name",
    "placement-start": "placement-start",
    "placement-required_days": "placement-days",
    "placement-planned_end": "placement-start",
    "placement-weekdays": "placement-weekdays",
    "placement-setting": "placement-setting",
}
KIND_LABELS = {"first": "First", "final": "Final", "skills": "Skills days", "other": "Other"}


def suggested_frameworks(role: str, country: str, known: Iterable[str]) -> list[str]:
    """The frameworks someone in ``role`` in ``country`` most likely follows, of those ``known``.

    A student follows their country's degree rules (and the PCF in England); a practitioner or
    practice educator follows their regulator's CPD rules.
    """
    if role == "student":
        ids = [_DEGREE.get(country, "")] + (["pcf"] if country == "england" else [])
    else:
        ids = [_REGULATOR.get(country, "")]
    available = set(known)
    return [fid for fid in ids if fid in available]


def placement_default(frameworks: Iterable[Framework], kind: str) -> tuple[str, PlacementDefault] | None:
    """What the first of ``frameworks`` that says anything of a ``kind`` placement says: its id and
    the default (days, usual setting); None when none of them says."""
    for framework in frameworks:
        for default in framework.placements:
            if default.kind == kind:
                return framework.id, default
    return None


def _framework_order(framework: Framework, role: str, country: str, suggested: set[str]) -> tuple:
    """The suggested frameworks first, then those for this role, then for this country, then by name."""
    return (
        framework.id not in suggested,
        role not in framework.audience,
        framework.country not in ("", country),
        framework.name.lower(),
    )


class SetupScreen(PraxisScreen):
    """Who you are, or explore with a sample portfolio."""

    DEFAULT_CSS = beside(__file__, "setup.tcss")
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+s,f2", "start", "Start", id="setup.start"),
        # The main screens need a profile: until there is one, their keys only say so.
        Binding("d,a,p,r,l", "not_yet", show=False, id="setup.not-yet"),
    ]

    role: reactive[str] = reactive("practitioner", init=False)
    country: reactive[str] = reactive("england", init=False)

    def __init__(self) -> None:
        super().__init__()
        self._suggested: set[str] = set()
        # The defaults last filled in (days, setting): a field still holding one follows the next.
        self._filled: dict[str, str] = {"placement-days": "", "placement-setting": ""}

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        reason = self.session.read_only_reason
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static("Welcome to Praxis", id="setup-title")
            yield Static(
                "Praxis keeps your placement days, CPD and reflections, and shows where you stand. "
                "Tell it who you are (it takes a minute), or explore a sample portfolio first.",
                id="setup-intro",
            )
            if reason:
                yield Static(
                    f"{reason} Setup cannot be saved while the store is read-only; "
                    "you can still explore a sample portfolio.",
                    id="setup-read-only",
                    classes="read-only-banner",
                )
            yield Static("", id="error-general", classes="message")
            with Horizontal(classes="row"):
                yield Label("I am a", classes="label")
                with RadioSet(id="role", compact=True):
                    for role in vocab.ROLES:
                        yield RadioButton(ROLE_LABELS[role], value=role == self.role, id=f"role-{role}")
            with Horizontal(classes="row", id="row-name"):
                yield Label("Name", classes="label")
                yield Input(placeholder="your name", id="name", compact=True)
                yield Static("", id="error-name", classes="message")
            with Horizontal(classes="row"):
                yield Label("Country", classes="label")
                with RadioSet(id="country", compact=True):
                    for country in vocab.COUNTRIES:
                        yield RadioButton(
                            COUNTRY_LABELS[country], value=country == self.country, id=f"country-{country}"
                        )
            with Horizontal(classes="row", id="row-frameworks"):
                yield Label("I follow", classes="label")
                yield SelectionList[str](id="frameworks", compact=True)
            with Horizontal(classes="row", id="row-registered"):
                yield Label("Registered on", classes="label")
                yield Input(placeholder="e.g. 01/08/2023 (optional)", id="registered", compact=True)
                yield Static("", id="error-registered", classes="message")
            with Horizontal(classes="row", id="row-first-post"):
                yield Label("In post from", classes="label")
                yield Input(placeholder="e.g. 06/10/2025 (optional)", id="first-post",
                            compact=True)  # fmt: skip
                yield Static("", id="error-first-post", classes="message")
            with Vertical(id="placement"):
                with Horizontal(classes="row", id="row-placement-name"):
                    yield Label("Placement", classes="label")
                    yield Input(
                        placeholder="e.g. Final placement (optional)", id="placement-name", compact=True
                    )
                    yield Static("", id="error-placement-name", classes="message")
                with Horizontal(classes="row", id="row-placement-kind"):
                    yield Label("Kind", classes="label")
                    with RadioSet(id="placement-kind", compact=True):
                        for kind in vocab.PLACEMENT_KINDS:
                            yield RadioButton(KIND_LABELS[kind], value=kind == "first", id=f"kind-{kind}")
                yield Static("", id="placement-defaults")
                with Horizontal(classes="row", id="row-placement-setting"):
                    yield Label("Setting", classes="label")
                    yield Select(
                        [(s, s) for s in vocab.SETTINGS],
                        prompt="choose (e.g. statutory)",
                        id="placement-setting",
                        compact=True,
                    )
                    yield Static("", id="error-placement-setting", classes="message")
                with Horizontal(classes="row", id="row-placement-start"):
                    yield Label("It starts", classes="label")
                    yield Input(placeholder="e.g. 21/09/2026", id="placement-start", compact=True)
                    yield Static("", id="error-placement-start", classes="message")
                with Horizontal(classes="row", id="row-placement-days"):
                    yield Label("Days needed", classes="label")
                    yield Input(placeholder="e.g. 100", id="placement-days", compact=True, type="integer")
                    yield Static("", id="error-placement-days", classes="message")
                with Horizontal(classes="row", id="row-placement-weekdays"):
                    yield Label("Working days", classes="label")
                    yield Input("mon-fri", placeholder="e.g. mon-thu", id="placement-weekdays", compact=True)
                    yield Static("", id="error-placement-weekdays", classes="message")
            with Horizontal(id="start-row"):
                yield Button(
                    "Start (Ctrl+S)", id="start", variant="primary", compact=True, disabled=bool(reason)
                )
            yield Static(
                "Just looking? Open a sample portfolio; your own store is not touched:", id="samples-intro"
            )
            with Horizontal(id="samples"):
                for which, label in SAMPLES.items():
                    yield Button(label, id=f"sample-{which}", compact=True)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Set up"
        self._show_role()
        self._fill_frameworks()
        for choice in self.query(RadioSet):
            # A radio set starts with its first button highlighted; start on the chosen one, so
            # arrows move from what is shown as chosen (Textual has no public way to say this).
            choice._selected = choice.pressed_index
        self._fill_placement_defaults()
        self._show_weekdays("mon-fri")
        self.query_one("#role", RadioSet).focus()

    # -- role and country ---------------------------------------------------------------------
    @on(RadioSet.Changed, "#role")
    def _role_chosen(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.role = (event.pressed.id or "").removeprefix("role-")

    @on(RadioSet.Changed, "#country")
    def _country_chosen(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.country = (event.pressed.id or "").removeprefix("country-")

    @on(RadioSet.Changed, "#placement-kind")
    def _kind_chosen(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._fill_placement_defaults()

    @on(SelectionList.SelectedChanged, "#frameworks")
    def _frameworks_ticked(self) -> None:
        self._fill_placement_defaults()

    def watch_role(self) -> None:
        self._show_role()
        self._fill_frameworks()
        self._fill_placement_defaults()

    def watch_country(self) -> None:
        self._fill_frameworks()
        self._fill_placement_defaults()

    # -- a student's placement: defaults from the course framework ------------------------------
    def placement_kind(self) -> str:
        """The kind of placement chosen (first, final, skills, other)."""
        pressed = self.query_one("#placement-kind", RadioSet).pressed_button
        return (pressed.id or "").removeprefix("kind-") if pressed is not None else "other"

    def _ticked_frameworks(self) -> list[Framework]:
        known = self.session.catalogue.frameworks
        return [known[fid] for fid in self.query_one("#frameworks", SelectionList).selected if fid in known]

    def _fill_placement_defaults(self) -> None:
        """Fill in the days and setting the ticked course framework gives this kind of placement,
        unless the student has typed their own, and say where they come from."""
        kind = self.placement_kind()
        found = placement_default(self._ticked_frameworks(), kind)
        days, setting = (str(found[1].days), found[1].setting) if found else ("", "")
        typed_days = self.query_one("#placement-days", Input)
        if typed_days.value.strip() in ("", self._filled["placement-days"]):
            typed_days.value = days
            self._filled["placement-days"] = days
        chosen = self.query_one("#placement-setting", Select)
        current = "" if chosen.is_blank() else str(chosen.value)
        if current == self._filled["placement-setting"]:
            if setting:
                chosen.value = setting
            else:
                chosen.clear()
            self._filled["placement-setting"] = setting
        said = self.query_one("#placement-defaults", Static)
        if found:
            fid, default = found
            where = f", usually {default.setting}" if default.setting else ""
            said.update(
                f"From {fid}: a {kind} placement is {default.days} days{where}. Change to fit your course."
            )
        elif kind == "skills":
            said.update("Skills days: log them against this placement. Your course sets how many.")
        else:
            said.update("Your course sets the days; check its handbook.")

    @on(Input.Changed, "#placement-weekdays")
    def _weekdays_typed(self, event: Input.Changed) -> None:
        self.query_one("#row-placement-weekdays").remove_class("-invalid")
        self._show_weekdays(event.value)

    def _show_weekdays(self, text: str) -> None:
        """Read the working days back as they are typed (``Mon, Tue, Wed, Thu``)."""
        try:
            days = parse_weekdays(text)
        except ValueError:
            self._message("placement-weekdays", "")  # said on Start; no scolding mid-word
            return
        self._message("placement-weekdays", ", ".join(d.title() for d in days), hint=True)

    def _show_role(self) -> None:
        """Show what this role is asked: a registration date, or a student's placement."""
        student = self.role == "student"
        self.query_one("#row-registered").display = not student
        self.query_one("#row-first-post").display = not student
        self.query_one("#placement").display = student

    def _fill_frameworks(self) -> None:
        """List the frameworks (this role's first), ticking the likely ones and keeping other ticks."""
        frameworks = self.session.catalogue.frameworks
        listing = self.query_one("#frameworks", SelectionList)
        suggested = set(suggested_frameworks(self.role, self.country, frameworks))
        ticked = (set(listing.selected) - self._suggested) | suggested
        self._suggested = suggested
        ordered = sorted(
            frameworks.values(), key=lambda f: _framework_order(f, self.role, self.country, suggested)
        )
        listing.clear_options()
        width = max((len(f.id) for f in ordered), default=0) + 2
        listing.add_options([Selection(f"{f.id:<{width}}{f.name}", f.id, f.id in ticked) for f in ordered])
        listing.highlighted = 0

    # -- dates as you type --------------------------------------------------------------------
    @on(Input.Changed, "#registered, #first-post, #placement-start")
    def _date_typed(self, event: Input.Changed) -> None:
        """Read a date back as it is typed, so a day-first mix-up shows before saving."""
        slot = event.input.id or ""
        self._message(slot, "")
        self.query_one(f"#row-{slot}").remove_class("-invalid")
        text = event.value.strip()
        if not text:
            return
        try:
            parsed = parse_date(text, today=self.session.today())
        except DateError:
            return  # said on Start; no scolding mid-word
        self._message(slot, format_uk(parsed), hint=True)

    # -- saving -------------------------------------------------------------------------------
    def action_start(self) -> None:
        """Save who you are (and a student's placement), then show the dashboard."""
        if reason := self.session.read_only_reason:
            self.notify(f"{reason} Setup was not saved.", title="Read-only", severity="warning")
            return
        problems, profile, placement = self.read_form()
        if not problems:
            problems = self._save(profile, placement)
        if problems:
            self.show_problems(problems)
            return
        self.app.call_later(self._to_dashboard)

    def _save(self, profile: Profile, placement: Placement | None) -> list[Problem]:
        """Save the profile, then the placement; return why either was refused."""
        try:
            self.session.save_profile(profile)
        except ValidationError as exc:
            return list(exc.problems)
        except PraxisError as exc:
            return [Problem("", str(exc))]
        if placement is None:
            return []
        try:
            self.session.add(placement)
        except ValidationError as exc:
            return [Problem(f"placement-{p.field}", p.message) for p in exc.problems]
        except PraxisError as exc:
            return [Problem("", str(exc))]
        return []

    def read_form(self) -> tuple[list[Problem], Profile, Placement | None]:
        """The profile and placement the form describes, and every problem with them."""
        today = self.session.today()
        student = self.role == "student"
        problems: list[Problem] = []
        slot = "placement-start" if student else "registered"
        text = self.query_one(f"#{slot}", Input).value.strip()
        day = None
        if text:
            try:
                day = parse_date(text, today=today)
            except DateError as exc:
                problems.append(Problem("placement-start" if student else "registered_on", str(exc)))
        first_post = None
        post_text = "" if student else self.query_one("#first-post", Input).value.strip()
        if post_text:
            try:
                first_post = parse_date(post_text, today=today)
            except DateError as exc:
                problems.append(Problem("first_post_on", str(exc)))
        profile = Profile(
            name=self.query_one("#name", Input).value.strip(),
            role=self.role,
            country=self.country,
            frameworks=list(self.query_one("#frameworks", SelectionList).selected),
            registered_on=None if student else day,
            first_post_on=first_post,
        )
        problems += validation.problems(profile, today)
        placement = None
        if student:
            placement, found = self._placement(day, today)
            problems += found
        return problems, profile, placement

    def _placement(self, start: date | None, today: date) -> tuple[Placement | None, list[Problem]]:
        """The placement a student typed (None if none), and what is wrong with it."""
        name = self.query_one("#placement-name", Input).value.strip()
        start_text = self.query_one("#placement-start", Input).value.strip()
        days_text = self.query_one("#placement-days", Input).value.strip()
        if not (name or start_text):  # the days, kind and working week are filled in from defaults
            return None, []
        found: list[Problem] = []
        if not name:
            found.append(Problem("placement-name", "give the placement a name, e.g. Final placement"))
        if not start_text:
            found.append(Problem("placement-start", "when does it start? e.g. 21/09/2026"))
        days = 0
        if not days_text:
            found.append(Problem("placement-required_days", "how many days does it need? e.g. 100"))
        else:
            try:
                days = int(days_text)
            except ValueError:
                found.append(
                    Problem("placement-required_days", f"'{days_text}' is not a whole number of days")
                )
        weekdays: list[str] = []
        try:
            weekdays = parse_weekdays(self.query_one("#placement-weekdays", Input).value)
        except ValueError as exc:
            found.append(Problem("placement-weekdays", str(exc)))
        chosen = self.query_one("#placement-setting", Select)
        placement = Placement(
            name=name,
            start=start,
            required_days=days,
            kind=self.placement_kind(),
            setting="other" if chosen.is_blank() else str(chosen.value),
            weekdays=weekdays,
        )
        if not found and start is not None:
            found = [
                Problem(f"placement-{p.field}", p.message) for p in validation.problems(placement, today)
            ]
        return placement, found

    def show_problems(self, problems: list[Problem]) -> None:
        """Show each problem beside its field (others above the form) and go to the first."""
        for slot in set(_SLOTS.values()):
            self._message(slot, "")
            self.query_one(f"#row-{slot}").remove_class("-invalid")
        general: list[str] = []
        first: str | None = None
        for p in problems:
            slot = _SLOTS.get(p.field)
            if slot is None:
                general.append(p.message if not p.field else str(p))
                continue
            row = self.query_one(f"#row-{slot}")
            error = self.query_one(f"#error-{slot}", Static)
            text = p.message if not row.has_class("-invalid") else f"{error.content}\n{p.message}"
            self._message(slot, text)
            row.add_class("-invalid")
            first = first or slot
        self._message("general", "\n".join(general))
        if first:
            self.query_one(f"#{first}").focus()

    def _message(self, slot: str, text: str, *, hint: bool = False) -> None:
        message = self.query_one(f"#error-{slot}", Static)
        message.update(text)
        message.set_class(hint, "-hint")
        message.display = bool(text)

    async def _to_dashboard(self) -> None:
        """Leave setup for the dashboard (run by the app, as this screen goes away)."""
        app = self.praxis
        if app.screen is self:
            await app.pop_screen()
        app._title()
        if app.current_mode != "dashboard":
            await app.switch_mode("dashboard")

    # -- samples and other keys ----------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        if button == "start":
            self.action_start()
        elif button.startswith("sample-"):
            self.app.call_later(self._open_sample, button.removeprefix("sample-"))

    async def _open_sample(self, which: str) -> None:
        app = self.praxis
        try:
            await app.open_sample(which)
        except (PraxisError, OSError) as exc:
            self.notify(f"The sample could not be opened: {exc}", severity="error")
            return
        profile = app.session.profile()
        who = f"{profile.name}, {SAMPLES[which][0].lower()}{SAMPLES[which][1:]}" if profile else which
        app.notify(
            f"This is a sample portfolio ({who}), rebuilt each time you open it. Your own store is "
            "untouched: quit and open Praxis again to set it up.",
            title="Sample portfolio",
            timeout=12,
        )

    def action_not_yet(self) -> None:
        """The main screens need a profile first."""
        self.notify("Set up first (Ctrl+S to start), or open a sample portfolio.", title="Not yet")
