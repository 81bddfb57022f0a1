"""Scale-out: transform batches on a Dask cluster write the same tables as a local run."""

from __future__ import annotations

import duckdb
import pytest

from nightdesk.nightly import nightly, nightly_on

from .conftest import SEED_DIR

pytestmark = pytest.mark.e2e
TABLES = {
    "articles": "SELECT * EXCLUDE (run_id) FROM articles",
    "entities": "SELECT * EXCLUDE (first_run_id) FROM entities",
    "entity_aliases": "SELECT * FROM entity_aliases",
    "entity_mentions": "SELECT * FROM entity_mentions",
    "quotes": "SELECT * FROM quotes",
    "events": "SELECT * FROM events",
}


def _tables(wh):
    con = duckdb.connect(str(wh / "news.duckdb"), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(q).fetchall())) for t, q in TABLES.items()}
    finally:
        con.close()


def test_local_cluster_with_two_workers_gives_the_same_tables(prefect_harness, tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setenv("NIGHTDESK_BATCH_SIZE", "4")  # 13 articles → 4 batches spread over the workers
    inputs = [str(SEED_DIR)]
    local = nightly(inputs=inputs, warehouse=str(tmp_path / "local"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        spread = nightly_on(cluster.scheduler_address)(
            inputs=inputs, warehouse=str(tmp_path / "dask"), dask_address=cluster.scheduler_address
        )
    assert spread.articles_loaded == local.articles_loaded == 13
    assert _tables(tmp_path / "dask") == _tables(tmp_path / "local")
