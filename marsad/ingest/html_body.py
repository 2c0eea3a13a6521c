"""Clean-ups of what trafilatura returns, for news: furniture at the start and end of a body,
short lines between paragraphs that are subheads, site names in titles, bylines and publishers.
Plain functions over (label, text) lists and strings; no HTML here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

TRAILING_CHECK = 4          # furniture is looked for in the last paragraphs of a body only
TRAILING_MAX_CHARS = 400    # ... and only short paragraphs are dropped
LEADING_CHECK = 3
# A subhead: a short line (<= SUBHEAD_MAX_WORDS, no sentence-final punctuation) between two
# paragraphs of at least PARA_MIN_WORDS words. Same ranges as the text segmenter's (titles 4-14
# words, subheads 2-8, body paragraphs 15+).
SUBHEAD_MAX_WORDS = 8
PARA_MIN_WORDS = 15
_LEADING = re.compile(r"^(?:تم نشره|نشر في|نشر بتاريخ|تاريخ النشر|آخر تحديث|اخر تحديث|"
                      r"published(?: on)?|updated|last updated)\b.{0,60}\d", re.I)
_TERMINAL = re.compile(r"[.!?؟:…\"»”)]\s*$")
_SEPARATORS = set("-|–—•»·")
SITE_NAME_MAX_CHARS = 40
_URLISH = re.compile(r"https?|www\.|\.(?:png|jpe?g|gif|svg|webp)\b|\blogo\b", re.I)


@lru_cache(maxsize=1)
def _trailing_patterns() -> re.Pattern:
    text = resources.files("marsad.resources.html").joinpath("trailing_boilerplate.txt")
    lines = [ln.strip() for ln in text.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return re.compile("|".join(f"(?:{ln})" for ln in lines), re.I)


def drop_trailing_furniture(body: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Remove furniture paragraphs (disclaimers, copyright ...) among the last few of a body."""
    pattern = _trailing_patterns()
    keep = list(body)
    tail_start = max(0, len(keep) - TRAILING_CHECK)
    for i in range(len(keep) - 1, tail_start - 1, -1):
        label, text = keep[i]
        if len(text) <= TRAILING_MAX_CHARS and pattern.search(text):
            del keep[i]
    return keep


def drop_leading_furniture(body: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """'تم نشره الجمعة 24 نيسان 2020', 'Updated April 29, 2019' lines opening a body."""
    return [(lab, t) for i, (lab, t) in enumerate(body)
            if not (i < LEADING_CHECK and len(t) < 100 and _LEADING.search(t))]


def strip_title_prefix(body: list[tuple[str, str]], title: str) -> list[tuple[str, str]]:
    """trafilatura's fallback extractors join the headline to the first paragraph; cut it off."""
    if not body or not title:
        return body
    lab, text = body[0]
    if lab == "paragraph" and len(text) > len(title) + 20 and text.startswith(title + " "):
        return [(lab, text[len(title):].strip())] + body[1:]
    return body


def promote_subheads(body: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A short unpunctuated line between two long paragraphs is an in-body subhead."""
    out = list(body)
    words = [len(t.split()) for _, t in body]
    for i in range(1, len(body) - 1):
        lab, text = body[i]
        if (lab == "paragraph" and 1 < words[i] <= SUBHEAD_MAX_WORDS and not _TERMINAL.search(text)
                and words[i - 1] >= PARA_MIN_WORDS and words[i + 1] >= PARA_MIN_WORDS
                and body[i - 1][0] == body[i + 1][0] == "paragraph"):
            out[i] = ("head", text)
    return out


def clean_title(title: str, h1: str) -> str:
    """'Site - Headline' / 'Headline | Site' -> the page's h1 when the title is h1 + a site part."""
    if not h1 or not title or title == h1 or h1 not in title:
        return title
    rest = title.replace(h1, "", 1).strip()
    if len(rest) > SITE_NAME_MAX_CHARS:
        return title
    return h1 if rest[:1] in _SEPARATORS or rest[-1:] in _SEPARATORS else title


def clean_publisher(name: str | None) -> str | None:
    """A site name given as a URL becomes its host name."""
    if name and name.startswith(("http://", "https://")):
        host = urlsplit(name).netloc
        return host[4:] if host.startswith("www.") else host or None
    return name


_BYLINE_PREFIX = re.compile(r"^\s*(?:by|بقلم|كتبت|كتبه|كتب|إعداد|اعداد|تقرير|تحرير)"
                            r"(?:\s*[:：\-–]\s*|\s+)", re.I)
_NOT_A_NAME = {"username", "author", "authors", "admin", "administrator", "作者", "الكاتب",
               "كاتب", "المحرر", "محرر"}


def clean_author(author: str | None, site: str | None = None) -> str | None:
    """trafilatura's author minus byline words ('بقلم:', 'كتب -', 'By'), minus parts that are
    the site's name or URL/image debris; None for values that are not a name (a form label, a
    line carrying a date or time)."""
    if not author:
        return None
    site_key = re.sub(r"\W", "", (site or "").casefold())
    parts = []
    if _URLISH.search(author):
        return None          # URL or image debris: trafilatura read a logo, not a byline
    for part in author.split(";"):
        name = _BYLINE_PREFIX.sub("", part.strip()).strip(" :-–")
        key = re.sub(r"\W", "", name.casefold())
        if (not name or len(key) < 2 or name.casefold() in _NOT_A_NAME or re.search(r"\d", name)
                or (site_key and key and key in site_key)):
            continue
        parts.append(name)
    return "; ".join(parts) or None


