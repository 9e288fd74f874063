"""A small corpus written for these tests: short reports made from a few templates, plus an
empty file that must be recorded as a failure while the rest are stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

# Written for these tests: (dateline, actor, target, place, weapon).
SETTINGS = [
    ("MOGADISHU, SOMALIA", "Al-Shabaab", "an army checkpoint", "Afgooye", "a car bomb"),
    ("MAIDUGURI, NIGERIA", "Boko Haram", "a military base", "Monguno", "mortars"),
    ("KABUL, AFGHANISTAN", "the Resistance Front", "a Taliban patrol", "Bazarak", "rifles"),
    ("BAMAKO, MALI", "JNIM", "a gendarmerie post", "Niono", "motorbikes and rifles"),
]
TEMPLATES = [
    "{dateline} – Fighters from {actor} attacked {target} near {place} on {day}, killing "
    "{killed} soldiers, a local official said. The group later claimed the attack online.",
    "{dateline} – At least {killed} people died when {actor} struck {target} outside {place} "
    "with {weapon} on {day}. A government spokesman denied that the town had fallen.",
    "{dateline} – {actor_cap} said it had seized {target} in {place} on {day}. Residents "
    "reported {killed} civilians wounded; the army said it repelled the assault.",
]
REPORTS = 24


def corpus_texts() -> list[tuple[str, str]]:
    """(file name, Markdown with front matter) for every report of the corpus, all different."""
    texts = []
    for n in range(REPORTS):
        dateline, actor, target, place, weapon = SETTINGS[n % len(SETTINGS)]
        template = TEMPLATES[(n // len(SETTINGS)) % len(TEMPLATES)]
        published = dt.date(2024, 3, 1) + dt.timedelta(days=n)
        body = template.format(
            dateline=dateline,
            actor=actor,
            actor_cap=actor[0].upper() + actor[1:],
            target=target,
            place=place,
            weapon=weapon,
            day="Monday" if n % 2 else "Saturday",
            killed=3 + n,
        )
        front = f'---\ntitle: "Report {n}"\nsource: "Outlet {n % 3}"\npublished: {published}\n---\n'
        texts.append((f"report_{n:02d}.md", front + body + "\n"))
    return texts


def write_corpus(folder: Path) -> Path:
    """The corpus as files in `folder`, with one empty file among them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in corpus_texts():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "report_empty.md").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("batch") / "corpus")
