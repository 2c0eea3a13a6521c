"""Mentions ``linking.v1`` adds beyond NER and plain dictionary names (see docs/kb.md):

- ``kb_matches``: dictionary matches, with sports clubs in an article about sport;
- ``rule_spans``: head-noun names (:mod:`marsad.kb.patterns`) and person names after a cue
  (:mod:`marsad.kb.persons`), only where NER and the KB found nothing or a piece of them;
- ``short_forms``: a bare head word after its organisation's full name (التحالف);
- ``kingdom_mentions``: bare المملكة as the article's (or outlet's) kingdom.

Also the mention/cluster records linking works with. Lexicons and matchers load once (cached).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Article, Span
from ..kb import KB, TYPE_CLASS, KBEntity, name_key
from ..kb.matcher import DictionaryMatcher, Match
from ..kb.patterns import PatternMatcher, load_lexicon
from ..kb.persons import PersonCueMatcher
from ..kb.text import Tok, cut_offset, strip_variants

_KINGDOM = "المملكه"
# Head words never read as a short form: a sport story names one club and says النادي of another.
_NO_SHORT = {"النادي", "الفريق", "المنتخب"}
# Kingdoms whose press or news call them المملكة (ISO3), and outlet domains that tell which.
KINGDOMS = {"SAU", "JOR", "MAR", "BHR", "GBR", "ESP", "NLD", "BEL", "SWE", "NOR", "DNK", "THA",
            "KHM", "BTN", "LSO", "SWZ", "TON"}
_KINGDOM_TLD = {"sa": "SAU", "jo": "JOR", "ma": "MAR", "bh": "BHR"}


@dataclass
class Mention:
    span: Span
    key: str                      # folded surface (leading proclitic stripped when it links)
    words: tuple[str, ...]
    cls: str                      # coarse type class
    candidates: list[KBEntity] = field(default_factory=list)


@dataclass
class Cluster:
    label_votes: Counter
    mentions: list[Mention] = field(default_factory=list)
    kb: KBEntity | None = None
    titles: list[str] = field(default_factory=list)

    @property
    def cls(self) -> str:
        return self.mentions[0].cls

    def words(self) -> set[str]:
        return {w for m in self.mentions for w in m.words}

    def first(self) -> int:
        return min(m.span.start for m in self.mentions)


def kb_matches(kb: KB, matcher: DictionaryMatcher, text: str, toks: list[Tok],
               sport_article: bool) -> list[Match]:
    """Dictionary matches; in an article about sport also club names, which win over a
    city of the same name and span (روما، توتنهام) but never over a country."""
    found = matcher.find(text, toks)
    if not sport_article:
        return found
    clubs = _club_matcher_for(kb).find(text, toks)
    kind = kb.by_id
    pref = sorted(found + clubs, key=lambda m: (-(m.end - m.start),
                                                _club_rank(kind[m.kb_id]), m.start))
    chosen: list = []
    for m in pref:
        if all(m.end <= c.start or c.end <= m.start for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def rule_spans(kb: KB, article: Article, toks: list[Tok], keep: list[Span],
               used: set[str]) -> list[Span]:
    """Head-noun names (:mod:`marsad.kb.patterns`) where NER and the KB found nothing, or
    only a part of them (the ORG وزارة الخزانة الأميركية over the adjective الأميركية, هيئة
    موانئ دبي over دبي); a place name after a designator only where nothing else is."""
    found = _patterns().find(article.text, toks)
    pm = _patterns()
    extra = pm.find_duals(article.text, toks) + pm.find_quoted(article.text, toks) \
        + pm.find_before_compass(article.text, toks)
    if extra:
        found = sorted(found + extra, key=lambda m: (m.start, -m.end))
    for n, m in enumerate(found, 1):
        hits = [s for s in keep if s.start < m.end and m.start < s.end]
        if m.rule == "quoted" and len(hits) == 1 and not hits[0].attrs.get("kind") \
                and (hits[0].start, hits[0].end) == (m.start, m.end) \
                and hits[0].label not in ("ORG", "FAC"):
            # موقع "السومرية نيوز" tagged MISC by NER: the noun before says what it is
            keep = [s for s in keep if s is not hits[0]]
            keep.append(Span(m.start, m.end, m.type, hits[0].id, hits[0].attrs))
            continue
        inside = all(m.start <= s.start and s.end <= m.end and (s.start, s.end) != (m.start, m.end)
                     for s in hits)
        if hits and m.rule == "designator" and inside \
                and all(not s.attrs.get("kind") and s.label in ("PERSON", "MISC") for s in hits):
            pass        # ناحية بني سعد: a person-typed piece (سعد) of a designated place name
        elif hits and (m.rule == "designator" or not inside
                       or any(s.attrs.get("kind") == "dict" and s.label == m.type
                              or is_country(kb, article, s) for s in hits)):
            continue    # نادي مانشستر سيتي: the KB name is the club's; معسكر قطر: a country
        keep = [s for s in keep if s not in hits]
        keep.append(Span(m.start, m.end, m.type, _fresh_id("r", n, used),
                         {"kind": "rule", "rule": m.rule}))
    cues = _person_cues(kb)
    people = cues.find(article.text, toks)
    appositions = cues.find_appositions(article.text, toks)
    if appositions:
        people = sorted(people + appositions, key=lambda p: (p.start, -p.end))
    for n, p in enumerate(people, 1):
        hits = [s for s in keep if s.start < p.end and p.start < s.end]
        if any(s.attrs.get("kind") or not (p.start <= s.start and s.end <= p.end)
               or (s.start, s.end) == (p.start, p.end) for s in hits):
            continue    # only where NER found nothing or a piece (ريم of كريم بنزيمه)
        keep = [s for s in keep if s not in hits]
        keep.append(Span(p.start, p.end, "PERSON", _fresh_id("p", n, used),
                         {"kind": "rule", "rule": "person"}))
    ends = [s.end for s in keep if s.label == "PERSON"]
    for n, p in enumerate(cues.find_coordinated(article.text, toks, ends), 1):
        if any(s.start < p.end and p.start < s.end for s in keep):
            continue    # only where nothing was found
        keep.append(Span(p.start, p.end, "PERSON", _fresh_id("c", n, used),
                         {"kind": "rule", "rule": "coordinated"}))
    return keep


def is_country(kb: KB, article: Article, span: Span) -> bool:
    return any(e.kind == "country" for v, _ in _key_variants(name_key(article.span_text(span)))
               for e in kb.lookup_key(v))


def club_reading(kb: KB, key: str) -> KBEntity | None:
    """The club a name denotes in a sport article, unless it is a country (national team
    names stay countries), a hand entry or a curated person alias."""
    for variant, _ in _key_variants(key):
        found = kb.lookup_key(variant)
        if any(_club_rank(e) == 0 or e.kind == "hand" or "hand" in e.sources for e in found):
            return None
        clubs = [e for e in found if e.kind == "club"
                 and variant not in e.extra.get("common", ())]
        if clubs:
            return clubs[0]
    return None


# -- short forms ------------------------------------------------------------------------
def short_forms(article: Article, toks: list[Tok], spans: list[Span],
                clusters: list[Cluster]) -> list[Span]:
    """After an organisation's full name (التحالف الدولي، المقاومة الشعبية، الجيش العراقي),
    its bare head word later in the article (ونفذ التحالف 23 غارة) is the same entity —
    when exactly one organisation of the article begins with that word and the word is not
    followed by an adjective of its own."""
    heads: dict[str, list[Cluster]] = {}
    for c in clusters:
        if c.cls != "ORG" or (c.kb is None and not any(
                m.span.attrs.get("kind") == "rule" for m in c.mentions)):
            continue        # (an NER-only ORG such as السوق العقارية is no safe antecedent)
        for m in c.mentions:
            first, _, rest = m.key.partition(" ")
            if first.startswith("ال") and rest and first not in _NO_SHORT \
                    and c not in heads.get(first, []):
                heads.setdefault(first, []).append(c)
    if not heads:
        return []
    taken = [(s.start, s.end) for s in spans]
    used = {s.id for s in spans}
    added: list[Span] = []
    stems = tuple(h[2:] for h in heads)     # a token naming a head ends with its stem
    for i, t in enumerate(toks):
        if not t.key.endswith(stems):
            continue
        for w, cut in strip_variants(t.key):
            owners = heads.get(w)
            if not owners or len(owners) > 1:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.key.startswith("ال") \
                    and not article.text[t.end:nxt.start].strip():
                break           # التحالف العربي: a name of its own
            if i and cut == 0 and toks[i - 1].key.startswith("ال") \
                    and not article.text[toks[i - 1].end:t.start].strip():
                break           # الموانئ البحرية: an adjective here
            start = cut_offset(article.text, t.start, cut)
            if any(a < t.end and start < b for a, b in taken) \
                    or start < owners[0].first():
                break           # covered, or before the full name
            span = Span(start, t.end, "ORG", _fresh_id("s", len(added) + 1, used),
                        {"kind": "dict", "rule": "short"} if owners[0].kb is None else
                        {"kind": "dict", "rule": "short", "kb_id": owners[0].kb.id})
            owners[0].mentions.append(Mention(span, w, (), "ORG"))
            owners[0].label_votes["ORG"] += 1
            added.append(span)
            break
    return added


# -- "the Kingdom" ----------------------------------------------------------------------
def kingdom_mentions(kb: KB, default: str | None, article: Article, toks: list[Tok],
                     spans: list[Span], clusters: list[Cluster]) -> list[Span]:
    """Bare المملكة ("the Kingdom", no adjective after it: not المملكة المتحدة) names the
    one kingdom the article names (Jordan in a Jordanian story), else the country of the
    outlet's web domain (.sa .jo .ma .bh), else ``kingdom`` (default SAU: the Saudi press
    writes المملكة for Saudi Arabia; None turns this off). Two kingdoms named: no guess."""
    if "مملك" not in article.text:
        return []               # (the common case, without a per-token loop)
    bare = [(i, cut) for i, t in enumerate(toks) if "مملك" in t.key
            for w, cut in strip_variants(t.key)
            if w == _KINGDOM and (i + 1 == len(toks) or not toks[i + 1].key.startswith("ال")
                                  or article.text[t.end:toks[i + 1].start].strip())]
    taken = [(s.start, s.end) for s in spans]
    bare = [(i, cut) for i, cut in bare
            if not any(a < toks[i].end and toks[i].start < b for a, b in taken)]
    code = kingdom_of(default, article, clusters) if bare else None
    country = kb.country(code) if code else None
    if country is None:
        return []
    target = next((c for c in clusters if c.kb is not None and c.kb.id == country.id), None)
    if target is None:
        target = Cluster(Counter(), kb=country)
        clusters.append(target)
    used = {s.id for s in spans}
    added = []
    for n, (i, cut) in enumerate(bare, 1):
        start = cut_offset(article.text, toks[i].start, cut)
        span = Span(start, toks[i].end, "GPE", _fresh_id("g", n, used),
                    {"kind": "dict", "kb_id": country.id, "rule": "kingdom"})
        target.mentions.append(Mention(span, _KINGDOM, (), "PLACE"))
        target.label_votes["GPE"] += 1
        added.append(span)
    clusters.sort(key=lambda c: c.first())
    return added

def kingdom_of(default: str | None, article: Article, clusters: list[Cluster]) -> str | None:
    named = {c.kb.country for c in clusters
             if c.kb is not None and c.kb.kind == "country" and c.kb.country in KINGDOMS}
    if len(named) == 1:
        return named.pop()
    if named:
        return None
    host = (article.meta.url or "").split("/")[2:3]
    tld = host[0].rsplit(".", 1)[-1].lower() if host else ""
    return _KINGDOM_TLD.get(tld, default)


@lru_cache(maxsize=1)
def _patterns() -> PatternMatcher:
    return PatternMatcher()


def common_words() -> frozenset[str]:
    """Folded ordinary words of the NER corpora (``common_words.txt``)."""
    return _patterns().lex.common


@lru_cache(maxsize=4)
def _person_cues(kb: KB) -> PersonCueMatcher:
    """Cues: profession/rank words (resource) and definite masculine nationality nouns of the
    KB (الفرنسي، العاجي); one-word place names of the KB are never person names."""
    demonyms = {k for k in kb.by_demonym if k.startswith("ال") and k.endswith("ي")
                and " " not in k}
    places = {k for k, ids in kb.by_name.items() if " " not in k
              and any(TYPE_CLASS.get(kb.by_id[i].type) == "PLACE" for i in ids)}
    return PersonCueMatcher(demonyms, places, load_lexicon().person_cues)


@lru_cache(maxsize=4)
def _club_matcher_for(kb: KB) -> DictionaryMatcher:
    return DictionaryMatcher(kb, {"club"})


def _club_rank(ent: KBEntity) -> int:
    """Which of two same-span names wins in a sport article: a country, an Arab place (its
    name has the article: الرياض in "قطبا الرياض" is the city whose two big clubs meet), a
    club, then other places (روما، توتنهام: transfer news names foreign clubs by their city)."""
    if ent.kind == "country" or ent.kind != "club" and name_key(ent.name_ar).startswith("ال"):
        return 0
    return 1 if ent.kind == "club" else 2


def _quoted(text: str, span: Span) -> bool:
    """The span is exactly the content of «...» (or “...”)."""
    before = text[span.start - 1:span.start] if span.start else ""
    return (before, text[span.end:span.end + 1]) in (("«", "»"), ("“", "”"))


def _fresh_id(prefix: str, n: int, used: set[str]) -> str:
    sid = f"{prefix}{n}"
    while sid in used:
        n += 1
        sid = f"{prefix}{n}"
    used.add(sid)
    return sid


def _key_variants(key: str) -> list[tuple[str, int]]:
    first, _, rest = key.partition(" ")
    return [(w + (" " + rest if rest else ""), cut) for w, cut in strip_variants(first)]
