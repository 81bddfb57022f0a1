"""A workaround for a race in Prefect's temporary server (prefect 3.9).

Each process without a Prefect server starts its own temporary one on a random free port. Two processes starting
at the same moment can pick the same port: the second one's server fails to bind, but its health check is answered
by the first one's, so it carries on against a server that vanishes when the first process ends ("Connection
refused" in the middle of a run). Holding a machine-wide lock from choosing the port until the server answers makes
the second process see the port taken and choose another.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from functools import wraps

_LOCK = os.path.join(tempfile.gettempdir(), "nightdesk-prefect-ephemeral-start.lock")


def serialize_ephemeral_server_start() -> None:
    from prefect.server.api.server import SubprocessASGIServer

    if getattr(SubprocessASGIServer.start, "_nightdesk_serialized", False):
        return
    original = SubprocessASGIServer.start

    @wraps(original)
    def start(self, *args, **kwargs):
        if self.running:
            return original(self, *args, **kwargs)
        with open(_LOCK, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                return original(self, *args, **kwargs)
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    start._nightdesk_serialized = True
    SubprocessASGIServer.start = start
