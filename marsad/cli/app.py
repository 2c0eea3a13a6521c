"""The Typer app every command module attaches to."""
from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(name="marsad", no_args_is_help=True, add_completion=False,
                  help="marsad (مرصد): Arabic news in, articles, entities, quotes and events out.")
err_console = Console(stderr=True)
out_console = Console()

DB_HELP = "Archive database: a SQLite file path or postgresql://… URL (default: ./marsad.sqlite)."
