"""HTML ingest benchmark: quality and speed of marsad vs trafilatura / htmldate, one run.

    python bench/html_extraction.py [--limit N] [--data ../shared/data] [--json]

Same numbers as ``marsad eval html`` (both call :func:`marsad.eval.html.run`).
"""
from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the stdlib ``html`` module that trafilatura imports: drop bench/ from
# the import path before anything imports ``html``.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per data set (quick run)")
    parser.add_argument("--data", default=None, help="the shared data directory")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    logging.disable(logging.WARNING)          # trafilatura is chatty about discarded pages
    from marsad.eval.html import run

    result = run(data=args.data, limit=args.limit)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(result["title"])
    for row in result["rows"]:
        print(f"  {row['metric']:<52} {str(row['value']):>10}  {row.get('detail', '')}")
    print("summary:", json.dumps(result["summary"], ensure_ascii=False))


if __name__ == "__main__":
    main()
