"""nightdesk's early temporary Prefect server: it answers, in a process group of its own, and stops."""

from __future__ import annotations

import os
import sys
import urllib.request

import pytest

from nightdesk.prefect_workarounds import TemporaryServer, start_early

# These start real Prefect servers (10-25 s each): not for the fast lane.
pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the early server is Linux-only"),
    pytest.mark.e2e,
]


def test_two_temporary_servers_answer_on_their_own_ports_and_stop():
    first = TemporaryServer().start()
    try:
        first_url = first.wait_ready(120)
        second = TemporaryServer().start()  # waits for the start lock the first one held until it answered
        try:
            second_url = second.wait_ready(120)
            assert first_url != second_url
            for server, url in ((first, first_url), (second, second_url)):
                with urllib.request.urlopen(f"{url}/health", timeout=5) as response:
                    assert response.status == 200
                assert os.getpgid(server.process.pid) == server.process.pid  # Ctrl-C at the terminal misses it
        finally:
            second.stop()
        assert second.process.poll() is not None
    finally:
        first.stop()
    assert first.process.poll() is not None


def test_no_early_server_when_one_is_configured(prefect_harness, monkeypatch):
    assert start_early() is None  # the harness set PREFECT_API_URL in Prefect's settings
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert start_early() is None
