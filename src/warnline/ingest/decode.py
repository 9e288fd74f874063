"""Bytes to text: byte-order marks, UTF-8 with a count of what could not be decoded, binaries."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from warnline.errors import Errors, WarnlineError

# A BOM names its encoding; the longest BOMs first, since UTF-32-LE's starts with UTF-16-LE's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 8192
# Text has few control characters besides tab, newline, carriage return and form feed.
_CONTROL = bytes(range(32)).translate(None, b"\t\n\r\f\x1b")
_MAX_CONTROL_RATIO = 0.05


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    replaced_bytes: int


def decode_bytes(data: bytes, subject: str) -> DecodedText:
    """Decode a file's bytes; raise E102/E103 for empty or binary data."""
    if not data.strip():
        raise WarnlineError(Errors.E102, subject)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding, subject)
    _refuse_binary(data, subject)
    return _decode(data, "utf-8", subject)


def _refuse_binary(data: bytes, subject: str) -> None:
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise WarnlineError(Errors.E103, subject, detail="it contains NUL bytes")
    control = sum(head.count(bytes([c])) for c in _CONTROL)
    if control / len(head) > _MAX_CONTROL_RATIO:
        raise WarnlineError(Errors.E103, subject, detail=f"{control} control bytes in its start")


def _decode(data: bytes, encoding: str, subject: str) -> DecodedText:
    try:
        text = data.decode(encoding)
        replaced = 0
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        replaced = _count_undecodable(data, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise WarnlineError(Errors.E102, subject)
    return DecodedText(text=text, encoding=encoding, replaced_bytes=replaced)


def _count_undecodable(data: bytes, encoding: str) -> int:
    count = 0

    def count_and_replace(err: UnicodeError) -> tuple[str, int]:
        nonlocal count
        if not isinstance(err, UnicodeDecodeError):
            raise err
        count += err.end - err.start
        return ("\ufffd", err.end)

    codecs.register_error("warnline-count", count_and_replace)
    data.decode(encoding, errors="warnline-count")
    return count
