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
from .chrome import mark_chrome
from .lines import SUBHEAD_MAX_WORDS, Line, split_lines

LOOKAHEAD = 8
REAL_PARA_WORDS = 30      # an unpunctuated 'paragraph' shorter than this may be a list teaser
STORY_MIN_WORDS = 40       # running-text words a story needs
GAP_TITLE_MIN_WORDS = 4    # a blank gap alone makes a title of a longer line only (not a subhead)
MENU_IN_HEADER = 3         # furniture lines under a first line that make it page chrome
TAIL_RUN = 3              # this many furniture/short lines in a row after a body end the story


@dataclass
class Story:
    title: Line | None
    header: list[tuple[str, Line]] = field(default_factory=list)
    body: list[tuple[str, Line]] = field(default_factory=list)
    rail: list[Line] = field(default_factory=list)
    published: str | None = None          # from a date line in the header
    date_at: int | None = None            # header items before that date line
    redated: bool = False                 # a later header date line replaced an earlier one
    header_furniture: int = 0             # furniture lines dropped between title and body
    section: str | None = None

    def body_words(self) -> int:
        """Words of running text (real paragraphs) in the body."""
        return sum(line.words for kind, line in self.body
                   if kind == "paragraph" and _real_paragraph(line))

    @property
    def has_body(self) -> bool:
        return any(kind == "paragraph" for kind, _ in self.body)


def _content(lines: list[Line], i: int) -> bool:
    return lines[i].kind not in ("boiler", "rail")


def heads_body(lines: list[Line], i: int) -> tuple[bool, bool]:
    """(a body of >= 2 paragraphs, one of them a real one, follows line i; a header sits between)."""
    paras = 0
    strong = False
    header = False
    seen = 0                                   # furniture lines do not use up the lookahead
    for j in range(i + 1, len(lines)):
        line = lines[j]
        if line.kind == "boiler":
            continue
        seen += 1
        if seen > LOOKAHEAD + 2:
            break
        if line.kind == "para":
            if j + 1 < len(lines) and lines[j + 1].kind == "byline":
                return False, header          # a card teaser, not a body
            paras += 1
            strong = strong or _real_paragraph(line)
            if paras >= 2 and strong:
                return True, header
            continue
        if paras:
            if line.kind == "short" and lines[j - 1].kind == "para":
                continue                       # a subhead inside the first body lines
            return paras >= 1 and strong and line.kind in ("caption",), header
        if line.kind == "rail":
            return False, header
        if line.kind in ("caption", "byline", "short", "date"):
            header = True
    return paras >= 1 and strong and len(lines) - i <= 3, header


def _real_paragraph(line: Line) -> bool:
    """Running text, not a teaser in a headline list: a sentence end (not '...'), or long."""
    if line.words >= REAL_PARA_WORDS:
        return True
    return line.terminal and not _ellipsis(line)


def title_evidence(lines: list[Line], i: int, prev_kind: str | None, has_header: bool) -> bool:
    line = lines[i]
    return bool(line.repeats) or prev_kind in (None, "boiler", "rail", "byline", "card") \
        or (line.blank_before >= 2 and line.words > GAP_TITLE_MIN_WORDS) or has_header


def is_story_start(lines: list[Line], i: int, prev_kind: str | None) -> bool:
    line = lines[i]
    if line.kind != "short" or line.words > 30:
        return False
    body, header = heads_body(lines, i)
    if not body or not title_evidence(lines, i, prev_kind, header):
        return False
    return not _section_label(lines, i)


def _content_after(lines: list[Line], i: int):
    """Indices of the lines after ``i`` that are not furniture, lazily."""
    return (j for j in range(i + 1, len(lines)) if lines[j].kind != "boiler")


def _next_content(lines: list[Line], i: int) -> Line | None:
    j = next(_content_after(lines, i), None)
    return None if j is None else lines[j]


def _section_label(lines: list[Line], i: int) -> bool:
    """A one- or two-word line right above a longer headline is the section, not the title."""
    if lines[i].words > 2:
        return False
    nxt = _next_content(lines, i)
    return nxt is not None and nxt.kind == "short" and nxt.words >= 3 and not nxt.repeats


def first_story_start(lines: list[Line]) -> int:
    """Index of the first story's title; lines above it are page chrome when they hold no body.

    The first content line heads the page unless a later line starts a story and fewer than two
    paragraphs come before it (navigation, tickers and breadcrumbs, not an untitled story)."""
    prev_kind: str | None = None
    paras = 0
    for i, line in enumerate(lines):
        if line.kind == "para":
            paras += 1
            if paras >= 2:
                break
        elif is_story_start(lines, i, prev_kind):
            return i
        prev_kind = line.kind
    return next((i for i, x in enumerate(lines) if x.kind not in ("boiler", "rail")), 0)


_CONTINUATION = frozenset(
    "في من على إلى الى عن كان كانت قال قالت قد لم لن لا إن أن ان بعد قبل مع منذ خلال بين ذلك هذا "
    "هذه كما لكن فيما حسب بحسب بينما أيضا عليه".split())


def _continues_body(lines: list[Line], i: int) -> bool:
    """The next paragraph right after line i opens with the conjunction و (وأشار، وفي، وكان):
    it goes on the story above, so line i is not a new story's title. A lead paragraph does not
    open with و; a real title has a header (date, byline, caption) or no such paragraph."""
    nxt = _next_content(lines, i)
    if nxt is None or nxt.kind != "para":
        return False
    word = nxt.text.split()[0]
    rest = word[1:]
    return word.startswith("و") and len(rest) >= 2 and (rest in _CONTINUATION or rest[0] in "أتي")


INLINE_BOX_LINKS = 3      # headlines an inline "read also" box lists


def _inline_box_end(lines: list[Line], i: int) -> int:
    """A rail heading inside a running body ("اقرأ أيضاً:" and one to three headlines, then the
    story goes on): the index where the body resumes, else -1. The story goes on when the next
    paragraph is followed by another paragraph (or ends the page) or opens with و; a rail's
    teaser is followed by its byline or the next headline."""
    links = 0
    for j in _content_after(lines, i):
        if lines[j].kind == "short" and links < INLINE_BOX_LINKS:
            links += 1
            continue
        if lines[j].kind != "para" or not links:
            return -1
        nxt = _next_content(lines, j)
        if nxt is None or nxt.kind == "para" or _continues_body(lines, j - 1):
            return j
        return -1
    return -1


def _tail_starts(lines: list[Line], i: int) -> bool:
    """After a body: TAIL_RUN lines in a row of menus, dates, tags or headlines, no paragraph."""
    run = 0
    for line in lines[i:i + TAIL_RUN]:
        if line.kind not in ("short", "boiler", "date"):
            return False
        run += 1
    return run >= TAIL_RUN


def walk(lines: list[Line]) -> tuple[list[Story], list[Line]]:
    """Group lines into stories; return the stories and the dropped furniture lines."""
    stories: list[Story] = []
    dropped: list[Line] = []
    current: Story | None = None
    in_rail = in_tail = False
    prev_kind: str | None = None
    first = first_story_start(lines)
    resume = -1                              # end of an inline "read also" box being skipped
    for i, line in enumerate(lines):
        if i < resume:
            dropped.append(line)
            continue
        header_date = line.kind == "date" and current is not None and not current.has_body
        if i < first or line.kind in ("boiler", "date") and not header_date:
            dropped.append(line)
            prev_kind = "boiler" if line.kind == "boiler" else prev_kind
            if current is not None and not current.has_body and line.kind == "boiler":
                current.header_furniture += 1
            continue
        if line.kind == "rail":
            dropped.append(line)
            if current is not None and current.has_body and not (in_rail or in_tail):
                resume = _inline_box_end(lines, i)
                if resume > i:
                    continue                   # the story goes on after the box
            in_rail = current is not None
            prev_kind = "rail"
            continue
        may_start = current is None or current.has_body or in_rail or in_tail
        if may_start and current is not None and not (in_rail or in_tail) and _continues_body(lines, i):
            may_start = False                  # an inline link or subhead inside the running body
        if current is None or (may_start and is_story_start(lines, i, prev_kind)):
            current = Story(title=line if line.kind == "short" else None)
            stories.append(current)
            in_rail = in_tail = False
            prev_kind = "title"
            if current.title is not None:
                continue
        if in_rail:
            current.rail.append(line)
            prev_kind = "card" if line.kind == "byline" else line.kind
            continue
        if not in_tail and current.has_body and _tail_starts(lines, i):
            in_tail = True
        if in_tail:
            dropped.append(line)
            prev_kind = "boiler"
            continue
        _place(current, lines, i)
        prev_kind = line.kind
    return keep_stories([retitle(story) for story in stories]), dropped


def retitle(story: Story) -> Story:
    """Move the title down to the headline right above the date line when a list came first.

    Title, subtitle, date is the usual header; two or more short lines between the title and the
    date line mean the walker started at a headline list and the last of them is the title. So
    does one, when a site date line (today's date) or a menu came between the first line and it."""
    if not story.date_at or story.title is None:
        return story
    header = story.header[:story.date_at]
    above = [k for k, (_, line) in enumerate(header)
             if line.kind == "short" and line.words >= 3 and not _label_or_source(header, k)]
    # One headline is enough when a site date line or a menu sat between the first line and it.
    if len(above) < (1 if story.redated or story.header_furniture >= MENU_IN_HEADER else 2):
        return story
    k = above[-1]
    if story.title.words <= 2:
        story.section = story.title.text
    story.title = story.header[k][1]
    rest, story.header = story.header[k + 1:], []
    for _, line in rest:
        story.header.append((_header_role(story, line), line))
    story.date_at = 0
    return story


def _label_or_source(header: list[tuple[str, Line]], k: int) -> bool:
    """'(أبوظبي - البيان)' or the value after a 'المصدر:' label: a source line, not a headline."""
    text = header[k][1].text.strip()
    if text.endswith(":") or (text.startswith("(") and text.endswith(")")):
        return True
    return k > 0 and header[k - 1][1].text.rstrip().endswith(":") and header[k - 1][1].words <= 2


def _trailing_furniture(role: str, line: Line) -> bool:
    """At the end of a body: a heading with no text under it, or a truncated teaser ('...')."""
    return role == "subhead" or (role == "paragraph" and line.words < REAL_PARA_WORDS
                                 and _ellipsis(line))


def _ellipsis(line: Line) -> bool:
    return line.text.rstrip(" »”\")").endswith(("...", "…"))


def keep_stories(stories: list[Story]) -> list[Story]:
    """Stories with running text; headline lists and teaser rails are not stories.

    A story dated or signed in its header (a news brief) needs only one real paragraph. A page
    whose stories all lack running text keeps the one with the most paragraph words."""
    for story in stories:
        while story.body and _trailing_furniture(*story.body[-1]):
            story.body.pop()
    real = [s for s in stories if s.body_words() >= STORY_MIN_WORDS
            or (s.body_words() and (s.published or any(r == "byline" for r, _ in s.header)))]
    if real or not stories:
        return real
    return [max(stories, key=lambda s: sum(line.words for k, line in s.body if k == "paragraph"))]


def _place(story: Story, lines: list[Line], i: int) -> None:
    line = lines[i]
    if line.kind == "date":                 # a publication date line in the header
        # The date nearest the body is the story's (a site header prints today's date above the
        # headline); a second date right after the first ("updated ...") does not replace it.
        if story.published is None or len(story.header) > (story.date_at or 0):
            story.redated = story.published is not None
            story.published, story.date_at = line.place, len(story.header)
        return
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
        meta = ArticleMeta(source=page.source, position=pos, url=page.url,
                           published=story.published, section=story.section)
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
    stories, _ = walk(mark_chrome(split_lines(text), text))
    return build_articles(stories, page)
