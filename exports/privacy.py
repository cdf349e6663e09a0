"""The confidentiality check: text that looks like it identifies a person who uses services.

Reflections and CPD records should be anonymised (HCPC advice; Social Work England standard 2.2),
yet an NHS number, a postcode or "Mrs Khan" slips in easily. ``scan_text`` finds what looks like
one, with its place and a suggestion of what to write instead; ``scan_records`` runs it over every
free-text field of a store's records. It warns, it never blocks: a person can mark a flag as
reviewed (its ``key`` is kept on the profile) and it is no longer listed.

Precision matters as much as recall: a social work reflection is full of dates, times, ages,
citations "(Gibbs, 1988)", legislation "Children Act 1989 s.47", standards "PCF 6" and "SWE 4.6",
money and scores, none of which is flagged. So each kind is a pattern plus checks (the NHS check
digit, the postcode letters the Royal Mail uses, the groupings of UK phone numbers), and dates are
flagged only right after "DOB", "date of birth" or "born".

No Textual here: the command line, the exports and the reflection editor call the same functions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from praxis_socialwork.store.models import (
    Activity,
    Comment,
    Placement,
    PlacementDay,
    Plan,
    Record,
    Reflection,
    SignOff,
)
from praxis_socialwork.store.vocab import REFLECTION_STAGES

KINDS: dict[str, str] = {
    "nhs": "NHS number",
    "postcode": "postcode",
    "email": "e-mail address",
    "phone": "phone number",
    "dob": "date of birth",
    "titled_name": "name with a title",
    "case_ref": "case or reference number",
    "address": "street address",
    "ni_number": "National Insurance number",
}
"""Every kind of identifier the check looks for, with the words a person reads for it."""

SUGGESTIONS: dict[str, str] = {
    "nhs": "leave it out, or write 'NHS number withheld'",
    "postcode": "leave it out, or name the area only (e.g. 'a town in the North West')",
    "email": "leave it out, or name the role or team (e.g. 'the duty team's inbox')",
    "phone": "leave it out, or write 'phone number withheld'",
    "dob": "give an age instead (e.g. 'aged 7'), or write 'date of birth withheld'",
    "titled_name": "use initials or a role instead (e.g. 'Mrs K' or 'the parent')",
    "case_ref": "leave it out, or write 'case number withheld'",
    "address": "leave it out, or describe the place (e.g. 'the family home')",
    "ni_number": "leave it out, or write 'NI number withheld'",
}
"""What to write instead, by kind."""

# When two matches overlap, the more specific kind wins: a valid NHS number is not also a phone
# number, and a phone number after "client ID" is a phone number, not a case reference.
_PRIORITY = ("email", "nhs", "ni_number", "postcode", "phone", "dob", "case_ref", "address", "titled_name")
_RANK = {kind: rank for rank, kind in enumerate(_PRIORITY)}


@dataclass(frozen=True)
class Flag:
    """One thing in one text that looks like it identifies a person.

    ``start``/``end`` index the text (``text[start:end] == flag.text``); ``line`` and ``column``
    are 1-based, counted in characters, as an editor shows them.
    """

    kind: str
    text: str
    start: int
    end: int
    line: int
    column: int

    @property
    def label(self) -> str:
        """What the flag is, in words: "NHS number", "postcode", ..."""
        return KINDS[self.kind]

    @property
    def suggestion(self) -> str:
        """What to write instead."""
        return SUGGESTIONS[self.kind]


# -- the patterns ------------------------------------------------------------------------------------

# NHS number: 10 digits, straight or as 3-3-4; not a piece of a longer run of digits.
_NHS = re.compile(r"(?<!\d)(?<!\d[ \-])\d{3}[ \-]?\d{3}[ \-]?\d{4}(?![ \-]?\d)")
_ISBN_BEFORE = re.compile(r"ISBN(?:-10)?:?\s*$", re.I)

# Postcode: the six outward shapes with the letters the Royal Mail allows in each place, then an
# inward part of a digit and two letters (never C I K M O V); and GIR 0AA.
_POSTCODE = re.compile(
    r"""(?<![A-Za-z0-9])
    (?:GIR(?P<gsp>[ ]?)0AA
      |(?:[A-PR-UWYZ][0-9][0-9]?
         |[A-PR-UWYZ][A-HK-Y][0-9][0-9]?
         |[A-PR-UWYZ][0-9][A-HJKPSTUW]
         |[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])
       (?P<sp>[ ]?)[0-9][ABD-HJLNP-UW-Z]{2})
    (?![A-Za-z0-9])""",
    re.X | re.I,
)
_ORDINAL = re.compile(r"(?:1st|2nd|3rd|[04-9]th)")

_EMAIL = re.compile(
    r"(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
    r"(?![\w-])"
)

# Phone: a trunk 0 (maybe in brackets) or +44 / 0044 with an optional (0), then 9 or 10 digits with
# at most one space, hyphen, dot or closing bracket between two digits. Not inside a longer run.
_PHONE = re.compile(
    r"""(?<![\w+])(?<!\d[ \-.])
    (?P<prefix>(?:\+|00)44[ \-]?(?:\(0\)[ \-]?)?|\(0(?=\d{2,5}\))|0)
    (?P<rest>\d(?:(?:\)[ ]?|[ \-.])?\d){8,9})
    (?![ \-.]?\d)(?!\w)""",
    re.X,
)
_PHONE_GROUPS = re.compile(r"\)[ ]?|[ \-.]")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_DATE = (
    r"(?:\d{4}-(?:1[0-2]|0[1-9])-(?:[12][0-9]|3[01]|0[1-9])"
    r"|(?:[12][0-9]|3[01]|0?[1-9])(?P<dsep>[/.\-])(?:1[0-2]|0?[1-9])(?P=dsep)(?:\d{4}|\d{2})"
    rf"|{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{4}})(?![\w/])"
)
# A date of birth: a date a few words after "DOB", "date of birth", "born" or "birthday", in the
# same sentence. A date on its own is not flagged: reflections are full of them.
_DOB = re.compile(
    r"(?<![\w.])(?:D\.?O\.?B\b\.?|date\s+of\s+birth\b|birth\s*date\b|born\b|birthdays?\b)"
    r"(?P<gap>(?:(?![.;!?](?:\s|$))[^\n]){0,30}?)"
    rf"(?<![\w/.\-])(?P<date>{_DATE})",
    re.I,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# A surname: O'Neill, McDonald, D'Souza, Adebayo-Smith; never a single letter ("Mrs K") and never
# a letter with a possessive ("Mrs K's").
_NAME_PART = rf"[{_UPPER}](?:['’][{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?"
_TITLED = re.compile(
    rf"(?<![\w.])(?P<title>Mrs|Mr|Ms|Miss|Mx|Master|Dr)\.?[ \t]+"
    rf"(?P<initials>(?:[{_UPPER}]\.?[ \t]+){{0,2}})"
    rf"(?P<name>{_NAME_PART}(?:-{_NAME_PART})*)(?!\w)"
    rf"(?:[ \t]+(?P<more>{_NAME_PART}(?:-{_NAME_PART})*)(?!\w))?"
)
# Capitalised words that follow a title without being a surname: a sentence after "Mrs K.", a
# judge ("Mr Justice"), or "Master" used of a degree.
_NOT_SURNAMES = frozenset(
    """
    A About After Afterwards Again All Also Although An And Another Any Are As At Because Before Both But
    By Can Could Did Do Does During Each Eventually Every Finally First For From Further Had Has Have He
    Her Here Hers Him His How However I If In Initially Instead Is It Its Just Later Many May Meanwhile
    Most My Next No Not Now Of On Once One Only Or Our Over Overall Perhaps She Since So Some Still Such
    That The Their Them Then There These They This Those Though Through Throughout To Today Too Two
    Unfortunately Until Upon Was We Were What When Where Whether Which While Who Why Will With Within
    Without Would Yes Yesterday Yet You Your Tomorrow Following Having Looking Reflecting Thinking
    Despite Nevertheless Interestingly Importantly Sadly Luckily Thankfully Hopefully Due Given Whilst
    Whereas Additionally Furthermore Moreover Therefore Thus Hence Subsequently Consequently Soon Shortly
    Immediately Everyone Everybody Nobody Someone Somebody Something Nothing Everything Anyone Together
    Rather Clearly Maybe Possibly Certainly Neither Either Several Few Much More Less Even Other Others
    Unless Like Unlike Among Between Across Around Outside Inside Under Above Below Behind Beyond Along
    Against Towards Toward Into Onto Off Out Up Down Back Home Well Okay Sometimes Often Usually Always
    Never Recently Currently Previously Earlier Last Second Third Lastly Alongside Notably Ultimately
    Again Mum Dad Mother Father Social School Police Staff Both Our Supervision Although Whatever
    Justice President Speaker Chairman Chair Degree Degrees Class Plan Key Copy Programme Course Bedroom
    Teams Word Excel Forms Office Outlook Barnardo Seuss Who
    """.split()
)
# A capitalised name straight after a title and followed by a year is a citation ("Dr Brown (2012)").
_CITATION_AFTER = re.compile(r"\s*(?:,\s*|\(\s*)(?:19|20)\d\d\b")

_CASE_TRIGGER = (
    r"(?:(?i:(?:case|client|file|record|referral|service\s+user|person|child|patient|crime|police|incident"
    r"|court|claim)\s*(?:ref(?:erence)?|no|num|number|id|\#)\.?"
    r"|case|ref(?:erence)?(?:\s*(?:no|num|number))?\.?"
    r"|mosaic|liquid\s?logic|eclipse|care\s?first|systmone)"
    r"|ID|NHI|CHI|LCS|EMIS|UPN|ULN|PNC)"
)
_CASE_REF = re.compile(
    rf"(?<![\w.])(?:{_CASE_TRIGGER})(?:\s*(?i:id|no\.?|number|ref))?"
    r"(?:\s*[:#=]\s*|\s+(?:(?i:is|was)\s+)?)"
    r"(?P<ref>[A-Za-z0-9](?:[A-Za-z0-9/\-]*[A-Za-z0-9])?)(?![\w/\-])"
)
# Tokens after "case" or "ref" that are not references: years, ranges of years, dates, times,
# section numbers, ordinals, standards codes.
_NOT_A_REF = re.compile(
    r"""(?xi)
    (?:19|20)\d\d(?:[/\-](?:19|20)?\d\d)?
    |\d{1,2}[/\-]\d{1,2}(?:[/\-]\d{2,4})?
    |\d{1,2}[/\-](?:19|20)\d\d
    |[012]?\d[0-5]\d(?:hrs?|am|pm)
    |s\d{1,3}[a-z]?
    |\d+(?:st|nd|rd|th)
    |(?:pcf|swe|sw|sssc|niscc|hcpc|asye|kss|pqs)\d{1,2}
    """
)

_STREET = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|Crescent|Cres|Gardens|Gdns"
    r"|Place|Pl|Terrace|Grove|Walk|Row|Square|Sq|Mews|Hill|View|Rise|Parade)"
)
_NOT_IN_STREET_NAMES = frozenset("In A An Of On At And To For With By Or".split())
# "attended 3 Family Court hearings" is about courts, not where someone lives.
_COURTS = frozenset(
    "Family Crown Youth High County Magistrates Magistrates' Supreme Appeal Appeals Coroners Coroner's "
    "Criminal Civil Juvenile Royal District Tribunal Protection".split()
)
_ADDRESS = re.compile(
    r"(?<![\w./£$€:,\-])(?:Flat\s+\d{1,4}[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?[ \t]+"
    rf"(?:[{_UPPER}][{_LOWER}'’]+[ \t]+){{1,3}}{_STREET}\b\.?"
)

# National Insurance number: two prefix letters (never D F I Q U V; O not second; some pairs never
# issued), six digits (maybe in pairs), a suffix A-D.
_NI = re.compile(
    r"(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r" ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])",
    re.I,
)


# -- the checks ---------------------------------------------------------------------------------------


def nhs_number_valid(digits: str) -> bool:
    """Whether ten digits make a valid NHS number (the Modulus 11 check digit, weights 10 to 2)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _nhs(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _NHS.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if _ISBN_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # an ISBN-10 has the same check digit as an NHS number
        if nhs_number_valid(digits):
            yield "nhs", m.start(), m.end()


def _postcodes(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _POSTCODE.finditer(text):
        found = m.group()
        spaced = bool(m.group("sp") or m.group("gsp"))
        if not spaced and found not in (found.upper(), found.lower()):
            continue  # "M11ae" is not written as a postcode; "M11AE", "m11ae" or "m1 1ae" are
        if spaced and found not in (found.upper(), found.lower()):
            continue  # "Y6 2nd" (a school year, an ordinal): real postcodes are one case
        if found == found.lower() and _ORDINAL.fullmatch(found[-3:]):
            continue  # "y6 2nd"
        yield "postcode", m.start(), m.end()


def _emails(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _EMAIL.finditer(text):
        yield "email", m.start(), m.end()


def _phones(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _PHONE.finditer(text):
        prefix, rest = m.group("prefix"), m.group("rest")
        if (")" in rest) != (prefix == "(0"):
            continue  # a bracket closes only the area code it opened
        national = re.sub(r"\D", "", rest)
        if national.startswith(("800", "808", "500")):
            continue  # freephone helplines belong to organisations, not people
        if len(national) == 9 and not national.startswith("1"):
            continue  # only some geographic area codes have nine digits after the 0
        if national[0] not in "1235789":
            continue
        groups = _PHONE_GROUPS.split(rest)
        if prefix in ("0", "(0"):
            groups[0] = "0" + groups[0]
            if len(groups[0]) < 3:
                continue
        elif len(groups[0]) < 2:
            continue
        if any(len(g) < 3 for g in groups[1:]):
            continue  # "0 12 34 56 78": a list of numbers, a score, a time, not a phone number
        if "." in rest and any(len(g) < 3 for g in groups):
            continue  # "07.30 09.45": times
        yield "phone", m.start(), m.end()


def _dobs(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _DOB.finditer(text):
        yield "dob", m.start("date"), m.end("date")


def _titled_names(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _TITLED.finditer(text):
        name = m.group("name")
        if name.split("-")[0] in _NOT_SURNAMES:
            continue
        end = m.end()
        more = m.group("more")
        if more and more.split("-")[0] in _NOT_SURNAMES:
            end = m.end("name")  # "Mrs Khan Then ...": the name ends before the next sentence's word
        if m.group("title") == "Dr" and _CITATION_AFTER.match(text, end):
            continue  # "Dr Brown (2012)": an author cited, not a person using services
        yield "titled_name", m.start(), end


def _case_refs(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _CASE_REF.finditer(text):
        ref = m.group("ref")
        if len(ref) < 4 or not any(c.isdigit() for c in ref) or _NOT_A_REF.fullmatch(ref):
            continue
        yield "case_ref", m.start("ref"), m.end("ref")


def _addresses(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _ADDRESS.finditer(text):
        words = m.group().rstrip(".").split()
        if words[-1] == "Court" and words[-2] in _COURTS:
            continue
        if _NOT_IN_STREET_NAMES.intersection(words):
            continue  # "2 Visits In A Row", a title in title case
        yield "address", m.start(), m.end()


def _ni_numbers(text: str) -> Iterator[tuple[str, int, int]]:
    for m in _NI.finditer(text):
        letters = re.sub(r"[^A-Za-z]", "", m.group())
        if letters in (letters.upper(), letters.lower()):  # "qq123456c" or "QQ 12 34 56 C", not "Ab123456c"
            yield "ni_number", m.start(), m.end()


_FINDERS = (_emails, _nhs, _ni_numbers, _postcodes, _phones, _dobs, _case_refs, _addresses, _titled_names)

# Most free text (prose without a digit, an "@" or a title) cannot hold a match, and running nine
# patterns over it was most of an export's time (issue 16). Each finder has a condition without
# which it finds nothing, checked once per text: every kind but an e-mail address or a name with a
# title needs a digit (\d, as in the patterns); an e-mail address needs "@"; a name with a title
# needs one of the titles, which are written with a capital.
_DIGIT = re.compile(r"\d")
_NEEDS_DIGIT = (_nhs, _ni_numbers, _postcodes, _phones, _dobs, _case_refs, _addresses)


def _might_have_title(text: str) -> bool:
    if "Dr" in text:
        return True
    return "M" in text and any(t in text for t in ("Mr", "Ms", "Mx", "Miss", "Master"))


def _finders(text: str) -> Iterator[Callable[[str], Iterator[tuple[str, int, int]]]]:
    """The finders that could find something in ``text``, in ``_FINDERS`` order."""
    if "@" in text:
        yield _emails
    if _DIGIT.search(text):
        yield from _NEEDS_DIGIT
    if _might_have_title(text):
        yield _titled_names


# Texts already scanned, so a second export (or the editor re-checking a field) in the same process
# does not scan them again. Bounded, so typing in a form does not grow it for ever.
_CACHE_SIZE = 1 << 17


@lru_cache(maxsize=_CACHE_SIZE)
def _hits(text: str) -> tuple[tuple[str, int, int], ...]:
    """What every finder finds in ``text``, overlaps resolved, in order of position."""
    found = [hit for finder in _finders(text) for hit in finder(text)]
    if len(found) > 1:
        # Most specific kind first, then the longer match, then the earlier one; a later
        # candidate that overlaps one already taken is dropped.
        found.sort(key=lambda hit: (_RANK[hit[0]], hit[1] - hit[2], hit[1]))
        taken: list[tuple[str, int, int]] = []
        for hit in found:
            if all(hit[2] <= s or hit[1] >= e for _, s, e in taken):
                taken.append(hit)
        taken.sort(key=lambda hit: hit[1])
        found = taken
    return tuple(found)


NAME_FIELDS = frozenset({"peer", "practice_educator", "supervisor", "by"})
"""The fields that ask for a person's name: an activity's peer ("who you discussed it with"), a
placement's practice educator and supervisor, who signed off or commented. A name with a title is
expected there, not an identifier; an NHS number or a phone number typed there is still flagged."""

_TITLES = frozenset("mrs mr ms miss mx master dr".split())


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The words of people's names, without case, titles or initials: ``["Dr Jo Senior"]`` gives
    ``{"jo", "senior"}``. A name with a title made only of these words is not flagged."""
    out: set[str] = set()
    for name in names:
        for word in re.findall(rf"[{_UPPER}{_LOWER}'’\-]+", name):
            word = word.casefold().replace("’", "'").strip("'-")
            if len(word) > 1 and word not in _TITLES:
                out.add(word)
    return frozenset(out)


def staff_names(records: Iterable[Record]) -> frozenset[str]:
    """The name words (``name_words``) of the people a store names on purpose: each placement's
    practice educator and supervisor, and whoever signed off or commented."""
    names: list[str] = []
    for record in records:
        if isinstance(record, Placement):
            names += [record.practice_educator, record.supervisor]
        elif isinstance(record, SignOff | Comment):
            names.append(record.by)
    return name_words(names)


def _expected(text: str, flag: tuple[str, int, int], names: Collection[str]) -> bool:
    """Whether a name with a title is made only of the words of a name the record gives on purpose."""
    words = name_words([text[flag[1] : flag[2]]])
    return bool(words) and words <= names


def scan_text(
    text: str,
    *,
    field: str = "",
    names: Collection[str] = (),
    hits: Sequence[tuple[str, int, int]] | None = None,
) -> list[Flag]:
    """Return what in ``text`` looks like it identifies a person, in order of position.

    Flags never overlap: where two kinds match the same characters, the more specific wins (an
    NHS number is not also a phone number). Each flag carries its 1-based line and column.
    A name with a title is not flagged in a field that asks for a name (``NAME_FIELDS``), nor
    where it is made of the words in ``names`` (``name_words`` of a peer's or educator's name).
    ``hits`` is what the patterns found in ``text``, when that is known already (``ScanCache``).
    """
    if not text:
        return []
    taken: Sequence[tuple[str, int, int]] = _hits(text) if hits is None else hits
    if not taken:
        return []
    if field in NAME_FIELDS:
        taken = [hit for hit in taken if hit[0] != "titled_name"]
    elif names:
        taken = [hit for hit in taken if hit[0] != "titled_name" or not _expected(text, hit, names)]
    return [_flag(text, kind, start, end) for kind, start, end in taken]


def _flag(text: str, kind: str, start: int, end: int) -> Flag:
    line_start = text.rfind("\n", 0, start) + 1
    return Flag(
        kind=kind,
        text=text[start:end],
        start=start,
        end=end,
        line=text.count("\n", 0, start) + 1,
        column=start - line_start + 1,
    )


# -- records --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordFlag:
    """A flag in one free-text field of one record, with a key to mark it as reviewed."""

    record_kind: str  # the record's KIND: "activity", "reflection", "day", "plan", "placement"
    record_id: str
    record_title: str
    record_date: date | None
    field: str  # the record's field: "learning", "stages.description", "note", ...
    field_label: str  # the field as the app names it: "What you learnt", "Description", ...
    flag: Flag
    key: str  # stable: the same text in the same field keeps its key whatever else is edited


# An activity's free-text fields, with the labels the app gives them (its form watches the same ones).
ACTIVITY_TEXT_FIELDS = (
    ("title", "Title"),
    ("provider", "Provider"),
    ("description", "What and why"),
    ("learning", "What you learnt"),
    ("impact", "Impact"),
    ("peer", "Peer"),
    ("peer_reflection", "Peer reflection"),
)
_PLAN_FIELDS = (("title", "Title"), ("location", "Location"), ("notes", "Notes"))
# A placement's educator and supervisor are staff, named on purpose: a name with a title is expected
# there (``NAME_FIELDS``), though a phone number typed in is still flagged.
_PLACEMENT_FIELDS = (
    ("name", "Name"),
    ("agency", "Agency"),
    ("practice_educator", "Practice educator"),
    ("supervisor", "Supervisor"),
    ("notes", "Notes"),
)


def stage_label(model: str, stage: str) -> str:
    """A reflection stage's heading as the app shows it (``action-plan`` → ``Action plan``)."""
    if model == "free" and stage == "text":
        return "Reflection"
    return stage.replace("-", " ").capitalize()


def text_fields(record: Record) -> list[tuple[str, str, str]]:
    """Return ``(field, label, text)`` for each non-empty field of ``record`` that a person wrote freely.

    Reflection stages are ``stages.NAME``, in the order their model lays them out (then any others
    the record keeps). The fields that ask for a name (``NAME_FIELDS``) are listed too: an NHS
    number typed there is still flagged, a name with a title is not. Dates, choices and hours are
    not free text; a profile has none.
    """
    out: list[tuple[str, str, str]] = []

    def add(name: str, label: str, value: object) -> None:
        if isinstance(value, str) and value.strip():
            out.append((name, label, value))

    if isinstance(record, Activity):
        for name, label in ACTIVITY_TEXT_FIELDS:
            add(name, label, getattr(record, name))
    elif isinstance(record, Reflection):
        add("title", "Title", record.title)
        order = [name for name, _ in REFLECTION_STAGES.get(record.model, ())]
        order += [name for name in record.stages if name not in order]
        for name in order:
            add(f"stages.{name}", stage_label(record.model, name), record.stages.get(name, ""))
        add("theories", "Theories", record.theories)
    elif isinstance(record, PlacementDay):
        add("note", "Note", record.note)
    elif isinstance(record, Plan):
        for name, label in _PLAN_FIELDS:
            add(name, label, getattr(record, name))
    elif isinstance(record, Comment):
        add("text", "Comment", record.text)
        add("by", "By", record.by)
    elif isinstance(record, SignOff):
        add("comment", "Sign-off comment", record.comment)
        add("by", "Signed by", record.by)
    elif isinstance(record, Placement):
        for name, label in _PLACEMENT_FIELDS:
            # Placements have no notes field yet; one kept from a newer version is still checked.
            add(name, label, getattr(record, name, record.extra.get(name)))
    return out


def same_identifier(text: str) -> str:
    """``text`` without case, spaces or punctuation: "943 476 5919" and "9434765919" are one."""
    return re.sub(r"[\W_]+", "", text.casefold())


def flag_key(record_id: str, field: str, kind: str, text: str) -> str:
    """A short stable key for a flag: the same identifier in the same field of the same record.

    The text is compared without case, spaces or punctuation, so "943 476 5919" and "9434765919"
    there are one flag, and editing another part of the record leaves the key as it was.
    """
    digest = hashlib.sha256("\x1f".join((record_id, field, kind, same_identifier(text))).encode("utf-8"))
    return digest.hexdigest()[:10]


def _title(record: Record, placements: dict[str, Placement]) -> str:
    if isinstance(record, Placement):
        return record.name
    if isinstance(record, PlacementDay):  # a day is known by its placement
        placement = placements.get(record.placement_id)
        return placement.name if placement else ""
    return str(getattr(record, "title", "") or "")


def _date(record: Record) -> date | None:
    value = getattr(record, "start" if isinstance(record, Placement) else "date", None)
    return value if isinstance(value, date) else None


def scan_records(
    records: Iterable[Record],
    reviewed: Collection[str] = (),
    names: Iterable[str] = (),
    store: Path | None = None,
) -> list[RecordFlag]:
    """Return the flags in every free-text field of ``records``, leaving out those whose key is in
    ``reviewed`` (by default none: every flag).

    Records keep the order given; within a record, fields in ``text_fields`` order and flags in
    order of position. A placement day's ``record_title`` is its placement's name when that
    placement is among ``records`` ("" otherwise); a placement's is its name.

    Names with a title are expected, not flagged, in the fields that ask for a name
    (``NAME_FIELDS``), and anywhere when made of the names of staff (``staff_names``), of
    ``names`` (e.g. the person's own) or, in an activity, of the peer it names.

    Given the ``store`` file they come from, what was found in each text is kept beside it
    (``exports.privacy_cache``) and a text unchanged since is not read again.
    """
    from praxis_socialwork.exports.privacy_cache import ScanCache, cache_path_for

    cache = ScanCache(cache_path_for(store) if store is not None else None)
    records = list(records)
    placements = {r.id: r for r in records if isinstance(r, Placement)}
    known = staff_names(records) | name_words(names)
    out: list[RecordFlag] = []
    for record in records:
        fields = text_fields(record)
        if not fields:
            continue
        title, when = _title(record, placements), _date(record)
        here = known | name_words([record.peer]) if isinstance(record, Activity) and record.peer else known
        for name, label, text in fields:
            for flag in scan_text(text, field=name, names=here, hits=cache.hits(record, name, text, _hits)):
                key = flag_key(record.id, name, flag.kind, flag.text)
                if key in reviewed:
                    continue
                out.append(RecordFlag(record.KIND, record.id, title, when, name, label, flag, key))
    cache.save()
    return out


def summary_line(flags: Sequence[RecordFlag]) -> str:
    """One line for before an export: how many possible identifiers, in how many records, of which
    kinds, and where to see them; "" when there are none.

    e.g. "3 possible identifiers in 2 records (NHS number, postcode) — praxis check-privacy lists them".
    """
    if not flags:
        return ""
    records = len({(f.record_kind, f.record_id) for f in flags})
    kinds = {f.flag.kind for f in flags}
    labels = ", ".join(KINDS[k] for k in KINDS if k in kinds)
    things = "possible identifier" if len(flags) == 1 else "possible identifiers"
    where = "record" if records == 1 else "records"
    return f"{len(flags)} {things} in {records} {where} ({labels}) — praxis check-privacy lists them"
