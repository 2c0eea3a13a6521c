"""Reporting frames: بحسب، وفق، وفقا لـ، حسب ما ذكرت، نقلا عن، برأيه.

A frame names its speaker right after it. When the frame opens the sentence ("وبحسب هولو، فإن
...", "ووفقا للناطق ... فإن ...") the content is the clause after it; otherwise it reports the
clause before it ("...، وفق الناطق باسم المقاومة"), unless a quote already covers that clause
("«...» (حسب البيان)"). Frames without a speaker-like phrase (وفق خطة زمنية، حسب الخدمة) are not
reports.
"""
from __future__ import annotations

from .acts import Act
from .lexicon import Cue, fold
from .speakers import Speaker, make_speaker, phrase_end, token_class
from .view import View

POST_PRONOUN_FRAMES = frozenset({"تعبيره", "تعبيرها", "قوله", "قولها", "وصفه", "وصفها", "زعمه",
                                 "زعمها", "تعبيرهم", "قولهم"})


def frame_act(v: View, k: int, cue: Cue, a: int, b: int, acts: list[Act]) -> Act | None:
    consumed = {k}
    if cue.lemma == "برأي":
        j = k + 1
        if j < b and "comp" in v.classes(j):
            j += 1
        return Act(k, cue, (j, b), None, "frame", cue.gender, consumed)
    j = k + 1
    while j < b and (v.fold[j] in ("ل", "لـ", "عن", "ما", "الي") or v.surf[j] in "ـ"):
        if v.fold[j] == "ما" and j + 1 < b and v.is_word(j + 1):
            consumed.add(j + 1)
            j += 2
            continue
        j += 1
    if j >= b:
        return None
    if v.fold[j] in POST_PRONOUN_FRAMES:
        return None
    r = v.region_at.get(j)
    if r is not None and r.balanced and r.close_tok - r.open_tok <= 5:
        r.name_like = True                     # بحسب ما ذكرت «ذي دايلي مايل»
    end = phrase_end(v, j, b)
    if end == j and r is None:
        end = _prefixed_head_end(v, j, b)
    if end <= j:
        return None
    initial = _clause_initial(v, k, a)
    if not _speakerish(v, j, end, initial):
        return None
    speaker = _strip_l(v, make_speaker(v, j, end, "-", "explicit"))
    if speaker is None:
        return None
    if initial and end < b and (v.surf[end] in "،," or v.fold[end] in ("فان", "فانه", "فانها")):
        c = end + 1 if v.surf[end] in "،," else end          # ووفقا للناطق ... فإن الجهات
        if c < b and "comp" in v.classes(c):
            c += 1
        return Act(k, cue, (c, b), speaker, "frame", "-", consumed, explicit=True)
    start = _clause_start(v, k, a, acts)
    if start is None:
        return None
    act = Act(k, cue, (start, k), speaker, "frame", "-", consumed, explicit=True)
    act.consumed.update(range(k, end))
    return act


def _strip_l(v: View, sp: Speaker | None) -> Speaker | None:
    """وفقًا لتقرير حكومي مصري: the speaker starts after the glued preposition."""
    if sp is None or not sp.text or sp.text[:1] not in "لب" or len(sp.text.split()[0]) < 4:
        return sp
    first = fold(sp.text.split()[0])
    if first.startswith("لل") or v.lex.head(first[1:]) is None:
        return sp                                # للناطق stays whole (no substring reads الناطق)
    sp.text, sp.start = sp.text[1:], sp.start + 1
    if sp.name_span is None and sp.kind != "unnamed":
        sp.name = sp.name or None
    return sp


def _prefixed_head_end(v: View, j: int, b: int) -> int:
    """وفقًا لتقرير حكومي مصري: a head glued to ل, read as a phrase."""
    f = v.fold[j]
    if f[:1] in "لب" and v.lex.head(f[1:]) is not None:
        e = j + 1
        while e < b and v.is_word(e) and token_class(v, e) in ("N", "D") and e - j < 4:
            e += 1
        return e
    return j


def _speakerish(v: View, j: int, end: int, initial: bool) -> bool:
    """Frames need a speaker: a title/source/outlet head, a quoted name, or (opening the
    sentence, before a comma) a bare name: "وبحسب هولو، فإن ..."."""
    if v.region_at.get(j) is not None:
        return True
    f = v.fold[j]
    head = v.lex.head(f) or (v.lex.head(f[1:]) if f[:1] in "لب" else None) \
        or (v.lex.head("ال" + f[2:]) if f.startswith("لل") else None)   # ووفقا للناطق ...
    if head is not None and head.role in ("title", "outlet", "org", "source"):
        return True
    if initial and end < v.n and v.surf[end] in "،," and end - j <= 3:
        return all(token_class(v, t) == "N" for t in range(j, end))   # وبحسب هولو، ...
    return False


def _clause_initial(v: View, k: int, a: int) -> bool:
    p = k - 1
    return p < a or v.is_punct(p) or v.fold[p] in ("و", "ف")


def _clause_start(v: View, k: int, a: int, acts: list[Act]) -> int | None:
    """Start of the clause a post-posed frame reports; None when a quote already covers it."""
    for act in acts:
        if act.content[0] < k <= act.content[1] + 2:
            return None
    start = max([a] + [act.content[1] for act in acts if act.content[1] <= k])
    while start < k and (v.is_punct(start) or token_class(v, start) == "F"):
        start += 1
    return start if k - start >= 3 else None
