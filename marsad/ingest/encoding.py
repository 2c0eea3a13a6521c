"""Decode bytes of text inputs: UTF-8, UTF-8 with BOM, then windows-1256 with a warning.

Binary data (NUL bytes, or mostly non-text) is refused with a clear error instead of being
decoded into mojibake.
"""
from __future__ import annotations

from ..errors import InputError


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


# Documents that are not text but can look like it at first bytes: (magic, what, what to do).
KNOWN_FORMATS = (
    (b"%PDF-", "a PDF document",
     "extract its text first (pdftotext FILE.pdf FILE.txt) and pass the .txt"),
    (b"{\\rtf", "an RTF document", "save it as plain text (UTF-8) and pass the .txt"),
    (b"PK\x03\x04", "a zip container (DOCX, XLSX, EPUB or a zip)",
     "save documents as plain text; name zips of JSON records *.zip"),
    (b"\x1f\x8b", "gzip data", "name it *.gz (*.html.gz, *.warc.gz, *.jsonl.gz) so it is unpacked"),
    (b"\x89PNG", "a PNG image", "pass text, HTML or JSONL"),
    (b"\xff\xd8\xff", "a JPEG image", "pass text, HTML or JSONL"),
    (b"GIF8", "a GIF image", "pass text, HTML or JSONL"),
)


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Return (text, warnings). Raises InputError for binary or undecodable input."""
    for magic, what, hint in KNOWN_FORMATS:
        if data.startswith(magic):
            raise InputError("E011", f"input is {what}, not text", hint, source=source)
    if looks_binary(data):
        raise InputError("E011", "input looks binary (NUL or control bytes), not text",
                         "pass a text, HTML or JSONL file", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise InputError("E012", f"cannot decode as UTF-8 ({utf8_error.reason} at byte "
                         f"{utf8_error.start}) nor windows-1256", "re-save the file as UTF-8",
                         source=source) from exc
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    letters = sum(1 for c in text if c.isalpha()) or 1
    if arabic / letters < 0.3:
        raise InputError("E012", f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                         "and windows-1256 does not give Arabic text",
                         "re-save the file as UTF-8", source=source)
    return text, [f"{source}: not UTF-8; decoded as windows-1256"]
