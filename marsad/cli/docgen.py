"""Generate docs/cli.md from the commands' own --help (``python -m marsad.cli.docgen``)."""
from __future__ import annotations

import click
import typer

from .app import app
from .main import load_commands


def command_paths() -> list[tuple[str, click.Command]]:
    """Every leaf command as ('marsad sub cmd', command), in a stable order."""
    load_commands()
    root = typer.main.get_command(app)
    out: list[tuple[str, click.Command]] = []

    def walk(cmd: click.Command, path: str) -> None:
        # Typer may carry its own copy of click, so groups are recognised by shape, not class.
        if hasattr(cmd, "commands") and hasattr(cmd, "list_commands"):
            for name in sorted(cmd.commands):
                walk(cmd.commands[name], f"{path} {name}")
        else:
            out.append((path, cmd))

    walk(root, "marsad")
    return out


def render() -> str:
    parts = ["# Command reference", "",
             "Generated from `--help` by `python -m marsad.cli.docgen > docs/cli.md`; a test "
             "checks it is current.", ""]
    for path, cmd in command_paths():
        ctx = type(cmd).context_class(cmd, info_name=path) if hasattr(type(cmd), "context_class") \
            else click.Context(cmd, info_name=path)
        parts += [f"## `{path}`", "", "```", cmd.get_help(ctx).strip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render())
