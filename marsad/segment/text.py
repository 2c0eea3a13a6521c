"""Segment a raw text dump of a news page into stories and blocks.

The page is read as lines with features (:mod:`marsad.segment.lines`), then walked once:

* a **story** starts at a title: a short line that heads a body (two or more paragraphs follow
  before any card byline, with only captions, bylines, a subtitle or furniture in between) and has
  title evidence — it is the first content line, it was printed twice, it follows page furniture
  or a related rail, it is preceded by two blank lines, or a header (caption, byline, subtitle)
  comes between it and the body. A short line between two paragraphs without such evidence is a
  subhead;
* in the header (before the first paragraph): the first short line after the title is the
  subtitle, lines with an agency credit are captions, ``author (place)`` lines are bylines, other
  short lines are captions without credit;
* in the body: paragraphs, captions, subheads (short lines), long unpunctuated lines as captions;
* a **related rail** starts at a rail heading (مقالات ذات صلة ...) and is cut into cards at their
  ``author (place)`` lines; each card's caption line may carry a section label glued in front.

Nothing here knows a particular site; thresholds live in :mod:`marsad.segment.lines`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Article, ArticleMeta
from ..ingest.base import RawPage
from .build import ArticleBuilder
from .cards import Card, parse_cards
from .lines import SUBHEAD_MAX_WORDS, Line, split_lines

LOOKAHEAD = 8


@dataclass
class Story:
    title: Line | None
    header: list[tuple[str, Line]] = field(default_factory=list)
    body: list[tuple[str, Line]] = field(default_factory=list)
    rail: list[Line] = field(default_factory=list)

    @property
    def has_body(self) -> bool:
        return any(kind == "paragraph" for kind, _ in self.body)


def _content(lines: list[Line], i: int) -> bool:
    return lines[i].kind not in ("boiler", "rail")


def heads_body(lines: list[Line], i: int) -> tuple[bool, bool]:
    """(a body of >= 2 paragraphs follows line i, a header sits between them)."""
    paras = 0
    header = False
    for j in range(i + 1, min(len(lines), i + 1 + LOOKAHEAD + 2)):
        line = lines[j]
        if line.kind == "para":
            if j + 1 < len(lines) and lines[j + 1].kind == "byline":
                return False, header          # a card teaser, not a body
            paras += 1
            if paras >= 2:
                return True, header
            continue
        if paras:
            if line.kind == "short" and lines[j - 1].kind == "para":
                continue                       # a subhead inside the first body lines
            return paras >= 1 and line.kind in ("caption",), header
        if line.kind == "rail":
            return False, header
        if line.kind in ("caption", "byline", "short"):
            header = True
    return paras >= 1 and len(lines) - i <= 3, header


def title_evidence(lines: list[Line], i: int, prev_kind: str | None, has_header: bool) -> bool:
    line = lines[i]
    return bool(line.repeats) or prev_kind in (None, "boiler", "rail", "byline", "card") \
        or line.blank_before >= 2 or has_header


def is_story_start(lines: list[Line], i: int, prev_kind: str | None) -> bool:
    line = lines[i]
    if line.kind != "short" or line.words > 30:
        return False
    body, header = heads_body(lines, i)
    return body and title_evidence(lines, i, prev_kind, header)


def walk(lines: list[Line]) -> tuple[list[Story], list[Line]]:
    """Group lines into stories; return the stories and the dropped furniture lines."""
    stories: list[Story] = []
    dropped: list[Line] = []
    current: Story | None = None
    in_rail = False
    prev_kind: str | None = None
    for i, line in enumerate(lines):
        if line.kind == "boiler":
            dropped.append(line)
            prev_kind = "boiler"
            continue
        if line.kind == "rail":
            dropped.append(line)
            in_rail = current is not None
            prev_kind = "rail"
            continue
        may_start = current is None or current.has_body or in_rail
        if current is None or (may_start and is_story_start(lines, i, prev_kind)):
            current = Story(title=line if line.kind == "short" else None)
            stories.append(current)
            in_rail = False
            prev_kind = "title"
            if current.title is not None:
                continue
        if in_rail:
            current.rail.append(line)
            prev_kind = "card" if line.kind == "byline" else line.kind
            continue
        _place(current, lines, i)
        prev_kind = line.kind
    return stories, dropped


def _place(story: Story, lines: list[Line], i: int) -> None:
    line = lines[i]
    if not story.has_body and line.kind != "para":
        story.header.append((_header_role(story, line), line))
        return
    if line.kind == "para":
        story.body.append(("paragraph", line))
    elif line.kind == "caption":
        story.body.append(("caption", line))
    elif line.kind == "byline":
        story.body.append(("byline", line))
    elif line.words <= SUBHEAD_MAX_WORDS and not line.terminal:
        story.body.append(("subhead", line))
    else:
        # Medium lines without sentence punctuation between paragraphs: a caption without credit,
        # or a one-line paragraph; sentence punctuation decides.
        story.body.append(("paragraph" if line.terminal else "caption", line))


def _header_role(story: Story, line: Line) -> str:
    if line.kind in ("caption", "byline"):
        return line.kind
    if line.repeats:
        return "caption"      # a lead photo caption is printed twice; a subtitle is not
    roles = [r for r, _ in story.header]
    if "subtitle" not in roles and "caption" not in roles and "byline" not in roles:
        return "subtitle"
    return "caption"


def build_articles(stories: list[Story], page: RawPage) -> list[Article]:
    articles = []
    for pos, story in enumerate(stories):
        meta = ArticleMeta(source=page.source, position=pos, url=page.url)
        builder = ArticleBuilder(meta, page_sha256=page.sha256)
        if story.title is not None:
            builder.add("title", story.title.text, (story.title.start, story.title.end))
        for role, line in story.header + story.body:
            _add_line(builder, meta, role, line)
        for n, card in enumerate(parse_cards(story.rail)):
            _add_card(builder, n, card)
        articles.append(builder.build())
    return articles


def _add_line(builder: ArticleBuilder, meta: ArticleMeta, role: str, line: Line) -> None:
    span = (line.start, line.end)
    if role == "byline":
        meta.author = meta.author or line.author
        meta.dateline = meta.dateline or line.place
        builder.add("byline", line.text, span, author=line.author, place=line.place)
    elif role == "caption":
        builder.add("caption", line.text, span, credit=line.credit)
    else:
        builder.add(role, line.text, span)


def _add_card(builder: ArticleBuilder, n: int, card: Card) -> None:
    for field_name in ("section", "title", "caption", "teaser", "author", "dateline"):
        value = getattr(card, field_name)
        if value is None:
            continue
        text, span = value
        attrs = {"card": n}
        if field_name == "caption":
            attrs["credit"] = card.credit
        builder.add(f"related.{field_name}", text, span, **attrs)


def segment_text_page(page: RawPage) -> list[Article]:
    """RawPage(kind='text') -> one Article per story found on the page."""
    text = page.data if isinstance(page.data, str) else page.data.decode("utf-8")
    stories, _ = walk(split_lines(text))
    return build_articles(stories, page)
