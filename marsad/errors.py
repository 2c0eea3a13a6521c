"""Coded, actionable errors: what happened, the offending value, what to do.

Every error marsad raises on purpose is a :class:`MarsadError` with a stable ``code``. Codes are
listed in ``docs/errors.md`` (a test checks that every code used in the package is documented).
"""
from __future__ import annotations


class MarsadError(Exception):
    """Base class: ``code`` (E###), ``message`` (what happened), ``hint`` (what to do)."""

    def __init__(self, code: str, message: str, hint: str = "", source: str | None = None) -> None:
        self.code = code
        self.message = message
        self.hint = hint
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"[{self.code}] {where}{self.message}{hint}"

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "hint": self.hint, "source": self.source}


class InputError(MarsadError):
    """A source could not be read or decoded; the batch goes on without it."""


class PipelineError(MarsadError):
    """The pipeline was built wrongly (missing requirements, unknown component)."""


class ResourceError(MarsadError):
    """A shipped resource (model, lexicon, knowledge base) is missing or malformed."""
