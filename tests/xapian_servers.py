"""Real `xapian-tcpsrv --writable` servers on 127.0.0.1 for tests: the shards of a sharded
Xapian archive, as a newsroom would run them (README, "Running Xapian shards").

Each server runs in its own process group on a free port, serves one database directory
of its own, and is stopped (the whole group) when the test is over. Where the server
program (Debian: xapian-tools) or the Python bindings (`pip install 'newsarc[xapian]'`)
are missing, the tests that need them are skipped with that reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SERVER_PROGRAM = "xapian-tcpsrv"
_START_SECONDS = 10.0
# A port picked free may be taken by someone else before the server binds it: pick again.
_START_ATTEMPTS = 5


def missing_xapian() -> str | None:
    """Why the Xapian tests cannot run here, or None when they can."""
    try:
        import xapian  # noqa: F401
    except ImportError:
        return "the Xapian bindings are not installed: pip install 'newsarc[xapian]'"
    if shutil.which(SERVER_PROGRAM) is None:
        return f"{SERVER_PROGRAM} is not installed (Debian/Ubuntu: apt-get install xapian-tools)"
    return None


def need_xapian() -> None:
    """Skip the calling test, saying why, when Xapian is not available."""
    reason = missing_xapian()
    if reason:
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ShardServer:
    """One running server: its database directory and its process."""

    directory: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def address(self) -> str:
        return f"xapian+tcp://127.0.0.1:{self.port}"

    def start(self) -> None:
        import xapian

        if not self.directory.exists():  # the server serves an existing database only
            xapian.WritableDatabase(str(self.directory), xapian.DB_CREATE_OR_OPEN).close()
        for _ in range(_START_ATTEMPTS):
            self.port = _free_port()
            self.process = subprocess.Popen(
                [
                    SERVER_PROGRAM,
                    "--writable",
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    str(self.directory),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as a whole
            )
            if self._wait_listening():
                return
            self.stop()
        raise RuntimeError(f"{SERVER_PROGRAM} did not start on 127.0.0.1 for {self.directory}")

    def _wait_listening(self) -> bool:
        """Wait for the server to accept connections; False when it exited (port taken)."""
        assert self.process is not None
        deadline = time.monotonic() + _START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        """Stop the server's whole process group (it forks a child per connection)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None

    def restart(self) -> None:
        """Start again on the same port, serving the same database (a shard back up)."""
        import xapian  # noqa: F401

        port = self.port
        self.process = subprocess.Popen(
            [
                SERVER_PROGRAM,
                "--writable",
                "--interface",
                "127.0.0.1",
                "--port",
                str(port),
                str(self.directory),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not self._wait_listening():
            self.stop()
            raise RuntimeError(f"{SERVER_PROGRAM} did not restart on port {port}")


@pytest.fixture
def xapian_shards(tmp_path: Path) -> Iterator[list[ShardServer]]:
    """Three real writable shard servers on loopback, stopped at the end of the test."""
    need_xapian()
    servers = [ShardServer(tmp_path / f"shard-{number}") for number in range(3)]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()
