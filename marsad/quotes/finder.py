"""Find reporting acts in one article: cue, speaker phrase, reported content, kind.

For each reporting cue outside quotation marks (lexicon ``cues.tsv``), in sentence order:

* a **verb** (قال، أكدت، يشير، مضيفا ...) reads its frame to the right: an optional speaker phrase
  (VSO order; a subject just before the verb is taken for SVO), frame adjuncts (في تصريح لـ…،
  أمس), then what opens the content: a complementiser (إن، أن، بأن ...), one of the verb's
  prepositions (أشار إلى، كشف عن ...), a colon or a quotation mark; verbs that take a direct
  object (أعلن مقتل ...) may start the content right after the speaker phrase;
* a **frame** (بحسب، وفق، وفقا لـ، حسب ما ذكرت ...) names its speaker after it; the content is
  the clause after the frame when the frame opens the sentence ("وبحسب هولو، فإن ..."), else the
  clause before it ("..., وفق الناطق باسم المقاومة");
* the content runs to the end of the sentence, or to the next cue that starts a clause
  ("، مشيرا إلى أن", "، وقال", "فيما أشار"); a direct quote is the quotation itself.

Speakers without a phrase of their own are resolved by :mod:`marsad.quotes.resolve`.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter

from .acts import Act
from .frames import frame_act
from .lexicon import Cue
from .speakers import (Speaker, abbrev_dot, adjunct_at, common_words, make_speaker, owned,
                       phrase_end, token_class)
from .view import OPENING, View

FRAME_WINDOW = 30
NP_COMMA_LIMIT = 10       # a subject closed by a comma is taken whole up to this many tokens
NOT_AFTER = frozenset({"بعد", "قبل", "منذ", "حتي", "رغم", "برغم", "بمجرد", "لمجرد", "دون", "بدون"})
NEGATIONS = frozenset({"لم", "لن", "ولم", "ولن", "فلم", "فلن"})
HONORIFIC_PRONOUNS = frozenset({"سموه", "سموها", "معاليه", "فضيلته", "سعادته", "سماحته"})
BARE_PREPS = frozenset({"في", "من", "علي", "عن", "الي", "مع", "خلال", "عبر", "لدي", "ب", "ل"})
CLAUSE_PARTICLES = frozenset({"فيما", "بينما", "كما", "حيث", "وكما", "ثم"})


def find_acts(v: View) -> list[Act]:
    acts: list[Act] = []
    with_cues = {v.sent_of[k] for k in v.cue_toks}
    for sid, (a, b) in enumerate(v.sentences()):
        if sid in with_cues:
            acts.extend(_sentence_acts(v, a, b))
    return acts


def _cues(v: View, a: int, b: int) -> list[tuple[int, Cue]]:
    lo, hi = bisect_left(v.cue_toks, a), bisect_left(v.cue_toks, b)
    out = []
    for k in v.cue_toks[lo:hi]:
        if v.inside[k] or not v.is_word(k) or _name_part(v, k) or _subordinate(v, k) \
                or _construct_noun(v, k):
            continue
        out.append((k, v.cue(k)))
    return out


def _subordinate(v: View, k: int) -> bool:
    """بعد أن اعترف بالضعف: a speech verb in a temporal clause narrates, it does not report;
    لم يعلن / لن يقول: a negated one reports nothing; أُعلنت (passive, when vocalised) neither."""
    if k and (v.fold[k - 1] in NEGATIONS or v.fold[k - 1] in ("مما", "بما", "ما")
              or "dem" in v.classes(k - 1) or v.fold[k - 1] in ("وهذا", "وهذه", "فهذا")):
        return True                              # مما يشير إلى: a consequence, not a report
    if len(v.surf[k]) > 1 and "\u064f" in v.surf[k][:3] and v.fold[k][:1] not in "يت":
        return True
    if k < 2 or v.fold[k - 1] != "ان":
        return False
    prev = v.fold[k - 2]
    return prev in NOT_AFTER or (prev[:1] in "وف" and prev[1:] in NOT_AFTER)


# Past forms that are also verbal nouns (نَقْل/نَقَلَ، ذِكْر/ذَكَرَ، رَدّ/رَدَّ، حَذَر/حَذَّرَ).
NOUN_TOO = frozenset({"نقل", "ذكر", "رد", "حذر", "شرح", "وصف", "طلب"})


def _construct_noun(v: View, k: int) -> bool:
    """صهريج نقل المياه، خط نقل الطاقة: a bare form of NOUN_TOO after a preposition, or between a
    content word and a definite noun that heads no speaker phrase, is a noun, not a verb (a verb
    opens its clause after punctuation, و/ف, a complementiser or relative, its subject, or an
    indefinite noun it describes: أمر رد عليه كيم)."""
    if v.fold[k] not in NOUN_TOO or k == 0 or not v.is_word(k - 1):
        return False
    prev = v.fold[k - 1]
    if "prep" in v.classes(k - 1):
        return True                              # في رد مقتضب، على طلب: no verb after a preposition
    if v.classes(k - 1) or v.head(k - 1) is not None or v.cue(k - 1) is not None:
        return False                             # ثم نقل، الذي نقل، الوزير نقل عن
    if k + 1 >= v.n or len(prev) < 3:
        return False
    nxt = v.fold[k + 1]        # its genitive: a definite noun that is no speaker (أمر رد عليه كيم:
    return nxt.startswith("ال") and v.head(k + 1) is None and not v.classes(k + 1)   # a verb)


def _name_part(v: View, k: int) -> bool:
    """قال in a name (بن قال، أبو قال) or glued to a definite article is not a verb."""
    prev = v.fold[k - 1] if k else ""
    return prev in ("بن", "ابن", "ابو", "ابي", "بنت", "ال", "عبد")


def _sentence_acts(v: View, a: int, b: int) -> list[Act]:
    cues = _cues(v, a, b)
    acts: list[Act] = []
    consumed: set[int] = set()
    reach = -1                                   # end of the furthest accepted content so far
    for k, cue in cues:
        if k in consumed:
            continue
        if cue.cls == "skip":
            consumed.add(k)                      # يذكر أن ...: impersonal, not a report
            continue
        act = (frame_act(v, k, cue, a, b, acts) if cue.cls == "frame"
               else _verb_act(v, k, cue, b))
        if act is None:
            _note_subject(v, k, cue, b)
            continue
        consumed.update(act.consumed)
        act.content = _trim(v, act.content[0], _content_end(v, act, b, cues))
        if act.content[1] > act.content[0] and _has_words(v, *act.content) \
                and not (act.cue_tok < reach and _weak_nested(act, acts)):
            acts.append(act)
            reach = max(reach, act.content[1])
    return acts


def _note_subject(v: View, k: int, cue: Cue, b: int) -> None:
    """واعترف عمر في مداخلة ... عن خطأه وقال: «...»: the subject of a speech verb that reports
    nothing itself is still who a following "وقال" continues from."""
    if cue.cls != "verb" or cue.participle or k + 1 >= b:
        return
    end = phrase_end(v, k + 1, b)
    if end == k + 1:
        return
    sp = make_speaker(v, k + 1, end, cue.gender, "explicit")
    if sp is not None and (sp.headed or sp.name):
        v.subjects.append((k, sp))


def _weak_nested(act: Act, acts: list[Act]) -> bool:
    """A cue inside another quote's content ("ثقته بأن العالم سوف يرى «...»") reports only
    when its own speaker is a real one: a title, an outlet, a source or a quoted name."""
    if not any(a.content[0] <= act.cue_tok < a.content[1] for a in acts):
        return False
    return act.speaker is None or not act.speaker.headed


# -- verbs --------------------------------------------------------------------------------
def _verb_act(v: View, k: int, cue: Cue, b: int) -> Act | None:
    np_start, np_end, opener, content_start, consumed = k + 1, None, "", None, {k}
    described: int | None = None                 # a participle inside the frame (مبديا)
    limit = min(b, k + FRAME_WINDOW)
    j = k + 1
    while j < limit:
        s, f = v.surf[j], v.fold[j]
        r = v.region_at.get(j)
        if r is not None:
            if r.name_like or _speaker_quote(v, r, j == k + 1, b) or _inline_name(v, r, b):
                j = r.close_tok + 1
                continue
            if "«" in cue.opens or "obj" in cue.opens or "ان" in cue.opens:
                opener, content_start = "«", j
                if described is not None and j > described + 1:
                    opener, content_start = "obj", described + 1   # مبديا استغرابه من «...»
            break
        if s in ":":
            opener, content_start = ":", j + 1
            if j + 1 < b and "comp" in v.classes(j + 1) and v.region_at.get(j + 2) is None:
                content_start = j + 2                 # قالوا: إن المعاناة مستمرة
            break
        if s in ".؟?!؛;" and not abbrev_dot(v, j):
            break
        if s in "،,(" or (not v.is_word(j) and not abbrev_dot(v, j)):
            np_end = j if np_end is None else np_end
            j = _skip_paren(v, j) + 1 if s == "(" else j + 1
            continue
        cls = v.classes(j)
        if "comp" in cls:
            if v.fold[j - 1] in NOT_AFTER or not (cue.opens & {"ان", "الي", "علي", "عن", "ب", "من"}):
                break
            opener, content_start = "ان", j + 1
            break
        if "prep" in cls and f in cue.opens:
            if j + 1 < b and "comp" in v.classes(j + 1):
                opener, content_start = "ان", j + 2
            else:
                opener, content_start = "prep", j + 1
            np_end = j if np_end is None else np_end
            break
        if f.startswith("ب") and "ب" in cue.opens and len(f) > 3 and j > k + 1 \
                and (v.is_def(j) or owned(v, j)):
            opener, content_start = "prep", j         # أقر بأن / أفاد بسقوط
            np_end = j if np_end is None else np_end
            break
        sub = v.lex.cue(f)
        if sub is not None and sub.cls == "verb" and not _construct_noun(v, j):
            if sub.participle and content_start is None and j <= k + 8 and not v.is_punct(j - 1):
                consumed.add(j)                       # وتابع قائلا: / وتابع حمودة موضحا أن
                np_end = j if np_end is None else np_end
                if sub.lemma != "قال":
                    described = j
                j += 1
                continue
            break
        if np_end is None and (adjunct_at(v, j) or "time" in cls or "adv" in cls):
            restart = _past_adjunct(v, j, b) if j == np_start else None
            if restart is not None:               # وقال لـ«عكاظ» عدد من السكان: the subject
                j = np_start = restart            # comes after the adjunct
                continue
            np_end = j
        j += 1
    if np_end is None:
        np_end = j if content_start is not None else None
    if (content_start is not None or "obj" in cue.opens) and _present_svo(v, k, cue):
        speaker = _subject_before(v, k, cue)
        if speaker is not None and speaker.headed:
            start = content_start if opener == "ان" or content_start == k + 2 else k + 1
            return Act(k, cue, (start, b), speaker, opener or "obj", cue.gender, consumed,
                       explicit=True)
    if content_start is None:
        return _object_act(v, k, cue, b, consumed)
    if opener == "«" and "«" not in cue.opens and not cue.participle and content_start > k + 1:
        end = _object_subject_end(v, k + 1, content_start)   # شكر البيان أفراد المقاومة «…»
        if k + 1 < end < content_start:
            np_end, content_start = end, end
    speaker = _speaker_phrase(v, k, np_start, min(np_end, content_start), cue)
    if speaker is False:
        return None
    if speaker and not speaker.name and np_end < content_start:
        _apposition_name(v, speaker, np_end, content_start)
    if opener == "prep" and speaker and speaker.start > v.starts[k]:
        after = v.tok_at(speaker.end)            # دعا الرئيس هادي الميليشيات إلى ...: the
        if after < content_start - 1 and all(    # addressee belongs to the content
                v.is_word(t) and not v.classes(t) & {"time", "adv", "prep"} and not adjunct_at(v, t)
                for t in range(after, content_start - 1)):
            content_start = after
    return Act(k, cue, (content_start, b), speaker or None, opener, cue.gender, consumed,
               explicit=bool(speaker))


def _apposition_name(v: View, speaker: Speaker, comma: int, stop: int) -> None:
    """وقال الرئيس التنفيذي للنهدي الطبية، المهندس ياسر جوهرجي: the name in the apposition."""
    i = comma + 1
    if comma >= v.n or v.surf[comma] not in "،," or i >= stop or token_class(v, i) != "T":
        return
    end = phrase_end(v, i, stop)
    appo = make_speaker(v, i, end, speaker.gender, "explicit")
    if appo is not None and appo.name:
        speaker.name, speaker.name_span = appo.name, appo.name_span


def _speaker_quote(v: View, r, right_after_verb: bool, b: int) -> bool:
    """وأضافت «إندبندنت» أن ...: a short quotation right after the verb, before a
    complementiser, is the speaker's name."""
    a, e = r.inner
    words = sum(1 for t in range(a, e) if v.is_word(t))
    nxt = r.close_tok + 1
    if (right_after_verb and r.balanced and words <= 3 and nxt < b
            and bool(v.classes(nxt) & {"comp", "prep"})):
        r.name_like = True
        return True
    return False


def _inline_name(v: View, r, b: int) -> bool:
    """لشبكة «كادينا كوبي» الإذاعية: a short quotation that the sentence runs on after (a word
    follows the closing mark) names something; a quote ends at punctuation or a frame."""
    a, e = r.inner
    nxt = r.close_tok + 1
    if not r.balanced or sum(1 for t in range(a, e) if v.is_word(t)) > 3 or nxt >= b:
        return False
    if v.is_word(nxt) and not v.classes(nxt) & {"prep", "particle", "time"} and not v.cue(nxt):
        r.name_like = True
        return True
    return False


def _speaker_phrase(v: View, k: int, i: int, j: int, cue: Cue):
    """Speaker after the verb; False when the subject makes it non-reporting."""
    if cue.participle:
        return None
    if j > i + 3 and v.fold[i] in ("بيان", "البيان") and v.fold[i + 1] in ("صادر", "الصادر", "صدر") \
            and v.fold[i + 2] == "عن":
        i += 3                                   # بيان صادر عن المجلس: the council speaks
    if j == i + 1 and v.fold[i] in HONORIFIC_PRONOUNS:
        return None                              # وقال سموه: the prince named before
    if j > i and _owned(v, i) and not v.head(i):
        return None                              # انتقدت اتهامهما ...: an object, no subject
    if j > i and (v.fold[i] in BARE_PREPS or v.fold[i].startswith(("بال", "كال"))
                  or ("prep" in v.classes(i) and not v.fold[i].endswith(("ه", "ها", "هم")))):
        return _subject_before(v, k, cue)        # أعلن في العاصمة الرياض أن: no subject after
    if j > i:
        end = phrase_end(v, i, j)
        if end == i and v.region_at.get(i) is None:
            return None
        if _present(v, k, cue) and token_class(v, i) == "D" and not v.head(i):
            return False                         # يضيف الهدف الثاني، يقول المبدأ الأساسي
        sp = make_speaker(v, i, max(end, i + 1), cue.gender, "explicit")
        if sp is None and token_class(v, i) == "I":
            return False
        return sp
    sp = _subject_before(v, k, cue)
    if sp is not None and _present(v, k, cue) and not sp.headed and not sp.name_span:
        return False                             # المبدأ الأساسي يقول إنه ...
    return sp


def _present(v: View, k: int, cue: Cue) -> bool:
    f = v.fold[k]
    if f[:1] in "وف" and v.lex.cues.get(f) is None:
        f = f[1:]
    return not cue.participle and f[:1] in "يت" and not cue.lemma.startswith("ت")


def _present_svo(v: View, k: int, cue: Cue) -> bool:
    """الرئيس اليمني يدعو الميليشيات ...: a present-tense verb without و after a noun phrase
    has its subject before it."""
    f = v.fold[k]
    if cue.participle or f[:1] not in "يت" or cue.lemma.startswith("ت") or k == 0:
        return False
    p = k - 1
    if k + 1 < v.n and (v.head(k + 1) or v.region_at.get(k + 1)):
        return False                             # تقول مصادر أمنية: VSO after all
    pf = v.fold[k - 1]
    if pf.endswith("ا") and not pf.endswith("يا") and not v.is_def(k - 1) and not v.head(k - 1):
        return False                             # أقر البرلمان قانونا يشدد: an accusative
    return v.is_word(p) and token_class(v, p) in ("N", "D", "O", "T") and not v.cue(p)


def _subject_before(v: View, k: int, cue: Cue) -> Speaker | None:
    """SVO: "وسائل الإعلام الإنجليزية تصر على أن", "«ذي دايلي مايل» التي رأت أن"."""
    if v.fold[k][:1] in "وف" and v.lex.cues.get(v.fold[k]) is None:
        return None
    j = k
    if j and "rel" in v.classes(j - 1):
        j -= 1
    i = j
    first = v.sentence_span(k)[0]
    while i > first and j - i < 6:
        p = i - 1
        if v.surf[p] in "»”\"":
            r = v.name_closed_at(p)
            if r is None:
                break
            i = r.open_tok
            continue
        if v.fold[p] in ("قد", "وقد") and i == j:
            j = i = p                            # تقارير صحافية قد تحدثت عن ...
            continue
        if v.is_punct(p) or token_class(v, p) == "F" or v.cue(p) or (
                v.fold[p][:1] in "وف" and "prep" in v.lex.word(v.fold[p][1:])):
            break                                # وعن استعدادات فريقه ...: a topic, not a subject
        i = p
    if i == j or (j == k and i > first and ("prep" in v.classes(i - 1)
                                          or v.fold[i - 1][:1] in "وف" and "prep" in
                                          v.lex.word(v.fold[i - 1][1:]))):
        return None                              # وعن موعد العودة إلى عدن قال: not a subject
    if j - i > 2 and v.region_at.get(i) is None and not v.head(i):
        heads = [t for t in range(i, j) if v.head(t)]
        i = heads[0] if heads else j - 2         # وزير الخارجية التونسي الطيب البكوش قال
    return make_speaker(v, i, j, cue.gender, "explicit")


def _object_act(v: View, k: int, cue: Cue, b: int, consumed: set[int]) -> Act | None:
    """أعلنت الشرطة الاتحادية إحباط ...، مؤكدًا حفظ حقوقهم: content is the verb's object."""
    if "obj" not in cue.opens:
        return None
    if cue.participle:
        return Act(k, cue, (k + 1, b), None, "obj", cue.gender, consumed) if k + 1 < b else None
    i = k + 1
    if i >= b:
        return None
    if _content_word(v, i):
        return Act(k, cue, (i, b), None, "obj", cue.gender, consumed)
    end = phrase_end(v, i, b)
    if not (end < b and v.surf[end] in "،," and end - i <= NP_COMMA_LIMIT):
        end = _object_subject_end(v, i, b)      # else: انتقد رئيس اللجنة ... أحمد توكلي، ردة فعل
    if end == i:
        return None
    if _owned(v, i) and not v.head(i):
        return None                              # انتقدت اتهامهما ...: the object, no subject
    if token_class(v, i) == "N" and not v.head(i):
        end = _bare_name_before_object(v, i, end)
        if end is None:
            return None                          # وأضافت أسماء لم تعلن: not a subject
    speaker = make_speaker(v, i, end, cue.gender, "explicit")
    if speaker is None or (_present(v, k, cue) and not speaker.headed):
        return None                              # ويؤكد أمن المنطقة: an object, not a speaker
    j = end
    while j < b and (adjunct_at(v, j) or v.classes(j) & {"time", "adv"} or v.surf[j] in "،,"):
        j = _skip_adjunct(v, j, b)
    if j >= b:
        return None
    return Act(k, cue, (j, b), speaker, "obj", cue.gender, consumed, explicit=True)


def _content_word(v: View, i: int) -> bool:
    """أعلنت مقتل ...، انتقد أحزابًا: a verbal noun or an accusative right after the verb is
    its object, so the verb has no subject phrase."""
    return "masdar" in v.classes(i) or "\u064b" in v.surf[i]


def _owned(v: View, k: int) -> bool:
    return owned(v, k) and len(v.fold[k]) >= 5


def _bare_name_before_object(v: View, i: int, end: int) -> int | None:
    """وأكد شتاينماير تفهمه ...، أعلن بوتين رفضه: a bare name is the subject when a verbal noun
    with a pronoun (the object, whose owner is the subject) follows it."""
    for m in range(i + 1, min(end + 2, i + 4, v.n)):
        if v.is_word(m) and _owned(v, m):
            return m
    return None


def _object_subject_end(v: View, i: int, b: int) -> int:
    """Subject of an object-taking verb: title + definites + name, or head + definites."""
    end = phrase_end(v, i, b)
    if end <= i:
        return i
    cls = token_class(v, i)
    if cls == "T":
        j = i + 1
        while j < end and token_class(v, j) in ("D", "Q"):
            j += 1
        if j < end and v.fold[j] == "باسم":       # المتحدث الرسمي باسم وزارة التعليم مبارك ...
            j += 1
            while j < end and token_class(v, j) in ("D", "O", "Q"):
                j += 1
        m = j
        while m < end and token_class(v, m) in ("N", "D") and m - j < 4:
            m += 1
        named = _titled_person_end(v, j, end)
        return named if named > j else m
    if cls in ("O", "D", "Q"):
        j = i + 1
        while j < end:
            c = token_class(v, j)
            if c in ("D", "O", "Q"):
                j += 1
            elif v.fold[j] == "في" and j + 1 < end and token_class(v, j + 1) in ("N", "D"):
                j += 2                                # مجلس المقاومة الشعبية في عدن
            else:
                break
        return _person_after(v, j, end)
    return max(_name_end(v, i, end), _person_after(v, i, end))


def _person_after(v: View, j: int, end: int) -> int:
    """A person's name the NER found right at ``j`` belongs to the subject (نفت الممثلة | رجاء
    الجداوي ما تردد): extend over it, up to NAME_MAX tokens."""
    for e in range(j, min(end, j + NAME_MAX)):
        if token_class(v, e) not in ("N", "D"):
            break
        if e in v.person_ends:
            return e + 1
    return j


NAME_MAX = 4
TITLE_CHAIN = 10           # tokens a title's complement may run before the person's name


def _titled_person_end(v: View, j: int, end: int) -> int:
    """مدير هيئة العلاج والتنويم بالمدينة عبدالعزيز العنزي | أهمية: after a title and its
    complement (organisation, place), the end of the person's name the NER found, with a family
    name it left out; ``j`` if there is none."""
    best = j
    for e in range(j, min(end, j + TITLE_CHAIN)):
        if token_class(v, e) not in ("N", "D", "O", "Q"):
            break
        if e in v.person_ends:
            best = e + 1
            if best < end and token_class(v, best) == "D" and v.fold[best] not in common_words():
                best += 1
            break
    return best


def _name_end(v: View, i: int, end: int) -> int:
    j = i
    while j < end and token_class(v, j) == "N" and j - i < 3:
        j += 1
    return j


def _past_adjunct(v: View, j: int, b: int) -> int | None:
    """First token after a time word or a quoted outlet (أمس، لـ«عكاظ») at ``j``; None for other
    adjuncts, after which the subject is not expected (لتلفزيون رويترز، بهذا الخصوص)."""
    if "time" in v.classes(j):
        return j + 1
    if v.fold[j] in ("ل", "لـ") and j + 1 < b:
        r = v.region_at.get(j + 1)
        if r is not None and r.balanced and r.name_like:
            return r.close_tok + 1
    return None


def _skip_adjunct(v: View, j: int, b: int) -> int:
    j += 1
    while j < b and not v.is_punct(j) and token_class(v, j) not in ("F",) and j < b:
        if adjunct_at(v, j):
            break
        if "adjunct" in v.lex.word(v.fold[j]) or v.surf[j - 1] in "«":
            j += 1
            continue
        break
    return j


def _skip_paren(v: View, j: int) -> int:
    k = j
    while k < v.n and v.surf[k] != ")" and k - j < 12:
        k += 1
    return k if k < v.n and v.surf[k] == ")" else j


# -- content ------------------------------------------------------------------------------
def _content_end(v: View, act: Act, b: int, cues: list[tuple[int, Cue]]) -> int:
    a = act.content[0]
    if act.opener == "frame" and act.content[1] <= act.cue_tok:
        return act.content[1]
    r = v.region_at.get(a)
    if r is not None and not r.name_like and act.opener in ("«", ":"):
        end = r.close_tok + 1
        return end
    for k, cue in cues[bisect_right(cues, a, key=_cue_tok):]:   # cues are in token order
        if k in act.consumed or v.inside[k]:
            continue
        if _starts_clause(v, k, cue):
            return k
    return b


_cue_tok = itemgetter(0)


def _starts_clause(v: View, k: int, cue: Cue) -> bool:
    prev = v.surf[k - 1] if k else ""
    if cue.cls == "skip":
        return False
    if cue.cls == "frame":
        return prev in "،,"
    if cue.participle:
        return prev in "،,؛;" or v.fold[k][:1] == "و" or v.fold[k - 1] in CLAUSE_PARTICLES
    if prev in "،,؛;." or (v.fold[k][:1] in "وف" and v.fold[k] not in v.lex.cues):
        return True
    if v.fold[k - 1] in CLAUSE_PARTICLES:
        return True
    return False


def _trim(v: View, a: int, b: int) -> tuple[int, int]:
    while b > a and v.is_punct(b - 1) and v.surf[b - 1] not in "»”\")" + OPENING:
        b -= 1
    while b > a and (v.fold[b - 1] in ("وذلك", "و", "ذلك") or v.fold[b - 1] in CLAUSE_PARTICLES):
        b -= 1
    while b > a and v.is_punct(b - 1) and v.surf[b - 1] not in "»”\")":
        b -= 1
    return a, b


def _has_words(v: View, a: int, b: int) -> bool:
    return sum(1 for k in range(a, b) if v.is_word(k)) >= 2
