"""A token-level view of one article for the quote finder.

Built from the ``tokens`` and ``sents`` layers: every token keeps its offsets, its folded form
and a coarse class; quotation marks are paired into regions (balanced pairs per line; an opening
mark left unclosed runs to the end of its sentence).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..document import Article
from .lexicon import Lexicon, fold

OPENING = "«“‹"
CLOSING = "»”›"
MARKS = OPENING + CLOSING + '"'


@dataclass(slots=True)
class Region:
    """A quotation ``[open_tok, close_tok]`` (token indices of the marks, inclusive)."""

    open_tok: int
    close_tok: int
    balanced: bool
    name_like: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        return self.open_tok + 1, self.close_tok if self.balanced else self.close_tok + 1


class View:
    """Tokens of one article with folded forms, word classes, sentences and quote regions."""

    def __init__(self, article: Article, lex: Lexicon) -> None:
        self.text = article.text
        self.lex = lex
        toks = article.layer("tokens")
        self.starts = [t.start for t in toks]
        self.ends = [t.end for t in toks]
        self.surf = [self.text[t.start:t.end] for t in toks]
        self.fold = [fold(s) for s in self.surf]
        self.n = len(toks)
        self.sent_of = self._sentences(article)
        self.regions: list[Region] = []
        self.region_at: dict[int, Region] = {}     # token index of an opening mark -> region
        self.inside = bytearray(self.n)            # 1 for tokens strictly inside a region
        self._regions()

    # -- sentences ---------------------------------------------------------------------------
    def _sentences(self, article: Article) -> list[int]:
        sents = article.layer("sents")
        if not sents:
            return [0] * self.n
        sstarts = [s.start for s in sents]
        sent_of = [max(0, bisect_right(sstarts, st) - 1) for st in self.starts]
        return self._split_glued(sent_of)

    def _split_glued(self, sent_of: list[int]) -> list[int]:
        """A full stop followed by a reporting verb (". وأكد بيان المجلس أن") starts a new
        sentence even where a stray quotation mark glued the two together."""
        out: list[int] = []
        sid = 0
        for i, s in enumerate(sent_of):
            if i and (s != sent_of[i - 1] or (self.surf[i - 1] in ".!؟?" and self._verb_cue(i))):
                sid += 1
            out.append(sid)
        return out

    def _verb_cue(self, i: int) -> bool:
        f = self.fold[i]
        cue = self.lex.cue(f) if f[:1] in "وف" else None
        return cue is not None and cue.cls == "verb" and not cue.participle

    def sentence_span(self, i: int) -> tuple[int, int]:
        """Token range ``[a, b)`` of the sentence holding token ``i``."""
        s = self.sent_of[i]
        a = i
        while a > 0 and self.sent_of[a - 1] == s:
            a -= 1
        b = i
        while b < self.n and self.sent_of[b] == s:
            b += 1
        return a, b

    def sentences(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        a = 0
        for i in range(1, self.n + 1):
            if i == self.n or self.sent_of[i] != self.sent_of[a]:
                out.append((a, i))
                a = i
        return out if self.n else []

    # -- quotation regions -------------------------------------------------------------------
    def tok_at(self, offset: int) -> int:
        return bisect_left(self.starts, offset)

    def _regions(self) -> None:
        """Pair marks per sentence with one stack, whatever their shapes ("…» and «…” pair);
        a straight " opens or closes by its neighbours; unmatched closers are ignored."""
        for a, b in self.sentences():
            stack: list[int] = []
            pairs: list[tuple[int, int]] = []
            for i in range(a, b):
                s = self.surf[i]
                if s not in MARKS:
                    continue
                if s in OPENING or (s == '"' and self._straight_opens(i, a, b, stack)):
                    stack.append(i)
                elif stack:
                    pairs.append((stack.pop(), i))
            for i, j in sorted(pairs + [(o, b - 1) for o in stack],
                               key=lambda p: (p[0], -p[1])):
                if not self.inside[i]:
                    self._add(Region(i, j, (i, j) in pairs))

    def _straight_opens(self, i: int, a: int, b: int, stack: list[int]) -> bool:
        before = self.text[self.starts[i] - 1] if self.starts[i] > 0 else " "
        after = self.text[self.ends[i]] if self.ends[i] < len(self.text) else " "
        if before.isspace() or before in "(:،,":
            return not (stack and after.isspace())
        return False

    def _add(self, r: Region) -> None:
        a, b = r.inner
        if b - a <= 0:
            return
        r.name_like = self._name_like(r)
        self.regions.append(r)
        self.region_at[r.open_tok] = r
        for k in range(a, b):
            self.inside[k] = 1

    def _name_like(self, r: Region) -> bool:
        """«داعش», تنظيم «داعش», لـ«الشرق الأوسط»: a short quoted name, not a quotation."""
        a, b = r.inner
        words = [k for k in range(a, b) if self.is_word(k)]
        if not r.balanced or not words or len(words) > 4:
            return False
        prev = r.open_tok - 1
        pw = self.fold[prev] if prev >= 0 else ""
        if "namehead" in self.lex.word(pw) or "namehead" in self.lex.word(self.fold[words[0]]):
            return True
        if pw in ("ل", "لـ") or (self.surf[prev].endswith("ـ") if prev >= 0 else False):
            return True
        head = self.lex.head(pw) or (self.lex.head(pw[1:]) if pw[:1] in "لب" else None)
        if head is not None and (head.role == "outlet" or head.role == "org" and not pw.startswith("ال")):
            return True                        # وكالة «بلومبرغ», لوكالة «رويترز»
        if pw == "و" and prev > 0 and any(r.close_tok == prev - 1 and r.name_like
                                          for r in self.regions):
            return True                        # «ذي دايلي مايل» و«دايلي تلغراف»
        return len(words) <= 2 and prev >= 0 and pw.startswith(("ب", "ل")) and len(pw) <= 2

    # -- token classes -----------------------------------------------------------------------
    def is_word(self, i: int) -> bool:
        return self.surf[i][:1].isalpha()

    def is_punct(self, i: int) -> bool:
        return not self.surf[i][:1].isalnum()

    def classes(self, i: int) -> frozenset[str]:
        if self.fold[i] == "علي" and self.surf[i].endswith("ي"):
            return frozenset()                 # the name علي, not the preposition على
        return self.lex.word(self.fold[i])

    def is_def(self, i: int) -> bool:
        f = self.fold[i]
        return len(f) > 3 and (f.startswith("ال") or f.startswith("لل") or
                               (f[0] in "وفبك" and f[1:3] == "ال"))

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character span of tokens ``[i, j)``."""
        return self.starts[i], self.ends[j - 1]
