"""RawPage and the per-kind reader registry."""
from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..document import Article
from ..errors import InputError


@dataclass
class RawPage:
    """One input unit before segmentation.

    ``kind``: ``text`` (a raw text dump of a page), ``record`` (a JSONL/JSON article record with
    ``id``, ``title``, ``content``/``text``), ``html``, ``feed``, ``warc`` ...
    """

    source: str
    kind: str
    data: str | bytes
    url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | None = None
    record: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        raw = self.data.encode("utf-8", "surrogatepass") if isinstance(self.data, str) else self.data
        return hashlib.sha256(raw).hexdigest()


# kind -> "module:function" taking a RawPage and returning list[Article]; imported lazily.
READERS: dict[str, str] = {
    "text": "marsad.segment.text:segment_text_page",
    "record": "marsad.ingest.records:record_to_articles",
    "html": "marsad.ingest.html:read_html_page",
    "feed": "marsad.ingest.feeds:read_feed_page",
    "warc-skip": "marsad.ingest.warc:skipped_record",
}


def register_reader(kind: str, target: str) -> None:
    READERS[kind] = target


def _resolve(target: str) -> Callable[[RawPage], list[Article]]:
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def page_to_articles(page: RawPage) -> list[Article]:
    try:
        target = READERS[page.kind]
    except KeyError:
        raise InputError("E030", f"no reader for input kind {page.kind!r}",
                         f"known kinds: {', '.join(sorted(READERS))}", source=page.source) from None
    return _resolve(target)(page)
