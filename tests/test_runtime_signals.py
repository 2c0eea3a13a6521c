"""SIGTERM handling of marsad's own processes (marsad/runtime.py), with a real signal."""
import os
import signal

import pytest

from marsad import runtime


@pytest.fixture
def handler():
    old = signal.getsignal(signal.SIGTERM)
    runtime.exit_on_sigterm()
    yield
    signal.signal(signal.SIGTERM, old)
    runtime._pending.clear()


def test_runtime_sigterm_exits_143(handler):
    with pytest.raises(SystemExit) as exc:
        os.kill(os.getpid(), signal.SIGTERM)      # the handler runs as soon as kill returns
        pytest.fail("not stopped")
    assert exc.value.code == 143


def test_runtime_sigterm_inside_a_held_block_waits_for_its_end(handler):
    done = []
    with pytest.raises(SystemExit) as exc:
        with runtime.signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            with runtime.signals_held():          # nested: still held at the inner end
                done.append("inner")
            done.append("outer")                   # the body runs to its end
        done.append("after")                       # never reached
    assert exc.value.code == 143
    assert done == ["inner", "outer"]
    assert runtime._held == 0 and not runtime._pending
