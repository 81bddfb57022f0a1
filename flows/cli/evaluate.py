"""`nightdesk eval ...`: score the real pipeline on an annotated corpus folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from nightdesk.cli.common import app, out

eval_app = typer.Typer(no_args_is_help=True, help="Score the real pipeline on an annotated corpus folder.")
app.add_typer(eval_app, name="eval")


def _folder(help_text: str):
    """A folder argument that must exist: a one-line error, not a traceback."""
    return typer.Argument(help=help_text, exists=True, file_okay=False)


def _half(value: str) -> str:
    if value not in ("A", "B", "AB"):
        raise typer.BadParameter("A, B or AB")
    return value


HalfOpt = Annotated[
    str, typer.Option(help="Half A, B (held out: read it once, at the end) or AB of the corpus.", callback=_half)
]
EvalWarehouseOpt = Annotated[
    Path | None,
    typer.Option("--warehouse", "-w", help="Warehouse to build the corpus into (default: a new temporary one)."),
]


@eval_app.command("entities")
def eval_entities(
    folder: Annotated[
        Path,
        _folder("Folder with articles.jsonl and gold.json (GUM format)."),
    ],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many example splits and merges.")] = 0,
) -> None:
    """Within-document B-cubed and cross-document pairwise F1 of entity normalization."""
    from nightdesk.evaluate import entities as ev

    report = ev.evaluate(folder, warehouse)
    table = Table("measure", "precision", "recall", "F1", title=f"entities: {folder} ({report.documents} documents)")
    table.add_row("within-document B-cubed", *(f"{x:.3f}" for x in report.b_cubed))
    table.add_row("cross-document pairwise", *(f"{x:.3f}" for x in report.cross_document))
    out.print(table)
    out.print(
        f"{len(report.items)} system mentions aligned to gold, {report.unaligned} outside every gold mention; "
        f"{report.identities} (document, identity) items"
    )
    for line in ev.errors(report.items, show_errors):
        out.print(line, markup=False, highlight=False)


@eval_app.command("quotes")
def eval_quotes(
    folder: Annotated[
        Path,
        _folder("Folder with articles.jsonl and gold.json (PolNeAR format)."),
    ],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many speaker errors.")] = 0,
) -> None:
    """Quote precision, recall and F1 at Dice 0.3 and 0.8, and speaker accuracy."""
    from nightdesk.evaluate import quotes as ev

    report = ev.evaluate(folder, warehouse)
    loose, strict = report.loose, report.strict
    table = Table("Dice", "precision", "recall", "F1", "system", "speech-cue gold", title=f"quotes: {folder}")
    for name, s in (("0.3", loose), ("0.8", strict)):
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.system), str(s.gold_speech))
    out.print(table)
    out.print(
        f"speaker accuracy (Dice 0.3 matches with a named gold source): {loose.speaker_accuracy:.3f} "
        f"({loose.speaker_right}/{loose.speaker_checked})"
    )
    for line in loose.examples[:show_errors]:
        out.print(line, markup=False, highlight=False)


@eval_app.command("pronouns")
def eval_pronouns(
    folder: Annotated[
        Path,
        _folder("Folder with articles.jsonl and gold.json (PolNeAR format)."),
    ],
    gold: Annotated[
        Path, typer.Option(help="Hand-resolved pronoun speakers (tests/data/pronoun_gold/README.md says the format).")
    ] = Path("tests/data/pronoun_gold/speakers.tsv"),
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many wrong or missing quotes.")] = 0,
) -> None:
    """Speaker accuracy on quotes whose speaker is 'he' or 'she', against speakers resolved by reading."""
    from nightdesk.evaluate import pronouns as ev

    if not gold.is_file():
        out.print(f"[red]error:[/red] no gold file at {gold}: give --gold (the file is in the repository's tests/data)")
        raise typer.Exit(2)
    try:
        s = ev.evaluate(folder, gold, warehouse)
    except ev.GoldError as error:
        out.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    table = Table("measure", "value", title=f"pronoun speakers: {gold} on {folder}")
    table.add_row("gold quotes", str(s.gold))
    table.add_row("found by the system (Dice 0.3)", f"{s.found} ({s.found / s.gold:.3f})" if s.gold else "0")
    table.add_row("speaker right, of found", f"{s.accuracy:.3f} ({s.right}/{s.found})")
    table.add_row("speaker right, of all gold", f"{s.accuracy_all:.3f} ({s.right}/{s.gold})")
    out.print(table)
    for line in s.errors[:show_errors]:
        out.print(line, markup=False, highlight=False)


@eval_app.command("events")
def eval_events(
    folder: Annotated[
        Path,
        _folder("Folder with articles.jsonl and gold.json (PLOVER format), or with events.txt (whole articles)."),
    ],
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="Print this many missed types and actor errors.")] = 0,
    inputs: Annotated[
        list[Path] | None,
        typer.Option("--input", "-i", help="Articles of a whole-article gold (default: the folder's inputs.json)."),
    ] = None,
) -> None:
    """PLOVER type recall, coverage and actor accuracy; on whole-article gold, precision and recall."""
    if (folder / "events.txt").exists():
        _eval_whole_events(folder, warehouse, show_errors, inputs)
        return
    from nightdesk.evaluate import events as ev

    scores, system_events = ev.evaluate(folder, warehouse)
    table = Table("measure", "value", title=f"events: {folder} ({scores.sentences} gold sentences)")
    table.add_row("type recall", f"{scores.type_recall:.3f}")
    table.add_row("coverage (any event)", f"{scores.coverage:.3f}")
    table.add_row("actor accuracy", f"{scores.actor_accuracy:.3f} ({scores.actor_right}/{scores.actor_checked})")
    table.add_row("system events", str(system_events))
    out.print(table)
    for (want, got), n in scores.confusion.most_common(show_errors):
        out.print(f"missed {want}: system gave {got} ({n}x)", markup=False, highlight=False)
    for line in scores.examples[:show_errors]:
        out.print(line, markup=False, highlight=False)


def _eval_whole_events(folder: Path, warehouse: Path | None, show_errors: int, inputs: list[Path] | None) -> None:
    from nightdesk.evaluate import whole_events as ev

    try:
        s = ev.evaluate(folder, warehouse, inputs or None)
    except ev.GoldError as error:
        out.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    p, r, f = s.prf
    table = Table("measure", "value", title=f"events on whole articles: {folder} ({s.articles} articles)")
    table.add_row("precision (type + trigger)", f"{p:.3f} ({s.matched}/{s.system - s.ignored})")
    table.add_row("recall (type + trigger)", f"{r:.3f} ({s.matched}/{s.gold})")
    table.add_row("F1", f"{f:.3f}")
    table.add_row("actor right, of matched", f"{s.actor_accuracy:.3f} ({s.actor_right}/{s.matched})")
    table.add_row("date right (day), of matched the text dates", f"{s.date_accuracy:.3f} ({s.date_right}/{s.dated})")
    table.add_row("system events on optional gold only (not counted)", str(s.ignored))
    out.print(table)
    for line in s.false_positives[:show_errors] + s.misses[:show_errors] + s.wrong[:show_errors]:
        out.print(line, markup=False, highlight=False)


@eval_app.command("ipe")
def eval_ipe(
    folder: Annotated[
        Path,
        _folder("IndiaPoliceEvents folder (articles.jsonl, gold.json per sentence)."),
    ],
    warehouse: EvalWarehouseOpt = None,
    half: HalfOpt = "AB",
    min_confidence: Annotated[
        float | None, typer.Option(help="Count only events at or above this confidence (default: every proposal).")
    ] = None,
) -> None:
    """Sentence recall of police KILL, FORCE and ARREST, and false alarms (IndiaPoliceEvents)."""
    from nightdesk.evaluate import ipe

    scores = ipe.evaluate(folder, warehouse, half, min_confidence)
    shown = "every proposal" if min_confidence is None else f"confidence >= {min_confidence}"
    table = Table(
        "measure", "value", title=f"police actions: {folder}, half {half}, {scores.documents} documents, {shown}"
    )
    for label in ipe.LABELS:
        table.add_row(
            f"{label} sentence recall", f"{scores.recall(label):.3f} ({scores.found[label]}/{scores.gold[label]})"
        )
    table.add_row(
        "false alarms (unlabelled sentences)", f"{scores.false_alarms:.3f} ({scores.alarms}/{scores.unlabelled})"
    )
    out.print(table)


@eval_app.command("clusters")
def eval_clusters(
    folder: Annotated[
        Path,
        _folder("Folder with articles.jsonl and gold.json (record id → its happening), or of such folders."),
    ] = Path("tests/data/event_clusters"),
) -> None:
    """Pairwise precision, recall and F1 of event clusters across articles (articles of one happening together)."""
    from nightdesk.evaluate import clusters as ev

    folders = ev.corpus_folders(folder)
    reports = [ev.evaluate(f) for f in folders]
    table = Table(
        "set", "articles", "precision", "recall", "F1", "gold pairs", "found", title=f"event clusters: {folder}"
    )
    rows = list(zip([f.name for f in folders], reports, strict=True))
    for name, report in rows + ([("all", ev.pooled(reports))] if len(reports) > 1 else []):
        table.add_row(
            name,
            str(report.articles),
            *(f"{x:.3f}" for x in report.prf),
            str(report.gold_pairs),
            str(report.found_pairs),
        )
    out.print(table)
    for a, b in ev.pooled(reports).wrong:
        out.print(f"joined, different happenings: {a} + {b}", markup=False, highlight=False)
    for a, b in ev.pooled(reports).missed:
        out.print(f"apart, one happening: {a} + {b}", markup=False, highlight=False)


@eval_app.command("real-clusters")
def eval_real_clusters(
    gold: Annotated[
        Path,
        _folder("Folder with windows.jsonl and happenings.jsonl (read from real articles)."),
    ] = Path("tests/data/event_clusters/polnear"),
    corpus: Annotated[
        Path,
        typer.Option(
            help="The corpus folder the gold was read from (its articles.jsonl).", exists=True, file_okay=False
        ),
    ] = Path("../shared/eval/polnear-train"),
    half: HalfOpt = "A",
    warehouse: EvalWarehouseOpt = None,
    show_errors: Annotated[int, typer.Option(help="List this many wrong and missed pairs.")] = 0,
    min_confidence: Annotated[
        float | None, typer.Option(help="Count events at or above this confidence (default: the analyst views').")
    ] = None,
) -> None:
    """Pairwise precision, recall and F1 of event clusters on real news: articles of a few days, every happening two
    of them report (flows/evaluate/real_clusters.py)."""
    from nightdesk.evaluate import real_clusters as ev

    report = ev.evaluate(corpus, gold, half, warehouse, min_confidence)
    p, r, f = report.prf
    table = Table("measure", "value", title=f"event clusters on real news: {gold}, half {half}")
    table.add_row("articles / happenings", f"{report.articles} / {report.happenings}")
    table.add_row("precision (pairs found right)", f"{p:.3f} ({report.right}/{report.found})")
    table.add_row("recall (reachable pairs joined)", f"{r:.3f} ({report.joined}/{report.reachable})")
    table.add_row("F1", f"{f:.3f}")
    table.add_row("recall of every gold pair", f"{report.recall_all:.3f} ({report.joined}/{report.gold})")
    out.print(table)
    for a, b, c in report.wrong[:show_errors]:
        out.print(f"joined, no happening in common: {a} + {b} ({c})", markup=False, highlight=False)
    for a, b, h in report.missed[:show_errors]:
        out.print(f"apart, one happening: {a} + {b} ({h})", markup=False, highlight=False)
