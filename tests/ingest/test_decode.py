"""Bytes to text: byte-order marks, bad UTF-8 kept with a notice, empty and binary files refused."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warnline.errors import WarnlineError
from warnline.ingest.decode import DecodedText, decode_bytes
from warnline.records import Failure, Report

Read = Callable[..., list[Report | Failure]]
Write = Callable[[str, str | bytes], Path]
ExpectFailure = Callable[[object, str, str], None]

TEXT = "Drone strike near Jilib\n\nMOGADISHU – “No civilians were hurt,” AFRICOM said of Jilib.\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
]


def _decode_or_error(data: bytes) -> DecodedText | WarnlineError:
    try:
        return decode_bytes(data, "input.txt")
    except WarnlineError as err:
        return err


# --- byte-order marks ----------------------------------------------------------------------------


@pytest.mark.parametrize(("bom", "encoding"), BOMS, ids=[e for _, e in BOMS])
def test_bom_names_the_encoding(bom: bytes, encoding: str) -> None:
    decoded = decode_bytes(bom + TEXT.encode(encoding), "input.txt")
    assert decoded == DecodedText(text=TEXT, encoding=encoding, replaced_bytes=0)


@pytest.mark.parametrize(("bom", "encoding"), BOMS[:3], ids=[e for _, e in BOMS[:3]])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".dat"])
def test_bom_files_read_without_notice(
    read: Read, write: Write, bom: bytes, encoding: str, suffix: str
) -> None:
    data = bom + TEXT.replace("\n", "\r\n").encode(encoding)
    (report,) = read([write(f"report{suffix}", data)])
    assert isinstance(report, Report)
    assert report.text == TEXT
    assert report.title == "Drone strike near Jilib"
    assert report.warnings == ()


@pytest.mark.parametrize(("bom", "encoding"), BOMS[:3], ids=[e for _, e in BOMS[:3]])
def test_bom_front_matter_is_read(read: Read, write: Write, bom: bytes, encoding: str) -> None:
    text = "---\ntitle: Strike near Jilib\nsource: Horn Wire\n---\n" + TEXT
    (report,) = read([write("report.md", bom + text.encode(encoding))])
    assert isinstance(report, Report)
    assert (report.title, report.source, report.text) == ("Strike near Jilib", "Horn Wire", TEXT)
    assert report.warnings == ()


@pytest.mark.parametrize(("bom", "encoding"), BOMS[:3], ids=[e for _, e in BOMS[:3]])
def test_bom_jsonl_is_read(read: Read, write: Write, bom: bytes, encoding: str) -> None:
    line = json.dumps({"text": TEXT, "title": "Strike"}, ensure_ascii=False)
    (report,) = read([write("wire.jsonl", bom + f"{line}\n".encode(encoding))])
    assert isinstance(report, Report)
    assert report.text == TEXT
    assert report.warnings == ()


# --- invalid UTF-8 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "count"),
    [
        (b"caf\xe9 in Jilib, officials said on Monday.", 1),  # Latin-1 byte
        (b"Jilib \xff\xfe\xfd officials said.", 3),
        (b"truncated \xe2\x82 sequence in a report.", 2),
        (b"\xef\xbb\xbfwith a BOM and a bad \xc3 byte.", 1),
        (b"Jilib \xed\xa0\x80 a surrogate.", 3),
    ],
)
def test_bad_utf8_is_replaced_and_counted(data: bytes, count: int) -> None:
    decoded = decode_bytes(data, "input.txt")
    assert decoded.replaced_bytes == count
    assert "\ufffd" in decoded.text
    assert decoded.text.replace("\ufffd", "") == data.decode("utf-8", errors="ignore").lstrip(
        "\ufeff"
    )


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl"])
def test_bad_utf8_file_is_kept_with_a_w105_notice(
    read: Read,
    write: Write,
    expect_failure: ExpectFailure,
    article_page: Callable[..., str],
    suffix: str,
    good_text: str,
) -> None:
    latin1 = "Raid near Ségou kills four, officials say"
    if suffix == ".html":
        data = (
            article_page(title="Raid on a border post")
            .encode()
            .replace(b"Gunmen", latin1.encode("latin-1"), 1)
        )
    elif suffix == ".jsonl":
        data = b'{"text": "' + latin1.encode("latin-1") + b'. More text follows."}\n'
    else:
        data = latin1.encode("latin-1") + b"\n\nA second paragraph: caf\xe9 and na\xefve.\n"
    path = write(f"report{suffix}", data)
    other = write("zz-other.txt", good_text)
    results = read([path, other])
    assert len(results) == 2, results
    report = results[0]
    assert isinstance(report, Report), report
    assert "\ufffd" in report.text
    assert "Raid near S\ufffdgou" in report.text
    bad = 3 if suffix in {".txt", ".md"} else 1
    assert len(report.warnings) == 1
    expect_failure(report.warnings[0], "W105", str(path))
    assert f"{bad} bytes could not be decoded" in report.warnings[0].message
    assert isinstance(results[1], Report)
    assert results[1].warnings == ()


def test_valid_utf8_has_no_notice(read: Read, write: Write) -> None:
    (report,) = read([write("report.txt", TEXT.encode())])
    assert isinstance(report, Report)
    assert report.warnings == ()
    assert report.text == TEXT


# --- empty and binary ----------------------------------------------------------------------------

EMPTY = [
    b"",
    b" ",
    b"\n\n\n",
    b" \t\r\n \x0b\x0c ",
    codecs.BOM_UTF8,
    codecs.BOM_UTF8 + b"  \n",
    codecs.BOM_UTF16_LE + " \n\t ".encode("utf-16-le"),
    codecs.BOM_UTF16_BE + "\n".encode("utf-16-be"),
]


@pytest.mark.parametrize("data", EMPTY)
def test_empty_data_is_e102(data: bytes) -> None:
    outcome = _decode_or_error(data)
    assert isinstance(outcome, WarnlineError)
    assert outcome.code.name == "E102"


@pytest.mark.parametrize("data", EMPTY)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl", ".xml", ".bin"])
def test_empty_file_is_e102(
    read: Read,
    write: Write,
    expect_failure: ExpectFailure,
    good_text: str,
    data: bytes,
    suffix: str,
) -> None:
    path = write(f"report{suffix}", data)
    other = write("other.txt", good_text)
    results = read([path, other])
    assert len(results) == 2, results
    expect_failure(results[0], "E102", str(path))
    assert isinstance(results[1], Report)


BINARY = [
    PNG,
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\x00\x00",
    b"text with a NUL \x00 in the middle of it",
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
    bytes(range(1, 32)) * 4 + b"mostly control characters",
    "A UTF-16 file without its BOM".encode("utf-16-le"),
]


@pytest.mark.parametrize("data", BINARY)
def test_binary_data_is_e103(data: bytes) -> None:
    outcome = _decode_or_error(data)
    assert isinstance(outcome, WarnlineError)
    assert outcome.code.name == "E103"
    assert "binary" in outcome.reason


@pytest.mark.parametrize("data", BINARY)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl", ".png", ""])
def test_binary_file_is_e103(
    read: Read,
    write: Write,
    expect_failure: ExpectFailure,
    good_text: str,
    data: bytes,
    suffix: str,
) -> None:
    path = write(f"picture{suffix}", data)
    other = write("other.txt", good_text)
    results = read([path, other])
    assert len(results) == 2, results
    expect_failure(results[0], "E103", str(path))
    assert isinstance(results[1], Report)


@pytest.mark.parametrize(
    "data",
    [
        b"tabs\tand\tform\x0cfeeds and an \x1b escape are text",
        b"a lone \x07 bell among " + b"plenty of ordinary words " * 4,
    ],
)
def test_a_few_control_bytes_are_still_text(data: bytes) -> None:
    decoded = decode_bytes(data, "input.txt")
    assert decoded.text == data.decode()
    assert decoded.replaced_bytes == 0


# --- properties ----------------------------------------------------------------------------------

_any_bytes = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda bom, rest: bom + rest, st.sampled_from([b for b, _ in BOMS]), st.binary()),
)


@given(data=_any_bytes)
def test_decode_never_raises_anything_but_a_coded_error(data: bytes) -> None:
    outcome = _decode_or_error(data)
    if isinstance(outcome, WarnlineError):
        assert outcome.code.name in {"E102", "E103"}
        assert "\n" not in outcome.line()
        assert outcome.line().startswith(f"{outcome.code.name} input.txt: ")
    else:
        assert outcome.text.strip()
        assert "\r" not in outcome.text
        assert outcome.replaced_bytes >= 0
        assert outcome.replaced_bytes <= len(data)
        if outcome.replaced_bytes:
            assert "\ufffd" in outcome.text


_text = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\n\r\t"),
    max_size=200,
).filter(lambda s: s.strip() != "")


@given(text=_text)
def test_valid_utf8_decodes_to_itself(text: str) -> None:
    decoded = decode_bytes(text.encode("utf-8"), "input.txt")
    assert decoded.replaced_bytes == 0
    assert decoded.text == text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


@given(text=_text, bom_encoding=st.sampled_from(BOMS))
def test_text_behind_a_bom_decodes_to_itself(text: str, bom_encoding: tuple[bytes, str]) -> None:
    bom, encoding = bom_encoding
    decoded = decode_bytes(bom + text.encode(encoding), "input.txt")
    assert decoded.replaced_bytes == 0
    assert decoded.text == text.replace("\r\n", "\n").replace("\r", "\n")


@given(
    words=st.lists(st.text(alphabet="abcdefghij .,", min_size=1, max_size=8), min_size=1),
    bad=st.lists(st.sampled_from([b"\xff", b"\xfe", b"\xc0", b"\xf8"]), min_size=1, max_size=8),
)
def test_each_bad_byte_is_counted(words: list[str], bad: list[bytes]) -> None:
    data = b"ok " + b"".join(w.encode() + b for w, b in zip(words * len(bad), bad, strict=False))
    decoded = decode_bytes(data, "input.txt")
    assert decoded.replaced_bytes == len(bad)
    assert decoded.text.count("\ufffd") == len(bad)
