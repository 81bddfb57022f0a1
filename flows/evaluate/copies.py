"""Planted copies: how well the load groups a story's copies and keeps apart different stories on the same topic.

From a corpus of distinct articles (PolNeAR: 2016 US election coverage from seven outlets, so every pair of
originals shares its topic and many names; PLOVER's one-sentence briefs), every other article of five paragraphs or
more gets five copies, as syndication makes them: the same text from another outlet; the text between another
outlet's header and footer; light edits (about one word in 25 replaced, one sentence dropped); the first body
paragraph cut; the last paragraph cut. Every other brief (under 400 characters) gets a copy under a wire footer
longer than itself, the same footer for all: a trap for precision as much as a copy. Copies of one original form a
story; originals are all different stories (but the corpus's own exact repeats). Scored over pairs of articles.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import duckdb
import pyarrow as pa

from nightdesk.extract.records import make_article
from nightdesk.load import stories
from nightdesk.load.catalog import execute_with
from nightdesk.load.schemas import ddl, sql_text, to_table
from nightdesk.transform.rows import article_row

KINDS = ("exact", "boilerplate", "edited", "first paragraph cut", "last paragraph cut", "brief under a footer")
HEADER = "{outlet} | News | Politics | Subscribe\n\nShare this article on Facebook, Twitter and email"
FOOTER = (
    "Copyright 2016 {outlet}. All rights reserved. This material may not be published, broadcast, rewritten or "
    "redistributed.\n\nSign up for our newsletter to get the day's top stories in your inbox."
)
MIN_PARAGRAPHS = 5
BRIEF = 400  # characters: a brief's copy under the wire's long footer is mostly footer


@dataclass(frozen=True)
class Planted:
    record: dict
    story: str  # the original's id: copies of one original are one story
    kind: str  # "original" or one of KINDS


def _edit(text: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    if len(sentences) > 4:
        del sentences[rng.randrange(1, len(sentences) - 1)]
    words = " ".join(sentences).split(" ")
    for i in range(rng.randrange(25), len(words), 25):
        words[i] = rng.choice(("also", "now", "said", "the", "reported", "new", "a"))
    return " ".join(words)


def plant(records: Sequence[dict], seed: int = 19) -> list[Planted]:
    """The originals and their planted copies, each with a URL and outlet of its own."""
    rng = random.Random(seed)
    out = []
    first_of_text: dict[str, str] = {}
    for n, rec in enumerate(records):
        # A corpus's own exact repeats (PLOVER's dev set has one) are copies of one story too.
        story = first_of_text.setdefault(rec["text"], rec["id"])
        out.append(
            Planted(dict(rec, url=f"https://{rec.get('publisher', 'outlet')}.example/{rec['id']}"), story, "original")
        )
        paragraphs = [p for p in rec["text"].split("\n\n") if p.strip()]
        if n % 2 == 0 and len(rec["text"]) < BRIEF:
            copy = dict(
                rec, id=f"{rec['id']}-footer", text=rec["text"] + "\n\n" + FOOTER.format(outlet="Wire"), url=None
            )
            out.append(Planted(copy, story, "brief under a footer"))
        if n % 2 or len(paragraphs) < MIN_PARAGRAPHS:
            continue
        title, body = paragraphs[0], paragraphs[1:]
        texts = {
            "exact": rec["text"],
            "boilerplate": "\n\n".join([HEADER.format(outlet="Daily Wire Service"), *paragraphs])
            + "\n\n"
            + FOOTER.format(outlet="Daily Wire Service"),
            "edited": "\n\n".join([title, *(_edit(p, rng) for p in body)]),
            "first paragraph cut": "\n\n".join([title, *body[1:]]),
            "last paragraph cut": "\n\n".join([title, *body[:-1]]),
        }
        for i, (kind, text) in enumerate(texts.items()):
            copy_id = f"{rec['id']}-copy{i}"
            out.append(
                Planted(
                    dict(
                        rec, id=copy_id, text=text, publisher=f"outlet{i}", url=f"https://outlet{i}.example/{copy_id}"
                    ),
                    story,
                    kind,
                )
            )
    return out


def article_rows(planted: Sequence[Planted]) -> list[dict]:
    """The articles' rows as a night computes them (extract, then the transform's article row)."""
    return [
        article_row(make_article(p.record, p.record["text"], p.record["id"], p.record["id"]), "eval", "eval")
        for p in planted
    ]


def stories_of(lake_rows: list[dict], night_rows: list[dict], threshold: float) -> dict[str, tuple[str, list[int]]]:
    """article_id → (story_id, signature) after a lake holding `lake_rows` (already grouped and signed) takes a
    night of `night_rows`, as the load does it (flows/load/stories.py)."""
    con = duckdb.connect()
    try:
        con.execute("ATTACH ':memory:' AS lake")
        con.execute("ATTACH ':memory:' AS night")
        for db, rows in (("lake", lake_rows), ("night", night_rows)):
            con.execute(f"USE {db}")
            con.execute(ddl("articles"))
            execute_with(con, "incoming", to_table("articles", rows), sql_text("eval", "insert_articles.sql"))
        con.register("gone", pa.table({"article_id": pa.array([], pa.string())}))
        moved = stories.assign(con, threshold)
        stories.move(con, moved)
        found = con.execute(sql_text("eval", "stories.sql")).fetchall()
    finally:
        con.close()
    return {article_id: (story, minhash) for article_id, story, minhash in found}


def group_nights(rows: list[dict], threshold: float) -> dict[str, str]:
    """article_id → story_id after two nights: every other article (grouped among themselves), then the rest against
    them, so that most stories have copies in both."""
    first = stories_of([], rows[::2], threshold)
    lake = [dict(r, story_id=first[r["article_id"]][0], minhash=first[r["article_id"]][1]) for r in rows[::2]]
    return {a: story for a, (story, _) in stories_of(lake, rows[1::2], threshold).items()}


@dataclass(frozen=True)
class PairScore:
    true_pairs: int
    found_pairs: int
    right_pairs: int
    missed_by_kind: dict[str, int]

    @property
    def precision(self) -> float:
        return self.right_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.right_pairs / self.true_pairs if self.true_pairs else 1.0


def score(planted: Sequence[Planted], ids: Sequence[str], story_of: dict[str, str]) -> PairScore:
    """Pair precision and recall of the stories found against the planted ones (ids: each planted article's id)."""
    gold = {i: p.story for i, p in zip(ids, planted, strict=True)}
    kind = {i: p.kind for i, p in zip(ids, planted, strict=True)}
    true = found = right = 0
    missed: dict[str, int] = {}
    for a, b in combinations(ids, 2):
        same_gold, same_found = gold[a] == gold[b], story_of[a] == story_of[b]
        true += same_gold
        found += same_found
        right += same_gold and same_found
        if same_gold and not same_found:
            for k in {kind[a], kind[b]} - {"original"}:
                missed[k] = missed.get(k, 0) + 1
    return PairScore(true, found, right, missed)
