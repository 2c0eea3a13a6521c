"""Who said it: explicit speakers, titles (وقال الوزير → the minister named in the article),
continuations (وأضاف، مشيرا إلى أن → the speaker before, agreeing in gender), entity links.

The timeline of candidates for a continuation holds every resolved speaker (at its cue) and every
titled name that is the subject of a sentence-initial verb ("ودشن الدكتور عبد الله الربيعة ...",
who may go on "وأشار إلى أن ..." without a speech verb before).
"""
from __future__ import annotations

from dataclasses import replace

from ..document import Article
from .acts import Act
from .speakers import Mention, Speaker, resolve_title
from .lexicon import fold
from .view import View

UNNAMED = "unnamed sources"


def resolve(v: View, acts: list[Act], mentions: list[Mention], article: Article) -> list[Speaker]:
    timeline: list[tuple[int, Speaker]] = [(m.tok, m.speaker) for m in mentions
                                           if _subject_position(v, m.tok)] + list(v.subjects)
    timeline += _known_subjects(v, mentions, acts)
    history: list[Speaker] = []
    out: list[Speaker] = []
    by_word = _by_title_word(mentions)
    for n, act in enumerate(acts):
        sp = act.speaker
        if sp is not None:
            sp = _with_title(sp, by_word, history)
        else:
            sp = _inherit(v, act, acts[n - 1] if n else None, out[-1] if out else None, timeline)
        sp = _link(sp, article)
        out.append(sp)
        if sp.text or sp.name:
            history.append(sp)
            timeline.append((act.cue_tok, sp))
    return out


OPENERS = frozenset({"من", "جانبه", "جانبها", "جهته", "جهتها", "بدوره", "بدورها", "،", ","})


def _subject_position(v: View, tok: int) -> bool:
    """Right after the sentence's first verb, also behind "من جانبه،", "بدوره،"."""
    a, _ = v.sentence_span(tok)
    if tok == a + 1:
        return v.is_word(a)
    return (a + 1 < tok <= a + 4 and v.is_word(tok - 1) and not v.classes(tok - 1)
            and all(v.fold[t] in OPENERS for t in range(a, tok - 1)))


def _known_subjects(v: View, mentions: list[Mention], acts: list[Act]) -> list[tuple[int, Speaker]]:
    """بدوره، أعاد بوتين التذكير ... وقال: a bare family name already known from a titled
    mention or a speaker, as the subject of a sentence-initial verb."""
    known: dict[str, Speaker] = {}
    for sp in [m.speaker for m in mentions] + [a.speaker for a in acts if a.speaker]:
        if sp.name and sp.name_span:
            known.setdefault(fold(sp.name.split()[-1]), sp)
    if not known:
        return []
    out = []
    for a, b in v.sentences():
        t = a
        while t < b and v.fold[t] in OPENERS:
            t += 1
        p = t + 1                                  # the slot after the first verb
        if p < b and v.is_word(t) and v.fold[p] in known and _subject_position(v, p):
            ref = known[v.fold[p]]
            s, e = v.starts[p], v.ends[p]
            out.append((p, replace(ref, text=v.text[s:e], start=s, end=e, tok=p,
                                   name_span=(s, e))))
    return out


def _by_title_word(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Mentions under each word of their title, in order: a mention whose title covers a
    speaker's title is under every one of the speaker's words, so one list holds all the
    candidates (scanning every mention per speaker was quadratic on long texts)."""
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        for word in m.speaker.title or ():
            out.setdefault(word, []).append(m)
    return out


def _with_title(sp: Speaker, by_word: dict[str, list[Mention]], history: list[Speaker]) -> Speaker:
    if sp.name or not sp.title:
        return sp
    ante = resolve_title(sp, by_word.get(min(sp.title), []), history)
    if ante is None:
        return sp
    return replace(sp, name=ante.name, resolution="title", kind=ante.kind,
                   entity_id=ante.entity_id, title=sp.title | ante.title)


def _inherit(v: View, act: Act, prev: Act | None, prev_sp: Speaker | None,
             timeline: list[tuple[int, Speaker]]) -> Speaker:
    same_sentence = prev is not None and v.sent_of[prev.cue_tok] == v.sent_of[act.cue_tok]
    if act.cue.participle and same_sentence and prev_sp is not None and (prev_sp.text or prev_sp.name):
        res = prev_sp.resolution if prev_sp.resolution != "title" else "explicit"
        return replace(prev_sp, resolution=res or "continuation")
    cands = sorted(((t, s) for t, s in timeline if t < act.cue_tok), key=lambda c: c[0])
    want = act.gender
    pick = next((s for t, s in reversed(cands) if _agrees(s.gender, want)), None)
    if pick is None and cands:
        pick = cands[-1][1]
    if pick is None:
        return Speaker(None, None, None, UNNAMED, "unnamed", "-", None)
    return replace(pick, resolution="continuation")


def _agrees(have: str, want: str) -> bool:
    if want in ("-", "") or have in ("-", ""):
        return True
    return have == want


SPEAKER_TYPES = frozenset({"PERSON", "ORG", "NORP"})


def _clipped(short: str, full: str) -> bool:
    """``short`` is ``full`` from its second or third letter on (درو / بدرو كالوخا); a clitic
    before a hamza (لإيان ستانارد) was a real one."""
    i = full.find(short)
    return 0 < i <= 2 and full[:i].isalpha() and " " not in full[:i] and short[:1] not in "أإآ"


def _link(sp: Speaker, article: Article) -> Speaker:
    """Attach the entity of the ``ents`` mention on the speaker's name (or, without a name, the
    longest person/organisation mention in the phrase, a «quoted name», or a place that is the whole
    phrase: وقالت روسيا); a mention elsewhere in the phrase (المبعوث الخاص لهولاند نيكولا هولو) is
    not the speaker. A KB entity names the speaker; an unlinked one too, unless its name is the
    phrase's name without a first letter."""
    if sp.start is None or not article.layer("ents"):
        return sp
    lo, hi = sp.name_span or (sp.start, sp.end)
    best = None
    for m in article.layer("ents"):
        if m.start >= hi:
            break
        if sp.name_span is None and m.label not in SPEAKER_TYPES and (m.start, m.end) != (lo, hi) \
                and article.text[m.start - 1:m.start] != "«":
            continue     # إدارة التعليم بمحافظة القريات: the place in the phrase is not the speaker
        if m.end > lo and m.start < hi and m.attrs.get("entity_id"):
            if best is None or (m.end - m.start) > (best.end - best.start):
                best = m
    if best is None:
        return sp
    ent = article.entity(best.attrs["entity_id"])
    name = ent.name if ent is not None and ent.name else sp.name
    if ent is not None and not ent.kb_id and sp.name and ent.name and _clipped(ent.name, sp.name):
        name = sp.name     # the mention lost a first letter taken for a clitic: بدرو -> درو
    return replace(sp, entity_id=best.attrs["entity_id"], name=name)
