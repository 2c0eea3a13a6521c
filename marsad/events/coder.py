"""Code the sentences of an article into PLOVER events, from the Arabic text directly.

Per sentence: find trigger words (lexicon, :mod:`.lexicon`), read negation and modality from the
words before them, let frame verbs (هدد بـ، طالب بـ، رفض) absorb the event they embed, then fill
actor and target from the sentence's mentions (:mod:`.mentions`) with word-order rules for
Arabic (verb-subject-object, or subject before the verb), and location/date from the sentence.
At most one event per type per sentence is kept (the strongest trigger).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..textmap import TextView
from .base import (_WORD, ACTOR_REQUIRED, CLAUSE_PREPOSITIONS, FIRST_PERSON, FRAME_WINDOW,
                   FUNCTION_WORDS, KANA, PARTITIVE_HEADS, PREP_WORDS, REQ_WINDOW, SHORT_QUOTE,
                   SITE_NOUNS, STRONG_SCOPE, TIME_WORDS, Hit, Sentence, _bare)
from .filters import not_an_act, skip_word
from .lexicon import VERB_PREFIXES, Lexicon, Trigger, load_lexicon, occurrences, view_words
from .mentions import Mention, Word, find_mentions, merge_mentions, set_preps
from .roles import apply_actor_types, assign_roles


def words_of(view: TextView, start: int, end: int) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(view.text, start, end)]


# -- triggers ---------------------------------------------------------------------------------
def candidate_offsets(text: str, lex: Lexicon) -> list[int]:
    """Start offsets of words that may be triggers: a cheap pass over the whole text (any
    suffix of the word after up to four clitic letters is a trigger form), so that only the
    few sentences with a candidate are analysed."""
    words = view_words(text)
    for w in words - lex.key_seen:         # set operations in C; new words looked up once
        _trigger_key(w, lex)
    hits = lex.key_hits
    found = [(w, hits[w]) for w in words & lex.key_hit_words]
    out = []
    for w, key in found:                   # a few words: find their occurrences in C
        for start in occurrences(text, w):
            if key in lex.free_keys or _req_nearby(text, start + len(w), lex.req_words[key]):
                out.append(start)
    out.sort()
    return out


MEMO_MAX = 200_000


def _trigger_key(w: str, lex: Lexicon) -> str | None:
    """The trigger form a word is (itself or after clitic letters), memoised per lexicon."""
    if w in lex.key_seen:
        return lex.key_hits.get(w)
    keys = lex.triggers
    key = w if w in keys else None
    if key is None and w[0] in CLITIC_LETTERS:
        key = next((w[k:] for k in range(1, min(5, len(w) - 2))
                    if w[:k] in CLITIC_PREFIXES and w[k:] in keys
                    and (w[:k] in VERB_PREFIXES or w[k:] in lex.noun_keys)), None)
    if len(lex.key_seen) >= MEMO_MAX:
        lex.key_seen.clear()
        lex.key_hits.clear()
        lex.key_hit_words.clear()
    lex.key_seen.add(w)
    if key is not None:
        lex.key_hits[w] = key
        lex.key_hit_words.add(w)
    return key


def _req_nearby(text: str, end: int, req: frozenset) -> bool:
    """A multi-word trigger (أطلق النار) is a candidate only if a required word follows soon."""
    window = text[end:end + 60]
    return any(r in window for r in req)


CLITIC_LETTERS = frozenset("وفبلكسا")
CLITIC_PREFIXES = frozenset(c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك", "س")
                            for a in ("", "ال")) | {"لل", "ولل", "فلل"}


def find_hits(sent: Sentence, lex: Lexicon, candidates: set[int] | None = None) -> list[Hit]:
    hits = []
    for i, w in enumerate(sent.words):
        if candidates is not None and w.start not in candidates:
            continue
        if w.text in FUNCTION_WORDS or i and sent.words[i - 1].text in SITE_NOUNS:
            continue                       # هناك (not هنأ+ك); منصة إطلاق is a place, not an act
        if _bare(w.text) in NUMERALS:
            continue                       # اثنين is "two", not أثنى
        if w.text in ("فجر", "وفجر") and i + 1 < len(sent.words) and sent.words[i + 1].text in DAWN_NEXT:
            continue                       # فجر اليوم/الجمعة is dawn, not فجّر
        if skip_word(sent.words, i):
            continue                       # وقف إطلاق النار، نصيب الأسد، أصيب بالسرطان
        actor_word = _actor_word(w, lex)   # وزارة is a participant: only listed nouns (متظاهرون)
        for prefix, rest in w.variants:
            after_prep = i > 0 and sent.words[i - 1].text in PREP_WORDS
            trigs = [t for t in lex.triggers.get(rest, ()) if _prefix_ok(t, prefix)
                     and not (t.pos == "v" and (actor_word or after_prep
                                                or not _verb_form_ok(sent, i, prefix, rest)))]
            trigs = sorted((t for t in trigs if not t.req or _req_met(sent.words, i, t.req)),
                           key=lambda t: t.weak)   # ضربة جوية: the strong reading first
            if trigs and trigs[0].pos == "n" and (_not_an_act(sent.words, i, prefix) or
                                                  rest in CONSTRUCT_NOUNS
                                                  and _construct(sent.words, i, prefix)):
                break
            if trigs:
                hit = Hit(trigs[0], i, trigs[0].type, prefix)
                hit.object_suffix = trigs[0].pos == "v" and _has_object_suffix(rest, trigs[0], lex)
                hits.append(hit)
                break
    return hits


DAWN_NEXT = TIME_WORDS - {"من"}
NUMERALS = {"اثنين", "اثنان", "اثنتين", "اثنتان", "ثلاث", "ثلاثه", "اربع", "اربعه", "خمس", "خمسه",
            "ست", "سته", "سبع", "سبعه", "ثماني", "ثمانيه", "تسع", "تسعه", "عشر", "عشره"}


def _verb_form_ok(sent: Sentence, i: int, prefix: str, rest: str) -> bool:
    """لاعبا is not ل + a verb: ل before a verb is لام التعليل, followed by the imperfect
    (ليقتل، لتعزيز is a noun); and the narrator does not speak as "we": a -نا form outside a
    quotation is a noun (دفعت ثمنا، not ثمّنّا)."""
    if prefix.lstrip("وف") == "ل" and rest[:1] not in ("ي", "ت", "ن"):
        return False
    return not (rest.endswith("نا") and i not in sent.quote_words)


CONSTRUCT_NOUNS = {"مسيره", "مسيرات"}     # مسيرة التنمية/الفريق: a career or path, not a march


def _construct(words: list[Word], i: int, prefix: str) -> bool:
    """An indefinite مسيرة followed by a definite noun is in construct state (مسيرة العلاقات):
    a path, not a protest march (that one is مسيرة حاشدة، مسيرة في، المسيرة الاحتجاجية)."""
    nxt = words[i + 1].text if i + 1 < len(words) else ""
    return "ال" not in prefix and nxt.startswith(("ال", "لل"))


CHARGE_WORDS = {"بتهمه", "تهمه", "بتهم", "تهم", "بتهمتي", "وبتهمه"}
BACK_REFERENCE = {"خلفيه", "اثر", "عقب", "اعقاب", "المتورطين", "المتهمين", "المسؤولين"}


def _not_an_act(words: list[Word], i: int, prefix: str) -> bool:
    """A noun that names a charge (بتهمة العصيان) or points back to an event told before
    (على خلفية التفجير، عقب الهجوم، المتورطين بالتفجير) is not a new event."""
    prev = words[i - 1].text if i else ""
    if prev in CHARGE_WORDS:
        return True
    return "ال" in prefix and _bare(prev) in BACK_REFERENCE


def _actor_word(w: Word, lex: Lexicon) -> bool:
    """A word the actor lexicon names (وزارة، حشود) is a participant, not an act."""
    return any((rest,) in lex.sectors for _, rest in w.variants)


def _has_object_suffix(rest: str, trig: Trigger, lex: Lexicon) -> bool:
    for suf in ("هما", "هم", "ها", "ه"):
        if rest.endswith(suf) and trig in lex.triggers.get(rest[:-len(suf)], ()):
            return True
    return False


def _prefix_ok(trig: Trigger, prefix: str) -> bool:
    return trig.pos == "n" or prefix in VERB_PREFIXES


def _req_met(words: list[Word], i: int, req: frozenset) -> bool:
    prev = ""
    for w in words[i + 1:i + 1 + REQ_WINDOW]:
        if any(rest in req or w.text in req for _, rest in w.variants):
            return True
        if w.text in CLAUSE_PREPOSITIONS and not (w.text == "من" and prev in PARTITIVE_HEADS) \
                and w.text != "الي":       # خرجوا إلى الشوارع: the idiom's own preposition
            return False                   # أطلقا من قاعدة صواريخ: the object is not "صواريخ"
        prev = w.text
    return False


def mark_modality(sent: Sentence, hits: list[Hit], lex: Lexicon) -> None:
    for h in hits:
        before = [_bare(w.text) for w in sent.words[max(0, h.idx - 3):h.idx]]
        if any(b in lex.neg_words for b in before[-2:]):
            if h.trig.neg:
                h.flipped_from, h.type = h.type, h.trig.neg
            else:
                h.negated = True
        for k in range(len(before) - 1, -1, -1):
            if before[k] in lex.modal_words:
                if before[k] == "قد" and (k and before[k - 1] in KANA or k == len(before) - 1
                                          and not _imperfect_form(sent.words[h.idx].text, h)):
                    break                  # كانت قد وعدت، وقد تجمع: perfect, not "may"
                h.modality = lex.modal_words[before[k]]
                break
        if h.modality is None and "س" in h.prefix and h.trig.pos == "v":
            h.modality = "future"


def _imperfect_form(word: str, h: Hit) -> bool:
    """يقتل، نتظاهر after قد mean "may"; a past form (قد قتل، قد تجمع) is the perfect. A
    ت-initial form is read as imperfect only with a plural/dual ending (قد تتظاهرون)."""
    stem = word[len(h.prefix):] if h.trig.pos == "v" else word
    return stem[:1] in ("ي", "ن") or stem[:1] == "ت" and stem.endswith(("ون", "ان", "ين"))


def absorb_frames(hits: list[Hit]) -> None:
    """هدد بـ X / طالب بـ X / رفض X: X is what the frame is about, not an event of its own."""
    for h in hits:
        if not h.trig.frame or h.absorbed:
            continue
        for other in hits:
            if other is not h and not other.absorbed and 0 < other.idx - h.idx <= FRAME_WINDOW:
                other.absorbed = True
                h.about = other.type
                break


# -- roles ------------------------------------------------------------------------------------


# a claim of responsibility names the doer wherever it stands after the act (... وتبنته طالبان)


# -- selection --------------------------------------------------------------------------------
def select(sent: Sentence, hits: list[Hit]) -> list[Hit]:
    live = [h for h in hits if not h.absorbed]
    live = [h for h in live if not _quoted_first_person(sent, h)]
    strong = [h for h in live if not h.trig.weak]
    keep: dict[str, list[Hit]] = {}
    strong.sort(key=lambda h: (h.actor is None and h.target is None, h.actor is None))
    for h in strong + [h for h in live if h.trig.weak]:
        if h.trig.weak and not _weak_ok(h, strong):
            if keep.get(h.type):           # ضربة جوية أميركية beside قتل: one incident
                _fill_roles(keep[h.type][0], h)
            continue
        if not _has_participant(sent, h):
            continue
        same = keep.setdefault(h.type, [])
        if not same or _new_actor(h, same):
            same.append(h)
        else:
            _fill_roles(same[0], h)
    return sorted((h for hs in keep.values() for h in hs), key=lambda h: h.idx)


def _fill_roles(kept: Hit, other: Hit) -> None:
    """مقتل ثلاثة ... في هجوم انتحاري نفذته امرأة: one incident told by two triggers; the kept
    event takes the participant only the other one names."""
    if other.actor is not None and other.actor is not kept.target and (
            kept.actor is None or kept.guessed and not other.guessed
            or kept.prior and other.explicit):   # ... في هجوم نفذته امرأة: the named doer
        kept.actor, kept.guessed, kept.prior = other.actor, other.guessed, other.prior
        kept.explicit = other.explicit
    if kept.target is None and other.target is not None and other.target is not kept.actor:
        kept.target = other.target


def _short_quote(sent: Sentence, i: int) -> bool:
    """«تعاون استراتيجي»: a quoted phrase of a few words is a slogan or a name, not a statement."""
    lo = hi = i
    while lo - 1 in sent.quote_words:
        lo -= 1
    while hi + 1 in sent.quote_words:
        hi += 1
    return hi - lo + 1 <= SHORT_QUOTE


def _has_participant(sent: Sentence, h: Hit) -> bool:
    """An event needs a participant; inside a quotation it needs a named actor."""
    if h.idx in sent.quote_words and _short_quote(sent, h.idx):
        return False
    named = [m for m in (h.actor, h.target) if m is not None and m.kind != "np"]
    named_actor = h.actor is not None and h.actor.kind not in ("pronoun", "np")
    if h.idx in sent.quote_words and h.type in STRONG_SCOPE:
        return named_actor or bool(named)  # «مقتل شخص في انفجار»: a reported attack
    if h.idx in sent.quote_words or h.type in ACTOR_REQUIRED:
        return named_actor                 # who agreed/met/cooperated must be said
    return h.type in STRONG_SCOPE or bool(named)


def _new_actor(h: Hit, same: list[Hit]) -> bool:
    """A second event of a type in a sentence only when its actor is another country."""
    code = h.actor.code if h.actor else None
    return code is not None and all(o.actor is not None and o.actor.code not in (None, code)
                                    for o in same)


def _weak_ok(h: Hit, strong: list[Hit]) -> bool:
    if any(s.type == h.type for s in strong):
        return False
    if h.type in STRONG_SCOPE:
        return True
    return not strong and h.actor is not None and h.actor.first in (h.idx + 1, h.idx + 2)


def _quoted_first_person(sent: Sentence, h: Hit) -> bool:
    if h.idx not in sent.quote_words:
        return False
    word = sent.words[h.idx].text
    if h.trig.pos == "v" and (word.endswith("نا") or _bare(word)[:1] == "ن" or "ن" in h.prefix):
        return True                        # ناقشنا، سنواصل: the speaker's own "we"
    if h.actor is not None and h.actor.first in sent.quote_words and h.actor.kind == "pronoun":
        return True
    quoted = [sent.words[i].text for i in sorted(sent.quote_words)]
    near = {_bare(w) for w in quoted}
    verb = sent.words[h.idx].text
    first_person_verb = h.trig.pos == "v" and (verb.endswith("نا") or _bare(verb)[:1] == "ن")
    return h.actor is None and (first_person_verb or bool(near & FIRST_PERSON))


def code_sentence(sent: Sentence, lex: Lexicon | None = None,
                  hits: list[Hit] | None = None) -> list[Hit]:
    lex = lex or load_lexicon()
    hits = find_hits(sent, lex) if hits is None else hits
    hits = not_an_act(sent, hits)
    if not hits:
        return []
    mark_modality(sent, hits, lex)
    absorb_frames(hits)
    sent.triggers = {h.idx for h in hits}
    for h in hits:
        if not h.absorbed:
            assign_roles(sent, h)
            apply_actor_types(sent, h)
    return select(sent, hits)


def build_sentence(view: TextView, start: int, end: int, lex: Lexicon,
                   entity_mentions: list | None = None,
                   quote_ranges: list[tuple[int, int]] = ()) -> Sentence:
    sent = new_sentence(view, start, end, quote_ranges)
    add_mentions(sent, lex, entity_mentions)
    return sent


def new_sentence(view: TextView, start: int, end: int,
                 quote_ranges: list[tuple[int, int]] = ()) -> Sentence:
    words = words_of(view, start, end)
    sent = Sentence(start, end, words, view.text)
    inside = [(a, b) for a, b in quote_ranges if a < end and start < b]
    if inside:                             # words starting in [a, b): a run found by bisect
        starts = [w.start for w in words]
        sent.quote_words = {i for a, b in inside
                            for i in range(bisect_left(starts, a), bisect_left(starts, b))}
    return sent


MENTION_REACH = 25   # words around the triggers searched for participants and places


def add_mentions(sent: Sentence, lex: Lexicon, entity_mentions: list | None = None,
                 hits: list[Hit] | None = None) -> None:
    lo, hi = 0, None
    if hits:
        lo = max(0, min(h.idx for h in hits) - MENTION_REACH)
        hi = max(h.idx for h in hits) + MENTION_REACH
    found = find_mentions(sent.words, lex, lo, hi)
    if entity_mentions:
        found = _overlay_entities(found, _entity_words(sent.words, entity_mentions))
        set_preps(found, sent.words)
    sent.mentions = merge_mentions(found, sent.words, sent.text)


def _entity_words(words: list[Word], ents) -> list[Mention]:
    """Entity spans (normalised offsets) as mentions over word indices (copies, per sentence)."""
    out = []
    if not ents:
        return out
    starts, ends = [w.start for w in words], [w.end for w in words]
    for a, b, m in ents:                   # the words with start < b and a < end: a run
        first, last = bisect_right(ends, a), bisect_left(starts, b)
        if first < last:
            out.append(replace(m, first=first, last=last))
    return out


def _overlay_entities(found: list[Mention], ents: list[Mention]) -> list[Mention]:
    out = []
    for e in ents:
        wider = next((m for m in found if m.code and m.first <= e.first and e.last <= m.last
                      and m.last - m.first > e.last - e.first), None)
        if wider is not None and not e.code:  # NORP الكورية inside الكورية الشمالية (PRK)
            e.first, e.last = wider.first, wider.last
        inside = [m for m in found if e.first <= m.first and m.last <= e.last]
        for m in inside:
            e.code = e.code or m.code
            e.sector = e.sector or m.sector
            e.name = e.name or m.name
        if e.kind == "norp":               # a demonym: an adjective unless plural (الروس)
            e.kind = next((m.kind for m in inside if m.kind in ("adj", "demonym")), "adj")
        out.append(e)
    rest = [m for m in found if not any(e.first < m.last and m.first < e.last for e in ents)]
    return sorted(out + rest, key=lambda m: m.first)
