"""WARC archives (``.warc``, ``.warc.gz``) -> one RawPage per captured HTML page (warcio).

``response`` (and ``resource``) records with an HTML payload go to the HTML reader; ``revisit``
records (a capture identical to an earlier one) and non-HTML or non-200 captures are skipped and
counted; ``warcinfo``/``request``/``metadata`` records are not captures and not counted; a broken
record is reported (E310) and reading resumes at the next record header. Sources are
``<file>#<record number>``.
This is the only module that imports warcio (``html`` extra), lazily.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import BinaryIO, Iterator

from ..document import Article
from ..errors import InputError
from .base import RawPage
from .html import MAX_HTML_BYTES

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_RESYNCS = 1000
SKIP_KIND = "warc-skip"
Item = RawPage | InputError


def skipped_record(page: RawPage) -> list[Article]:
    """Reader for records that are counted but hold no article (revisits, images, 404s)."""
    return []


def warc_pages(path: Path) -> Iterator[Item]:
    try:
        from warcio.archiveiterator import ArchiveIterator  # noqa: F401
    except ImportError as exc:
        yield InputError("E300", "WARC input needs the 'html' extra (warcio is missing)",
                         'pip install "marsad[html]"', source=str(path))
        return
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError("E017", f"cannot read file: {exc.strerror or exc}", source=str(path))
        return
    with fh:
        yield from _iter_records(fh, str(path))


def _iter_records(fh: BinaryIO, source: str) -> Iterator[Item]:
    """Records in order; after a broken record, resume at the next record header. Failures
    before the next good record belong to the same broken region: one error per region."""
    from warcio.archiveiterator import ArchiveIterator

    n, offset, resyncs, in_broken_region = 0, 0, 0, False
    while resyncs <= MAX_RESYNCS:
        fh.seek(offset)
        it = ArchiveIterator(fh, check_digests=False)
        bad = offset              # where the broken record starts: the end of the last good one
        try:
            for record in it:
                if not _plausible(record):
                    raise ValueError("record header is garbage (no WARC-Record-ID / WARC-Type)")
                item = _record_item(record, source, n + 1)
                bad = it.get_record_offset() + it.get_record_length()
                n += 1
                in_broken_region = False
                if item is not None:
                    yield item
            return
        except Exception as exc:      # warcio raises many kinds (ArchiveLoadFailed, zlib, ...)
            if not in_broken_region:
                n += 1
                yield InputError("E310", f"broken WARC record near byte {bad}: "
                                 f"{type(exc).__name__}: {exc}"[:300],
                                 "the other records are still read", source=f"{source}#{n}")
            in_broken_region = True
            resyncs += 1
            nxt = _next_record_start(fh, bad if bad > offset else offset + 1)
            if nxt is None:
                return
            offset = nxt


WARC_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit",
              "conversion", "continuation"}


def _plausible(record) -> bool:
    """A real record has an id and a known type; bytes read after a broken gzip member often
    parse as a 'record' without them."""
    rid = record.rec_headers.get_header("WARC-Record-ID") or ""
    return rid.startswith("<urn:") and record.rec_type in WARC_TYPES


def _next_record_start(fh: BinaryIO, start: int) -> int | None:
    """Offset of the next gzip member or ``WARC/1.`` header after ``start``."""
    fh.seek(start)
    chunk_size, pos = 1 << 20, start
    while True:
        chunk = fh.read(chunk_size + 8)
        if not chunk:
            return None
        hits = [i for i in (chunk.find(b"\x1f\x8b\x08"), chunk.find(b"WARC/1.")) if i >= 0]
        if hits:
            return pos + min(hits)
        pos += chunk_size
        fh.seek(pos)


def _record_item(record, source: str, n: int) -> Item | None:
    """A capture -> a page or a counted skip; records that are not captures (warcinfo,
    request, metadata ...) are not inputs: None."""
    uri = record.rec_headers.get_header("WARC-Target-URI")
    date = record.rec_headers.get_header("WARC-Date")
    rid = f"{source}#{n}"
    kind = record.rec_type
    if kind == "revisit":
        return _skip(rid, uri, "revisit record (same content as an earlier capture) skipped")
    if kind not in ("response", "resource"):
        return None
    headers = dict(record.http_headers.headers) if record.http_headers else {}
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
             else record.rec_headers.get_header("Content-Type")) or ""
    if status and not str(status).startswith("2"):
        return _skip(rid, uri, f"HTTP {status} capture skipped")
    if not ctype.lower().startswith(HTML_TYPES):
        return _skip(rid, uri, f"not HTML ({ctype.split(';')[0] or 'no type'}) skipped")
    data = record.content_stream().read(MAX_HTML_BYTES + 1)
    if len(data) > MAX_HTML_BYTES:
        return InputError("E303", f"captured page is over the {MAX_HTML_BYTES} byte limit",
                          source=rid)
    return RawPage(source=rid, kind="html", data=data, url=uri, headers=headers, fetched_at=date)


def _skip(rid: str, uri: str | None, reason: str) -> RawPage:
    return RawPage(source=rid, kind=SKIP_KIND, data=b"", url=uri,
                   warnings=[f"{rid} ({uri or 'no uri'}): {reason}"])
