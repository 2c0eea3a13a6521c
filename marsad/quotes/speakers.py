"""Speaker phrases: where they end, which part is a name, what kind of speaker they are, and the
people named with a title anywhere in the article (for "وقال الوزير" → the minister named earlier).

Token classes used to split a phrase (``vizier al-kharijiya al-saudi Adel al-Jubeir``):
``T`` person title (وزير، الرئيس، اللواء ...), ``O`` organisation/outlet/source head (وزارة،
صحيفة، مصادر ...), ``F`` function word (في، التي، أمس ...), ``D`` definite word (ال...), ``N`` any
other word, ``Q`` a quoted name («الغارديان»). A name is a run ``N (N|D)*`` that starts the phrase
or follows a title or a definite word once a title was seen; the first run when the phrase starts
with a name (جمال باراس خبير قانوني), the last when it starts with a title (المتحدث الرسمي
للمركز رأفت الصباغ).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .view import View

FUNCTION = frozenset({"prep", "rel", "time", "adv", "particle", "comp"})
NP_LIMIT = 16
NOUN_PREFIXES = ("بت", "بم", "لت", "لم", "بال", "كال", "وال")   # بتضافر: a noun, not a name
QUANTIFIERS = frozenset({"عدد", "بعض", "احد", "احدي", "مجموعه", "كثير", "عشرات", "مئات"})
THEOPHORIC = frozenset({"عبد", "ابو", "ابن", "بن", "ذو", "ابي", "بنت"})


@dataclass
class Speaker:
    """One speaker phrase (or an inherited one): offsets are characters in the article text."""

    text: str | None
    start: int | None
    end: int | None
    name: str | None
    kind: str
    gender: str
    resolution: str | None
    title: frozenset[str] = field(default_factory=frozenset)
    entity_id: str | None = None
    tok: int = -1            # token index where the phrase starts (ordering)
    name_span: tuple[int, int] | None = None   # characters of the name inside the phrase
    headed: bool = False     # the phrase has a lexicon head (title, outlet, org, source) or «name»

    def as_attrs(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "entity_id": self.entity_id, "name": self.name, "resolution": self.resolution,
                "kind": self.kind}


def abbrev_dot(v: View, k: int) -> bool:
    """The dot of a one-letter title abbreviation (د. محمد، م. خالد، أ. د.)."""
    return v.surf[k] == "." and k > 0 and len(v.surf[k - 1]) == 1 and v.is_word(k - 1)


def token_class(v: View, i: int) -> str:
    if abbrev_dot(v, i) or (len(v.surf[i]) == 1 and i + 1 < v.n and abbrev_dot(v, i + 1)):
        return "T"                                # د. محمد الزهراني
    if v.is_punct(i):
        return "P"
    if v.classes(i) & FUNCTION:
        return "F"
    head = v.head(i)
    if head is None and v.fold[i].startswith("لل"):
        head = v.lex.head("ال" + v.fold[i][2:])  # للناطق الإعلامي ...
    if head is not None:
        return "T" if head.role == "title" else ("O" if head.role != "inanimate" else "I")
    return "D" if v.is_def(i) or "tadj" in v.classes(i) else "N"


def units(v: View, i: int, j: int) -> list[tuple[int, int, str]]:
    """The phrase ``[i, j)`` as units ``(start_tok, end_tok, class)``; a quoted name is one unit."""
    out: list[tuple[int, int, str]] = []
    k = i
    while k < j:
        r = v.region_at.get(k)
        if r is not None and r.name_like and r.close_tok < j:
            out.append((k, r.close_tok + 1, "Q"))
            k = r.close_tok + 1
            continue
        out.append((k, k + 1, token_class(v, k)))
        k += 1
    return out


def split_name(v: View, i: int, j: int) -> tuple[int, int] | None:
    """Token range of the proper name inside the phrase ``[i, j)``, or None."""
    us = units(v, i, j)
    for n, (a, b, c) in enumerate(us):
        if c == "Q" and (n == 0 or us[n - 1][2] in ("O", "T")) \
                and not any(u[2] == "T" for u in us[n + 1:]):
            return v.region_at[a].inner          # صحيفة «الغارديان», «إندبندنت»
        if c == "Q":
            if any(u[2] == "T" for u in us[n + 1:]):
                us = us[:n] + [(a, b, "F")] + us[n + 1:]   # مجلس إدارة "سابك" الرئيس ... البنيان
            else:
                us = us[:n]                      # عمر سالم "ستاند اب" كوميدي: the name ends
            break
    us = [(a, b, "D") if c == "N" and n and us[n - 1][2] == "D" and _prepositional(v.fold[a])
          else (a, b, c) for n, (a, b, c) in enumerate(us)]   # الخاص لهولاند: a genitive
    runs: list[tuple[int, int]] = []
    seen_title = False
    k = 0
    while k < len(us):
        c = us[k][2]
        prev = us[k - 1][2] if k else None
        if c == "N" and (k == 0 or prev == "T" or (prev in ("D", "O") and seen_title)) \
                and not v.fold[us[k][0]].startswith(NOUN_PREFIXES) \
                and not (prev in ("D", "O") and v.fold[us[k][0]][:1] == "و"):
            m = k
            while m + 1 < len(us) and us[m + 1][2] in ("N", "D"):
                if us[m][2] == "D" and us[m + 1][2] == "N" and seen_title \
                        and (m == 0 or v.fold[us[m - 1][0]] not in THEOPHORIC):
                    break                        # مدير مستشفى سوق واقف للصقور | إقدام مجيد
                if us[m][2] == "D" and us[m + 1][2] == "D" and v.fold[us[m][0]] != "العبد" \
                        and (m == 0 or v.fold[us[m - 1][0]] not in THEOPHORIC):
                    m -= 1                       # هادي | الميليشيات الحوثية: a new phrase
                    break
                m += 1
            runs.append((k, m + 1))
            if k == 0 and m == 0 and len(us) > 1 and us[1][2] == "D":
                seen_title = True                # مصممة الأزياء ...: a description, like a title
            k = m + 1
            continue
        seen_title = seen_title or c == "T"
        k += 1
    if not runs:
        if us and all(c == "D" for _, _, c in us) and len(us) <= 3:
            return us[0][0], us[-1][1]       # a family name alone: الصباغ، البارزاني
        if len(us) == 2 and us[0][2] == "T" and us[1][2] == "D" and _family_name(v, us[1][0]):
            return us[1][0], us[1][1]        # المهندس الخويطر، اللواء القرشي
        return None
    if us[0][2] == "N" and len(runs) > 1 and runs[0][1] - runs[0][0] == 1 \
            and runs[0][1] < len(us) and us[runs[0][1]][2] == "D":
        runs = runs[1:]                      # مصممة الأزياء السعودية | رنا إسماعيل
        a, b = _closing_run(runs, us)
    else:
        a, b = runs[0] if us[0][2] == "N" else _closing_run(runs, us)
    if b - a >= 3 and v.fold[us[a][0]].startswith("ل"):
        a += 1                               # المبعوث الخاص لهولاند نيكولا هولو
    return us[a][0], us[b - 1][1]


def _prepositional(f: str) -> bool:
    """لقطاع، لنصرة (ل + noun after a definite word), but not لافروف، لويد، ليو."""
    return len(f) >= 4 and f[0] == "ل" and f[1] not in "اوي"


def _family_name(v: View, k: int) -> bool:
    """الخويطر but not الروسي (a nisba adjective) nor العام (a title adjective)."""
    f = v.fold[k]
    return not f.endswith(("ي", "يه", "يون", "يين")) and "tadj" not in v.classes(k)


def _closing_run(runs: list[tuple[int, int]], us: list[tuple[int, int, str]]) -> tuple[int, int]:
    """After a title, the first run that ends the phrase or meets a title or a function word:
    المهندس حمود الحربي | أمين عام الجمعيات; مدير مستشفى سوق واقف للصقور | إقدام مجيد الكرخي."""
    for a, b in runs:                            # مدير عام مطار الملك فهد الدولي المهندس يوسف ...
        if a and us[a - 1][2] == "T" and (b >= len(us) or us[b][2] == "P"):
            return a, b
    for a, b in runs:
        if b >= len(us) or us[b][2] in ("T", "F", "P"):
            return a, b
    return runs[-1]


def head_info(v: View, i: int, j: int):
    """The lexicon head of the phrase: its first title/organisation/source word, if any."""
    if i < j and "dem" in v.classes(i):
        i += 1                                   # وتشير هذه الأرقام
    for k in range(i, min(j, i + 3)):
        h = v.head(k)
        if h is not None:
            return h
        if v.is_punct(k):
            break
    return None


def title_key(v: View, i: int, j: int) -> frozenset[str]:
    """Content words of a phrase, ال stripped: {'وزير','خارجيه','روسي'} for وزير الخارجية الروسي."""
    out = set()
    for k in range(i, j):
        if not v.is_word(k) or v.classes(k) & FUNCTION:
            continue
        f = v.fold[k]
        if f[:1] in "وف" and len(f) > 4 and f[1:3] == "ال":
            f = f[1:]
        if f.startswith("ال") and len(f) > 3:
            f = f[2:]
        elif f.startswith("لل") and len(f) > 3:
            f = f[2:]
        out.add(f)
    return frozenset(out)


def make_speaker(v: View, i: int, j: int, gender: str, resolution: str) -> Speaker | None:
    """A speaker from the phrase ``[i, j)`` (trimmed of function words at either end)."""
    while i < j and (v.is_punct(i) and i not in v.region_at or token_class(v, i) == "F"):
        i += 1
    while j > i and (token_class(v, j - 1) in ("F", "P") and not _closes_name(v, j - 1)):
        j -= 1
    if j - i >= 2 and token_class(v, j - 1) == "N" and owned(v, j - 1):
        j -= 1                                   # أبدى الزعيم ثقته بأن: ثقته is the object
    if j <= i:
        return None
    head = head_info(v, i, j)
    if head is not None and head.role == "inanimate":
        return None
    name_rng = split_name(v, i, j)
    if name_rng and token_class(v, i) == "T" and name_rng[1] < j and v.region_at.get(i) is None \
            and not any(v.region_at.get(t) for t in range(i, name_rng[0])):
        j = name_rng[1]                          # الدكتور عبدالله البرقان | رئيس لجنة ...
    s, e = v.span(i, j)
    name = v.text[v.starts[name_rng[0]]:v.ends[name_rng[1] - 1]] if name_rng else None
    kind = head.kind if head is not None and head.kind != "-" else "person"
    if head is not None and head.canonical and not name:
        name = head.canonical
    if head is not None and head.gender in "mfp" and gender == "-":
        gender = head.gender
    title = title_key(v, i, name_rng[0] if name_rng else j)
    nspan = v.span(*name_rng) if name_rng else None
    headed = head is not None or any(c == "Q" for _, _, c in units(v, i, j))
    return Speaker(v.text[s:e], s, e, name, kind, gender, resolution, title, tok=i, name_span=nspan,
                   headed=headed)


def _closes_name(v: View, k: int) -> bool:
    return v.surf[k] in "»”\"" and v.name_closed_at(k) is not None


@dataclass
class Mention:
    """A person or body named with a title somewhere in the article."""

    tok: int
    speaker: Speaker
    agent: bool = True       # not the object of a preposition ("مع وزير الخارجية الألماني")


def registry(v: View) -> list[Mention]:
    """Every title/organisation phrase that carries a name (الرئيس الروسي فلاديمير بوتين)."""
    out: list[Mention] = []
    done = 0
    for k in v.head_toks:
        h = v.head(k)
        if k < done or h.role not in ("title", "outlet", "org") or (k and v.head(k - 1)):
            continue
        j = phrase_end(v, k, v.sentence_span(k)[1])
        sp = make_speaker(v, k, j, "-", "explicit")
        if sp is not None and sp.name and sp.title:
            out.append(Mention(k, sp, not (k and "prep" in v.classes(k - 1))))
        done = j
    return out


def phrase_end(v: View, i: int, limit: int) -> int:
    """End of a noun phrase starting at ``i``: the first punctuation (a quoted name excepted),
    complementiser, relative, time word, adverb or frame adjunct, at most NP_LIMIT tokens."""
    k = i
    stop = min(limit, i + NP_LIMIT)
    while k < stop:
        r = v.region_at.get(k)
        if r is not None and r.name_like:
            k = r.close_tok + 1
            continue
        if (v.is_punct(k) and not abbrev_dot(v, k)) or (k > i and _accusative(v, k)):
            break
        cls = v.classes(k)
        if cls & {"comp", "rel", "time", "adv", "particle"} or v.cue(k):
            break
        if k > i and (adjunct_at(v, k) or "prep" in cls and v.fold[k] not in ("في", "باسم", "ل", "لـ")
                      and not (v.fold[k] == "من" and v.fold[k - 1] in QUANTIFIERS)):
            break
        if k > i and v.fold[k][:1] == "و" and v.head(k) is not None \
                and v.lex.heads.get(v.fold[k]) is None:
            break                                # والزعيم: a second, coordinated phrase
        if k > i + 1 and _verb_like(v.fold[k]):
            break
        if k > i + 1 and _after_full_name(v, i, k):
            break
        if k > i and (_not_in_phrase(v, i, k) or _after_definite_body(v, k)):
            break
        k += 1
    return k


PRAYER_AFTER = frozenset({"عز", "تعالي", "سبحانه"})


def _not_in_phrase(v: View, i: int, k: int) -> bool:
    """A number (تقرير فريق الإحصاء | 1554 سيارة) or God as the object of a prayer (ودعت دائرة
    الإفتاء | الله عز وجل أن يتقبل) does not continue a speaker phrase."""
    if not v.is_word(k) and not v.is_punct(k):
        return True                              # a number token
    return v.fold[k] == "الله" and k + 1 < v.n and v.fold[k - 1] not in THEOPHORIC \
        and (v.fold[k + 1] in PRAYER_AFTER or v.surf[k + 1] == "أن")   # not إن: قال حزب الله إن


def _after_definite_body(v: View, k: int) -> bool:
    """After a definite organisation or source head (الوزارة، الشرطة، المصادر), an indefinite
    ordinary word is the verb's object, not a name (أكدت الوزارة | مواصلة ...; ودعت الشرطة | كل
    من): a body's own name follows it in construct (وزارة الصحة), a person's name follows a title."""
    h = v.head(k - 1)
    if h is None or h.role not in ("org", "source", "outlet") or not v.fold[k - 1].startswith("ال"):
        return False
    f = v.fold[k]
    return not f.startswith("ال") and v.head(k) is None and f in common_words()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary words of the NER corpora (marsad/resources/ner/common_words.txt, folded)."""
    text = resources.files("marsad.resources.ner").joinpath("common_words.txt").read_text("utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


KINSHIP = frozenset({"اخو", "اخ", "شقيق", "شقيقه", "والد", "والده", "زوج", "زوجه", "نجل", "ابنه",
                     "عم", "خال", "حفيد", "ارمله"})


def _after_full_name(v: View, i: int, k: int) -> bool:
    """After a person's name that ends with a family name (ال...): a kinship noun starts an
    apposition about someone else (خالد المعولي | أخو المتوفى محمود المعولي), and, when the NER
    says a person's name ends there, an indefinite noun glued to ب/ل starts the verb's complement
    (أحمد بن هلال البوسعيدي | بجهود حكومة; but مدير شؤون المعلمين بالإدارة: a place of the title)."""
    f, prev = v.fold[k], v.fold[k - 1]
    if not prev.startswith("ال") or len(prev) < 4:
        return False
    named = k - 1 in v.person_ends
    if f in KINSHIP:
        return named or token_class(v, k - 2) == "N"
    return named and f[:1] in "بل" and len(f) >= 4 and f not in THEOPHORIC \
        and not f.startswith(("بن", "لل", "بال"))


def owned(v: View, k: int) -> bool:
    """اتهامهما، معارضتهم، ثقته: a noun with a possessive pronoun (a real ه, not the ة of حمودة)."""
    f, raw = v.fold[k], v.surf[k].rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    return len(f) >= 4 and raw.endswith(("هما", "هم", "ها", "ه")) and not f.startswith("ال")


def _verb_like(f: str) -> bool:
    """يفحصان، يقولون، ناقشا: dual/plural verb forms end a name."""
    return len(f) >= 5 and ((f[0] in "يت" and f.endswith(("ان", "ون"))))


def _accusative(v: View, k: int) -> bool:
    """مخاطباً، مبديا، مجددا: an adverbial accusative ends a subject phrase."""
    f = v.fold[k]
    return "\u064b" in v.surf[k] or (f.startswith("م") and f.endswith("ا") and len(f) >= 5)


def adjunct_at(v: View, k: int) -> bool:
    """في تصريح / لوكالة / لـ«الشرق الأوسط» / خلال اجتماع: a frame adjunct starts at ``k``."""
    f = v.fold[k]
    if f in ("في", "خلال", "عبر", "ل", "لـ") and k + 1 < v.n:
        nxt = v.fold[k + 1]
        if "adjunct" in v.lex.word(nxt) or (nxt.startswith("ال") and "adjunct" in v.lex.word(nxt[2:])):
            return True
        if f in ("ل", "لـ") and (v.surf[k + 1] in "«\"“" or _outlet(v, nxt)):
            return True
        return False
    if f.startswith("ل") and len(f) > 3 and (_outlet(v, f[1:]) or "adjunct" in v.lex.word(f[1:])
                                             or _org(v, f[1:])):
        return True                              # لرويترز، لهيئة الإذاعة البريطانية
    if f.startswith("لل") and len(f) > 4 and ("adjunct" in v.lex.word("ال" + f[2:])
                                              or _outlet(v, "ال" + f[2:])):
        return True                              # للصحافيين، للوكالة
    return False


def _org(v: View, folded: str) -> bool:
    h = v.lex.head(folded)
    return h is not None and h.role == "org" and not folded.startswith("ال")


def _outlet(v: View, folded: str) -> bool:
    h = v.lex.head(folded)
    return h is not None and h.role == "outlet"


def resolve_title(sp: Speaker, mentions: list[Mention], history: list[Speaker]) -> Speaker | None:
    """The named antecedent of a title-only speaker (الوزير → وزير الخارجية ... سيرغي لافروف):
    the latest earlier speaker or agent (not after a preposition) with that title, else the
    latest titled name before, else the first one after (a caption or a later full mention)."""
    if sp.name or not sp.title:
        return None
    fits = [m for m in mentions if sp.title <= m.speaker.title and m.tok != sp.tok]
    agents = [(h.tok, h) for h in history if h.name and h.title and sp.title <= h.title]
    agents += [(m.tok, m.speaker) for m in fits if m.agent]
    before = [c for c in agents if c[0] < sp.tok]
    if before:
        return max(before, key=lambda c: c[0])[1]
    before = [m for m in fits if m.tok < sp.tok]
    if before:
        return max(before, key=lambda m: m.tok).speaker
    return min(fits, key=lambda m: m.tok).speaker if fits else None
