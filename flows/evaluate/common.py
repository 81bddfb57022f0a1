"""Shared by every evaluation: run the pipeline on a corpus folder and map warehouse offsets to raw text."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from nightdesk.extract.clean import Cleaned, clean_text
from nightdesk.load.schemas import sql_text


@dataclass(frozen=True)
class EvalDoc:
    source_id: str
    article_id: str
    raw: str
    cleaned: Cleaned


def load_corpus(folder: Path) -> tuple[list[dict], dict]:
    records = [
        json.loads(line)
        for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return records, gold


def run_pipeline(folder: Path, warehouse: Path | None = None) -> Path:
    """Run a night on the corpus into `warehouse` (a temporary one by default); returns it."""
    return run_inputs([str(folder / "articles.jsonl")], warehouse)


def run_inputs(inputs: list[str], warehouse: Path | None = None) -> Path:
    """Run a night on these inputs into `warehouse` (a temporary one by default); returns it."""
    from nightdesk.pipeline import run_night
    from nightdesk.settings import Settings

    wh = warehouse or Path(tempfile.mkdtemp(prefix="nightdesk-eval-"))
    run_night(Settings.load(warehouse=str(wh)), inputs)
    return wh


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    from nightdesk.load.warehouse import connect_read_only

    return connect_read_only(warehouse)


def parsed_articles(warehouse: Path, nlp, article_ids=None):
    """(article row, doc) for a night's articles parsed as the night parses them (the punctuation runs blanked, the
    body start set); rows as sql/eval/scorer_articles.sql: id, source id, text, published, offset, body start.
    `article_ids`: only these."""
    from nightdesk.transform.limits import text_to_parse
    from nightdesk.transform.text.paragraphs import with_body_start

    arts = connect(warehouse).execute(sql_text("eval", "scorer_articles.sql")).fetchall()
    arts = [a for a in arts if article_ids is None or a[0] in article_ids]
    docs = (with_body_start(nlp.make_doc(text_to_parse(a[2])), a[5] or 0) for a in arts)
    return zip(arts, nlp.pipe(docs, batch_size=16), strict=True)


def labels_at(labels: list[dict]) -> dict[str, dict[tuple[int, int], dict]]:
    """Labels keyed `article_id:start:end`, by article and then by (start, end)."""
    found: dict[str, dict[tuple[int, int], dict]] = {}
    for x in labels:
        article_id, start, end = x["key"].split(":")
        found.setdefault(article_id, {})[(int(start), int(end))] = x
    return found


def eval_docs(con: duckdb.DuckDBPyConnection, records: list[dict]) -> dict[str, EvalDoc]:
    """The corpus records that were loaded, keyed by their id, with the raw ↔ cleaned offset map."""
    ids = dict(con.execute(sql_text("eval", "article_ids.sql")).fetchall())
    docs = {}
    for rec in records:
        if rec["id"] in ids:
            docs[rec["id"]] = EvalDoc(rec["id"], ids[rec["id"]], rec["text"], clean_text(rec["text"]))
    return docs


def system_rows(warehouse: Path, query: str) -> dict[str, list[dict]]:
    """Rows of sql/eval/<query>.sql grouped by their first column (the record's source id)."""
    con = connect(warehouse)
    try:
        cur = con.execute(sql_text("eval", f"{query}.sql"))
        columns = [d[0] for d in cur.description]
        rows = cur.fetchall()
    finally:
        con.close()
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(dict(zip(columns[1:], row[1:], strict=True)))
    return grouped


def prf(tp_p: float, n_p: float, tp_r: float, n_r: float) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def greedy_match(left: list, right: list, similarity: Callable, threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (index in left, index in right), best similarity first, each at least `threshold`: the one
    matcher every scorer uses. Ties keep the order of left, then right."""
    pairs = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            value = similarity(a, b)
            if value >= threshold:
                pairs.append((value, i, j))
    pairs.sort(key=lambda p: -p[0])
    used_left, used_right, out = set(), set(), []
    for _value, i, j in pairs:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            out.append((i, j))
    return out
