"""Time from starting a full-screen program to the moment given text first reaches its terminal.

The program runs on a real pseudo-terminal (100×32), exactly as in a person's terminal; its output
is read as it comes, and the clock stops when every marker has appeared. Nothing inside the
program is changed or told it is being timed.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def time_to_text(
    command: Sequence[str],
    markers: Sequence[str],
    env: dict[str, str],
    size: tuple[int, int] = (100, 32),
    timeout: float = 20.0,
) -> float:
    """Start ``command`` on a terminal of ``size``; return seconds until all ``markers`` were shown.

    The program is then stopped. Raises ``TimeoutError`` (with the screen text seen) if the markers
    do not all appear within ``timeout`` seconds.
    """
    master, slave = pty.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(env, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(command), stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    wanted = [m.encode() for m in markers]
    try:
        while True:
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                text = _ESCAPES.sub(b"", seen).decode(errors="replace")
                raise TimeoutError(f"{markers} not shown within {timeout} s; saw: {text[-600:]!r}")
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                raise TimeoutError(f"the program ended before showing {markers}")
            seen += chunk
            plain = _ESCAPES.sub(b"", seen)
            if all(m in plain for m in wanted):
                return time.perf_counter() - started
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        os.close(master)
