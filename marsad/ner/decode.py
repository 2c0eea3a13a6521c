"""Viterbi decoding of a CRFsuite model in numpy, whole documents at a time.

A linear-chain CRF scores label y at token i as the sum of the weights of the token's
(attribute, y) pairs plus label-transition weights. Almost all of a token's attributes depend
on one word only (its own features, and what it contributes to a neighbour at each offset), so
their weight sums are cached per word as rows of one table: a document's emission scores are
then a few array gathers and shifted adds, and Viterbi runs over all its sentences at once
(padded batch). Only the few sentence-dependent attributes (sentence edges, gazetteer matches,
bigrams) are summed per token. This is what makes the fast tier fast; labels equal
``pycrfsuite.Tagger.tag`` (a test checks).

``o_bias`` subtracts a constant from every ``O`` score (the accurate tier's recall knob).
"""
from __future__ import annotations

import numpy as np

from .features import CACHE_WORDS, Featurizer
from .text import fold

TANWEEN_FATHA = "\u064b"
# Closed-class words never inside a name (prepositions, particles, demonstratives, relatives,
# verbs of saying), bare or after و/ف: 25 of 17,964 such tokens sit inside a gold mention of
# ANERcorp train (على: 0 of 1,295). Left out because they are parts of transliterated names or
# titles: إن/ان (سي إن إن), هو (هو شي منه), ما, لا (لا ليغا), دون, اليوم (أخبار اليوم).
FUNCTION_WORDS = frozenset("""
في من إلى الى على عن مع حتى منذ خلال بعد قبل حسب بحسب وفق ضد نحو لدى عند بين أمام امام تحت فوق
عبر أنه انه إنه أنها انها إنها لكن لكنه كما إذ إذا اذا لم لن قد ثم أو او هذا هذه ذلك تلك هؤلاء
الذي التي الذين اللذين اللتين كان كانت قال قالت أضاف اضاف أضافت اضافت أكد اكد أكدت اكدت أوضح
اوضح أوضحت أشار اشار أشارت اشارت أعلن اعلن أعلنت اعلنت حيث أيضا ايضا فقط عندما بينما لأن لان
بسبب إثر اثر أمس امس يذكر
""".split())


# Month names (Gregorian, Syriac) never inside a name, weekday names never at its start (محمد
# الخميس and خالد الجمعة are people, الخميس alone is Thursday); bare or after و/ف/ب/ل. 3 of ~420
# such tokens are inside ANERcorp train mentions, not counting نيسان (13 times Nissan, ORG: left
# out here); الأحد is left out too (عبد الأحد is a name).
MONTH_WORDS = frozenset(fold(w) for w in """
يناير فبراير مارس أبريل ابريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر اكتوبر
نوفمبر ديسمبر كانون شباط آذار أيار حزيران تموز أيلول تشرين
""".split())
WEEKDAY_WORDS = frozenset(fold(w) for w in "السبت الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة".split())


def _in(word: str, words: frozenset[str]) -> bool:
    w = fold(word)
    return w in words or (len(w) > 4 and w[0] in "وفبل" and w[1:] in words)


def never_starts_name(word: str) -> bool:
    """A weekday name: it may end a person's name (محمد الخميس) but never start a mention."""
    return _in(word, WEEKDAY_WORDS)


def never_in_name(word: str) -> bool:
    """An indefinite accusative (tanween fatha), a closed-class word (bare or after و/ف), a
    month name, or punctuation only: none of ANERcorp train's 11,775 punctuation
    tokens is inside a mention, so a dateline dash (موسكو - فلاديمير) or a comma ends a name."""
    return TANWEEN_FATHA in word or word in FUNCTION_WORDS \
        or (len(word) > 2 and word[0] in "وف" and word[1:] in FUNCTION_WORDS) \
        or not any(ch.isalnum() for ch in word) or _in(word, MONTH_WORDS)


def splits_name(word: str, mention_words: frozenset[str]) -> bool:
    """``و`` + a word that starts known mentions, the whole word itself not known (وغولف،
    وياسمين، وموناكو): a coordinated second name, which starts a mention rather than continues
    one. In ANERcorp train such tokens are 2,147 O, 577 B- and 52 I- (وقاص، والهرسك)."""
    w = fold(word)
    return len(w) > 3 and w[0] == "و" and w[1:] in mention_words and w not in mention_words
# Penalty on I- scores of a coordinated name word (splits_name), chosen on dev: 0 / 2 / 5 / 10
# gave fast 0.7352 / 0.7359 / 0.7344 / 0.7344, neural 0.748 / 0.752 / 0.756 / 0.755.
SPLIT_PENALTY = 2.0
BATCH_CELLS = 4096   # padded tokens per Viterbi batch (memory stays small for any document)


class Decoder:
    def __init__(self, tagger, featurizer: Featurizer, o_bias: float = 0.0,
                 adverb_rule: bool = False, mention_words: frozenset[str] = frozenset(),
                 split_penalty: float = 0.0) -> None:
        info = tagger.info()
        self.labels = list(tagger.labels())
        index = {lab: k for k, lab in enumerate(self.labels)}
        n = len(self.labels)
        self.trans = np.zeros((n, n))
        for (a, b), w in info.transitions.items():
            self.trans[index[a], index[b]] = w
        self.rows: dict[str, int] = {}
        entries = []
        for (attr, lab), w in info.state_features.items():
            row = self.rows.setdefault(attr, len(self.rows))
            entries.append((row, index[lab], w))
        self.zero = len(self.rows)            # an all-zero row closes every segment
        self.weights = np.zeros((len(self.rows) + 1, n))
        for row, col, w in entries:
            self.weights[row, col] = w
        self.bias = np.zeros(n)
        if "O" in index:
            self.bias[index["O"]] = -o_bias
        # adverb_rule: a word written with tanween fatha (قريباً، مخاطباً، دولاراً) is an
        # indefinite accusative - adverb, circumstantial or counted noun - and not part of a name
        # (2 of 523 such tokens inside ANERcorp train mentions; all 4 such mentions predicted in
        # 150 SaudiNewsNet articles were wrong). Its non-O scores get a large penalty.
        self.adverb_penalty = np.full(n, -1e4 if adverb_rule else 0.0)
        if "O" in index:
            self.adverb_penalty[index["O"]] = 0.0
        self.adverb_rule = adverb_rule
        # split rule (see splits_name): a penalty on every I- score of a coordinated name word
        self.split_row = np.array([-split_penalty if lab.startswith("I-") else 0.0
                                   for lab in self.labels])
        self.mention_words = mention_words if split_penalty else frozenset()
        self.no_start_row = np.array([-1e4 if lab.startswith("B-") else 0.0 for lab in self.labels])
        self.feat = featurizer
        self.offsets = featurizer.offsets()
        self._index_context()
        self._reset()

    def _index_context(self) -> None:
        """Weights of the context attributes ``<offset><base>`` grouped by base.

        A word seen from a neighbour contributes ``-1w=X``, ``+2w=X``, ``-1s=Y`` ...: one
        look-up of its base ``w=X`` here gives its weights at every offset at once, so a new
        word's context row needs no string building and one gather (bases that a feature set
        uses only at some offsets have weights only there, as the model was trained).
        """
        col = {o: c for c, o in enumerate(self.offsets)}
        self.base_rows: dict[str, int] = {}
        found = []
        for attr, row in self.rows.items():
            if len(attr) > 2 and attr[0] in "+-" and attr[1].isdigit():
                c = col.get(int(attr[:2]))
                if c is not None:
                    found.append((self.base_rows.setdefault(attr[2:], len(self.base_rows)), c, row))
        self.base_zero = len(self.base_rows)
        self.base = np.zeros((len(self.base_rows) + 1, len(self.offsets), len(self.labels)))
        for b, c, row in found:
            self.base[b, c] += self.weights[row]

    def _reset(self) -> None:
        self._ids: dict[str, int] = {}
        # row per word: [own + bias, contribution at offsets[0], offsets[1], ...]
        self._table = np.zeros((1024, 1 + len(self.offsets), len(self.labels)))
        self._dyn: dict[tuple[str, ...], np.ndarray] = {}

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_ids", "_table", "_dyn")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._reset()

    def _sum(self, attrs) -> np.ndarray:
        get = self.rows.get
        return self.weights[[r for r in map(get, attrs) if r is not None] or [self.zero]].sum(0)

    def _add_words(self, words: list[str]) -> None:
        """Rows for new words: features computed once, weights summed in one batch."""
        get, zero = self.rows.get, self.zero
        bget, bzero = self.base_rows.get, self.base_zero
        own_rows: list[int] = []
        own_starts: list[int] = []
        ctx_rows: list[int] = []
        ctx_starts: list[int] = []
        for word in words:
            own, wide, rich = self.feat.word_parts(word)
            own_starts.append(len(own_rows))
            own_rows += [r for r in map(get, own) if r is not None]
            own_rows.append(zero)
            ctx_starts.append(len(ctx_rows))
            ctx_rows += [r for r in map(bget, wide + rich) if r is not None]
            ctx_rows.append(bzero)
        k0 = len(self._ids)
        need = k0 + len(words)
        if need > len(self._table):
            grown = np.zeros((max(need, 2 * len(self._table)),) + self._table.shape[1:])
            grown[:k0] = self._table[:k0]
            self._table = grown
        block = self._table[k0:need]
        block[:, 0] = np.add.reduceat(self.weights[own_rows], own_starts, axis=0) + self.bias
        block[:, 1:] = np.add.reduceat(self.base[ctx_rows], ctx_starts, axis=0)
        if self.adverb_rule or self.mention_words:
            for i, word in enumerate(words):
                if self.adverb_rule and never_in_name(word):
                    block[i, 0] += self.adverb_penalty
                elif self.adverb_rule and never_starts_name(word):
                    block[i, 0] += self.no_start_row
                elif self.mention_words and splits_name(word, self.mention_words):
                    block[i, 0] += self.split_row
        self._ids.update(zip(words, range(k0, need)))

    def _dynamic(self, attrs: list[str]) -> np.ndarray:
        key = tuple(attrs)
        vec = self._dyn.get(key)
        if vec is None:
            if len(self._dyn) >= CACHE_WORDS:
                self._dyn.clear()
            vec = self._dyn[key] = self._sum(attrs)
        return vec

    def emissions(self, sentences: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(scores of every token of the non-empty sentences, concatenated; sentence lengths)."""
        flat = [t for toks in sentences for t in toks]
        ids = list(map(self._ids.get, flat))
        if None in ids:
            new = list(dict.fromkeys(t for t, k in zip(flat, ids) if k is None))
            if len(self._ids) + len(new) > CACHE_WORDS:   # bounded: long runs meet millions of words
                self._reset()
                new = list(dict.fromkeys(flat))
            self._add_words(new)
            ids = list(map(self._ids.get, flat))
        lens = np.array([len(s) for s in sentences], dtype=np.intp)
        rows = self._table[np.array(ids, dtype=np.intp)]
        em = rows[:, 0].copy()
        n = len(ids)
        pos = np.arange(n) - np.repeat(np.cumsum(lens) - lens, lens)   # index within sentence
        length = np.repeat(lens, lens)
        for c, off in enumerate(self.offsets, 1):
            ok = (pos + off >= 0) & (pos + off < length)
            src = np.nonzero(ok)[0]
            em[src] += rows[src + off, c]
        i = 0
        for toks in sentences:
            for j, attrs in self.feat.dynamic_at(toks).items():
                em[i + j] += self._dynamic(attrs)
            i += len(toks)
        return em, lens

    def viterbi(self, em: np.ndarray, lens: np.ndarray) -> list[list[int]]:
        """Best label indices per sentence, the sentences decoded together in batches.

        Sentences are stacked longest first, so the ones still running at step t are a prefix
        of the batch and each step works on that prefix only; a batch holds at most
        ``BATCH_CELLS`` padded tokens (one very long sentence does not pad all the others).
        """
        order = np.argsort(-lens, kind="stable")
        starts = np.cumsum(lens) - lens
        out: list[list[int]] = [[]] * len(lens)
        i = 0
        while i < len(order):
            take = order[i:i + max(1, BATCH_CELLS // int(lens[order[i]]))]
            for j, path in zip(take.tolist(), self._batch(em, starts[take], lens[take])):
                out[j] = path
            i += len(take)
        return out

    def _batch(self, em: np.ndarray, starts: np.ndarray, ranked: np.ndarray) -> list[list[int]]:
        """Viterbi over sentences given longest first (``em[starts[i]:starts[i]+ranked[i]]``)."""
        s, t_max, n = len(ranked), int(ranked[0]), len(self.labels)
        grid = np.zeros((s, t_max, n))
        sent = np.repeat(np.arange(s), ranked)
        pos = np.arange(int(ranked.sum())) - np.repeat(np.cumsum(ranked) - ranked, ranked)
        grid[sent, pos] = em[np.repeat(starts, ranked) + pos]
        running = [int(x) for x in np.searchsorted(-ranked, -np.arange(t_max), side="left")]
        trans_t = self.trans.T[None]                        # [., current, previous]
        score = grid[:, 0].copy()
        back = [None] * t_max
        for t in range(1, t_max):
            m = running[t]                                  # sentences with more than t tokens
            cand = score[:m, None, :] + trans_t
            best = cand.argmax(2)
            score[:m] = cand.max(2) + grid[:m, t]
            back[t] = best
        k = score.argmax(1)
        path = np.zeros((s, t_max), dtype=np.intp)
        rows = np.arange(s)
        path[rows, ranked - 1] = k
        for t in range(t_max - 1, 0, -1):
            m = running[t]
            k[:m] = back[t][rows[:m], k[:m]]
            path[:m, t - 1] = k[:m]
        return [path[r, :ranked[r]].tolist() for r in range(s)]

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for every sentence (empty sentences get no tags)."""
        full = [s for s in sentences if s]
        out: list[list[str]] = [[] for _ in sentences]
        if not full:
            return out
        em, lens = self.emissions(full)
        labels = self.labels
        paths = iter(self.viterbi(em, lens))
        for i, toks in enumerate(sentences):
            if toks:
                out[i] = [labels[k] for k in next(paths)]
        return out

    def tag(self, tokens: list[str]) -> list[str]:
        return self.tag_document([tokens])[0]


class WordRules:
    """The decoder's word rules as score rows for any tag order (for the neural and ensemble
    tiers): ``never_in_name`` blocks every non-O tag, ``splits_name`` penalises I- tags."""

    def __init__(self, labels: list[str], mention_words: frozenset[str],
                 split_penalty: float = SPLIT_PENALTY) -> None:
        self.mention_words = mention_words
        self.never = np.array([0.0 if lab == "O" else -1e4 for lab in labels])
        self.split = np.array([-split_penalty if lab.startswith("I-") else 0.0 for lab in labels])
        self.no_start = np.array([-1e4 if lab.startswith("B-") else 0.0 for lab in labels])
        self._cache: dict[str, np.ndarray | None] = {}

    def row(self, word: str) -> np.ndarray | None:
        if word not in self._cache:
            if len(self._cache) > CACHE_WORDS:
                self._cache.clear()
            self._cache[word] = self.never if never_in_name(word) else \
                self.no_start if never_starts_name(word) else \
                self.split if splits_name(word, self.mention_words) else None
        return self._cache[word]

    def apply(self, words: list[str], em: np.ndarray) -> np.ndarray:
        """``em`` (T, K) with the rows of the sentence's ruled words added (in place)."""
        for i, word in enumerate(words):
            r = self.row(word)
            if r is not None:
                em[i] += r
        return em
