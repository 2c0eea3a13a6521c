"""run_batch checks the pipeline names in the client without loading any model."""
from __future__ import annotations

import pytest

from marsad.batch import run_batch
from marsad.batch.runner import check_pipeline
from marsad.errors import PipelineError
from marsad.pipeline import DEFAULT_PIPELINE


def test_batch_check_pipeline_default_and_errors():
    assert check_pipeline(None) == DEFAULT_PIPELINE
    assert check_pipeline(["sentences.v1", "tokens.v1"]) == ["sentences.v1", "tokens.v1"]
    with pytest.raises(PipelineError) as unknown:
        check_pipeline(["sentences.v1", "no-such.v1"])
    assert unknown.value.code == "E020"
    with pytest.raises(PipelineError) as order:
        check_pipeline(["tokens.v1", "sentences.v1"])
    assert order.value.code == "E022"


def test_batch_fails_early_on_a_bad_pipeline(tmp_path):
    with pytest.raises(PipelineError):
        run_batch([str(tmp_path / "none.jsonl")], out=str(tmp_path / "out"),
                  scheduler="local", pipeline_names=["quotes.v1"])
    assert not (tmp_path / "out").exists()
