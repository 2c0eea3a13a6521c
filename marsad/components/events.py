"""``events.v1``: PLOVER events coded from the Arabic text (see :mod:`marsad.events.coder`).

Layer ``events``: span = trigger word; label = PLOVER type; attrs ``type``, ``sentence``
{start, end}, ``actor``/``target`` {name, text, code, entity_id, sector, start, end} or None,
``location`` (str|None), ``date`` (ISO str|None, from the ``dates`` layer), ``negated`` (bool),
``modality`` (None | future | possible | attempt | intent | obligation | reported), and
``about`` (the type a frame verb embeds: هدد بالرد -> THREATEN about ASSAULT), ``flipped_from``
(لن تسمح: REJECT flipped from CONCEDE), ``factual`` (not negated, no modality, not quoted).
Reads ``ents``/``Article.entities``, ``quotes`` and ``dates`` when present; never requires them.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from ..document import Article, Span
from ..events.coder import (Hit, Sentence, add_mentions, candidate_offsets, code_sentence,
                            find_hits, new_sentence)
from ..events.lexicon import _strip_al, load_lexicon, norm
from ..events.mentions import Mention, dual_persons
from ..textmap import TextView, gold_normalize
from ..events.lexicon import cached_view
from .sentences import quote_regions, split_sentences

_QUOTE_MARKS = re.compile("[«“‹\"]")
PLACE_NOUNS = re.compile(r"^(?:[وف]?(?:ب|في )?)?(?:ال)?(منطقه|مدينه|بلده|محافظه|قريه|ولايه|اقليم)$")


class EventCoder:
    name = "events.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("events",)

    def __init__(self) -> None:
        self.lex = load_lexicon()

    def __getstate__(self) -> dict:
        """Pickle without the lexicon (38k forms): a worker loads its own copy once."""
        return {k: v for k, v in self.__dict__.items() if k != "lex"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.lex = load_lexicon()

    def __call__(self, article: Article) -> Article:
        article.set_layer("events", code_article(article, self.lex))
        return article


def code_article(article: Article, lex=None) -> list[Span]:
    lex = lex or load_lexicon()
    text = article.text
    if not text.strip():
        return []
    view = cached_view(text)
    candidates = candidate_offsets(view.text, lex)
    if not candidates:
        return []
    sents = [(s.start, s.end) for s in article.layer("sents")] or split_sentences(text)
    ents = _entity_mentions(article, view, lex)
    spans: list[Span] = []
    last_code: list[Mention] = []
    cand_set = set(candidates)
    countries = {e.id for e in article.entities if e.attrs.get("kb_kind") == "country"}
    for s_start, s_end in sents:
        a, b = view.from_original(s_start), view.from_original(s_end)
        k = bisect_left(candidates, a)
        if k == len(candidates) or candidates[k] >= b:
            continue
        sent = new_sentence(view, a, b, _quote_ranges(article, view, s_start, s_end))
        hits = find_hits(sent, lex, cand_set)
        if not hits:
            continue                       # most sentences: no trigger, no need for mentions
        add_mentions(sent, lex, _ents_in(ents, a, b), hits)
        _resolve_pronouns(sent, last_code)
        _resolve_duals(sent, ents, countries)
        for hit in code_sentence(sent, lex, hits):
            spans.append(_span(article, view, sent, hit, len(spans), (s_start, s_end)))
    return _dedupe_summaries(article, spans)


SUMMARY_BLOCKS = ("title", "subtitle", "caption", "subhead")


def _dedupe_summaries(article: Article, spans: list[Span]) -> list[Span]:
    """A headline, caption or related-card title repeats the event its story tells: keep one
    event per (story, type, actor) when the repeat sits in such a summary block. Then the same
    event told twice in one story's body is kept once (:func:`_retold`)."""
    blocks = article.layer("blocks")
    if not blocks:
        return _drop_retold(spans, lambda span: ("main", "paragraph"))

    def where(span: Span) -> tuple[str, str]:
        b = next((b for b in blocks if b.start <= span.start < b.end), None)
        if b is None:
            return "main", "paragraph"
        if b.label.startswith("related."):
            return f"card{b.attrs.get('card', 0)}", b.label.split(".", 1)[1]
        return "main", b.label

    keep: list[Span] = []
    seen: dict[tuple[str, str], list[tuple]] = {}
    ordered = sorted(spans, key=lambda s: where(s)[1] in SUMMARY_BLOCKS + ("title",))
    for span in ordered:                   # body events first, then summaries
        story, block = where(span)
        told = seen.setdefault((story, span.label), [])
        if block in SUMMARY_BLOCKS + ("title", "teaser") \
                and any(_same_actor(_party(span, "actor"), other) for other in told):
            continue
        told.append(_party(span, "actor"))
        keep.append(span)
    return _drop_retold(sorted(keep, key=lambda s: (s.start, s.end)), where)


def _party(span: Span, role: str) -> tuple:
    p = span.attrs.get(role) or {}
    return p.get("code"), p.get("name")


def _drop_retold(spans: list[Span], where) -> list[Span]:
    """Keep the first telling of an event its story tells again (أمر بوتين بإنتاج ... وأمر بوتين
    بإنتاج الصاروخ ...): same story and type, the same named actor and the same target, the
    same negation and modality, and no two different dates or places. Event data counts an
    event once per story (ICEWS-style deduplication); another incident (other target) stays."""
    kept: list[Span] = []
    for span in spans:
        if not any(_retold(span, first, where) for first in kept):
            kept.append(span)
    return kept


def _retold(span: Span, first: Span, where) -> bool:
    a, b = span.attrs, first.attrs
    if span.label != first.label or where(span)[0] != where(first)[0]:
        return False
    if (a.get("negated"), a.get("modality")) != (b.get("negated"), b.get("modality")):
        return False
    for key in ("date", "location"):
        if a.get(key) and b.get(key) and a[key] != b[key]:
            return False
    actor = _party(span, "actor")
    return any(actor) and actor == _party(first, "actor") \
        and _party(span, "target") == _party(first, "target")


def _same_actor(a: tuple, b: tuple) -> bool:
    """(code, name) pairs that may be one actor: equal codes, or equal names where a code is
    missing (a demonym or a description the linker could not code), never two unnamed actors."""
    (code_a, name_a), (code_b, name_b) = a, b
    if code_a and code_b:
        return code_a == code_b
    if not (name_a or code_a) or not (name_b or code_b):
        return False
    return bool(code_a or code_b) or name_a == name_b


# -- inputs from other layers -------------------------------------------------------------------
def _quote_ranges(article: Article, view: TextView, start: int = 0,
                  end: int | None = None) -> list[tuple[int, int]]:
    """Quoted stretches (normalised offsets) within one sentence: the quotes layer's direct
    quotes and balanced quotation marks (the splitter keeps a quotation inside its sentence)."""
    end = len(article.text) if end is None else end
    spans = [(q.start, q.end) for q in article.layer("quotes")
             if q.attrs.get("kind") == "direct" and q.start < end and start < q.end]
    if _QUOTE_MARKS.search(article.text, start, end):
        spans += [(a, b + 1) for a, b in quote_regions(article.text, start, end)]
    return [(view.from_original(a), view.from_original(b)) for a, b in spans]


def _entity_mentions(article: Article, view: TextView, lex=None) -> list[tuple[int, int, Mention]]:
    out = []
    by_id = {e.id: e for e in article.entities}   # (article.entity() scans the list)
    for span in article.layer("ents"):
        ent = by_id.get(span.attrs.get("entity_id", "")) if span.attrs else None
        code = (ent.attrs.get("iso3") or ent.attrs.get("country")) if ent else None
        if code is None and ent is not None and span.label in PLACE_LABELS and lex is not None \
                and " " in (ent.name or ""):
            code = _named_country(ent, lex)
        a, b = view.from_original(span.start), view.from_original(span.end)
        m = Mention(0, 0, code=code, name=ent.name if ent else None,
                    entity_id=ent.id if ent else None,
                    kind="norp" if span.label == "NORP" else "entity", label=span.label,
                    clitic=_clitic(view.text[a:b], lex) or _clitic_before(view.text, a))
        out.append((a, b, m))
    _share_place_codes(out, view, lex)
    return out


def _clitic(surface: str, lex=None) -> str | None:
    """لحزب الاتحاد، للشيعة: the entity span took the preposition ل or ب with it (the span
    starts with لل, or the rest of its first word is an actor word such as حزب)."""
    if surface[:1] not in ("ل", "ب") or len(surface) <= 3:
        return None
    head = surface[1:].split()[0]
    if surface.startswith("لل") or lex is not None and (_strip_al(head),) in lex.sectors:
        return surface[:1]
    return None


def _clitic_before(text: str, a: int) -> str | None:
    """The entity span starts after ل/ب (و) inside its word: لـ«حزب ...»، ولحزب."""
    k = a - 1
    if k < 0 or text[k] not in ("ل", "ب"):
        return None
    start = k - 1 if k > 0 and text[k - 1] in ("و", "ف") else k
    return text[k] if start == 0 or not text[start - 1].isalnum() else None


def _share_place_codes(ents: list[tuple[int, int, Mention]], view: TextView, lex) -> None:
    """The same place written the same way elsewhere in the article (دنيبرو ... مدينة دنيبرو
    الأوكرانية) has the country found for it there, even when split into two entities."""
    if all(m.code for _, _, m in ents if m.label in PLACE_LABELS):
        return
    known = {}
    for a, b, m in ents:
        if m.code and m.label in PLACE_LABELS:
            words = view.text[a:b].split()
            known[" ".join(words)] = m.code
            while len(words) > 1 and lex is not None and _demonym(words[-1], lex):
                words.pop()                # خاركيف الأوكرانية: خاركيف is in Ukraine
                known.setdefault(" ".join(words), m.code)
    for a, b, m in ents:
        if m.code is None and m.label in PLACE_LABELS:
            m.code = known.get(view.text[a:b])


def _demonym(word: str, lex) -> bool:
    place = lex.places.get((_strip_al(word),))
    return place is not None and place.kind == "demonym"


def _named_country(ent, lex) -> str | None:
    """مدينة دنيبرو الأوكرانية: a place the article names with a nationality adjective (in any
    of its mentions, so in the entity's names) is in that country."""
    for name in [ent.name, *(ent.aliases or [])]:
        for word in norm(name or "").split()[1:] if " " in (name or "") else ():
            if _demonym(word, lex):
                return lex.places[(_strip_al(word),)].iso3
    return None


def _ents_in(ents, a: int, b: int) -> list[tuple[int, int, Mention]]:
    return [e for e in ents if a <= e[0] < b]


def _resolve_pronouns(sent: Sentence, last: list[Mention]) -> None:
    """بلاده: the country of the latest coded person/government mention before it."""
    for m in sent.mentions:
        if m.kind == "pronoun" and m.code is None and last:
            m.code, m.name, m.sector = last[-1].code, last[-1].name, "GOV"
        elif m.code and (m.sector == "GOV" or m.label == "PERSON"):
            last[:] = [m]                  # a coded official or person, not a country name


DUAL_LABELS = {True: ("PERSON",), False: ("GPE", "PERSON", "ORG")}


def _resolve_duals(sent: Sentence, ents: list[tuple[int, int, Mention]],
                   countries: set[str]) -> None:
    """الرئيسين، الجانبان: the two parties named last before the dual (distinct entities; two
    people for رئيسين/زعيمين/وزيرين; places only when they are countries), in the order the
    article first names them."""
    for m in sent.mentions:
        if m.kind != "dual":
            continue
        at = sent.words[m.first].start
        labels = DUAL_LABELS[dual_persons(sent.words[m.first].text)]
        parties = [e for e in ents if e[1] <= at and e[2].label in labels
                   and (e[2].label != "GPE" or e[2].entity_id in countries)]
        seen: dict[str, tuple] = {}
        for e in reversed(parties):
            seen.setdefault(_party_key(sent, e), e)
            if len(seen) == 2:
                break
        if len(seen) == 2:
            first = {}
            for e in parties:
                first.setdefault(_party_key(sent, e), e[0])
            m.pair = tuple(sorted(seen.values(), key=lambda e: first[_party_key(sent, e)]))


def _party_key(sent: Sentence, e: tuple[int, int, Mention]) -> str:
    return e[2].entity_id or e[2].name or sent.text[e[0]:e[1]]


def _pair_role(article: Article, view: TextView, ent: tuple[int, int, Mention]) -> dict:
    a, b, m = ent
    start, end = view.to_original_span(a, b)
    return {"name": m.name or article.text[start:end], "text": article.text[start:end],
            "code": m.code, "entity_id": m.entity_id, "sector": m.sector, "start": start,
            "end": end, "resolved_from": "dual"}


def _dual_roles(article: Article, view: TextView, hit: Hit, attrs: dict[str, Any]) -> None:
    """The dual actor (بين الرئيسين) is the first party; the second is the target."""
    if hit.actor is None or not hit.actor.pair or hit.type not in ("CONSULT", "AGREE", "COOPERATE"):
        return                             # (قتل العشرات من الطرفين: victims, not a meeting)
    first, second = hit.actor.pair
    attrs["actor"] = _pair_role(article, view, first)
    t = hit.target
    if t is None or t.kind in ("np", "dual") or t.label in PLACE_LABELS:
        attrs["target"] = _pair_role(article, view, second)


# -- output -------------------------------------------------------------------------------------
def _span(article: Article, view: TextView, sent: Sentence, hit: Hit, n: int,
          sent_range: tuple[int, int]) -> Span:
    w = sent.words[hit.idx]
    start, end = view.to_original_span(w.start, w.end)
    quoted = hit.idx in sent.quote_words
    modality = hit.modality or ("reported" if quoted else None)
    attrs: dict[str, Any] = {
        "type": hit.type, "sentence": {"start": sent_range[0], "end": sent_range[1]},
        "actor": _role(article, view, sent, hit.actor), "target": _role(article, view, sent, hit.target),
        "location": _location(article, view, sent, hit), "date": _date(article, start, sent_range),
        "negated": hit.negated, "modality": modality,
        "factual": not hit.negated and modality is None,
    }
    _dual_roles(article, view, hit, attrs)
    _place_country(article, view, sent, hit, attrs)
    _attack_target(article, view, sent, hit, attrs)
    if hit.about:
        attrs["about"] = hit.about
    if hit.flipped_from:
        attrs["flipped_from"] = hit.flipped_from
    return Span(start, end, hit.type, id=f"ev{n + 1}", attrs=attrs)


def _role(article: Article, view: TextView, sent: Sentence, m: Mention | None) -> dict | None:
    if m is None:
        return None
    a, b = sent.words[m.first].start, sent.words[m.last - 1].end
    start, end = view.to_original_span(a, b)
    text = article.text[start:end]
    named = m.kind in ("entity", "country", "capital", "demonym") or m.kind == "adj" and m.code
    name = m.name if named and m.name else text   # غارة إسرائيلية: Israel, not the adjective
    return {"name": name, "text": text, "code": m.code, "entity_id": m.entity_id,
            "sector": m.sector, "start": start, "end": end}


PLACE_LABELS = ("GPE", "LOC", "FAC")
# Sectors that act at home: without a country of their own they take the event's country.
DOMESTIC = {"CVL", "OPP", "EDU", "LAB", "PTY", "COP", "REL", "REF", "GOV", "LEG", None}


def _place(sent: Sentence, hit: Hit) -> Mention | None:
    used = {id(hit.actor), id(hit.target)}
    for m in sent.mentions:
        if id(m) not in used and m.prep in ("في", "ب") and m.code and (
                m.kind in ("country", "capital") or m.label in PLACE_LABELS):
            return m
    return None


def _place_country(article: Article, view: TextView, sent: Sentence, hit: Hit,
                   attrs: dict[str, Any]) -> None:
    """The country of the event's place gives a code to a domestic actor without one
    (المتظاهرون in Mogadishu are SOM) and, for a protest without a named target, the target
    (the government of that country), as PETRARCH codes it; marked ``code_from: location``."""
    place = _place(sent, hit)
    if place is None:
        return
    for role in ("actor", "target"):
        party = attrs.get(role)
        if party and not party.get("code") and party.get("sector") in DOMESTIC \
                and (party.get("sector") or hit.type == "PROTEST"
                     or role == "target" and hit.type in ATTACKS) and not _foreign(party):
            party["code"], party["code_from"] = place.code, "location"
    if hit.type == "PROTEST" and attrs.get("target") is None:
        attrs["target"] = {"name": _place_name(place), "text": None, "code": place.code,
                           "entity_id": None, "sector": "GOV", "start": None, "end": None,
                           "code_from": "location"}


def _attack_target(article: Article, view: TextView, sent: Sentence, hit: Hit,
                   attrs: dict[str, Any]) -> None:
    if hit.type not in ATTACKS or attrs.get("target") is not None:
        return
    used = {id(hit.actor), id(hit.target)}
    place = next((m for m in sent.mentions if id(m) not in used
                  and -2 < m.first - hit.idx <= ATTACK_PLACE_REACH and m.prep in ATTACK_PREPS and m.code and _place_like(m)
                  and not (hit.actor is not None and m.code == hit.actor.code)), None)
    if place is not None:
        attrs["target"] = _attacked_place(article, view, sent, place)


ATTACK_PREPS = ("في", "ب", "على", "علي")
ATTACK_PLACE_REACH = 8     # words after the trigger: farther places belong to other clauses


def _place_like(m: Mention) -> bool:
    return m.kind in ("country", "capital") or m.label in PLACE_LABELS


# Attacks and coercion without a named victim target the place hit (غارة في غزة، على منطقة
# دنيبرو), coded with its country, as PETRARCH and PLOVER code air strikes and shelling.
ATTACKS = ("ASSAULT", "COERCE")
# Words that name other countries or bodies above them: never domestic (الدول الغربية).
FOREIGN_WORDS = {"دول", "الدول", "ودول", "والدول", "الدولي", "الدوليه", "دوليه", "الاجنبيه",
                 "اجنبيه", "الاجانب", "الغربيه", "الغربي"}


def _foreign(party: dict) -> bool:
    words = set((party.get("text") or "").split())
    return bool({gold_normalize(w) for w in words} & FOREIGN_WORDS)


def _attacked_place(article: Article, view: TextView, sent: Sentence, place: Mention) -> dict:
    party = _role(article, view, sent, place) or {}
    party["code_from"] = "place"
    return party


def _place_name(m: Mention) -> str | None:
    return m.name


def _location(article: Article, view: TextView, sent: Sentence, hit: Hit) -> str | None:
    place = _place(sent, hit)
    if place is not None and place.name:
        return place.name
    for i, w in enumerate(sent.words[:-1]):
        if PLACE_NOUNS.match(w.text) and i + 1 > hit.idx - 8:
            nxt = sent.words[i + 1]
            s, e = view.to_original_span(nxt.start, nxt.end)
            return article.text[s:e].strip("«»\"")
    return None


def _date(article: Article, trigger_start: int, sent_range: tuple[int, int]) -> str | None:
    best = None
    for d in article.layer("dates"):
        if sent_range[0] <= d.start < sent_range[1] and d.attrs.get("value"):
            if best is None or abs(d.start - trigger_start) < abs(best.start - trigger_start):
                best = d
    return best.attrs["value"] if best else None
