"""``praxis add reflection`` as a person scripts it: what it keeps, what the rules make of it, what
it refuses (writing nothing), drafts the app opens, and the confidentiality warning."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from praxis_socialwork.store import Repository
from praxis_socialwork.store.drafts import Drafts

NHS = "943 476 5919"  # a valid-looking NHS number (fictional)


def asye_practitioner(praxis) -> None:
    """A newly qualified social worker in their ASYE, registered on 5 January 2026."""
    code, out, err = praxis(
        "init", "--name", "Alex Example", "--role", "practitioner", "--framework", "asye",
        "--registered-on", "2026-01-05",
    )  # fmt: skip
    assert code == 0, err


def critical_reflections(praxis) -> dict:
    """The ASYE critical-reflections finding as ``praxis gaps --json`` gives it today."""
    code, out, err = praxis("gaps", "--json")
    assert code == 0, err
    (found,) = [f for f in json.loads(out)["findings"] if f["requirement"] == "critical-reflections"]
    return found


def listed(praxis) -> list[dict]:
    code, out, err = praxis("list", "reflections", "--json")
    assert code == 0, err
    return json.loads(out)


def store_files(store_path: Path) -> dict[str, bytes]:
    """Every file Praxis keeps beside the store (drafts and backups too), by path, with its bytes."""
    folder = store_path.parent
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


GIBBS = (
    "add", "reflection", "--model", "Gibbs", "--title", "A home visit that went quiet",
    "--date", "20/11/2026",
    "--stage", "Description=I visited an older man at home with my practice educator.",
    "--stage", "FEELINGS=I felt nervous when the conversation stopped.",
    "--stage", "action plan=Ask about silence in supervision.",
    "--standard", "pcf:6,swe:2.1",
)  # fmt: skip


# -- what is kept --------------------------------------------------------------------------------


def test_a_gibbs_reflection_is_kept_with_its_stages_in_the_models_order(
    praxis, tmp_path: Path, store_path: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    asye_practitioner(praxis)
    code, out, err = praxis(
        "add", "activity", "--date", "2026-11-19", "--title", "Reading on silence", "--hours", "1"
    )
    assert code == 0, err
    (activity,) = json.loads(praxis("list", "activities", "--json")[1])
    analysis = tmp_path / "analysis.md"
    analysis.write_text("Silence can be thinking time.\r\nI filled it too soon.\r\n\r\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("Talk less, wait more.\n"))

    code, out, err = praxis(
        *GIBBS,
        "--stage-file", f"analysis={analysis}",
        "--stage-file", "conclusion=-",
        "--theories", "Rogers on active listening.",
        "--link", activity["id"][:8],
    )  # fmt: skip

    assert code == 0, err
    (kept,) = listed(praxis)
    assert out.splitlines()[0] == (
        "Added gibbs reflection 'A home visit that went quiet' on Fri 20 Nov 2026: 5 of 6 stages "
        f"written, evidences pcf:6, swe:2.1, linked to 1 record ({kept['id']})."
    )
    assert out.splitlines()[1].startswith("Not written: evaluation ")
    assert err == ""  # nothing in it looks like it identifies anyone
    assert kept["model"] == "gibbs" and kept["date"] == "2026-11-20"
    assert list(kept["stages"].items()) == [  # the model's order, whatever order they were given in
        ("description", "I visited an older man at home with my practice educator."),
        ("feelings", "I felt nervous when the conversation stopped."),
        ("analysis", "Silence can be thinking time.\nI filled it too soon."),
        ("conclusion", "Talk less, wait more."),
        ("action-plan", "Ask about silence in supervision."),
    ]
    assert kept["standards"] == ["pcf:6", "swe:2.1"]
    assert kept["links"] == [activity["id"]]
    assert kept["theories"] == "Rogers on active listening."
    with Repository.open(store_path, clock) as repo:  # as the app finds it
        (reflection,) = repo.reflections()
    assert reflection.stages["conclusion"] == "Talk less, wait more."
    code, out, _ = praxis("list", "reflections")
    row = next(line for line in out.splitlines() if "A home visit" in line)
    assert row.split() == ["2026-11-20", "A", "home", "visit", "that", "went", "quiet", "gibbs", "5/6",
                           "pcf:6,swe:2.1", kept["id"][:8]]  # fmt: skip


@pytest.mark.parametrize(
    ("model", "stages"),
    [
        ("kolb", {"concrete-experience": "I chaired my first review.", "Active Experimentation": "Agenda."}),
        ("driscoll", {"what": "A duty call.", "so_what": "Thresholds matter.", "now-what": "Read them."}),
        ("Schön", {"in-action": "I slowed down.", "on-action": "It helped."}),
        ("free", {"text": "First week: new names."}),
    ],
)
def test_every_model_takes_its_own_stage_names(praxis, model: str, stages: dict[str, str]) -> None:
    args = [arg for name, text in stages.items() for arg in ("--stage", f"{name}={text}")]
    code, out, err = praxis("add", "reflection", "--model", model, "--title", "T", *args)
    assert code == 0, err
    (kept,) = listed(praxis)
    assert sorted(kept["stages"].values()) == sorted(stages.values())
    assert kept["model"] == {"Schön": "schon"}.get(model, model)
    assert kept["date"] == "2026-11-22"  # today, as the app's editor starts


# -- what the rules make of it -----------------------------------------------------------------------


def test_the_asye_counts_each_reflection_added(praxis) -> None:
    asye_practitioner(praxis)
    before = critical_reflections(praxis)
    assert (before["have"], before["need"], before["records"]) == (0, 2, [])

    code, out, err = praxis(*GIBBS)
    assert code == 0, err
    (first,) = listed(praxis)
    after = critical_reflections(praxis)
    assert after["have"] == 1 and after["records"] == [first["id"]] and after["status"] != "met"

    code, _, err = praxis("add", "reflection", "--model", "driscoll", "--title", "Six months in",
                          "--date", "2026-07-06", "--stage", "what=My six-month review.")  # fmt: skip
    assert code == 0, err
    done = critical_reflections(praxis)
    assert (done["have"], done["status"]) == (2, "met")


def test_a_draft_is_kept_for_the_app_and_counts_toward_nothing(praxis, store_path: Path) -> None:
    asye_practitioner(praxis)
    code, out, err = praxis(*GIBBS, "--draft")
    assert code == 0, err
    assert "as an unsaved draft: it counts toward nothing until you save it in the app" in out
    assert listed(praxis) == []
    assert critical_reflections(praxis)["have"] == 0
    code, out, _ = praxis("list", "reflections")
    assert "No reflections yet." in out
    assert "Unsaved: a new reflection kept as a draft ('A home visit that went quiet')" in out
    values = Drafts(store_path).load("reflection-new")["values"]  # the editor's own draft
    assert values["date"] == "20/11/2026" and values["model"] == "gibbs"
    assert values["stage-feelings"] == "I felt nervous when the conversation stopped."
    assert values["stage-evaluation"] == "" and values["standards"] == "pcf:6, swe:2.1"

    # A second draft would overwrite what the person may be typing in the app: refused.
    before = store_files(store_path)
    code, out, err = praxis("add", "reflection", "--model", "free", "--title", "Other",
                            "--stage", "text=Other", "--draft")  # fmt: skip
    assert code == 1 and out == ""
    assert "draft: the app already keeps an unsaved new reflection ('A home visit that went quiet')" in err
    assert store_files(store_path) == before


async def test_the_app_opens_the_draft_and_saving_it_there_counts(praxis, store_path: Path, clock) -> None:
    from textual.widgets import Input, TextArea

    from praxis_socialwork.tui.app import make_app

    asye_practitioner(praxis)
    assert praxis(*GIBBS, "--draft")[0] == 0
    with Repository.open(store_path, clock) as repo:
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            editor = app.screen
            assert editor.query_one("#field-title", Input).value == "A home visit that went quiet"
            assert editor.query_one("#field-model").value == "gibbs"
            text = editor.query_one("#field-stage-action-plan", TextArea).text
            assert text == "Ask about silence in supervision."
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert [r["title"] for r in listed(praxis)] == ["A home visit that went quiet"]
    assert critical_reflections(praxis)["have"] == 1
    assert Drafts(store_path).load("reflection-new") is None


# -- what is refused ------------------------------------------------------------------------------

REFUSED = [
    (["--model", "gibs", "--stage", "description=x"],
     "model: 'gibs' is not a known reflective model; choose one of gibbs, kolb, driscoll, schon, free. "
     "Did you mean 'gibbs'?"),
    (["--model", "gibbs", "--stage", "feeling=x"],
     "stage: 'feeling' is not a known stage of gibbs; choose one of description, feelings, evaluation, "
     "analysis, conclusion, action-plan. Did you mean 'feelings'?"),
    (["--model", "driscoll", "--stage", "description=x"],
     "stage: 'description' is not a known stage of driscoll; choose one of what, so-what, now-what."),
    (["--model", "gibbs", "--stage", "description=x", "--stage", "feelings=  "],
     "stage feelings: is empty; write it, or leave the stage out"),
    (["--model", "gibbs", "--stage", "description"], "stage: 'description' should be NAME=TEXT"),
    (["--model", "gibbs", "--stage", "description=x", "--stage", "Description=y"],
     "stage description: is given twice; give each stage once"),
    (["--model", "gibbs"], "stage: write at least one stage of gibbs (description, feelings, evaluation, "
     "analysis, conclusion, action-plan) with --stage or --stage-file"),
    (["--model", "gibbs", "--stage", "description=x", "--date", "31/02/2026"],
     "date: '31/02/2026' is not a real date"),
    (["--model", "gibbs", "--stage", "description=x", "--date", "03/25/2026"], "date: "),
    (["--model", "gibbs", "--stage", "description=x", "--date", "2026-11-23"],
     "date: Mon 23 Nov 2026 is in the future"),
    (["--model", "gibbs", "--stage", "description=x", "--standard", "pcf:99"],
     "standards: 'pcf:99' is not a pcf code Praxis knows"),
    (["--model", "gibbs", "--stage", "description=x", "--link", "abcd1234"],
     "link: no activity or placement day has the id 'abcd1234'"),
    (["--model", "gibbs", "--stage-file", "description=no-such-file.md"],
     "stage description: could not read no-such-file.md"),
    (["--model", "gibbs", "--stage", "description=x", "--draft", "--keep-flagged"],
     "keep-flagged: a draft has no id yet"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "said"), REFUSED, ids=[s.split(":")[0] + str(i) for i, (_, s) in
                                                         enumerate(REFUSED)])  # fmt: skip
def test_bad_input_is_refused_with_the_field_named_and_nothing_written(
    praxis, store_path: Path, args: list[str], said: str
) -> None:
    asye_practitioner(praxis)
    assert praxis(*GIBBS)[0] == 0
    before = store_files(store_path)

    code, out, err = praxis("add", "reflection", "--title", "Refused", *args)

    assert code == 1 and out == ""
    assert said in err, err
    assert store_files(store_path) == before
    assert [r["title"] for r in listed(praxis)] == ["A home visit that went quiet"]
    assert critical_reflections(praxis)["have"] == 1


def test_every_problem_is_said_at_once(praxis, store_path: Path) -> None:
    code, out, err = praxis("add", "reflection", "--model", "gibbs", "--title", " ", "--date", "32/01/2026",
                            "--stage", "feeling=x", "--stage", "analysis=")  # fmt: skip
    assert code == 1 and out == ""
    lines = err.removeprefix("praxis: ").splitlines()
    assert [line.split(":")[0] for line in lines] == ["stage analysis", "stage", "date", "title"]
    assert not store_path.exists() or listed(praxis) == []


def test_stdin_is_read_once(praxis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Only once."))
    code, _, err = praxis("add", "reflection", "--model", "gibbs", "--title", "T",
                          "--stage-file", "description=-", "--theories-file", "-")  # fmt: skip
    assert code == 1 and "theories: stdin (-) is already read for stage description" in err
    assert listed(praxis) == []


# -- the confidentiality check -------------------------------------------------------------------


def test_identifying_text_is_warned_of_and_kept_as_in_the_app(praxis) -> None:
    asye_practitioner(praxis)
    code, out, err = praxis("add", "reflection", "--model", "gibbs", "--title", "Letter",
                            "--stage", "description=Nothing here.",
                            "--stage", f"analysis=The letter had NHS {NHS} on it.")  # fmt: skip
    assert code == 0 and out.startswith("Added gibbs reflection 'Letter'")  # a warning, not a rule
    warning = err.splitlines()
    assert warning[0] == "praxis: warning: 1 possible identifier in this reflection:"
    assert warning[1].startswith(f"  Analysis, line 1, col 20: NHS number '{NHS}'")
    key = warning[1].rsplit("[key ", 1)[1].rstrip("]")
    assert "praxis check-privacy --mark KEY" in warning[2]
    code, out, _ = praxis("check-privacy", "--json")
    assert code == 1 and [f["key"] for f in json.loads(out)["flags"]] == [key]


def test_keep_flagged_marks_them_reviewed_as_f8_does(praxis) -> None:
    asye_practitioner(praxis)
    code, out, err = praxis("add", "reflection", "--model", "free", "--title", "Letter", "--keep-flagged",
                            "--stage", f"text=NHS {NHS}, and Mrs Jones at SW1A 1AA.")  # fmt: skip
    assert code == 0 and err == ""
    assert "Kept 3 possible identifiers as written (marked as reviewed):" in out
    code, out, _ = praxis("check-privacy", "--json")
    report = json.loads(out)
    assert code == 0 and (report["unreviewed"], report["reviewed"]) == (0, 3)


def test_a_draft_is_warned_of_without_keys_it_cannot_have_yet(praxis, store_path: Path) -> None:
    code, out, err = praxis("add", "reflection", "--model", "free", "--title", "Letter", "--draft",
                            "--stage", f"text=NHS {NHS}")  # fmt: skip
    assert code == 0 and "unsaved draft" in out
    assert err.splitlines()[0] == "praxis: warning: 1 possible identifier in this reflection:"
    assert "[key" not in err and "keep it as written: in the app (F8) as you save it" in err
    assert Drafts(store_path).load("reflection-new")["values"]["stage-text"] == f"NHS {NHS}"


def test_adding_a_reflection_does_not_load_textual(tmp_path: Path) -> None:
    env = os.environ | {"PRAXIS_STORE": str(tmp_path / "s.json"), "PRAXIS_CLOCK": "2026-11-22T12:00"}
    code = (
        "from praxis_socialwork.cli.main import main; "
        "assert main(['add', 'reflection', '--model', 'free', '--title', 'T', '--stage', 'text=x']) == 0; "
        "import sys; print('textual' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                          cwd=root)  # fmt: skip
    assert done.stdout.split()[-1] == "False"
