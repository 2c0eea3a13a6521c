"""Page chrome in raw text dumps: menus, date lines, interface strings, bylines of the 'كتب X' kind.

A text dump of a whole web page (what a browser's "select all, copy" or ``innerText`` gives)
carries the site's navigation, tickers, tag lists, comment boxes and headline lists around the
story. These passes run after :func:`marsad.segment.lines.split_lines` and re-label such lines
so the story walker (:mod:`marsad.segment.text`) sees them as furniture:

* **menus**: a run of ``MENU_RUN`` or more consecutive one-to-three-word lines with no blank
  line between them (section menus, tag lists) -> ``boiler``;
* **interface strings**: a short line without a single Arabic letter on an Arabic page
  ("Toggle navigation", "Short URL  Copy", "English") -> ``boiler``;
* **date lines**: a short line that is mostly a date and time ("الإثنين، 24 أغسطس 2020 09:56 ص",
  "تم نشره الجمعة 24 نيسان / أبريل 2020", "November 9, 2020") -> ``date``, with its ISO value,
  which becomes the story's publication date when it sits in the story's header;
* **author lines** "كتب/كتبت X", "بقلم: X", "إعداد: X" -> ``byline`` with the author;
* **widgets**: a reader poll (heading "استطلاع الرأي", a question, answer buttons, "عرض النتائج")
  -> ``boiler`` from its heading to its closing button (``widget``/``widget_end`` lines of
  ``boilerplate.txt``), or heading, question and short answers when no button is printed.

Nothing here knows a site; the word lists are in ``resources/segment/chrome.txt``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..textmap import gold_normalize
from .lines import Line, _load_lines, boilerplate_table

MENU_RUN = 5               # consecutive menu items (1-3 words, no blank line between)
MENU_ITEM_WORDS = 3
DATE_LINE_MAX_WORDS = 14
TITLE_MAX_WORDS = 30       # longest headline read as a title above a date line
WIDGET_MAX_LINES = 12      # lines from a widget's heading to its closing button
DATE_COVER = 0.6           # share of a date line's letters and digits inside the date/time/filler

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"\d")
_YEAR_FIRST = re.compile(r"\b(\d{4})[/-](\d{1,2})[/-](\d{1,2})\b")
_MONTH_FIRST = re.compile(r"([\u0621-\u064a]{3,})\s+(\d{1,2})\s*[,،]\s*(\d{4})")
_WORD = re.compile(r"[^\s،,:|/\-–()+]+")
_DIGIT_GAP = re.compile(r"(\d)\s*([/.])\s*(?=\d)")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_EN_MONTHS = ("january february march april may june july august september october november "
              "december jan feb mar apr jun jul aug sep sept oct nov dec").split()
_EN_DATE = re.compile(r"\b(?:(?:%s)\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:%s)\.?,?\s+\d{4})\b"
                      % ("|".join(_EN_MONTHS), "|".join(_EN_MONTHS)), re.IGNORECASE)
_AUTHOR = re.compile(r"^(?:كتبت?|بقلم|إعداد|اعداد|تقرير|تحرير|حوار|متابعة|تصوير)\s*[:：-]?\s+"
                     r"(?P<author>[^\d:()«»\"]{3,40})$")


@lru_cache(maxsize=1)
def _filler() -> frozenset[str]:
    """Words of a date line that are not the date (نشر، آخر تحديث، ص، م ...)."""
    return frozenset(gold_normalize(w) for w in _load_lines("chrome.txt"))


def mark_chrome(lines: list[Line], page_text: str) -> list[Line]:
    """Re-label menus, interface strings, date lines and author lines in place; return lines."""
    arabic_page = len(_ARABIC.findall(page_text[:20000])) > 200
    for line in lines:
        if arabic_page and line.kind == "short" and line.words <= 4 and not _ARABIC.search(line.text) \
                and not _EN_DATE.search(line.text):
            line.kind = "boiler"
    _mark_menus(lines)                      # first: a menu item "حوار X" is not a byline
    for line in lines:
        if line.kind in ("short", "byline"):
            _mark_author_or_date(line)
    _mark_widgets(lines)
    _headline_above_date(lines)
    return lines


def _headline_above_date(lines: list[Line]) -> None:
    """A long headline (16+ words, so read as a paragraph) right above a date line, with no
    sentence end and no paragraph before it, is a headline: 'short' for the story walker."""
    content = [x for x in lines if x.kind != "boiler"]
    for k, line in enumerate(content):
        if line.kind != "date" or k == 0:
            continue
        head = content[k - 1]
        before = content[k - 2] if k >= 2 else None
        if head.kind == "para" and head.words <= TITLE_MAX_WORDS and not head.terminal \
                and (before is None or before.kind != "para"):
            head.kind = "short"


def _mark_widgets(lines: list[Line]) -> None:
    table = boilerplate_table()
    for i, line in enumerate(lines):
        if table.get(line.key) != "widget":
            continue
        block, closed = [line], False
        for nxt in lines[i + 1:i + 1 + WIDGET_MAX_LINES]:
            ends = table.get(nxt.key) == "widget_end"
            if nxt.kind == "para" or (closed and not ends and nxt.kind != "boiler"):
                break
            block.append(nxt)
            closed = closed or ends
        if not closed:
            block = _question_block(block)
        for x in block:
            x.kind = "boiler"


def _question_block(block: list[Line]) -> list[Line]:
    """Heading, a question line and the short answers after it (a poll printed without buttons)."""
    if len(block) < 2 or not block[1].text.rstrip().endswith(("؟", "?")):
        return block[:1]
    out = block[:2]
    for x in block[2:]:
        if x.words > 3 or x.kind not in ("short", "boiler"):
            break
        out.append(x)
    return out


def _mark_author_or_date(line: Line) -> None:
    if line.words <= DATE_LINE_MAX_WORDS and _DIGIT.search(line.text):
        value = date_line_value(line.text)
        if value is not None:
            line.kind, line.author, line.place = "date", None, value   # place carries the ISO value
            return
    m = _AUTHOR.match(line.text)
    if line.kind == "short" and m and len(m.group("author").split()) <= 5:
        line.kind, line.author = "byline", m.group("author").strip()


def date_line_value(text: str) -> str | None:
    """ISO date of a line that is mostly a date (and time), else None."""
    from ..components.dates import find_dates     # the dates component owns the calendars

    text = _DIGIT_GAP.sub(r"\1\2", text)        # "١ / ١٢ / ٢٠٢٠" -> "١/١٢/٢٠٢٠"
    text = _YEAR_FIRST.sub(r"\3/\2/\1", text)   # "2020/12/25" -> "25/12/2020"
    text = _MONTH_FIRST.sub(r"\2 \1 \3", text)  # "ديسمبر 25, 2020" -> "25 ديسمبر 2020"
    covered: list[tuple[int, int]] = []
    value = None
    m = _EN_DATE.search(text)
    if m:
        value = _english_date(m.group(0))
        covered.append(m.span())
    else:
        for span in find_dates(text):
            v = span.attrs.get("value")
            covered.append((span.start, span.end))
            if isinstance(v, str) and _ISO_DAY.fullmatch(v) and span.attrs.get("kind") != "relative":
                value = value or v
    if value is None:
        return None
    covered += [t.span() for t in _TIME.finditer(text)]
    filler = _filler()
    covered += [w.span() for w in _WORD.finditer(text) if gold_normalize(w.group(0)) in filler]
    total = len(_LETTER_OR_DIGIT.findall(text))
    inside = sum(1 for i, ch in enumerate(text) if _LETTER_OR_DIGIT.match(ch)
                 and any(a <= i < b for a, b in covered))
    return value if total and inside / total >= DATE_COVER else None


def _english_date(text: str) -> str | None:
    import datetime as dt

    words = re.findall(r"[A-Za-z]+|\d+", text)
    month = next((w.lower()[:3] for w in words if w.isalpha()), "")
    nums = [int(w) for w in words if w.isdigit()]
    months = [m[:3] for m in _EN_MONTHS[:12]]
    if month not in months or len(nums) != 2:
        return None
    day, year = (nums[0], nums[1]) if nums[1] > 31 else (nums[1], nums[0])
    try:
        return dt.date(year, months.index(month) + 1, day).isoformat()
    except ValueError:
        return None


def _mark_menus(lines: list[Line]) -> None:
    run: list[Line] = []
    for line in [*lines, None]:
        item = line is not None and line.kind in ("short", "boiler") \
            and line.words <= MENU_ITEM_WORDS and not line.repeats \
            and (not run or line.blank_before == 0)
        if item:
            run.append(line)
            continue
        if len([x for x in run if x.kind == "short"]) >= MENU_RUN:
            for x in run:
                x.kind = "boiler"
        run = [line] if line is not None and line.kind in ("short", "boiler") \
            and line.words <= MENU_ITEM_WORDS and not line.repeats else []
