"""The batch ingest as the CLI shows it: a progress bar with reports per second on stderr."""

from __future__ import annotations

from collections.abc import Sequence

from rich.progress import Progress, TextColumn, TimeElapsedColumn

from warnline.batch.runner import ClusterSpec, ingest_on_cluster

__all__ = ["ClusterSpec", "ingest_batch"]
from warnline.cli_support import err
from warnline.flow import IngestSummary
from warnline.ingest import Defaults
from warnline.store import Store


def ingest_batch(
    paths: Sequence[str],
    urls: Sequence[str],
    defaults: Defaults,
    store: Store,
    cluster: ClusterSpec,
    *,
    quiet: bool,
) -> IngestSummary:
    """`ingest_on_cluster`, with a progress bar (reports done, reports/s) unless `quiet`."""
    if quiet:
        return ingest_on_cluster(paths, urls, defaults, store, cluster)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        TextColumn("{task.completed} reports"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bar:
        task = bar.add_task("ingesting on the cluster", total=None, rate="")

        def advance(done: int) -> None:
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:.1f} reports/s" if elapsed > 0 else ""
            bar.update(task, completed=done, rate=rate)

        return ingest_on_cluster(paths, urls, defaults, store, cluster, progress=advance)
