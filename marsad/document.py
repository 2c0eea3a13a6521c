"""The document model: one immutable text per article, every annotation a span of offsets.

An :class:`Article` holds a canonical ``text`` that never changes after construction and a dict
of *layers*, each a list of :class:`Span` objects whose ``start``/``end`` are code-point offsets
into ``text``. Nothing downstream stores a copy of a string it could point at: ``span.text`` is
always ``article.text[span.start:span.end]``.

Layers in use (each component documents what it assigns):

``blocks``     page structure: title, subtitle, paragraph, subhead, caption, byline, dateline and
               related-card fields (``related.title`` ...); attrs carry ``credit``, ``card``.
``sents``      sentences.                ``tokens``  words; ``subtokens`` clitic pieces.
``ents``       entity mentions (label = type); attrs ``entity_id`` links to ``Article.entities``.
``quotes``     reported content; attrs ``kind``, ``cue``, ``speaker`` {...}.
``events``     PLOVER events; attrs ``type``, ``actor``, ``target``, ``location``, ``date``.
``dates``      normalised dates (attrs ``value``); ``quantities`` (attrs ``value``, ``unit``).

:meth:`Article.to_dict` writes the JSON contract of ``shared/gold/FORMAT.md`` (schema:
``marsad/resources/article.schema.json``); :meth:`Article.from_dict` reads it back losslessly.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any, Callable, Iterable, Mapping

from .errors import MarsadError

SCHEMA_VERSION = "marsad.article/1"

# Layers whose spans are written as top-level keys of the JSON contract (flattened attrs).
CONTRACT_LAYERS = ("quotes", "events", "dates", "quantities")
_SPAN_KEYS = ("start", "end", "text", "id", "label")


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled range ``[start, end)`` of code points in an article's text."""

    start: int
    end: int
    label: str
    id: str = ""
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise MarsadError("E001", f"span offsets must be int, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise MarsadError("E001", f"invalid span offsets [{self.start}, {self.end})",
                              "offsets must satisfy 0 <= start <= end")

    def text_in(self, text: str) -> str:
        return text[self.start:self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def with_attrs(self, **attrs: Any) -> "Span":
        return replace(self, attrs={**self.attrs, **attrs})

    def __reduce__(self):
        # The frozen-slots dataclass pickles through Python-level __getstate__/__setstate__,
        # ~15 us per span; a plain tuple makes --jobs/Dask transfer ~10x cheaper.
        return trusted_span, (self.start, self.end, self.label, self.id, self.attrs)


_span_start, _span_end = attrgetter("start"), attrgetter("end")
_new = object.__new__
_set_start, _set_end, _set_label, _set_id, _set_attrs = (
    Span.__dict__[name].__set__ for name in ("start", "end", "label", "id", "attrs"))


def _span_order(span: Span) -> tuple[int, int]:
    return span.start, -span.end


def trusted_span(start: int, end: int, label: str, id: str = "",
                 attrs: Mapping[str, Any] | None = None) -> Span:
    """A :class:`Span` built without re-validating offsets, for hot loops whose offsets are
    valid by construction (regex matches in the text). About 2.5x cheaper than ``Span(...)``;
    the result is an ordinary frozen Span, and ``Article.set_layer`` still checks the ends."""
    span = _new(Span)
    _set_start(span, start)     # slot descriptors directly: a third cheaper than __setattr__
    _set_end(span, end)
    _set_label(span, label)
    _set_id(span, id)
    _set_attrs(span, {} if attrs is None else attrs)
    return span


class LazyLayer:
    """A layer kept compact until first read: ``build()`` returns its spans. A component may
    assign one with :meth:`Article.set_lazy_layer` when readers are rare (``subtokens``: no
    default component reads them and ``marsad process`` does not write them, so building ~800
    Spans per article would be wasted work)."""

    __slots__ = ("build",)

    def __init__(self, build: Callable[[], Iterable[Span]]) -> None:
        self.build = build


class Layers(dict):
    """``name -> list[Span]``, a plain dict to its readers: a :class:`LazyLayer` value is built
    (validated and sorted like ``set_layer``) on first read, through any accessor."""

    __slots__ = ("_text_len",)

    def __init__(self, text_len: int = 0) -> None:
        super().__init__()
        self._text_len = text_len

    def _value(self, name: str, value: Any) -> Any:
        if type(value) is LazyLayer:
            value = _checked_layer(name, value.build(), self._text_len)
            dict.__setitem__(self, name, value)
        return value

    def _build_all(self) -> None:
        for name, value in list(dict.items(self)):
            self._value(name, value)

    def __getitem__(self, name: str) -> list[Span]:
        return self._value(name, dict.__getitem__(self, name))

    def get(self, name: str, default: Any = None) -> Any:
        value = dict.get(self, name, _MISSING)
        return default if value is _MISSING else self._value(name, value)

    def pop(self, name: str, *default: Any) -> Any:
        value = dict.pop(self, name, *default)
        return _checked_layer(name, value.build(), self._text_len) \
            if type(value) is LazyLayer else value

    def setdefault(self, name: str, default: Any = None) -> Any:
        if name in self:
            return self[name]
        dict.__setitem__(self, name, default)
        return default

    def popitem(self) -> tuple[str, list[Span]]:
        self._build_all()
        return dict.popitem(self)

    def items(self):
        self._build_all()
        return dict.items(self)

    def values(self):
        self._build_all()
        return dict.values(self)

    def __iter__(self):   # defined in Python so that dict(d) / {**d} go through __getitem__
        return dict.__iter__(self)

    def copy(self) -> dict[str, list[Span]]:
        self._build_all()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._build_all()
        if isinstance(other, Layers):
            other._build_all()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = None   # type: ignore[assignment]

    def __repr__(self) -> str:
        self._build_all()
        return dict.__repr__(self)

    def __reduce__(self):
        return _rebuild_layers, (self._text_len, dict(self))


def _rebuild_layers(text_len: int, items: dict) -> Layers:
    layers = Layers(text_len)
    dict.update(layers, items)
    return layers


_MISSING = object()
_dict_get = dict.get


def _checked_layer(name: str, spans: Iterable[Span], n: int) -> list[Span]:
    """Spans ordered by (start, -end), ties in input order, none past ``n``."""
    # Two stable sorts with C-level keys equal one sort keyed by _span_order, at a fraction of
    # the cost (no Python call per span).
    checked = sorted(spans, key=_span_end, reverse=True)   # reverse=True is still stable
    checked.sort(key=_span_start)
    if checked and max(map(_span_end, checked)) > n:   # C-level scan; the loop only on error
        s = next(s for s in checked if s.end > n)
        raise MarsadError("E003", f"span [{s.start}, {s.end}) of layer {name!r} is past "
                          f"the end of the text ({n} code points)",
                          "build spans from offsets into article.text")
    return checked


@dataclass(slots=True)
class Entity:
    """A document-level entity: all mentions of one referent in one article."""

    id: str
    type: str
    name: str                       # canonical name (English where known, else Arabic)
    name_ar: str | None = None
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ArticleMeta:
    source: str = ""                 # input file name or input record id
    position: int = 0                # 0-based position of the story on its page
    url: str | None = None
    publisher: str | None = None
    section: str | None = None
    published: str | None = None     # ISO date or datetime
    author: str | None = None
    dateline: str | None = None
    lang: str = "ar"
    extra: dict[str, Any] = field(default_factory=dict)


class Article:
    """One story: an immutable ``text`` plus annotation layers of spans into it."""

    __slots__ = ("id", "_text", "meta", "layers", "entities", "page_offsets")

    def __init__(self, text: str, meta: ArticleMeta | None = None, id: str | None = None,
                 layers: dict[str, list[Span]] | None = None,
                 entities: list[Entity] | None = None,
                 page_offsets: list[tuple[int, int]] | None = None) -> None:
        if not isinstance(text, str):
            raise MarsadError("E002", f"article text must be str, got {type(text).__name__}")
        self._text = text
        self.meta = meta or ArticleMeta()
        self.id = id or make_article_id(self.meta.url or self.meta.source, self.meta.position, text)
        self.layers: dict[str, list[Span]] = Layers(len(text))
        self.entities: list[Entity] = list(entities or [])
        self.page_offsets = page_offsets
        for name, spans in (layers or {}).items():
            self.set_layer(name, spans)

    @property
    def text(self) -> str:
        return self._text

    # -- layers -----------------------------------------------------------------------------
    def set_layer(self, name: str, spans: Iterable[Span]) -> None:
        """Replace a layer; spans are validated against the text and kept sorted."""
        self.layers[name] = _checked_layer(name, spans, len(self._text))

    def set_lazy_layer(self, name: str, build: Callable[[], Iterable[Span]]) -> None:
        """Replace a layer with one built by ``build()`` on first read (then validated and
        sorted as by :meth:`set_layer`). ``build`` must be deterministic and picklable."""
        layers = self.layers
        if type(layers) is not Layers:     # someone assigned a plain dict: build now
            self.set_layer(name, build())
            return
        dict.__setitem__(layers, name, LazyLayer(build))

    def drop_layer(self, name: str) -> None:
        """Remove a layer without building it (a lazy layer is simply discarded)."""
        dict.pop(self.layers, name, None)

    def layer_names(self) -> list[str]:
        return list(dict.keys(self.layers))

    def layer(self, name: str) -> list[Span]:
        spans = _dict_get(self.layers, name)      # C-level: layer() is called in loops
        if spans is None:
            return []
        return self.layers[name] if type(spans) is LazyLayer else spans

    def span_text(self, span: Span) -> str:
        return self._text[span.start:span.end]

    def blocks(self, *labels: str) -> list[Span]:
        spans = self.layer("blocks")
        return [b for b in spans if not labels or b.label in labels]

    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    # -- derived structure ---------------------------------------------------------------------
    @property
    def title(self) -> str:
        found = self.blocks("title")
        return self.span_text(found[0]) if found else ""

    @property
    def subtitle(self) -> str | None:
        found = self.blocks("subtitle")
        return self.span_text(found[0]) if found else None

    @property
    def paragraphs(self) -> list[str]:
        return [self.span_text(b) for b in self.blocks("paragraph")]

    @property
    def subheads(self) -> list[str]:
        return [self.span_text(b) for b in self.blocks("subhead")]

    def captions(self) -> list[dict[str, Any]]:
        return [{"text": self.span_text(b), "credit": b.attrs.get("credit")}
                for b in self.blocks("caption")]

    def related(self) -> list[dict[str, Any]]:
        """Related-article cards, rebuilt from ``related.*`` blocks grouped by ``card``."""
        cards: dict[int, dict[str, Any]] = {}
        for b in self.layer("blocks"):
            if not b.label.startswith("related."):
                continue
            card = cards.setdefault(int(b.attrs.get("card", 0)), dict.fromkeys(RELATED_FIELDS))
            field_name = b.label.split(".", 1)[1]
            card[field_name] = self.span_text(b)
            if field_name == "caption":
                card["credit"] = b.attrs.get("credit")
        return [cards[k] for k in sorted(cards)]

    def region_of(self, offset: int) -> str:
        """'related' when the offset lies in a related-card block, else 'main'."""
        for b in self.layer("blocks"):
            if b.start <= offset < b.end:
                return "related" if b.label.startswith("related.") else "main"
        return "main"

    # -- serialisation ---------------------------------------------------------------------
    def to_dict(self, exclude_layers: Iterable[str] = ()) -> dict[str, Any]:
        from .serialize import article_to_dict
        return article_to_dict(self, exclude_layers=tuple(exclude_layers))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Article":
        from .serialize import article_from_dict
        return article_from_dict(data)

    def __reduce__(self):
        # Layers travel as tuples (pickled in C) and are rebuilt without re-sorting: they were
        # validated and sorted by set_layer when first assigned. Used by --jobs and Dask.
        layers = {name: [(s.start, s.end, s.label, s.id, s.attrs) for s in spans]
                  for name, spans in self.layers.items()}
        return _rebuild_article, (self._text, self.meta, self.id, layers, self.entities,
                                  self.page_offsets)

    def __repr__(self) -> str:
        head = self._text[:40].replace("\n", " ")
        return f"Article(id={self.id!r}, text={head!r}..., layers={sorted(self.layers)})"


def _rebuild_article(text: str, meta: ArticleMeta, id: str, layers: dict[str, list[tuple]],
                     entities: list[Entity], page_offsets: list | None) -> Article:
    article = Article(text, meta=meta, id=id, entities=entities, page_offsets=page_offsets)
    rebuilt = Layers(len(text))
    dict.update(rebuilt, {name: [trusted_span(*t) for t in spans] for name, spans in layers.items()})
    article.layers = rebuilt
    return article


RELATED_FIELDS = ("section", "title", "caption", "credit", "teaser", "author", "dateline")


def make_article_id(origin: str, position: int, text: str) -> str:
    """Stable id: hash of (canonical url or source name, position on page); text if no origin."""
    key = f"{origin}#{position}" if origin else text
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
