"""The PDF report's own text layout (issue 16) sets text as reportlab's Paragraph would, and keeps it.

The report no longer lays text out with reportlab's Paragraph (which measured every word of every
line again in pure Python, most of a PDF's cost): ``Text`` breaks lines from word widths measured
once, and writes them into the page itself. Paragraph is the reference here: for the same text,
style and width, the same words go on each line. The PDFs are read back with pypdf.
"""

from __future__ import annotations

import io
import os
import random
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from bench.generate import _BANKS
from praxis_socialwork import store
from praxis_socialwork.exports import pdf_text
from praxis_socialwork.exports.pdf_text import Text
from praxis_socialwork.exports.portfolio import ReportOptions, build_portfolio
from praxis_socialwork.exports.report_pdf import BODY_W, FONT, _Styles, render_pdf
from praxis_socialwork.store import Activity, Placement, PlacementDay, Profile, Repository

WIDTHS = (BODY_W, 120.0, 60.0)  # the page, a register's note column, a narrow cell


def bank_texts(count: int, seed: int = 7) -> list[str]:
    """Realistic paragraphs: sentences of the benchmark's text banks, some with names and numbers."""
    rng = random.Random(seed)
    sentences = [s for bank in _BANKS.values() for s in bank]
    slots = {"Topic": "Mental capacity", "topic": "mental capacity (MCA)", "who": "a carer",
             "role": "senior practitioner", "peer": "Dr Siân O'Neill"}  # fmt: skip
    texts = []
    for _ in range(count):
        picked = rng.sample(sentences, rng.randint(1, 12))
        texts.append(" ".join(s.format(**slots) for s in picked))
    return texts


def paragraph_lines(markup: str, style, width: float) -> list[list[str]]:
    """The words on each line reportlab's Paragraph sets ``markup`` in."""
    para = Paragraph(markup, style)
    para.wrap(width, 10_000)
    lines = para.blPara
    if lines.kind == 0:  # one font: each line is (space left, words)
        return [list(words) for _, words in lines.lines]
    return ["".join(frag.text for frag in line.words).split() for line in lines.lines]


def text_lines(flowable: Text, width: float) -> list[list[str]]:
    flowable.wrap(width, 10_000)
    return [" ".join(t for _, _, t in segs).split() for _, segs in flowable.lines or ()]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("style_name", ["body", "cell", "small"])
def test_plain_text_breaks_into_the_lines_paragraph_gives(width: float, style_name: str) -> None:
    pdf_text.fonts()
    style = getattr(_Styles(), style_name)
    for text in bank_texts(40):
        if any(pdf_text.metrics(FONT).width(w) * style.fontSize / 1000 > width for w in text.split()):
            continue  # a word wider than the line is cut differently (see the next test)
        assert text_lines(Text.plain(text, style), width) == paragraph_lines(text, style, width), text


def test_a_word_wider_than_the_line_is_cut_to_fit_and_kept_whole_in_order() -> None:
    style = _Styles().cell
    word = "https://example.org/" + "a-very-long-path-segment/" * 8
    text = f"See {word} for the notes."
    flowable = Text.plain(text, style)
    flowable.wrap(60.0, 10_000)
    for width, _ in flowable.lines or ():
        assert width * style.fontSize / 1000 <= 60.0 + 1e-6
    joined = "".join(t for _, segs in flowable.lines or () for _, _, t in segs)
    assert joined.replace(" ", "") == text.replace(" ", "")


def test_a_bold_label_and_its_text_break_as_paragraph_markup_does() -> None:
    pdf_text.fonts()
    style = _Styles().body
    for width in WIDTHS[:2]:
        for text in bank_texts(20, seed=3):
            runs = [(pdf_text.BOLD, None, "Impact on practice:"), (FONT, None, " " + text)]
            expected = paragraph_lines(f"<b>Impact on practice:</b> {text}", style, width)
            assert text_lines(Text(runs, style), width) == expected, text


def read_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def portfolio_of(repo: Repository, clock: store.FixedClock):
    from praxis_socialwork.rules import Records, load_catalogue

    return build_portfolio(
        repo.profile(), Records.read(repo), load_catalogue([], None), clock.now().date(), ReportOptions()
    )


@pytest.fixture
def repo(tmp_path: Path, clock: store.FixedClock):
    with Repository.open(tmp_path / "store" / "praxis.json", clock) as opened:
        opened.save_profile(Profile(name="Siân Ŵyn", role="student", frameworks=["swe", "pcf"]))
        yield opened


def test_text_with_pdf_string_characters_and_accents_reads_back_as_typed(repo, clock) -> None:
    note = r"Mum (Ms C) said \"no\" \ then yes (twice); Tŷ Llŵyd, Αλέξης, Дмитрий — 50% (approx.)"
    repo.add(Activity(date=date(2026, 5, 1), title="Course (day 1) \\ notes", type="course", hours=2,
                      learning=note))  # fmt: skip
    text = read_text(render_pdf(portfolio_of(repo, clock)))
    assert "Course (day 1) \\ notes" in text
    assert " ".join(note.split()) in text


def test_a_piece_longer_than_a_page_flows_on_whole_and_in_order(repo, clock) -> None:
    words = [f"word{i}" for i in range(2500)]
    repo.add(Activity(date=date(2026, 5, 1), title="Long", type="course", hours=2, learning=" ".join(words)))
    repo.add(Activity(date=date(2026, 5, 2), title="Short after", type="course", hours=1))
    text = read_text(render_pdf(portfolio_of(repo, clock)))
    found = [w for w in text.split() if w.startswith("word")]
    assert found == words
    assert text.index("word2499") < text.index("Short after")


def test_register_rows_beyond_a_page_repeat_the_heading_row(repo, clock) -> None:
    placement = repo.add(Placement(name="Team A", kind="final", start=date(2026, 1, 5), required_days=100))
    day = date(2026, 1, 5)
    for n in range(90):
        repo.add(PlacementDay(placement_id=placement.id, date=day, hours=7, note=f"Note {n} " + "text " * 30))
        day = date.fromordinal(day.toordinal() + 1)
    reader = PdfReader(io.BytesIO(render_pdf(portfolio_of(repo, clock))))
    pages = [p.extract_text() for p in reader.pages]
    register_pages = [p for p in pages if "Note " in p and "text text" in p]
    assert len(register_pages) > 2
    assert all("Date" in p and "Signed off" in p for p in register_pages)
    notes = [
        int(n) for n in re.findall(r"Note (\d+) text", " ".join(" ".join(p.split()) for p in register_pages))
    ]
    assert notes == list(range(90))  # every day once, in order


@pytest.mark.skipif(os.environ.get("PRAXIS_SKIP_SLOW") == "1", reason="runs the command line six times")
def test_pdf_rows_times_both_reports_of_a_filled_store(tmp_path: Path) -> None:
    from bench.context import bench_clock
    from bench.mixed_store import fill_mixed_store
    from bench.pdf_speed import pdf_rows

    store_path = tmp_path / "store" / "praxis.json"
    fill_mixed_store(store_path, 60, bench_clock())
    env = {
        **os.environ, "PRAXIS_CLOCK": "2026-11-22T12:00",
        "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"),
    }  # fmt: skip
    [row] = pdf_rows(60, tmp_path / "out", store_path, env)
    name, records, cpu, ratio, goal, ok = row
    assert (name, records, goal) == ("export report (pdf)", "60", "<= 2x html")
    assert float(cpu) > 0 and ratio.endswith("x html") and ok in ("yes", "NO")
    assert (tmp_path / "out" / "x.pdf").read_bytes().startswith(b"%PDF")
