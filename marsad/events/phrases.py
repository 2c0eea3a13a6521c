"""Noun phrases and small word tests shared by the role rules (:mod:`.roles`, :mod:`.targets`):
bare noun phrases the lexicons do not know, counts, weapons, the act a trigger names, places.
"""
from __future__ import annotations

import re

from .base import (CLAUSE_PUNCT, COUNT_WORDS, FUNCTION_WORDS, NP_STOP, NUMBER_WORDS, SVO_GAP, Hit,
                   Sentence, TIME_WORDS, _bare)
from .mentions import Mention, Word


def _a_place(m: Mention) -> bool:
    return m.kind in ("country", "capital") or m.label in ("GPE", "LOC", "FAC")


TENS = {t + e for t in ("عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع") for e in ("ين", "ون")}


def _same_clause(sent: Sentence, m: Mention, idx: int) -> bool:
    """No punctuation and at most SVO_GAP words between a subject and its verb."""
    a, b = sent.words[m.last - 1].end, sent.words[idx].start
    return idx - m.last <= SVO_GAP and not CLAUSE_PUNCT.search(sent.text[a:b])


def _bare_np(sent: Sentence, i: int) -> Mention | None:
    """A noun phrase the lexicons do not know (often a name): one or two words, from ``i``.

    Numbers and quantifiers are skipped (قتل 5 أشخاص), a preposition or a trigger ends it."""
    words = sent.words
    start = i
    while i < len(words) and _is_count(words[i].text):
        i += 1
    skipped = i > start
    if i >= len(words) or not _np_word(words[i].text) or _prepositional(words[i]):
        return None
    if any(m.first <= i < m.last for m in sent.mentions):   # (after a count: that mention)
        return next((m for m in sent.mentions if m.first == i and m.free and skipped), None)
    adj = next((m for m in sent.mentions if m.first == i + 1 and m.kind in ("adj", "demonym")), None)
    if adj is not None:                    # امرأة بلجيكية، جنود أميركيون: the adjective's country
        return Mention(i, adj.last, code=adj.code, sector=adj.sector, kind="np")
    j = i + 1
    if j < len(words) and _np_word(words[j].text) and words[j].start - words[i].end == 1 \
            and j not in sent.triggers and not any(m.first <= j < m.last for m in sent.mentions):
        j += 1
    return Mention(i, j, kind="np")


def _np_object(sent: Sentence, i: int) -> Mention | None:
    """The noun phrase right after the verb (time words skipped), unless it is a weapon."""
    while i < len(sent.words) and sent.words[i].text in TIME_WORDS and sent.words[i].text != "من":
        i += 1
    np = _bare_np(sent, i)
    if np is None or _weapon(sent.words[np.first].text) \
            or _bare(sent.words[np.first].text).removeprefix("ال") in PLACE_HEADS:
        return None                        # (مدينة خاركيف is the place itself)
    return np


PLACE_HEADS = {"مدينه", "منطقه", "بلده", "قريه", "محافظه", "ولايه", "اقليم", "حي", "مخيم",
               "ضاحيه", "بلدات", "قري", "مناطق", "مدن"}


def _prepositional(w: Word) -> bool:
    return any(p.lstrip("وف") in ("بال", "لل", "كال", "ل", "بان", "بأن") for p, _ in w.variants) \
        or w.text.lstrip("وف").startswith(("بان", "لان"))


def _np_word(w: str) -> bool:
    bare = w[1:] if w[:1] in ("و", "ف") else w      # (وفي: و + في, not "ي")
    return (len(w) > 2 and not w.isdigit() and w not in FUNCTION_WORDS and w not in NP_STOP
            and bare not in NP_STOP and not w.startswith(("بشكل", "بصوره")))


def _is_count(w: str) -> bool:
    return w.isdigit() or w in NUMBER_WORDS or w in COUNT_WORDS or w in TENS


STRONG_PUNCT = re.compile(r"[.;:«»()\"؛]")


ATTACK_TYPES = ("ASSAULT", "COERCE")


WEAPONS = {"قذيفه", "قذائف", "قذيفتين", "قنبله", "قنابل", "صاروخ", "صاروخا", "صواريخ", "نار",
           "اعيره", "عيار", "رصاص", "رصاصه", "عبوه", "عبوات", "سياره", "سيارات", "هاون", "مورتر",
           "حزام", "احزمه", "اسلحه", "سلاح", "متفجرات", "عده", "طلقات", "قسام", "كاتيوشا",
           "دراجه", "شاحنه", "لغم", "الغام", "غاز", "زجاجات", "حجاره", "اطلاق", "اله", "سكين",
           "مسدس", "بندقيه", "بنادق", "ساطور", "عصا", "هراوات"}


def _weapon(word: str) -> bool:
    w = word.lstrip("وف")
    for suf in ("ها", "هم", "ه"):          # حزامه الناسف، أسلحتهم
        if w.endswith(suf) and w[:-len(suf)] in WEAPONS:
            return True
    for pre in ("بال", "ال", "ب", "لل"):
        if w.startswith(pre) and w[len(pre):] in WEAPONS:
            return True
    return w in WEAPONS


def _the_act(sent: Sentence, h: Hit, m: Mention) -> bool:
    """شنت غارة: the noun the trigger needs (its req word) is the act, not a participant."""
    return bool(h.trig.req) and any(rest in h.trig.req or w in h.trig.req
                                    for w in [sent.words[m.first].text]
                                    for _, rest in sent.words[m.first].variants)


# A verbal attack (هاجم الإجراءات، الهجوم على الاتفاق، وهاجم طه حسين واتهمه): هاجم/هجوم whose
# object is a policy, statement or idea, or that a word of criticism follows closely, is an
# accusation, not violence. Folded forms (ة -> ه, ى -> ي, أ/إ -> ا).
VERBAL_ATTACK_LEMMAS = frozenset({"هاجم", "هجوم"})
ABSTRACT_OBJECTS = frozenset("""
اتفاق الاتفاق دور الدور اجراءات الاجراءات قرار القرار قرارات القرارات سياسه السياسه سياسات السياسات
تصريحات التصريحات خطاب الخطاب موقف الموقف مواقف المواقف خطه الخطه مشروع المشروع قانون القانون
برنامج البرنامج فكر الفكر افكار الافكار رايه راي الراي مقترح المقترح اقتراح الاقتراح
""".split())
CRITICISM_WORDS = frozenset("""
منتقدا معتبرا واصفا متهما اتهمه اتهمها اتهمهم اتهم اتهمت سخر ساخرا تصريحات تصريح مقابله خطاب
كلمه مقال تغريده تغريدات انتقادات
""".split())
OBJECT_STOP = frozenset("في من بعد قبل خلال عند منذ مع الي حتي".split())
VERBAL_REACH = 8        # words after the trigger searched for criticism
OBJECT_REACH = 4        # ... for the object (a verb-subject-object sentence puts the subject first)


def verbal_attack(sent: Sentence, h: Hit) -> bool:
    """The attack is made of words (see ABSTRACT_OBJECTS, CRITICISM_WORDS)."""
    if h.trig.lemma not in VERBAL_ATTACK_LEMMAS:
        return False
    after = [_bare(w.text) for w in sent.words[h.idx + 1:h.idx + 1 + VERBAL_REACH]]
    for w in after[:OBJECT_REACH]:
        if w in ABSTRACT_OBJECTS:
            return True
        if w in OBJECT_STOP:
            break                          # هاجم مسلحون المقر بعد القرار: not the object
    return any(w in CRITICISM_WORDS for w in after)
