"""The dashboard: where you stand against each framework, what is due next, and recent hours.

One panel per framework lists the gap engine's findings, coloured by status, with a bar for
have/need, the plain message and the pace needed. Enter on a finding shows the records behind it;
``n`` opens a new record prefilled to close it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from praxis_socialwork.services.dashboard_data import DashboardData, Deadline, Upcoming
from praxis_socialwork.store import format_uk
from praxis_socialwork.tui.screens.page import Page

if TYPE_CHECKING:
    from praxis_socialwork.rules import Finding

LABELS = {"missed": "MISSED", "gap": "GAP", "at_risk": "AT RISK", "on_track": "ON TRACK", "met": "MET",
          "info": "INFO"}  # fmt: skip
COLOURS = {
    "missed": "$error",
    "gap": "$error",
    "at_risk": "$warning",
    "on_track": "$accent",
    "met": "$success",
    "info": "$text-muted",
}
BAR = 12
STATUS_WIDTH = 9
SIDE_WIDTH = 34
NARROW = 96
REST_AFTER = 0.05  # seconds after mounting that a long list gets the rest of its findings
FIRST_OPTIONS = 40  # findings in a list drawn before the first paint: more than a screen holds


def bar(have: float, need: float, colour: str, width: int = BAR) -> str:
    """A have/need bar as markup: full blocks for what is done, shaded for what is left."""
    share = 0.0 if need <= 0 else min(1.0, max(0.0, have / need))
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    rest = width - full - (1 if partial else 0)
    return f"[{colour}]{'█' * full}{partial}[/][$text-muted]{'░' * rest}[/]"


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _wrapped(text: str, width: int, style: str = "") -> list[str]:
    lines = textwrap.wrap(text, max(10, width)) or [""]
    return [f"[{style}]{escape(line)}[/]" if style else escape(line) for line in lines]


def finding_markup(f: Finding, width: int) -> str:
    """How one finding reads in ``width`` columns: status, then title, bar and the engine's sentence
    indented under it (wrapped here, as option lists cannot hang an indent)."""
    colour = COLOURS.get(f.status, "$text")
    label = LABELS.get(f.status, f.status.upper())
    body_width = width - STATUS_WIDTH
    title = f.title + (f" · {f.placement}" if f.placement else "")
    lines = _wrapped(title, body_width, "b")
    if f.need:
        lines.append(f"{bar(f.have, f.need, colour)} {_number(f.have)}/{_number(f.need)}")
    lines += _wrapped(f.message, body_width)
    pad = " " * STATUS_WIDTH
    first = f"[b {colour}]{label:<{STATUS_WIDTH - 1}}[/] "
    return "\n".join((first if i == 0 else pad) + line for i, line in enumerate(lines))


def review_markup(lines: list[tuple[str, str]]) -> str:
    """What review has said, one line each; changes asked for in the warning colour (v opens Review)."""
    shown = [f"[$warning]{escape(text)}[/]" if style == "warning" else escape(text) for style, text in lines]
    return "\n".join([*shown, "[$text-muted]v shows it all[/]"]) if shown else ""


def deadline_markup(deadlines: list[Deadline], sessions: list[Upcoming] | None = None) -> str:
    """The next deadlines, soonest first, with days left; then the sessions of the next two weeks."""
    lines = [] if deadlines else ["[$text-muted]Nothing due in the periods shown.[/]"]
    for d in deadlines:
        left = "today" if d.days_left == 0 else "tomorrow" if d.days_left == 1 else f"{d.days_left} days"
        colour = "$error" if d.days_left <= 7 else "$warning" if d.days_left <= 30 else "$text"
        when = d.due.strftime("%-d %b %Y")
        label = "\n".join(escape(line) for line in _wrap_label(d.label))
        lines.append(f"[b]{when}[/] [{colour}]{left}[/]\n[$text-muted]{label}[/]")
    if sessions:
        lines.append("[b]Next sessions[/]")
        for u in sessions:
            at = f" {u.time}" if u.time else ""
            what = u.title + (f" · {u.location}" if u.location else "")
            lines.append(f"{u.day.strftime('%a %-d %b')}{at} [$text-muted]{escape(_clip(what, 16))}[/]")
    return "\n".join(lines)


def _wrap_label(text: str, width: int = SIDE_WIDTH - 4, most: int = 4) -> list[str]:
    """A deadline's name on as many lines as it needs (up to ``most``: only a longer one is cut), at a
    width that fits the side panel beside the findings and the half-width one of a narrow screen."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = [*lines[: most - 1], _clip(" ".join(lines[most - 1 :]), width)]
    return lines


def _clip(text: str, width: int = SIDE_WIDTH - 4) -> str:
    """One line of a side panel: the text, cut with an ellipsis if longer (the findings say it all)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def hours_markup(weeks: list[tuple], width: int = 14) -> str:
    """Hours per week as horizontal bars: CPD in one colour, placement days in another."""
    top = max((a + p for _, a, p in weeks), default=0) or 1
    lines = []
    for monday, cpd, placement in weeks:
        a = round(cpd / top * width)
        p = round(placement / top * width)
        if cpd and not a:
            a = 1
        if placement and not p:
            p = 1
        total = cpd + placement
        lines.append(
            f"{monday.strftime('%d %b')} [$accent]{'█' * a}[/][$primary]{'█' * p}[/]"
            f"{' ' * max(0, width - a - p)} {_number(total):>5}"
        )
    lines.append("[$accent]█[/] CPD [$primary]█[/] placement (weeks)")
    return "\n".join(lines)


def _count(n: int, word: str) -> str:
    plural = {"activity": "activities"}.get(word, word + "s")
    return f"{n} {word if n == 1 else plural}"


class FindingList(OptionList):
    """A framework's findings; up/down run on into the next panel's list."""

    BINDINGS = [
        Binding("n", "close_gap", "New to close gap", id="dashboard.close-gap"),
        Binding("x", "dismiss_missed", "Dismiss missed", id="dashboard.dismiss-missed"),
    ]

    @dataclass
    class CloseGap(Message):
        """A person asked for a new record that would close this finding."""

        finding: Finding

    @dataclass
    class DismissMissed(Message):
        """A person has dealt with this missed period and wants it off the dashboard."""

        finding: Finding

    def __init__(self, findings: list[Finding], width: int, **kwargs) -> None:
        self.findings = findings
        self.drawn_width = width
        # A screenful at first; the rest (a finding per placement: 130 on a long-serving educator's
        # store) just after the first paint.
        super().__init__(*self._finding_options(width, 0, FIRST_OPTIONS), **kwargs)

    def _finding_options(self, width: int, start: int = 0, stop: int | None = None) -> list[Option]:
        shown = self.findings[start:stop]
        return [Option(finding_markup(f, width), id=f"f{i}") for i, f in enumerate(shown, start)]

    def on_mount(self) -> None:
        if self.option_count < len(self.findings):
            # Not at once after the first paint: Textual's writer thread must get that frame out first.
            self.set_timer(REST_AFTER, self._add_the_rest)

    def _add_the_rest(self) -> None:
        if self.option_count < len(self.findings):
            self.add_options(self._finding_options(self.drawn_width, self.option_count))

    def redraw(self, width: int) -> None:
        """Wrap the findings again for a new width."""
        if width != self.drawn_width:
            self.drawn_width = width
            keep = self.highlighted
            self.clear_options()
            self.add_options(self._finding_options(width))
            self.highlighted = keep

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self._hop(1)
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is not None and self.highlighted <= 0:
            self._hop(-1)
            return
        super().action_cursor_up()

    def _hop(self, step: int) -> None:
        lists = list(self.screen.query(FindingList))
        i = lists.index(self) + step
        if 0 <= i < len(lists):
            nxt = lists[i]
            nxt.focus()
            nxt.highlighted = 0 if step > 0 else nxt.option_count - 1

    def _whole(self) -> None:
        """Make sure the findings carry the records behind them (a cached dashboard reads them late)."""
        screen = self.screen
        if isinstance(screen, DashboardScreen):
            screen.complete_preview()

    def action_close_gap(self) -> None:
        self._whole()
        if self.highlighted is not None:
            self.post_message(self.CloseGap(self.findings[self.highlighted]))

    def action_dismiss_missed(self) -> None:
        self._whole()
        if self.highlighted is not None:
            self.post_message(self.DismissMissed(self.findings[self.highlighted]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``x`` (dismiss) is offered only on a missed period."""
        if action == "dismiss_missed":
            at = self.highlighted
            return at is not None and at < len(self.findings) and self.findings[at].status == "missed"
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()


class DashboardScreen(Page):
    """Where you stand: a panel per framework, deadlines and hours per week."""

    PAGE = "dashboard"
    AUTO_FOCUS = ".findings"

    def compose_page(self) -> ComposeResult:

        data = self._current()
        self.data = data
        with Horizontal(id="dash"):
            findings = VerticalScroll(id="dash-findings")
            findings.can_focus = False
            with findings:
                yield from self._panels(data)
            with Vertical(id="dash-side"):
                review = Static(review_markup(data.review) if data else "", id="review")
                review.border_title = "Practice educator"
                review.display = bool(data and data.review)
                yield review
                coming = deadline_markup(data.deadlines, data.sessions) if data else ""
                deadlines = Static(coming, id="deadlines")
                deadlines.border_title = "Next deadlines"
                yield deadlines
                hours = Static(self._hours(data), id="hours")
                hours.border_title = "Hours per week"
                yield hours
        yield Static(self._status(data) if data else "", id="dash-status")

    def _current(self) -> DashboardData | None:
        """The dashboard to draw: worked out now, or the cached one while the store opens."""
        if self.praxis.is_open:
            self.seen_version = self.session.version
            return self.praxis.dashboard()
        return self.praxis.preview

    @property
    def narrow(self) -> bool:
        """Whether the side panels go below the findings (a terminal under 96 columns)."""
        return (self.size.width or self.app.size.width) < NARROW

    def _hours(self, data: DashboardData | None) -> str:
        if data is None:
            return ""
        # Narrow: the side panels sit below the findings, six lines high; show the latest weeks.
        return hours_markup(data.weeks[-5:], 12) if self.narrow else hours_markup(data.weeks, 14)

    def _panels(self, data: DashboardData | None) -> ComposeResult:
        if data is None:
            return
        if not data.frameworks:
            yield Static(
                "You follow no frameworks yet, so there is nothing to judge.\n"
                "Run  praxis init --framework ID  to choose some (praxis frameworks lists them).",
                id="no-frameworks",
            )
        width = self._findings_width()
        for fid, name in data.frameworks:
            found = [f for f in data.findings if f.framework == fid]
            versions = sorted({f.version for f in found if f.version})
            findings = FindingList(found, width, id=f"findings-{fid}", classes="findings")
            panel = Vertical(findings, classes="fw-panel")
            panel.border_title = name + (f" ({', '.join(versions)} rules)" if versions else "")
            # The current period: a missed one shown above it says its own dates.
            dated = [f for f in found if f.period_start and f.period_end and not f.placement]
            period = max(dated, key=lambda f: f.period_start or date.min, default=None)
            if period and period.period_start and period.period_end:
                panel.border_subtitle = f"{format_uk(period.period_start)} – {format_uk(period.period_end)}"
            yield panel

    def _layout(self) -> None:
        # Only when it changes: setting a class restyles the whole screen, even to the same value.
        if self.has_class("-narrow") != self.narrow:
            self.set_class(self.narrow, "-narrow")

    def on_mount(self) -> None:
        self._layout()
        if self.praxis.is_open:
            self.seen_version = self.session.version
        for findings in self.query(FindingList):
            findings.highlighted = 0 if findings.option_count else None
        # Focusing the first list scrolls its panel's top border out of view; bring it back.
        box = self.query_one("#dash-findings", VerticalScroll)
        self.call_after_refresh(box.scroll_home, animate=False)

    def complete_preview(self) -> None:
        """Give the cached findings the records behind them: left out to paint sooner, and read only
        if a finding is acted on before the store has opened (after, the findings are its own)."""
        data = self.data
        if data is None or data.pending is None:
            return
        at = {id(f): i for i, f in enumerate(data.findings)}  # the lists hold these very findings
        data.complete()
        for findings in self.query(FindingList):
            findings.findings = [data.findings[at[id(f)]] if id(f) in at else f for f in findings.findings]

    def on_resize(self) -> None:
        self._layout()
        width = self._findings_width()
        for findings in self.query(FindingList):
            findings.redraw(width)
        if self.data is not None:
            self.query_one("#hours", Static).update(self._hours(self.data))

    def _findings_width(self) -> int:
        """Columns a finding's text may use: the screen less the side panel, borders and scrollbar."""
        width = self.size.width or self.app.size.width
        side = 0 if width < NARROW else SIDE_WIDTH
        return width - side - 6  # the panel's border (2), padding and the scrollbar (2)

    def refresh_page(self) -> None:
        self.show(self.praxis.dashboard())

    def store_opened(self, data: DashboardData | None) -> None:
        """Draw the dashboard worked out as the store opened (the preview stays up until then)."""
        self.seen_version = self.session.version
        if data is not None:
            self.show(data)

    def show(self, data: DashboardData) -> None:
        """Draw ``data``: the framework panels (rebuilt only if they differ), deadlines, hours, status."""
        old, self.data = self.data, data
        if old is None or old.frameworks != data.frameworks or old.findings != data.findings:
            focused = self.focused
            keep = None
            if isinstance(focused, FindingList) and focused.highlighted is not None:
                keep = (focused.id, focused.highlighted)
            self.call_next(self._rebuild, data, keep)
        review = self.query_one("#review", Static)
        review.update(review_markup(data.review))
        review.display = bool(data.review)
        self.query_one("#deadlines", Static).update(deadline_markup(data.deadlines, data.sessions))
        self.query_one("#hours", Static).update(self._hours(data))
        self.query_one("#dash-status", Static).update(self._status(data))

    async def _rebuild(self, data: DashboardData, keep: tuple[str | None, int] | None) -> None:
        # Focus must leave the old lists before they go, or the keys bound on the app stop
        # reaching it (a removed widget's focus chain no longer leads up to the app).
        self.set_focus(None)
        box = self.query_one("#dash-findings", VerticalScroll)
        await box.remove_children()
        await box.mount_all(list(self._panels(data)))
        self._focus_first(keep)

    def _focus_first(self, keep: tuple[str | None, int] | None = None) -> None:
        lists = list(self.query(FindingList))
        if not lists:
            return
        target, index = lists[0], 0
        if keep is not None:
            target = next((f for f in lists if f.id == keep[0]), target)
            index = keep[1]
        if target.option_count:
            target.highlighted = min(index, target.option_count - 1)
        if not isinstance(self.focused, FindingList) or self.focused is not target:
            target.focus(scroll_visible=False)
        if index == 0 and target is lists[0]:
            self.query_one("#dash-findings", VerticalScroll).scroll_home(animate=False)

    def _status(self, data: DashboardData) -> str:
        counts = {s: sum(1 for f in data.findings if f.status == s) for s in LABELS}
        parts = [f"[{COLOURS[s]}]{n} {LABELS[s].lower()}[/]" for s, n in counts.items() if n and s != "info"]
        c = data.counts
        held = " · ".join(
            _count(c.get(key, 0), word) for key, word in
            (("activities", "activity"), ("days", "day"), ("reflections", "reflection"))
        )  # fmt: skip
        return f"As of {format_uk(data.on)}: {', '.join(parts) or 'nothing to judge'} · {held}"

    # -- acting on a finding --------------------------------------------------------------------
    @on(OptionList.OptionSelected, ".findings")
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        findings = event.option_list
        assert isinstance(findings, FindingList)
        self.complete_preview()
        finding = findings.findings[event.option_index]
        if finding.records:
            await self.praxis.show_records(list(finding.records), finding.title)
        else:
            await self.praxis.close_gap(finding)

    @on(FindingList.CloseGap)
    async def _close_gap(self, event: FindingList.CloseGap) -> None:
        await self.praxis.close_gap(event.finding)

    @on(FindingList.DismissMissed)
    def _dismiss_missed(self, event: FindingList.DismissMissed) -> None:
        self.praxis.dismiss_missed(event.finding)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return []
