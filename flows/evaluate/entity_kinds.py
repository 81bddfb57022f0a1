"""What kind of thing an article's entity is (issue 34): one entity's mentions in one article, read by people, to
count the entities that name nothing or have the wrong type (and to train a model of it one day: see the labels'
README for what was tried).

    python -m nightdesk.evaluate.entity_kinds draw WAREHOUSE --half A --n 600 --seed 35 --sheet /tmp/k/sheet.jsonl
    python -m nightdesk.evaluate.entity_kinds score WAREHOUSE   # the held-out labels, on a night of their corpus

Entities are drawn uniformly (as the audit's random draw: most are rare, and the rare ones are where types go
wrong), each in one random article of the half. Verdicts (tests/data/labels/entity_kinds.jsonl: the article, the
mention offsets and the kind read, no text) key on the article and the first mention's offsets.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict
from pathlib import Path

from nightdesk.evaluate.event_labels import context, half, labelled_keys, outside_project, read_jsonl, write_sheet
from nightdesk.load.schemas import sql_text
from nightdesk.settings import DEFAULT_ENTITY_LABELS, SEEDS_DIR

PROJECT = Path(__file__).resolve().parents[2]
LABELS = PROJECT / "tests" / "data" / "labels" / "entity_kinds.jsonl"
HELD_OUT = LABELS.with_name("entity_kinds_heldout.jsonl")  # polnear-dev and half B of scrapinghub-dev: never trained
KINDS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "JUNK")


def units(warehouse: Path) -> dict[tuple[str, str], list[tuple]]:
    """(article, entity) → its mention rows in that article."""
    from nightdesk.load.warehouse import connect_read_only

    found: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in connect_read_only(warehouse).execute(sql_text("eval", "kind_mentions.sql")).fetchall():
        found[(row[0], row[2])].append(row)
    return found


def draw(warehouse: Path, halves: str, n: int, seed: int) -> list[dict]:
    from nightdesk.load.warehouse import connect_read_only

    found = units(warehouse)
    read = labelled_keys(LABELS)  # a new draw reads units nobody read yet
    by_entity: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (article_id, entity_id), rows in sorted(found.items()):
        if half(rows[0][1]) in halves and f"{article_id}:{rows[0][3]}:{rows[0][4]}" not in read:
            by_entity[entity_id].append((article_id, entity_id))
    rng = random.Random(seed)
    chosen = [rng.choice(by_entity[e]) for e in rng.sample(sorted(by_entity), min(n, len(by_entity)))]
    texts = dict(connect_read_only(warehouse).execute(sql_text("eval", "article_texts.sql")).fetchall())
    records = []
    for unit in chosen:
        rows = found[unit]
        text = texts[rows[0][1]]
        shown = rows if len(rows) <= 4 else [rows[0], *random.Random(f"{seed}:{unit}").sample(rows[1:], 3)]
        records.append(
            {
                "key": f"{unit[0]}:{rows[0][3]}:{rows[0][4]}",
                "source_id": rows[0][1],
                "half": half(rows[0][1]),
                "name": rows[0][7],
                "type": rows[0][8],
                "mentions_here": len(rows),
                "forms": sorted(Counter(r[5] for r in rows)),
                "samples": [{"start": r[3], "end": r[4], "context": context(text, r[3], r[4], 300)} for r in shown],
            }
        )
    return records


def examples(warehouse: Path, labels: list[dict]) -> list[tuple[str, str, str]]:
    """(article, the type today's clustering gives the labelled cluster, kind read) for each labelled cluster the
    parse finds again (the label's first mention, in a night's article of the same corpus)."""
    from nightdesk.evaluate.common import labels_at, parsed_articles
    from nightdesk.settings import Settings
    from nightdesk.transform.entities.component import groups
    from nightdesk.transform.entities.name_spans import names_in
    from nightdesk.transform.entities.short_names import load as load_short_names
    from nightdesk.transform.nlp import parsing_pipeline
    from nightdesk.transform.rules import load as load_rules
    from nightdesk.transform.text.doccache import cached

    by_article = labels_at(labels)
    wanted = tuple(DEFAULT_ENTITY_LABELS.split(","))
    nlp, rules = parsing_pipeline(Settings.load().spacy_model, wanted), load_rules(SEEDS_DIR)
    short_names = load_short_names(SEEDS_DIR)
    out = []
    for a, doc in parsed_articles(warehouse, nlp, set(by_article)):
        with cached(doc):
            raw = names_in(doc, frozenset(wanted), rules)
        final, _display, label_of, _placed = groups(raw, rules, a[2], short_names)
        for i, (start, end, _surface, _label) in enumerate(raw):
            x = by_article[a[0]].get((start, end))
            if x is not None and final[i] is not None:
                out.append((a[0], label_of[final[i]], x["kind"]))
    return out


def tally(found: list[tuple[str, str, str]]) -> dict:
    """How many clusters are junk (no named thing), of the wrong type, right; and the commonest (type, kind) errors."""
    return {
        "clusters": len(found),
        "junk": sum(kind == "JUNK" for _a, _t, kind in found),
        "wrong_type": sum(kind not in ("JUNK", etype) for _a, etype, kind in found),
        "right": sum(kind == etype for _a, etype, kind in found),
        "errors": Counter((etype, kind) for _a, etype, kind in found if kind != etype).most_common(8),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("warehouse", type=Path)
    d.add_argument("--half", choices=["A", "B", "AB"], default="A")
    d.add_argument("--n", type=int, default=600)
    d.add_argument("--seed", type=int, default=35)
    d.add_argument("--sheet", type=Path, required=True, help="where the sheet (with text) goes: not the project")
    d.add_argument("--parts", type=int, default=1)
    s = sub.add_parser("score")
    s.add_argument("warehouse", type=Path, help="a night on the corpus the labels were read from")
    s.add_argument("--labels", type=Path, default=HELD_OUT, help="default: the held-out draw, never trained on")
    args = parser.parse_args()
    if args.command == "score":
        t = tally(examples(args.warehouse, [x for x in read_jsonl(args.labels) if x["kind"] in KINDS]))
        n = t["clusters"]
        print(
            f"{n} labelled clusters of {args.labels.name} found again: {t['junk']} name no thing, "
            f"{t['wrong_type']} a real thing of another type, {t['right']} right ({t['right'] / max(n, 1):.3f})"
        )
        print("commonest errors (type given, kind read):", ", ".join(f"{a}→{b} {c}" for (a, b), c in t["errors"]))
        return
    outside_project(parser, args.sheet)
    write_sheet(args.sheet, draw(args.warehouse, args.half, args.n, args.seed), args.parts)


if __name__ == "__main__":
    main()
