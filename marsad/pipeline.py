"""Components and the pipeline that runs them over articles.

A component is a small object with ``name``, ``requires``, ``assigns`` and ``__call__(article)``;
it loads its model or lexicon once, is picklable, deterministic and never prints. Components are
registered under versioned names (``quotes.v1``); a changed behaviour gets a new name.
Components built on Arabic lexicons or models run only on Arabic articles (``languages``; the
language comes from :mod:`marsad.lang`): an English story in a feed gets sentences and tokens,
and ``annotated`` in its JSON says nothing else ran.

>>> pipe = load_pipeline(["sentences.v1", "tokens.v1"])
>>> [c.name for c in pipe.components]
['sentences.v1', 'tokens.v1']
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Protocol

from .document import Article
from .errors import MarsadError, PipelineError
from .lang import detect

log = logging.getLogger(__name__)


class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


@dataclass(frozen=True)
class _Factory:
    name: str
    module: str
    attr: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    languages: tuple[str, ...] = ("ar",)     # article languages it runs on; "*": any


# name -> where the factory lives. Modules are imported only when the component is used, so
# heavy models and optional dependencies load lazily (and ``marsad --help`` stays fast).
REGISTRY: dict[str, _Factory] = {}


def register(name: str, module: str, attr: str, requires: Iterable[str] = (),
             assigns: Iterable[str] = (), languages: Iterable[str] = ("ar",)) -> None:
    REGISTRY[name] = _Factory(name, module, attr, tuple(requires), tuple(assigns), tuple(languages))


register("sentences.v1", "marsad.components.sentences", "SentenceSplitter", (), ("sents",), ("*",))
register("tokens.v1", "marsad.components.tokens", "Tokenizer", ("sents",), ("tokens", "subtokens"),
         ("*",))
register("entities.v1", "marsad.components.ner", "EntityRecognizer", ("sents", "tokens"), ("ents",))
register("dates.v1", "marsad.components.dates", "DateTagger", (), ("dates",))
register("quantities.v1", "marsad.components.quantities", "QuantityTagger", (), ("quantities",))
register("events.v1", "marsad.components.events", "EventCoder", (), ("events",))
register("linking.v1", "marsad.components.linking", "EntityLinker", ("tokens",),
         ("ents", "entities"))
register("quotes.v1", "marsad.components.quotes", "QuoteFinder", ("sents", "tokens"), ("quotes",))

# The default pipeline, in order. Components not yet importable are reported, not skipped.
DEFAULT_PIPELINE: list[str] = ["sentences.v1", "tokens.v1", "entities.v1", "linking.v1",
                               "quotes.v1", "dates.v1", "quantities.v1", "events.v1"]



def _factory(name: str) -> _Factory:
    try:
        return REGISTRY[name]
    except KeyError:
        raise PipelineError("E020", f"unknown component {name!r}",
                            f"known components: {', '.join(sorted(REGISTRY))}") from None


def create_component(name: str, config: dict[str, Any] | None = None) -> Component:
    fac = _factory(name)
    cls = getattr(importlib.import_module(fac.module), fac.attr)
    comp = cls(**(config or {}))
    comp.name, comp.requires, comp.assigns = fac.name, fac.requires, fac.assigns
    comp.languages = getattr(cls, "languages", fac.languages)
    return comp


@dataclass
class Pipeline:
    components: list[Component] = field(default_factory=list)

    def __post_init__(self) -> None:
        check_order(self.components)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, article: Article) -> Article:
        lang = _language(article)
        for comp in self.components:
            langs = getattr(comp, "languages", ("*",))
            if lang not in langs and "*" not in langs:
                continue                       # Arabic lexicons and models on English text: noise
            try:
                article = comp(article)
            except MarsadError:
                raise
            except Exception as exc:  # a component bug must name the component and the article
                raise PipelineError("E021", f"component {comp.name} failed on article "
                                    f"{article.id}: {type(exc).__name__}: {exc}",
                                    "report this with the input that caused it",
                                    source=article.meta.source) from exc
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield self(article)


def _language(article: Article) -> str:
    """The article's language from its text (:func:`marsad.lang.detect`); a non-Arabic result
    replaces the default ``ar`` (or ``und``) in ``meta.lang``, a declared other language stays."""
    lang = detect(article.text)
    if lang != "ar" and article.meta.lang in ("ar", "und", ""):
        article.meta.lang = lang
    return lang


def check_order(components: list[Component]) -> None:
    """Fail when a component requires a layer no earlier component assigns."""
    have: set[str] = set()
    for comp in components:
        missing = [r for r in comp.requires if r not in have]
        if missing:
            raise PipelineError("E022", f"component {comp.name} requires {missing}, which no "
                                f"earlier component assigns (available: {sorted(have) or 'none'})",
                                "put the components that assign them first")
        have.update(comp.assigns)


def check_pipeline(names: Iterable[str] | None = None) -> list[str]:
    """The names of a pipeline, checked as :func:`load_pipeline` would (known, importable, in a
    valid order) without building the components: no model is loaded. For a parent process that
    only hands the names to workers."""
    names = list(names) if names is not None else list(DEFAULT_PIPELINE)
    facs = [_factory(n) for n in names]
    for fac in facs:
        getattr(importlib.import_module(fac.module), fac.attr)
    check_order(facs)
    return names


def load_pipeline(names: Iterable[str] | None = None,
                  config: dict[str, dict[str, Any]] | None = None) -> Pipeline:
    """Build a pipeline from component names (default: :data:`DEFAULT_PIPELINE`)."""
    config = config or {}
    names = list(names) if names is not None else list(DEFAULT_PIPELINE)
    return Pipeline([create_component(n, config.get(n)) for n in names])


