"""From a finding to the form that would close it: a CPD piece of the right type, a day, a reflection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from praxis_socialwork.rules import Finding, Requirement
    from praxis_socialwork.tui.app import PraxisApp


def requirement_for(app: PraxisApp, finding: Finding) -> tuple[Requirement, str] | None:
    """The requirement behind ``finding`` and the part of it judged ("" or its ``with`` part's id)."""
    framework = app.session.catalogue.frameworks.get(finding.framework)
    if framework is None:
        return None
    for version in framework.versions:
        if finding.version and version.id != finding.version:
            continue
        for r in version.requirements:
            if r.id == finding.requirement:
                return r, ""
            if r.with_ is not None and r.with_.id == finding.requirement:
                return r, r.with_.id
    return None


def activity_prefill(requirement: Requirement, part: str) -> dict[str, str]:
    """Values for a new CPD piece that would count toward ``requirement``."""
    f = requirement.with_.filter if part and requirement.with_ else requirement.filter
    prefill: dict[str, str] = {"status": "complete"}
    if f.types:
        prefill["type"] = f.types[0]
    if f.tags:
        prefill["tags"] = ", ".join(f.tags)
    return prefill


def coverage_prefill(requirement: Requirement, finding: Finding) -> dict[str, str]:
    """Values for a new record tagged with what ``finding`` says nothing evidences yet (every item
    the requirement lists, if the finding names none)."""
    return {"standards": ", ".join(finding.missing or requirement.items)}


def form_for(app: PraxisApp, finding: Finding) -> Screen | None:
    """Open the form for a new record that would close ``finding``; return it (None if none fits)."""
    found = requirement_for(app, finding)
    if found is None:
        return None
    requirement, part = found
    if requirement.records == "days" or requirement.kind == "days":
        from praxis_socialwork.tui.forms.day_form import open_log_day

        open_log_day(app)
        return app.screen
    if requirement.kind == "coverage" and requirement.records in ("any", "reflections"):
        # What nothing evidences yet is best closed by reflecting on it: a new reflection tagged with it.
        from praxis_socialwork.tui.forms.reflection_editor import ReflectionEditor

        screen: Screen = ReflectionEditor(app.session, prefill=coverage_prefill(requirement, finding))
    elif requirement.records == "reflections":
        from praxis_socialwork.tui.forms.reflection_editor import ReflectionEditor

        screen = ReflectionEditor(app.session)
    elif requirement.records == "activities":
        from praxis_socialwork.tui.forms.activity_form import ActivityForm

        prefill = activity_prefill(requirement, part)
        if requirement.kind == "coverage":
            prefill.update(coverage_prefill(requirement, finding))
        screen = ActivityForm(app.session, prefill=prefill)
    else:
        return None
    app.push_screen(screen)
    if part or requirement.filter.peer_reflection:
        app.notify("Fill in the peer fields (who, their role, their reflection) for this to count.")
    return screen
