"""``praxis add reflection``: a reflection written by a reflective model's stages, as the app saves it.

Each stage is named as its model names it (``--stage feelings="…"``, any case), or read from a file
or stdin (``--stage-file analysis=notes.md``, ``-`` for stdin). The reflection goes through the
same checks as the app's editor, and the same confidentiality check: text that may identify a
person is warned of, with the key ``praxis check-privacy --mark`` takes, and never blocks (as in
the app, where F8 keeps it as written; here ``--keep-flagged``). ``--draft`` keeps it, unsaved, as
the app's new-reflection draft instead: it is not a record, so it counts toward nothing until it
is saved in the app. Anything wrong refuses the whole command and writes nothing. No Textual here.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.cli.common import open_repo
from praxis_socialwork.store import (
    Problem,
    Reflection,
    ValidationError,
    format_typed,
    format_uk,
    today,
    vocab,
)

if TYPE_CHECKING:
    from praxis_socialwork.exports.privacy import RecordFlag
    from praxis_socialwork.store import Repository
    from praxis_socialwork.store.drafts import Drafts
    from praxis_socialwork.store.field_reader import FieldReader

NEW_DRAFT = "reflection-new"  # the app's editor keeps an unsaved new reflection under this key
STDIN = "-"


def register(kinds: Any, common: argparse.ArgumentParser) -> None:
    """Add ``reflection`` to the kinds of record ``praxis add`` adds."""
    stages = "; ".join(
        f"{model}: {', '.join(name for name, _ in vocab.REFLECTION_STAGES[model])}"
        for model in vocab.REFLECTION_MODELS
    )
    ref = kinds.add_parser(
        "reflection",
        parents=[common],
        help="a reflection written by a reflective model's stages",
        description="Add a reflection as the app saves it. Stages, by model: " + stages + ".",
        epilog="Example: praxis add reflection --model gibbs --title 'A home visit' "
        "--stage description='What happened' --stage-file analysis=analysis.md --standard pcf:6",
    )
    ref.add_argument("--date", default="today", help="2026-03-04 or 04/03/2026, day first (default today)")
    ref.add_argument("--title", required=True, help="what it is about, in a few words")
    ref.add_argument("--model", required=True, help=", ".join(vocab.REFLECTION_MODELS))
    ref.add_argument("--stage", action="append", default=[], metavar="NAME=TEXT",
                     help="a stage's text, e.g. feelings='I felt unsure' (repeat for each)")  # fmt: skip
    ref.add_argument("--stage-file", action="append", default=[], metavar="NAME=PATH",
                     help="a stage's text from a UTF-8 file, or - for stdin (repeat)")  # fmt: skip
    ref.add_argument("--theories", default="", help="theories, research, law or policy that helped")
    ref.add_argument("--theories-file", metavar="PATH", help="the theories from a file, or - for stdin")
    ref.add_argument("--standard", action="append", default=[], metavar="CODE",
                     help="a code it evidences, e.g. pcf:6 (repeat, or commas between)")  # fmt: skip
    ref.add_argument("--link", action="append", default=[], metavar="ID",
                     help="an activity or placement day it reflects on: its id, or the start of it "
                     "as praxis list shows it (repeat)")  # fmt: skip
    ref.add_argument("--draft", action="store_true",
                     help="keep it unsaved, as the app's new-reflection draft, to finish in the app "
                     "(it counts toward nothing until saved there)")  # fmt: skip
    ref.add_argument("--keep-flagged", action="store_true",
                     help="keep what the confidentiality check flags as written (F8 in the app)")  # fmt: skip
    ref.set_defaults(func=cmd_add_reflection)


def cmd_add_reflection(args: argparse.Namespace) -> int:
    """Add a reflection (or keep it as the app's draft with ``--draft``); refuse, writing nothing,
    on any problem."""
    from praxis_socialwork.store.field_reader import FieldReader

    with open_repo(args, write=True) as repo:
        r = FieldReader(today(repo.clock))
        model = r.choice("model", args.model, vocab.REFLECTION_MODELS, "reflective model", "")
        files = _Files()
        texts = _stage_texts(r, args.stage, args.stage_file, files)
        stages = _named_stages(r, model, texts) if model else {}
        theories = _theories(r, args.theories, args.theories_file, files)
        reflection = Reflection(
            id=str(uuid.uuid4()),  # known before saving, so the flags' keys are too
            date=r.date("date", args.date),
            title=r.text(args.title),
            model=model or "free",
            stages=stages,
            theories=theories,
            standards=r.codes(",".join(args.standard), sep=","),
            links=_links(r, repo, args.link),
        )
        if model and not (args.stage or args.stage_file or args.draft):
            names = ", ".join(stage_names(model))
            r.problem("stage", f"write at least one stage of {model} ({names}) with --stage or --stage-file")
        if args.draft and args.keep_flagged:
            r.problem(
                "keep-flagged", "a draft has no id yet; keep flagged text in the app (F8) as you save it"
            )
        drafts = None
        if args.draft:
            from praxis_socialwork.store.drafts import Drafts

            drafts = Drafts(repo.path)
            if (title := new_draft_title(drafts)) is not None:
                r.problem("draft", f"the app already keeps an unsaved new reflection ('{title}'); "
                          "finish or discard it there first (Reflections: r, then n)")  # fmt: skip
        r.check(reflection)
        profile = repo.profile()
        flags = _flags(repo, reflection, profile.privacy_reviewed if profile else [])
        if args.keep_flagged and flags and profile is None:
            raise ValidationError([Problem("keep-flagged", "set up first: praxis init (kept flags are "
                                           "remembered with your profile)")])  # fmt: skip
        if drafts is not None:
            drafts.save(NEW_DRAFT, {"values": draft_values(reflection)})
        else:
            with repo.transaction():
                saved = repo.add(reflection)
                if args.keep_flagged and flags and profile is not None:
                    keys = [f.key for f in flags if f.key not in profile.privacy_reviewed]
                    repo.save_profile(replace(profile, privacy_reviewed=[*profile.privacy_reviewed, *keys]))
    if drafts is not None:
        print(_draft_line(reflection))
    else:
        print(_saved_line(saved))
        if missing := [n for n in stage_names(saved.model) if n not in saved.stages]:
            them = "it" if len(missing) == 1 else "them"
            print(f"Not written: {', '.join(missing)} (to add {them} later: the app, r, then e).")
    _say_flags(flags, kept=args.keep_flagged and not args.draft, draft=args.draft)
    return 0


def new_draft_title(drafts: Drafts) -> str | None:
    """The title of the new reflection the app keeps unsaved as a draft ("untitled"), or None."""
    kept = drafts.load(NEW_DRAFT)
    if kept is None:
        return None
    values = kept.get("values")
    return str(values.get("title") or "untitled") if isinstance(values, dict) else "untitled"


def stage_names(model: str) -> list[str]:
    """The stages ``model`` lays out, in order (none for a model Praxis does not know)."""
    return [name for name, _ in vocab.REFLECTION_STAGES.get(model, ())]


def draft_values(reflection: Reflection) -> dict[str, str]:
    """The reflection as the app's editor keeps a draft: each field's text, as typed there."""
    values = {
        "date": format_typed(reflection.date) if reflection.date else "",
        "title": reflection.title,
        "model": reflection.model,
        "theories": reflection.theories,
        "standards": ", ".join(reflection.standards),
        "links": ",".join(reflection.links),
    }
    values.update(
        {f"stage-{name}": reflection.stages.get(name, "") for name in stage_names(reflection.model)}
    )
    return values


# -- reading what was typed ------------------------------------------------------------------------


class _Files:
    """Reads the files (and stdin, once) that stage texts come from."""

    def __init__(self) -> None:
        self.stdin_for = ""

    def read(self, r: FieldReader, field: str, path: str) -> str | None:
        """The file's text, or None with a problem recorded (no such file, not UTF-8, stdin twice)."""
        if path.strip() == STDIN:
            if self.stdin_for:
                r.problem(field, f"stdin (-) is already read for {self.stdin_for}; give the others a file")
                return None
            self.stdin_for = field
            return sys.stdin.read()
        try:
            return Path(path).expanduser().read_text(encoding="utf-8")
        except UnicodeDecodeError:
            r.problem(field, f"{path} is not UTF-8 text")
        except OSError as exc:
            r.problem(field, f"could not read {path} ({exc.strerror or exc})")
        return None


def _tidy(text: str) -> str:
    """A stage's text as the app keeps it: Windows line ends as plain ones, blank lines and spaces
    at either end dropped (indentation at the start of the first line kept)."""
    return text.replace("\r\n", "\n").strip("\n").rstrip()


def _stage_texts(
    r: FieldReader, typed: list[str], from_files: list[str], files: _Files
) -> list[tuple[str, str]]:
    """``(name as typed, text)`` for each stage given, in order; a problem for each given wrongly."""
    found: list[tuple[str, str]] = []
    for flag, items in (("--stage", typed), ("--stage-file", from_files)):
        what = "TEXT" if flag == "--stage" else "PATH"
        for item in items:
            name, sep, value = item.partition("=")
            name = name.strip()
            if not sep or not name:
                r.problem("stage", f"'{item}' should be NAME={what}, e.g. {flag} description=…")
                continue
            text = value if flag == "--stage" else files.read(r, f"stage {name}", value)
            if text is None:
                continue
            if not _tidy(text):
                r.problem(f"stage {name}", "is empty; write it, or leave the stage out")
                continue
            found.append((name, _tidy(text)))
    return found


def _named_stages(r: FieldReader, model: str, texts: list[tuple[str, str]]) -> dict[str, str]:
    """The texts under the model's own stage names, in the model's order (a name typed in any case,
    with spaces or underscores for hyphens); a problem for an unknown name or one given twice."""
    names = tuple(stage_names(model))
    chosen: dict[str, str] = {}
    for typed, text in texts:
        try:
            name = vocab.choose(typed, names, f"stage of {model}")
        except ValueError as exc:
            r.problem("stage", str(exc))
            continue
        if name in chosen:
            r.problem(f"stage {name}", "is given twice; give each stage once")
            continue
        chosen[name] = text
    return {name: chosen[name] for name in names if name in chosen}


def _theories(r: FieldReader, typed: str, path: str | None, files: _Files) -> str:
    if path is None:
        return _tidy(typed)
    if typed.strip():
        r.problem("theories", "give --theories or --theories-file, not both")
        return ""
    return _tidy(files.read(r, "theories", path) or "")


def _links(r: FieldReader, repo: Repository, typed: list[str]) -> list[str]:
    """The ids of the activities and placement days linked: each given by its id or a unique start
    of it (at least 4 characters, as ``praxis list`` shows 8)."""
    refs = r.items(",".join(typed), sep=",")
    if not refs:
        return []
    ids = [a.id for a in repo.activities()] + [d.id for d in repo.days()]
    out: list[str] = []
    for ref in refs:
        wanted = ref.lower()
        found = [i for i in ids if i == wanted] or (
            [i for i in ids if i.startswith(wanted)] if len(wanted) >= 4 else []
        )
        if len(found) == 1:
            if found[0] not in out:
                out.append(found[0])
        elif found:
            r.problem("link", f"'{ref}' is the start of {len(found)} records' ids; give more of it")
        else:
            r.problem("link", f"no activity or placement day has the id '{ref}' "
                      "(praxis list activities and praxis list days show them)")  # fmt: skip
    return out


# -- the confidentiality check ---------------------------------------------------------------------


def _flags(repo: Repository, reflection: Reflection, reviewed: list[str]) -> list[RecordFlag]:
    """What the confidentiality check flags in the reflection and is not yet reviewed; names of
    staff (educators, supervisors, who signed or commented) and the person's own are expected."""
    from praxis_socialwork.exports.privacy import scan_records

    profile = repo.profile()
    staff = [*repo.placements(), *repo.signoffs(), *repo.comments()]
    found = scan_records([reflection, *staff], reviewed, names=[profile.name] if profile else [])
    return [f for f in found if f.record_id == reflection.id]


def _say_flags(flags: list[RecordFlag], *, kept: bool, draft: bool) -> None:
    """Print the flags, each with where it is and (for a saved reflection) its key: on stdout as
    kept, else as a warning on stderr (a warning, not a rule: the reflection is kept either way)."""
    if not flags:
        return
    things = "possible identifier" if len(flags) == 1 else "possible identifiers"
    lines = [
        f"  {f.field_label}, line {f.flag.line}, col {f.flag.column}: {f.flag.label} "
        f"'{' '.join(f.flag.text.split())}' — {f.flag.suggestion}" + ("" if draft else f" [key {f.key}]")
        for f in flags
    ]
    if kept:
        print(f"Kept {len(flags)} {things} as written (marked as reviewed):", *lines, sep="\n")
        return
    it = "it" if len(flags) == 1 else "them"
    # A draft has no id yet, so no keys: the app's editor flags the same text, and F8 keeps it there.
    keep = "in the app (F8) as you save it" if draft else "praxis check-privacy --mark KEY"
    print(
        f"praxis: warning: {len(flags)} {things} in this reflection:", *lines,
        f"Anonymise {it} (in the app: r, then {'n' if draft else 'e'}), or keep {it} as written: {keep}",
        sep="\n", file=sys.stderr,
    )  # fmt: skip


# -- what is said ----------------------------------------------------------------------------------


def _stages_written(reflection: Reflection) -> str:
    total = len(stage_names(reflection.model))
    written = len(reflection.stages)
    return f"{written} of {total} stage{'s' if total != 1 else ''} written"


def _saved_line(saved: Reflection) -> str:
    assert saved.date is not None
    extra = f", evidences {', '.join(saved.standards)}" if saved.standards else ""
    if saved.links:
        extra += f", linked to {len(saved.links)} record{'s' if len(saved.links) != 1 else ''}"
    return (
        f"Added {saved.model} reflection '{saved.title}' on {format_uk(saved.date)}: "
        f"{_stages_written(saved)}{extra} ({saved.id})."
    )


def _draft_line(reflection: Reflection) -> str:
    assert reflection.date is not None
    return (
        f"Kept {reflection.model} reflection '{reflection.title}' ({format_uk(reflection.date)}, "
        f"{_stages_written(reflection)}) as an unsaved draft: it counts toward nothing until you save "
        "it in the app (Reflections: r, then n, then Ctrl+S)."
    )
