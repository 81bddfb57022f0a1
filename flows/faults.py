"""Named pause points for fault-injection tests: with NIGHTDESK_PAUSE_AT=<name> a run stops there (saying so on
stderr) so a test can kill it at a known moment, or let it go on by creating the file NIGHTDESK_RESUME_FILE names.
Unset, a checkpoint costs one dictionary lookup."""

from __future__ import annotations

import os
import sys
import time

from nightdesk.settings import fault_point


def checkpoint(name: str) -> None:
    pause, resume, seconds = fault_point()
    if pause != name:
        return
    sys.stderr.write(f"nightdesk: paused at {name}\n")
    sys.stderr.flush()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (resume and os.path.exists(resume)):
        time.sleep(0.1)
