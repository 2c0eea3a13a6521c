"""Expand inputs (files, directories, globs, ``-``) into RawPages, one error per bad source.

Kinds by name: ``.jsonl``/``.ndjson`` (one record per line), ``.json`` (a record or an array of
records), ``.zip`` (JSON arrays inside, e.g. SaudiNewsNet's daily zips: record ids become
``<zip stem>#<index>``), ``.html``/``.htm`` (+ ``.gz``), ``.warc``/``.warc.gz``, ``.rss``/
``.atom``/``.xml`` feeds; anything else is a raw text dump of a page. Stdin is sniffed: JSON
lines if the first non-blank character is ``{``, else text.
"""
from __future__ import annotations

import glob
import gzip
import json
import os
import sys
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from .base import RawPage
from .encoding import decode_text

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
MAX_BYTES = 200 * 1024 * 1024

Item = RawPage | InputError


def iter_pages(inputs: Iterable[str]) -> Iterator[Item]:
    for name in inputs:
        if name == "-":
            yield from _stdin_pages()
            continue
        paths = _expand(name)
        if not paths:
            yield InputError("E013", "no such file or directory (nor a glob matching anything)",
                             "check the path", source=name)
        for path in paths:
            yield from _file_pages(path)


def _expand(name: str) -> list[Path]:
    p = Path(name)
    if p.is_dir():
        return sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
    if p.exists():
        return [p]
    if any(c in name for c in "*?["):
        return [Path(q) for q in sorted(glob.glob(name, recursive=True)) if os.path.isfile(q)]
    return []


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".zip"):
        return "zip"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    return "text"


def _read(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError("E014", f"file is {size} bytes, over the {MAX_BYTES} byte limit",
                         "split the file", source=str(path))
    data = path.read_bytes()
    if path.name.lower().endswith(".gz") and not path.name.lower().endswith(".warc.gz"):
        try:
            data = _gunzip(data)
        except (OSError, EOFError) as exc:
            raise InputError("E015", f"not a valid gzip file: {exc}", source=str(path)) from exc
    return data


def _gunzip(data: bytes, limit: int = MAX_BYTES) -> bytes:
    with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as fh:
        out = fh.read(limit + 1)
    if len(out) > limit:
        raise OSError(f"decompresses to more than {limit} bytes (gzip bomb?)")
    return out


def _file_pages(path: Path) -> Iterator[Item]:
    source = str(path)
    kind = kind_of(path)
    try:
        if kind in ("html", "warc", "feed"):
            from .web_sources import web_file_pages   # html / feed / warc branches (ingest issue)
            yield from web_file_pages(path, kind)
            return
        if kind == "zip":
            yield from _zip_pages(path)
            return
        data = _read(path)
        if not data.strip():
            raise InputError("E016", "input is empty", "pass a file with content", source=source)
        text, warnings = decode_text(data, source)
        if kind == "jsonl":
            yield from _jsonl_pages(text, source)
        elif kind == "json":
            yield from _json_pages(text, source)
        else:
            yield RawPage(source=source, kind="text", data=text, warnings=warnings)
    except InputError as err:
        yield err
    except OSError as exc:
        yield InputError("E017", f"cannot read file: {exc.strerror or exc}", source=source)


def _record_page(obj: object, source: str, default_id: str) -> Item:
    if not isinstance(obj, dict):
        return InputError("E018", f"record is a {type(obj).__name__}, not an object",
                          "each record must be a JSON object with title and content/text",
                          source=source)
    rid = str(obj.get("id") or default_id)
    return RawPage(source=rid, kind="record", data="", record=obj, url=obj.get("url"))


def _jsonl_pages(text: str, source: str) -> Iterator[Item]:
    stem = Path(source).name
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError("E019", f"line {n} is not JSON: {exc.msg} (column {exc.colno})",
                             "fix or remove that line; the other lines are processed",
                             source=f"{source}:{n}")
            continue
        yield _record_page(obj, f"{source}:{n}", f"{stem}#{n - 1}")


def _json_pages(text: str, source: str, stem: str | None = None) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError("E019", f"not JSON: {exc.msg} (line {exc.lineno})", source=source)
        return
    items = obj if isinstance(obj, list) else [obj]
    stem = stem or Path(source).stem
    for i, rec in enumerate(items):
        yield _record_page(rec, f"{source}[{i}]", f"{stem}#{i}")


def _zip_pages(path: Path) -> Iterator[Item]:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        yield InputError("E015", f"not a valid zip file: {exc}", source=str(path))
        return
    with zf:
        for info in zf.infolist():
            if info.is_dir() or not info.filename.lower().endswith((".json", ".jsonl")):
                continue
            text, _ = decode_text(zf.read(info), f"{path}!{info.filename}")
            sub = f"{path}!{info.filename}"
            if info.filename.endswith(".jsonl"):
                yield from _jsonl_pages(text, sub)
            else:
                yield from _json_pages(text, sub, stem=Path(info.filename).stem)


def _stdin_pages() -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield InputError("E016", "standard input is empty", source="<stdin>")
        return
    try:
        text, warnings = decode_text(data, "<stdin>")
    except InputError as err:
        yield err
        return
    if text.lstrip().startswith("{"):
        yield from _jsonl_pages(text, "<stdin>")
    else:
        yield RawPage(source="<stdin>", kind="text", data=text, warnings=warnings)
