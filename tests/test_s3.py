"""The lake's data files straight on S3: a local S3-compatible server (moto, started by the test on 127.0.0.1)
takes every Parquet file; the warehouse folder keeps only the catalog, the lock and news.duckdb."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from nightdesk.cli import app

from .night import nightly

pytestmark = pytest.mark.e2e


@pytest.fixture
def s3_server(monkeypatch):
    server_mod = pytest.importorskip("moto.server", reason="moto[server] is in the test extras")
    boto3 = pytest.importorskip("boto3")
    server = server_mod.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": endpoint,
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket="news")
    yield client
    server.stop()


def _keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket="news").get("Contents", []))


def test_a_night_writes_its_data_files_to_s3_and_reads_back(
    prefect_harness, seed_input, tmp_path, s3_server, monkeypatch
):
    runner = CliRunner()
    refused = runner.invoke(app, ["run", "--input", str(seed_input), "--warehouse", "s3://news/nightdesk"])
    assert refused.exit_code == 1 and "NIGHTDESK_CATALOG" in refused.output  # no catalog named: nothing written
    assert _keys(s3_server) == []

    monkeypatch.setenv("NIGHTDESK_CATALOG", f"sqlite:{tmp_path / 'catalog.sqlite'}")
    monkeypatch.setenv("NIGHTDESK_STATE_DIR", str(tmp_path / "wh"))
    wh = tmp_path / "wh"
    first = runner.invoke(app, ["run", "--input", str(seed_input), "--warehouse", "s3://news/nightdesk"])
    assert first.exit_code == 0, first.output
    first_run = re.search(r"run (\d{8}T\d{6}-[0-9a-f]{6})", first.output).group(1)
    keys = _keys(s3_server)
    assert any(k.startswith("nightdesk/data/main/quotes/") and k.endswith(".parquet") for k in keys), keys
    assert not list(wh.rglob("*.parquet"))  # nothing of the lake's data on the local disk

    s3 = "s3://news/nightdesk"  # every command takes the warehouse as the run did: the lake's data files are on S3
    result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM who_said_what", "-w", s3, "-f", "csv"])
    assert result.exit_code == 0, result.output
    quotes = int(result.stdout.split()[-1])
    assert quotes > 10

    text = next(seed_input.glob("*.txt"))
    text.write_text(
        text.read_text(encoding="utf-8") + "\n\n\u201cIt is over,\u201d said Ned Price.\n", encoding="utf-8"
    )
    second = nightly(inputs=[str(seed_input)], warehouse=s3)  # the same lake, the same local state

    assert second.articles_loaded == 1
    now = runner.invoke(app, ["sql", "SELECT count(*) FROM who_said_what", "-w", s3, "-f", "csv"])
    then = runner.invoke(
        app, ["sql", "SELECT count(*) FROM who_said_what", "-w", s3, "-f", "csv", "--as-of", first_run]
    )
    assert then.exit_code == 0, then.output
    assert int(then.stdout.split()[-1]) == quotes and int(now.stdout.split()[-1]) == quotes + 1
    changed = runner.invoke(app, ["changes", "--since", first_run, "-w", s3, "-f", "csv"])
    assert changed.stdout.splitlines()[1].startswith("changed,"), changed.output
