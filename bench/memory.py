"""Memory of the running benchmark process, from /proc (Linux)."""

from __future__ import annotations

from pathlib import Path


def rss_mb() -> float:
    """Resident set size in MB (0 where /proc is missing)."""
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0
