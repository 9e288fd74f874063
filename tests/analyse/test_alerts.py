"""Alerts: reports ingested through the real pipeline into a real SQLite store raise each alert
once, with evidence; the rules file is validated with coded errors."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.conftest import NewDatabase

from warnline.analyse.alert_facts import ActorRef, seen_before
from warnline.analyse.alert_rules import RULE_NAMES, load_alert_config
from warnline.analyse.alerts import acknowledge_alert, list_alerts, rebuild_alerts
from warnline.errors import WarnlineError
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.settings import get_settings
from warnline.store import Store, open_store
from warnline.store.schema import ActorRow, AlertRow, EntityRow, ReportRow

Run = Callable[..., subprocess.CompletedProcess[str]]

FIRST = """---
title: "A new presence in the valley"
source: "Valley Monitor"
published: 2024-10-01
---
Al-Qaeda fighters are now present in the Panjshir Valley, a spokesman for the front said.
The Taliban attacked the National Resistance Front in Panjshir on 28 September 2024, killing
five fighters.
"""
# The same fact in other words, from another outlet, with a new group and a new alliance.
AGAIN = """---
title: "Militants regroup north of Kabul"
source: "Kabul Observer"
published: 2024-10-03
---
Al-Qaeda fighters now live in Panjshir, a local elder told reporters. Tehrik-i-Taliban Pakistan
fought alongside Al-Qaeda in Kunar on 2 October 2024, and Ansarullah is allied with Al-Qaeda.
"""
RULES = """
rules:
  spike: {min_events: 2, ratio: 1.0, window_days: 7, baseline_windows: 4}
  watchlist: {names: [Ansarullah], places: [Kunar]}
"""


@dataclass
class Filled:
    store: Store
    folder: Path
    raised: list[list[int]]  # the alert ids each ingest delivered


def _ingest(store: Store, path: Path) -> None:
    summary = ingest([str(path)], [], Defaults(), store)
    assert not summary.failures


@pytest.fixture(scope="module")
def filled(
    backend: str, new_database: NewDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Filled]:
    folder = tmp_path_factory.mktemp("alerts")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WARNLINE_ALERT_RULES", str(folder / "rules.yaml"))
        get_settings.cache_clear()
        store = open_store(new_database(backend, folder))
        raised: list[list[int]] = []
        for name, text in (("first.md", FIRST), ("again.md", AGAIN)):
            (folder / name).write_text(text, encoding="utf-8")
        for name in ("first.md", "first.md", "again.md"):
            before = _alert_ids(store)
            _ingest(store, folder / name)
            raised.append(sorted(_alert_ids(store) - before))
        yield Filled(store, folder, raised)
        store.close()
    get_settings.cache_clear()


def _alert_ids(store: Store) -> set[int]:
    with store.session() as session:
        return set(session.scalars(select(AlertRow.id)))


def _keys(store: Store, rule: str | None = None) -> set[str]:
    with store.session() as session:
        return {alert.key for alert in list_alerts(session, rule=rule)}


def test_first_report_of_an_actor_in_a_province(filled: Filled) -> None:
    with filled.store.session() as session:
        alerts = list_alerts(session, rule="first_in_admin1")
    alert = next(a for a in alerts if a.key == "first_in_admin1:catalogue:al-qaeda:AF-PAN")
    assert alert.title == "First report of Al-Qaeda in Panjshir (AF-PAN)"
    assert alert.severity == "high"
    assert alert.id in filled.raised[0]
    text = FIRST.split("---\n", 2)[2]
    kinds = {item["kind"] for item in alert.evidence}
    assert kinds == {"event", "claim"}
    for item in alert.evidence:
        start, end = item["span"]
        assert text[start:end] == item["text"]
        assert "Al-Qaeda" in item["text"]


def test_nothing_new_on_reingest_or_the_same_fact_again(filled: Filled) -> None:
    assert filled.raised[1] == []
    with filled.store.session() as session:
        again = [session.get(AlertRow, alert_id) for alert_id in filled.raised[2]]
    assert not any(row and row.rule == "first_in_admin1" for row in again)
    assert len(_keys(filled.store, "first_in_admin1")) == 3


def test_rebuild_raises_nothing_twice(filled: Filled) -> None:
    with filled.store.session() as session:
        count = session.scalar(select(func.count()).select_from(AlertRow))
        assert rebuild_alerts(session) == []
        assert session.scalar(select(func.count()).select_from(AlertRow)) == count


@pytest.mark.parametrize(
    ("rule", "key"),
    [
        ("new_actor", "new_actor:catalogue:ttp"),
        ("new_actor", "new_actor:catalogue:houthis"),
        ("new_relation", "new_relation:catalogue:ttp:allied_with:catalogue:al-qaeda"),
        ("spike", "spike:AF-PAN:2024-09-26"),
        ("watchlist", "watchlist:ansarullah:"),
        ("watchlist", "watchlist:kunar:"),
    ],
)
def test_rule_fires(filled: Filled, rule: str, key: str) -> None:
    assert any(found.startswith(key) for found in _keys(filled.store, rule))


def test_no_new_actor_in_the_first_report(filled: Filled) -> None:
    # The store was empty: every actor of its first report is new, which tells nobody anything.
    assert not any(
        "al-qaeda" in key or "taliban" in key for key in _keys(filled.store, "new_actor")
    )


def test_acknowledge(filled: Filled) -> None:
    with filled.store.session() as session:
        alert = list_alerts(session)[0]
        acked = acknowledge_alert(session, alert.id)
        assert acked.acknowledged_at is not None
        assert acknowledge_alert(session, alert.id).acknowledged_at == acked.acknowledged_at
        unacked = {a.id for a in list_alerts(session, unacknowledged=True)}
    assert alert.id not in unacked
    with filled.store.session() as session, pytest.raises(WarnlineError) as caught:
        acknowledge_alert(session, 10_000)
    assert caught.value.code.name == "E222"


@pytest.mark.parametrize(
    ("override", "count"),
    [
        ("rules: {spike: {min_events: 2, ratio: 1.0}}", 1),
        ("rules: {spike: {min_events: 3, ratio: 1.0}}", 0),
        ("rules: {spike: {enabled: false, min_events: 1}}", 0),
    ],
)
def test_spike_thresholds(db_url: str, tmp_path: Path, override: str, count: int) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(override, encoding="utf-8")
    report = tmp_path / "first.md"
    report.write_text(FIRST, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WARNLINE_ALERT_RULES", str(rules))
        get_settings.cache_clear()
        store = open_store(db_url)
        try:
            _ingest(store, report)
            assert len(_keys(store, "spike")) == count
        finally:
            store.close()
    get_settings.cache_clear()


def test_packaged_rules_are_valid() -> None:
    config = load_alert_config(None)
    assert set(RULE_NAMES) == set(config.rules.model_dump())
    assert config.webhooks.attempts >= 1


@pytest.mark.parametrize(
    ("text", "code", "detail"),
    [
        ("rules: {spike: {ratio: 0}}", "E220", "rules.spike.ratio"),
        ("rules: {spike: {severity: urgent}}", "E220", "rules.spike.severity"),
        ("rules: {sparkle: {enabled: true}}", "E220", "rules.sparkle"),
        ("rules: [one, two", "E220", "not valid YAML"),
        ("- a list", "E220", "not a mapping"),
        (None, "E221", ""),
    ],
)
def test_bad_rules_file(tmp_path: Path, text: str | None, code: str, detail: str) -> None:
    path = tmp_path / "rules.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(WarnlineError) as caught:
        load_alert_config(path)
    assert caught.value.code.name == code
    assert detail in caught.value.line()
    assert str(path) in caught.value.line()


def _stored_alert(store: Store) -> int:
    with store.session() as session:
        row = AlertRow(
            rule="new_actor",
            key="new_actor:catalogue:ttp",
            severity="medium",
            title="New actor: Tehrik-i-Taliban Pakistan",
        )
        session.add(row)
        session.flush()
        return row.id


def test_alerts_command(store: Store, warnline: Run) -> None:
    alert_id = _stored_alert(store)
    for args in (("alerts",), ("alerts", "list", "--rule", "new_actor")):
        listed = warnline(*args, "--format", "json")
        assert listed.returncode == 0, listed.stderr
        assert [a["key"] for a in json.loads(listed.stdout)] == ["new_actor:catalogue:ttp"]
    acked = warnline("alerts", "ack", str(alert_id))
    assert acked.returncode == 0, acked.stderr
    assert "New actor: Tehrik-i-Taliban Pakistan" in acked.stdout
    left = warnline("alerts", "--unacknowledged", "--format", "json")
    assert json.loads(left.stdout) == []


@pytest.mark.parametrize(
    ("args", "code"),
    [(("alerts", "ack", "404"), "E222"), (("alerts", "--rule", "sparkle"), "E151")],
)
def test_alerts_command_errors(warnline: Run, args: tuple[str, ...], code: str) -> None:
    result = warnline(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{code} "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_actor_identity_follows_resolution(filled: Filled) -> None:
    """An entity resolved to an actor is that actor under any name; an actor an analyst split
    off is not the one its old name belongs to."""
    session = filled.store.sessions()
    try:
        first, again = session.scalars(select(ReportRow).order_by(ReportRow.ingested_at)).all()
        entity = session.scalars(
            select(EntityRow).where(EntityRow.report_id == first.id, EntityRow.name == "Al-Qaeda")
        ).one()
        resolved, other = (
            ActorRow(name="al-Qaida", kind="armed_group"),
            ActorRow(name="Al-Qaeda (split)", kind="armed_group"),
        )
        session.add_all([resolved, other])
        session.flush()
        entity.actor_id, entity.catalogue_id = resolved.id, None
        session.flush()

        def ref(name: str, actor: ActorRow | None) -> ActorRef:
            actor_id = actor.id if actor else None
            actor_name = actor.name if actor else None
            return ActorRef(0, again.id, "E9", name, "armed_group", (), actor_id, actor_name, None)

        assert seen_before(session, ref("the Base", resolved), again)
        assert not seen_before(session, ref("the Base", None), again)
        assert not seen_before(session, ref("Al-Qaeda", other), again)
        assert seen_before(session, ref("Al-Qaeda", None), again)
        assert ref("the Base", resolved).key == "name:al qaida"
    finally:
        session.rollback()
        session.close()


def test_rules_command(warnline: Run, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: {new_actor: {enabled: false}}", encoding="utf-8")
    shown = warnline(
        "alerts", "rules", "--format", "json", env={"WARNLINE_ALERT_RULES": str(rules)}
    )
    assert shown.returncode == 0, shown.stderr
    config = json.loads(shown.stdout)
    assert config["rules"]["new_actor"]["enabled"] is False
    assert config["rules"]["first_in_admin1"]["enabled"] is True
    rules.write_text("rules: {spike: {ratio: 0}}", encoding="utf-8")
    bad = warnline("alerts", "rules", env={"WARNLINE_ALERT_RULES": str(rules)})
    assert bad.returncode == 2
    assert bad.stderr.startswith(f"E220 {rules}: "), bad.stderr
