"""Related-article rail -> cards (section, title, caption + credit, teaser, author, dateline).

A rail is cut into cards at ``author (place)`` lines, which close a card on the sites we know. In a
card: the line with an agency credit is the photo caption (a section label may be glued in front
of it: "أوروبا الرئيس الأوكراني ... (ا.ف.ب)"), short lines are the title (printed once or twice),
a paragraph-like line is the teaser.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..textmap import gold_normalize
from .lines import Line, section_labels

Field = tuple[str, tuple[int, int]] | None


@dataclass
class Card:
    section: Field = None
    title: Field = None
    caption: Field = None
    credit: str | None = None
    teaser: Field = None
    author: Field = None
    dateline: Field = None


def group_cards(rail: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = [[]]
    for line in rail:
        groups[-1].append(line)
        if line.kind == "byline":
            groups.append([])
    return [g for g in groups if any(ln.kind in ("short", "para", "caption") for ln in g)]


def _prefix_words(text: str, k: int) -> str:
    return " ".join(text.split()[:k])


def find_section(line: Line, repeated: set[str]) -> int:
    """Number of leading words of a caption line that are a section label (0 if none)."""
    labels = section_labels()
    words = line.text.split()
    for k in (3, 2, 1):
        if len(words) - k < 3:
            continue
        prefix = gold_normalize(_prefix_words(line.text, k))
        if prefix in labels or prefix in repeated:
            return k
    return 0


def repeated_prefixes(captions: list[Line]) -> set[str]:
    """Caption prefixes shared by several cards, trusted only when the rail has known labels."""
    labels = section_labels()
    has_known = any(gold_normalize(_prefix_words(c.text, k)) in labels
                    for c in captions for k in (1, 2, 3))
    if not has_known:
        return set()
    counts = Counter(gold_normalize(_prefix_words(c.text, k)) for c in captions for k in (1, 2))
    return {p for p, n in counts.items() if n >= 2}


def _field(line: Line, skip_words: int = 0) -> Field:
    if not skip_words:
        return line.text, (line.start, line.end)
    words = line.text.split()
    head = " ".join(words[:skip_words])
    cut = line.text.index(head) + len(head)
    while cut < len(line.text) and line.text[cut].isspace():
        cut += 1
    return line.text[cut:], (line.start + cut, line.end)


def _section_field(line: Line, k: int) -> Field:
    head = " ".join(line.text.split()[:k])
    at = line.text.index(head)
    return head, (line.start + at, line.start + at + len(head))


def parse_cards(rail: list[Line]) -> list[Card]:
    groups = group_cards(rail)
    captions = [ln for g in groups for ln in g if ln.kind == "caption"]
    repeated = repeated_prefixes(captions)
    return [_parse_card(g, repeated) for g in groups]


def _parse_card(group: list[Line], repeated: set[str]) -> Card:
    card = Card()
    for line in group:
        if line.kind == "caption" and card.caption is None:
            k = find_section(line, repeated)
            if k:
                card.section = _section_field(line, k)
            card.caption = _field(line, k)
            card.credit = line.credit
        elif line.kind == "short" and card.title is None:
            card.title = _field(line)
        elif line.kind in ("para", "short") and card.teaser is None and card.title is not None:
            card.teaser = _field(line)
        elif line.kind == "byline":
            card.author = _part(line, line.author, line.text.find)
            card.dateline = _part(line, line.place, line.text.rfind)
    return card


def _part(line: Line, value: str | None, find) -> Field:
    """(value, page span) of a part of a byline line ('author (place)', 'كتب X'), or None."""
    if not value:
        return None
    at = max(find(value), 0)
    return value, (line.start + at, line.start + at + len(value))
