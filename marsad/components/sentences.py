"""Sentence splitting that knows Arabic punctuation, quotation marks and agency abbreviations.

Boundaries: a line break always ends a sentence (blocks never share one); inside a line, ``.``,
``!``, ``?``, ``؟`` (and runs of them) followed by white space end a sentence, except

* inside a *balanced* quotation («…», “…”, "…"): a quoted passage of several sentences stays one
  sentence with its reporting frame, which the quote component needs;
* after an abbreviation of single letters and dots (أ.ف.ب. د.ب.أ. U.S.) or a lone letter (أ.);
* an ellipsis ``...``/``…`` inside a line (headline style "X... Y"), which is not a full stop.

Unbalanced quotation marks do not suppress splitting, so one stray « cannot glue a whole article
into a sentence.
"""
from __future__ import annotations

import re

from ..document import Article, trusted_span

OPEN_CLOSE = {"«": "»", "“": "”", "‹": "›"}
_END = re.compile(r"(?:[.!?؟]+|…)(?=[\s\"”»’)\]]*(?:\s|$))")
_ABBREV = re.compile(r"(?:^|[\s(«\"])(?:\w\.)+\w?\.?$|(?:^|[\s(«\"])\w\.$")
_LINE = re.compile(r"[^\n]+")
_QUOTE_MARK = re.compile('[«»“”‹›"]')
_MARK_OR_BREAK = re.compile('[«»“”‹›"\n]')    # the only characters the pairing walk acts on


def quote_regions(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Balanced quotation regions ``[open, close]`` (inclusive offsets) within ``text[start:end]``.

    Nested pairs are merged into their outermost pair; a straight ``"`` pairs with the next one
    on the same line. Unmatched marks are ignored.
    """
    end = len(text) if end is None else end
    if not _QUOTE_MARK.search(text, start, end):   # most lines: skip the per-character walk
        return []
    regions: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    for m in _MARK_OR_BREAK.finditer(text, start, end):   # every other character is a no-op
        i = m.start()
        ch = text[i]
        if ch in OPEN_CLOSE:
            stack.append((OPEN_CLOSE[ch], i))
        elif stack and ch == stack[-1][0]:
            _, pos = stack.pop()
            if not stack and straight is None:
                regions.append((pos, i))
        elif ch in "»”›" and stack and any(c == ch for c, _ in stack):
            while stack and stack[-1][0] != ch:
                stack.pop()
            _, pos = stack.pop()
            if not stack:
                regions.append((pos, i))
        elif ch == '"' and not stack:
            if straight is None:
                straight = i
            else:
                regions.append((straight, i))
                straight = None
        elif ch == "\n":
            stack.clear()
            straight = None
    return _merge(regions)


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    regions.sort()
    merged: list[tuple[int, int]] = []
    for a, b in regions:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in regions)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets, white space trimmed, never crossing a line break."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        ls, le = line.span()
        regions = quote_regions(text, ls, le)
        cur = ls
        for m in _END.finditer(text, ls, le):
            if _inside(m.start(), regions) or _is_abbrev(text, cur, m):
                continue
            if text[m.start():m.end()] in ("...", "…") or (m.end() - m.start() >= 3 and text[m.start()] == "."):
                continue
            stop = m.end()
            while stop < le and text[stop] in "\"”»’)]":
                if text[stop] in "»”" and not any(a <= stop <= b for a, b in regions):
                    break
                stop += 1
            _add(text, cur, stop, out)
            cur = stop
        _add(text, cur, le, out)
    return out


def _is_abbrev(text: str, cur: int, m: re.Match[str]) -> bool:
    if text[m.start()] != ".":
        return False
    head = text[max(cur, m.start() - 12):m.start() + 1]
    return bool(_ABBREV.search(head))


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


class SentenceSplitter:
    """Assigns the ``sents`` layer."""

    name = "sentences.v1"
    requires: tuple[str, ...] = ()
    assigns = ("sents",)

    def __call__(self, article: Article) -> Article:
        # Offsets of white-space-trimmed, non-empty ranges of the text: valid by construction.
        spans = [trusted_span(s, e, "SENT", f"s{i}")
                 for i, (s, e) in enumerate(split_sentences(article.text))]
        article.set_layer("sents", spans)
        return article
