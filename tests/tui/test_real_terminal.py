"""The installed command on a real pseudo-terminal, as a person runs it: with TERM=dumb, resized twice
while the dashboard shows, then quit with q. It must end cleanly, print no traceback and log no error."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]"
)


class Terminal:
    """A pseudo-terminal running one program; what it showed is kept as plain text."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.master, slave = pty.openpty()
        self._size(slave, size)
        self.proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     cwd=ROOT, start_new_session=True)  # fmt: skip
        os.close(slave)
        self.seen = b""

    @staticmethod
    def _size(fd: int, size: tuple[int, int]) -> None:
        cols, rows = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def resize(self, size: tuple[int, int]) -> None:
        self._size(self.master, size)
        os.killpg(self.proc.pid, signal.SIGWINCH)

    def read_for(self, seconds: float, until: str | None = None) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], max(0.0, end - time.monotonic()))
            if ready:
                try:
                    chunk = os.read(self.master, 1 << 16)
                except OSError:
                    break
                if not chunk:
                    break
                self.seen += chunk
                if until and until in self.text:
                    break
        return self.text

    @property
    def text(self) -> str:
        return ESCAPES.sub(b"", self.seen).decode(errors="replace")

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=20)
        finally:
            os.close(self.master)


@pytest.mark.parametrize("term", ["dumb", "xterm-256color"])
def test_the_app_survives_resizes_on_a_real_terminal_and_quits_cleanly(env, tmp_path, term) -> None:
    run_env = {**os.environ, **env, "TERM": term, "XDG_STATE_HOME": str(tmp_path / "state")}
    init = subprocess.run(
        [sys.executable, "-m", "praxis_socialwork", "init", "--name", "Sam Example", "--role", "student",
         "--framework", "degree-england", "--framework", "pcf"],
        env=run_env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    terminal = Terminal([sys.executable, "-m", "praxis_socialwork"], run_env, (80, 24))
    try:
        assert "As of" in terminal.read_for(30, until="As of")
        for size in ((200, 50), (60, 20), (100, 32)):
            terminal.resize(size)
            terminal.read_for(1.0)
            assert terminal.proc.poll() is None, terminal.text[-800:]
        os.write(terminal.master, b"q")
        terminal.read_for(10)
    finally:
        code = terminal.close()
    assert code == 0, terminal.text[-800:]
    assert "Traceback" not in terminal.text and "went wrong" not in terminal.text
    assert not (tmp_path / "state" / "praxis" / "log" / "errors.log").exists()
