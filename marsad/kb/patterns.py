"""Entity names built from a head noun: organisations, facilities and places NER and the KB miss.

Arabic news names most institutions and places with a head noun and what follows it:

- a construct head + its complement + agreeing adjectives: وزارة الصحة اليمنية، حزب الشعب
  الكمبودي، هيئة موانئ دبي، مستشفى القاضي، معسكر الفتح، خلية الإعلام الحربي;
- a definite head + a naming adjective: الديوان الملكي، القصر الرئاسي، الجيش العراقي، المنطقة
  العسكرية الرابعة (a generic adjective such as المحلية does not name anything);
- a place designator + a name: منطقة الطاش، قرية تل شور، جبل شنكال -> the name is the place.

Where a name ends: at punctuation, a number, a stop word (prepositions, particles, time and
direction words), a word with a conjunction or preposition attached (والكثير، بحي), after at
most ``MAX_WORDS`` words. Only a word beginning with لل may continue a name past its complement
(المنظمة الدولية للهجرة، مستشفى سوق واقف للصقور). The head lexicons are data
(``marsad/resources/entities/heads.json``); matching works on folded tokens (:mod:`.text`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .text import Tok, WordFilter, cut_offset, fold_word, strip_variants

HEADS_FILE = Path(__file__).resolve().parents[1] / "resources" / "entities" / "heads.json"
# Folded ordinary words (written by ``marsad kb build``, see :func:`marsad.kb.common.vocabulary`).
COMMON_WORDS_FILE = HEADS_FILE.with_name("common_words.txt")
MAX_WORDS = 6           # head included: longer runs are clauses, not names
MEMO_MAX = 100_000      # distinct words remembered by a matcher (bounded memory)
MAX_CHAIN = 3           # indefinite words after a construct head (هيئة موانئ دبي)
_ATTACHED = ("وال", "فال", "بال", "كال")       # conjunction/preposition + article: a new phrase
_VERB_PREFIX = ("ي", "ت", "ن")                  # imperfect verbs: تتباحث، يخسرها
_CLITIC_LETTERS = ("و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True)
class RuleMatch:
    start: int
    end: int
    type: str
    head: str          # folded head word(s)
    rule: str          # construct | definite | designator


@dataclass(frozen=True)
class Lexicon:
    construct: dict[str, str]          # folded head -> type
    weak: frozenset[str]               # construct heads that need a naming adjective
    named: frozenset[str]              # construct heads whose complement must be a name
    definite: dict[tuple[str, ...], str]
    designators: dict[str, str]
    stop: frozenset[str]
    generic_adj: frozenset[str]
    generic_comp: frozenset[str]
    ordinals: frozenset[str]
    naming_adj: frozenset[str]
    titles: frozenset[str]
    person_cues: tuple[str, ...]
    scoped_heads: frozenset[str]       # definite heads that need a scope adjective or a لل-phrase
    scope_adj: frozenset[str]
    common: frozenset[str]             # ordinary words (corpus vocabulary)
    speech_verbs: frozenset[str] = frozenset()  # قال، كشف ... (person appositions)
    role_nouns: frozenset[str] = frozenset()    # سفير، وزير، المتحدث ... (after the comma)
    quoted: dict[str, str] = field(default_factory=dict)  # صحيفة، فندق ... + «name» -> type


def _fold_all(words) -> list[str]:
    return [" ".join(fold_word(w) for w in phrase.split()) for phrase in words]


@lru_cache(maxsize=2)
def load_lexicon(path: str = str(HEADS_FILE)) -> Lexicon:
    data = json.loads(Path(path).read_text("utf-8"))

    def typed(section: dict[str, list[str]]) -> dict[str, str]:
        return {w: t for t, words in section.items() for w in _fold_all(words)}
    return Lexicon(
        construct=typed(data["construct_heads"]),
        weak=frozenset(_fold_all(data["weak_heads"])),
        named=frozenset(_fold_all(data["name_complement_heads"])),
        definite={tuple(k.split()): t for k, t in typed(data["definite_heads"]).items()},
        designators=typed(data["place_designators"]),
        stop=frozenset(_fold_all(data["stop"])),
        generic_adj=frozenset(_fold_all(data["generic_adjectives"])),
        generic_comp=frozenset(_fold_all(data["generic_complements"])),
        ordinals=frozenset(_fold_all(data["ordinals"])),
        naming_adj=frozenset(_fold_all(data["naming_adjectives"])),
        titles=frozenset(_fold_all(data["titles"])),
        person_cues=tuple(data["person_cues"]),
        scoped_heads=frozenset(_fold_all(data["scoped_definite_heads"])),
        scope_adj=frozenset(_fold_all(data["scope_adjectives"])),
        common=frozenset(_read_words(COMMON_WORDS_FILE)),
        speech_verbs=frozenset(_fold_all(data.get("speech_verbs", ()))),
        role_nouns=frozenset(_fold_all(data.get("role_nouns", ()))),
        quoted=typed(data.get("quoted_heads", {})))


def _read_words(path: Path) -> list[str]:
    return path.read_text("utf-8").split() if path.exists() else []


class PatternMatcher:
    """Finds head-noun names in a tokenised text (see the module docstring)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self._first = {h[0] for h in self.lex.definite}
        self._heads = set(self.lex.construct) | set(self.lex.designators) | self._first
        self._by_length = sorted(self.lex.definite.items(), key=lambda kv: -len(kv[0]))
        self._scoped = {h for h in self.lex.definite if h[0] in self.lex.scoped_heads}
        self._starts: dict[str, bool] = {}      # word -> can a rule start here (bounded)
        self._filter = WordFilter(self._can_start, MEMO_MAX)
        self._quoted_filter = WordFilter(
            lambda k: any(w in self.lex.quoted for w, _ in strip_variants(k)), MEMO_MAX)
        self._compass_filter = WordFilter(lambda k: k in _COMPASS, MEMO_MAX)
        # dual construct of the feminine designators: محافظه -> محافظتي
        self._duals = {d[:-1] + "تي": d for d in self.lex.designators if d.endswith("ه")}
        self._dual_filter = WordFilter(
            lambda k: any(w in self._duals for w, _ in strip_variants(k)), MEMO_MAX)

    def find(self, text: str, toks: list[Tok]) -> list[RuleMatch]:
        out: list[RuleMatch] = []
        i = 0
        for p in self._filter.positions(toks):    # (most words are no head noun)
            if p < i:
                continue
            m, nxt = self._match_at(text, toks, p)
            if m is not None:
                out.append(m)
                i = nxt
        return out

    def _can_start(self, key: str) -> bool:
        can = self._starts.get(key)
        if can is None:
            can = any(w in self._heads for w, _ in strip_variants(key))
            if len(self._starts) >= MEMO_MAX:
                self._starts.clear()
            self._starts[key] = can
        return can

    # -- one position ------------------------------------------------------------------------
    def _match_at(self, text: str, toks: list[Tok], i: int) -> tuple[RuleMatch | None, int]:
        for word, cut in strip_variants(toks[i].key):
            if word in self.lex.designators:
                return self._designator(text, toks, i, word)
            if word in self.lex.construct:
                return self._construct(text, toks, i, word, cut)
            if word in self._first:
                m = self._definite(text, toks, i, word, cut)
                if m[0] is not None:
                    return m
        return None, i + 1

    def _construct(self, text, toks, i, head, cut):
        """head + complement: a definite noun (+ adjectives), or a name, possibly after up to
        ``MAX_CHAIN`` indefinite nouns (هيئة موانئ دبي، مستشفى سوق واقف، قيادة حرس الحدود)."""
        j = i + 1
        inner = self._definite_at(text, toks, j) if self._continues(text, toks, j) else None
        if inner is not None and (head in self.lex.weak or self.lex.construct[head] == "FAC"):
            return inner, inner_end(toks, inner)    # قيادة المنطقة العسكرية الرابعة: the inner
        if inner is not None:       # مجلس المقاومة الشعبية: the whole name
            end = inner_end(toks, inner)
            return self._found(text, toks, i, end, head, cut), end
        while self._continues(text, toks, j) and j - i <= MAX_CHAIN:
            key = toks[j].key
            if key.startswith("لل") or self._indefinite_adjective(key) or self._verb_like(key):
                break               # حزب معارض، شركة عقارية، محكمة تنفذها: no name
            if j > i + 1 and key in self.lex.construct:
                return self._construct(text, toks, j, key, 0)   # غرفة عمليات هيئة ...
            if key.startswith("ال"):
                return self._complement_end(text, toks, i, j, head, cut)
            nxt_definite = self._continues(text, toks, j + 1) and toks[j + 1].key.startswith("ال")
            if self._proper(key) and not self._is_head(key) and not nxt_definite \
                    and head not in self.lex.weak:
                end = j + 1         # a name: مخيم ميناواو، فندق مركيور
                if self._continues(text, toks, end) and self._second_name_word(toks[end].key):
                    end += 1
                return self._found(text, toks, i, end, head, cut), end
            if key in self.lex.generic_comp:
                break               # مجلس إدارة الجمعية: the board of something
            j += 1                  # a noun of the chain: موانئ، سوق، حرس
        return None, i + 1

    def _complement_end(self, text, toks, i, j, head, cut):
        comp = toks[j].key
        if (self.lex.construct[head] == "FAC" or head in self.lex.named) \
                and (j > i + 1 or comp in self.lex.common):
            return None, i + 1      # سوق العقارات، شركة التكنولوجيا الأمريكية: a description
        if comp in self.lex.titles:     # مستشفى الملك فهد، مركز الملك سلمان
            end = j + 1         # one name, or name + بن/آل + name (not the next person)
            if not (self._continues(text, toks, end) and self._proper(toks[end].key)):
                return None, i + 1
            end += 1
            if self._continues(text, toks, end + 1) and toks[end].key in _NAME_GLUE \
                    and self._proper(toks[end + 1].key):
                end += 2
            end = self._adjectives(text, toks, end, i)
            return self._found(text, toks, i, end, head, cut), end
        end = self._adjectives(text, toks, j + 1, i)
        if end == j + 1 and (head in self.lex.weak or comp in self.lex.generic_comp
                             and head not in _STRONG):
            return None, i + 1      # قيادة المقاومة، قاعدة البيانات: no name without more
        return self._found(text, toks, i, end, head, cut), end

    def _found(self, text, toks, i, end, head, cut) -> RuleMatch:
        start = cut_offset(text, toks[i].start, cut)
        return RuleMatch(start, toks[end - 1].end, self.lex.construct[head], head, "construct")

    def _indefinite_adjective(self, key: str) -> bool:
        """عقارية، كمبودي (an ordinary plural such as مواني "ports" is no adjective)."""
        return not key.startswith("ال") and _nisba(key) and (key.endswith("يه")
                                                              or key not in self.lex.common)

    def _verb_like(self, key: str) -> bool:
        """An imperfect verb the vocabulary does not know (تنفذها، يخسرها)."""
        if key in self.lex.common or len(key) <= 3:
            return False
        if key[0] == "س" and key[1] in "يتن":      # future سيكشف: a known imperfect after س
            return key[1:] in self.lex.common
        return key.startswith(_VERB_PREFIX)

    def _second_name_word(self, key: str) -> bool:
        """A second word of a transliterated name (not a verb, not a clitic + word)."""
        return self._proper(key) and not self._verb_like(key) \
            and not key.startswith(_VERB_PREFIX + _CLITIC_LETTERS) \
            and not key.startswith("ال")

    def _proper(self, key: str) -> bool:
        """Not an ordinary word of the corpus vocabulary (nor with a proclitic on)."""
        return all(w not in self.lex.common and w not in self.lex.stop
                   for w, _ in strip_variants(key))

    def _definite(self, text, toks, i, first, cut):
        m = self._definite_at(text, toks, i)
        if m is None:
            return None, i + 1
        return m, inner_end(toks, m)

    def _definite_at(self, text: str, toks: list[Tok], i: int) -> RuleMatch | None:
        """A definite head (possibly two words) + naming adjectives, starting at token ``i``."""
        variants = strip_variants(toks[i].key)
        for head, etype in self._by_length:
            for word, cut in variants:
                if word != head[0] or not self._head_rest(text, toks, i, head):
                    continue
                j = i + len(head)
                end = self._adjectives(text, toks, j, i, naming=True, li_first=len(head) > 1,
                                       li=etype == "ORG")   # الحرم المكي للتبول: no لل for FAC
                if end == j and len(head) == 1:
                    return None     # الجيش alone, الشرطة المحلية: no name
                if len(head) > 1 and head[-1] in self.lex.generic_adj and end == j:
                    return None     # المنطقة العسكرية alone
                if head in self._scoped and not any(
                        toks[k].key.startswith("لل") or toks[k].key in self.lex.scope_adj
                        for k in range(j, end)):
                    return None     # اللجنة الفنية: a generic committee, not a named body
                start = cut_offset(text, toks[i].start, cut)
                return RuleMatch(start, toks[end - 1].end, etype, " ".join(head), "definite")
        return None

    def _head_rest(self, text: str, toks: list[Tok], i: int, head: tuple[str, ...]) -> bool:
        return all(i + k < len(toks) and toks[i + k].key == head[k]
                   and not _gap(text, toks, i + k) for k in range(1, len(head)))

    def _designator(self, text, toks, i, word):
        """designator + a name that is no ordinary word (منطقة الطاش، قرية تل شور): the name."""
        j = i + 1
        if not self._continues(text, toks, j) or not self._proper(toks[j].key) \
                or self._verb_like(toks[j].key) \
                or _nisba(toks[j].key) and not toks[j].key.startswith("ال") \
                or self._is_head(toks[j].key) or toks[j].key in self.lex.titles:
            return None, i + 1      # منطقة أخرى، منطقة قناة السويس، مدينة الملك عبدالله
        end = j + 1
        if toks[j].key.startswith("ال") and self._continues(text, toks, end) \
                and toks[end].key.startswith("ال"):
            return None, i + 1      # مديرية الدفاع المدني: a noun phrase, not a place name
        if self._continues(text, toks, end):
            nxt = toks[end].key
            if nxt in _SIDE or not toks[j].key.startswith("ال") and self._second_name_word(nxt):
                end += 1            # تل شور، حصيبة الشرقية
        return RuleMatch(toks[j].start, toks[end - 1].end, self.lex.designators[word], word,
                         "designator"), end

    def find_duals(self, text: str, toks: list[Tok]) -> list[RuleMatch]:
        """A dual designator + two names joined by و (محافظتي قعطبة وإب، منطقتي خور مكسر
        وكريتر): both names, typed like the designator."""
        out: list[RuleMatch] = []
        for i in self._dual_filter.positions(toks):
            word = next(w for w, _ in strip_variants(toks[i].key) if w in self._duals)
            label = self.lex.designators[self._duals[word]]
            first = self._plain_name(text, toks, i + 1, conj=False)
            if first is None:
                continue
            second = self._plain_name(text, toks, first, conj=True)
            if second is None:
                continue
            cut = cut_offset(text, toks[first].start, 1)
            out.append(RuleMatch(toks[i + 1].start, toks[first - 1].end, label, word, "designator"))
            out.append(RuleMatch(cut, toks[second - 1].end, label, word, "designator"))
        return out

    def find_quoted(self, text: str, toks: list[Tok]) -> list[RuleMatch]:
        """A noun such as صحيفة، موقع، فندق followed by a name in quotes (لصحيفة «الحياة»،
        موقع "السومرية نيوز"): the quoted name, typed by the noun (ORG or FAC)."""
        out: list[RuleMatch] = []
        for i in self._quoted_filter.positions(toks):
            if i + 1 >= len(toks):
                continue
            word = next(w for w, _ in strip_variants(toks[i].key) if w in self.lex.quoted)
            m = _QUOTED.match(text, toks[i].end)
            if m is None or m.end(1) - m.start(1) > MAX_QUOTED:
                continue
            inner = m.group(1).split()
            if len(inner) == 1 and _nisba(fold_word(inner[0])) \
                    and inner[0].startswith("ال") == word.startswith("ال"):
                continue        # فريق "إسرائيلي"، الصحيفة «الإسبانية»: an adjective in quotes
                                # (قناة «العربية» is the channel)
            out.append(RuleMatch(m.start(1), m.end(1), self.lex.quoted[word], word, "quoted"))
        return out

    def find_before_compass(self, text: str, toks: list[Tok]) -> list[RuleMatch]:
        """preposition + name + compass word (في بيجي شمال صلاح الدين، قرب حديثة غرب الرمادي):
        the one- or two-word name is a place (GPE)."""
        out: list[RuleMatch] = []
        for c in self._compass_filter.positions(toks):
            for n in (1, 2):
                first = c - n
                if first < 1 or toks[first - 1].key not in _PLACE_PREPOSITIONS \
                        or any(_gap(text, toks, k) for k in range(first, c + 1)):
                    continue
                keys = [toks[k].key for k in range(first, c)]
                if all(self._proper(k) and not self._verb_like(k) and not self._is_head(k)
                       and k not in _PLACE_NOUNS and not k.endswith(("ها", "هم"))
                       and not (_nisba(k) and not k.startswith("ال")) for k in keys) \
                        and (n == 1 or self._second_name_word(keys[1])
                             or keys[1] in _SIDE):
                    out.append(RuleMatch(toks[first].start, toks[c - 1].end, "GPE",
                                         toks[c].key, "designator"))
                    break
        return out

    def _plain_name(self, text: str, toks: list[Tok], j: int, conj: bool) -> int | None:
        """End of a one- or two-word place name at ``j`` (after و when ``conj``), or None."""
        if not self._continues(text, toks, j) and not (conj and j < len(toks)
                                                       and not _gap(text, toks, j)):
            return None
        key = toks[j].key
        if conj:
            if not key.startswith("و") or len(key) < 3:
                return None
            key = key[1:]
        elif key.startswith("و"):
            return None
        if not self._proper(key) or self._verb_like(key) or self._is_head(key) \
                or _nisba(key) and not key.startswith("ال"):
            return None
        end = j + 1
        if self._continues(text, toks, end) and not toks[end].key.startswith("و") \
                and (toks[end].key in _SIDE or not key.startswith("ال")
                     and self._second_name_word(toks[end].key)):
            end += 1
        return end

    def _is_head(self, key: str) -> bool:
        return key in self.lex.construct or key in self.lex.designators or key in self._first

    # -- shared pieces -----------------------------------------------------------------------
    def _adjectives(self, text: str, toks: list[Tok], j: int, i: int,
                    naming: bool = False, li_first: bool = False, li: bool = True) -> int:
        """Extend over definite words (adjectives, nouns) and one لل-phrase; ``naming``: the
        first must be a naming adjective (not المحلية) or an ordinal."""
        first = True
        used_li = False
        while j < len(toks) and j - i < MAX_WORDS and self._continues(text, toks, j):
            key = toks[j].key
            if key.startswith("لل") and li and not used_li and (not first or li_first):
                used_li = True
            elif not key.startswith("ال"):
                break
            elif naming and first and key in self.lex.generic_adj \
                    and key not in self.lex.ordinals:
                break
            elif not self._naming_adjective(key):
                break               # الديوان الملكي المشرف، مجلس الشورى الدكتور
            first = False
            j += 1
        return j

    def _naming_adjective(self, key: str) -> bool:
        """An adjective that can be part of a name: relational (الكمبودي، الشعبية), ordinal
        (الرابعة), or one of a short list (العام، الخاصة، العليا، المتحدة، الأحمر)."""
        return _nisba(key) or key in self.lex.ordinals or key in self.lex.naming_adj

    def _continues(self, text: str, toks: list[Tok], j: int) -> bool:
        """Token ``j`` can be part of a name: no punctuation or number before it, not a stop
        word, no conjunction/preposition + article attached."""
        if j >= len(toks) or _gap(text, toks, j):
            return False
        key = toks[j].key
        if key in self.lex.stop or len(key) < 2 or key.startswith(_ATTACHED) \
                or any(c.isdigit() for c in key):
            return False
        if key in self.lex.common or key.startswith("لل"):
            return True             # (a لل-phrase is judged by the caller)
        # بمحافظة، وقيادة، وعناية: a preposition or conjunction on a head or an ordinary word
        # starts a new phrase
        lex = self.lex
        return not any(w in lex.construct or w in lex.designators or w in lex.stop
                       or w in lex.common for w, cut in strip_variants(key)[1:])


# Heads whose complement always names an institution (وزارة النقل), even a generic-looking one.
_STRONG = {"وزاره", "حزب", "حركه", "جبهه", "منظمه", "جمعيه", "جامعه", "هييه"}
_NAME_GLUE = {"بن", "ابن", "بنت", "عبد", "ال", "ابو"}
_SIDE = {"الشرقيه", "الغربيه", "الشماليه", "الجنوبيه", "الكبري", "الصغري", "الجديده", "القديمه"}


# Compass words after which "preposition + name" is a place, and those prepositions (folded).
_COMPASS = {"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"}
# Plural or generic place nouns (في جبال شمال العراق، في بئر شمال المدينة): no names.
_PLACE_NOUNS = {"جبال", "بير", "ابار", "مناطق", "قري", "مدن", "احياء", "مواقع", "حقول", "مخيمات",
                "سواحل", "اطراف", "ضواحي", "حدود", "بلدات", "ارياف", "صحاري", "غابات"}
_PLACE_PREPOSITIONS = {"في", "قرب", "بمنطقه", "الي", "من", "عند", "بين", "نحو"}
# «name» or "name" or “name” right after the noun: letters, digits, spaces, dots, dashes only.
_QUOTED = re.compile(r'\s*[«"“]([\w\u0640\u064B-\u065F\u0670][\w\u0640\u064B-\u065F\u0670 .\-]*?)[»"”]')
MAX_QUOTED = 40     # characters: a longer quoted run is a title or a slogan, not a name


def _nisba(key: str) -> bool:
    """An adjective-like ending (ي، ية): عسكرية، الأمنية."""
    return key.endswith(("يه", "ي")) and len(key) > 4


def _gap(text: str, toks: list[Tok], j: int) -> bool:
    """Anything but spaces between token ``j - 1`` and ``j`` (punctuation, digits, quotes)."""
    return bool(text[toks[j - 1].end:toks[j].start].strip())


def inner_end(toks: list[Tok], m: RuleMatch) -> int:
    for k, t in enumerate(toks):
        if t.end == m.end:
            return k + 1
    return len(toks)
