"""Words that look like event triggers but are no act in their sentence (session 4).

Each test was checked on SaudiNewsNet articles read by hand (evaluation only) and on the GSR;
docs/events.md has the counts. :func:`not_an_act` is applied to every hit of a sentence before
roles are assigned; :func:`skip_word` to every word before trigger look-up.
"""
from __future__ import annotations

import re

from .base import Hit, Sentence, _bare
from .mentions import Word


def skip_word(words: list[Word], i: int) -> bool:
    """A word that is no trigger here: the إطلاق of a ceasefire, a share, falling ill."""
    w = words[i]
    if i and words[i - 1].text in CEASE and w.text.endswith("اطلاق"):
        return True                        # وقف إطلاق النار is a ceasefire, not a shooting
    return _bare(w.text) in SHARE_NOUNS or _illness(words, i)   # نصيب الأسد، أصيب بالسرطان


def not_an_act(sent: Sentence, hits: list[Hit]) -> list[Hit]:
    """The hits that stay: not part of a name, not a body discussing a topic alone, not a thing
    received, not a sports sense in a sentence about a match."""
    hits = [h for h in hits if not (_in_name(sent, h) or _discussed_alone(sent, h)
                                    or _received_thing(sent, h))]
    if hits and any(h.trig.lemma in SPORT_SENSES for h in hits) and _about_a_match(sent):
        hits = [h for h in hits if h.trig.lemma not in SPORT_SENSES]
    return hits


CEASE = frozenset({"وقف", "ووقف", "لوقف", "بوقف", "ولوقف", "وبوقف"})
# نصيب "share" reads as نصيب "we hit" (أصاب).
SHARE_NOUNS = frozenset({"نصيب", "نصيبه", "نصيبها", "نصيبهم", "نصيبا", "ونصيب"})
# أصاب/أصيب followed by ب + an illness, harm or state is no violence (أصيبت بجلطة، أصيب بانقسام،
# تصيب المستثمرين بالضرر). Folded stems after ب (and ال).
ILLNESS = ("مرض", "امراض", "فيروس", "كورونا", "جلط", "سرطان", "زهايمر", "سكري", "عدوي", "التهاب",
           "ارتجاج", "انقسام", "ضرر", "خيبه", "صدمه", "احباط", "ازمه", "نوبه", "حمي", "انفلونزا",
           "ايدز", "شلل", "اكتئاب", "قصور", "اعياء", "تسمم")
_HIT_VERB = re.compile(r"^[وف]?(?:[اأ]صاب|[اأ]صيب|[يتن]صاب|[يتن]صيب|ل[يت]صيب)")


def _illness(words: list[Word], i: int) -> bool:
    if not _HIT_VERB.match(words[i].text):
        return False
    for w in words[i + 1:i + 4]:
        t = w.text
        if t[:1] == "ب" and len(t) > 3:   # (not بها: الحروق التي أصيب بها are wounds)
            t = t[1:]
            t = t[2:] if t.startswith("ال") else t
            return t.startswith(ILLNESS)
    return False


# Entity types whose names can contain trigger words that are no act there: the club الاتفاق,
# the player إيدن هازارد, the operation «عاصفة الحزم», a book or a law.
NAME_LABELS = frozenset({"PERSON", "ORG", "MISC", "PRODUCT", "FAC"})


# Trigger lemmas with a sports sense (يلتقي الفريقان "play each other", الهجوم "the forwards",
# ضربة رأس "a header", خطف هدفا "snatched a goal") and the words that make a sentence about a
# match (folded; after و/ف/ب/ل and ال).
SPORT_SENSES = frozenset({"التقي", "هجوم", "هاجم", "ضربه", "خطف"})
# (Not دورية "patrol", منتخب "elected", بطولة "heroism", مهاجم "attacker", دقيقة، مرمى، شوط: war
# news has them too.)
SPORT_PREFIXES = ("مباراه", "مباريات", "مبارات", "تمريره")
SPORT_WORDS = frozenset({"دوري", "لاعب", "لاعبو", "لاعبي", "لاعبين", "مدرب", "مدربه"})


def _core(word: str) -> str:
    """The word without a leading و/ف/ب/ل and ال (folded forms)."""
    t = word[1:] if word[:1] in "وفبل" and len(word) > 4 else word
    return t[2:] if t.startswith("ال") else t


def _about_a_match(sent: Sentence) -> bool:
    for w in sent.words:
        t = _core(w.text)
        if t in SPORT_WORDS or t.startswith(SPORT_PREFIXES):
            return True
    return False


# استقبل "received" a thing, not a party: a signal, calls, requests, lawsuits, planes, ships,
# pilgrims or patients (مطار عدن يستقبل الطائرات، استقبلت وزارة العدل 5739 دعوى). Folded stems.
RECEIVED_THINGS = ("اشاره", "رساله", "رسائل", "اتصال", "مكالم", "طلب", "دعوي", "دعاوي", "بلاغ",
                   "طائر", "سفن", "سفين", "حاويات", "شحن", "زوار", "حجاج", "معتمر", "طلاب",
                   "دارسين", "مرضي", "حالات", "شكاوي", "ملاحظات", "مقترحات", "مشاركات")
RECEIVE_REACH = 5


def _received_thing(sent: Sentence, h: Hit) -> bool:
    if h.trig.lemma != "استقبل":
        return False
    return any(_core(w.text).startswith(RECEIVED_THINGS)
               for w in sent.words[h.idx + 1:h.idx + 1 + RECEIVE_REACH])


def _discussed_alone(sent: Sentence, h: Hit) -> bool:
    """ناقش with no مع partner, by one party (not a dual/plural verb: يناقشان، ناقشا), is a body
    discussing a topic (ويناقش مجلس الشيوخ مشروع قانون، سيناقش مجلس إدارتها النتائج), not a
    meeting of two parties."""
    if h.trig.lemma != "ناقش" or h.trig.pos != "v":
        return False
    word = _bare(sent.words[h.idx].text)
    if word.endswith(("ان", "ا", "ون", "وا")):
        return False
    after = sent.words[h.idx + 1:h.idx + 1 + DISCUSS_REACH]
    if any(w.text[:1] == "و" and len(w.text) > 3 for w in after[:4]):
        return False                       # وناقش الرئيس ونظيره: two parties
    return not any(_bare(w.text) in ("مع", "بين") or w.text.startswith("مع") for w in after)


DISCUSS_REACH = 8      # words after ناقش searched for its مع partner


def _in_name(sent: Sentence, h: Hit) -> bool:
    """The trigger is inside a named entity of the ents layer: part of a name, not an act. A
    verb behind و/ف or opening the sentence is the tagger's error, not a name (وهاجم منصور،
    القذافي فاعتذر، طالب عبدالقادر الجبرتي ... بتأجيل)."""
    if h.trig.pos == "v" and (h.prefix[:1] in ("و", "ف") or h.idx == 0):
        return False
    return any(m.label in NAME_LABELS and m.first <= h.idx < m.last for m in sent.mentions)
