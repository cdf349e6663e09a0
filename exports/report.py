"""Writing a portfolio report: Markdown, HTML or PDF, chosen by the file's extension.

``praxis export report`` and the app's export dialog both call ``write_report``. The file is written
whole or not at all (a temporary file renamed over it), readable by its owner only, as a report
holds reflections.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from praxis_socialwork.exports.portfolio import Portfolio, Progress
from praxis_socialwork.exports.report_words import plural
from praxis_socialwork.store import PraxisError
from praxis_socialwork.store.files import atomic_write

FORMATS = {".md": "Markdown", ".markdown": "Markdown", ".html": "HTML", ".htm": "HTML", ".pdf": "PDF"}


@dataclass(frozen=True)
class ReportResult:
    """What was written: where, in which format, and what it holds."""

    path: Path
    format: str
    size: int
    pieces: int
    days: int
    reflections: int

    def summary(self) -> str:
        """One line for the person who asked: ``Wrote portfolio.pdf (PDF, 84 KiB): 15 CPD pieces, …``."""
        kib = max(1, round(self.size / 1024))
        return (
            f"Wrote {self.path} ({self.format}, {kib} KiB): {plural(self.pieces, 'CPD piece')}, "
            f"{plural(self.days, 'placement day')}, {plural(self.reflections, 'reflection')}."
        )


def report_format(path: Path) -> str:
    """Return the format a report at ``path`` is written in, or say which extensions there are."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise PraxisError(
            f"cannot tell what kind of report {path.name} is: end the name in .md, .html or .pdf"
        )
    return fmt


def render_report(portfolio: Portfolio, fmt: str, progress: Progress | None = None) -> bytes:
    """Lay out ``portfolio`` in ``fmt`` (``Markdown``, ``HTML`` or ``PDF``) and return the file's bytes."""
    if fmt == "Markdown":
        from praxis_socialwork.exports.report_md import render_markdown

        return render_markdown(portfolio, progress).encode("utf-8")
    if fmt == "HTML":
        from praxis_socialwork.exports.report_html import render_html

        return render_html(portfolio, progress).encode("utf-8")
    from praxis_socialwork.exports.report_pdf import render_pdf  # reportlab loads only for a PDF

    return render_pdf(portfolio, progress)


def write_report(portfolio: Portfolio, path: Path, progress: Progress | None = None) -> ReportResult:
    """Write ``portfolio`` to ``path`` in the format its extension names; return what was written."""
    path = Path(path).expanduser()
    fmt = report_format(path)
    data = render_report(portfolio, fmt, progress)
    atomic_write(path, data)
    return ReportResult(
        path=path,
        format=fmt,
        size=len(data),
        pieces=len(portfolio.cpd),
        days=sum(len(r.rows) for r in portfolio.registers),
        reflections=sum(len(g.entries) for g in portfolio.reflections),
    )
