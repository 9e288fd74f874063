"""/api/v1/reports: stored reports, one with its analysis, and submitting a new one."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from warnline.errors import Errors, WarnlineError
from warnline.flow import IngestSummary, ingest_report, limits_from
from warnline.ingest import Defaults, plan_inputs, read_input
from warnline.ingest.metadata import parse_date
from warnline.records import Report, StoredReport
from warnline.serve.auth import Caller, Reader, require
from warnline.serve.deps import SessionDep
from warnline.serve.query import PagingDep, coded
from warnline.serve.schemas import AUTH_RESPONSES, Page, ReportSubmission, Submitted
from warnline.settings import Settings
from warnline.store import Store, list_reports, load_analysis
from warnline.store.reads import count_reports

router = APIRouter(prefix="/api/v1", tags=["reports"], responses=AUTH_RESPONSES)

_SUBMIT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ReportSubmission.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "source": {"type": "string"},
                        "published": {"type": "string", "format": "date"},
                    },
                }
            },
        },
    }
}


@router.get("/reports", summary="List stored reports, newest first")
def api_reports(session: SessionDep, _caller: Reader, page: PagingDep) -> Page[StoredReport]:
    """Stored reports with their source and how many entities, places and dates each has."""
    items = list_reports(session, limit=page.limit, offset=page.offset)
    return Page(items=items, total=count_reports(session), limit=page.limit, offset=page.offset)


@router.get("/reports/{report_id}", summary="One report's analysis (warnline.report/1)")
def api_report(session: SessionDep, _caller: Reader, report_id: str) -> dict[str, object]:
    """The stored analysis; the id may be shortened to a unique prefix. 404 (E153) if none."""
    with coded():
        _summary, analysis, _text = load_analysis(session, report_id)
    return analysis.to_dict()


@router.post(
    "/reports",
    summary="Submit a report: text, a web page's URL, or a file",
    status_code=201,
    openapi_extra=_SUBMIT_BODY,
    responses={200: {"model": Submitted, "description": "Already stored (the same text)."}},
)
async def api_submit(
    request: Request,
    response: Response,
    caller: Annotated[Caller, Depends(require("ingest"))],
) -> Submitted:
    """Analyse and store a report. JSON `{text, title?, source?, published?, url?}` stores the
    text; JSON `{url}` alone fetches the page and reads it as `warnline ingest --url` does; a
    multipart upload (field `file`) reads the file as `warnline ingest FILE` does.
    201 when stored, 200 when the same text is stored already, 422 with the coded line."""
    store: Store = request.app.state.store
    settings: Settings = request.app.state.settings
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        async with request.form() as form:
            reports = await _uploaded(form.get("file"), form, settings)
    else:
        reports = await run_in_threadpool(_from_json, await request.body(), caller, settings)
    summary = IngestSummary()
    for report in reports:
        await run_in_threadpool(ingest_report, report, store, settings, summary)
    return _outcome(summary, response)


def _from_json(body: bytes, caller: Caller, settings: Settings) -> list[Report]:
    try:
        submission = ReportSubmission.model_validate_json(body or b"{}")
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"]) or "body"
        raise _unprocessable(f"{where}: {problem['msg']}") from error
    if submission.text is not None and submission.text.strip():
        return [
            Report(
                text=submission.text,
                title=submission.title,
                source=submission.source,
                url=submission.url,
                published=submission.published,
                origin=f"api:{caller.name}",
            )
        ]
    if submission.url:
        defaults = Defaults(source=submission.source, published=submission.published)
        return _read([], [submission.url], defaults, settings)
    raise _unprocessable("the body has neither 'text' nor 'url'")


async def _uploaded(file: object, form: Any, settings: Settings) -> list[Report]:
    if not isinstance(file, UploadFile):
        raise _unprocessable("no file in the multipart field 'file'")
    data = await file.read(settings.max_bytes + 1)
    name = Path(file.filename or "upload.txt").name or "upload.txt"
    source = form.get("source")
    published = form.get("published")
    try:
        date = parse_date(published) if isinstance(published, str) else None
    except (TypeError, ValueError) as error:
        raise _unprocessable(f"published {published!r} is not a date") from error
    defaults = Defaults(source=source if isinstance(source, str) else None, published=date)
    with tempfile.TemporaryDirectory(prefix="warnline-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        reports = await run_in_threadpool(_read, [str(path)], [], defaults, settings)
    return [r.model_copy(update={"origin": f"upload:{name}"}) for r in reports]


def _read(
    paths: list[str], urls: list[str], defaults: Defaults, settings: Settings
) -> list[Report]:
    """The reports in the inputs; the first input that cannot be read is a 422 with its line."""
    reports = []
    for item in plan_inputs(paths, urls):
        for result in read_input(item, defaults, limits_from(settings)):
            if not isinstance(result, Report):
                raise HTTPException(status_code=422, detail=result.message)
            reports.append(result)
    if not reports:
        raise _unprocessable("no report found in the input")
    return reports


def _outcome(summary: IngestSummary, response: Response) -> Submitted:
    if summary.failures:
        raise HTTPException(status_code=422, detail=summary.failures[0].message)
    notices = [notice.message for notice in summary.notices]
    if summary.stored:
        outcome = summary.stored[0]
    else:
        outcome = summary.duplicates[0]
        response.status_code = 200
    return Submitted(
        report_id=outcome.report_id,
        status=outcome.status,
        near_duplicate_of=outcome.near_duplicate_of,
        notices=notices,
    )


def _unprocessable(detail: str) -> HTTPException:
    error = WarnlineError(Errors.E261, "POST /api/v1/reports", detail=detail)
    return HTTPException(status_code=422, detail=error.line())
