"""`nightdesk eval ...`: score the real pipeline on an annotated corpus folder."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from flows.cli.common import app, out

eval_app = typer.Typer(no_args_is_help=True, help="Score the real pipeline on an annotated corpus folder.")
app.add_typer(eval_app, name="eval")

EvalWarehouseOpt = Annotated[
    Path | None,
    typer.Option("--warehouse", "-w", help="Warehouse to build the corpus into (default: a new temporary one)."),
]


@eval_app.command("entities")
def eval_entities(
    folder: Annotated[Path, typer.Argument(help="Folder with articles.jsonl and gold.json (GUM format).")],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many example splits and merges.")] = 0,
) -> None:
    """Within-document B-cubed and cross-document pairwise F1 of entity normalization."""
    from flows.evaluate import entities as ev
    from flows.evaluate.common import connect, eval_docs, load_corpus, run_pipeline
    from flows.load.schemas import sql_text

    records, gold = load_corpus(folder)
    wh = run_pipeline(folder, warehouse)
    con = connect(wh)
    docs = eval_docs(con, records)
    mentions = con.execute(sql_text("eval", "entity_mentions.sql")).fetchall()
    con.close()
    items, unaligned = ev.align(docs, mentions, gold)
    p, r, f = ev.b_cubed(items)
    cp, cr, cf, n_items = ev.cross_document(items)
    table = Table("measure", "precision", "recall", "F1", title=f"entities: {folder} ({len(docs)} documents)")
    table.add_row("within-document B-cubed", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    table.add_row("cross-document pairwise", f"{cp:.3f}", f"{cr:.3f}", f"{cf:.3f}")
    out.print(table)
    out.print(f"{len(items)} system mentions aligned to gold, {unaligned} outside every gold mention; "
              f"{n_items} (document, identity) items")
    for line in ev.errors(items, show_errors):
        out.print(line, markup=False, highlight=False)


@eval_app.command("quotes")
def eval_quotes(
    folder: Annotated[Path, typer.Argument(help="Folder with articles.jsonl and gold.json (PolNeAR format).")],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many speaker errors.")] = 0,
) -> None:
    """Quote precision, recall and F1 at Dice 0.3 and 0.8, and speaker accuracy."""
    from flows.evaluate import quotes as ev
    from flows.evaluate.common import load_corpus, run_pipeline, system_rows
    from flows.transform.nlp import load_nlp

    records, gold = load_corpus(folder)
    system = system_rows(run_pipeline(folder, warehouse), "quotes")
    gold = {r["id"]: gold.get(r["id"], []) for r in records}
    nlp = load_nlp()
    not_needed = [p for p in nlp.pipe_names if p not in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")]

    @functools.cache  # both thresholds judge the same cues
    def lemmatize(text: str) -> tuple[str, ...]:
        return tuple(t.lemma_.lower() for t in nlp(text, disable=not_needed))

    loose = ev.score(system, gold, lemmatize, 0.3)
    strict = ev.score(system, gold, lemmatize, 0.8)
    table = Table("Dice", "precision", "recall", "F1", "system", "speech-cue gold", title=f"quotes: {folder}")
    for name, s in (("0.3", loose), ("0.8", strict)):
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.system), str(s.gold_speech))
    out.print(table)
    out.print(f"speaker accuracy (Dice 0.3 matches with a named gold source): {loose.speaker_accuracy:.3f} "
              f"({loose.speaker_right}/{loose.speaker_checked})")
    for line in loose.examples[:show_errors]:
        out.print(line, markup=False, highlight=False)


@eval_app.command("events")
def eval_events(
    folder: Annotated[Path, typer.Argument(help="Folder with articles.jsonl and gold.json (PLOVER format).")],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many missed types and actor errors.")] = 0,
) -> None:
    """PLOVER type recall, coverage and actor accuracy."""
    from flows.evaluate import events as ev
    from flows.evaluate.common import load_corpus, run_pipeline, system_rows

    records, gold = load_corpus(folder)
    system = system_rows(run_pipeline(folder, warehouse), "events")
    scores = ev.score(system, {r["id"]: gold[r["id"]] for r in records if r["id"] in gold})
    table = Table("measure", "value", title=f"events: {folder} ({scores.sentences} gold sentences)")
    table.add_row("type recall", f"{scores.type_recall:.3f}")
    table.add_row("coverage (any event)", f"{scores.coverage:.3f}")
    table.add_row("actor accuracy", f"{scores.actor_accuracy:.3f} ({scores.actor_right}/{scores.actor_checked})")
    table.add_row("system events", str(sum(map(len, system.values()))))
    out.print(table)
    for (want, got), n in scores.confusion.most_common(show_errors):
        out.print(f"missed {want}: system gave {got} ({n}x)", markup=False, highlight=False)
    for line in scores.examples[:show_errors]:
        out.print(line, markup=False, highlight=False)
