"""``praxis review PATH``: open a student's store, or the bundle they sent, as their practice educator.

A store is reviewed in place. A bundle (``alex.praxis.json``) is brought into a review copy of its
own in the educator's data folder (``reviews/<name>-<id>/``), merged by id each time a newer
bundle from the same student arrives, so the educator's earlier sign-offs and comments stay. When
the app closes, the review goes back as a bundle beside the one received
(``alex.reviewed.praxis.json``) for the student to import: their edits in the meantime are kept,
and they receive the sign-offs and comments.
"""

from __future__ import annotations

from pathlib import Path

from praxis_socialwork.cli.common import make_clock
from praxis_socialwork.services.file_names import name_slug
from praxis_socialwork.store import PraxisError, Repository, resolve_store_path
from praxis_socialwork.store.signing import Educator, reviewer

REVIEWED = ".reviewed"


def returned_path(bundle: Path) -> Path:
    """Where the reviewed bundle goes: beside the one received, ``NAME.reviewed.praxis.json``."""
    from praxis_socialwork.exports.bundle import SUFFIX

    stem = bundle.name[: -len(SUFFIX)] if bundle.name.lower().endswith(SUFFIX) else bundle.stem
    stem = stem.removesuffix(REVIEWED)
    return bundle.with_name(f"{stem}{REVIEWED}{SUFFIX}")


def review_copy(bundle: Path) -> Path:
    """The review copy's store for the student whose bundle this is (one folder per student)."""
    import platformdirs

    from praxis_socialwork.exports.bundle import read_bundle

    profile = read_bundle(bundle).profile
    name = profile.name if profile else bundle.name
    slug = name_slug(name, "student")
    ident = profile.id[:8] if profile else "unknown"
    return (
        platformdirs.user_data_path("praxis", appauthor=False) / "reviews" / f"{slug}-{ident}" / "praxis.json"
    )


def _review_records(repo: Repository) -> tuple[int, int]:
    return len(repo.signoffs()), len(repo.comments())


def run_review(path: Path, *, by: str | None = None, role: str | None = None) -> int:
    """Open the app on ``path`` (a store, its folder, or a bundle) as the practice educator ``by``.

    Raises ``PraxisError`` when no name is known for the educator or nothing is at ``path``.
    """
    from praxis_socialwork.exports.bundle import is_bundle
    from praxis_socialwork.tui.app_runner import require_terminal

    require_terminal()
    educator = reviewer(by, role)
    path = Path(path).expanduser()
    if is_bundle(path):
        return _review_bundle(path, educator)
    store = resolve_store_path(path)
    if not store.exists():
        raise PraxisError(f"no Praxis store or bundle at {path} (a bundle's name ends in .praxis.json)")
    return _run(store, educator)


def _run(store: Path, educator: Educator) -> int:
    from praxis_socialwork.tui.app import make_app_for
    from praxis_socialwork.tui.app_runner import run_full_screen

    return run_full_screen(make_app_for(store, make_clock(), reviewer=educator))


def _review_bundle(bundle: Path, educator: Educator) -> int:
    from praxis_socialwork.exports.bundle import export_bundle, import_bundle

    if not bundle.exists():
        raise PraxisError(f"no bundle at {bundle}")
    copy = review_copy(bundle)
    clock = make_clock()
    with Repository.open(copy, clock) as repo:
        import_bundle(repo, bundle)
        before = _review_records(repo)
    code = _run(copy, educator)
    with Repository.open(copy, clock) as repo:
        after = _review_records(repo)
        signed, commented = after[0] - before[0], after[1] - before[1]
        if signed <= 0 and commented <= 0:
            print(
                f"Nothing was signed off or commented on, so no reviewed bundle was written (kept in {copy})."
            )
            return code
        out = returned_path(bundle)
        export_bundle(repo, out)
        profile = repo.profile()
    who = profile.name if profile else "the student"
    what = [
        f"{n} {word}{'s' if n != 1 else ''}"
        for n, word in ((signed, "sign-off"), (commented, "comment"))
        if n
    ]
    print(
        f"Your review ({' and '.join(what)}) is in {out}.\n"
        f"Send it back to {who}; they bring it in with: praxis import {out.name}"
    )
    return code
