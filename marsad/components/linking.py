"""``linking.v1``: entity mentions -> linked document entities, with title coreference.

Steps, per article:
1. the dictionary matcher adds mentions NER missed for unambiguous KB names (``kind: dict``);
2. mentions are clustered: full names first; a shorter PERSON mention joins the person whose
   longer name contains its words (فلاديمير بوتين ... بوتين); other mentions link to the KB
   (type-compatible candidates; one already linked in the article wins, then KB rank) and
   join the entity with the same KB id; unlinked (NIL) mentions cluster by folded surface, and an
   ORG name joins a longer ORG name it begins (المفوضية العليا -> المفوضية العليا للاجئين);
3. title phrases (الرئيس الروسي، الزعيم الكوري الشمالي، الوزير) become PERSON mentions
   (``kind: title``) of the person they name: an apposition in the article first
   (الرئيس الروسي فلاديمير بوتين), KB roles valid at ``meta.published`` second;
4. ``Article.entities`` is rebuilt: English/Arabic canonical names, KB id, aliases, mention ids.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache

from ..document import Article, Entity, Span, trusted_span
from ..kb import KB, TYPE_CLASS, KBEntity, load_kb, name_key
from ..kb.cleanup import clean_ner_spans, drop_in_sections
from ..kb.matcher import COMMON_GIVEN, DictionaryMatcher
from ..kb.text import Tok, tokenize
from ..kb.titles import BARE_HEADS, Title, find_titles
from . import entity_rules as R
from .entity_rules import Cluster, Mention, _fresh_id, _key_variants, _quoted
from .entity_rules import KINGDOMS, _person_cues  # noqa: F401  (re-exported for callers, tests)

log = logging.getLogger(__name__)

ENT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "MISC")
# Words that never make two person names the same person on their own.
_NAME_GLUE = {"بن", "ابن", "بنت", "عبد", "ابو", "ال", "آل", "دي", "دو", "فان", "الشيخ", "الامير",
              "الملك", "السيد"}
# Sports context: a club name (الهلال، القوة الجوية، الاتحاد) links to a club only in an article
# that talks about sport.
_SPORTS = re.compile(r"مباراة|مباريات|الدوري|لاعب|المدرب|كرة القدم|بطولة|المنتخب|هدف|نادي|أهداف|الملعب")
# An article *about* sport (clubs are matched by name and beat same-named cities): at least this
# many sport words (one هدف "goal/aim" or الملعب is not enough: a war report can have one).
SPORT_ARTICLE_HITS = 4
# Folded generic place words: "X province" is X (rivers, bases and camps too; a mountain is not).
PLACE_DESIGNATORS = {"محافظه", "مدينه", "قضاء", "ناحيه", "منطقه", "اقليم", "حي", "قريه", "بلده",
                     "نهر", "قاعده", "مخيم", "ولايه", "جزيره", "مديريه"}
# ... of which the core name may be looked up in the KB (a حي or قرية is no KB city).
_SAME_KIND = {"مدينه", "نهر", "قاعده", "جزيره"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class EntityLinker:
    """Component ``linking.v1``: reads ``ents`` when an NER component ran (optional, so the
    pipeline also works without NER: the dictionary matcher then supplies the mentions);
    assigns ``ents`` (mentions gain ``entity_id``) and ``Article.entities``."""

    name = "linking.v1"
    requires = ("tokens",)
    assigns = ("ents", "entities")

    def __init__(self, kb_path: str | None = None, match: bool = True, titles: bool = True,
                 rules: bool = True, kingdom: str | None = "SAU") -> None:
        self.kb_path = kb_path
        self.match = match
        self.titles = titles
        self.rules = rules
        self.kingdom = kingdom
        self._kb: KB | None = None
        self._sports = False
        self._sport_article = False
        self._matcher: DictionaryMatcher | None = None

    def __getstate__(self) -> dict:
        return {"kb_path": self.kb_path, "match": self.match, "titles": self.titles,
                "rules": self.rules, "kingdom": self.kingdom}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    @property
    def kb(self) -> KB:
        if self._kb is None:
            self._kb = load_kb(self.kb_path)
        return self._kb

    @property
    def matcher(self) -> DictionaryMatcher:
        if self._matcher is None:
            self._matcher = _matcher_for(self.kb)
        return self._matcher

    def __call__(self, article: Article) -> Article:
        if not article.text.strip():
            article.entities = []
            return article
        toks = tokenize(article.text)
        hits = len(_SPORTS.findall(article.text))
        self._sports = hits > 0
        self._sport_article = hits >= SPORT_ARTICLE_HITS
        spans = _with_ids(_own_spans_removed(article.layer("ents")))
        if self.rules:
            spans = clean_ner_spans(self.kb, article, toks, spans, R.common_words())
        if self.match:
            spans = self._dictionary_spans(article, toks, spans)
        if self.rules:
            spans = drop_in_sections(article, spans)
        titles = find_titles(article.text, toks, self.kb) if self.titles else []
        # NER may tag a title phrase itself as PERSON (خادم الحرمين الشريفين): such mentions are
        # resolved like titles, not linked by name
        title_at = {(t.start, t.end) for t in titles}
        as_title: dict[tuple[int, int], list[Span]] = {}
        for s in spans:
            if s.label == "PERSON" and (s.start, s.end) in title_at:
                as_title.setdefault((s.start, s.end), []).append(s)
        mentions = [self._mention(article, s) for s in spans
                    if s.label in ENT_LABELS and name_key(article.span_text(s))
                    and (s.start, s.end) not in as_title]
        clusters = self._cluster(mentions)
        spans += R.kingdom_mentions(self.kb, self.kingdom, article, toks, spans, clusters)
        spans += R.short_forms(article, toks, spans, clusters)
        if titles:
            spans += self._resolve_titles(article, toks, titles, clusters, spans, as_title)
        self._write(article, spans, clusters)
        return article

    # -- 1. dictionary matcher ----------------------------------------------------------
    def _dictionary_spans(self, article: Article, toks: list[Tok],
                          spans: list[Span]) -> list[Span]:
        """``spans`` plus unambiguous KB names NER missed. Where NER found part of such a name
        (الأمم of الأمم المتحدة) or cut across it, and its own span names nothing in the KB,
        the KB name replaces it; an NER span that contains the name wins (مركز الملك سلمان)."""
        used = {s.id for s in spans}
        keep = list(spans)
        for n, m in enumerate(R.kb_matches(self.kb, self.matcher, article.text, toks,
                                           self._sport_article), 1):
            hits = [s for s in keep if s.start < m.end and m.start < s.end]
            if any(s.start <= m.start and m.end <= s.end for s in hits):
                continue
            if any(self._names_something(article, s) for s in hits
                   if not (m.start <= s.start and s.end <= m.end)):
                continue   # NER found a complete known name there (خليفة بن زايد, not الشيخ ...)
            # (an NER span inside the KB name is a part of it: السويس of قناة السويس)
            keep = [s for s in keep if s not in hits]
            keep.append(Span(m.start, m.end, m.type, _fresh_id("k", n, used),
                             {"kind": "dict", "kb_id": m.kb_id}))
        if self.rules:
            keep = R.rule_spans(self.kb, article, toks, keep, used)
        return sorted(keep, key=lambda s: (s.start, -s.end))

    def _names_something(self, article: Article, span: Span) -> set[str]:
        """KB ids of the span's own class that its text names."""
        cls = TYPE_CLASS.get(span.label, span.label)
        return {e.id for v, _ in _key_variants(name_key(article.span_text(span)))
                for e in self.kb.lookup_key(v) if TYPE_CLASS.get(e.type, e.type) == cls}

    # -- 2. mentions and clusters ---------------------------------------------------------
    def _mention(self, article: Article, span: Span) -> Mention:
        key = name_key(article.span_text(span))
        cls = TYPE_CLASS.get(span.label, span.label)
        cands: list[KBEntity] = []
        if span.attrs.get("kb_id") and self.kb.get(span.attrs["kb_id"]):
            cands = [self.kb.get(span.attrs["kb_id"])]
        else:
            for variant, _ in _key_variants(key):
                cands = [e for e in self.kb.lookup_key(variant)
                         if TYPE_CLASS.get(e.type, e.type) == cls]
                if cands:
                    key = variant
                    break
        if cls == "PLACE" and _quoted(article.text, span):
            # «الشرق الأوسط» in guillemets is the newspaper, not the region: a quoted name is a
            # title (paper, channel, party), so an ORG reading wins when the KB has one
            orgs = [e for v, _ in _key_variants(key) for e in self.kb.lookup_key(v)
                    if e.type == "ORG"]
            if orgs:
                cands, cls = orgs[:1], "ORG"
        if not cands and cls in ("ORG", "PLACE", "MISC", "PRODUCT"):
            cands = self._other_class(key)
        if self._sport_article and cls in ("PLACE", "PERSON", "ORG") \
                and not span.attrs.get("kb_id"):
            club = R.club_reading(self.kb, key)
            if club is not None:    # روما، فولفسبورغ in transfer news: the club
                cands, cls = [club], "ORG"
        if not self._sports:
            cands = [e for e in cands if e.kind != "club"]   # القوة الجوية: an air force here
        first, _, core = key.partition(" ")
        if cls == "PLACE" and first in PLACE_DESIGNATORS and core:
            # محافظة الأنبار = الأنبار; قاعدة العند = العند (not جبل سنجار = سنجار)
            key = core
            if not cands and first in _SAME_KIND:   # حي جبيل is not Byblos
                cands = [e for e in self.kb.lookup_key(core)
                         if TYPE_CLASS.get(e.type, e.type) == cls]
        if not cands and cls == "PLACE":
            country = self.kb.demonym(key)      # الصينيين tagged as a place: China
            cands = [country] if country is not None else []
        if cls == "PERSON" and (" " not in key or key.split(" ")[0] in COMMON_GIVEN
                                and key.count(" ") == 1):
            # a lone given name or surname links only through a curated alias (بوتين، ترمب);
            # so do two-word names opening with a very common given name (محمد علي)
            cands = [e for e in cands if "hand" in e.sources]
        words = tuple(w for w in key.split(" ") if w not in _NAME_GLUE)
        return Mention(span, key, words, cls, cands)

    def _other_class(self, key: str) -> list[KBEntity]:
        """NER typed a well-known name wrongly (مانشستر سيتي as a place, كييف as an ORG): a
        country, capital or hand entry of another class still links when it is the only
        top-ranked reading of the name."""
        found = [e for v, _ in _key_variants(key) for e in self.kb.lookup_key(v)
                 if e.rank <= 2 and e.type != "PERSON"]
        ids = {e.id for e in found}
        return found[:1] if len(ids) == 1 else []

    def _cluster(self, mentions: list[Mention]) -> list[Cluster]:
        clusters: list[Cluster] = []
        order = sorted(mentions, key=lambda m: (-len(m.words), m.span.start))
        for m in order:
            target = self._find_cluster(m, clusters)
            if target is not None and target.kb is None and m.candidates \
                    and m.cls != "PERSON" and self._extends(m, target):
                target.kb = self._choose(m, clusters)   # قناة السويس الجديدة ... قناة السويس
            if target is None:
                target = Cluster(Counter())
                clusters.append(target)
            if not target.mentions and m.candidates:
                target.kb = self._choose(m, clusters)   # the longest name decides the link
            target.mentions.append(m)
            target.label_votes[m.span.label] += 1
        clusters.sort(key=lambda c: c.first())
        return clusters

    def _find_cluster(self, m: Mention, clusters: list[Cluster]) -> Cluster | None:
        same_cls = [c for c in clusters if c.cls == m.cls]
        if m.cls == "PERSON" and m.words:
            holders = [c for c in same_cls if set(m.words) <= c.words()]
            if holders:
                return _nearest(holders, m.span.start)
        if m.candidates:
            chosen = self._choose(m, clusters)
            for c in clusters:      # any class: NER may type two mentions of one name apart
                if c.kb is not None and c.kb.id == chosen.id:
                    return c
        for c in same_cls:
            if c.kb is None and any(o.key == m.key for o in c.mentions):
                return c
        if not m.candidates and m.cls in ("ORG", "PLACE"):
            # one name, one referent in a story: «سنجار» typed ORG after قضاء سنجار
            for c in clusters:
                if c.cls in ("ORG", "PLACE") and c.cls != m.cls \
                        and any(o.key == m.key for o in c.mentions):
                    return c
            if " " not in m.key:
                # a person's surname typed ORG/place (نيكولا هولو ... هولو)
                people = [c for c in clusters if c.cls == "PERSON" and c.kb is None
                          and any(len(o.words) >= 2 and o.words[-1] == m.key
                                  for o in c.mentions)]
                if len(people) == 1:
                    return people[0]
        if m.cls in ("ORG", "PLACE"):
            # المفوضية العليا -> المفوضية العليا للاجئين; سيتي -> مانشستر سيتي (ORG only)
            longer = [c for c in same_cls if (c.kb is None or not m.candidates)
                      and self._extends(m, c)]
            if longer:
                return _nearest(longer, m.span.start)
        return None

    @staticmethod
    def _extends(m: Mention, c: Cluster) -> bool:
        """Some mention of ``c`` is ``m`` plus more words (or, for ORG, ends with one-word m)."""
        return any(o.key.startswith(m.key + " ") or (m.cls == "ORG" and " " not in m.key
                                                     and len(m.key) > 2
                                                     and o.key.endswith(" " + m.key))
                   for o in c.mentions)

    def _choose(self, m: Mention, clusters: list[Cluster]) -> KBEntity:
        linked = {c.kb.id for c in clusters if c.kb is not None}
        for cand in m.candidates:
            if cand.id in linked:
                return cand
        return m.candidates[0]

    # -- 3. titles ----------------------------------------------------------------------
    def _resolve_titles(self, article: Article, toks: list[Tok], titles: list[Title],
                        clusters: list[Cluster], spans: list[Span],
                        as_title: dict[tuple[int, int], list[Span]]) -> list[Span]:
        persons = [c for c in clusters if c.cls == "PERSON"]
        by_start = {m.span.start: c for c in persons for m in c.mentions}
        apposed: list[tuple[Title, Cluster]] = []
        loose: list[Title] = []
        for t in titles:
            nxt = toks[t.last].start if t.last < len(toks) else None
            if nxt is not None and nxt in by_start:
                apposed.append((t, by_start[nxt]))
                by_start[nxt].titles.append(article.text[t.start:t.end])
                for span in as_title.get((t.start, t.end), []):   # NER tagged the title too
                    by_start[nxt].mentions.append(
                        Mention(span, name_key(article.span_text(span)), (), "PERSON"))
            else:
                loose.append(t)
        date = _article_date(article)
        story = _story_of(article)
        taken = [(s.start, s.end) for s in spans if (s.start, s.end) not in as_title]
        used = {s.id for s in spans}
        added = []
        for t in loose:
            ner_spans = as_title.get((t.start, t.end), [])
            if not ner_spans and any(t.start < e and s < t.end for s, e in taken):
                continue
            cluster = None
            if t.of is not None or len(t.head) > 1 or t.head[0].startswith("ال"):
                # (a lone construct noun such as رئيس or زعيم needs its complement)
                here = story(t.start)   # a related-article card is another story
                cluster = self._title_referent(
                    t, [(a, c) for a, c in apposed if story(a.start) == here],
                    [c for c in persons if any(story(m.span.start) == here for m in c.mentions)],
                    clusters, date)
            if cluster is not None and cluster not in persons:
                persons.append(cluster)        # a person found through the KB
            text = article.text[t.start:t.end]
            if cluster is None and ner_spans:
                # unresolved: a name after all (السلطان may be محمد السلطان), or its own entity
                cluster = self._find_cluster(self._mention(article, ner_spans[0]), clusters)
                if cluster is None:
                    cluster = Cluster(Counter({"PERSON": 1}))
                    clusters.append(cluster)
            if cluster is None:
                continue
            if not ner_spans:
                ner_spans = [Span(t.start, t.end, "PERSON", _fresh_id("t", len(added) + 1, used),
                                  {"kind": "title", "role": t.roles[0], "of": t.of})]
                added.append(ner_spans[0])
            for span in ner_spans:
                cluster.mentions.append(Mention(span, name_key(text), (), "PERSON"))
            cluster.titles.append(text)
        clusters.sort(key=lambda c: c.first())
        return added

    def _title_referent(self, t: Title, apposed: list[tuple[Title, Cluster]],
                        persons: list[Cluster], clusters: list[Cluster],
                        date: str | None) -> Cluster | None:
        # (a) an apposition in this article: same office, or the same head noun for a bare title
        same = [(a, c) for a, c in apposed if _same_office(a, t)]
        if same:
            before = [(a, c) for a, c in same if a.start < t.start]
            return (before or same)[-1][1] if before else same[0][1]
        # (b) KB roles valid at the article's date
        holders = self._holders(t, date)
        if t.of is None:
            in_doc = [c for c in persons if c.kb is not None and c.kb in holders]
            return in_doc[0] if len(in_doc) == 1 else None
        for h in holders:
            for c in persons:
                if c.kb is not None and c.kb.id == h.id:
                    return c
        if date is None or not holders:
            return None
        cluster = Cluster(Counter({"PERSON": 1}), kb=holders[0])
        clusters.append(cluster)
        persons.append(cluster)
        return cluster

    def _holders(self, t: Title, date: str | None) -> list[KBEntity]:
        out: list[KBEntity] = []
        for role in t.roles:
            if t.of is not None:
                out += [h for h in self.kb.role_holders(role, t.of, date) if h not in out]
            else:
                for (r, of), pairs in self.kb.by_role.items():
                    if r == role:
                        out += [self.kb.by_id[i] for rr, i in pairs
                                if rr.valid_at(date) and self.kb.by_id[i] not in out]
            if out:
                break
        return out

    # -- 4. output ------------------------------------------------------------------------
    def _write(self, article: Article, spans: list[Span], clusters: list[Cluster]) -> None:
        ent_of: dict[str, str] = {}
        entities = []
        for n, c in enumerate([c for c in clusters if c.mentions], 1):
            eid = f"e{n}"
            for m in c.mentions:
                ent_of[m.span.id] = eid
            entities.append(self._entity(article, eid, c))
        out = [trusted_span(s.start, s.end, s.label, s.id, {**s.attrs, "entity_id": ent_of[s.id]})
               if s.id in ent_of else s for s in spans]     # (offsets valid: spans of the text)
        article.set_layer("ents", out)
        article.entities = entities

    def _entity(self, article: Article, eid: str, c: Cluster) -> Entity:
        ordered = sorted(c.mentions, key=lambda m: m.span.start)
        surfaces = _uniq(article.span_text(m.span) for m in ordered
                         if m.span.attrs.get("kind") != "title")
        longest = max(surfaces, key=len) if surfaces else article.span_text(ordered[0].span)
        etype = _vote(c.label_votes, [m.span.label for m in ordered])
        if c.kb is not None and TYPE_CLASS.get(c.kb.type) != TYPE_CLASS.get(etype):
            etype = c.kb.type          # the KB knows better than a mistyped mention
        attrs: dict = {"linked": c.kb is not None}
        if etype == "NORP" and c.kb is None:
            return self._norp(eid, c, surfaces, longest, ordered, attrs)
        if c.kb is not None:
            kb = c.kb
            aliases = _uniq([*surfaces, *c.titles, kb.name_ar, *kb.names_ar[:4]])
            attrs.update({"kb_type": kb.type, "kb_kind": kb.kind})
            if kb.country:
                attrs["country"] = kb.country
            if kb.wikidata:
                attrs["wikidata"] = kb.wikidata
            return Entity(eid, etype, kb.name, kb.name_ar, kb.id, aliases,
                          [m.span.id for m in ordered], attrs)
        return Entity(eid, etype, longest, longest, None, _uniq([*surfaces, *c.titles]),
                      [m.span.id for m in ordered], attrs)


    def _norp(self, eid: str, c: Cluster, surfaces: list[str], longest: str,
              ordered: list[Mention], attrs: dict) -> Entity:
        """A group named by a demonym (الروس، السوريون): no KB id of its own (Russians are not
        Russia), but the country it names goes in attrs (for event actors) and, when CLDR/mledoze
        give one, the English adjective is its name."""
        country = next((self.kb.demonym(s) for s in surfaces if self.kb.demonym(s)), None)
        name = longest
        if country is not None:
            attrs.update({"country": country.country, "country_id": country.id})
            name = country.extra.get("demonym_en") or longest
        return Entity(eid, "NORP", name, longest, None, surfaces, [m.span.id for m in ordered],
                      attrs)


# -- helpers -------------------------------------------------------------------------------
def _same_office(apposed: Title, t: Title) -> bool:
    """Whether a title apposed to a name in the article can be what ``t`` refers to: the same
    head and country, or a bare head (الرئيس، الوزير) of the same kind of office."""
    if apposed.head == t.head:
        return t.of is None or apposed.of == t.of
    if t.of is None and t.head in BARE_HEADS:
        firsts, longer = BARE_HEADS[t.head]
        return apposed.head[0] in firsts and (longer or len(apposed.head) == 1)
    return False



@lru_cache(maxsize=4)
def _matcher_for(kb: KB) -> DictionaryMatcher:
    return DictionaryMatcher(kb)


def _own_spans_removed(spans: list[Span]) -> list[Span]:
    """NER spans as they came (re-running on linked output changes nothing): spans this
    component added are dropped, ``entity_id`` links are cleared."""
    out = []
    for s in spans:
        if s.attrs.get("kind") in ("dict", "title", "rule"):
            continue
        if "entity_id" in s.attrs:
            s = Span(s.start, s.end, s.label, s.id,
                     {k: v for k, v in s.attrs.items() if k != "entity_id"})
        out.append(s)
    return out


def _with_ids(spans: list[Span]) -> list[Span]:
    used = {s.id for s in spans if s.id}
    out, n = [], 0
    for s in spans:
        if s.id:
            out.append(s)
            continue
        n += 1
        out.append(Span(s.start, s.end, s.label, _fresh_id("m", n, used), s.attrs))
    return out


def _nearest(clusters: list[Cluster], pos: int) -> Cluster:
    def distance(c: Cluster) -> tuple[int, int]:
        before = [pos - m.span.start for m in c.mentions if m.span.start <= pos]
        return (0, min(before)) if before else (1, c.first() - pos)
    linked = [c for c in clusters if c.kb is not None]
    return min(linked or clusters, key=distance)


def _vote(votes: Counter, order: list[str]) -> str:
    best = max(votes.values())
    return next(label for label in order if votes[label] == best)


def _uniq(items) -> list[str]:
    out: list[str] = []
    for it in items:
        if it and it not in out:
            out.append(it)
    return out


def _story_of(article: Article):
    """offset -> which story of the page it belongs to: "main", or ("related", card)."""
    cards = [(b.start, b.end, b.attrs.get("card", 0)) for b in article.layer("blocks")
             if b.label.startswith("related.")]

    def story(offset: int):
        for start, end, card in cards:
            if start <= offset < end:
                return ("related", card)
        return "main"
    return story


def _article_date(article: Article) -> str | None:
    published = article.meta.published or ""
    return published[:10] if _DATE.match(published) else None
