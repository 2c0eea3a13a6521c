"""Decode HTML bytes: BOM, HTTP ``Content-Type`` charset, ``<meta charset>``, then detection.

Order follows browsers (BOM wins, then the transport header, then the document's own
declaration), with two corrections that matter for Arabic news sites in practice:

* a declared charset is only trusted if the bytes decode under it *and* the result does not look
  like mojibake (Arabic mixed with Latin accented letters is what ISO-8859-6 bytes read as
  windows-1256 look like, and vice versa);
* a Latin-1 family declaration (often a server default) loses to valid UTF-8.

Undeclared non-UTF-8 bytes go to an Arabic-aware choice between windows-1256 and ISO-8859-6
and then to charset-normalizer. Text that is itself double-encoded (UTF-8 read as windows-1252
or windows-1256 and saved again) is repaired by reversing that step; if mojibake survives every
candidate the page is refused (E302) rather than stored garbled.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.I)
_LATIN1_FAMILY = {"iso8859-1", "cp1252", "ascii"}
# Arabic letter next to a Latin-1 accented letter: ISO-8859-6 read as cp1256 (or the reverse).
_MIXED = re.compile(r"[\u0621-\u064a][\u00c0-\u00ff]|[\u00c0-\u00ff][\u0621-\u064a]")
# UTF-8 Arabic bytes (D8/D9 lead) read as windows-1252 ("Ø§Ù„") or windows-1256 ("ط§ظ„").
_UTF8_AS_1252 = re.compile(r"[\u00d8\u00d9\u00db][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
                           r"\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_UTF8_AS_1256 = re.compile(r"[\u0637\u0638][\u00a7\u00a9\u00ab\u00bb\u00b1\u00b9\u00ba\u00a8"
                           r"\u00a4\u00a5\u00a6\u00b4\u00b5\u00b6\u00b7\u00b8\u2026\u201e\u201a"
                           r"\u2020\u2021\u2030\u2039\u203a\u2018\u2019\u201c\u201d\u2022\u2013"
                           r"\u2014\u2122\u20ac\u0679\u067e\u0686\u0688\u0691\u0698\u06a9\u06af"
                           r"\u06ba\u06be\u0152\u0153\u02c6\u0192\u060c\u061b\u061f]")
LEAD_SHARE_1256 = 0.3      # share of ط/ظ among the letters of UTF-8 Arabic read as windows-1256
DETECT_BYTES = 256 * 1024   # charset-normalizer sees at most this much (speed on 50 MB pages)


@dataclass
class Decoded:
    text: str
    encoding: str
    how: str                 # bom | header | meta | utf-8 | arabic-legacy | detected | repaired
    warnings: list[str]


def normalize_name(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def header_charset(headers: dict[str, str] | None) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == "content-type":
            m = _HEADER_CHARSET.search(value)
            return m.group(1) if m else None
    return None


def meta_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_DECL.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def mojibake_score(text: str) -> int:
    """Count tell-tale mojibake pairs in (a sample of) ``text``; 0 for clean text."""
    sample = text[:200_000]
    return (len(_MIXED.findall(sample)) + len(_UTF8_AS_1252.findall(sample))
            + len(_UTF8_AS_1256.findall(sample)))


_ACCENTED = re.compile(r"[\u00c0-\u00ff]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_TA_ZA = re.compile(r"[\u0637\u0638]")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_BLOCK = re.compile(r"[\u0600-\u06ff]")


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
_ACCENT_RUN = re.compile(r"[\u00c0-\u00ff]{3,}")


def _is_mojibake(text: str) -> bool:
    """Mojibake tells, looked for among the non-ASCII characters only (markup and English text
    are skipped in one fast pass, which keeps this cheap on big pages)."""
    sample = text[:200_000]
    compact = _ASCII_RUN.sub(" ", sample)
    if not _ACCENTED.search(compact) and not _UTF8_AS_1256.search(compact):
        return False
    if len(_ACCENTED.findall(compact)) >= 20 and len(_ACCENT_RUN.findall(sample)) >= 5:
        return True     # Arabic legacy bytes read as Latin-1: words made of accented letters
    score = mojibake_score(compact)
    if not score:
        return False
    arabic = len(_ARABIC_LETTER.findall(compact))
    if score == len(_UTF8_AS_1256.findall(compact)) and \
            len(_TA_ZA.findall(compact)) < LEAD_SHARE_1256 * arabic:
        return False    # UTF-8 read as windows-1256 starts every letter with ط/ظ; "فقط،" is Arabic
    return score >= 3 and score / (arabic or 1) > 0.01


def repair_double_encoding(text: str) -> str | None:
    """Undo UTF-8 bytes that were decoded as windows-1252/1256 (whole text); None if not that."""
    for wrong in ("cp1252", "cp1256", "latin-1"):
        try:
            fixed = text.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text:
            return fixed
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _arabic_legacy(data: bytes) -> tuple[str, str] | None:
    """Pick windows-1256 or ISO-8859-6 for undeclared Arabic bytes, whichever reads cleanly."""
    best = None
    for enc in ("cp1256", "iso8859-6"):
        text = _try(data, enc)
        if text is None:
            continue
        arabic = len(_ARABIC_BLOCK.findall(text[:100_000]))
        score = arabic - 20 * len(_MIXED.findall(text[:100_000]))
        if arabic and (best is None or score > best[0]):
            best = (score, text, enc)
    return (best[1], best[2]) if best and best[0] > 0 else None


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data[:DETECT_BYTES]).best()
    if match is None or not match.encoding:
        return None
    text = _try(data, match.encoding)
    return (text, match.encoding) if text is not None else None


def _declared(data: bytes, headers: dict | None) -> list[tuple[str, str]]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return [(enc, "bom")]
    out = []
    for how, name in (("header", header_charset(headers)), ("meta", meta_charset(data))):
        enc = normalize_name(name)
        if enc and enc not in {e for e, _ in out}:
            out.append((enc, how))
    return out


def _accept(text: str, enc: str, how: str, warnings: list[str]) -> Decoded | None:
    if not _is_mojibake(text):
        return Decoded(text, enc, how, warnings)
    fixed = repair_double_encoding(text)
    if fixed is not None and not _is_mojibake(fixed):
        return Decoded(fixed, "utf-8", "repaired",
                       warnings + [f"text was double-encoded ({enc}); repaired"])
    return None


def decode_html(data: bytes, headers: dict | None = None, source: str = "<html>") -> Decoded:
    """Bytes -> text, never mojibake: raises InputError E302 if no candidate reads cleanly."""
    if data.startswith(codecs.BOM_UTF8):
        data_nobom = data[3:]
    else:
        data_nobom = data
    warnings: list[str] = []
    for enc, how in _declared(data, headers):
        raw = data_nobom if how == "bom" and enc == "utf-8" else data
        if enc in _LATIN1_FAMILY and _try(data, "utf-8") is not None:
            enc, how = "utf-8", "utf-8"
        text = _try(raw, enc)
        if text is None:
            warnings.append(f"declared charset {enc} ({how}) does not decode the bytes; ignored")
            continue
        if how == "bom" and enc != "utf-8":
            text = text.lstrip("\ufeff")
        found = _accept(text, enc, how, warnings)
        if found:
            return found
        warnings.append(f"declared charset {enc} ({how}) gives mojibake; ignored")
    for attempt in (lambda: _pair(_try(data, "utf-8"), "utf-8"), lambda: _arabic_legacy(data),
                    lambda: _detect(data)):
        got = attempt()
        if got is None:
            continue
        how = {"utf-8": "utf-8", "cp1256": "arabic-legacy", "iso8859-6": "arabic-legacy"}.get(
            got[1], "detected")
        found = _accept(got[0], got[1], how, warnings)
        if found:
            return found
    raise InputError("E302", "cannot decode the page without mojibake (declared: "
                     f"{', '.join(e for e, _ in _declared(data, headers)) or 'none'})",
                     "re-save the page as UTF-8 or pass its charset in the HTTP headers",
                     source=source)


def _pair(text: str | None, enc: str) -> tuple[str, str] | None:
    return (text, enc) if text is not None else None
