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
    from ..runtime import exit_on_sigterm, tune_gc

    load_commands()
    tune_gc()
    exit_on_sigterm()         # kill PID ends the command like Ctrl-C (marsad/runtime.py)
    app()


if __name__ == "__main__":
    main()
