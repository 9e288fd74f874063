"""A throwaway PostgreSQL server on this machine, for the tests and the benchmarks.

The server is started from the PostgreSQL binaries installed on the machine (Debian's
`postgresql` package puts them in /usr/lib/postgresql/<version>/bin) in a temporary
directory, listening only on 127.0.0.1 on a free port, with durability turned off (fsync,
full-page writes, synchronous commit: nothing it holds needs to survive a crash), and stopped
and removed when the `with` block ends. It is not a way to run a store: a real one is a
server someone administers, named by `WARNLINE_DB`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

# The server exists only to be thrown away: durability is not needed, speed is.
FAST_SETTINGS = (
    "fsync=off",
    "full_page_writes=off",
    "synchronous_commit=off",
    "max_connections=300",
)


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or None when there is none."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version_key)
    return found[-1].parent if found else None


def _version_key(path: Path) -> float:
    version = path.parent.parent.name
    try:
        return float(version)
    except ValueError:
        return 0.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root; root runs them as the `postgres` user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command: list[str]) -> None:
    done = subprocess.run(
        _as_server_user(command), capture_output=True, text=True, check=False, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")


@contextlib.contextmanager
def private_server(bin_dir: Path, settings: tuple[str, ...] = FAST_SETTINGS) -> Iterator[str]:
    """Start a throwaway server; yield the URL of its `postgres` database as the superuser."""
    root = Path(tempfile.mkdtemp(prefix="warnline-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    root.chmod(0o755)
    port = free_port()
    _run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"])
    options = f"-c listen_addresses=127.0.0.1 -k {sockets} -p {port} " + " ".join(
        f"-c {option}" for option in settings
    )
    log = root / "server.log"
    _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"])
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)
