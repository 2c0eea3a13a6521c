"""The batch manifest: what was asked (``_manifest/plan.json``) and what is done (one small
``_manifest/part-000012.json`` per finished partition, written after its output).

Markers are separate files rather than lines of one log, so they work on object storage (no
append) and a crash can at worst lose the marker of a partition whose output is complete; the
resumed run then redoes that partition, and its deterministic file names make the redo replace,
not duplicate, the rows.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from ..errors import MarsadError
from .parquet import filesystem

DIR = "_manifest"


class Manifest:
    def __init__(self, out: str) -> None:
        self.out = out
        self.fs, root = filesystem(out)
        self.dir = f"{root}/{DIR}"

    def _read(self, path: str) -> dict[str, Any]:
        with self.fs.open_input_stream(path) as fh:
            return json.loads(fh.read().decode("utf-8"))

    def _write(self, path: str, data: dict[str, Any]) -> None:
        tmp = f"{self.dir}/.tmp-{path.rsplit('/', 1)[-1]}"
        with self.fs.open_output_stream(tmp) as fh:
            fh.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        self.fs.move(tmp, path)

    def start(self, plan: dict[str, Any]) -> None:
        """Record the plan, or check that an existing one is the same (then we resume)."""
        from pyarrow import fs as pafs
        self.fs.create_dir(self.dir, recursive=True)
        path = f"{self.dir}/plan.json"
        if self.fs.get_file_info(path).type == pafs.FileType.NotFound:
            self._write(path, plan)
            return
        old = self._read(path)
        if old.get("fingerprint") != plan["fingerprint"]:
            raise MarsadError("E702", f"{self.out} holds a batch of other inputs or settings "
                              f"(inputs {old.get('inputs')}, partition size "
                              f"{old.get('partition_size')}, pipeline {old.get('pipeline')})",
                              "resume with the same inputs and options, or use a new --out")

    def done(self) -> dict[int, dict[str, Any]]:
        from pyarrow import fs as pafs
        sel = pafs.FileSelector(self.dir, allow_not_found=True)
        found = {}
        for info in self.fs.get_file_info(sel):
            if info.base_name.startswith("part-") and info.base_name.endswith(".json"):
                found[int(info.base_name[5:-5])] = self._read(info.path)
        return found

    def mark(self, part: int, info: dict[str, Any]) -> None:
        self._write(f"{self.dir}/part-{part:06d}.json", info)


def fingerprint(inputs: list[str], partition_size: int, pipeline: list[str] | None) -> str:
    key = json.dumps([inputs, partition_size, pipeline], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
