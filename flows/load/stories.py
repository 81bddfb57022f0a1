"""Copies of one story: at the load, just before the night's transaction, each of the night's articles is compared
with the lake's (as the night will leave them) and the night's others: the same URL key, or MinHash signatures at
least NIGHTDESK_COPY_THRESHOLD alike, found through an LSH band index made from the stored signatures. Copies that
link up form one story, named for its earliest copy; a lake story that a night's article joins to an earlier copy is
repointed inside the transaction. Each article's rows stay its own (every offset slices its own text); the analyst
views read only a story's first copy, so a story run by twenty outlets is counted once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb
import pyarrow as pa

from nightdesk.load.catalog import execute_with, registered
from nightdesk.load.groups import components
from nightdesk.load.schemas import sql_text
from nightdesk.transform.copies import bands, common_paragraphs, signature

# A copy runs within weeks of its story: by text, the night is compared with the lake's articles published this many
# days around its own (and undated ones), so the cost follows the night; by URL, with every article.
COPY_DAYS = 30


@dataclass(frozen=True)
class Link:
    night_id: str
    other_id: str
    in_lake: bool
    other_story_id: str
    same_url: bool
    similarity: float | None

    @property
    def kind(self) -> str:
        return "url" if self.same_url else "text"


def window(published: list[datetime | None]) -> tuple[datetime | None, datetime | None]:
    """The publication times of the lake's articles compared by text with the night's: COPY_DAYS around the night's
    own; every time (None, None) when a night article has no date."""
    if not published or any(p is None for p in published):
        return None, None
    return min(published) - timedelta(days=COPY_DAYS), max(published) + timedelta(days=COPY_DAYS)


def links(
    con: duckdb.DuckDBPyConnection, threshold: float, echoes: dict[str, str], published: list[datetime | None]
) -> list[Link]:
    """The night's articles' links to copies: same URL key, or an estimated similarity at or above `threshold`;
    `echoes` (a night article → the earlier one of the night with its very signature) are linked without a search.
    `published`: the night's articles' publication times."""
    count, rows = bands(threshold)
    first, last = window(published)
    with registered(con, "echoes", pa.table({"article_id": pa.array(list(echoes), pa.string())})):
        found = con.execute(
            sql_text("stories", "candidates.sql"), {"bands": count, "rows": rows, "first": first, "last": last}
        ).fetchall()
    out = [Link(*r) for r in found]
    out += [Link(echo, first, False, first, False, 1.0) for echo, first in echoes.items()]
    return [k for k in out if k.same_url or (k.similarity is not None and k.similarity >= threshold)]


def best_links(found: Sequence[Link]) -> dict[str, Link]:
    """Each night article's link to the copy most like it."""
    best: dict[str, Link] = {}
    for k in found:
        if k.night_id not in best or (k.similarity or 0) > (best[k.night_id].similarity or 0):
            best[k.night_id] = k
    return best


def sign(con: duckdb.DuckDBPyConnection, bodies: dict[str, str]) -> dict[str, str]:
    """The night's signatures, made here rather than with each article's parse: the paragraphs common to the night's
    stories (a feed's footer, a share line) are left out of them, and only the whole night shows which those are.
    Returns the echoes: each article whose signature an earlier article of the night has, → that article."""
    common = common_paragraphs(list(bodies.values()))
    signatures = [signature(b, common) for b in bodies.values()]
    signed = pa.table(
        {"article_id": pa.array(list(bodies), pa.string()), "minhash": pa.array(signatures, pa.list_(pa.uint32()))}
    )
    execute_with(con, "signed", signed, sql_text("stories", "night_signatures.sql"))
    first: dict[tuple, str] = {}
    echoes = {}
    for article_id, sig in zip(bodies, signatures, strict=True):
        if sig is not None:
            echoes[article_id] = first.setdefault(tuple(sig), article_id)
    return {a: f for a, f in echoes.items() if a != f}


def assign(con: duckdb.DuckDBPyConnection, threshold: float) -> pa.Table:
    """Before the night's transaction (which may write only the lake): set the night's articles' story_id,
    duplicate_of and copy_* (night.main.articles). Returns the lake's stories that a night's article links to an
    earlier copy, for move() to repoint inside the transaction."""
    articles = con.execute(sql_text("stories", "night_articles.sql")).fetchall()
    echoes = sign(con, {article_id: body for article_id, _, body in articles})
    found = links(con, threshold, echoes, [published for _, published, _ in articles])
    night = {article_id: published for article_id, published, _ in articles}
    lake_story_ids = sorted({k.other_story_id for k in found if k.in_lake})
    lake_roots = dict(con.execute(sql_text("stories", "story_roots.sql"), {"ids": lake_story_ids}).fetchall())
    lake_roots.update({s: None for s in lake_story_ids if s not in lake_roots})  # its first copy was removed
    story = components(night, lake_roots, [(k.night_id, k.other_story_id if k.in_lake else k.other_id) for k in found])
    best = best_links(found)
    assigned = []
    for article_id in sorted(night):
        first = story.get(article_id, article_id)
        link = best.get(article_id) if first != article_id else None
        assigned.append(
            {
                "article_id": article_id,
                "story_id": first,
                "duplicate_of": first if first != article_id else None,
                "copy_match": link.kind if link else None,
                "copy_similarity": link.similarity if link else None,
            }
        )
    execute_with(
        con, "assigned", pa.Table.from_pylist(assigned, schema=_ASSIGNED), sql_text("stories", "night_stories.sql")
    )
    moved = []
    for old in lake_story_ids:
        if story.get(old, old) != old:
            link = max((k for k in found if k.in_lake and k.other_story_id == old), key=lambda k: k.similarity or 0)
            moved.append(
                {
                    "old_story_id": old,
                    "story_id": story[old],
                    "copy_match": link.kind,
                    "copy_similarity": link.similarity,
                }
            )
    return pa.Table.from_pylist(moved, schema=_MOVED)


def move(con: duckdb.DuckDBPyConnection, moved: pa.Table) -> None:
    """Inside the night's transaction: every copy of a moved lake story points to its new earliest copy."""
    execute_with(con, "moved", moved, sql_text("stories", "move_stories.sql"))


_ASSIGNED = pa.schema(
    [
        ("article_id", pa.string()),
        ("story_id", pa.string()),
        ("duplicate_of", pa.string()),
        ("copy_match", pa.string()),
        ("copy_similarity", pa.float64()),
    ]
)
_MOVED = pa.schema(
    [
        ("old_story_id", pa.string()),
        ("story_id", pa.string()),
        ("copy_match", pa.string()),
        ("copy_similarity", pa.float64()),
    ]
)
