"""A report's identity: the id of its normalised text, and the MinHash signature that finds
syndicated copies."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warnline.ingest.dedup import BANDS, band_keys, signature, signature_from_bytes
from warnline.ingest.identity import normalise_text, report_id
from warnline.ingest.text import split_front_matter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ORIGINAL = "2024-02-20-somalia-drone-strike-jilib.md"
SYNDICATED = "2024-02-21-somalia-drone-strike-jilib-syndicated.md"
REPORT = (
    "MOGADISHU, SOMALIA – A United States drone strike killed three al-Shabaab fighters near "
    "the town of Jilib on Monday, officials said.\n\n"
    "“This operation removed a man who had the blood of many soldiers on his hands,” Farah "
    "told reporters. The group’s radio said the dead were ‘Muslim travellers’."
)


def _body(name: str) -> str:
    return split_front_matter((EXAMPLES / name).read_text(encoding="utf-8"), name)[1]


# --- report_id -----------------------------------------------------------------------------------


def test_id_form() -> None:
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", report_id(REPORT))
    assert report_id(REPORT) == report_id(REPORT)


@pytest.mark.parametrize(
    "variant",
    [
        REPORT.replace("\n", "\r\n"),
        REPORT.replace("\n\n", "\n"),
        REPORT.replace("\n\n", " "),
        REPORT.replace(" ", "  "),
        REPORT.replace(" ", "\t"),
        REPORT.replace(" ", "\u00a0"),
        "  \n" + REPORT + "\n\n\n",
        REPORT.replace("“", '"').replace("”", '"'),
        REPORT.replace("’", "'").replace("‘", "'"),
        REPORT.replace("“", "„").replace("’", "‚"),
        REPORT.replace("–", "-"),
        REPORT.replace("–", "—"),
        REPORT.replace("fi", "\ufb01"),  # the "fi" ligature, undone by NFKC
        REPORT.replace("SOMALIA", "ＳＯＭＡＬＩＡ"),  # full width
    ],
)
def test_same_words_in_another_layout_have_the_same_id(variant: str) -> None:
    assert variant != REPORT
    assert report_id(variant) == report_id(REPORT)


@pytest.mark.parametrize(
    "variant",
    [
        REPORT.replace("three", "four"),
        REPORT.replace("Monday", "Tuesday"),
        REPORT.replace("officials said", "officials denied"),
        REPORT.replace("al-Shabaab", "al Shabaab"),
        REPORT.replace("MOGADISHU", "Mogadishu"),  # case is kept
        REPORT + " One more sentence.",
        REPORT[:-1],
        REPORT.replace("Jilib on", "Jilibon"),  # a space is not nothing
    ],
)
def test_other_words_have_another_id(variant: str) -> None:
    assert report_id(variant) != report_id(REPORT)


def test_example_reports_have_distinct_ids() -> None:
    bodies = [_body(p.name) for p in sorted(EXAMPLES.glob("*.md"))]
    assert len({report_id(b) for b in bodies}) == len(bodies)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("  a \t b\n\nc  ", "a b c"),
        ("“quoted” and ‘single’", "\"quoted\" and 'single'"),
        ("en – em — dash", "en - em - dash"),
        ("non\u00a0breaking", "non breaking"),
        ("ﬁnal ①", "final 1"),
        ("e\u0301", "é"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_normalise_text(text: str, normal: str) -> None:
    assert normalise_text(text) == normal


# --- properties of report_id and normalise_text ---------------------------------------------------

_WHITESPACE = " \t\n\r\u00a0\u2003\u3000\x0b\x0c"
_words = st.lists(
    st.text(
        alphabet=st.characters(
            categories=("L", "N", "P", "S"),
            exclude_characters="‘’‚“”„–—",
        ),
        min_size=1,
        max_size=10,
    ),
    min_size=1,
    max_size=12,
)
_gaps = st.text(alphabet=_WHITESPACE, min_size=1, max_size=4)


@given(text=st.text(max_size=300))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert report_id(once) == report_id(text)


@given(text=st.text(max_size=300))
def test_normal_form_has_single_spaces_and_straight_quotes(text: str) -> None:
    normal = normalise_text(text)
    assert normal == normal.strip()
    assert not re.search(r"\s\s", normal)
    assert not re.search(r"[^\S ]", normal)  # the only whitespace left is the space
    assert not set(normal) & set("‘’‚“”„–—\u00a0")


@given(words=_words, data=st.data())
def test_id_ignores_whitespace(words: list[str], data: st.DataObject) -> None:
    gaps = data.draw(st.lists(_gaps, min_size=len(words) + 1, max_size=len(words) + 1))
    spaced = gaps[0] + "".join(w + g for w, g in zip(words, gaps[1:], strict=True))
    assert report_id(spaced) == report_id(" ".join(words))


@given(
    text=st.text(alphabet=st.sampled_from("abc xyz.,'\"-\n"), min_size=1, max_size=120),
    data=st.data(),
)
def test_id_ignores_curly_quotes_and_dashes(text: str, data: st.DataObject) -> None:
    curly = {"'": "‘’‚", '"': "“”„", "-": "–—"}
    fancy = "".join(data.draw(st.sampled_from(curly[c] + c)) if c in curly else c for c in text)
    assert report_id(fancy) == report_id(text)
    assert report_id(fancy.replace("\n", "\r\n")) == report_id(text)


@given(words=_words, extra=st.text(alphabet="abcdefghij", min_size=1, max_size=5))
def test_id_changes_with_a_word(words: list[str], extra: str) -> None:
    assert report_id(" ".join([*words, extra])) != report_id(" ".join(words))


# --- signatures ----------------------------------------------------------------------------------


def test_signature_shape() -> None:
    sig = signature(REPORT)
    assert len(sig.values) == 128 * 8
    assert len(sig.bands) == BANDS == 32
    assert all(re.fullmatch(r"\d\d:[0-9a-f]{16}", key) for key in sig.bands)
    assert [key[:2] for key in sig.bands] == [f"{n:02d}" for n in range(32)]
    assert len(set(sig.bands)) == 32


def test_signature_is_stable() -> None:
    assert signature(REPORT) == signature(REPORT)
    assert signature(REPORT).similarity(signature(REPORT)) == 1.0
    stored = signature_from_bytes(signature(REPORT).values)
    assert stored == signature(REPORT)
    assert band_keys(stored.values) == signature(REPORT).bands


def test_signature_ignores_layout_and_case() -> None:
    layout = REPORT.replace("\n\n", "\n").replace("“", '"').replace("”", '"').upper()
    assert signature(layout) == signature(REPORT)


def test_syndicated_copy_is_similar() -> None:
    original, copy = signature(_body(ORIGINAL)), signature(_body(SYNDICATED))
    assert report_id(_body(ORIGINAL)) != report_id(_body(SYNDICATED))
    assert original.similarity(copy) >= 0.7
    assert copy.similarity(original) == original.similarity(copy)
    assert set(original.bands) & set(copy.bands)


def test_syndicated_copy_with_new_headline_and_boilerplate() -> None:
    body = _body(ORIGINAL)
    copy = (
        "Somalia: strike near Jilib hits vehicle\n\n"
        "This article is republished from Horn Wire under a content-sharing agreement.\n\n"
        + body
        + "\n\nDistributed by Indian Ocean Newswire. All rights reserved."
    )
    original = signature(body)
    assert original.similarity(signature(copy)) >= 0.7
    assert set(original.bands) & set(signature(copy).bands)


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (
            "2024-03-22-kandahar-bank-bombing-iskp.md",
            "2024-09-18-mali-bamako-jnim-attack.md",
        ),
        (ORIGINAL, "2025-03-23-niger-fambita-mosque-attack.md"),
        (
            "2024-05-13-burkina-sebba-attack-sahel-monitor.md",
            "2024-05-14-burkina-sebba-attack-faso-courier.md",
        ),  # the same event, written independently
    ],
)
def test_unrelated_reports_are_not_similar(one: str, two: str) -> None:
    assert signature(_body(one)).similarity(signature(_body(two))) < 0.3


def test_no_two_independent_examples_are_similar() -> None:
    names = [p.name for p in sorted(EXAMPLES.glob("*.md")) if p.name != SYNDICATED]
    sigs = {n: signature(_body(n)) for n in names}
    for one, two in itertools.combinations(names, 2):
        assert sigs[one].similarity(sigs[two]) < 0.3, (one, two)


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("yesterday", "on Monday"),
        lambda t: t.replace("three", "four", 1),
        lambda t: t + "\n\nThis story has been updated.",
        lambda t: "Updated: " + t,
    ],
)
def test_near_identical_texts_share_a_band(edit: Callable[[str], str]) -> None:
    body = _body(ORIGINAL)
    edited = edit(body)
    assert edited != body
    one, two = signature(body), signature(edited)
    assert one.similarity(two) >= 0.8
    assert set(one.bands) & set(two.bands)
    assert one.bands != two.bands


@pytest.mark.parametrize("text", ["", "word", "two words", "a b c d", "  \n "])
def test_short_texts_have_signatures(text: str) -> None:
    sig = signature(text)
    assert len(sig.bands) == 32
    assert sig.similarity(signature(text)) == 1.0


@given(one=st.text(max_size=200), two=st.text(max_size=200))
def test_similarity_is_a_symmetric_fraction(one: str, two: str) -> None:
    a, b = signature(one), signature(two)
    assert 0.0 <= a.similarity(b) <= 1.0
    assert a.similarity(b) == b.similarity(a)
    assert a.similarity(a) == 1.0
    if normalise_text(one).casefold() == normalise_text(two).casefold():
        assert a == b
