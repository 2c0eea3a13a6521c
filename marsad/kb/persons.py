"""Person names after a cue: a title, a profession, a nationality noun, or "called".

Foreign names transliterated into Arabic (كريم بنزيمه، آرسين فينغر، يايا توريه) are unknown to
any list, but news introduces them in a few fixed ways, and the cue says a person follows:

- a nationality used as a noun: الفرنسي كريم بنزيمه، العاجي يايا توريه (demonyms from the KB);
- a profession or rank: اللاعب، المدرب، النجم، المهاجم، الدكتور، اللواء، الناشط ...;
- "called": يدعى، المدعو، المعروف باسم.

The name is the run of words after the cue that are not ordinary words (corpus vocabulary, see
:mod:`marsad.kb.common`), not place names of the KB, not stop words; the first may be an
ordinary word when a name word follows (كريم بنزيمه); glue words (بن، عبد، دي، فان) join; two
to ``MAX_NAME`` words (a lone word after a cue is too often a verb: اللاعب بات ...). Cue lexicon: ``marsad/resources/entities/heads.json`` ("person_cues").
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .patterns import MEMO_MAX, Lexicon, _gap, load_lexicon
from .text import Tok, WordFilter, cut_offset, fold_word, strip_variants

MAX_NAME = 4
MIN_NAME = 2            # a full name: given name + family name (كريم بنزيمه، سورن سودالين)
_CLITIC_LETTERS = "وفبلك"
_VERB_PREFIX = ("ي", "ت", "ن")


def _plural_verb(key: str) -> bool:
    """An imperfect verb in the plural or dual (يقتلون، يعيدون، تبحثان): no name word
    (يوري، يحيى، توم are)."""
    return key.startswith(_VERB_PREFIX) and key.endswith(("ون", "ان", "وا")) and len(key) > 4
_GLUE = {"بن", "ابن", "بنت", "عبد", "ابو", "دي", "دو", "فان", "فون", "دا", "آل", "ال"}


@dataclass(frozen=True)
class PersonMatch:
    start: int
    end: int
    cue: str


class PersonCueMatcher:
    def __init__(self, demonyms: set[str], places: set[str], cues: list[str],
                 lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.demonyms = set(demonyms)
        self.cues = {" ".join(fold_word(w) for w in c.split()) for c in cues} | self.demonyms
        self.places = places
        self._memo: dict[str, bool] = {}
        self._filter = WordFilter(self._is_cue, MEMO_MAX)
        self.heads = set(self.lex.construct) | set(self.lex.designators)
        self._verb_filter = WordFilter(
            lambda k: any(w in self.lex.speech_verbs for w, c in strip_variants(k) if c <= 1),
            MEMO_MAX)

    def find(self, text: str, toks: list[Tok]) -> list[PersonMatch]:
        out: list[PersonMatch] = []
        nxt = 0
        for i in self._filter.positions(toks):     # (most words are no cue)
            if i < nxt:
                continue
            cue = toks[i].key
            if cue in self.demonyms and i > 0 \
                    and toks[i - 1].key.startswith("ال") and not _gap(text, toks, i):
                continue            # الرئيس اليمني يجتمع: an adjective, not a nationality noun
            m = self._name_after(text, toks, i + 1, cue)
            if m is not None:
                out.append(m)
                nxt = next(k for k in range(i + 1, len(toks) + 1)
                           if k == len(toks) or toks[k].start >= m.end)
        return out

    def find_appositions(self, text: str, toks: list[Tok]) -> list[PersonMatch]:
        """verb of saying + name + comma + role noun (كشف إيهاب حمودة، سفير مصر; يرى هاري
        تشيلينغوريان، رئيس ...): the name, two to ``MAX_NAME`` name words."""
        out: list[PersonMatch] = []
        for i in self._verb_filter.positions(toks):
            m = self._name_after(text, toks, i + 1, "")
            if m is None:
                continue
            k = next((k for k in range(i + 1, len(toks)) if toks[k].start >= m.end), None)
            if k is None or text[m.end:toks[k].start].strip() not in ("،", ","):
                continue
            if any(w in self.lex.role_nouns for w, _ in strip_variants(toks[k].key)[:1]):
                out.append(PersonMatch(m.start, m.end, toks[i].key))
        return out

    def find_coordinated(self, text: str, toks: list[Tok],
                         ends: list[int]) -> list[PersonMatch]:
        """Names joined by و to a person's name (مصطفى بدر الدين وإبراهيم عقيل وفؤاد شكر):
        after a PERSON mention ending at one of ``ends``, و + two to ``MAX_NAME`` name words,
        repeatedly."""
        out: list[PersonMatch] = []
        starts = [t.start for t in toks]
        todo = sorted(set(ends))
        while todo:
            end = todo.pop(0)
            k = bisect_left(starts, end)
            if k >= len(toks) or text[end:toks[k].start].strip() not in ("", "،", ","):
                continue
            last = self._conjoined_name(text, toks, k)
            if last is None:
                continue
            m = PersonMatch(cut_offset(text, toks[k].start, 1), toks[last].end, "و")
            out.append(m)
            todo.append(m.end)
        return out

    def _conjoined_name(self, text: str, toks: list[Tok], k: int) -> int | None:
        key = toks[k].key
        if not key.startswith("و") or len(key) < 4 or key in self.lex.common \
                or key[1:].startswith("ال") or not self._name_word(key[1:], True) \
                or _plural_verb(key[1:]) or key[1:] in self.heads:
            return None         # وزير (a word with و), ويقتلون (a verb), وقاعة (a head noun)
        last = k
        while last + 1 < len(toks) and last - k + 1 < MAX_NAME \
                and not _gap(text, toks, last + 1):
            nxt = toks[last + 1].key
            if nxt.startswith("و"):
                break           # وفؤاد شكر: the next name of the list
            if nxt in _GLUE or self._name_word(nxt, False) and not self._starts_phrase(nxt) \
                    and not _plural_verb(nxt) and not self._suffixed(nxt):
                last += 1
            else:
                break
        while last > k and toks[last].key in _GLUE:
            last -= 1
        closed = last + 1 == len(toks) or _gap(text, toks, last + 1) \
            or toks[last + 1].key.startswith("و")
        return last if last > k and closed else None    # (a list item ends at , or و)

    def _suffixed(self, key: str) -> bool:
        """An ordinary word with a possessive pronoun on it (بلادنا، قواتها)."""
        return key.endswith(("نا", "ها", "هم", "كم")) and key[:-2] in self.lex.common

    def _is_cue(self, key: str) -> bool:
        hit = self._memo.get(key)
        if hit is None:
            hit = any(w in self.cues for w, _ in strip_variants(key))
            if len(self._memo) >= MEMO_MAX:
                self._memo.clear()
            self._memo[key] = hit
        return hit

    def _name_after(self, text: str, toks: list[Tok], j: int, cue: str) -> PersonMatch | None:
        if j >= len(toks) or _gap(text, toks, j):
            return None
        words: list[int] = []
        k = j
        while k < len(toks) and len(words) < MAX_NAME and (k == j or not _gap(text, toks, k)):
            key = toks[k].key
            if words and self._starts_phrase(key):
                break               # فنسان كومباني والعاجي ...
            if len(words) >= 2 and key not in _GLUE and toks[words[-1]].key not in _GLUE \
                    and not key.startswith("ال"):
                break               # إيمانويل ماكرون ناقشا: a third word needs glue or ال
            if key in _GLUE and words:
                words.append(k)
            elif self._name_word(key, first=not words):
                words.append(k)
            elif not words and cue in self.demonyms and self._plain_first(key) \
                    and k + 1 < len(toks) \
                    and not _gap(text, toks, k + 1) and self._name_word(toks[k + 1].key, True):
                words.append(k)         # كريم بنزيمه: a given name that is also a word
            else:
                break
            k += 1
        while words and toks[words[-1]].key in _GLUE:
            words.pop()
        if len(words) < MIN_NAME or self._starts_phrase(toks[words[0]].key):
            return None     # one word after a cue is too often a verb or a noun (بات، فتح)
        return PersonMatch(toks[words[0]].start, toks[words[-1]].end, cue)

    def _starts_phrase(self, key: str) -> bool:
        """A conjunction or preposition on an article, a cue or an ordinary word: والعاجي،
        والكوري (a name word such as بنزيمه or فينغر only looks like one)."""
        if len(key) < 4 or key[0] not in _CLITIC_LETTERS:       # (a tatweel-only word: key '')
            return False
        rest = key[1:]
        return rest.startswith("ال") or rest in self.lex.common or rest in self.cues

    def _name_word(self, key: str, first: bool) -> bool:
        if first and key.startswith("ال"):
            return False
        if key in self.places or any(c.isdigit() for c in key):
            return False
        if key.endswith("ا") and key[:-1] in self.lex.common:
            return False            # خاسرا، جديدا: an accusative adjective
        return all(w not in self.lex.common and w not in self.lex.stop and w not in self.cues
                   for w, _ in strip_variants(key))

    def _plain_first(self, key: str) -> bool:
        return not key.startswith("ال") and key not in self.lex.stop and key not in self.cues \
            and len(key) >= 3
