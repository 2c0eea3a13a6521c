"""Actor mentions in a sentence: entity spans, country/capital/demonym words and sector nouns.

A mention is a run of words naming a possible actor, target or place, with what the words say:
an ISO-3166 alpha-3 ``code`` (روسيا، موسكو، الروسي), a ``sector`` (الجيش MIL, المتظاهرون CVL)
and an ``entity_id`` when the NER/linking layer marked it. Adjacent pieces merge into one
mention: ``الرئيس الروسي فلاديمير بوتين`` (sector GOV + demonym RUS + PERSON entity),
``قوات كييف`` (MIL + capital UKR), ``القوات الكورية الشمالية`` (MIL + PRK).
"""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon, variants

PREPOSITIONS = {"في": "in", "على": "on", "علي": "on", "ضد": "against", "مع": "with", "الى": "to",
                "من": "from", "عن": "about", "بين": "between", "لدى": "at", "لدي": "at",
                "ب": "by", "ل": "for", "جانب": "beside", "بجانب": "beside"}
# Direction and proximity words locate like في (مدن جنوب باكستان، قرب بغداد).
LOCATIVES = {"جنوب", "شمال", "شرق", "غرب", "وسط", "جنوبي", "شمالي", "شرقي", "غربي", "قرب",
             "بالقرب", "قرابه", "داخل", "خارج", "ضواحي", "اطراف"}
PLURAL_DEMONYM_ENDINGS = ("ون", "ين", "يون", "يين")
QUANTIFIERS = {"عشرات", "مئات", "الاف", "الوف", "عدد", "مجموعه", "مجموعات", "ثله", "اكثر", "الف",
               "الفا", "بعض", "كثير", "جميع", "احد", "اثنين", "ثلاثه", "اربعه", "خمسه", "عشره",
               "الالاف", "الالوف", "حشد", "حشود", "قوه", "فرقه", "عناصر", "وحده"}
POSSESSIVE_COUNTRY = {"بلاده", "بلادها", "بلادهم", "دولته", "حكومته", "حكومتها"}


class Word:
    """A word of the normalised view; its clitic readings are computed on first use."""

    __slots__ = ("start", "end", "text", "_variants")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self._variants: list[tuple[str, str]] | None = None

    @property
    def variants(self) -> list[tuple[str, str]]:
        if self._variants is None:
            self._variants = variants(self.text)
        return self._variants


@dataclass
class Mention:
    first: int                     # word indices, inclusive/exclusive
    last: int
    code: str | None = None
    name: str | None = None        # English country name or entity name
    sector: str | None = None
    entity_id: str | None = None
    kind: str = "sector"           # entity | country | capital | demonym | adj | sector | pronoun
    prep: str | None = None        # preposition right before the mention
    label: str | None = None       # entity type when the mention comes from the ents layer
    pair: tuple | None = None      # a dual (الرئيسين): the two parties it stands for
    conj: bool = False             # starts with the conjunction و (ونظيره): a new party
    clitic: str | None = None      # an entity span that starts with ل/ب its name lacks (لحزب)

    @property
    def free(self) -> bool:
        """Can stand as actor/target on its own (not a bare adjective)."""
        return self.kind != "adj"


def _match_phrase(words: list[Word], i: int, table: dict, heads: dict[str, int]):
    best = (0, None)
    for _, head in words[i].variants:
        longest = heads.get(head)
        if not longest:
            continue
        for n in range(min(longest, len(words) - i), best[0], -1):
            key_tail = [words[i + k].variants for k in range(1, n)]
            hit = next((table[k] for k in _keys(head, key_tail) if k in table), None)
            if hit is not None:
                best = (n, hit)
                break
    return best


def _keys(head: str, tails: list[list[tuple[str, str]]]):
    if not tails:
        yield (head,)
        return
    # later words of a phrase: the word itself or without ال (agreeing adjectives)
    options = [[w for p, w in v if p in ("", "ال")] for v in tails]
    combos = [(head,)]
    for opt in options:
        combos = [c + (o,) for c in combos for o in opt]
    yield from combos


def find_mentions(words: list[Word], lex: Lexicon, lo: int = 0,
                  hi: int | None = None) -> list[Mention]:
    """Mentions among ``words[lo:hi]`` (the coder looks only near its triggers)."""
    out: list[Mention] = []
    i = lo
    hi = len(words) if hi is None else min(hi, len(words))
    memo = lex.head_memo
    while i < hi:
        w = words[i].text
        dual = _dual_word(w)
        if dual:
            out.append(Mention(i, i + 1, sector=dual, kind="dual"))
            i += 1
            continue
        head = memo.get(w)
        if head is None:
            head = _may_start(w, lex)
        if not head:
            i += 1
            continue
        n, place = _match_phrase(words, i, lex.places, lex.heads[id(lex.places)])
        if place is not None:
            out.append(_place_mention(words, i, n, place))
            i += n
            continue
        n, sector = _match_phrase(words, i, lex.sectors, lex.heads[id(lex.sectors)])
        if sector is not None:
            out.append(Mention(i, i + n, sector=sector, kind="sector",
                               conj=w[:1] == "و" and _conjunct(words[i], lex)))
            i += n
            continue
        if words[i].text in POSSESSIVE_COUNTRY or _strip_conj(words[i].text) in POSSESSIVE_COUNTRY:
            out.append(Mention(i, i + 1, kind="pronoun"))
        i += 1
    set_preps(out, words)
    return out


MEMO_MAX = 200_000
# Duals that stand for two parties named before (جرت المفاوضات بين الرئيسين): people or
# states; the word's sector. Resolved against the article's entities by the events component.
DUAL_PARTIES = {"رئيسين": "GOV", "رئيسان": "GOV", "زعيمين": "GOV", "زعيمان": "GOV",
                "وزيرين": "GOV", "وزيران": "GOV", "بلدين": "GOV",
                "دولتين": "GOV", "دولتان": "GOV", "جانبين": "GOV", "جانبان": "GOV",
                "طرفين": "GOV", "طرفان": "GOV"}
DUAL_PERSONS = ("رئيس", "زعيم", "وزير")


DUAL_FORMS = {pre + w: sector for w, sector in DUAL_PARTIES.items()
              for pre in ("", "و", "ال", "وال", "بال", "لل", "ولل", "وبال", "فال")}


def _dual_word(w: str) -> str | None:
    return DUAL_FORMS.get(w)


def dual_persons(w: str) -> bool:
    """الرئيسين، الزعيمان: the dual names two people (else states or sides)."""
    return any(p in w for p in DUAL_PERSONS)


def _conjunct(word: Word, lex: Lexicon) -> bool:
    """ونظيره: the word is و + an actor word (not وزير, whose و is its own)."""
    return (word.text,) not in lex.sectors and any(
        p[:1] == "و" and (rest,) in lex.sectors for p, rest in word.variants)


def _may_start(w: str, lex: Lexicon) -> bool:
    """Can a mention start at this word (a lexicon head after up to four clitic letters, or
    بلاده)? Memoised per lexicon."""
    heads = lex.all_heads
    ok = any(w[k:] in heads for k in range(0, min(5, len(w) - 1))) or \
        _strip_conj(w) in POSSESSIVE_COUNTRY
    if len(lex.head_memo) >= MEMO_MAX:
        lex.head_memo.clear()
    lex.head_memo[w] = ok
    return ok


def set_preps(ms: list[Mention], words: list[Word]) -> None:
    for k, m in enumerate(ms):
        m.prep = _prep_before(words, m.first, own=m.kind not in ("pronoun", "entity", "norp")) \
            or m.clitic
        if k and words[m.first].text[:1] == "و" and ms[k - 1].last == m.first:
            m.prep = m.prep or ms[k - 1].prep    # بين روسيا وكوريا: the second is after بين too


def _strip_conj(word: str) -> str:
    return word[1:] if word[:1] in "وف" and len(word) > 3 else word


def _place_mention(words: list[Word], i: int, n: int, place) -> Mention:
    kind = place.kind
    if kind == "demonym":
        last = words[i + n - 1].text
        plural = last.endswith(PLURAL_DEMONYM_ENDINGS) or n == 1 and place.name == "Russia" \
            and last.endswith("روس")
        kind = "demonym" if plural else "adj"
    return Mention(i, i + n, code=place.iso3, name=place.name, sector=place.sector, kind=kind)


def _prep_before(words: list[Word], i: int, own: bool = True) -> str | None:
    own = [p for p, _ in words[i].variants if p] if own else []
    for p in own:
        bare = p.lstrip("وف")
        if bare in ("ب", "ل", "لل", "بال", "لال"):
            return "ب" if bare.startswith("ب") else "ل"
    if i > 0:
        prev = _strip_conj(words[i - 1].text)
        if prev[:1] in "وف" and prev[1:] in PREPOSITIONS:
            prev = prev[1:]                # وفي بغداد، وعلى: short prepositions keep their و
        if prev == "من" and i > 1 and _quantifier(words[i - 2].text):
            return None                    # partitive: عشرات من المتظاهرين
        if prev in PREPOSITIONS:
            return prev
        if prev in LOCATIVES:
            return "في"
    return None


def _quantifier(word: str) -> bool:
    w = _strip_conj(word)
    w = w[2:] if w.startswith("ال") else w
    return w.isdigit() or w in QUANTIFIERS


def merge_mentions(ms: list[Mention], words: list[Word] | None = None,
                   text: str = "") -> list[Mention]:
    """Join adjacent pieces: sector + country/demonym (+ entity), entity + demonym; never
    across punctuation (الرئيس الأوكراني، الرئيس الروسي are two mentions)."""
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if prev is not None and prev.last == m.first and _joinable(prev, m) \
                and (words is None or not text[words[m.first - 1].end:words[m.first].start].strip()):
            out[-1] = _join(prev, m)
        else:
            out.append(m)
    return out


def _joinable(a: Mention, b: Mention) -> bool:
    if b.prep is not None or b.conj:
        return False
    if a.kind == "sector" or a.kind == "entity" and b.kind in ("adj", "demonym"):
        return True
    return a.kind in ("adj", "demonym") and b.kind in ("adj", "entity") \
        or a.kind == "adj" and b.kind == "adj"


def _join(a: Mention, b: Mention) -> Mention:
    kind = "entity" if "entity" in (a.kind, b.kind) else (
        b.kind if a.kind == "sector" and b.kind != "adj" else a.kind if a.kind != "adj" else "sector")
    if a.kind == "sector" and b.kind == "adj":
        kind = "sector"
    return Mention(a.first, b.last, code=a.code or b.code,
                   name=(a.name if a.kind == "entity" else b.name if b.kind == "entity" else
                         a.name or b.name),
                   sector=a.sector or b.sector, entity_id=a.entity_id or b.entity_id,
                   kind=kind, prep=a.prep, label=a.label or b.label)
