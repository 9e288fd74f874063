"""/api/v1/exports/{format}: the selected events in an analyst's format, streamed as written."""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import StreamingResponse

from warnline.export import EXPORTERS, ExportFilters
from warnline.serve.auth import Reader
from warnline.serve.query import FiltersDep
from warnline.serve.schemas import AUTH_RESPONSES
from warnline.store import Store

router = APIRouter(prefix="/api/v1", tags=["exports"], responses=AUTH_RESPONSES)

Format = Literal["acled", "geojson", "stix", "jsonl"]
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "acled": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "stix": ("application/stix+json;version=2.1", "json"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}
_CHUNK = 64 * 1024
_DONE = object()


@router.get(
    "/exports/{format_name}",
    summary="Export events: ACLED CSV, GeoJSON, STIX 2.1 or JSON Lines",
    response_class=StreamingResponse,
    responses={200: {"content": {media: {} for media, _ in MEDIA_TYPES.values()}}},
)
def api_export(
    request: Request,
    _caller: Reader,
    filters: FiltersDep,
    format_name: Annotated[Format, Path(description="acled, geojson, stix or jsonl")],
) -> StreamingResponse:
    """The events the filters select (the same filters as GET /events), written by the
    exporter of `warnline export` and sent as it writes, as a file download."""
    media_type, suffix = MEDIA_TYPES[format_name]
    name = f"warnline-{format_name}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.{suffix}"
    return StreamingResponse(
        stream_export(request.app.state.store, format_name, filters),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


class _StoppedError(Exception):
    """The client went away: the export stops writing."""


class _QueueWriter:
    """A text stream whose writes are collected in chunks and handed to another thread."""

    def __init__(self, chunks: queue.Queue[object], stopped: threading.Event) -> None:
        self._chunks = chunks
        self._stopped = stopped
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= _CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._parts:
            put(self._chunks, "".join(self._parts).encode("utf-8"), self._stopped)
            self._parts, self._size = [], 0


def put(chunks: queue.Queue[object], item: object, stopped: threading.Event) -> None:
    """Hand over one item, waiting while the reader is behind, unless it has gone away."""
    while not stopped.is_set():
        try:
            chunks.put(item, timeout=0.5)
            return
        except queue.Full:
            continue
    raise _StoppedError


def stream_export(store: Store, format_name: str, filters: ExportFilters) -> Iterator[bytes]:
    """The export's bytes as the exporter writes them. It runs in a thread of its own, with a
    session of its own (the request's session may be closed before the body is sent)."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=16)
    stopped = threading.Event()

    def run() -> None:
        writer = _QueueWriter(chunks, stopped)
        try:
            with store.session() as session:
                EXPORTERS[format_name](session, filters, writer)  # type: ignore[arg-type]
            writer.flush()
            put(chunks, _DONE, stopped)
        except _StoppedError:
            return
        except Exception as error:  # handed to the response, which fails the transfer
            put(chunks, error, stopped)

    threading.Thread(target=run, name=f"export-{format_name}", daemon=True).start()
    try:
        while (item := chunks.get()) is not _DONE:
            if isinstance(item, Exception):
                raise item
            if isinstance(item, bytes):
                yield item
    finally:
        stopped.set()
