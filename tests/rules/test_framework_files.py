"""Framework files a person or a university writes: a bad one is refused with the file, the line and
what is wrong; it never stops the others loading; a file with a bundled id replaces the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest

from praxis_socialwork import rules

GOOD = """\
id = "my-course"
name = "My university's placement rules"
audience = ["student"]
sources = ["https://example.org/handbook"]

[[versions]]
id = "2024"
from = 2024-09-01
confidence = "M"

[versions.period]
kind = "yearly"
start = "09-01"

[[versions.requirements]]
id = "reflections"
kind = "count"
title = "Six reflections a year"
records = "reflections"
need = 6

[[versions.requirements]]
id = "hours"
kind = "hours"
title = "Twenty hours of taught learning"
need = 20
filter = { types = ["course"] }
"""


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of the first line holding ``needle`` (after the line holding ``after``)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def refused(tmp_path: Path, text: str, name: str = "my-course.toml") -> rules.FrameworkFileError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(rules.FrameworkFileError) as caught:
        rules.load_framework(path)
    err = caught.value
    assert err.path.name == name
    assert str(err).startswith(f"{path}, line {err.line}: "), str(err)
    return err


def test_the_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "my-course.toml"
    path.write_text(GOOD, encoding="utf-8")
    fw = rules.load_framework(path)
    assert (fw.id, fw.bundled, fw.path) == ("my-course", False, path)
    assert [r.id for r in fw.versions[0].requirements] == ["reflections", "hours"]


def test_invalid_toml(tmp_path: Path) -> None:
    text = GOOD.replace("need = 20", "need = ")
    err = refused(tmp_path, text)
    assert err.line == line_of(text, "need = ", after='id = "hours"')
    assert "not valid TOML" in err.reason


def test_unknown_requirement_kind(tmp_path: Path) -> None:
    text = GOOD.replace('kind = "hours"', 'kind = "tally"')
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'kind = "tally"')
    assert (
        "'tally'" in err.reason and "count, hours, days, coverage, distinct, cadence, quality" in err.reason
    )


def test_unknown_filter_key_inline(tmp_path: Path) -> None:
    text = GOOD.replace('filter = { types = ["course"] }', 'filter = { type = ["course"] }')
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'filter = { type = ["course"] }')
    assert "filter key 'type' is unknown" in err.reason and "types" in err.reason


def test_unknown_filter_key_in_a_filter_table(tmp_path: Path) -> None:
    text = GOOD.replace(
        'filter = { types = ["course"] }',
        '\n[versions.requirements.filter]\ntypes = ["course"]\ntag = ["taught"]',
    )
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'tag = ["taught"]')
    assert "filter key 'tag' is unknown" in err.reason


def test_unknown_word_in_a_filter(tmp_path: Path) -> None:
    text = GOOD.replace('filter = { types = ["course"] }', 'filter = { types = ["webinar"] }')
    err = refused(tmp_path, text)
    assert err.line == line_of(text, '"webinar"')
    assert "'webinar' is not a known activity type" in err.reason


def test_missing_period(tmp_path: Path) -> None:
    text = GOOD.replace('[versions.period]\nkind = "yearly"\nstart = "09-01"\n', "")
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'id = "2024"')
    assert "needs a [versions.period] table" in err.reason


def second_version(to: str = "") -> str:
    return (
        GOOD.replace("from = 2024-09-01\n", f"from = 2024-09-01\n{to}")
        + """
[[versions]]
id = "2025"
from = 2025-09-01

[versions.period]
kind = "yearly"
start = "09-01"

[[versions.requirements]]
id = "reflections"
kind = "count"
title = "Eight reflections a year"
records = "reflections"
need = 8
"""
    )


def test_versions_that_overlap(tmp_path: Path) -> None:
    text = second_version()  # the first has no end
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'id = "2024"')
    assert "versions '2024' and '2025' overlap" in err.reason and "'to' date" in err.reason
    text = second_version("to = 2025-12-31\n")  # the first ends after the second begins
    err = refused(tmp_path, text)
    assert err.line == line_of(text, "to = 2025-12-31")
    assert "overlap" in err.reason
    path = tmp_path / "fixed.toml"
    path.write_text(second_version("to = 2025-08-31\n"), encoding="utf-8")
    assert [v.id for v in rules.load_framework(path).versions] == ["2024", "2025"]


def test_need_placement_outside_a_placement_period(tmp_path: Path) -> None:
    text = (
        GOOD
        + """
[[versions.requirements]]
id = "days"
kind = "days"
title = "Each placement's days"
need = "placement"
"""
    )
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'need = "placement"')
    assert 'need = "placement" needs a placement period' in err.reason
    path = tmp_path / "own-period.toml"
    path.write_text(
        text.replace('need = "placement"', 'need = "placement"\nperiod = { kind = "placement" }'),
        encoding="utf-8",
    )
    assert rules.load_framework(path).versions[0].requirements[-1].period is not None


def test_a_requirements_own_period_that_is_bad(tmp_path: Path) -> None:
    text = GOOD.replace('filter = { types = ["course"] }', 'period = { kind = "weekly" }')
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'period = { kind = "weekly" }')
    assert "period kind 'weekly'" in err.reason


def test_bad_confidence(tmp_path: Path) -> None:
    text = GOOD.replace('confidence = "M"', 'confidence = "high"')
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'confidence = "high"')
    assert "confidence must be H, M or U" in err.reason
    text = GOOD.replace("need = 20", 'need = 20\nconfidence = "X"')
    err = refused(tmp_path, text)
    assert err.line == line_of(text, 'confidence = "X"')


# -- the catalogue -----------------------------------------------------------------------------------
def test_a_bad_file_in_the_user_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "broken.toml").write_text(GOOD.replace('kind = "hours"', 'kind = "tally"'), encoding="utf-8")
    (folder / "mine.toml").write_text(GOOD, encoding="utf-8")
    cat = rules.load_catalogue(user_folder=folder)
    assert len(cat.frameworks) == 14 and "my-course" in cat.frameworks and "swe" in cat.frameworks
    (problem,) = cat.problems
    assert problem.path == folder / "broken.toml" and problem.line == line_of(GOOD, 'kind = "hours"')
    assert "broken.toml" in str(problem) and "tally" in str(problem)


def test_a_user_file_with_a_bundled_id_replaces_the_bundled_one(tmp_path: Path) -> None:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    mine = folder / "swe-local.toml"
    mine.write_text(
        GOOD.replace('id = "my-course"', 'id = "swe"').replace(
            "My university's placement rules", "Our own SWE rules"
        ),
        encoding="utf-8",
    )
    cat = rules.load_catalogue(user_folder=folder)
    swe = cat.frameworks["swe"]
    assert (swe.name, swe.bundled, swe.path) == ("Our own SWE rules", False, mine)
    assert cat.problems == [] and len(cat.frameworks) == 13
    # and a file named on the command line comes last of all
    extra = tmp_path / "extra.toml"
    extra.write_text(
        GOOD.replace('id = "my-course"', 'id = "swe"').replace(
            "My university's placement rules", "From the command line"
        ),
        encoding="utf-8",
    )
    assert rules.load_catalogue([extra], user_folder=folder).frameworks["swe"].name == "From the command line"


PLACEMENTS = GOOD.replace(
    'sources = ["https://example.org/handbook"]\n',
    'sources = ["https://example.org/handbook"]\n\n[placements]\nfirst = { days = 80 }\n'
    'final = { days = 110, setting = "statutory" }\n',
)


def test_a_framework_says_what_each_kind_of_placement_usually_asks(tmp_path: Path) -> None:
    path = tmp_path / "my-course.toml"
    path.write_text(PLACEMENTS, encoding="utf-8")
    framework = rules.load_framework(path)
    assert [(p.kind, p.days, p.setting) for p in framework.placements] == [
        ("first", 80, ""),
        ("final", 110, "statutory"),
    ]


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ("first = { days = 80 }", "first = { days = 0 }"),
        ("first = { days = 80 }", "middle = { days = 80 }"),
        ('setting = "statutory"', 'setting = "prison"'),
    ],
)
def test_a_bad_placements_table_is_refused_at_its_line(tmp_path: Path, bad: str, said: str) -> None:
    text = PLACEMENTS.replace(bad, said)
    err = refused(tmp_path, text)
    assert "placements:" in str(err)
    assert err.line == line_of(text, said.split(" = ")[0] if "setting" not in said else "final =")


def test_the_bundled_degrees_give_their_placements_days() -> None:
    known = rules.load_catalogue([], None).frameworks
    england = {p.kind: (p.days, p.setting) for p in known["degree-england"].placements}
    assert england == {"first": (70, ""), "final": (100, "statutory"), "skills": (30, "")}
    assert {p.kind: p.days for p in known["degree-ni"].placements} == {
        "first": 85,
        "final": 100,
        "skills": 25,
    }
