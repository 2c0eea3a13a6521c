"""The html / feed / warc branches of :func:`marsad.ingest.sources.iter_pages`: files -> RawPages.

HTML and feed files become one RawPage each (``.gz`` decompressed with a size limit, so a gzip
bomb is an error, not an out-of-memory); a WARC file is expanded into one RawPage per record, so
the run summary counts each captured page.
"""
from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from .base import RawPage
from .html import MAX_HTML_BYTES

Item = RawPage | InputError


def web_file_pages(path: Path, kind: str) -> Iterator[Item]:
    source = str(path)
    if kind == "warc":
        from .warc import warc_pages
        yield from warc_pages(path)
        return
    try:
        data = read_limited(path)
    except InputError as err:
        yield err
        return
    if not data.strip():
        yield InputError("E016", "input is empty", "pass a file with content", source=source)
        return
    yield RawPage(source=source, kind=kind, data=data, url=None)


def read_limited(path: Path, limit: int = MAX_HTML_BYTES) -> bytes:
    """File bytes, gunzipped if ``.gz``; over ``limit`` (before or after gunzip) -> E303/E305."""
    source = str(path)
    size = path.stat().st_size
    if size > limit:
        raise InputError("E303", f"file is {size} bytes, over the {limit} byte limit for a page",
                         "a news page this large is not an article page; split or skip it",
                         source=source)
    data = path.read_bytes()
    if not path.name.lower().endswith(".gz"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise InputError("E015", f"not a valid gzip file: {exc}", source=source) from exc
    if len(out) > limit:
        raise InputError("E305", f"decompresses to more than {limit} bytes (a gzip bomb?)",
                         "check the file; real pages are far smaller", source=source)
    return out
