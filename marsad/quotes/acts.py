"""A reporting act as the finder builds it, before its speaker is resolved."""
from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Cue
from .speakers import Speaker


@dataclass
class Act:
    """One reporting act before speaker resolution."""

    cue_tok: int
    cue: Cue
    content: tuple[int, int]          # token range [a, b)
    speaker: Speaker | None
    opener: str                        # ان : « obj prep frame
    gender: str
    consumed: set[int] = field(default_factory=set)
    explicit: bool = False
