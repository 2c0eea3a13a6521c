"""The shipped quote lexicon (``marsad/resources/quotes/``), loaded and folded once.

Three TSV files (columns in the folder's README.md):

* ``cues.tsv``      reporting verbs with their forms, what may open their content, and the
                    reporting frames (بحسب، وفق ...) and impersonal forms to skip (يذكر أن);
* ``speakers.tsv``  head words of speaker phrases: person titles, outlets, organisations,
                    anonymous sources (with an English canonical name), inanimate subjects;
* ``words.tsv``     closed classes: complementisers, prepositions, relatives, time words,
                    adverbs, particles, frame-adjunct nouns, heads that make «…» a name.

Every form is folded with :func:`fold` (no diacritics or tatweel; أ إ آ ٱ → ا; ى → ي; ة → ه),
the same folding applied to article tokens, so lookups are plain dict hits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "quotes"

_FOLD = {ord(c): None for c in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"}
_FOLD.update({ord(c): "ا" for c in "أإآٱ"})
_FOLD.update({ord("ى"): "ي", ord("ة"): "ه"})


def fold(word: str) -> str:
    """Fold one word for lexicon lookups (length may change: never use it for offsets)."""
    return word.translate(_FOLD)


_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    cls: str                 # verb | frame | skip
    opens: frozenset[str]    # what may open the content: ان : « obj الى على عن من ب
    gender: str              # m | f | p
    participle: bool         # مشيرا، مضيفة ... (no subject of its own)


@dataclass(frozen=True, slots=True)
class Head:
    role: str                # title | outlet | org | source | inanimate
    kind: str                # person | org | outlet | group | unnamed | -
    gender: str
    canonical: str | None


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """Everything the finder asks about one token type, computed once per distinct surface."""

    fold: str
    cue: Cue | None
    head: Head | None
    classes: frozenset[str]
    word: bool
    punct: bool
    definite: bool


_CACHE_LIMIT = 300_000


@dataclass
class Lexicon:
    cues: dict[str, Cue] = field(default_factory=dict)
    heads: dict[str, Head] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    _types: dict[str, TypeInfo] = field(default_factory=dict)

    def info(self, surface: str) -> TypeInfo:
        """Cached facts about a token surface (word types repeat, so this is one dict hit)."""
        hit = self._types.get(surface)
        if hit is None:
            if len(self._types) > _CACHE_LIMIT:
                self._types.clear()
            hit = self._types[surface] = self._compute(surface)
        return hit

    def _compute(self, surface: str) -> TypeInfo:
        f = fold(surface)
        classes = self.word(f)
        if f == "علي" and surface.endswith("ي"):
            classes = _EMPTY                   # the name علي, not the preposition على
        definite = len(f) > 3 and (f.startswith(("ال", "لل")) or (f[0] in "وفبك" and f[1:3] == "ال"))
        return TypeInfo(f, self.cue(f), self.head(f), classes, surface[:1].isalpha(),
                        not surface[:1].isalnum(), definite)

    def cue(self, folded: str) -> Cue | None:
        """The cue a folded token spells, trying it bare and without a leading و/ف."""
        hit = self.cues.get(folded)
        if hit is None and len(folded) > 3 and folded[0] in "وف":
            hit = self.cues.get(folded[1:])
        return hit

    def word(self, folded: str) -> frozenset[str]:
        """The closed classes of a folded word (empty when it is in none)."""
        return self.words.get(folded, _EMPTY)

    def head(self, folded: str) -> Head | None:
        hit = self.heads.get(folded)
        if hit is None and len(folded) > 3 and folded[0] in "وف":
            hit = self.heads.get(folded[1:])
        return hit


def _rows(path: Path) -> list[list[str]]:
    if not path.exists():
        raise ResourceError("E500", f"quote lexicon file missing: {path}",
                            "reinstall marsad; the file ships in marsad/resources/quotes/")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise ResourceError("E501", f"{path.name} line {n}: expected tab-separated columns, "
                                f"got {line!r}", "see marsad/resources/quotes/README.md")
        out.append(cols)
    return out


def _is_participle(form: str) -> bool:
    f = fold(form)
    return (f.startswith("م") and f[-1] in "اه" and len(f) >= 4) or f in ("قايلا", "قايله", "قائلا",
                                                                       "قائله", "نافيا", "نافيه",
                                                                       "داعيا", "داعيه", "لافتا",
                                                                       "لافته", "كاشفا", "كاشفه",
                                                                       "ذاكرا", "ذاكره", "زاعما",
                                                                       "زاعمه")


def _load_cues(lex: Lexicon, path: Path) -> None:
    for cols in _rows(path):
        if len(cols) < 6:
            raise ResourceError("E501", f"{path.name}: row {cols[0]!r} needs 6 columns",
                                "see marsad/resources/quotes/README.md")
        lemma, cls, opens = cols[0], cols[1], frozenset(fold(o) for o in cols[2].split(",") if o != "-")
        for gender, forms in zip("mfp", cols[3:6]):
            for form in forms.split():
                if form == "-":
                    continue
                key = fold(form)
                lex.cues.setdefault(key, Cue(lemma, cls, opens, gender,
                                             cls == "verb" and _is_participle(form)))


@lru_cache(maxsize=2)
def load_lexicon(directory: str = str(RESOURCE_DIR)) -> Lexicon:
    """Load and fold the three TSV files once per process."""
    root = Path(directory)
    lex = Lexicon()
    _load_cues(lex, root / "cues.tsv")
    for cols in _rows(root / "speakers.tsv"):
        cols = cols + ["-"] * (5 - len(cols))
        canonical = cols[4] if cols[4] != "-" else None
        lex.heads.setdefault(fold(cols[0]), Head(cols[1], cols[2], cols[3], canonical))
    classes: dict[str, set[str]] = {}
    for cols in _rows(root / "words.tsv"):
        classes.setdefault(fold(cols[0]), set()).add(cols[1])
    lex.words = {k: frozenset(v) for k, v in classes.items()}
    return lex
