"""A store or output path that is not an ordinary file is refused, never read as a store nor replaced;
a linked store file is followed once, so everything is written beside the real file. Real device
nodes, pipes, sockets and links."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from praxis_socialwork import store
from praxis_socialwork.store.storage import journal_path_for

ADD = ("add", "activity", "--date", "01/11/2026", "--title", "Reading", "--hours", "1", "--type", "reading")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def sock(tmp_path: Path):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def test_a_device_pipe_or_socket_is_never_used_as_the_store(praxis, fifo, sock) -> None:
    for odd, word in ((Path("/dev/null"), "a device"), (fifo, "a pipe"), (sock, "a socket")):
        before = os.stat(odd).st_mode
        for args in (("list", "activities"), ADD, ("gaps",)):
            code, out, err = praxis(*args, "--store", str(odd))
            assert code == 1, (odd, args, out, err)
            assert word in err and "not an ordinary file" in err
        assert os.stat(odd).st_mode == before  # still what it was: not replaced by a file
        assert not journal_path_for(odd).exists()


def test_exports_never_replace_a_device_or_pipe(praxis, tmp_path: Path) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "student")[0] == 0
    for kind, name in (("ics", "cal.ics"), ("bundle", "b.praxis.json"), ("report", "r.html")):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        code, _, err = praxis("export", kind, "-o", str(fifo))
        assert code == 1 and "not an ordinary file" in err, (kind, err)
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_importing_a_pipe_is_refused_not_waited_on(praxis, fifo) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "student")[0] == 0
    code, _, err = praxis("import", str(fifo))
    assert code == 1 and "a pipe" in err


def test_a_linked_store_file_is_followed_once_and_written_beside_its_target(
    tmp_path: Path, clock, praxis
) -> None:
    real = tmp_path / "real" / "praxis.json"
    with store.Repository.open(real, clock) as repo:
        repo.save_profile(store.Profile(name="Sam Example", role="student"))
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, _, err = praxis(*ADD, "--store", str(link))
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real  # the link is still a link
    assert journal_path_for(real).exists() and not journal_path_for(link).exists()
    with store.Repository.open(real, clock, read_only=True) as repo:
        assert [a.title for a in repo.activities()] == ["Reading"]


def test_a_linked_journal_is_refused_and_its_target_untouched(tmp_path: Path, store_path: Path, clock):
    with store.Repository.open(store_path, clock) as repo:
        repo.save_profile(store.Profile(name="Sam Example", role="student"))
        repo.compact()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file\n")
    journal = journal_path_for(store_path)
    journal.unlink()
    journal.symlink_to(elsewhere)
    with pytest.raises(store.PraxisError, match="is a link"):
        store.Repository.open(store_path, clock)
    assert elsewhere.read_text() == "someone else's file\n"
