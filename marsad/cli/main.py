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


def _exit_on_sigterm() -> None:
    """``kill PID`` (SIGTERM) ends the command like Ctrl-C: ``finally`` blocks run, so a store run
    is recorded as failed with its counts instead of staying 'running'."""
    import signal
    import sys

    def handler(signum, frame):                    # noqa: ARG001
        sys.exit(128 + signum)

    try:
        signal.signal(signal.SIGTERM, handler)
    except ValueError:                             # not the main thread (embedded use)
        pass


def main() -> None:
    from ..runtime import tune_gc

    load_commands()
    tune_gc()
    _exit_on_sigterm()
    app()


if __name__ == "__main__":
    main()
