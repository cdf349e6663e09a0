"""Portfolio reports, read back by independent readers: Markdown by markdown-it, HTML by html5lib,
PDF by pypdf. What each test expects is worked out from the store's own records, never copied from
the writer, so a record dropped, a day miscounted or a title turned into markup fails a test.
"""

from __future__ import annotations

import io
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import html5lib
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from praxis_socialwork import store
from praxis_socialwork.exports.portfolio import Portfolio, ReportOptions, build_portfolio
from praxis_socialwork.exports.report import render_report, write_report
from praxis_socialwork.exports.report_words import NOT_DONE
from praxis_socialwork.services.sample_portfolio import build_sample
from praxis_socialwork.store import (
    Activity,
    Placement,
    PlacementDay,
    Profile,
    Reflection,
    Repository,
    format_uk,
)
from praxis_socialwork.store.vocab import COUNTED_DAY_KINDS

# The same stopped clock as tests/conftest.py's ``clock``, for fixtures that live for the module.
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=store.LONDON)
TODAY = NOW.date()

# The section headings a reader finds, in order (the CPD one goes on with its count and hours).
SECTIONS = ["Requirement summary", "CPD", "Placement registers", "Reflections", "Coverage"]
# Social Work England's CPD record, field by field, in the order its form asks.
SWE_FIELDS = [
    "Type of CPD",
    "What the CPD was and why it is relevant to your practice",
    "Date",
    "What you learnt",
    "Impact on your practice and on the people you work with",
    "Peer reflection",
]
# What a person reads for each finding status.
STATUS_WORDS = {"gap": "Gap", "at_risk": "At risk", "on_track": "On track", "met": "Met", "info": "Note"}
FORMATS = ("Markdown", "HTML", "PDF")
EVERYTHING = ReportOptions()  # no period, the profile's frameworks


# ---------------------------------------------------------------------------------------------------
# A store's records, and its reports made once per module
# ---------------------------------------------------------------------------------------------------


@dataclass
class Sample:
    """A store's records as they were read back, and its reports, each rendered at most once."""

    profile: Profile | None
    activities: list[Activity]
    placements: list[Placement]
    days: list[PlacementDay]
    reflections: list[Reflection]
    rendered: dict[tuple[str, ReportOptions], bytes] = field(default_factory=dict)

    def portfolio(self, options: ReportOptions = EVERYTHING) -> Portfolio:
        from praxis_socialwork.rules import Records, load_catalogue

        records = Records(
            list(self.activities), list(self.placements), list(self.days), list(self.reflections)
        )
        return build_portfolio(self.profile, records, load_catalogue([], None), TODAY, options)

    def render(self, fmt: str, options: ReportOptions = EVERYTHING) -> bytes:
        if (fmt, options) not in self.rendered:
            self.rendered[(fmt, options)] = render_report(self.portfolio(options), fmt)
        return self.rendered[(fmt, options)]

    def days_of(self, placement: Placement, start: date | None = None, end: date | None = None) -> list[date]:
        """The dates logged for ``placement`` (inside ``start``–``end``), in order."""
        return sorted(
            d.date for d in self.days
            if d.placement_id == placement.id and d.date and (start is None or d.date >= start)
            and (end is None or d.date <= end)
        )  # fmt: skip

    def counted_line(self, placement: Placement, start: date | None = None, end: date | None = None) -> str:
        """``Counted: 42 of 100 required days (312.5 hours)`` from the placement's days themselves."""
        counted = [
            d for d in self.days
            if d.placement_id == placement.id and d.kind in COUNTED_DAY_KINDS and d.date
            and (start is None or d.date >= start) and (end is None or d.date <= end)
        ]  # fmt: skip
        hours = sum(d.hours for d in counted)
        return (
            f"Counted: {len(counted)} of {placement.required_days} required days "
            f"({hours:g} hour{'' if hours == 1 else 's'})"
        )


def read_sample(repo: Repository) -> Sample:
    return Sample(repo.profile(), repo.activities(), repo.placements(), repo.days(), repo.reflections())


def piece_heading(a: Activity) -> str:
    """A CPD piece's heading as a reader expects it: its date as the app writes dates, then its title."""
    return f"{format_uk(a.date)} — {a.title}"


def pieces_by_date(activities: list[Activity]) -> list[Activity]:
    return sorted(activities, key=lambda a: (a.date or date.min, a.title))


def pieces_in_order(activities: list[Activity]) -> list[Activity]:
    """The completed pieces as a report lays them out (planned and drafts are listed apart)."""
    return pieces_by_date([a for a in activities if a.status == "complete"])


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Sample]]:
    """The app's fictional ``student`` (Alex Sample) and ``practitioner`` (Jo Example), built once."""
    built: dict[str, Sample] = {}
    clock = store.FixedClock(NOW)

    def get(which: str) -> Sample:
        if which not in built:
            repo = Repository.open(tmp_path_factory.mktemp(which) / "praxis.json", clock)
            try:
                build_sample(repo, which, TODAY)
                built[which] = read_sample(repo)
            finally:
                repo.close()
        return built[which]

    yield get


@pytest.fixture
def student(samples) -> Sample:
    return samples("student")


@pytest.fixture
def practitioner(samples) -> Sample:
    return samples("practitioner")


@pytest.fixture
def small_store(tmp_path: Path, clock: store.FixedClock) -> Iterator[Repository]:
    """An empty store with a practitioner following Social Work England and the PCF."""
    repo = Repository.open(tmp_path / "small" / "praxis.json", clock)
    repo.save_profile(Profile(name="Sam Tester", role="practitioner", frameworks=["swe", "pcf"]))
    yield repo
    repo.close()


# ---------------------------------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------------------------------


def collapse(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Block:
    """One block of a parsed Markdown document: a heading, a paragraph, a list item or a table."""

    kind: str  # "h1".."h6", "p", "li", "table"
    text: str = ""  # plain text: escapes undone, hard line breaks as "\n"
    rows: list[list[str]] = field(default_factory=list)  # a table's rows, heading row first
    inline_types: set[str] = field(default_factory=set)  # what the inline parser made of the text
    nested: list[str] = field(default_factory=list)  # structure a paragraph sits in (list, blockquote)


def _plain(inline: Any) -> tuple[str, set[str]]:
    parts, kinds = [], set()
    for child in inline.children or []:
        kinds.add(child.type)
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts), kinds


def md_blocks(text: str) -> list[Block]:
    """Parse CommonMark + GFM tables with markdown-it and list the blocks in document order."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out: list[Block] = []
    open_blocks: list[str] = []
    table: Block | None = None
    row: list[str] | None = None
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open", "blockquote_open", "list_item_open"):
            open_blocks.append(tok.type.removesuffix("_open"))
        elif tok.type in ("bullet_list_close", "ordered_list_close", "blockquote_close", "list_item_close"):
            open_blocks.pop()
        elif tok.type == "table_open":
            table = Block("table")
        elif tok.type == "table_close":
            out.append(table)
            table = None
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            table.rows.append(row)
        elif tok.type == "inline":
            plain, kinds = _plain(tok)
            opener = tokens[i - 1]
            if opener.type in ("th_open", "td_open"):
                row.append(plain)
                table.inline_types |= kinds
            elif opener.type == "heading_open":
                out.append(Block(opener.tag, plain, inline_types=kinds))
            elif "list_item" in open_blocks:
                out.append(Block("li", plain, inline_types=kinds, nested=list(open_blocks)))
            else:
                out.append(Block("p", plain, inline_types=kinds, nested=list(open_blocks)))
        elif tok.type in ("code_block", "fence", "html_block", "hr"):
            out.append(Block(tok.type, tok.content))
    return out


def md_section(blocks: list[Block], level: str, startswith: str) -> list[Block]:
    """The blocks under the first heading of ``level`` starting ``startswith``, up to the next such level."""
    rank = int(level[1])
    start = next(i for i, b in enumerate(blocks) if b.kind == level and b.text.startswith(startswith))
    out = []
    for b in blocks[start + 1 :]:
        if b.kind.startswith("h") and b.kind[1:].isdigit() and int(b.kind[1:]) <= rank:
            break
        out.append(b)
    return out


def md_of(sample: Sample, options: ReportOptions = EVERYTHING) -> list[Block]:
    return md_blocks(sample.render("Markdown", options).decode("utf-8"))


def parse_html(data: bytes) -> Element:
    """Parse with html5lib in strict mode: any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(data)
    assert parser.errors == []
    return tree


def text_of(el: Element) -> str:
    return collapse("".join(el.itertext()))


def by_id(tree: Element, ident: str) -> Element:
    found = tree.find(f".//*[@id='{ident}']")
    assert found is not None, f"no element with id {ident}"
    return found


def has_class(el: Element, name: str) -> bool:
    return name in (el.get("class") or "").split()


@dataclass
class Pdf:
    """A PDF as pypdf reads it: the text of each page and the outline as (level, title, page index)."""

    pages: list[str]
    outline: list[tuple[int, str, int]]

    @property
    def text(self) -> str:
        return collapse(" ".join(self.pages))

    def children(self, title: str) -> list[str]:
        """The titles one level under the top-level outline entry starting ``title``."""
        out, inside = [], False
        for level, text, _ in self.outline:
            if level == 0:
                inside = text.startswith(title)
            elif inside and level == 1:
                out.append(text)
        return out

    def section_text(self, title: str) -> str:
        """The text of the pages from the top-level entry starting ``title`` up to the next one."""
        tops = [(text, page) for level, text, page in self.outline if level == 0]
        for n, (text, page) in enumerate(tops):
            if text.startswith(title):
                end = tops[n + 1][1] if n + 1 < len(tops) else len(self.pages)
                return collapse(" ".join(self.pages[page:end]))
        raise AssertionError(f"no outline entry {title}")


@cache  # several tests read the same report: extracting a long PDF's text takes a while
def read_pdf(data: bytes) -> Pdf:
    reader = PdfReader(io.BytesIO(data))
    outline: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                outline.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return Pdf([page.extract_text() for page in reader.pages], outline)


# ---------------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------------


def test_markdown_has_one_title_and_the_five_sections_in_order(student: Sample) -> None:
    blocks = md_of(student)
    assert [b.text for b in blocks if b.kind == "h1"] == ["Portfolio"]
    h2 = [b.text for b in blocks if b.kind == "h2"]
    assert [next(s for s in SECTIONS if t.startswith(s)) for t in h2] == SECTIONS
    done = pieces_in_order(student.activities)  # planned and drafts are listed apart, not counted
    hours = sum(a.hours or 0 for a in done)
    assert h2[1] == f"CPD: {len(done)} pieces, {hours:g} hours"
    # The cover names the person before any section starts.
    cover = blocks[: next(i for i, b in enumerate(blocks) if b.kind == "h2")]
    assert any(b.text == student.profile.name for b in cover)


def test_markdown_gives_each_cpd_piece_a_heading_with_its_title(student: Sample) -> None:
    cpd = md_section(md_of(student), "h2", "CPD")
    expected = [piece_heading(a) for a in pieces_in_order(student.activities)]
    assert [b.text for b in cpd if b.kind == "h3"] == [*expected, NOT_DONE]
    # Planned and draft pieces are listed under their own heading, with their status.
    waiting = [a for a in student.activities if a.status != "complete"]
    assert waiting
    listed = [b.text for b in md_section(cpd, "h3", NOT_DONE) if b.kind == "li"]
    assert listed == [f"{format_uk(a.date)} — {a.title} ({a.status})" for a in pieces_by_date(waiting)]


def test_markdown_lays_out_each_piece_in_social_work_englands_field_order(practitioner: Sample) -> None:
    blocks = md_section(md_of(practitioner), "h2", "CPD")
    blocks = blocks[: next((i for i, b in enumerate(blocks) if b.text == NOT_DONE), len(blocks))]
    starts = [i for i, b in enumerate(blocks) if b.kind == "h3"]
    assert len(starts) == len(pieces_in_order(practitioner.activities))
    for a, (i, j) in zip(
        pieces_in_order(practitioner.activities),
        zip(starts, [*starts[1:], len(blocks)], strict=True),
        strict=True,
    ):
        piece = blocks[i + 1 : j]
        # A field label is a paragraph of bold text alone; the field's text follows it.
        labels = [
            b.text
            for b in piece
            if b.kind == "p" and b.inline_types == {"text", "strong_open", "strong_close"}
        ]
        assert labels == SWE_FIELDS, blocks[i].text
        learnt = piece[[b.text for b in piece].index("What you learnt") + 1].text
        assert learnt == (a.learning or "(not written)")
        when = piece[[b.text for b in piece].index("Date") + 1].text
        assert when == a.date.strftime("%d/%m/%Y")


def test_markdown_register_has_a_row_for_each_day_and_the_counted_total(student: Sample) -> None:
    registers = md_section(md_of(student), "h2", "Placement registers")
    with_days = [p for p in student.placements if student.days_of(p)]
    assert len(with_days) >= 2
    for placement in with_days:
        blocks = md_section(registers, "h3", placement.name)
        table = next(b for b in blocks if b.kind == "table" and b.rows[0][0] == "Date")
        head, *rows = table.rows
        assert [row[0] for row in rows] == [format_uk(d) for d in student.days_of(placement)]
        assert all(len(row) == len(head) for row in rows)
        counted = [row for row in rows if row[head.index("Counts")] == "Yes"]
        assert [row[head.index("Day")] for row in counted] == [str(n) for n in range(1, len(counted) + 1)]
        assert student.counted_line(placement) in [b.text for b in blocks if b.kind == "li"]


def test_markdown_keeps_markdown_a_person_typed_as_literal_text(small_store: Repository) -> None:
    title = "| # *x* [a](b) <b>bold</b> `code` _u_ \\ 1. &amp;"
    small_store.add(
        Activity(date=date(2026, 5, 1), title=title, type="course", hours=2, standards=["swe:1", "pcf:1"])
    )
    stage = "1. not a list\n- nor this\n> nor a quote\n# nor a heading\n\n| not | a table |\n|---|---|"
    small_store.add(
        Reflection(date=date(2026, 5, 2), title="# *Not* a heading", model="free", stages={"text": stage})
    )
    sample = read_sample(small_store)
    blocks = md_of(sample)

    heading = next(b for b in blocks if b.kind == "h3" and b.text.startswith("Fri 1 May 2026"))
    assert heading.text == f"Fri 1 May 2026 — {title}"
    assert heading.inline_types == {"text"}  # no emphasis, link, code or HTML made of it
    # In the coverage matrix the title is still one cell, and the row still has every column.
    matrix = next(b for b in md_section(blocks, "h2", "Coverage") if b.kind == "table")
    row = next(row for row in matrix.rows if title in row)
    assert len(row) == len(matrix.rows[0]) and matrix.inline_types <= {"text", "strong_open", "strong_close"}

    reflection = md_section(md_section(blocks, "h4", "# *Not* a heading"), "h5", "Reflection")
    assert [b.text for b in blocks if b.kind == "h4"] == ["# *Not* a heading"]
    written = [b for b in reflection if b.kind == "p" and b.text.startswith("1.")]
    assert [b.text for b in written] == ["1. not a list\n- nor this\n> nor a quote\n# nor a heading"]
    assert "| not | a table |\n|---|---|" in [b.text for b in reflection]
    assert not any(b.kind in ("table", "li", "code_block", "html_block") or b.nested for b in reflection)


# ---------------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------------


def test_html_parses_without_errors_in_british_english(student: Sample, practitioner: Sample) -> None:
    for sample in (student, practitioner):
        tree = parse_html(sample.render("HTML"))
        assert tree.tag == "html" and tree.get("lang") == "en-GB"
        assert [text_of(h) for h in tree.iter("h1")] == ["Portfolio"]
        assert sample.profile.name in text_of(tree.find(".//header"))


def test_html_puts_every_cpd_title_in_the_cpd_section(practitioner: Sample) -> None:
    section = by_id(parse_html(practitioner.render("HTML")), "cpd")
    assert section.tag == "section"
    assert [text_of(h) for h in section.iter("h3") if text_of(h) != NOT_DONE] == [
        piece_heading(a) for a in pieces_in_order(practitioner.activities)
    ]
    # The form's labels, in the regulator's order, head the rows of each piece's table.
    for article in section.iter("article"):
        assert [text_of(th) for th in article.iter("th")][: len(SWE_FIELDS)] == SWE_FIELDS


def test_html_register_rows_are_the_days_logged(student: Sample) -> None:
    registers = by_id(parse_html(student.render("HTML")), "registers")
    shown = {text_of(s.find("h3")): s for s in registers.iter("section") if has_class(s, "register")}
    for placement in student.placements:
        register = shown[placement.name]
        rows = register.findall(".//table[@class='days']/tbody/tr")
        assert [text_of(tr.find("td")) for tr in rows] == [format_uk(d) for d in student.days_of(placement)]
        totals = [text_of(li) for li in register.findall(".//ul[@class='totals']/li")]
        assert student.counted_line(placement) in totals


def test_html_summary_shows_the_statuses_the_rules_find_for_the_same_day(student: Sample) -> None:
    from praxis_socialwork.rules import Records, evaluate_all, load_catalogue

    findings = evaluate_all(
        load_catalogue([], None).frameworks, student.profile.frameworks,
        Records(student.activities, student.placements, student.days, student.reflections),
        student.profile, TODAY,
    )  # fmt: skip
    assert {f.status for f in findings} >= {"met", "at_risk"}  # a sample worth checking
    rows = by_id(parse_html(student.render("HTML")), "summary").findall(".//table/tbody/tr")
    assert len(rows) == len(findings)
    for tr, finding in zip(rows, findings, strict=True):
        status, requirement = (text_of(td) for td in tr.findall("td")[:2])
        assert status == STATUS_WORDS[finding.status]
        assert requirement.startswith(finding.title)


def test_html_has_print_styles_that_start_sections_on_new_pages(student: Sample) -> None:
    css = text_of(parse_html(student.render("HTML")).find(".//head/style"))
    assert "@media print" in css
    assert re.search(r"(page-)?break-before:\s*(page|always)", css)
    assert re.search(r"break-inside:\s*avoid", css)


def test_html_escapes_markup_a_person_typed(small_store: Repository) -> None:
    title = "<script>alert('cpd')</script> & <b>bold</b>"
    small_store.add(Activity(date=date(2026, 5, 1), title=title, type="course", hours=1, standards=["swe:1"]))
    small_store.add(
        Reflection(
            date=date(2026, 5, 2), title="<img src=x onerror=alert(1)>", model="free",
            stages={"text": "<script>alert('reflection')</script>\n<a href='x'>link</a>"},
        )
    )  # fmt: skip
    tree = parse_html(render_report(read_sample(small_store).portfolio(), "HTML"))
    assert (
        tree.findall(".//script") == []
        and tree.findall(".//img") == []
        and tree.findall(".//a[@href='x']") == []
    )
    assert [text_of(h) for h in by_id(tree, "cpd").iter("h3")] == [f"Fri 1 May 2026 — {collapse(title)}"]
    assert "<script>alert('reflection')</script>" in text_of(by_id(tree, "reflections"))


# ---------------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------------


def test_pdf_text_has_the_name_every_piece_the_totals_and_page_footers(student: Sample) -> None:
    pdf = read_pdf(student.render("PDF"))
    assert student.profile.name in pdf.pages[0]
    for a in student.activities:
        assert piece_heading(a) in pdf.text
    for placement in student.placements:
        assert student.counted_line(placement) in pdf.text
    for n, page in enumerate(pdf.pages, 1):
        assert f"page {n} of {len(pdf.pages)}" in collapse(page)


def test_pdf_outline_names_the_sections_pieces_and_placements(student: Sample) -> None:
    pdf = read_pdf(student.render("PDF"))
    tops = [text for level, text, _ in pdf.outline if level == 0]
    assert tops[0] == "Cover"
    assert [next(s for s in SECTIONS if t.startswith(s)) for t in tops[1:]] == SECTIONS
    assert pdf.children("CPD") == [piece_heading(a) for a in pieces_in_order(student.activities)] + [NOT_DONE]
    assert pdf.children("Placement registers") == [
        p.name for p in sorted(student.placements, key=lambda p: p.start)
    ]
    # Each bookmark opens the page its heading is on.
    for level, text, page in pdf.outline:
        if level == 1 and text in pdf.children("CPD"):
            assert text in collapse(pdf.pages[page])


def test_pdf_is_the_same_bytes_every_time(practitioner: Sample) -> None:
    first = render_report(practitioner.portfolio(), "PDF")
    assert render_report(practitioner.portfolio(), "PDF") == first
    assert read_pdf(first).pages  # and it is a PDF pypdf reads


def test_pdf_writes_characters_its_font_lacks_as_readable_text(small_store: Repository) -> None:
    title = "Arrow → next step 😀 and Zoe\u0308 with Li Wei 李伟, محمد علي and דוד"
    small_store.add(Activity(date=date(2026, 5, 1), title=title, type="course", hours=1))
    sample = read_sample(small_store)
    pdf = read_pdf(render_report(sample.portfolio(), "PDF"))
    # The arrow is drawn; the emoji is named; a name in a script the font lacks (CJK) or that would
    # be set backwards (Arabic, Hebrew) says which script it was in, once a name.
    shown = (
        "Fri 1 May 2026 — Arrow → next step [grinning face] and Zoë with Li Wei [CJK text], [Arabic text] "
        "and [Hebrew text]"
    )
    assert shown in pdf.text
    assert "\ufffd" not in pdf.text
    # The other formats keep the characters as typed.
    assert f"Fri 1 May 2026 — {title}" in [b.text for b in md_of(sample) if b.kind == "h3"]


def fonts_drawing_text(data: bytes) -> dict[str, bool]:
    """Each font a page draws text in, by its PDF name, and whether the file carries its glyphs."""
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(data))
    found: dict[str, bool] = {}
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = operands[0]
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                font = fonts[current].get_object()
                descriptor = font.get("/FontDescriptor")
                embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
                found[str(font["/BaseFont"])] = embedded
    return found


def test_pdf_keeps_welsh_greek_and_cyrillic_names_in_an_embedded_font(
    tmp_path: Path, clock: store.FixedClock
) -> None:
    from praxis_socialwork.rules import Records, load_catalogue

    name = "Siân Ŵyn-Ŷates"
    with Repository.open(tmp_path / "store" / "praxis.json", clock) as repo:
        repo.save_profile(Profile(name=name, role="practitioner", frameworks=["swe"]))
        repo.add(
            Reflection(
                date=date(2026, 5, 2), title="Visit to Tŷ Llŵyd with Ŷ and ā", model="free",
                stages={"text": "Αλέξης and Дмитрий met me at the door; Άννα Петрова came later."},
            )
        )  # fmt: skip
        portfolio = build_portfolio(
            repo.profile(), Records.read(repo), load_catalogue([], None), TODAY, EVERYTHING
        )
    out = tmp_path / "portfolio.pdf"
    write_report(portfolio, out)
    data = out.read_bytes()
    pdf = read_pdf(data)
    for words in (name, "Tŷ Llŵyd with Ŷ and ā", "Αλέξης and Дмитрий", "Άννα Петрова"):
        assert words in pdf.text
    # The name is on the cover and in every page's footer, whole.
    assert name in pdf.pages[0].split("Portfolio", 1)[-1]
    for n, page in enumerate(pdf.pages, 1):
        assert f"{name} · Portfolio · page {n} of" in collapse(page)
    # Every font the text is drawn in travels inside the file: DejaVu Sans, plain and bold.
    fonts = fonts_drawing_text(data)
    assert fonts and all(fonts.values()), fonts
    assert {font.split("+")[-1] for font in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}


def test_pdf_lays_out_a_day_note_longer_than_a_page(small_store: Repository) -> None:
    placement = small_store.add(
        Placement(name="Long notes team", kind="final", start=date(2026, 9, 1), required_days=100)
    )
    note = " ".join(f"word{i}" for i in range(3000))  # a register row taller than an A4 page
    small_store.add(PlacementDay(placement_id=placement.id, date=date(2026, 9, 1), hours=7.5, note=note))
    small_store.add(PlacementDay(placement_id=placement.id, date=date(2026, 9, 2), hours=7))
    sample = read_sample(small_store)
    pdf = read_pdf(render_report(sample.portfolio(), "PDF"))
    registers = pdf.section_text("Placement registers")
    assert "word0 word1" in registers and "word2999" in registers
    assert sample.counted_line(placement) in registers


def test_the_three_formats_say_the_same_headings_and_totals(student: Sample) -> None:
    blocks = md_of(student)
    tree = parse_html(student.render("HTML"))
    pdf = read_pdf(student.render("PDF"))
    sections = [b.text for b in blocks if b.kind == "h2"]
    assert [text_of(h) for h in tree.iter("h2")] == sections
    assert [text for level, text, _ in pdf.outline if level == 0][1:] == sections
    registers = md_section(blocks, "h2", "Placement registers")
    for placement in student.placements:
        totals = [b.text for b in md_section(registers, "h3", placement.name) if b.kind == "li"]
        for line in totals[-3:]:  # counted, absences, signed off
            assert line in pdf.section_text("Placement registers")
            assert line in text_of(by_id(tree, "registers"))


def test_a_form_that_asks_for_duration_does_not_get_the_hours_twice(small_store: Repository) -> None:
    small_store.save_profile(
        Profile(name="Sam Tester", role="practitioner", country="wales", frameworks=["scw"])
    )
    small_store.add(Activity(date=date(2026, 5, 1), title="Course", type="course", hours=2.5))
    sample = read_sample(small_store)
    piece = md_section(md_of(sample), "h3", "Fri 1 May 2026")
    texts = [b.text for b in piece]
    assert texts[texts.index("Duration") + 1] == "2.5 hours"
    assert not [t for t in texts if t.startswith("Hours")]
    pdf = read_pdf(render_report(sample.portfolio(), "PDF")).section_text("CPD")
    assert "Duration: 2.5 hours" in pdf and "Hours:" not in pdf


# ---------------------------------------------------------------------------------------------------
# What a report covers
# ---------------------------------------------------------------------------------------------------


def test_a_period_leaves_out_records_outside_it_in_every_format(student: Sample) -> None:
    start, end = date(2026, 3, 1), date(2026, 4, 30)
    options = ReportOptions(start=start, end=end)
    inside = lambda d: d is not None and start <= d <= end  # noqa: E731
    pieces = [piece_heading(a) for a in pieces_in_order([a for a in student.activities if inside(a.date)])]
    left_out = [piece_heading(a) for a in student.activities if not inside(a.date)]
    reflections = [r.title for r in sorted(student.reflections, key=lambda r: r.date) if inside(r.date)]
    placements = [p for p in student.placements if student.days_of(p, start, end)]
    assert pieces and left_out and reflections and len(placements) == 1  # the period cuts the sample

    blocks = md_of(student, options)
    assert [b.text for b in md_section(blocks, "h2", "CPD") if b.kind == "h3"] == pieces
    assert [b.text for b in blocks if b.kind == "h4"] == reflections
    registers = md_section(blocks, "h2", "Placement registers")
    assert [b.text for b in registers if b.kind == "h3"] == [p.name for p in placements]
    days = next(b for b in registers if b.kind == "table" and b.rows[0][0] == "Date").rows[1:]
    assert [row[0] for row in days] == [format_uk(d) for d in student.days_of(placements[0], start, end)]

    tree = parse_html(student.render("HTML", options))
    assert [text_of(h) for h in by_id(tree, "cpd").iter("h3")] == pieces
    assert [text_of(h) for h in by_id(tree, "reflections").iter("h4")] == reflections
    rows = by_id(tree, "registers").findall(".//table[@class='days']/tbody/tr")
    assert [text_of(tr.find("td")) for tr in rows] == [
        format_uk(d) for d in student.days_of(placements[0], start, end)
    ]

    pdf = read_pdf(student.render("PDF", options))
    assert pdf.children("CPD") == pieces
    assert pdf.children("Placement registers") == [p.name for p in placements]
    assert not any(heading in pdf.text for heading in left_out if heading not in pieces)
    register = pdf.section_text("Placement registers")
    assert student.counted_line(placements[0], start, end) in register
    bounds = {placements[0].start, placements[0].planned_end}
    outside = {d.date for d in student.days if not inside(d.date)} - bounds
    assert not [format_uk(d) for d in outside if format_uk(d) in register]
    # And each format's cover says which period it covers.
    period = f"{format_uk(start)} – {format_uk(end)}"
    assert f"Period: {period}" in [b.text for b in blocks if b.kind == "li"]
    assert period in text_of(by_id(tree, "cover"))
    assert period in collapse(pdf.pages[0])


def test_the_framework_option_narrows_what_is_judged(student: Sample) -> None:
    from praxis_socialwork.rules import load_catalogue

    assert len(student.profile.frameworks) > 1
    only = student.profile.frameworks[-1]
    name = load_catalogue([], None).frameworks[only].name
    options = ReportOptions(frameworks=(only,))
    assert {f.framework for f in student.portfolio(options).findings} == {only}

    summary = md_section(md_of(student, options), "h2", "Requirement summary")
    assert [b.text for b in summary if b.kind == "h3"] == [name]
    tree = parse_html(student.render("HTML", options))
    assert [text_of(h) for h in by_id(tree, "summary").iter("h3")] == [name]
    assert read_pdf(student.render("PDF", options)).children("Requirement summary") == [name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_progress_counts_up_to_the_total(student: Sample, fmt: str) -> None:
    calls: list[tuple[int, int, str]] = []
    render_report(student.portfolio(), fmt, lambda done, total, what: calls.append((done, total, what)))
    assert len(calls) >= 6  # at least once a section
    dones = [done for done, _, _ in calls]
    assert dones == sorted(dones) and dones[0] > 0
    total = calls[-1][1]
    assert {t for _, t, _ in calls} == {total} and dones[-1] == total
    assert total >= len(student.activities) + len(student.days) + len(student.reflections)


# ---------------------------------------------------------------------------------------------------
# praxis export report
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def alex_store(store_path: Path, clock: store.FixedClock) -> Sample:
    """The student sample in the store the ``praxis`` fixture's command line uses."""
    repo = Repository.open(store_path, clock)
    try:
        build_sample(repo, "student", clock.now().date())
        return read_sample(repo)
    finally:
        repo.close()


@pytest.mark.parametrize("ext", ["pdf", "html", "md"])
def test_cli_writes_the_report_for_its_owner_only_and_says_what_is_in_it(
    praxis, alex_store: Sample, tmp_path: Path, ext: str
) -> None:
    target = tmp_path / "out" / f"portfolio.{ext}"
    code, out, err = praxis("export", "report", "-o", str(target))
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert out.startswith(f"Wrote {target} (")
    done = [a for a in alex_store.activities if a.status == "complete"]  # planned and drafts do not count
    assert f"{len(done)} CPD pieces" in out
    assert f"{len(alex_store.days)} placement days" in out
    assert f"{len(alex_store.reflections)} reflections" in out
    data = target.read_bytes()
    if ext == "pdf":
        assert alex_store.profile.name in read_pdf(data).pages[0]
    elif ext == "html":
        assert text_of(by_id(parse_html(data), "cover")).count(alex_store.profile.name) >= 1
    else:
        assert [b.text for b in md_blocks(data.decode("utf-8")) if b.kind == "h1"] == ["Portfolio"]
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


def test_cli_period_and_framework_reach_the_report(praxis, alex_store: Sample, tmp_path: Path) -> None:
    target = tmp_path / "spring.md"
    code, out, err = praxis(
        "export", "report", "-o", str(target), "--from", "1/3/2026", "--to", "30/4/2026", "--framework", "pcf"
    )
    assert code == 0, err
    start, end = date(2026, 3, 1), date(2026, 4, 30)
    pieces = [a for a in alex_store.activities if a.date and start <= a.date <= end]
    assert f"{len(pieces)} CPD piece" in out
    blocks = md_blocks(target.read_text(encoding="utf-8"))
    assert [b.text for b in md_section(blocks, "h2", "CPD") if b.kind == "h3"] == [
        piece_heading(a) for a in pieces_in_order(pieces)
    ]
    judged = [b.text for b in md_section(blocks, "h2", "Requirement summary") if b.kind == "h3"]
    assert len(judged) == 1 and "PCF" in judged[0]


def test_cli_refuses_an_extension_it_cannot_write_and_writes_nothing(
    praxis, alex_store: Sample, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "portfolio.docx"
    code, out, err = praxis("export", "report", "-o", str(target))
    assert code == 1 and out == ""
    assert "portfolio.docx" in err and ".md, .html or .pdf" in err
    assert not target.parent.exists()


def test_the_reports_progress_cell_and_pace_heading_read_as_words() -> None:
    from praxis_socialwork.exports.report_words import FINDING_COLUMNS, have_need
    from praxis_socialwork.rules import Finding

    def finding(have: float, need: float) -> Finding:
        return Finding("swe", "2021", "pieces", "Pieces", "met", have, need, "pieces", None, None, None, "")

    assert have_need(finding(3, 2)) == "3 pieces, 2 needed"  # not "3 of 2 pieces"
    assert have_need(finding(1, 1)) == "1 of 1 piece"
    assert have_need(finding(1, 2)) == "1 of 2 pieces"
    assert "Pace needed" in FINDING_COLUMNS
