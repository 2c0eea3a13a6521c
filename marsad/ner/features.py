"""CRF features for Arabic words, cached per word so tagging stays fast.

A token's features are the concatenation of cached per-word lists: its own (folded form,
proclitic-stripped form, affixes, shape, gazetteer word class, cluster) and, for each context
offset, a smaller list of the neighbour's features prefixed with the offset. Only the
gazetteer phrase match and bigrams are computed per sentence.

Tiers (see :data:`TIERS`): ``fast`` uses ±2 context; ``accurate`` adds ±3, bigrams, longer
affixes and cluster paths of neighbours.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .text import fold, is_arabic, strip_prefix


CACHE_WORDS = 200_000   # ~0.5 GB at most; news vocabulary repeats, so the hit rate stays high


@dataclass(frozen=True)
class FeatureConfig:
    window: int = 2            # context words on each side
    rich_window: int = 1       # neighbours that also get affix/gazetteer/cluster features
    suffixes: tuple[int, ...] = (1, 2, 3)
    prefixes: tuple[int, ...] = (2, 3)
    bigrams: bool = False
    cluster_prefixes: tuple[int, ...] = (4, 8, 12)
    # Options of the fast tier's second feature set (off: the features the models shipped
    # before them were trained with).
    stem_suffixes: tuple[int, ...] = ()   # trailing letters of the stem (no clitics, no ال)
    cues: bool = False         # word class from cues.tsv (TITLE ORGH PLACE SAY NAME), ±window
    nisba: bool = False        # ال + ...ي/ية/يين/يون: demonym-like adjectives (NORP/GPE cue)
    rich_clusters: int = 2     # cluster prefix lengths seen from a ±rich_window neighbour
    kb: bool = False           # BIO match against KB names (kb_names.tsv), at ±rich_window
    lexicon: bool = False      # open name lexicons (gazetteer LX: rows): lxw=PER word class,
    #                            lx= phrase BIO at ±rich_window (docs/ner.md, session 4)
    lexicon_pairs: bool = False  # with lexicon: a word frequent in the corpora text (it has a
    #                            cluster) gets lxp=PER only next to another person word


TIERS = {
    "fast": FeatureConfig(),
    # the fast tier's second feature set (docs/ner.md: each option measured on dev)
    "fast2": FeatureConfig(prefixes=(1, 2, 3, 4), stem_suffixes=(1, 2, 3, 4), cues=True, kb=True,
                           cluster_prefixes=(2, 4, 6, 8, 10, 12, 16), rich_clusters=3),
    "accurate": FeatureConfig(window=3, rich_window=2, suffixes=(1, 2, 3, 4), prefixes=(2, 3, 4),
                              bigrams=True, cluster_prefixes=(4, 6, 8, 10, 12, 16)),
}


def read_cues(path) -> dict[str, str]:
    """Folded cue word -> class, from ``cues.tsv`` (``CLASS<TAB>word<TAB>word ...``)."""
    out: dict[str, str] = {}
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            cls, *words = line.split()
            for w in words:
                out.setdefault(w, cls)
    return out


def shape(word: str) -> str:
    if is_arabic(word):
        return "ar"
    if word[:1].isdigit() or word[:1] in "٠١٢٣٤٥٦٧٨٩":
        return "num"
    if word[:1].isalpha():
        return "Lat" if word[:1].isupper() else "lat"
    return "p:" + word[:2]


class Featurizer:
    def __init__(self, config: FeatureConfig, gazetteer: Gazetteer | None = None,
                 clusters: dict[str, str] | None = None, cues: dict[str, str] | None = None,
                 kb: Gazetteer | None = None) -> None:
        self.config = config
        self.gaz = gazetteer
        self.clusters = clusters or {}
        self.cues = cues or {}
        self.kb = kb if config.kb else None
        self._cache: dict[str, tuple[list[str], dict[int, list[str]]]] = {}
        self._fold: dict[str, str] = {}
        self._pairs: dict[str, tuple[bool, bool]] = {}   # _pair_flags cache
        # Attributes a loaded model has weights for (set by NerModel; None: keep all). The CRF
        # ignores other attributes, so dropping them from the cached per-word lists leaves the
        # tags unchanged and saves ~23% of the strings the tagger must look up.
        self.known: frozenset[str] | set[str] | None = None

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_cache", "_fold", "_pairs")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._cache, self._fold, self._pairs = {}, {}, {}

    def folded(self, word: str) -> str:
        f = self._fold.get(word)
        if f is None:
            if len(self._fold) >= CACHE_WORDS:
                self._fold.clear()
            f = self._fold[word] = fold(word)
        return f

    def _entry(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        """Cached (own features, {offset: features seen from a neighbour at that offset})."""
        entry = self._cache.get(word)
        if entry is None:
            if len(self._cache) >= CACHE_WORDS:   # bounded: long runs meet millions of words
                self._cache.clear()
                self._fold.clear()
            own, ctx = self.word_attrs(word)
            known = self.known
            if known is not None:
                own = [x for x in own if x in known]
                ctx = {off: [x for x in feats if x in known] for off, feats in ctx.items()}
            entry = self._cache[word] = (own, ctx)
        return entry

    def word_parts(self, word: str) -> tuple[list[str], list[str], list[str]]:
        """(own features, features seen from any neighbour, from a ±rich_window neighbour)."""
        own, rich, cls = self._word(word)
        return own, ["w=" + self.folded(word)] + cls, rich

    def word_attrs(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        """(own features, {offset: features seen from a neighbour at that offset}), uncached."""
        own, w, rich = self.word_parts(word)
        ctx = {}
        for k in range(1, self.config.window + 1):
            with_rich = k <= self.config.rich_window
            for off, p in ((-k, "-%d" % k), (k, "+%d" % k)):
                ctx[off] = [p + x for x in w] + ([p + x for x in rich] if with_rich else [])
        return own, ctx

    def _word(self, word: str) -> tuple[list[str], list[str], list[str]]:
        """(own features, features for ±rich_window neighbours, cue class for all neighbours)."""
        w = self.folded(word)
        pre, rest = strip_prefix(w)
        stem = rest[2:] if rest.startswith("ال") and len(rest) >= 4 else rest
        cfg = self.config
        own = ["w=" + w, "s=" + rest, "sh=" + shape(word), f"len={min(len(w), 8)}"]
        if pre:
            own.append("pre=" + pre)
        if stem is not rest:
            own.append("al")
        lw, ls = len(w), len(stem)
        own += [f"suf{n}={w[-n:]}" for n in cfg.suffixes if lw > n]
        own += [f"pfx{n}={stem[:n]}" for n in cfg.prefixes if ls > n]
        own += [f"ss{n}={stem[-n:]}" for n in cfg.stem_suffixes if ls > n]
        cls_feats: list[str] = []
        if cfg.cues:
            cls = self.cues.get(stem) or self.cues.get(rest) or \
                (self.cues.get(w[1:]) if w[:1] in "وفبلك" else None)
            if cls:
                cls_feats = ["cls=" + cls]
                own += cls_feats
        if cfg.nisba and stem is not rest and len(stem) >= 4 and \
                stem.endswith(("ي", "يه", "يين", "يون", "يات")):
            own.append("nisba")
        rich = ["s=" + rest, "suf2=" + w[-2:]]
        gz = self._gaz_word(w, rest, stem)
        own += gz
        rich += gz
        path = self.clusters.get(rest) or self.clusters.get(w)
        if path:
            cl = [f"c{n}={path[:n]}" for n in cfg.cluster_prefixes]
            own += cl
            rich += cl[:cfg.rich_clusters]
        return own, rich, cls_feats

    def _gaz_word(self, w: str, rest: str, stem: str) -> list[str]:
        if self.gaz is None:
            return []
        out = []
        if w in self.gaz.words or rest in self.gaz.words:
            out.append("gzw=PERSON")
        if self.config.lexicon:
            lex = self.gaz.lex_words
            cls = lex.get(w) or lex.get(rest)
            if cls and self.config.lexicon_pairs and (rest in self.clusters or w in self.clusters):
                pass                              # frequent word: needs a neighbour (lxp=)
            elif cls:
                out.append("lxw=" + cls)
            elif len(w) >= 5 and w[0] in "وفبلك":      # a proclitic + a lexicon word: وموغيريني
                if w[1:] in lex or (w[0] in "وف" and w[1] in "بلك" and w[2:] in lex):
                    out.append("lxc=PER")
        return out

    def parts(self, tokens: list[str]) -> tuple[list[tuple], list[list[str]]]:
        """Cached per-word entries and, per token, the features that depend on the sentence."""
        return [self._entry(t) for t in tokens], self.dynamic(tokens)

    def dynamic(self, tokens: list[str]) -> list[list[str]]:
        """Per token, the features that depend on the sentence (edges, gazetteer, bigrams)."""
        at = self.dynamic_at(tokens)
        return [at.get(i, []) for i in range(len(tokens))]

    def dynamic_at(self, tokens: list[str]) -> dict[int, list[str]]:
        """:meth:`dynamic` for the positions that have any (most tokens have none)."""
        n = len(tokens)
        dyn: defaultdict[int, list[str]] = defaultdict(list)
        if not n:
            return dyn
        dyn[0].append("-EDGE")
        dyn[n - 1].append("+EDGE")
        if self.gaz is not None or self.kb is not None:
            keys = [self.folded(t) for t in tokens]
            lex = self.gaz.lex if self.gaz is not None and self.config.lexicon else None
            for name, matcher in (("gz", self.gaz), ("kb", self.kb), ("lx", lex)):
                if matcher is not None:
                    _add_matches(dyn, name, matcher.match(keys), self.config.rich_window)
        if self.config.lexicon_pairs and self.gaz is not None:
            self._lexicon_pairs(tokens, dyn)
        if self.config.bigrams:
            folded = self.folded
            for i in range(n):
                if i > 0:
                    dyn[i].append("bw-=" + folded(tokens[i - 1]) + "|" + folded(tokens[i]))
                if i + 1 < n:
                    dyn[i].append("bw+=" + folded(tokens[i]) + "|" + folded(tokens[i + 1]))
        return dyn

    def _lexicon_pairs(self, tokens: list[str], dyn) -> None:
        """``lxp=PER`` on a frequent lexicon word standing next to another person word."""
        flags = [self._pair_flags(t) for t in tokens]
        last = len(tokens) - 1
        for i, (_, frequent) in enumerate(flags):
            if frequent and ((i > 0 and flags[i - 1][0]) or (i < last and flags[i + 1][0])):
                dyn[i].append("lxp=PER")

    def _pair_flags(self, token: str) -> tuple[bool, bool]:
        """(a person word, also behind a proclitic; a lexicon word that has a cluster), cached."""
        cache = self._pairs
        flags = cache.get(token)
        if flags is None:
            if len(cache) >= CACHE_WORDS:
                cache.clear()
            lex, words = self.gaz.lex_words, self.gaz.words
            w = self.folded(token)
            r = strip_prefix(w)[1]
            person = r in lex or r in words or (r[:1] in "وفبلك" and (r[1:] in lex or r[1:] in words))
            frequent = (r in lex or w in lex) and (r in self.clusters or w in self.clusters)
            flags = cache[token] = (person, frequent)
        return flags

    def offsets(self) -> list[int]:
        return [o for k in range(1, self.config.window + 1) for o in (-k, k)]

    def features(self, tokens: list[str]) -> list[list[str]]:
        """One feature list per token."""
        entries, dynamic = self.parts(tokens)
        n = len(tokens)
        offsets = self.offsets()
        out = []
        for i in range(n):
            f = entries[i][0][:]
            for off in offsets:
                j = i + off
                if 0 <= j < n:
                    f += entries[j][1][off]
            f += dynamic[i]
            out.append(f)
        return out


def _add_matches(dyn: defaultdict[int, list[str]], name: str, tags: list[str], rich: int) -> None:
    """Phrase-match BIO tags as features of the token (``gz=B-PER``) and of its neighbours up to
    ``rich`` away (``-1gz=B-PER`` on the next token, ``+1gz=B-PER`` on the previous one)."""
    n = len(tags)
    for i, g in enumerate(tags):
        if g != "O":
            dyn[i].append(f"{name}={g}")
            for k in range(1, rich + 1):
                if i + k < n:
                    dyn[i + k].append("-%d%s=%s" % (k, name, g))
                if i >= k:
                    dyn[i - k].append("+%d%s=%s" % (k, name, g))
