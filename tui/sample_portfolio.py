"""Sample portfolios to explore Praxis with: a student mid-placement, a practitioner's three years of CPD.

Each sample is a store of its own in a ``samples`` folder beside the user's store, removed and built
afresh each time it is opened, so the user's own store is never touched. Every date is counted from
``today``, so a sample always looks current, and nothing is random (record ids are derived from
names), so the same day always gives the same sample. The people, places and events are fictional:
no one who uses services is named.

No Textual here: the app and the tests both call it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from store import (
    Activity,
    Clock,
    Placement,
    PlacementDay,
    PraxisError,
    Profile,
    Reflection,
    Repository,
    today,
)
from store.backups import Backups
from store.drafts import Drafts
from store.locking import StoreLock
from store.storage import journal_path_for

SAMPLES: dict[str, str] = {
    "student": "A student mid-placement",
    "practitioner": "A practitioner's three years of CPD",
}
"""The samples there are, by name, with a few words saying what each shows."""

SAMPLES_FOLDER = "samples"

# Record ids are derived from this and a name, so every build of a sample gives the same ids.
_NAMESPACE = uuid.UUID("5b0c7f3e-2a41-4d8e-9c65-0e6a7d1f4b92")

ONE_DAY = timedelta(days=1)


def sample_path(store_path: Path, which: str) -> Path:
    """Where the sample ``which`` lives: ``samples/WHICH.json`` in the folder of the user's store."""
    if which not in SAMPLES:
        raise PraxisError(f"There is no sample called '{which}'; choose {' or '.join(SAMPLES)}.")
    return store_path.parent / SAMPLES_FOLDER / f"{which}.json"


def is_sample(path: Path) -> bool:
    """Whether the store at ``path`` is one of the sample portfolios (it sits in a ``samples`` folder)."""
    return path.parent.name == SAMPLES_FOLDER


def open_sample(path: Path, which: str, clock: Clock) -> Repository:
    """Build the sample ``which`` afresh at ``path`` and return it open; the caller closes it.

    Any earlier copy there (with its journal, backups and drafts) is removed first. If another copy
    of Praxis has that sample open, it is left as it is and opened read-only instead.
    """
    if which not in SAMPLES:
        raise PraxisError(f"There is no sample called '{which}'; choose {' or '.join(SAMPLES)}.")
    lock = StoreLock(path)
    if not lock.try_acquire():
        return Repository.open(path, clock)  # read-only: its reason names the other copy
    try:
        # The store, its journal and anything kept beside it (a cached dashboard); not the lock.
        stale = [path, journal_path_for(path)] + [
            p for p in path.parent.glob(f"{path.name}.*") if p.name != f"{path.name}.lock"
        ]
        for old in stale:
            old.unlink(missing_ok=True)
        for backup in Backups(path).list():
            backup.path.unlink(missing_ok=True)
        drafts = Drafts(path).folder
        if drafts.is_dir():
            for draft in drafts.glob(f"{path.stem}-*.json"):
                draft.unlink(missing_ok=True)
    finally:
        lock.release()
    repo = Repository.open(path, clock)
    try:
        build_sample(repo, which, today(clock))
    except BaseException:
        repo.close()
        raise
    return repo


def build_sample(repo: Repository, which: str, today: date) -> None:
    """Fill the open, empty store ``repo`` with the sample ``which``, every date counted from ``today``.

    ``student``: Alex Sample (degree-england and PCF, England): 30 skills days, a 70-day first
    placement finished earlier in the year, and a 100-day final placement about two months in, a few
    days behind after a sick day and two absences. ``practitioner``: Jo Example (Social Work England),
    registered a little over three years ago, with CPD in every registration year and a current year
    left short: one piece so far and no peer reflection, so it is at risk. Everything is saved
    together, or nothing is.
    """
    builder = _Builder(which, today)
    if which == "student":
        _student(builder)
    elif which == "practitioner":
        _practitioner(builder)
    else:
        raise PraxisError(f"There is no sample called '{which}'; choose {' or '.join(SAMPLES)}.")
    with repo.transaction():
        assert builder.profile is not None
        repo.save_profile(builder.profile)
        for records in (builder.placements, builder.days, builder.activities, builder.reflections):
            if records:
                repo.add_many(records)


@dataclass
class _Builder:
    """The records of one sample, collected before they are saved together."""

    which: str
    today: date
    profile: Profile | None = None
    placements: list[Placement] = field(default_factory=list)
    days: list[PlacementDay] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)

    def id(self, name: str) -> str:
        """The same id for the same name in every build."""
        return str(uuid.uuid5(_NAMESPACE, f"{self.which}/{name}"))

    def placement(self, key: str, **values) -> Placement:
        record = Placement(id=self.id(f"placement/{key}"), **values)
        self.placements.append(record)
        return record

    def day(
        self, placement: Placement, on: date, hours: float, kind: str = "practice", note: str = ""
    ) -> None:
        self.days.append(
            PlacementDay(
                id=self.id(f"day/{placement.name}/{on.isoformat()}"),
                placement_id=placement.id,
                date=on,
                hours=hours,
                kind=kind,
                note=note,
            )
        )

    def day_id(self, placement: Placement, on: date) -> str:
        return self.id(f"day/{placement.name}/{on.isoformat()}")

    def activity(self, key: str, on: date, title: str, type: str, hours: float, **values) -> Activity:
        record = Activity(
            id=self.id(f"activity/{key}"), date=on, title=title, type=type, hours=hours, **values
        )
        self.activities.append(record)
        return record

    def reflection(
        self, key: str, on: date, title: str, model: str, stages: dict[str, str], **values
    ) -> None:
        self.reflections.append(
            Reflection(
                id=self.id(f"reflection/{key}"), date=on, title=title, model=model, stages=stages, **values
            )
        )


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _bank_holidays(start: date) -> set[date]:
    """England's bank holidays from ``start``'s year for three years (longer than any sample runs)."""
    from rules.schedule import uk_holidays

    return set(uk_holidays("england", range(start.year, start.year + 3)))


def _nth_working_day(start: date, n: int, holidays: set[date]) -> date:
    """The ``n``-th Monday to Friday from ``start`` (itself included) that is not in ``holidays``."""
    day, left = start, n
    while True:
        if day.weekday() < 5 and day not in holidays:
            left -= 1
            if left == 0:
                return day
        day += timedelta(days=1)


def _weekdays(start: date, before: date) -> list[date]:
    """Every Monday to Friday from ``start`` up to the day before ``before``."""
    out = []
    day = start
    while day < before:
        if day.weekday() < 5:
            out.append(day)
        day += ONE_DAY
    return out


# -- Alex Sample: a student ------------------------------------------------------------------------

_SKILLS_TOPICS = (
    "communication and active listening (role play)",
    "values, ethics and anti-oppressive practice",
    "law for social work practice",
    "assessment and care planning",
    "safeguarding adults and children",
    "working with interpreters",
    "recording and writing case notes",
    "mental health and the law",
    "using supervision and reflective models",
    "working with groups and communities",
    "trauma-informed practice",
    "substance use and families",
    "domestic abuse",
    "professional boundaries and social media",
    "readiness for direct practice: preparing for the panel",
)

_FIRST_SUPERVISION = (
    (
        "Agreed my learning agreement and how I will be supported; talked about my nerves before the first "
        "visits and what to do if a visit feels unsafe.",
        ["pcf:1"],
    ),
    (
        "Talked through my first visits to carers and how to keep the conversation on what matters to them "
        "rather than on the form.",
        ["pcf:2", "pcf:7"],
    ),
    (
        "Looked at power in a carer's assessment: who decides what is written down, and how to check my "
        "summary with the person.",
        ["pcf:3", "pcf:2"],
    ),
    (
        "Money worries came up on three visits this fortnight. We went through benefit checks and when to "
        "refer to the welfare rights service.",
        ["pcf:4"],
    ),
    (
        "Mid-point review. My practice educator said my recording is clear but too long; we agreed I would "
        "write the analysis first and the detail after.",
        ["pcf:6", "pcf:1"],
    ),
    (
        "How the project works with the council's adult team: referral routes, consent, and what happens "
        "when a carer is in crisis.",
        ["pcf:8"],
    ),
    (
        "Planning the end of placement: handing over my work and saying goodbye well to the carers I have "
        "supported.",
        ["pcf:1", "pcf:7"],
    ),
)

_FINAL_SUPERVISION = (
    ("Induction: the duty system, lone working, and who to ask when I am unsure.", ["pcf:1"]),
    (
        "Preparing for my first joint visit on a child and family assessment: what I will say at the door "
        "and how I will explain my role.",
        ["pcf:7"],
    ),
    (
        "Talked through the visit: how to weigh what the parents told us against what the children said and "
        "showed us.",
        ["pcf:2", "pcf:6"],
    ),
    (
        "Thresholds: when a referral becomes an enquiry under section 47 of the Children Act 1989. My "
        "practice educator walked me through the legal framework and the team's procedure.",
        ["pcf:5"],
    ),
    (
        "Feedback on my first draft assessment: strong on description, thin on analysis. We practised "
        "writing 'what this means for the child'.",
        ["pcf:6"],
    ),
    (
        "A young person who did not want to talk to me, and how I felt about it afterwards.",
        ["pcf:2", "pcf:6"],
    ),
    (
        "Planning direct work with two children using a three houses tool, and booking my second "
        "observation.",
        ["pcf:7"],
    ),
    (
        "Preparing for the mid-point review: my evidence so far against the PCF, and the domains I have not "
        "covered yet on this placement.",
        ["pcf:1", "pcf:6"],
    ),
)

_FIRST_NOTES = {
    3: "First visit to a carer at home, with my practice educator",
    9: "Carers' drop-in at the community centre",
    16: "Joint visit; wrote up a carer's assessment for the first time",
    33: "Team meeting; presented the drop-in session plan",
    52: "Visited a carer after a hospital discharge",
}
_FINAL_NOTES = {
    0: "Induction day: IT, lone working and the duty rota",
    2: "Shadowed the duty worker",
    9: "Joint home visit with an interpreter",
    14: "Strategy discussion (observed)",
    18: "Visit to a young person at school",
    27: "Wrote my first assessment for my practice educator to read",
    36: "Direct work with two children (three houses tool)",
}


def _student(b: _Builder) -> None:
    t = b.today
    b.profile = Profile(
        id=b.id("profile"),
        name="Alex Sample",
        role="student",
        frameworks=["degree-england", "pcf"],
        country="england",
    )

    # The final placement began about two months ago, on a Monday; the first one ended in the spring,
    # and the skills days ran on Thursdays before it.
    final_start = _monday_of(t) - timedelta(weeks=8)
    first_start = final_start - timedelta(weeks=31)
    skills_start = first_start - timedelta(weeks=34) + timedelta(days=3)

    skills_dates = [skills_start + timedelta(weeks=k) for k in range(30)]
    skills = b.placement(
        "skills",
        name="Skills days",
        agency="Sampleton University (social work programme)",
        setting="other",
        kind="skills",
        start=skills_start,
        planned_end=skills_dates[-1],
        required_days=30,
        weekdays=["thu"],
        hours_per_day=6.0,
        supervisor="Module lead",
    )
    for k, day in enumerate(skills_dates):
        b.day(skills, day, 6.0, "skills", f"Skills day: {_SKILLS_TOPICS[k % len(_SKILLS_TOPICS)]}")

    first_dates = _weekdays(first_start, first_start + timedelta(weeks=16))[:72]
    first = b.placement(
        "first",
        name="First placement: Sampleton Carers' Centre",
        agency="Sampleton Carers' Centre",
        setting="voluntary",
        kind="first",
        start=first_start,
        planned_end=first_dates[-1],
        required_days=70,
        practice_educator="Off-site practice educator",
        supervisor="Carers' support manager",
    )
    for i, day in enumerate(first_dates):
        if i == 21:
            b.day(first, day, 0.0, "sick", "Off sick (a cold)")
        elif i == 46:
            b.day(first, day, 0.0, "absence", "University assignment deadline (agreed absence)")
        else:
            b.day(first, day, (7.5, 7.5, 8.0, 7.0, 7.5)[i % 5], note=_FIRST_NOTES.get(i, ""))

    # Bank holidays are not worked (the plan and the pace leave them out too); the placement has four
    # working days to spare beyond its 100, so the three days missed put it behind (at risk at the
    # pace since), not past saving.
    holidays = _bank_holidays(final_start)
    final_dates = [d for d in _weekdays(final_start, t) if d not in holidays]
    final = b.placement(
        "final",
        name="Final placement: children's assessment team",
        agency="Sampleton Borough Council, children's services",
        setting="statutory",
        kind="final",
        start=final_start,
        planned_end=_nth_working_day(final_start, 104, holidays),
        required_days=100,
        practice_educator="On-site practice educator",
        supervisor="Team manager",
    )
    for i, day in enumerate(final_dates):
        if i == 6:
            b.day(final, day, 6.0, "skills", "Skills day at university: court skills")
        elif i == 12:
            b.day(final, day, 0.0, "sick", "Off sick")
        elif i in (23, 31):
            b.day(
                final,
                day,
                0.0,
                "absence",
                "Agreed absence (family commitment)" if i == 23 else "Agreed absence (hospital appointment)",
            )
        else:
            b.day(final, day, (7.5, 8.0, 7.5, 7.5, 7.0)[i % 5], note=_FINAL_NOTES.get(i, ""))

    _student_skills_learning(b, skills_dates)
    _student_first_placement(b, first, first_dates)
    _student_final_placement(b, final, final_dates)


def _student_skills_learning(b: _Builder, thursdays: list[date]) -> None:
    b.activity(
        "skills-communication",
        thursdays[0],
        "Skills day: communication and role play",
        "course",
        6.0,
        provider="Sampleton University",
        description="Role play of a first meeting with an actor playing a worried parent.",
        learning="Open questions and silence get more than a list of questions; I talk too fast when "
        "nervous.",
        impact="I will slow down, check my summary with the person, and leave space before moving on.",
        standards=["pcf:1", "pcf:7"],
    )
    b.activity(
        "skills-values",
        thursdays[4],
        "Skills day: values, ethics and anti-oppressive practice",
        "course",
        6.0,
        provider="Sampleton University",
        description="Workshop on the values in the professional standards and on where power sits in a "
        "visit.",
        learning="Treating everyone the same is not the same as treating everyone fairly.",
        impact="Before a visit I will ask what might make it harder for this person to be heard.",
        standards=["pcf:2", "pcf:3"],
    )
    b.activity(
        "skills-law",
        thursdays[8],
        "Skills day: law for social work practice",
        "course",
        6.0,
        provider="Sampleton University",
        description="The Care Act 2014, the Children Act 1989 and the Mental Capacity Act 2005 in practice.",
        learning="Which duty applies decides what I must do and what I may do.",
        impact="I will name the legal basis of each piece of work in my recording.",
        standards=["pcf:4", "pcf:5", "pcf:8"],
    )
    b.activity(
        "skills-reading-models",
        thursdays[15] + timedelta(days=2),
        "Reading: reflective models",
        "reading",
        3.0,
        description="Gibbs, Kolb and Driscoll compared, with a worked example of each.",
        learning="Driscoll's three questions are quick enough to use on the day; Gibbs suits a longer piece.",
        impact="I will write a short Driscoll reflection after each visit and a longer one each fortnight.",
        standards=["pcf:6"],
    )
    b.activity(
        "skills-presentation",
        thursdays[22],
        "Group presentation: a local advice service",
        "teaching",
        4.0,
        provider="Sampleton University",
        description="Led my group's presentation on how a local advice service supports carers.",
        learning="Leading meant sharing out the work and chasing it kindly, not doing it all myself.",
        impact="I am more confident speaking up in meetings.",
        standards=["pcf:9"],
    )


def _student_first_placement(b: _Builder, first: Placement, dates: list[date]) -> None:
    start = dates[0]
    for k, (note, codes) in enumerate(_FIRST_SUPERVISION):
        b.activity(
            f"first-supervision-{k}",
            start + timedelta(days=4 + 14 * k),
            "Supervision with my practice educator",
            "supervision",
            1.5,
            description=note,
            standards=codes,
            tags=["supervision"],
        )
    b.activity(
        "first-safeguarding",
        start + timedelta(days=8),
        "E-learning: safeguarding adults",
        "e-learning",
        3.0,
        provider="Sampleton Borough Council learning and development",
        description="The six principles of adult safeguarding and how to raise a concern.",
        learning="Making safeguarding personal means asking the person what outcome they want.",
        impact="I now ask 'what would you like to happen?' before I talk about what we must do.",
        standards=["pcf:5"],
    )
    b.activity(
        "first-strengths-reading",
        start + timedelta(days=20),
        "Reading: strengths-based practice with carers",
        "reading",
        2.5,
        description="A practice guide on strengths-based conversations, and a research summary on carers' "
        "wellbeing.",
        learning="Asking about what already helps gives a different assessment from asking what is wrong.",
        impact="I rewrote my visit prompts to begin with what is going well.",
        standards=["pcf:5", "pcf:6"],
    )
    b.activity(
        "first-recall",
        start + timedelta(days=45),
        "Recall day at university",
        "course",
        6.0,
        provider="Sampleton University",
        description="Shared placement learning with my cohort; a session on organisational culture.",
        learning="How a voluntary project's funding shapes what it can offer, and why referrals bounce.",
        impact="I explain the limits of our service to carers at the start, not the end.",
        standards=["pcf:6", "pcf:8"],
    )
    dropin = b.activity(
        "first-dropin",
        dates[33],
        "Led a drop-in session on carers' assessments",
        "teaching",
        3.0,
        description="Planned and ran a drop-in session explaining how to ask the council for a carer's "
        "assessment.",
        learning="Several carers had never heard they could ask; plain words and a handout mattered most.",
        impact="The centre now runs the session every month, using my handout.",
        standards=["pcf:7", "pcf:9"],
    )
    b.reflection(
        "first-visit",
        dates[3],
        "My first visit to a carer at home",
        "gibbs",
        {
            "description": "I went with my practice educator to visit a woman caring for her husband, who "
            "has dementia. I was there to listen and to begin to understand what a carer's assessment "
            "involves.",
            "feelings": "I was nervous beforehand and worried I would say the wrong thing. During the visit "
            "I felt moved by how tired she was, and a little helpless.",
            "evaluation": "She said it helped to talk. I stayed quiet too long when she became upset, and "
            "my practice educator stepped in.",
            "analysis": "Rogers' idea of empathy helped me see that I did not need to fix anything in the "
            "moment; being present was the task. My silence came from fear of getting it wrong.",
            "conclusion": "I could have named what I noticed ('this sounds exhausting') instead of waiting.",
            "action-plan": "Next time I will acknowledge feelings out loud, and I will ask my practice "
            "educator to give me one part of the next visit to lead.",
        },
        links=[b.day_id(first, dates[3])],
        standards=["pcf:1", "pcf:2", "pcf:7"],
        theories="Person-centred practice (Rogers); carers' assessments under the Care Act 2014",
    )
    b.reflection(
        "first-assumptions",
        dates[24],
        "Noticing my own assumptions about a family",
        "kolb",
        {
            "concrete-experience": "On a visit I assumed the carer's adult children would share the caring, "
            "because that is what happens in my own family. They live abroad and cannot.",
            "reflective-observation": "My questions had steered the conversation towards family help, and "
            "she looked embarrassed to correct me.",
            "abstract-conceptualisation": "Thompson's PCS model reminded me that my personal assumptions are "
            "shaped by culture and can become oppressive when I hold the pen in an assessment.",
            "active-experimentation": "I now ask 'who, if anyone, helps you?' rather than naming people, "
            "and I check my summary with the carer before I leave.",
        },
        links=[b.day_id(first, dates[24])],
        standards=["pcf:3", "pcf:6"],
        theories="Thompson's PCS model",
    )
    b.reflection(
        "first-dropin",
        dates[36],
        "What the drop-in session taught me about access",
        "driscoll",
        {
            "what": "I ran a drop-in session on how to ask the council for a carer's assessment. Eleven "
            "carers came; most had not known they had a right to ask.",
            "so-what": "Rights that people do not know about are not much use. Leaflets written in legal "
            "language were part of the problem, and so was the time of day the council line is open.",
            "now-what": "The centre will repeat the session monthly. I wrote to the council's carers' lead, "
            "with my manager's agreement, about the opening hours of the line.",
        },
        links=[dropin.id],
        standards=["pcf:4", "pcf:8", "pcf:9"],
    )


def _student_final_placement(b: _Builder, final: Placement, dates: list[date]) -> None:
    start = dates[0]
    t = b.today
    # Weekly supervision for the first six weeks, then fortnightly (as Skills for Care advises).
    when = [start + timedelta(days=3 + 7 * k) for k in range(6)]
    when += [when[-1] + timedelta(days=14 * k) for k in range(1, 3)]
    supervisions: list[Activity] = []
    for k, (on, (note, codes)) in enumerate(zip(when, _FINAL_SUPERVISION, strict=False)):
        if on >= t:
            break
        supervisions.append(
            b.activity(
                f"final-supervision-{k}",
                on,
                "Supervision with my practice educator",
                "supervision",
                1.5,
                description=note,
                standards=codes,
                tags=["supervision"],
            )
        )
    b.activity(
        "final-court-skills",
        dates[6],
        "Skills day at university: court skills",
        "course",
        6.0,
        provider="Sampleton University",
        description="A mock hearing: giving evidence and being cross-examined on a written statement.",
        learning="Evidence is what I saw and heard, kept apart from my opinion, and dated.",
        impact="My case notes now separate observation from analysis.",
        standards=["pcf:5", "pcf:7"],
    )
    b.activity(
        "final-assessment-reading",
        start + timedelta(days=5),
        "Reading: assessment in children's social care",
        "reading",
        3.0,
        description="Statutory guidance on assessment, and a chapter on analysis in assessment writing.",
        learning="An assessment should say what life is like for the child, not only what adults report.",
        impact="I plan each visit around what I need to learn about the child's day.",
        standards=["pcf:5"],
    )
    b.activity(
        "final-domestic-abuse",
        start + timedelta(days=17),
        "E-learning: domestic abuse awareness",
        "e-learning",
        2.0,
        provider="Sampleton Borough Council learning and development",
        description="Coercive control, the effect on children, and how to ask safely.",
        learning="Children are victims of domestic abuse in their own right.",
        impact="I ask about home life only when I can speak to a parent alone.",
        standards=["pcf:5"],
    )
    b.activity(
        "final-recall",
        t + timedelta(days=10),
        "Recall day at university",
        "course",
        6.0,
        provider="Sampleton University",
        status="planned",
        description="Recall day for final-placement students.",
        standards=["pcf:8"],
    )
    b.reflection(
        "final-interpreter",
        dates[9],
        "A joint home visit with an interpreter",
        "gibbs",
        {
            "description": "I went with a social worker from the team to visit a family whose first language "
            "is not English, with an interpreter on speaker phone.",
            "feelings": "I felt awkward about the pauses and worried the parents felt talked about rather "
            "than talked to.",
            "evaluation": "The parents were able to tell us their worries in their own words. We talked to "
            "the phone more than to the family, and the older child was left to translate once.",
            "analysis": "Relying on a child to interpret puts them in an adult role and can silence what the "
            "parents want to say. Good practice is to speak to the person, not to the interpreter.",
            "conclusion": "We could have briefed the interpreter first and booked one in person.",
            "action-plan": "I will book interpreters in person where I can, brief them before the visit, and "
            "never ask a child to interpret.",
        },
        links=[b.day_id(final, dates[9])],
        standards=["pcf:2", "pcf:3", "pcf:7"],
    )
    b.reflection(
        "final-young-person",
        dates[18],
        "A young person who did not want to talk to me",
        "driscoll",
        {
            "what": "I visited a young person at school as part of an assessment. They said little, kept "
            "their hood up and asked to go back to class after ten minutes.",
            "so-what": "I took it personally at first. In supervision I saw that a stranger from children's "
            "services at school is a risk to them, and that not talking is also communication.",
            "now-what": "Next time I will ask the young person where and when they would like to meet, bring "
            "something to do together, and keep the first meeting short.",
        },
        links=[b.day_id(final, dates[18])] + ([supervisions[5].id] if len(supervisions) > 5 else []),
        standards=["pcf:2", "pcf:6", "pcf:7"],
    )
    b.reflection(
        "final-analysis",
        dates[min(29, len(dates) - 1)],
        "Writing analysis, not just description",
        "kolb",
        {
            "concrete-experience": "My practice educator returned my first assessment draft: thorough, but "
            "mostly a record of who said what.",
            "reflective-observation": "I had avoided saying what I thought the information meant, because "
            "I was afraid of being wrong.",
            "abstract-conceptualisation": "Analysis is weighing the information against what we know about "
            "children's needs and risk; hypotheses can be tested and revised, they are not verdicts.",
            "active-experimentation": "For the next assessment I will write three hypotheses and the "
            "evidence for and against each before I write the summary.",
        },
        links=[supervisions[4].id] if len(supervisions) > 4 else [],
        standards=["pcf:5", "pcf:6"],
    )


# -- Jo Example: a practitioner --------------------------------------------------------------------

_PROVIDER = "Sampleton Borough Council learning and development"


def _practitioner(b: _Builder) -> None:
    t = b.today
    # The registration year runs 1 December to 30 November; ``current`` is the one holding today.
    current = date(t.year if t.month == 12 else t.year - 1, 12, 1)
    year1 = date(current.year - 2, 12, 1)
    year2 = date(current.year - 1, 12, 1)
    registered = date(current.year - 2, 8, 1)
    b.profile = Profile(
        id=b.id("profile"),
        name="Jo Example",
        role="practitioner",
        frameworks=["swe"],
        country="england",
        registered_on=registered,
    )

    # The first, short year after registering (August to November): the start of the ASYE.
    b.activity(
        "asye-induction",
        registered + timedelta(days=14),
        "ASYE induction programme",
        "course",
        12.0,
        provider=_PROVIDER,
        description="Four half-days for newly qualified social workers on the team's procedures, recording "
        "and using supervision.",
        learning="How the duty system and panels work, and that asking for help early is expected.",
        impact="I bring a written agenda to supervision, so my cases get discussed, not only my caseload.",
        peer="My ASYE supervisor",
        peer_role="Team manager (registered social worker)",
        peer_reflection="We talked about what I found hardest in the first month: saying no to referrals "
        "that did not meet the criteria. We agreed a script I could use on duty.",
        standards=["swe:4.2", "swe:4.5"],
    )
    b.activity(
        "strengths-reading",
        registered + timedelta(days=75),
        "Reading: strengths-based approaches in adult social care",
        "reading",
        3.0,
        description="A practice guide and two short research summaries on strengths-based conversations.",
        learning="A strengths-based conversation starts from what the person wants their life to look like.",
        impact="I changed my first-visit questions to begin with 'what matters to you?'.",
        standards=["swe:1", "swe:4.3"],
    )

    # The first full year.
    b.activity(
        "discharge-supervision",
        year1 + timedelta(days=20),
        "Supervision: reflecting on a rushed hospital discharge",
        "supervision",
        1.5,
        description="Used supervision to look back at a discharge from hospital that broke down within a "
        "week.",
        learning="Pressure on beds had shaped my plan more than the person's own wishes.",
        impact="I now record the person's view on the plan in their words before I agree a discharge date.",
        peer="My supervisor",
        peer_role="Senior practitioner (registered social worker)",
        peer_reflection="My supervisor shared a similar case from her own practice; we agreed I would raise "
        "the pattern at the team's discharge meeting.",
        standards=["swe:3", "swe:4.2"],
    )
    mca = b.activity(
        "mca-refresher",
        year1 + timedelta(days=70),
        "Mental Capacity Act refresher",
        "course",
        6.0,
        provider=_PROVIDER,
        description="A day on the five principles, assessing capacity for a specific decision, and "
        "recording it.",
        learning="Capacity is decision-specific and time-specific; an unwise decision is not evidence of "
        "incapacity.",
        impact="My capacity assessments now name the decision, the information relevant to it, and how I "
        "supported the person to decide.",
        peer="A colleague in my team",
        peer_role="Social worker (registered)",
        peer_reflection="We compared two recent assessments and found we both recorded the outcome but not "
        "the support we gave. We made a checklist for the team.",
        standards=["swe:1", "swe:3", "swe:4.3"],
    )
    b.activity(
        "self-neglect",
        year1 + timedelta(days=130),
        "E-learning: self-neglect and hoarding",
        "e-learning",
        2.0,
        provider=_PROVIDER,
        description="Self-neglect under the Care Act 2014, and building a relationship when help is refused.",
        learning="Persistence and a consistent worker matter more than one big intervention.",
        impact="I planned short, regular visits for a person who had refused help twice, and they let me in.",
        standards=["swe:1", "swe:4.3"],
    )
    carers = b.activity(
        "carers-peer-group",
        year1 + timedelta(days=200),
        "Peer group: supporting carers under strain",
        "peer-discussion",
        1.5,
        description="Monthly peer group of social workers across the adult teams; this month on carers.",
        learning="Carers often say they are coping because they fear what happens if they say they are not.",
        impact="I now offer carers a separate conversation, away from the person they care for.",
        peer="The adult teams' peer group",
        peer_role="Registered social workers",
        peer_reflection="Colleagues challenged me to ask about the carer's own health every time; I had been "
        "doing it only when the carer raised it.",
        standards=["swe:4.1", "swe:4.5"],
    )
    b.activity(
        "loneliness-reading",
        year1 + timedelta(days=290),
        "Reading: research on loneliness in later life",
        "reading",
        2.0,
        description="A research summary on loneliness and social isolation among older people.",
        learning="Loneliness and isolation are different; the first is about the quality of contact.",
        impact="I ask about the contact people value, not only how often someone visits.",
        standards=["swe:4.4"],
    )

    # The second full year.
    b.activity(
        "best-interests",
        year2 + timedelta(days=35),
        "Best interests decision-making workshop",
        "course",
        6.0,
        provider=_PROVIDER,
        description="Workshop on best interests meetings: who to involve and how to weigh their views.",
        learning="The person's past and present wishes are the starting point, not one factor among many.",
        impact="I now send the person's own wishes to everyone before a best interests meeting.",
        peer="My team manager",
        peer_role="Team manager (registered social worker)",
        peer_reflection="We discussed a meeting I chaired where relatives disagreed; my manager helped me "
        "see that I had let the loudest view set the agenda.",
        standards=["swe:1", "swe:3", "swe:4.3"],
    )
    interpreters = b.activity(
        "interpreters",
        year2 + timedelta(days=110),
        "Peer discussion: working well with interpreters",
        "peer-discussion",
        1.5,
        description="A team discussion about using interpreters in assessments and reviews.",
        learning="Briefing the interpreter beforehand saves time and avoids misunderstandings.",
        impact="I book a ten-minute briefing with the interpreter before each visit.",
        peer="Colleagues in my team",
        peer_role="Registered social workers",
        peer_reflection="A colleague described a visit where a family member interpreted and key concerns "
        "were never said; it changed how I plan visits.",
        standards=["swe:1", "swe:2", "swe:4.8"],
    )
    b.activity(
        "amhp-shadowing",
        year2 + timedelta(days=180),
        "Shadowing an approved mental health professional",
        "shadowing",
        7.0,
        description="Spent a day with an approved mental health professional (AMHP) on the duty rota.",
        learning="How the least restrictive option is weighed in a Mental Health Act assessment.",
        impact="I understand when to refer to the AMHP service and what information they need from me.",
        standards=["swe:4.4"],
    )
    b.activity(
        "older-people-abuse",
        year2 + timedelta(days=250),
        "E-learning: domestic abuse and older people",
        "e-learning",
        2.0,
        provider=_PROVIDER,
        description="Recognising domestic abuse in later life, including abuse by adult children.",
        learning="Older victims are less likely to be asked and more likely to be seen as 'carer stress'.",
        impact="I ask about safety at home at every review, and see the person alone.",
        standards=["swe:4.3", "swe:6"],
    )
    b.activity(
        "feedback-supervision",
        year2 + timedelta(days=300),
        "Supervision: feedback from a person I support",
        "supervision",
        1.0,
        description="Discussed written feedback from a person I support about how their review was run.",
        learning="They felt the review was about services, not about them.",
        impact="Reviews now start with what the person wants to talk about.",
        standards=["swe:4.1"],
    )

    # This year, left short: one piece so far, a draft, and a peer discussion still to come.
    elapsed = (t - current).days
    trauma_day = current + timedelta(days=elapsed * 2 // 5)
    trauma = b.activity(
        "trauma-informed",
        trauma_day,
        "E-learning: trauma-informed practice",
        "e-learning",
        2.5,
        provider=_PROVIDER,
        description="An introduction to trauma-informed practice: safety, trust, choice, collaboration and "
        "empowerment.",
        learning="Some behaviour I had seen as 'not engaging' can be a reasonable response to past harm.",
        impact="I offer people a choice of where and when we meet, and explain what I will write down.",
        standards=["swe:1", "swe:4.3"],
    )
    b.activity(
        "care-act-reading",
        current + timedelta(days=elapsed * 4 // 5),
        "Reading: Care Act statutory guidance on assessment",
        "reading",
        2.0,
        status="draft",
        description="Re-reading the chapter on assessment and eligibility ahead of a team audit.",
        standards=["swe:4.3"],
    )
    b.activity(
        "trauma-peer-group",
        t + timedelta(days=4),
        "Peer group: trauma-informed practice in our team",
        "peer-discussion",
        1.5,
        status="planned",
        description="Booked: the adult teams' peer group, to discuss what the trauma-informed course means "
        "for our first visits.",
        standards=["swe:4.5"],
    )

    b.reflection(
        "care-home",
        year1 + timedelta(days=95),
        "A conversation about moving into a care home",
        "gibbs",
        {
            "description": "I visited a man in his eighties whose family wanted him to move into a care home "
            "after two falls. He wanted to stay at home.",
            "feelings": "I felt pulled between his wishes and his family's fear, and anxious about being "
            "blamed if he fell again.",
            "evaluation": "I gave him time and he explained clearly why home mattered. I spent too long "
            "reassuring the family before I had heard him.",
            "analysis": "The Mental Capacity Act's principles were the frame I needed: he had capacity for "
            "this decision, and an unwise decision is his to make. My anxiety was about my accountability.",
            "conclusion": "I could have met him alone first, then the family.",
            "action-plan": "I will see the person alone first when family views are strong, and record how "
            "risks were discussed and what support reduces them.",
        },
        links=[mca.id],
        standards=["swe:1", "swe:3"],
        theories="Mental Capacity Act 2005 principles; positive risk-taking",
    )
    b.reflection(
        "interpreter",
        year2 + timedelta(days=112),
        "Using an interpreter well",
        "driscoll",
        {
            "what": "After our team discussion I used a professional interpreter, briefed beforehand, for a "
            "review where a relative had interpreted before.",
            "so-what": "The person raised worries about money being taken that had never come up when the "
            "relative interpreted.",
            "now-what": "I will always book a professional interpreter, and I shared this example, "
            "anonymised, at the next peer group.",
        },
        links=[interpreters.id, carers.id],
        standards=["swe:2", "swe:4.8"],
    )
    b.reflection(
        "trauma-first-visits",
        min(trauma_day + timedelta(days=2), t),
        "What trauma-informed practice changes in my first visits",
        "kolb",
        {
            "concrete-experience": "At a first visit a woman would not open the door until I had explained, "
            "through the letterbox, who I was and what would happen.",
            "reflective-observation": "Before the course I would have recorded 'reluctant to engage'.",
            "abstract-conceptualisation": "Trauma-informed practice asks what happened to someone rather "
            "than what is wrong with them; choice and predictability build safety.",
            "active-experimentation": "I now send a short letter before a first visit saying who will come, "
            "why, and that the person can choose to meet somewhere else.",
        },
        links=[trauma.id],
        standards=["swe:4.3", "swe:4.6"],
    )
