"""The error catalogue: every problem a user can cause has a code, a message and a fix.

Codes starting with E stop the input they name (it is recorded as a failure and the batch goes
on); codes starting with W are notices: the input is kept, and the notice is recorded with it.
Every code is listed in docs/errors.md (a test checks that the two agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from warnline.records import Failure


@dataclass(frozen=True)
class Entry:
    message: str
    fix: str


class Errors(Enum):
    """Each member's value is the message template and the fix shown to the user."""

    # Reading inputs.
    E101 = Entry("no such file or directory", "check the path")
    E102 = Entry("the file is empty", "remove it or give it some text")
    E103 = Entry("looks like a binary file ({detail})", "give a text, HTML, feed or JSONL file")
    E104 = Entry(
        "the file is {size} bytes, over the {limit}-byte limit",
        "split it, or raise WARNLINE_MAX_BYTES",
    )
    E105 = Entry("cannot read it: {detail}", "check the file's permissions")
    E106 = Entry("no text left after the front matter", "add the report's text below the '---'")
    E107 = Entry(
        "front matter is not valid YAML: {detail}", "fix the block between the '---' lines"
    )
    # Content of structured inputs.
    E110 = Entry("no article text found in the HTML", "give the article's own page, or its text")
    E120 = Entry("not a readable RSS/Atom feed: {detail}", "check that the file is a feed")
    E121 = Entry("the feed has no items", "check the feed's address or file")
    E122 = Entry("feed item has no text", "fetch the item pages with --fetch-items")
    E130 = Entry("line {line} is not valid JSON: {detail}", "fix or remove that line")
    E131 = Entry(
        'line {line} has no "text" string', 'give each line a "text" field with the report'
    )
    # Network.
    E140 = Entry("cannot fetch it: {detail}", "check the address and the network")
    E141 = Entry("the server answered HTTP {status}", "check the address")
    E142 = Entry("not a web address", "give an http:// or https:// URL")
    # Options and settings.
    E150 = Entry(
        "--published {value!r} is not a date", "give the date as YYYY-MM-DD, e.g. 2024-10-01"
    )
    E151 = Entry("{option} {value!r} is not one of {choices}", "use one of {choices}")
    E152 = Entry("cannot open the store: {detail}", "check WARNLINE_DB (see the README)")
    E153 = Entry("no report with an id starting {value!r}", "list ids with 'warnline reports'")
    E154 = Entry("the id prefix {value!r} fits {count} reports", "give more characters of the id")
    E155 = Entry("nothing to ingest", "give files, directories or --url addresses")
    E156 = Entry("could not be stored: {detail}", "check the store; the other inputs went on")
    # Gold annotations (warnline eval).
    E160 = Entry(
        "no gold reports here (a NAME.md report with its NAME.yaml annotation)",
        "give the directory of gold reports, e.g. tests/gold",
    )
    E161 = Entry(
        "no {missing} beside it", "add {missing} (see tests/gold/README.md) or move {present} out"
    )
    E162 = Entry("annotation is not valid YAML: {detail}", "fix the YAML syntax")
    E163 = Entry(
        "annotation does not follow the gold format: {detail}",
        "fix that field as tests/gold/README.md describes",
    )
    E164 = Entry(
        "annotation gives {field} {value!r}, which is not in the report text",
        "copy the text exactly as the report writes it",
    )
    E165 = Entry(
        "gold report cannot be read: {detail}",
        "give it front matter with published: YYYY-MM-DD and a text below",
    )
    E199 = Entry(
        "unexpected internal error: {detail}",
        "please report it with the input; run with WARNLINE_DEBUG=1 for the traceback",
    )
    # Across reports: actors, merges and splits (E200–E209).
    E200 = Entry("no actor has the id {actor_id}", "list actors with 'warnline actors list'")
    E201 = Entry(
        "actor {actor_id} has no entity with this name (its names: {names})",
        "give one of its names as 'warnline actors show {actor_id}' lists them",
    )
    E202 = Entry("cannot merge actor {actor_id} with itself", "give two different actor ids")
    E203 = Entry(
        "every entity of actor {actor_id} has this name: nothing would be left",
        "split off a name the actor shares with others, or leave it as it is",
    )
    # Across reports: clusters, sources and grades (E210–E219).
    E210 = Entry("no source named {value!r}", "list sources with 'warnline sources list'")
    E211 = Entry("{value!r} is not a reliability grade", "give one of {choices}")
    E212 = Entry("--min-sources {value} is below 1", "give a number of sources of 1 or more")
    E213 = Entry("--status {value!r} is not one of {choices}", "use one of {choices}")
    # Across reports: alerts and webhooks (E220–E229).
    E220 = Entry(
        "the alert rules are not valid: {detail}",
        "correct it; vocab/alert_rules.yaml shows every rule and its defaults",
    )
    E221 = Entry("cannot read the alert rules file: {detail}", "check WARNLINE_ALERT_RULES")
    E222 = Entry("no alert with id {value}", "list alerts with 'warnline alerts'")
    E223 = Entry("no webhook with id {value}", "list webhooks with 'warnline webhooks list'")
    # Across reports: watch (E230–E239).
    E230 = Entry(
        "no such directory or feed file",
        "give a directory, a feed file or an http(s) feed URL to watch",
    )
    E231 = Entry(
        "--every {value!r} is not a duration",
        "give a whole number with s, m or h, e.g. --every 30s, 10m or 1h",
    )
    E232 = Entry("nothing to watch", "give directories, feed files or feed URLs")
    # Exports (E240–E249).
    E240 = Entry("{option} {value!r} is not a date", "give the date as YYYY-MM-DD, e.g. 2024-05-01")
    E241 = Entry(
        "--bbox {value!r} is not minlon,minlat,maxlon,maxlat",
        "give four numbers in degrees, each min below its max, e.g. --bbox -5.6,9.4,2.4,15.1",
    )
    E242 = Entry(
        "--type {value!r} is not an ACLED event or sub-event type",
        "give one as ACLED spells it, e.g. 'Battles' or 'Air/drone strike'",
    )
    E243 = Entry(
        "--country {value!r} is not an ISO 3166-1 alpha-2 code", "give two letters, e.g. BF"
    )
    E244 = Entry(
        "--admin1 {value!r} is not an ISO 3166-2 subdivision code", "give one such as BF-12"
    )
    E245 = Entry("--since {since} is after --until {until}", "give a --since before --until")
    E246 = Entry(
        "cannot write the export: {detail}",
        "give a path in an existing directory you can write to",
    )
    # API tokens (E250–E259).
    E250 = Entry("no API token has this id", "list the tokens with 'warnline tokens list'")
    # The REST API (E260–E269).
    E260 = Entry(
        "{value!r} is not a full-text query the search understands ({detail})",
        'use words, "quoted phrases", AND / OR / NOT and prefix* terms',
    )
    E261 = Entry(
        "nothing to analyse: {detail}",
        "send JSON with 'text' (or 'url'), or upload a file as multipart field 'file'",
    )
    E262 = Entry("no event with id {value}", "list events with GET /api/v1/events")
    E263 = Entry(
        "credibility_min {low} is above credibility_max {high}",
        "give a minimum at or below the maximum",
    )
    E264 = Entry("query parameter {option}={value!r} is not allowed", "use one of {choices}")
    E265 = Entry(
        "full-text search is not available on a {dialect} store",
        "search a SQLite or PostgreSQL store",
    )
    # The web UI (E270–E279).
    E270 = Entry("filter {option} {value!r} is not a date", "give the date as YYYY-MM-DD")
    E271 = Entry(
        "WARNLINE_MAP_TILES {value!r} is not a tile URL template",
        "give an http(s) URL with {{z}}, {{x}} and {{y}}, or leave it empty for country outlines",
    )
    # Batch: ingest on a Dask cluster (E280–E289).
    E280 = Entry("--workers {value} is below 1", "give a number of worker processes of 1 or more")
    E281 = Entry(
        "cannot reach the Dask scheduler: {detail}",
        "check the address (tcp://HOST:8786) and that the scheduler is running",
    )
    E282 = Entry(
        "--workers and --cluster were both given",
        "give --workers N for a local cluster or --cluster ADDRESS for a running one",
    )
    E283 = Entry(
        "the cluster could not analyse this report: {detail}",
        "run the same ingest again: reports stored already are skipped",
    )
    E284 = Entry(
        "--batch-size {value} is below 1", "give a number of reports per task of 1 or more"
    )
    # Notices: the input is kept.
    W105 = Entry(
        "not valid UTF-8: {count} bytes could not be decoded and were replaced",
        "re-save the file as UTF-8 if the text looks wrong",
    )
    W150 = Entry(
        "the report is in {language!r}, not English: stored and flagged, not analysed",
        "nothing to do; only English reports are analysed",
    )
    W151 = Entry(
        "published date {value!r} is not a date and was left empty",
        "give dates as YYYY-MM-DD",
    )

    @property
    def severity(self) -> Literal["error", "warning"]:
        return "warning" if self.name.startswith("W") else "error"


class WarnlineError(Exception):
    """A problem with an input or option, with a code: shown as one line, never a traceback."""

    def __init__(self, code: Errors, subject: str, **detail: object) -> None:
        self.code = code
        self.subject = subject
        self.detail = detail
        super().__init__(self.line())

    @property
    def reason(self) -> str:
        return self.code.value.message.format(**self.detail)

    @property
    def fix(self) -> str:
        return self.code.value.fix.format(**self.detail)

    def to_failure(self) -> Failure:
        """The stored form of this error."""
        return Failure(
            subject=self.subject,
            code=self.code.name,
            severity=self.code.severity,
            message=self.line(),
        )

    def line(self) -> str:
        """The one-line message: code, input, reason and fix."""
        return format_line(self.code, self.subject, self.reason, self.fix)


def format_line(code: Errors, subject: str, reason: str, fix: str) -> str:
    """`E101 reports/x.txt: no such file or directory (fix: check the path)`."""
    return f"{code.name} {subject}: {reason} (fix: {fix})"


def notice(code: Errors, subject: str, **detail: object) -> Failure:
    """A W-coded notice, kept with the report it concerns."""
    return WarnlineError(code, subject, **detail).to_failure()
