"""The benchmark corpus: at least 2,000 reports of real length made from the project's own reports.

Run: .venv/bin/python bench/corpus.py [--reports N] [--folder PATH]   (writes Markdown files)

How it is made. The sources are the Markdown reports of examples/ and tests/gold/ (38 reports,
all written for this project, 300–3,200 words each). Report k of the corpus:

- takes a lead report in turn (k modulo the number of sources), with its title, source and
  first paragraph (which carries the dateline, when there is one), and the lead's publication
  date moved k days later, so the corpus spans several years of news;
- goes on with the lead's own paragraphs in order, then with runs of 2–4 consecutive paragraphs
  borrowed from other reports (never a first paragraph, so only the lead's dateline is there),
  chosen by a random generator seeded with k;
- stops at the first paragraph that brings it to a target length drawn uniformly from
  400–1,200 words, and is cut back a paragraph if that overshoots 1,200.

So every report is whole paragraphs of real reporting: names, places, numbers, quotes, claims
and denials in the density real reports have, the mixing gives the store's cross-report layers
(actors, clusters, near-duplicates) real work, and each text differs, so each has its own
report id. The same arguments always make the same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from warnline.flow import limits_from
from warnline.ingest import Defaults, Input, read_input
from warnline.ingest.identity import report_id
from warnline.records import Report
from warnline.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "examples", ROOT / "tests" / "gold")
DEFAULT_FOLDER = ROOT / "var" / "bench" / "corpus"
MIN_WORDS, MAX_WORDS = 400, 1_200
DEFAULT_REPORTS = 2_000


@dataclass(frozen=True)
class Source:
    report: Report
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class CorpusReport:
    name: str
    title: str
    source: str
    published: str | None
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    def markdown(self) -> str:
        meta = [f"title: {json.dumps(self.title)}", f"source: {json.dumps(self.source)}"]
        if self.published:
            meta.append(f"published: {self.published}")
        return "---\n" + "\n".join(meta) + "\n---\n" + self.text + "\n"


def load_sources() -> list[Source]:
    """The project's own Markdown reports, split into paragraphs."""
    limits = limits_from(get_settings())
    sources: list[Source] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.md")):
            for found in read_input(Input(str(path)), Defaults(), limits):
                if isinstance(found, Report):
                    paragraphs = tuple(p.strip() for p in found.text.split("\n\n") if p.strip())
                    sources.append(Source(found, paragraphs))
    return sources


def corpus_reports(sources: list[Source], count: int) -> Iterator[CorpusReport]:
    """`count` reports with distinct texts (see the module docstring for how)."""
    seen: set[str] = set()
    k = 0
    while len(seen) < count:
        made = _make(sources, k)
        k += 1
        rid = report_id(made.text)
        if rid not in seen:
            seen.add(rid)
            yield made


def _make(sources: list[Source], k: int) -> CorpusReport:
    rng = random.Random(k)
    lead = sources[k % len(sources)]
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    paragraphs = list(_take(lead.paragraphs[: rng.randint(2, len(lead.paragraphs))], target, []))
    others = [s for s in sources if s is not lead and len(s.paragraphs) > 2]
    while _words(paragraphs) < target:
        other = rng.choice(others)
        start = rng.randint(1, len(other.paragraphs) - 2)
        run = other.paragraphs[start : start + rng.randint(2, 4)]
        paragraphs = _take(run, target, paragraphs)
    while _words(paragraphs) > MAX_WORDS and len(paragraphs) > 1:
        paragraphs.pop()
    published = lead.report.published
    return CorpusReport(
        name=f"{k:05d}",
        title=lead.report.title or "Untitled report",
        source=lead.report.source or "warnline bench",
        published=(published + timedelta(days=k)).isoformat() if published else None,
        text="\n\n".join(paragraphs),
    )


def _take(run: tuple[str, ...], target: int, paragraphs: list[str]) -> list[str]:
    """`paragraphs` with the paragraphs of `run` added until the target length is reached."""
    out = list(paragraphs)
    for paragraph in run:
        if _words(out) >= target:
            break
        if paragraph not in out:
            out.append(paragraph)
    return out


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def write_corpus(folder: Path, count: int) -> list[CorpusReport]:
    """Write the corpus's Markdown files into `folder` (emptied of earlier ones first)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    reports = list(corpus_reports(load_sources(), count))
    for report in reports:
        (folder / f"{report.name}.md").write_text(report.markdown(), encoding="utf-8")
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    args = parser.parse_args()
    reports = write_corpus(args.folder, args.reports)
    words = sorted(r.words for r in reports)
    print(
        json.dumps(
            {
                "folder": str(args.folder),
                "reports": len(reports),
                "words": sum(words),
                "words_min": words[0],
                "words_median": words[len(words) // 2],
                "words_max": words[-1],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
