"""Entry point: import the command modules (each registers its commands on ``app``), then run."""
from __future__ import annotations

import importlib

from .app import app

# One module per command family. Add yours here.
COMMAND_MODULES = [
    "marsad.cli.process",
    "marsad.cli.evaluate",
    "marsad.cli.batch",
    "marsad.cli.crawl",
    "marsad.cli.store",
    "marsad.cli.serve",
    "marsad.cli.entities",
    "marsad.cli.kb",
    "marsad.cli.quotes",
    "marsad.cli.events",
    "marsad.cli.train",
]


def load_commands() -> None:
    for mod in COMMAND_MODULES:
        importlib.import_module(mod)


def main() -> None:
    from ..runtime import tune_gc

    load_commands()
    tune_gc()
    app()


if __name__ == "__main__":
    main()
