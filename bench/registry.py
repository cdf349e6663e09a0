"""Every benchmark ``python -m bench`` runs, in order. Add new ones to ``BENCHMARKS``."""

from __future__ import annotations

from collections.abc import Callable

from bench.context import BenchContext
from bench.gaps_bench import gaps_whole_process
from bench.ical_bench import export_ics_10k
from bench.launch_bench import launch_to_dashboard
from bench.portfolio_bench import portfolio_out
from bench.privacy_bench import privacy_check
from bench.schedule_bench import placement_plan_200_days
from bench.store_bench import open_and_load, save_one_record
from bench.table_bench import activities_screen
from bench.timing import Row

Benchmark = Callable[[BenchContext], list[Row]]

BENCHMARKS: list[Benchmark] = [
    save_one_record,
    open_and_load,
    gaps_whole_process,
    launch_to_dashboard,
    activities_screen,
    placement_plan_200_days,
    export_ics_10k,
    privacy_check,
    portfolio_out,
]
