"""Code the sentences of an article into PLOVER events, from the Arabic text directly.

Per sentence: find trigger words (lexicon, :mod:`.lexicon`), read negation and modality from the
words before them, let frame verbs (هدد بـ، طالب بـ، رفض) absorb the event they embed, then fill
actor and target from the sentence's mentions (:mod:`.mentions`) with word-order rules for
Arabic (verb-subject-object, or subject before the verb), and location/date from the sentence.
At most one event per type per sentence is kept (the strongest trigger).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from ..document import Article, Span
from ..textmap import TextView, normalize_view
from .lexicon import (VERB_PREFIXES, Lexicon, Trigger, load_lexicon, occurrences, variants,
                      view_words)
from .mentions import Mention, Word, find_mentions, merge_mentions, set_preps

_WORD = re.compile(r"\w+")
PATIENT_NOUNS = {"قتل", "قتلي", "مقتل", "اغتيال", "خطف", "اختطاف", "اعتقال", "اعتقالات", "احتجاز", "اعدام",
                 "الافراج", "استهداف"}
VICTIM_SECTORS = {"CVL"}
SUBJECT_WINDOW, OBJECT_WINDOW, BEFORE_WINDOW, REQ_WINDOW, FRAME_WINDOW = 3, 10, 12, 4, 6
AGENT_MARKERS = {"شنه", "شنها", "شنته", "شنتها", "شنوه", "نفذه", "نفذها", "نفذته", "نفذتها",
                 "نفذوه", "يد", "ايدي", "برصاص", "بنيران", "قبل", "تبنته", "تبناه", "تبنت", "تبنى"}
NUMBER_WORDS = {"ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره", "عشرات",
                "مئات", "اثنين", "اثنان", "شخصين", "جنديين", "الاف", "احد", "عدد", "احدي"}
FUNCTION_WORDS = {"يدعي", "تدعي", "المدعو", "هناك", "هنا", "هنالك", "لدي", "لدينا", "لديه", "لديها", "منذ", "ذلك", "تلك",
                  "عندما", "حيث", "بينما", "كما", "لكن", "ولكن", "اذا", "قد", "لقد"}
SITE_NOUNS = {"موقع", "لموقع", "قاعده", "منصه", "صاله", "مركز", "مبني", "مصنع", "مجمع", "منصات",
              "قواعد", "مواقع", "حقل", "ميدان"}
OBJECT_TYPES = {"ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "AID", "SUPPORT", "CONSULT",
                "REQUEST", "REJECT"}
COUNT_WORDS = {"زهاء", "نحو", "حوالي", "اكثر", "من", "ما", "لا", "يقل", "عن", "عشرات", "مئات",
               "الاف", "العشرات", "المئات", "الالاف"}
TIME_WORDS = {"امس", "اليوم", "اول", "من", "الليله", "صباح", "مساء", "ليلا", "فجر", "امس،",
              "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"}
NP_STOP = {"اول", "الليله", "امس", "اليوم", "الي", "علي", "في", "من", "عن", "مع", "ان", "انه", "انها", "التي", "الذي",
           "الذين", "بعد", "قبل", "خلال", "عند", "ضد", "بين", "حتي", "او", "ثم", "لم", "لن", "لا",
           "ما", "قد", "كان", "كانت", "هو", "هي", "هم", "نفسه", "نفسها", "نفسيهما", "انفسهم",
           "ايضا", "مجددا", "بدوره", "كل", "بعض", "جميع", "عليه", "عليها", "عليهم", "به", "بها",
           "له", "لها", "لهم", "منه", "منها", "فيه", "فيها", "صباح", "مساء", "ليل", "فجر", "ظهر"}
PARTICLES = {"ان", "انه", "انها", "انهم", "التي", "الذي", "الذين", "ما", "اذ", "اذا", "لكن", "ثم",
             "او", "ام", "قال", "قالت", "اعلن", "اعلنت", "ذكر", "ذكرت", "اكد", "اكدت"}
NEG_OR_MODAL = {"لم", "لن", "لا", "ما", "قد", "سوف", "لقد", "كانت", "كان"}
REFLEXIVE = {"نفسه", "نفسها", "انفسهم", "نفسيهما", "انفسهما"}
KANA = {"كان", "كانت", "كانوا", "وكان", "وكانت", "وكانوا"}
SVO_GAP = 6
CLAUSE_PUNCT = re.compile(r"[,.;:«»()\"،؛]")
PARTITIVE_HEADS = {"كميه", "كميات", "عدد", "مزيد", "عشرات", "مئات", "الاف", "بعض", "كبيره", "عناصر"}
PREP_WORDS = {"في", "وفي", "من", "الي", "علي", "عن", "منذ", "حتي", "مع", "بعد", "قبل", "خلال"}
CLAUSE_PREPOSITIONS = {"من", "في", "الي", "عن", "منذ", "خلال"}
FIRST_PERSON = {"نحن", "انا", "سنواصل", "قمنا", "لدينا"}
SHORT_QUOTE = 3
ACTOR_REQUIRED = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}
STRONG_SCOPE = {"PROTEST", "ASSAULT", "COERCE"}   # weak nouns of these stand without an actor


@dataclass
class Hit:
    trig: Trigger
    idx: int
    type: str
    prefix: str = ""
    negated: bool = False
    flipped_from: str | None = None
    modality: str | None = None
    about: str | None = None
    absorbed: bool = False
    actor: Mention | None = None
    target: Mention | None = None
    object_suffix: bool = False
    guessed: bool = False              # the actor is only a place named before a noun
    prior: bool = False                # the actor is only the nearest mention before a noun
    explicit: bool = False             # the actor follows an agent marker (نفذته، برصاص)


@dataclass
class Sentence:
    start: int                     # normalised-view offsets
    end: int
    words: list[Word]
    text: str = ""                 # the whole normalised view (offsets are into it)
    mentions: list[Mention] = field(default_factory=list)
    quote_words: set[int] = field(default_factory=set)


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
        actor_word = _actor_word(w, lex)   # وزارة is a participant: only listed nouns (متظاهرون)
        for prefix, rest in w.variants:
            after_prep = i > 0 and sent.words[i - 1].text in PREP_WORDS
            trigs = [t for t in lex.triggers.get(rest, ()) if _prefix_ok(t, prefix)
                     and not (t.pos == "v" and (actor_word or after_prep
                                                or not _verb_form_ok(sent, i, prefix, rest)))]
            trigs = [t for t in trigs if not t.req or _req_met(sent.words, i, t.req)]
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
        if w.text in CLAUSE_PREPOSITIONS and not (w.text == "من" and prev in PARTITIVE_HEADS):
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


def _bare(word: str) -> str:
    return word[1:] if word[:1] in "وف" and len(word) > 2 and word[1:] not in ("ي",) else word


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
def assign_roles(sent: Sentence, h: Hit) -> None:
    ms = [m for m in sent.mentions if not (m.first <= h.idx < m.last)]
    after = [m for m in ms if m.first > h.idx and m.first - h.idx <= OBJECT_WINDOW]
    before = [m for m in ms if m.last <= h.idx and h.idx - m.last < BEFORE_WINDOW]
    if h.trig.pos == "v":
        _verb_roles(sent, h, after, before)
    else:
        _noun_roles(sent, h, after, before)


def _verb_roles(sent: Sentence, h: Hit, after: list[Mention], before: list[Mention]) -> None:
    subj = None
    if before and before[-1].free and before[-1].prep is None and _adjacent(sent, before[-1], h.idx):
        subj = _first_conjunct(sent, before[-1], before)   # SVO: زيلينسكي يتهم، جنوده قتلوا
    subj = subj or next((m for m in after if m.free and m.prep is None
                         and m.first - h.idx <= SUBJECT_WINDOW), None)
    if subj is None:
        subj = next((m for m in reversed(before) if m.free and m.prep is None
                     and _same_clause(sent, m, h.idx)), None)
        subj = _first_conjunct(sent, subj, before)
    if subj is None:
        subj = _kana_subject(sent, h)
    if subj is None and h.type in ("CONSULT", "COOPERATE", "AGREE"):
        subj = next((m for m in after if m.prep == "بين"), None)   # جرت المفاوضات بين الرئيسين
    if subj is None:
        subj = next((m for m in after if m.kind == "adj" and m.first - h.idx <= SUBJECT_WINDOW), None)
    objs = [m for m in after if m is not subj and m.free and m.prep != "في"
            and (subj is None or m.first > subj.first or subj.first > h.idx)
            and not _coordinated(sent, subj, m)]
    obj = objs[0] if objs else None
    if h.object_suffix:                    # زودتها: the object is the antecedent of ها
        obj = next((m for m in reversed(before) if m is not subj and m.free), obj)
    if subj is None and not before:
        subj = _bare_np(sent, h.idx + 1)      # VSO with an unlisted subject (a name)
    if obj is None and h.type in OBJECT_TYPES and not h.object_suffix:
        start = (subj.last if subj is not None and subj.first > h.idx else h.idx + 1)
        obj = _bare_np(sent, start)
    if h.type in ("ASSAULT", "COERCE") and subj is not None and subj.first > h.idx and (
            subj.sector in VICTIM_SECTORS or _number_after(sent, h.idx)) \
            and not _reflexive(sent, h.idx):
        obj, subj = subj, _agent(sent, h)  # قتل 5 أشخاص: the victims, not the killers
    h.actor, h.target = subj, obj


def _first_conjunct(sent: Sentence, subj: Mention | None, before: list[Mention]) -> Mention | None:
    """بايدن ونظيره الفرنسي ماكرون ناقشا: the first of two joined subjects leads."""
    while subj is not None:
        prev = [m for m in before if m.last <= subj.first and subj.first - m.last <= 1 and m.free]
        joined = sent.words[subj.first].text[:1] == "و" or (
            subj.first - 1 >= 0 and sent.words[subj.first - 1].text[:1] == "و"
            and prev and prev[-1].last == subj.first - 1)
        if not (prev and joined):
            return subj
        subj = prev[-1]
    return subj


def _same_clause(sent: Sentence, m: Mention, idx: int) -> bool:
    """No punctuation and at most SVO_GAP words between a subject and its verb."""
    a, b = sent.words[m.last - 1].end, sent.words[idx].start
    return idx - m.last <= SVO_GAP and not CLAUSE_PUNCT.search(sent.text[a:b])


def _bare_np(sent: Sentence, i: int) -> Mention | None:
    """A noun phrase the lexicons do not know (often a name): one or two words, from ``i``.

    Numbers and quantifiers are skipped (قتل 5 أشخاص), a preposition or a trigger ends it."""
    words = sent.words
    while i < len(words) and _is_count(words[i].text):
        i += 1
    if i >= len(words) or not _np_word(words[i].text) or _prepositional(words[i]):
        return None
    if any(m.first <= i < m.last for m in sent.mentions):
        return None
    adj = next((m for m in sent.mentions if m.first == i + 1 and m.kind in ("adj", "demonym")), None)
    if adj is not None:                    # امرأة بلجيكية، جنود أميركيون: the adjective's country
        return Mention(i, adj.last, code=adj.code, sector=adj.sector, kind="np")
    j = i + 1
    if j < len(words) and _np_word(words[j].text) and words[j].start - words[i].end == 1:
        j += 1
    return Mention(i, j, kind="np")


def _prepositional(w: Word) -> bool:
    return any(p.lstrip("وف") in ("بال", "لل", "كال", "ل", "بان", "بأن") for p, _ in w.variants) \
        or w.text.lstrip("وف").startswith(("بان", "لان"))


def _np_word(w: str) -> bool:
    return (len(w) > 2 and not w.isdigit() and w not in FUNCTION_WORDS and w not in NP_STOP
            and w.lstrip("وف") not in NP_STOP)


def _is_count(w: str) -> bool:
    return w.isdigit() or w in NUMBER_WORDS or w in COUNT_WORDS


def _coordinated(sent: Sentence, subj: Mention | None, m: Mention) -> bool:
    """الولايات المتحدة والمملكة المتحدة: a second subject joined by و, not an object."""
    return subj is not None and m.first == subj.last and sent.words[m.first].text[:1] == "و"


def _adjacent(sent: Sentence, m: Mention, idx: int) -> bool:
    """The mention ends right before the verb (a negation or modal word may sit between)."""
    between = [w.text for w in sent.words[m.last:idx]]
    return len(between) <= 1 and all(b in NEG_OR_MODAL or _modifier(b) for b in between) \
        and _same_clause(sent, m, idx)


def _modifier(word: str) -> bool:
    """One unknown word between subject and verb is taken as its adjective (قوات أجنبية قتلت),
    unless it is a particle or starts a new clause."""
    return word not in PARTICLES and word not in PREP_WORDS and word not in FUNCTION_WORDS \
        and word[:1] != "و" and len(word) > 2


def _reflexive(sent: Sentence, idx: int) -> bool:
    """فجر 3 انتحاريين أنفسهم: the doers blew themselves up (active, not passive)."""
    return any(w.text.lstrip("وف") in REFLEXIVE for w in sent.words[idx + 1:idx + 6])


def _imperfect(word: str, prefix: str) -> bool:
    return word[len(prefix):][:1] in ("ي", "ت") and not word.endswith("ت")


def _number_after(sent: Sentence, i: int) -> bool:
    """قتل (أمس) 5 أشخاص: a count right after the verb (time words skipped) reads passive."""
    j = i + 1
    while j < len(sent.words) and sent.words[j].text in TIME_WORDS:
        j += 1
    return j < len(sent.words) and (sent.words[j].text.isdigit() or sent.words[j].text in NUMBER_WORDS)


def _agent(sent: Sentence, h: Hit) -> Mention | None:
    """The doer named after an agent marker: هجوم شنه مسلحون، برصاص الشرطة، على يد ...; a
    name the lexicons do not know is taken as a bare noun phrase (نفذه متطرف إسلامي)."""
    for i in range(h.idx + 1, len(sent.words)):
        word = sent.words[i].text.lstrip("وف")
        if (word in AGENT_MARKERS and i < h.idx + 12 or word in CLAIM_MARKERS) \
                and _marker_ok(sent, i, word):
            return next((m for m in sent.mentions if i < m.first <= i + 3 and m.free), None) \
                or _bare_np(sent, i + 1)
    return None


# a claim of responsibility names the doer wherever it stands after the act (... وتبنته طالبان)
CLAIM_MARKERS = {"تبنته", "تبناه", "تبنتها", "تبناها", "تبنت", "تبني"}


def _marker_ok(sent: Sentence, i: int, word: str) -> bool:
    """قبل and يد mark the doer only as من قبل and على يد (قبل يومين is a time)."""
    need = MARKER_PREVIOUS.get(word)
    return need is None or i > 0 and sent.words[i - 1].text in need


MARKER_PREVIOUS = {"قبل": ("من",), "يد": ("علي", "على"), "ايدي": ("علي", "على")}
LIGHT_VERBS = {"قام", "قامت", "قاموا", "نفذ", "نفذت", "نفذوا", "شن", "شنت", "شنوا", "وجه", "وجهت",
               "وجهوا", "ارتكب", "ارتكبت", "ارتكبوا"}
LIGHT_WINDOW = 10


def _light_subject(sent: Sentence, h: Hit) -> Mention | None:
    """قامت امرأة بلجيكية ... بتفجير نفسها، نفذ الجيش ضربة: the subject of a light verb before
    the noun in the same clause is the doer."""
    for i in range(h.idx - 1, max(-1, h.idx - LIGHT_WINDOW), -1):
        if _bare(sent.words[i].text) in LIGHT_VERBS:
            if CLAUSE_PUNCT.search(sent.text[sent.words[i].end:sent.words[h.idx].start]):
                return None
            if i + 1 >= h.idx or _bare(sent.words[i + 1].text) in SERIES_NOUNS:
                return None                # نفذ (سلسلة من) الغارات: the subject is before it
            return next((m for m in sent.mentions if i < m.first < h.idx and m.free
                         and m.prep is None), None) or _bare_np(sent, i + 1)
    return None


SERIES_NOUNS = {"سلسله", "موجه", "جوله", "عدد", "عشرات", "مئات", "مزيد", "عمليه", "عمليات",
                "حمله", "سلسلتين"}


def _kana_subject(sent: Sentence, h: Hit) -> Mention | None:
    """وكان الوحيدي أطلق، وكانت «كتائب القسام» ... قد أطلقت: the subject after كان."""
    for i in range(h.idx - 1, max(-1, h.idx - LIGHT_WINDOW), -1):
        if sent.words[i].text in KANA:
            if i + 1 >= h.idx:
                return None
            return next((m for m in sent.mentions if m.first == i + 1 and m.free), None) \
                or _bare_np(sent, i + 1)
    return None


def _noun_roles(sent: Sentence, h: Hit, after: list[Mention], before: list[Mention]) -> None:
    lemma = h.trig.lemma
    gap = h.idx + 1
    while gap < len(sent.words) and _is_count(sent.words[gap].text):
        gap += 1
    nxt = after[0] if after and after[0].first in (h.idx + 1, gap) else None
    prior = next((m for m in reversed(before) if m.free and m.prep is None), None)
    if h.trig.weak and h.type == "PROTEST":
        h.actor = _self_mention(sent, h)
        return
    if lemma in PATIENT_NOUNS or h.prefix.lstrip("وف")[:1] in ("ب", "ل"):
        h.target = nxt if nxt is not None and nxt.free else None
        if h.target is None and h.type in OBJECT_TYPES:
            h.target = _bare_np(sent, h.idx + 1)
        _fallback_actor(sent, h, prior)
        return
    if nxt is not None and (nxt.prep is None or nxt.prep == "ل"):
        h.actor = nxt
    elif after and after[0].kind == "adj" and after[0].prep is None and after[0].first - h.idx <= 3:
        h.actor = after[0]                 # غارة جوية إسرائيلية
    else:
        _fallback_actor(sent, h, prior)
    tgt = [m for m in after if m is not h.actor and m.free
           and m.prep in ("على", "علي", "ضد", "ل", "مع", "الى")]
    h.target = tgt[0] if tgt else None


def _fallback_actor(sent: Sentence, h: Hit, prior: Mention | None) -> None:
    h.actor = _agent(sent, h)
    h.explicit = h.actor is not None
    h.actor = h.actor or _light_subject(sent, h)
    if h.actor is None and prior is not None:
        h.actor, h.guessed, h.prior = prior, _place_like(prior), True


def _place_like(m: Mention) -> bool:
    """A place named before a nominal event (في بغداد ... مقتل) is weak evidence of its doer:
    another trigger of the incident that names one replaces it."""
    return m.kind in ("country", "capital") or m.label in ("GPE", "LOC", "FAC")


def _self_mention(sent: Sentence, h: Hit) -> Mention | None:
    for m in sent.mentions:
        if m.first <= h.idx < m.last:
            return m
    return Mention(h.idx, h.idx + 1, sector="CVL", kind="sector")


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


def military(m: Mention | None) -> bool:
    return m is not None and m.sector in ("MIL", "UAF", "REB")


PROTESTERS = {"CVL", "OPP", "EDU", "LAB", "PTY", "REF", "REL"}


OWNED_FORCES = ("ه", "ها", "هم")


def _distinct_roles(h: Hit) -> None:
    """An actor does not act on itself here (لعقد هذا اللقاء: both roles found the same name)."""
    a, t = h.actor, h.target
    if a is not None and t is not None and (a is t or a.entity_id and a.entity_id == t.entity_id):
        h.target = None


def _owned(word: str) -> bool:
    """جنوده، قواتها: a pronoun suffix; the nisba ending of انتحارية (ـية, ة folded to ه) is not."""
    return word.endswith(("ها", "هم")) or word.endswith("ه") and not word.endswith("يه")


def _resolve_owned(sent: Sentence, h: Hit) -> None:
    """جنوده قتلوا، قواتها: the forces of the nearest coded mention before them."""
    m = h.actor
    if m is None or m.kind != "sector" or m.code or not _owned(sent.words[m.last - 1].text):
        return
    owner = next((o for o in reversed(sent.mentions) if o.last <= m.first and (o.code or o.sector)
                  and o.free), None)
    if owner is not None:
        h.actor = owner


NON_VIOLENT = {"CVL", "MED", "EDU", "LAB", "REF", "REL"}
ARMED = {"MIL", "REB", "UAF", "CRM", "COP"}


def _violent_actor(sent: Sentence, h: Hit) -> None:
    """Civilians, media and refugees are the victims of an ASSAULT, not its doers; a bomber who
    blows himself up (فجر نفسه) is the armed mention before the verb."""
    if h.type != "ASSAULT":
        return
    reflexive = _reflexive(sent, h.idx)
    if h.actor is not None and h.actor.sector in NON_VIOLENT and not reflexive:
        h.target = h.target or h.actor     # (a woman who blew herself up is the doer)
        h.actor = None
    if h.actor is None and reflexive:
        h.actor = next((m for m in reversed(sent.mentions) if m.last <= h.idx and m.sector in ARMED),
                       None)


UNIT_NOUNS = {"فرقه", "قوه", "وحده", "مجموعه", "دوريه", "كتيبه", "سريه", "عناصر", "عدد", "عشرات",
              "مئات", "الاف", "خليه"}


def _partitive_actor(sent: Sentence, h: Hit) -> None:
    """فرقة مظلية من قوات مكافحة الإرهاب، قوة من الشرطة العراقية: the unit belongs to the body
    named after من, which is the actor (and carries the country)."""
    m = h.actor
    word = sent.words[m.first].text if m is not None else ""
    if not {word.removeprefix("ال"), _bare(word).removeprefix("ال")} & UNIT_NOUNS:
        return
    for k in (m.last, m.last + 1):
        if k < len(sent.words) and sent.words[k].text == "من":
            whole = next((o for o in sent.mentions if o.first == k + 1 and o.free
                          and (o.sector or o.code)), None)
            if whole is not None and whole is not h.target:
                h.actor = whole
            return


def apply_actor_types(sent: Sentence, h: Hit) -> None:
    _partitive_actor(sent, h)
    _resolve_owned(sent, h)
    _violent_actor(sent, h)
    _distinct_roles(h)
    if h.trig.mil and military(h.actor):
        h.type = h.trig.mil
    if h.type == "PROTEST" and (h.actor is None or h.actor.sector not in PROTESTERS
                                and h.actor.kind != "demonym"):
        crowd = [m for m in sent.mentions if m.sector in PROTESTERS and m.prep in (None, "من")]
        if crowd:                          # أحرق متظاهرون أعلام: the crowd protests, not the object
            h.actor = min(crowd, key=lambda m: abs(m.first - h.idx))
            if h.target is h.actor:
                h.target = None


def code_sentence(sent: Sentence, lex: Lexicon | None = None,
                  hits: list[Hit] | None = None) -> list[Hit]:
    lex = lex or load_lexicon()
    hits = find_hits(sent, lex) if hits is None else hits
    if not hits:
        return []
    mark_modality(sent, hits, lex)
    absorb_frames(hits)
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
