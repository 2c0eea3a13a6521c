"""Actor and target of a coded event: word-order rules for Arabic (verb-subject-object or subject
first), agent markers of passive and nominal attacks (نفذه، برصاص، من قبل، على يد), light verbs
(قامت X بتفجير), كان + subject, plural verbs and their antecedents, partitives and owned forces,
and the sector checks that keep civilians from being coded as attackers; the target rules are
in :mod:`.targets`, shared noun-phrase helpers in :mod:`.phrases`. Used by
:func:`marsad.events.coder.code_sentence`.
"""
from __future__ import annotations

from .base import (AGENT_MARKERS, BEFORE_WINDOW, CLAUSE_PUNCT, FUNCTION_WORDS, Hit, KANA,
                   NEG_OR_MODAL, NUMBER_WORDS, OBJECT_TYPES, OBJECT_WINDOW, PARTICLES,
                   PATIENT_NOUNS, PREP_WORDS, REFLEXIVE, STRONG_SCOPE, SUBJECT_WINDOW, Sentence,
                   TIME_WORDS, VICTIM_SECTORS, _bare)
from .mentions import Mention, _quantifier
from .phrases import (ATTACK_TYPES, STRONG_PUNCT, TENS, _a_place, _bare_np, _is_count,
                      _np_object, _same_clause, _the_act, verbal_attack)
from .targets import _protest_target, _targeted, participant_target


def assign_roles(sent: Sentence, h: Hit) -> None:
    ms = [m for m in sent.mentions if not (m.first <= h.idx < m.last)]
    after = [m for m in ms if m.first > h.idx and m.first - h.idx <= OBJECT_WINDOW]
    before = [m for m in ms if m.last <= h.idx and h.idx - m.last < BEFORE_WINDOW]
    if h.trig.pos == "v":
        _verb_roles(sent, h, after, before)
    else:
        _noun_roles(sent, h, after, before)


def _verb_roles(sent: Sentence, h: Hit, after: list[Mention], before: list[Mention]) -> None:
    # a plural verb has its subject in it; فقتلت (and so it killed) goes on the clause before
    plural = _plural_verb(sent.words[h.idx].text, h.prefix) or h.prefix[:1] == "ف"
    subj = _verb_subject(sent, h, after, before, plural)
    objs = [m for m in after if m is not subj and m.free and m.prep != "في"
            and (subj is None or m.first > subj.first or subj.first > h.idx)
            and not _coordinated(sent, subj, m)]
    obj = objs[0] if objs else None
    if h.object_suffix:                    # زودتها: the object is the antecedent of ها
        obj = next((m for m in reversed(before) if m is not subj and m.free), obj)
    if subj is None and not before and not plural:
        subj = _bare_np(sent, h.idx + 1)      # VSO with an unlisted subject (a name)
    if h.type in OBJECT_TYPES and not h.object_suffix:
        start = (subj.last if subj is not None and subj.first > h.idx else h.idx + 1)
        if obj is None:
            obj = _bare_np(sent, start)
        elif h.type in ATTACK_TYPES and _a_place(obj):
            np = _np_object(sent, start)   # خطفوا مصورا فرنسيا في بوساسو بشمال الصومال
            obj = np if np is not None and np.first < obj.first else obj
    if h.type in SYMMETRIC and subj is not None:
        obj = _symmetric_partner(sent, h, subj, before, after) or obj
    if h.type in ("ASSAULT", "COERCE") and subj is not None and subj.first > h.idx and (
            subj.sector in VICTIM_SECTORS or _number_after(sent, h.idx)
            or _bare(sent.words[h.idx].text) in PASSIVE_FORMS) \
            and not _reflexive(sent, h.idx):
        obj, subj = subj, _agent(sent, h)  # قتل 5 أشخاص: the victims, not the killers
        h.explicit = subj is not None
    elif h.type == "ASSAULT" and subj is not None and subj.first < h.idx \
            and _passive_before(sent, h, subj, plural) and not _reflexive(sent, h.idx):
        obj, subj = _counted_phrase(sent, h.idx) or subj, _agent(sent, h)
        h.explicit = subj is not None      # ثلاثون متمردا قتلوا، مدنيون أصيبوا: the victims
    h.actor, h.target = subj, obj


def _passive_before(sent: Sentence, h: Hit, subj: Mention, plural: bool) -> bool:
    """The subject before the verb is who it happened to: a passive-only form (أصيبوا), or a
    killing verb in the plural after a count (22 شخصا على الأقل قتلوا، 390 مقاتلا من الحزب
    قتلوا), which news writes in the passive."""
    word = sent.words[h.idx].text[len(h.prefix):]
    if _bare(sent.words[h.idx].text) in PASSIVE_FORMS:
        return True
    return plural and word[:-2] in KILL_STEMS and _count_before(sent, h.idx) is not None


KILL_STEMS = {"قتل", "جرح", "ذبح", "اعدم", "اغتيل", "يقتل", "يجرح", "تقتل"}
COUNT_REACH = 8


def _count_before(sent: Sentence, idx: int) -> int | None:
    """The index of the count nearest before the verb in its clause (22 شخصا ... قتلوا)."""
    for i in range(idx - 1, max(-1, idx - COUNT_REACH), -1):
        w = sent.words[i]
        if STRONG_PUNCT.search(sent.text[w.end:sent.words[i + 1].start]):
            return None
        if w.text.isdigit() or w.text in NUMBER_WORDS or w.text in TENS:
            return i
    return None


def _counted_phrase(sent: Sentence, idx: int) -> Mention | None:
    """ثلاثة رجال شرطة وسبعة مدنيين أصيبوا: the first counted phrase is who was hit."""
    k = _count_before(sent, idx)
    if k is None:
        return None
    first = next((i for i in range(max(0, idx - COUNT_REACH), k + 1)   # the first count of
                  if _is_count(sent.words[i].text) and not STRONG_PUNCT.search(   # the clause
                      sent.text[sent.words[i].end:sent.words[k].start])), k)
    return _bare_np(sent, first)


# Forms that can only be passive (أُصيب، اغتيل): the noun after them is who it happened to.
PASSIVE_FORMS = {"اصيب", "اصيبت", "اصيبوا", "اغتيل", "اغتيلت", "اغتيلوا"}


def _verb_subject(sent: Sentence, h: Hit, after: list[Mention], before: list[Mention],
                  plural: bool) -> Mention | None:
    subj = _partitive_crowd(sent, h.idx + 1) if h.type == "PROTEST" and not plural else None
    if subj is None and before and before[-1].free and before[-1].prep is None \
            and _adjacent(sent, before[-1], h.idx):
        subj = _first_conjunct(sent, before[-1], before)   # SVO: زيلينسكي يتهم، جنوده قتلوا
    if subj is None and not plural:        # a plural verb (قتلوا) has its subject in it
        subj = next((m for m in after if m.free and m.prep is None
                     and m.first - h.idx <= SUBJECT_WINDOW and not _with_before(sent, m)), None)
    if subj is None:
        subj = next((m for m in reversed(before) if m.free and m.prep is None
                     and _same_clause(sent, m, h.idx)
                     and not (plural and (_a_place(m) or m.label == "PERSON"))), None)
        subj = _first_conjunct(sent, subj, before)
    if subj is None:
        subj = _kana_subject(sent, h)
    if subj is None and h.idx and sent.words[h.idx - 1].text in HE_SAID:
        subj = _reporter(sent, h.idx - 1)  # وقال الأصبحي إنه بحث مع: the speaker did it
    if subj is None and plural:
        subj = _antecedent(sent, h)
    if subj is None and h.type in ("CONSULT", "COOPERATE", "AGREE"):
        subj = next((m for m in after if m.prep == "بين"), None)   # جرت المفاوضات بين الرئيسين
    if subj is None and not plural:
        subj = next((m for m in after if m.kind == "adj" and m.first - h.idx <= SUBJECT_WINDOW), None)
    return subj


def _partitive_crowd(sent: Sentence, i: int) -> Mention | None:
    """خرج المئات من أبناء العشائر، سير آلاف من الطلاب: the people after the count's من are
    the crowd; a noun phrase no lexicon knows is taken as civilians."""
    words = sent.words
    while i < len(words) and words[i].text in TIME_WORDS and words[i].text != "من":
        i += 1
    if i < len(words) and words[i].text in ("نحو", "حوالي", "زهاء"):
        i += 1
    if not (i + 2 < len(words) and _quantifier(words[i].text) and words[i + 1].text == "من"):
        return None
    found = next((m for m in sent.mentions if m.first == i + 2 and m.free), None)
    if found is not None:
        return found
    np = _bare_np(sent, i + 2)
    if np is not None:
        np.sector = "CVL"
    return np


HE_SAID = {"انه", "انها", "بانه", "بانها", "وانه", "وانها"}
REPORTER_REACH = 10


def _reporter(sent: Sentence, k: int) -> Mention | None:
    """The subject of the speech verb before إنه/إنها (قال X إنه ...، X قال إنه ...)."""
    for i in range(k - 1, max(-1, k - REPORTER_REACH), -1):
        if _bare(sent.words[i].text) in SPEECH_VERBS:
            after = next((m for m in sent.mentions if m.first == i + 1 and m.free), None)
            before = next((m for m in sent.mentions if m.last == i and m.free), None)
            return after or before or (_bare_np(sent, i + 1) if i + 1 < k else None)
    return None


def _with_before(sent: Sentence, m: Mention) -> bool:
    """بحث مع نائب الرئيس السوداني: a party after مع (and a title) is a partner, not the subject."""
    return any(sent.words[k].text == "مع" for k in range(max(0, m.first - 2), m.first))


def _plural_verb(word: str, prefix: str) -> bool:
    """اختطفوا، يحتجون: the verb carries a plural subject pronoun. In verb-first order Arabic
    verbs are singular (قتل الجنود), so a plural form's subject is before it or a pronoun."""
    rest = word[len(prefix):]
    return len(rest) > 3 and rest.endswith("وا") or (
        len(rest) > 4 and rest[:1] in ("ي", "ت") and rest.endswith("ون"))


def _antecedent(sent: Sentence, h: Hit) -> Mention | None:
    """Who "they" are (وانهم اختطفوا، ثم أطلقوا): the nearest group named before the verb in
    the sentence, not after a preposition; places and single persons are not "they"."""
    for m in reversed(sent.mentions):
        if m.last <= h.idx and m.free and not _a_place(m) and m.label != "PERSON" and (
                m.prep is None or _right_before(sent, m, h.idx)):
            return m                       # (بين الشرطة ومتظاهرين كانوا يحتجون: any preposition)
    return _kana_subject(sent, h, window=h.idx + 1)


def _right_before(sent: Sentence, m: Mention, idx: int) -> bool:
    """Only كان forms or الذين stand between the mention and the verb."""
    return all(w.text in KANA or w.text in RELATIVES for w in sent.words[m.last:idx])


RELATIVES = {"الذين", "اللذين", "اللذان", "اللواتي", "اللاتي", "الذي", "التي"}


SYMMETRIC = ("CONSULT", "COOPERATE", "AGREE")


def _symmetric_partner(sent: Sentence, h: Hit, subj: Mention, before: list[Mention],
                       after: list[Mention]) -> Mention | None:
    """Who the subject met, agreed or worked with: the مع party (ناقش X مع Y), the second of
    two joined subjects (X ونظيره Y ناقشا), or the second party after بين (بين X وY)."""
    with_party = next((m for m in after if m is not subj and (m.prep == "مع" or _with_before(sent, m))), None)
    if with_party is not None:
        return with_party
    if subj.first < h.idx:
        return next((m for m in before if m.first > subj.first and m.free and m.prep is None
                     and _same_clause(sent, m, h.idx) and _joined(sent, m)), None)
    if subj.prep == "بين":
        return next((m for m in after if m.first >= subj.last and m.prep == "بين"
                     and _joined(sent, m)), None)
    return None


def _joined(sent: Sentence, m: Mention) -> bool:
    """The mention starts with و (وكوريا) or follows a word that does (و، ونظيره الفرنسي)."""
    return sent.words[m.first].text[:1] == "و" or (
        m.first > 0 and sent.words[m.first - 1].text[:1] == "و")


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


def _coordinated(sent: Sentence, subj: Mention | None, m: Mention) -> bool:
    """الولايات المتحدة والمملكة المتحدة: a second subject joined by و, not an object."""
    return subj is not None and m.first == subj.last and sent.words[m.first].text[:1] == "و"


def _adjacent(sent: Sentence, m: Mention, idx: int) -> bool:
    """The mention ends right before the verb (a negation or modal word may sit between)."""
    between = [w.text for w in sent.words[m.last:idx]]
    return len(between) <= 1 and all(b in NEG_OR_MODAL or _modifier(b) for b in between) \
        and (_same_clause(sent, m, idx) or _quote_opens(sent, m, idx))


def _quote_opens(sent: Sentence, m: Mention, idx: int) -> bool:
    """قال إن موسكو «سوف تساعد: the quotation opens between the subject and its verb."""
    gap = sent.text[sent.words[m.last - 1].end:sent.words[idx].start]
    return gap.count("«") == 1 and not CLAUSE_PUNCT.search(gap.replace("«", ""))


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
        if word == "مع" and i < h.idx + 8 and _bare(sent.words[i - 1].text) in CLASH_NOUNS:
            return next((m for m in sent.mentions if m.first == i + 1), None)
    return None


# قتلوا في مواجهات مع قوات الأمن: the side the victims clashed with killed them
CLASH_NOUNS = {"مواجهات", "اشتباكات", "اشتباك", "مواجهه", "معارك", "معركه", "مواجهات"}


CLAIM_MARKERS = {"تبنته", "تبناه", "تبنتها", "تبناها", "تبنت", "تبني"}


def _marker_ok(sent: Sentence, i: int, word: str) -> bool:
    """قبل and يد mark the doer only as من قبل and على يد (قبل يومين is a time)."""
    need = MARKER_PREVIOUS.get(word)
    return need is None or i > 0 and sent.words[i - 1].text in need


MARKER_PREVIOUS = {"قبل": ("من",), "يد": ("علي", "على"), "ايدي": ("علي", "على")}


LIGHT_VERBS = {"قام", "قامت", "قاموا", "نفذ", "نفذت", "نفذوا", "شن", "شنت", "شنوا", "وجه", "وجهت",
               "وجهوا", "ارتكب", "ارتكبت", "ارتكبوا", "يقوم", "تقوم", "يقومون", "ينفذ", "تنفذ",
               "يشن", "تشن", "سير", "سيرت", "سيروا", "نظم", "نظمت", "نظموا"}


LIGHT_WINDOW = 10
def _light_subject(sent: Sentence, h: Hit) -> Mention | None:
    """قامت امرأة بلجيكية ... بتفجير نفسها، نفذ الجيش ضربة: the subject of a light verb before
    the noun in the same clause is the doer."""
    for i in range(h.idx - 1, max(-1, h.idx - LIGHT_WINDOW), -1):
        if _bare(sent.words[i].text) in LIGHT_VERBS:
            if STRONG_PUNCT.search(sent.text[sent.words[i].end:sent.words[h.idx].start]):
                return None                # (commas may bracket an aside: تقوم، إلى جانب ...، بـ)
            if i + 1 >= h.idx or _bare(sent.words[i + 1].text) in SERIES_NOUNS:
                return None                # نفذ (سلسلة من) الغارات: the subject is before it
            crowd = _partitive_crowd(sent, i + 1) if h.type == "PROTEST" else None
            if crowd is not None:          # وسيّر المئات من أبناء دارفور مظاهرة
                return crowd
            return next((m for m in sent.mentions if i < m.first < h.idx and m.free
                         and m.prep is None), None) or _bare_np(sent, i + 1) \
                or _subject_before(sent, i)
    return None


def _subject_before(sent: Sentence, i: int) -> Mention | None:
    """الولايات المتحدة (بدلا من ذلك) تقوم ... بمحاولات: the subject before the light verb."""
    return next((m for m in reversed(sent.mentions) if m.last <= i and m.free and m.prep is None
                 and _same_clause(sent, m, i)), None)


SERIES_NOUNS = {"سلسله", "موجه", "جوله", "عدد", "عشرات", "مئات", "مزيد", "عمليه", "عمليات",
                "حمله", "سلسلتين"}


KANA_WINDOW = 14       # وكانت «كتائب عز الدين القسام»، الجناح العسكري لحركة حماس، قد أطلقت


def _kana_subject(sent: Sentence, h: Hit, window: int = KANA_WINDOW) -> Mention | None:
    """وكان الوحيدي أطلق، وكانت «كتائب القسام» ... قد أطلقت: the subject after كان."""
    for i in range(h.idx - 1, max(-1, h.idx - window), -1):
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
    if lemma in PATIENT_NOUNS or h.prefix.lstrip("وف")[:1] in ("ب", "ل") \
            and lemma not in AGENT_GENITIVE:
        h.target = nxt if nxt is not None and nxt.free else None
        if h.target is None and h.type in OBJECT_TYPES:
            h.target = _bare_np(sent, h.idx + 1)
        _fallback_actor(sent, h, prior)
        return
    agent = _claimant(sent, h) or _agent(sent, h)
    if agent is not None:                  # هجوم انتحاري نفذته امرأة: the named doer
        h.actor, h.explicit = agent, True
    elif nxt is not None and (nxt.prep is None or nxt.prep == "ل" and h.type in STRONG_SCOPE):
        h.actor = nxt                      # (هجوم لطالبان; but انتقادات لحزب: the party criticised)
    elif after and after[0].kind == "adj" and after[0].prep is None and after[0].first - h.idx <= 3:
        h.actor = after[0]                 # غارة جوية إسرائيلية
    else:
        _fallback_actor(sent, h, prior)
    tgt = [m for m in after if m is not h.actor and m.free
           and m.prep in ("على", "علي", "ضد", "ل", "مع", "الى")]
    h.target = tgt[0] if tgt else None


# Event nouns whose genitive is the doer even after ب (قتلوا بغارات طائرات التحالف), unlike
# verbal nouns whose genitive is the patient (بتفجير السيارة).
AGENT_GENITIVE = {"غاره", "غارات", "هجوم", "هجمات", "ضربات", "ضربه", "كمين", "معارك",
                  "اعتداءات", "اعتداء"}


def _fallback_actor(sent: Sentence, h: Hit, prior: Mention | None) -> None:
    h.actor = _agent(sent, h)
    h.explicit = h.actor is not None
    h.actor = h.actor or _light_subject(sent, h)
    if h.actor is None and prior is not None and not _speaker(sent, prior):
        h.actor, h.guessed, h.prior = prior, _place_like(prior), True


SPEECH_VERBS = {"قال", "قالت", "اعلن", "اعلنت", "ذكر", "ذكرت", "اكد", "اكدت", "اوضح", "اوضحت",
                "افاد", "افادت", "اشار", "اشارت", "صرح", "صرحت", "نقل", "نقلت", "اضاف", "اضافت",
                "قالوا", "اعلنوا", "ذكروا", "اكدوا", "افادوا", "اشاروا", "يقول", "تقول", "تحدث",
                "تحدثت", "مصدر", "مصادر"}   # (أفاد مصدر مسؤول: the source of the report)


def _speaker(sent: Sentence, m: Mention) -> bool:
    """قالت وزارة الداخلية إن ... انفجار: who reports the event is its source, not its doer."""
    before = sent.words[m.first - 1].text if m.first else ""
    after = sent.words[m.last].text if m.last < len(sent.words) else ""
    if after in CLAIMS:
        return False                       # أعلنت طالبان المسؤولية عن الهجوم: the doer claims it
    return _bare(before) in SPEECH_VERBS or _bare(after) in SPEECH_VERBS   # (قال إن الجيش: no)


def _claimant(sent: Sentence, h: Hit) -> Mention | None:
    """أعلنت طالبان المسؤولية عن الهجوم: who claims the attack did it."""
    k = h.idx - 1
    while k > 0 and sent.words[k].text in ("عن", "علي", "على"):
        k -= 1
    if k < 1 or sent.words[k].text not in CLAIMS:
        return None
    return next((m for m in sent.mentions if m.last == k and m.free), None)


CLAIMS = {"المسؤوليه", "مسؤوليتها", "مسؤوليته", "مسؤوليتهم", "مسووليه", "المسووليه"}


def _place_like(m: Mention) -> bool:
    """A place named before a nominal event (في بغداد ... مقتل) is weak evidence of its doer:
    another trigger of the incident that names one replaces it."""
    return m.kind in ("country", "capital") or m.label in ("GPE", "LOC", "FAC")


def _self_mention(sent: Sentence, h: Hit) -> Mention | None:
    for m in sent.mentions:
        if m.first <= h.idx < m.last:
            return m
    if _bare(sent.words[h.idx].text).startswith("احتجاج"):
        group = _protest_doer(sent, h)     # أحرق أحد التونسيين نفسه احتجاجا: who protested
        if group is not None:
            return group
    return Mention(h.idx, h.idx + 1, sector="CVL", kind="sector")


def _protest_doer(sent: Sentence, h: Hit) -> Mention | None:
    """احتجاجا (in protest) qualifies an act: its doer is the group named before it in the
    sentence (a protester sector, a plural demonym or a named organisation)."""
    for m in reversed(sent.mentions):
        if m.last <= h.idx and m.prep in (None, "من") and (
                m.sector in PROTESTERS or m.kind == "demonym" or m.label in ("ORG", "NORP")):
            return m
    return None


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
    """جنوده قتلوا، قواتها: the forces of the nearest coded mention before them (for the
    target too: أعلن الجيش الأميركي مقتل اثنين من جنوده)."""
    m = h.actor
    if m is not None and m.kind == "sector" and not m.code and not h.explicit \
            and _owned(sent.words[m.last - 1].text):  # (نفذته امرأة is not owned)
        h.actor = _owner(sent, m) or m
    t = h.target
    if t is not None and t.kind == "sector" and not t.code and _owned(sent.words[t.last - 1].text):
        owner = _owner(sent, t)
        if owner is not None and owner is not h.actor:
            h.target = owner


def _owner(sent: Sentence, m: Mention) -> Mention | None:
    return next((o for o in reversed(sent.mentions) if o.last <= m.first and (o.code or o.sector)
                 and o.free), None)


NON_VIOLENT = {"CVL", "MED", "EDU", "LAB", "REF", "REL"}


ARMED = {"MIL", "REB", "UAF", "CRM", "COP"}


def _violent_actor(sent: Sentence, h: Hit) -> None:
    """Civilians, media and refugees are the victims of an ASSAULT, not its doers; a bomber who
    blows himself up (فجر نفسه) is the armed mention before the verb."""
    if h.type != "ASSAULT":
        return
    reflexive = _reflexive(sent, h.idx)
    if h.actor is not None and h.actor.sector in NON_VIOLENT and not reflexive and not h.explicit:
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


def participant_actor(sent: Sentence, h: Hit) -> None:
    """وفرضت عقوبات، قتل وجرح عشرات: the act itself or another trigger is not the doer."""
    a = h.actor
    if a is not None and a.kind == "np" and (_the_act(sent, h, a) or any(
            a.first <= k < a.last for k in sent.triggers | {h.idx})):
        h.actor = None


def apply_actor_types(sent: Sentence, h: Hit) -> None:
    _targeted(sent, h)
    _partitive_actor(sent, h)
    _resolve_owned(sent, h)
    _violent_actor(sent, h)
    _distinct_roles(h)
    participant_actor(sent, h)
    participant_target(sent, h)
    if h.trig.mil and military(h.actor):
        h.type = h.trig.mil
    if h.type == "ASSAULT" and verbal_attack(sent, h):
        h.type = "ACCUSE"                  # وهاجم الإجراءات، الهجوم على الاتفاق
    if h.type == "PROTEST" and (h.actor is None or h.actor.sector not in PROTESTERS
                                and h.actor.kind != "demonym"):
        crowd = [m for m in sent.mentions if m.sector in PROTESTERS and m.prep in (None, "من")]
        if crowd:                          # أحرق متظاهرون أعلام: the crowd protests, not the object
            h.actor = min(crowd, key=lambda m: abs(m.first - h.idx))
            if h.target is h.actor:
                h.target = None
    _protest_target(sent, h)
    if h.target is h.actor:
        h.target = None
