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

OPENING = "«“‹{\ufd3f"       # { } and ﴿ ﴾ enclose scripture quotations (قال تعالى: ﴿...﴾)
CLOSING = "»”›}\ufd3e"
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
        types, info = lex._types, lex.info
        self.info = [types.get(s) or info(s) for s in self.surf]
        self.fold = [t.fold for t in self.info]
        self.n = len(toks)
        self.cue_toks = [i for i, t in enumerate(self.info) if t.cue is not None]
        self.head_toks = [i for i, t in enumerate(self.info) if t.head is not None]
        self.sent_of = self._sentences(article)
        self._bounds = self._sentence_bounds()
        self.regions: list[Region] = []
        self.region_at: dict[int, Region] = {}     # token index of an opening mark -> region
        self.close_at: dict[int, list[Region]] = {}   # token of a closing mark -> regions
        self.inside = bytearray(self.n)            # 1 for tokens strictly inside a region
        self.subjects: list = []                   # (token, Speaker) of verbs that report nothing
        self.person_ends = self._person_ends(article)
        self._regions()

    def _person_ends(self, article: Article) -> frozenset[int]:
        """Token indices where a PERSON mention of the ``ents`` layer ends."""
        out = set()
        for m in article.layer("ents"):
            if m.label == "PERSON":
                k = bisect_left(self.ends, m.end)
                if k < self.n and self.ends[k] == m.end:
                    out.add(k)
        return frozenset(out)

    # -- sentences ---------------------------------------------------------------------------
    def _sentences(self, article: Article) -> list[int]:
        sents = article.layer("sents")
        if not sents:
            return [0] * self.n
        sent_of = [0] * self.n
        si, nxt = 0, (sents[1].start if len(sents) > 1 else None)
        for i, st in enumerate(self.starts):       # one merge pass over tokens and sentences
            while nxt is not None and st >= nxt:
                si += 1
                nxt = sents[si + 1].start if si + 1 < len(sents) else None
            sent_of[i] = si
        return self._split_glued(sent_of)

    def _split_glued(self, sent_of: list[int]) -> list[int]:
        """A full stop followed by a reporting verb (". وأكد بيان المجلس أن") starts a new
        sentence even where a stray quotation mark glued the two together."""
        cuts = [i for i in self.cue_toks
                 if i and self.surf[i - 1] in ".!؟?" and sent_of[i] == sent_of[i - 1]
                 and self._verb_cue(i)]
        if not cuts:
            return sent_of
        out = list(sent_of)
        for shift, c in enumerate(cuts, 1):
            nxt = cuts[shift] if shift < len(cuts) else self.n
            for i in range(c, nxt):
                out[i] = sent_of[i] + shift
        return out

    def _verb_cue(self, i: int) -> bool:
        cue = self.info[i].cue
        return (cue is not None and cue.cls == "verb" and not cue.participle
                and self.fold[i][:1] in "وف")

    def _sentence_bounds(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        a = 0
        sent_of = self.sent_of
        for i in range(1, self.n + 1):
            if i == self.n or sent_of[i] != sent_of[a]:
                out.append((a, i))
                a = i
        return out if self.n else []

    def sentence_span(self, i: int) -> tuple[int, int]:
        """Token range ``[a, b)`` of the sentence holding token ``i``."""
        return self._bounds[self.sent_of[i]]

    def sentences(self) -> list[tuple[int, int]]:
        return self._bounds

    # -- quotation regions -------------------------------------------------------------------
    def tok_at(self, offset: int) -> int:
        return bisect_left(self.starts, offset)

    def _regions(self) -> None:
        """Pair marks per sentence with one stack, whatever their shapes ("…» and «…” pair);
        a straight " opens or closes by its neighbours; unmatched closers are ignored."""
        marks = [i for i, s in enumerate(self.surf) if s in MARKS]
        if not marks:
            return
        for a, b in self.sentences():
            lo, hi = bisect_left(marks, a), bisect_left(marks, b)
            if lo == hi:
                continue
            stack: list[int] = []
            pairs: list[tuple[int, int]] = []
            for i in marks[lo:hi]:
                s = self.surf[i]
                if s in OPENING or (s == '"' and self._straight_opens(i, a, b, stack)):
                    stack.append(i)
                elif stack:
                    pairs.append((stack.pop(), i))
            paired = set(pairs)
            for i, j in sorted(pairs + [(o, b - 1) for o in stack],
                               key=lambda p: (p[0], -p[1])):
                if not self.inside[i]:
                    cut = self._frame_inside(i, j)
                    self._add(Region(i, cut, False) if cut else Region(i, j, (i, j) in paired))

    def _frame_inside(self, i: int, j: int) -> int | None:
        """«تتقدم من المحور الشرقي، بينما أكد رئيس الإقليم مسعود البارزاني إن ...»: a mark
        closed in the wrong place. A clause particle (or comma + و) then a speech verb then a
        speaker head inside the marks ends the quotation before the particle."""
        cue_toks = self.cue_toks                   # only the cues strictly inside: linear overall
        for k in cue_toks[bisect_right(cue_toks, i + 2):bisect_left(cue_toks, j - 2)]:
            cue = self.info[k].cue
            if cue.cls != "verb" or cue.participle or self.info[k + 1].head is None:
                continue
            if self.info[k + 1].head.role not in ("title", "org", "outlet", "source"):
                continue
            prev = self.fold[k - 1]
            if prev in ("بينما", "فيما") or (self.surf[k - 1] in "،," and self.fold[k][:1] == "و"):
                return k - 2 if prev in ("بينما", "فيما") else k - 1
        return None

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
        self.close_at.setdefault(r.close_tok, []).append(r)
        for k in range(a, b):
            self.inside[k] = 1

    def _name_like(self, r: Region) -> bool:
        """«داعش», تنظيم «داعش», لـ«الشرق الأوسط»: a short quoted name, not a quotation."""
        a, b = r.inner
        words = [k for k in range(a, b) if self.is_word(k)]
        if not r.balanced or not words or len(words) > 6:
            return False
        first = self.info[words[0]].head
        if first is not None and first.role in ("org", "outlet"):
            return True                        # «مركز الملك سلمان للإغاثة والأعمال الإنسانية»
        if len(words) > 4:
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
        if pw == "و" and prev > 0 and self.name_closed_at(prev - 1):
            return True                        # «ذي دايلي مايل» و«دايلي تلغراف»
        return len(words) <= 2 and prev >= 0 and pw.startswith(("ب", "ل")) and len(pw) <= 2

    def name_closed_at(self, k: int) -> Region | None:
        """The first region (in order) closed by the mark at token ``k`` that is a quoted name
        (``name_like`` may be set after the view is built, so it is checked here)."""
        return next((r for r in self.close_at.get(k, ()) if r.name_like), None)

    # -- token classes -----------------------------------------------------------------------
    def is_word(self, i: int) -> bool:
        return self.info[i].word

    def is_punct(self, i: int) -> bool:
        return self.info[i].punct

    def classes(self, i: int) -> frozenset[str]:
        return self.info[i].classes

    def is_def(self, i: int) -> bool:
        return self.info[i].definite

    def cue(self, i: int):
        return self.info[i].cue

    def head(self, i: int):
        return self.info[i].head

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character span of tokens ``[i, j)``."""
        return self.starts[i], self.ends[j - 1]
