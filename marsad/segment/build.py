"""ArticleBuilder: assemble an article's canonical text from blocks, keeping their spans.

Blocks are joined with a blank line; each becomes a span of the ``blocks`` layer, so the text
is built once and every block (title, paragraph, caption ...) can be found again by offset.
Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFC: positional glyphs some sites and PDF
exports emit, "ﺍﻟﻌﻤﻴﺪ") become the letters they draw (NFKC), so every component reads one
alphabet; nothing else in a block's text changes.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..document import Article, ArticleMeta, Span, make_article_id

SEPARATOR = "\n\n"
_PRESENTATION = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefc]+")


def fold_presentation_forms(text: str) -> str:
    """"ﺍﻟﻌﻤﻴﺪ ﻻ" -> "العميد لا" (ligatures expand: a text may grow)."""
    if not _PRESENTATION.search(text):
        return text
    return _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


class ArticleBuilder:
    def __init__(self, meta: ArticleMeta, page_sha256: str | None = None) -> None:
        self.meta = meta
        self.page_sha256 = page_sha256
        self._parts: list[str] = []
        self._blocks: list[Span] = []
        self._page_offsets: list[tuple[int, int]] = []
        self._length = 0

    def add(self, label: str, text: str, page_span: tuple[int, int] | None = None,
            **attrs: Any) -> Span:
        if self._parts:
            self._parts.append(SEPARATOR)
            self._length += len(SEPARATOR)
        start = self._length
        text = fold_presentation_forms(text)
        self._parts.append(text)
        self._length += len(text)
        span = Span(start, self._length, label, f"b{len(self._blocks)}",
                    {k: v for k, v in attrs.items() if v is not None})
        self._blocks.append(span)
        if page_span is not None:
            self._page_offsets.append(page_span)
        return span

    def __len__(self) -> int:
        return len(self._blocks)

    def build(self) -> Article:
        text = "".join(self._parts)
        origin = self.meta.url or self.page_sha256 or self.meta.source
        aid = make_article_id(origin, self.meta.position, text)
        offsets = self._page_offsets if len(self._page_offsets) == len(self._blocks) and self._blocks else None
        return Article(text, meta=self.meta, id=aid, layers={"blocks": self._blocks},
                       page_offsets=offsets)
