"""``marsad batch``: the pipeline over many inputs on Dask, to Parquet or the archive database."""
from __future__ import annotations

from typing import Optional

import typer

from ..errors import MarsadError
from .app import DB_HELP, app, err_console


@app.command("batch")
def batch_cmd(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs or URLs (s3://… via "
                                       "fsspec; each remote file is read by a worker)."),
    scheduler: str = typer.Option("processes", "--scheduler", "-s",
                                  help="local (this process) | processes (a local Dask cluster) "
                                  "| tcp://HOST:PORT (a running Dask scheduler)."),
    out: Optional[str] = typer.Option(None, "--out", help="Parquet output directory or URI, "
                                      "partitioned date=…/source=…; also holds the manifest."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    partition_size: int = typer.Option(200, "--partition-size", help="Pages per partition."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w",
                                          help="Worker processes for --scheduler processes "
                                          "(default: all cores)."),
    pipeline_names: Optional[str] = typer.Option(None, "--pipeline",
                                                 help="Comma-separated component names."),
) -> None:
    """Process inputs in partitions on Dask; an interrupted batch resumes where it stopped."""
    if partition_size < 1:
        err_console.print("[red]error[/red] --partition-size must be at least 1")
        raise typer.Exit(2)
    try:
        from ..batch import run_batch
        result = run_batch(inputs, out=out, db=db, scheduler=scheduler,
                           partition_size=partition_size, workers=workers,
                           pipeline_names=pipeline_names.split(",") if pipeline_names else None)
    except MarsadError as err:
        err_console.print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None
    except ImportError as exc:
        err_console.print(f"[red]error[/red] [E709] marsad batch needs the dask extra ({exc}); "
                          "pip install 'marsad[dask]'", highlight=False)
        raise typer.Exit(2) from None
    from .process import report_summary
    report_summary(result.summary)
    err_console.print(f"{result.partitions} partitions ({result.resumed} already done before "
                      f"this run, {len(result.failed_partitions)} failed) in "
                      f"{result.elapsed:.1f} s; manifest {result.manifest}", highlight=False)
    if result.failed_partitions:
        err_console.print("[yellow]rerun the same command to retry the failed partitions"
                          "[/yellow]")
    if not result.ok:
        raise typer.Exit(1)
