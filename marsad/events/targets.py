"""Targets of coded events: who an event is done to. A target is a participant (an entity, a
country, demonym or sector word, what a pronoun stands for); attacks are aimed at what follows
استهدف/ضد/على after the weapon, protests at whom they are against. Used by
:func:`marsad.events.roles.apply_actor_types`.
"""
from __future__ import annotations

from .base import Hit, Sentence, _bare
from .mentions import Mention
from .phrases import ATTACK_TYPES, _a_place, _bare_np, _the_act, _weapon


def participant_target(sent: Sentence, h: Hit) -> None:
    """A target is a participant: an entity, a country, demonym or sector word, or what a
    pronoun stands for. A bare noun phrase stays only as the victim of an attack (قتل المدرس);
    a place is a target only of an attack; a demonstrative (لم تسمح بذلك) points back to the
    earlier clause's actor after a contrast (X أراد ... لكن Y لم يسمح بذلك), else to nothing."""
    t = h.target
    if t is None:
        return
    if t.kind == "np" and any(t.first <= k < t.last for k in sent.triggers | {h.idx}):
        h.target = None                    # (اغتيال وتفجيرات: an act is not a participant)
    elif (_weapon(sent.words[t.first].text) or _the_act(sent, h, t)) and not t.code:
        h.target = None                    # بقذائف الهاون، شنت غارة: what was used or done
    elif t.kind == "np" and _demonstrative(sent.words[t.first].text):
        h.target = _contrast_antecedent(sent, h)
    elif t.kind == "np" and h.type not in ATTACK_TYPES:
        h.target = None
    elif h.type not in ATTACK_TYPES and t.label in ("LOC", "FAC"):
        h.target = None


DEMONSTRATIVES = {"ذلك", "هذا", "هذه", "تلك", "ذاك", "هذين", "هاتين", "هولاء", "اولئك"}


CONTRAST = {"لكن", "ولكن", "غير", "الا", "بيد"}


def _demonstrative(word: str) -> bool:
    w = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    return w in DEMONSTRATIVES or w[:1] in "بل" and w[1:] in DEMONSTRATIVES


def _contrast_antecedent(sent: Sentence, h: Hit) -> Mention | None:
    a = h.actor
    if a is None or a.first > h.idx:
        return None
    k = next((i for i in range(a.first - 1, max(-1, a.first - 3), -1)
              if sent.words[i].text.strip("،,") in CONTRAST), None)
    if k is None:
        return None
    return next((m for m in reversed(sent.mentions) if m.last <= k and m.free and m.prep is None
                 and m.code and m.code != a.code), None)


TARGET_MARKERS = {"استهدف", "استهدفت", "استهدفا", "استهدفوا", "يستهدف", "تستهدف", "مستهدفا",
                  "مستهدفه", "مستهدفين", "طال", "طالت", "ضد"}


TARGET_REACH = 14


def _fired_on(sent: Sentence, h: Hit, i: int) -> bool:
    """أطلق صاروخا على المدرسة، شنت غارة على خاركيف: على after the weapon fired or the act
    launched marks the aim."""
    nxt = sent.words[i + 1].text if i + 1 < len(sent.words) else ""
    return sent.words[i].text in ("علي", "على") and nxt not in ("الاقل", "الاكثر") and any(
        _weapon(sent.words[k].text) or k == h.idx or _the_act(sent, h, Mention(k, k + 1))
        for k in range(max(h.idx, i - 3), i))


def _targeted(sent: Sentence, h: Hit) -> None:
    """هجوم انتحاري استهدف دورية للجيش، ضد مقر الشرطة: what the attack was aimed at is its
    target, before the people counted as killed on the way (PETRARCH codes the aim)."""
    if h.type not in ATTACK_TYPES:
        return
    for i in range(h.idx + 1, min(len(sent.words), h.idx + TARGET_REACH)):
        if sent.words[i].text.lstrip("وف") in TARGET_MARKERS or _fired_on(sent, h, i):
            aim = next((m for m in sent.mentions if i < m.first <= i + 3 and m.free), None) \
                or _bare_np(sent, i + 1)
            if aim is not None:            # قصف استهدف معسكر الصدرين: the camp was hit
                if h.actor is not None and aim.first == h.actor.first:
                    h.actor = None
                h.target = aim
            return


PROTEST_REACH = 16


DEMAND_WORDS = {"مطالبين", "مطالبا", "مطالبه", "يطالبون", "طالبوا", "تطالب", "يطالب", "مطالبون"}


def _protest_target(sent: Sentence, h: Hit) -> None:
    """Whom a protest is against: the party named after ضد (ضد الحكم، ضد الغارات الإسرائيلية),
    after على when it follows a protest word (احتجاجا على قرار الحكومة), or addressed by a demand
    (مطالبين الحكومة التركية). A place walked through (جابوا شوارع غزة) is not the target: the
    government of the place is coded from the location instead."""
    if h.type != "PROTEST":
        return
    for i in range(h.idx + 1, min(len(sent.words), h.idx + PROTEST_REACH)):
        word = sent.words[i].text.lstrip("وف")
        prev = _bare(sent.words[i - 1].text)
        against = word == "ضد" or word in ("علي", "على") and (
            "احتج" in prev or "تظاهر" in prev or i - 1 == h.idx)
        if against or word in DEMAND_WORDS:
            aim = next((m for m in sent.mentions if i < m.first <= i + 3 and m is not h.actor
                        and (m.free or m.code)), None)   # ضد الغارات الإسرائيلية: Israel
            if aim is not None:
                h.target = aim
                return
    if h.target is not None and _a_place(h.target) and h.target.kind != "demonym":
        h.target = None
