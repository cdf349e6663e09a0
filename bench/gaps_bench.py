"""How long ``praxis gaps`` takes as a whole process on the filled store, and that it skips Textual."""

from __future__ import annotations

import os
import subprocess
import sys

from bench.context import BenchContext
from bench.timing import Row, compile_bytecode, median, timed_ms

RUNS = 7
GOAL_MS = 300.0
# Runs the real command line, then says whether Textual was loaded along the way.
_PROBE = (
    "import sys\n"
    "from praxis_socialwork.cli.main import main\n"
    "code = main(['gaps', '--json', '--framework', 'swe', '--framework', 'pcf'])\n"
    "sys.stderr.write('textual-loaded' if 'textual' in sys.modules else 'textual-not-loaded')\n"
    "sys.exit(code)\n"
)


def gaps_whole_process(ctx: BenchContext) -> list[Row]:
    """Time ``praxis gaps`` from process start to exit, median of several runs, as rows."""
    env = os.environ | {"PRAXIS_STORE": str(ctx.store_path), "PRAXIS_CLOCK": "2026-11-22T12:00"}
    # An installed Praxis has its bytecode cached, as every run after the first does; this machine
    # sets PYTHONDONTWRITEBYTECODE, which would make every timed run compile the sources again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compile_bytecode()
    command = [
        sys.executable,
        "-m",
        "praxis_socialwork",
        "gaps",
        "--json",
        "--framework",
        "swe",
        "--framework",
        "pcf",
    ]

    def run() -> None:
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)

    run()  # warm the OS file cache and Python's bytecode cache, as a second run in a day would be
    samples = [timed_ms(run) for _ in range(RUNS)]
    probe = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )
    skipped = probe.stderr.strip().endswith("textual-not-loaded")
    interpreter = median([timed_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
                          for _ in range(RUNS)])  # fmt: skip
    whole = median(samples)
    return [
        Row(
            f"praxis gaps, whole process, {ctx.records:,} records: median of {RUNS}",
            whole,
            f"≤ {GOAL_MS:g} ms, no Textual",
            whole <= GOAL_MS and skipped,
        ),
        Row("  (of which: starting Python itself)", interpreter, "", None),
    ]
