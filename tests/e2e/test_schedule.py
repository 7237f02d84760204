"""ocean-aws sail with OCEAN__SCHEDULED_RESYNC_INTERVAL (Ocean's unit: whole minutes): with no
other trigger, a resync runs once the interval has passed, and not before. Takes about a minute
(the smallest interval Ocean allows); it has its own file so CTest runs it beside the others."""
import os
import signal
import time

from test_sail import Sail, get, runs, wait_for


def test_scheduled_resync_runs_after_the_interval(aws, tmp_path):
    sail = Sail(aws, tmp_path, "WEBHOOK", OCEAN__SCHEDULED_RESYNC_INTERVAL="1")
    try:
        started = time.time()
        sail.wait_ready("/health/ready")
        db = str(tmp_path / "catalog.db")
        time.sleep(5)
        # Nothing before the interval: no resync at start in WEBHOOK mode, and the first
        # scheduled one waits a whole interval.
        assert not os.path.exists(db) or runs(db) == []
        wait_for(lambda: os.path.exists(db) and "completed" in runs(db), 100,
                 "the scheduled resync")
        assert time.time() - started >= 55, "the scheduled resync ran before its interval"
        assert runs(db) == ["completed"]
        assert get(sail.port, "/health/live")[0] == 200
        sail.proc.send_signal(signal.SIGTERM)
        assert sail.proc.wait(timeout=10) == 0
    finally:
        sail.close()
