"""Webhooks: alerts POSTed to a real HTTP receiver on 127.0.0.1, retried with backoff, and every
attempt in the delivery log."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy.orm import Session
from werkzeug import Response

from warnline.analyse.alert_rules import DeliveryPolicy
from warnline.analyse.webhooks import (
    add_webhook,
    deliver_alerts,
    delivery_log,
    list_webhooks,
    remove_webhook,
)
from warnline.errors import WarnlineError
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.store import Store
from warnline.store.schema import AlertRow, WebhookRow

Run = Callable[..., subprocess.CompletedProcess[str]]
# No waiting between attempts: the backoff's base is what the tests tune.
FAST = DeliveryPolicy(attempts=3, backoff_base_seconds=0, max_wait_seconds=0, timeout_seconds=2)
EVIDENCE = [
    {
        "report_id": "sha256:" + "0" * 64,
        "kind": "claim",
        "id": 1,
        "local_id": "C1",
        "span": [0, 58],
        "text": "Al-Qaeda fighters are now present in the Panjshir Valley",
    }
]


def _alert(store: Store) -> int:
    with store.session() as session:
        row = AlertRow(
            rule="first_in_admin1",
            key="first_in_admin1:catalogue:al-qaeda:AF-PAN",
            severity="high",
            title="First report of Al-Qaeda in Panjshir (AF-PAN)",
            evidence=EVIDENCE,
        )
        session.add(row)
        session.flush()
        return row.id


def _hook(store: Store, url: str) -> int:
    with store.session() as session:
        return add_webhook(session, url).id


def _attempts(store: Store) -> list[tuple[int, int | None, bool]]:
    with store.session() as session:
        log = delivery_log(session)
    return sorted((row.attempt, row.status_code, row.ok) for row in log)


def test_delivered_once_with_the_documented_shape(store: Store, httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("ok")
    alert_id = _alert(store)
    _hook(store, httpserver.url_for("/hook"))
    deliver_alerts(store, [alert_id], policy=FAST)
    httpserver.check_assertions()
    (request, _), *_ = httpserver.log
    body = json.loads(request.get_data())
    assert list(body) == ["id", "rule", "key", "severity", "title", "evidence", "raised_at"]
    assert body["id"] == alert_id
    assert body["title"] == "First report of Al-Qaeda in Panjshir (AF-PAN)"
    assert body["evidence"] == EVIDENCE
    assert dt.datetime.fromisoformat(body["raised_at"]).utcoffset() == dt.timedelta(0)
    assert _attempts(store) == [(1, 200, True)]


def test_retried_after_server_errors(store: Store, httpserver: HTTPServer) -> None:
    for status in (500, 503, 200):
        httpserver.expect_ordered_request("/hook", method="POST").respond_with_response(
            Response("", status=status)
        )
    alert_id = _alert(store)
    _hook(store, httpserver.url_for("/hook"))
    deliver_alerts(store, [alert_id], policy=FAST)
    httpserver.check_assertions()
    assert _attempts(store) == [(1, 500, False), (2, 503, False), (3, 200, True)]


def test_gives_up_after_the_last_attempt(store: Store, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_response(
        Response("", status=500)
    )
    alert_id = _alert(store)
    _hook(store, httpserver.url_for("/hook"))
    deliver_alerts(store, [alert_id], policy=FAST)  # does not raise
    assert len(httpserver.log) == FAST.attempts
    assert _attempts(store) == [(n, 500, False) for n in range(1, FAST.attempts + 1)]
    with store.session() as session:
        assert {row.error for row in delivery_log(session)} == {"HTTP 500"}


def test_unreachable_receiver_is_logged(store: Store) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    alert_id = _alert(store)
    _hook(store, f"http://127.0.0.1:{port}/hook")
    deliver_alerts(store, [alert_id], policy=FAST)
    with store.session() as session:
        log = delivery_log(session)
    assert [row.attempt for row in sorted(log, key=lambda r: r.attempt)] == [1, 2, 3]
    assert all(row.status_code is None and row.error and not row.ok for row in log)


def test_every_active_webhook_and_no_other(store: Store, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a", method="POST").respond_with_data("ok")
    httpserver.expect_request("/b", method="POST").respond_with_data("ok")
    alert_id = _alert(store)
    _hook(store, httpserver.url_for("/a"))
    off = _hook(store, httpserver.url_for("/b"))
    with store.session() as session:
        hook = session.get(WebhookRow, off)
        assert hook is not None
        hook.active = False
    deliver_alerts(store, [alert_id], policy=FAST)
    assert [request.path for request, _ in httpserver.log] == ["/a"]


def test_add_list_remove(store: Store) -> None:
    with store.session() as session:
        added = add_webhook(session, "https://hooks.example.org/warnline")
        assert [hook.url for hook in list_webhooks(session)] == [added.url]
        remove_webhook(session, added.id)
        assert list_webhooks(session) == []


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda session: add_webhook(session, "ftp://example.org/x"), "E142"),
        (lambda session: add_webhook(session, "hooks.example.org"), "E142"),
        (lambda session: add_webhook(session, "http://[::1/hook"), "E142"),
        (lambda session: add_webhook(session, "http://exa\x00mple.org/"), "E142"),
        (lambda session: remove_webhook(session, 404), "E223"),
    ],
)
def test_user_errors(store: Store, call: Callable[[Session], object], code: str) -> None:
    with store.session() as session, pytest.raises(WarnlineError) as caught:
        call(session)
    assert caught.value.code.name == code


def test_ingest_delivers_the_alert_it_raised(
    store: Store, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    _hook(store, httpserver.url_for("/hook"))
    report = tmp_path / "report.md"
    report.write_text(
        '---\ntitle: "Valley"\nsource: "Valley Monitor"\npublished: 2024-10-01\n---\n'
        "Al-Qaeda fighters are now present in the Panjshir Valley, a spokesman for the front "
        "said.\n",
        encoding="utf-8",
    )
    summary = ingest([str(report)], [], Defaults(), store)
    assert not summary.failures
    titles = [json.loads(request.get_data())["title"] for request, _ in httpserver.log]
    assert "First report of Al-Qaeda in Panjshir (AF-PAN)" in titles
    assert all(ok for _, _, ok in _attempts(store))


def test_webhooks_commands(store: Store, warnline: Run, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    added = warnline("webhooks", "add", httpserver.url_for("/hook"))
    assert added.returncode == 0, added.stderr
    hooks = json.loads(warnline("webhooks", "list", "--format", "json").stdout)
    assert [hook["url"] for hook in hooks] == [httpserver.url_for("/hook")]
    deliver_alerts(store, [_alert(store)], policy=FAST)
    log = json.loads(warnline("webhooks", "log", "--format", "json").stdout)
    assert [(row["attempt"], row["status_code"], row["ok"]) for row in log] == [(1, 200, True)]
    removed = warnline("webhooks", "remove", str(hooks[0]["id"]))
    assert removed.returncode == 0, removed.stderr
    assert json.loads(warnline("webhooks", "log", "--format", "json").stdout) == []


@pytest.mark.parametrize(
    ("args", "code"),
    [(("webhooks", "remove", "404"), "E223"), (("webhooks", "add", "ftp://x.org/"), "E142")],
)
def test_webhooks_command_errors(warnline: Run, args: tuple[str, ...], code: str) -> None:
    result = warnline(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{code} "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_an_address_httpx_refuses_is_logged(store: Store) -> None:
    alert_id = _alert(store)
    with store.session() as session:  # stored as it was given before add_webhook checked it
        session.add(WebhookRow(url="http://[::1/hook", active=True))
    deliver_alerts(store, [alert_id], policy=FAST)
    assert _attempts(store) == [(n, None, False) for n in range(1, FAST.attempts + 1)]
