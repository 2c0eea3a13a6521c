"""marsad's own reading of a news page's DOM, for what trafilatura does not give news work:
figure captions with agency credits, the standfirst, related-article cards, the page language,
structured publication dates (JSON-LD / ``article:published_time``) and several stories on one
page (live blogs). Pure lxml; every function takes a parsed tree and never modifies it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field


_WS = re.compile(r"\s+")
_RELATED = re.compile(r"related|more-?stories|read-?(?:more|also)|also-?read|recommend|"
                      r"you-?may|most-?read|mostread|more-?news|other-?news|ذات.?صلة", re.I)
_RELATED_HEAD = re.compile(r"ذات صلة|اقرأ أيضا|اقرأ ايضا|إقرأ أيضا|مواضيع مقترحة|أخبار متعلقة|"
                           r"قد يعجبك|قد يهمك|ربما يعجبك|"
                           r"^related|^read (?:more|also|next)|^more (?:from|on|stories)|"
                           r"you may (?:also )?like|pode gostar|puede interesar|"
                           r"vous aimerez|könnte sie interessieren|recommended", re.I)
_RAIL_TAB = re.compile(r"الأكثر|الاكثر|اكثر قراءة|أكثر قراءة|آخر الأخبار|اخر الاخبار|آخر الاخبار|"
                       r"most (?:read|viewed|popular|shared)|latest (?:news|stories)|trending", re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|source|photographer|author", re.I)
_CREDIT_PREFIX = re.compile(r"(?:photo(?:graph)?|image|picture|credit|source|تصوير|الصورة|"
                            r"صورة|المصدر)\s*[:：]\s*(?P<credit>[^:()]{2,60})$", re.I)
_TRAILING_PAREN = re.compile(r"\(([^()]{1,60})\)\s*\.?\s*$")
_STANDFIRST = re.compile(r"standfirst|sub-?title|subhead(?:line)?|\bdek\b|article-?summary|"
                         r"summary|excerpt|article__lead|intro|teaser|strapline", re.I)
_SECTION_CLASS = re.compile(r"section|category|kicker|eyebrow|rubric|label", re.I)
_EXCLUDED = {"nav", "footer", "aside", "header", "form", "script", "style", "noscript"}
_ENGLISH_CREDITS = (("reuters", "Reuters"), ("afp", "AFP"), ("agence france", "AFP"),
                    ("associated press", "AP"), ("epa", "EPA"), ("getty", "Getty Images"),
                    ("anadolu", "Anadolu"), ("xinhua", "Xinhua"), ("dpa", "dpa"),
                    ("ap photo", "AP"), ("ap", "AP"))
MAX_CARDS = 12


def text_of(el) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip() if el is not None else ""


def _attr_text(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _in(el, tags: set[str], pattern: re.Pattern | None = None) -> bool:
    for anc in el.iterancestors():
        if not isinstance(anc.tag, str):
            continue
        if anc.tag in tags or (pattern is not None and pattern.search(_attr_text(anc))):
            return True
    return False


# -- credits and captions -----------------------------------------------------------------------
def english_credit(raw: str) -> str | None:
    """English agency name for a credit string (Arabic forms via the segmenter's table)."""
    raw = raw.strip(" .:-–()")
    if not raw:
        return None
    try:
        from ..segment.lines import match_credit
        found = match_credit(raw)
    except ImportError:         # segmenter not installed: English forms only
        found = None
    if found:
        return found
    low = raw.lower()
    for key, name in _ENGLISH_CREDITS:
        if re.search(rf"\b{re.escape(key)}\b", low):
            return name
    return None


def caption_credit(caption: str, credit_text: str = "") -> str | None:
    """Credit of a caption: an explicit credit element, '(agency)' at the end, or 'Photo: X'."""
    for raw in (credit_text, *_caption_credit_candidates(caption)):
        if raw:
            name = english_credit(raw)
            if name:
                return name
    return credit_text.strip() or None


def _caption_credit_candidates(caption: str) -> list[str]:
    out = []
    m = _TRAILING_PAREN.search(caption)
    if m:
        out.append(m.group(1))
    m = _CREDIT_PREFIX.search(caption)
    if m:
        out.append(m.group("credit"))
    tail = re.split(r"[|/–—-]\s*", caption)[-1]
    if tail != caption and len(tail) < 40:
        out.append(tail)
    return out


@dataclass
class Figure:
    text: str
    credit: str | None
    before: str          # text of the last paragraph before the figure (for placement)


def figures(scope) -> list[Figure]:
    """``<figure>``s with a ``<figcaption>`` inside ``scope``, outside nav/aside/related rails;
    each with the text of the paragraph before it (XPath: no walk over the whole page)."""
    out, seen = [], set()
    for el in scope.xpath(".//figure[.//figcaption]"):
        if _in(el, _EXCLUDED, _RELATED):
            continue
        cap = el.xpath(".//figcaption")[0]
        text = text_of(cap)
        if not text or text in seen or len(text) > 600:
            continue
        seen.add(text)
        credit_el = next((c for c in cap.iter() if c is not cap and isinstance(c.tag, str)
                          and _CREDIT_CLASS.search(_attr_text(c))), None)
        before = el.xpath("preceding::p[normalize-space()][1]")
        out.append(Figure(text, caption_credit(text, text_of(credit_el)),
                          text_of(before[0]) if before else ""))
    return out


# -- page-level metadata ------------------------------------------------------------------------
def page_lang(tree) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in tree.iterfind(".//meta[@http-equiv]"):
            if meta.get("http-equiv", "").lower() == "content-language":
                lang = meta.get("content")
    return lang.split("-")[0].split("_")[0].strip().lower() or None if lang else None


def json_ld(tree) -> list[dict]:
    """All JSON-LD objects of the page (``@graph`` flattened); broken blocks are ignored."""
    out: list[dict] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in script.get("type", "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            obj = stack.pop(0)
            if isinstance(obj, dict):
                out.append(obj)
                stack.extend(x for x in obj.get("@graph", []) if isinstance(x, dict))
            elif isinstance(obj, list):
                stack.extend(obj)
    return out


_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|NewsArticle|BlogPosting", re.I)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def structured_date(tree, ld: list[dict]) -> str | None:
    """Publication day from JSON-LD ``datePublished`` or ``article:published_time``."""
    for obj in ld:
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
            day = _day(obj.get("datePublished"))
            if day:
                return day
    for meta in tree.iterfind(".//meta[@property]"):
        if meta.get("property") in ("article:published_time", "og:article:published_time"):
            day = _day(meta.get("content"))
            if day:
                return day
    return None


_LOCAL_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:?\d{2})$")


def local_publication_day(tree, ld: list[dict]) -> str | None:
    """The day as written in a published timestamp that carries a non-UTC offset
    ('2020-12-25T01:59:50+02:00'): the publisher's local day, which is the publication day even
    when another tag gives the same instant in UTC ('2020-12-24T23:59:50+00:00')."""
    values = [obj.get("datePublished") for obj in ld] + \
        [m.get("content") for m in tree.iterfind(".//meta[@property]")
         if m.get("property") in ("article:published_time", "og:article:published_time")]
    for value in values:
        m = _LOCAL_STAMP.match(value.strip()) if isinstance(value, str) else None
        if m and m.group(2).replace(":", "") not in ("+0000", "-0000"):
            return m.group(1)
    return None


def _day(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    m = _ISO_DAY.match(value.strip()) if isinstance(value, str) else None
    if not m or not (1990 <= int(m.group(1)) <= 2100 and 1 <= int(m.group(2)) <= 12
                     and 1 <= int(m.group(3)) <= 31):
        return None
    return m.group(0)


def section_of(tree, ld: list[dict]) -> str | None:
    for meta in tree.iterfind(".//meta[@property]"):
        if meta.get("property") == "article:section" and meta.get("content", "").strip():
            return meta.get("content").strip()
    for obj in ld:
        sec = obj.get("articleSection")
        if isinstance(sec, list):
            sec = sec[0] if sec else None
        if isinstance(sec, str) and sec.strip():
            return sec.strip()
    return None


def standfirst(scope, title: str) -> str | None:
    """A standfirst/dek element near the headline (by class name), 30-400 characters: searched
    in the h1's container (two levels up), which is where sites put it."""
    h1 = scope.find(".//h1")
    if h1 is None:
        return None
    near = h1.getparent() if h1.getparent() is not None else h1
    if near.getparent() is not None and near.getparent().tag not in ("body", "html"):
        near = near.getparent()
    for el in near.iter("p", "div", "h2", "span"):
        if not _STANDFIRST.search(_attr_text(el)) or _in(el, _EXCLUDED, _RELATED):
            continue
        text = text_of(el)
        if 30 <= len(text) <= 400 and text != title:
            return text
    return None


def main_scope(tree):
    """The ``<article>`` holding the page's ``<h1>``, else ``<main>``, else the body."""
    h1 = tree.find(".//h1")
    if h1 is not None:
        for anc in h1.iterancestors("article", "main"):
            return anc
    main = tree.find(".//main")
    if main is not None:
        return main
    body = tree.find(".//body")
    return body if body is not None else tree


# -- related-article cards ----------------------------------------------------------------------
@dataclass
class Card:
    fields: dict[str, str] = field(default_factory=dict)
    credit: str | None = None


def related_cards(tree) -> list[Card]:
    """Cards of the related-articles rail: containers marked 'related' by class/id or heading."""
    cards: list[Card] = []
    seen: set[str] = set()
    for box in _related_boxes(tree):
        items = box.findall(".//article") or box.findall(".//li")
        for item in items:
            card = _card(item)
            title = card.fields.get("title")
            if title and title not in seen:
                seen.add(title)
                cards.append(card)
            if len(cards) >= MAX_CARDS:
                return cards
    return cards


_RELATED_XPATH = None


def _related_xpath():
    global _RELATED_XPATH
    if _RELATED_XPATH is None:
        from lxml import etree
        _RELATED_XPATH = etree.XPath(
            "//*[self::section or self::aside or self::div or self::ul]"
            "[re:test(concat(@class, ' ', @id), $pat, 'i')]",
            namespaces={"re": "http://exslt.org/regular-expressions"})
    return _RELATED_XPATH


def _related_boxes(tree) -> list:
    candidates = _related_xpath()(tree, pat=_RELATED.pattern)
    for head in tree.iter("h2", "h3", "h4"):
        if _RELATED_HEAD.search(text_of(head)[:60]):
            parent = head.getparent()
            if parent is not None:
                candidates.append(parent)
    boxes = []
    for el in candidates:
        if el in boxes or any(b in el.iterancestors() for b in boxes):
            continue
        if el.find(".//a") is not None and len(text_of(el)) < 6000:
            boxes.append(el)
    return boxes


def _is_card_title(title: str) -> bool:
    """An article headline: 3+ words, 10-300 characters, not a rail's own heading (tabs such as
    'الأكثر قراءة' / 'Most read' are list items of rails too)."""
    return (10 <= len(title) <= 300 and len(title.split()) >= 3
            and not _RELATED_HEAD.search(title) and not _RAIL_TAB.search(title))


def _is_article_href(href: str) -> bool:
    href = href.strip().lower()
    return bool(href) and not href.startswith(("#", "javascript:", "mailto:"))


def _card(item) -> Card:
    card = Card()
    head = next(iter(item.iter("h2", "h3", "h4", "h5")), None)
    link = item.find(".//a[@href]")
    title = text_of(head) or text_of(link)
    if _is_card_title(title) and link is not None and _is_article_href(link.get("href", "")):
        card.fields["title"] = title
    for el in item.iter():
        if not isinstance(el.tag, str) or el is item:
            continue
        cls = _attr_text(el)
        if el.tag == "figcaption" and "caption" not in card.fields:
            card.fields["caption"] = text_of(el)
            card.credit = caption_credit(card.fields["caption"])
        elif el.tag == "p" and "teaser" not in card.fields and text_of(el) != title:
            card.fields["teaser"] = text_of(el)
        elif re.search(r"author|byline|writer", cls, re.I) and "author" not in card.fields:
            card.fields["author"] = text_of(el)
        elif _SECTION_CLASS.search(cls) and "section" not in card.fields and \
                0 < len(text_of(el)) < 40:
            card.fields["section"] = text_of(el)
    card.fields = {k: v for k, v in card.fields.items() if v}
    return card


# -- live blogs and multi-story pages -----------------------------------------------------------
@dataclass
class Story:
    title: str
    blocks: list[tuple[str, str, dict]]       # (label, text, attrs)
    published: str | None = None


def liveblog_updates(ld: list[dict]) -> list[Story]:
    """``LiveBlogPosting.liveBlogUpdate`` entries with their own body text."""
    stories = []
    for obj in ld:
        if "LiveBlogPosting" not in str(obj.get("@type")):
            continue
        updates = obj.get("liveBlogUpdate") or []
        for up in updates if isinstance(updates, list) else [updates]:
            if not isinstance(up, dict) or not isinstance(up.get("articleBody"), str):
                continue
            paras = [("paragraph", p.strip(), {}) for p in up["articleBody"].split("\n") if p.strip()]
            title = up.get("headline") if isinstance(up.get("headline"), str) else ""
            if paras:
                stories.append(Story(title.strip(), paras, _day(up.get("datePublished"))))
    return stories


def dom_stories(tree) -> list[Story]:
    """Two or more sibling ``<article>``s, each with a heading and real paragraphs, holding most
    of the page's paragraph text: a multi-story page. Otherwise []."""
    arts = [a for a in tree.iter("article")
            if not any(x.tag == "article" for x in a.iterancestors()) and not _in(a, _EXCLUDED, _RELATED)]
    if len(arts) < 2:
        return []
    total = sum(len(text_of(p)) for p in tree.iter("p")) or 1
    stories = [s for s in (_dom_story(a) for a in arts) if s is not None]
    inside = sum(len(t) for s in stories for lab, t, _ in s.blocks if lab == "paragraph")
    return stories if len(stories) >= 2 and inside / total > 0.6 else []


def _dom_story(art) -> Story | None:
    head = next(iter(art.iter("h1", "h2", "h3")), None)
    if head is None:
        return None
    title = text_of(head)
    if _RELATED_HEAD.search(title) or _RAIL_TAB.search(title):
        return None                       # a recommendations rail, not a story
    blocks: list[tuple[str, str, dict]] = []
    for el in art.iter("p", "h2", "h3", "h4", "figcaption"):
        if el is head or _in(el, {"figcaption"} if el.tag == "p" else set()):
            continue
        text = text_of(el)
        if not text:
            continue
        if el.tag == "figcaption":
            blocks.append(("caption", text, {"credit": caption_credit(text)}))
        elif el.tag == "p":
            blocks.append(("paragraph", text, {}))
        else:
            blocks.append(("subhead", text, {}))
    paras = [t for lab, t, _ in blocks if lab == "paragraph"]
    if len(paras) < 2 or sum(map(len, paras)) < 300:
        return None
    return Story(title, blocks)


# -- datelines ----------------------------------------------------------------------------------
_DATELINE = re.compile(
    r"^(?P<d>[\u0621-\u064a]+(?:[ ،,]+[\u0621-\u064a]+){0,3}\s*(?:\([^()]{2,30}\))?\s*"
    r"(?:[«\"][^»\"]{2,30}[»\"])?)\s*(?:-{1,2}|[–—:])\s+"
    r"|^(?P<e>[A-Z][A-Z.'’ ]{1,30}(?:,\s*[A-Za-z. ]{2,20})?\s*(?:\([A-Za-z .]{2,30}\))?)\s*[-–—]+\s+")


def dateline_of(paragraph: str) -> str | None:
    """'القاهرة - ', 'دبي - «الشرق الأوسط»:', 'BEIRUT (Reuters) -' at a paragraph's start."""
    m = _DATELINE.match(paragraph[:80])
    return (m.group("d") or m.group("e")).strip() if m else None
