"""Repairs of NER mentions that linking can judge better than the tagger (docs/kb.md, step 0):

- page structure: a mention in a related card's section label (``related.section``: أوروبا،
  الولايات المتحدة over a card) names a section of the site, not something the story mentions:
  dropped; a mention that is a whole dateline block (سيدني) is a place;
- a PERSON span opening with ل/ب on the surname of another person of the story (لهولاند
  نيكولا هولو: "Hollande's envoy Nicolas Hulot") loses that word;
- a PERSON span right after a compass word (شمال صلاح الدين) that the KB knows as a place is
  that place;
- a PERSON span with a verb glued on at its end (وماكرون يناقشان: imperfect dual) loses it;
- a PERSON span opening with a preposition on an ordinary word (بجهود بيونغ يانغ، لتصاميم
  سوفياتية) loses that word; what is left is the KB place it names, a bare relational
  adjective (dropped), or the person name;
- a lone definite relational adjective typed as a place (القوات الكورية -> الكورية) right
  after a definite noun, and no KB place name, is an attribute of that noun, not a mention:
  dropped (kept as NORP, the events coder read it as an actor of its own).

Spans keep their ids; only NER spans (no ``kind``) are touched.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ..document import Article, Span
from ..ner.gazetteer import read_lexicon
from . import KB, TYPE_CLASS, name_key
from .text import Tok, fold_word, strip_variants

_SECTION_BLOCKS = {"related.section"}
_DATELINE_BLOCKS = {"dateline", "related.dateline"}
# An imperfect verb in the dual (يناقشان، تبحثان) whose singular (يناقش) is an ordinary word:
# not تشيلينغوريان. (Plural -ون/-ين endings are left alone: ياسين، تحسين are names.)
_DUAL_VERB = re.compile(r"^[يت]\w{3,}ان$")
# Prepositions cut off a PERSON span's first word (not ك: كمال، كريم open with it); the word
# after them has four letters or more (ليدي غاغا is no ل + يدي "my hands").
_PREPOSITIONS = ("ب", "ل")
# Given names that read as ب/ل + an ordinary word (باسم "in the name of", بسام، لبيب): never cut.
_PREP_LIKE_NAMES = {"باسم", "بسام", "بشير", "بلال", "بهاء", "لبيب", "لبني", "لميس", "لمياء",
                    "بسمه", "بشري", "بثينه", "بدريه", "بهجت", "بكري", "لطفي", "لطيفه", "ليلي",
                    "لينا", "بليغ", "بديع", "برهان", "باسل", "باهر", "بشار", "بندر", "لقمان",
                    "بسيم", "بسيمه", "بدور", "بتول", "بيان", "لجين", "لولوه"}
# Folded compass and position words after which a name is a place.
_COMPASS = {"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "ضواحي",
            "اطراف", "قرب", "محيط", "بشمال", "بجنوب", "بشرق", "بغرب", "وشمال", "وجنوب", "وشرق",
            "وغرب"}
_GLUE = {"بن", "ابن", "بنت", "عبد", "ابو", "ال", "آل", "ولد"}   # لسلمان بن عبدالعزيز is one name      # (ك is left alone: كمال، كريم open with it)


def clean_ner_spans(kb: KB, article: Article, toks: list[Tok], spans: list[Span],
                    common: frozenset[str]) -> list[Span]:
    sections, datelines = _blocks(article)
    starts = [t.start for t in toks]
    surnames = _surnames(toks, starts, spans)
    out = []
    for s in spans:
        if s.attrs.get("kind"):
            out.append(s)
            continue
        if any(a <= s.start and s.end <= b for a, b in sections):
            continue
        s, words = _drop_accusative_tail(_inside(toks, starts, s), s, common)
        if (s.start, s.end) in datelines and s.label not in ("GPE", "LOC", "FAC"):
            s = Span(s.start, s.end, _place_type(kb, article.span_text(s)), s.id, s.attrs)
        elif s.label == "PERSON":
            s = _clean_person(kb, article, words, s, common, surnames)
            if s is not None and s.label == "PERSON":
                s = _after_compass(kb, article, toks, starts, s)
        elif s.label in ("GPE", "LOC"):
            s = _attributive(kb, article, toks, starts, s, words)
        if s is not None:
            out.append(s)
    return out


def drop_in_sections(article: Article, spans: list[Span]) -> list[Span]:
    """Spans outside related cards' section labels (any kind: dictionary matches too)."""
    sections = _blocks(article)[0]
    if not sections:
        return spans
    return [s for s in spans if not any(a <= s.start and s.end <= b for a, b in sections)]


def _blocks(article: Article) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    sections, datelines = [], set()
    for b in article.layer("blocks"):
        if b.label in _SECTION_BLOCKS:
            sections.append((b.start, b.end))
        elif b.label in _DATELINE_BLOCKS:
            text = article.text[b.start:b.end]
            lead = len(text) - len(text.lstrip())
            datelines.add((b.start + lead, b.start + len(text.rstrip())))
    return sections, datelines


def _place_type(kb: KB, text: str) -> str:
    places = [e for e in kb.lookup_key(name_key(text)) if TYPE_CLASS.get(e.type) == "PLACE"]
    return places[0].type if places else "GPE"


def _inside(toks: list[Tok], starts: list[int], span: Span) -> list[Tok]:
    """The tokens overlapping ``span`` (an NER span may begin after a token's clitic)."""
    out = []
    for k in range(max(0, bisect_right(starts, span.start) - 1), len(toks)):
        if toks[k].start >= span.end:
            break
        if toks[k].end > span.start:
            out.append(toks[k])
    return out


def _surnames(toks: list[Tok], starts: list[int], spans: list[Span]) -> set[str]:
    """Last words of the article's two-to-four-word PERSON spans (فرنسوا هولاند -> هولاند)."""
    out = set()
    for s in spans:
        if s.label == "PERSON" and not s.attrs.get("kind"):
            words = _inside(toks, starts, s)
            if 2 <= len(words) <= 4:
                out.add(words[-1].key)
    return out


def _clean_person(kb: KB, article: Article, words: list[Tok], s: Span,
                  common: frozenset[str], surnames: set[str] = frozenset()) -> Span | None:
    if len(words) == 1:     # (the word as the span has it: لصالح -> صالح)
        key = fold_word(article.span_text(s))
        return None if _ordinary_word(kb, key, common, surnames) else s
    if not words:
        return s
    start, end = s.start, s.end
    if len(words) >= 3 and words[0].key not in surnames \
            and any(cut == 1 and w in surnames for w, cut in strip_variants(words[0].key)[1:]) \
            and words[1].key not in surnames and words[1].key not in _GLUE:
        # المبعوث الخاص لهولاند نيكولا هولو: "to Hollande" (a person named in full elsewhere
        # in the story) before another person's name
        words = words[1:]
        start = words[0].start
    last = words[-1].key
    if (_DUAL_VERB.match(last) and last not in common and last[:-2] in common
            or _prep_phrase(last, common)) and words[-1].end <= s.end:
        words = words[:-1]          # وماكرون يناقشان، عبد الخالق الغامدي بقوله
        end = words[-1].end
    first = words[0].key
    if len(words) >= 2 and first[:1] in _PREPOSITIONS and first[1:] in common and len(first) > 4 \
            and first not in _PREP_LIKE_NAMES and words[0].start >= s.start:
        words = words[1:]           # بجهود بيونغ يانغ، لتصاميم سوفياتية
        start = words[0].start
        places = [e for e in kb.lookup_key(name_key(article.text[start:end]))
                  if TYPE_CLASS.get(e.type) == "PLACE" and e.rank <= 2]   # (not غيري the town)
        if places:
            return Span(start, end, places[0].type, s.id, s.attrs)
        if len(words) == 1 and _adjective(kb, words[0].key):
            return None
    if (start, end) == (s.start, s.end):
        return s
    return Span(start, end, s.label, s.id, s.attrs)


def _ordinary_word(kb: KB, key: str, common: frozenset[str], surnames: set[str]) -> bool:
    """A one-word PERSON that is an ordinary word and no name: not a word of Wikidata person
    names, not the surname of a person named in full in the article (الحراري), not a KB person
    (فيديو after a headline dash, انخفاضا، بريطاني، بارز)."""
    return key in common and key not in person_words() and key not in surnames \
        and not any(TYPE_CLASS.get(e.type) == "PERSON" for e in kb.lookup_key(name_key(key)))


def _drop_accusative_tail(words: list[Tok], s: Span,
                          common: frozenset[str]) -> tuple[Span, list[Tok]]:
    """A mention whose last word is an indefinite accusative noun written without its tanween
    (أعلن البنك أرباحا، يبذل آبي جهودا، عبد الشافي لاعبا) - an ordinary word ending in ا whose
    base without ا is an ordinary word too - ends before it (the object of the verb). Returns
    the span and its words."""
    last = words[-1].key if len(words) >= 2 else ""
    if len(last) >= 4 and last[-1] == "ا" and not last.startswith("ال") and last in common \
            and last[:-1] in common and words[-1].end <= s.end:
        return Span(s.start, words[-2].end, s.label, s.id, s.attrs), words[:-1]
    return s, words


def _prep_phrase(key: str, common: frozenset[str]) -> bool:
    """ب + an ordinary word (بقوله، بعنوان، بوصفه، بالقرب): a prepositional phrase after a name,
    never its last word. Given names (بشير، بسام) and words of Wikidata person names (بالمر
    Palmer, بوافر Poivre) stay."""
    rest = key[1:]
    return key[:1] == "ب" and len(rest) >= 4 and key not in _PREP_LIKE_NAMES \
        and (rest in common or rest.startswith("ال") and rest[2:] in common) \
        and key not in person_words()


@lru_cache(maxsize=1)
def person_words() -> frozenset[str]:
    """Folded words of Arabic labels of Wikidata persons (resources/ner/lexicons, CC0)."""
    return frozenset(fold_word(w) for w in read_lexicon("wikidata_person_words.txt"))


def _after_compass(kb: KB, article: Article, toks: list[Tok], starts: list[int],
                   s: Span) -> Span:
    """A PERSON span right after a compass word (بيجي شمال صلاح الدين، جنوب لحج) that the KB
    knows as a place is that place (صلاح الدين is also a given name)."""
    i = bisect_left(starts, s.start)
    if i == 0 or i >= len(toks) or toks[i].start != s.start or toks[i - 1].key not in _COMPASS \
            or article.text[toks[i - 1].end:s.start].strip():
        return s
    places = [e for e in kb.lookup_key(name_key(article.span_text(s)))
              if TYPE_CLASS.get(e.type) == "PLACE" and e.rank <= 4]
    return Span(s.start, s.end, places[0].type, s.id, s.attrs) if places else s


def _relational(key: str) -> bool:
    """سوفياتية، الكورية: a relational (nisba) adjective."""
    return key.endswith(("يه", "ي")) and len(key) > 4


def _adjective(kb: KB, key: str) -> bool:
    """A feminine nisba adjective (سوفياتية، الكورية) or a known nationality (الروسي); a
    masculine -ي word alone may be a name (كاربي، الهادئ)."""
    return _relational(key) and (key.endswith("يه") or key in kb.by_demonym)


def _attributive(kb: KB, article: Article, toks: list[Tok], starts: list[int],
                 s: Span, words: list[Tok]) -> Span | None:
    """A lone definite relational adjective right after a definite noun (القوات الكورية،
    العلاقات الروسية الكورية) is an attribute of that noun, not a mention: None. ``words``:
    the span's tokens."""
    if len(words) != 1 or not words[0].key.startswith("ال") or not _adjective(kb, words[0].key):
        return s
    key = words[0].key
    if any(TYPE_CLASS.get(e.type) == "PLACE" for e in kb.lookup_key(key)):
        return s                    # (السعودية، الشرقية are also names of places)
    i = bisect_left(starts, words[0].start)
    if i == 0 or article.text[toks[i - 1].end:words[0].start].strip():
        return s
    prev = toks[i - 1].key
    if not any(w.startswith("ال") for w, _ in strip_variants(prev)):
        return s
    return None
