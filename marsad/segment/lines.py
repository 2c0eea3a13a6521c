"""Line features of raw text dumps: credits, bylines, boilerplate, length, repetition.

A scraped page arrives as lines. Each non-empty line becomes a :class:`Line` with the features the
segmenter decides on: its kind (``para``, ``short``, ``caption``, ``byline``, ``boiler``,
``rail``), the agency credit at its end, how many blank lines precede it, and whether it repeats
a nearby line (titles and lead captions are printed twice on many sites).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..textmap import gold_normalize

_RES = "marsad.resources.segment"

# A paragraph: long, or medium-length and ending like a sentence. Calibrated by hand on news pages
# (titles run 4-14 words, subheads 2-8, body paragraphs 15+); see tests/test_segment_*.py.
PARA_MIN_WORDS = 16
PARA_MIN_WORDS_TERMINAL = 7
# In-body headings run 2-7 words; a longer unpunctuated line between paragraphs is a photo
# caption whose credit was lost (captions describe the picture in a full clause).
SUBHEAD_MAX_WORDS = 7
REPEAT_WINDOW = 4          # a line repeated within this many content lines is one item

_TERMINAL = re.compile(r"[.!؟?:…]\s*[»”\")]*\s*$|[.!؟?]\s*[»”\"]\s*$")
_TRAILING_PAREN = re.compile(r"\(([^()]{1,60})\)\s*$")
_BYLINE = re.compile(r"^(?P<author>[^()]{2,60}?)\s*\((?P<place>[^()]{2,30})\)\s*$")
_COLON_BYLINE = re.compile(r"^(?P<place>[^\s:()]{2,20}(?: [^\s:()]{2,20})?)\s*:\s*(?P<author>[^:()]{3,40})$")
_NAME_LETTERS = re.compile(r"[^\W\d_]{2}")     # an author has at least a two-letter word
_LETTERS = re.compile(r"[^\w]|_|\d")


def _load_lines(name: str) -> list[str]:
    text = resources.files(_RES).joinpath(name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def credit_key(text: str) -> str:
    """Letters only, alef folded: أ.ف.ب / ا.ف.ب / أ ف ب -> 'افب'."""
    return _LETTERS.sub("", gold_normalize(text))


@lru_cache(maxsize=1)
def credit_table() -> dict[str, str]:
    table = {}
    for ln in _load_lines("credits.tsv"):
        form, name = ln.split("\t")
        table[credit_key(form)] = name
    return table


@lru_cache(maxsize=1)
def boilerplate_table() -> dict[str, str]:
    out = {}
    for ln in _load_lines("boilerplate.txt"):
        kind, line = ln.split("\t")
        out[gold_normalize(line)] = kind
    return out


@lru_cache(maxsize=1)
def section_labels() -> frozenset[str]:
    return frozenset(gold_normalize(s) for s in _load_lines("sections.txt"))


def match_credit(inner: str) -> str | None:
    """English agency name for a parenthesised credit; several agencies joined by - / و."""
    table = credit_table()
    key = credit_key(inner)
    if key in table:
        return table[key]
    parts = [p for p in re.split(r"\s*[-/،,]\s*|\s+و", inner) if p.strip()]
    names = [table.get(credit_key(p)) for p in parts]
    if len(parts) > 1 and all(names):
        return " / ".join(dict.fromkeys(n for n in names if n))
    return None


@dataclass
class Line:
    idx: int
    start: int                  # offsets of the stripped line in the page text
    end: int
    text: str
    blank_before: int           # blank lines right before this one
    words: int = 0
    kind: str = "short"         # para | short | caption | byline | boiler | rail
    credit: str | None = None
    author: str | None = None
    place: str | None = None
    key: str = ""
    repeats: list[int] = field(default_factory=list)   # indices of later repeats folded in

    @property
    def terminal(self) -> bool:
        return bool(_TERMINAL.search(self.text))


def classify(line: Line, boiler: dict[str, str]) -> None:
    text = line.text
    line.key = gold_normalize(text)
    line.words = len(text.split())
    kind = boiler.get(line.key)
    if kind == "drop" or (line.words <= 2 and len(text) <= 4 and text.isascii()) \
            or (text.startswith("©") and line.words <= 8):     # a bare photo or copyright credit
        line.kind = "boiler"
        return
    if kind == "rail":
        line.kind = "rail"
        return
    paren = _TRAILING_PAREN.search(text)
    if paren:
        credit = match_credit(paren.group(1))
        if credit and line.words > 1:
            line.kind, line.credit = "caption", credit
            return
    if _is_byline(line):
        return
    if line.words >= PARA_MIN_WORDS or (line.words >= PARA_MIN_WORDS_TERMINAL and line.terminal
                                        and not text.rstrip().endswith(("؟", "?"))):
        line.kind = "para"
    else:
        line.kind = "short"


def _is_byline(line: Line) -> bool:
    """'author (place)' or 'place: author' — short, no sentence punctuation."""
    if line.words > 8:
        return False
    m = _BYLINE.match(line.text)
    if m and len(m.group("place").split()) <= 3 and _NAME_LETTERS.search(m.group("author")):
        line.kind, line.author, line.place = "byline", m.group("author").strip(), m.group("place").strip()
        return True
    m = _COLON_BYLINE.match(line.text)
    if m and len(m.group("author").split()) <= 4 and line.words <= 6:
        line.kind, line.author, line.place = "byline", m.group("author").strip(), m.group("place").strip()
        return True
    return False


def parse_byline(text: str) -> tuple[str, str] | None:
    """(author, place) of a byline such as 'لندن: رنيم حنوش' or 'رنا أبتر (واشنطن)', else None."""
    line = Line(0, 0, len(text), text.strip(), 0, words=len(text.split()))
    return (line.author or "", line.place or "") if _is_byline(line) else None


_LEAD_DATELINE = re.compile(r"^(?P<place>[^\W\d]{2,15}(?: [^\W\d]{2,15})?)\s*[-–]\s*"
                            r"(?P<source>«?[^:«»\n]{2,25}»?)\s*:\s*")


def lead_dateline(paragraph: str) -> tuple[str, str, int] | None:
    """'الرياض - واس: ...' at the start of a first paragraph -> (place, source, length)."""
    m = _LEAD_DATELINE.match(paragraph)
    if not m or len(m.group("source").split()) > 3:
        return None
    return m.group("place"), m.group("source").strip(), m.end()


def split_lines(page: str) -> list[Line]:
    """Non-empty lines with page offsets and features; nearby repeats folded into the first."""
    boiler = boilerplate_table()
    lines: list[Line] = []
    for start, end, text, blank in _unwrap(_physical_lines(page)):
        line = Line(len(lines), start, end, text, blank)
        classify(line, boiler)
        lines.append(line)
    return fold_repeats(_rescale_gaps(lines))


def _physical_lines(page: str) -> list[tuple[int, int, str, int]]:
    """``(start, end, stripped text, blank lines before)`` of each non-empty line."""
    out = []
    blank = 0
    pos = 0
    for raw in page.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if not stripped:
            blank += 1
        else:
            start = pos + len(body) - len(body.lstrip())
            out.append((start, start + len(stripped), stripped, blank))
            blank = 0
        pos += len(raw)
    return out


# Hard-wrapped dumps (lynx/w3m -dump, e-mail, a terminal copy) cut every paragraph into lines of
# at most WRAP_MAX characters; such a page is unwrapped before its lines are read.
WRAP_MAX = 120
WRAP_SLACK = 12           # a wrapped line ends at most this far before the wrap width
WRAP_SHARE = 0.25         # share of lines that must end near the width
WRAP_MIN_LINES = 8


def _credit_end(text: str) -> bool:
    paren = _TRAILING_PAREN.search(text)
    return bool(paren and match_credit(paren.group(1)))


def _unwrap(phys: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
    """Join a line to the one before when it follows with no blank line and its first word would
    not have fitted on that line (the wrap width is the page's longest line with a space)."""
    spaced = [len(t) for _, _, t, _ in phys if " " in t]
    if len(spaced) < WRAP_MIN_LINES or max(spaced) > WRAP_MAX:
        return phys
    width = max(spaced)
    if sum(1 for n in spaced if n >= width - WRAP_SLACK) < WRAP_SHARE * len(spaced):
        return phys
    out: list[tuple[int, int, str, int]] = []
    last = 0                                   # length of the previous physical line
    for start, end, text, blank in phys:
        if out and blank == 0 and last + 1 + len(text.split()[0]) > width \
                and not _credit_end(out[-1][2]):       # a caption ends at its agency credit
            s0, _, t0, b0 = out[-1]
            out[-1] = (s0, end, t0 + " " + text, b0)
        else:
            out.append((start, end, text, blank))
        last = len(text)
    return out


def _rescale_gaps(lines: list[Line]) -> list[Line]:
    """Gaps count relative to the page's usual one: a scraper that puts two blank lines between
    all blocks gives the same features as one that puts one (a wider gap than usual is a signal)."""
    gaps = Counter(line.blank_before for line in lines if line.blank_before)
    if not gaps:
        return lines
    usual = gaps.most_common(1)[0][0]
    if usual >= 2:
        for line in lines:
            if line.blank_before:
                line.blank_before = max(1, line.blank_before - usual + 1)
    return lines


def fold_repeats(lines: list[Line]) -> list[Line]:
    """Drop a line equal to one of the previous REPEAT_WINDOW content lines (boilerplate skipped)."""
    out: list[Line] = []
    for line in lines:
        if line.kind in ("boiler", "rail"):
            out.append(line)
            continue
        recent = [p for p in out if p.kind not in ("boiler", "rail")][-REPEAT_WINDOW:]
        twin = next((p for p in recent if p.key == line.key), None)
        if twin is not None and line.kind != "para":
            twin.repeats.append(line.idx)
            continue
        out.append(line)
    return out
