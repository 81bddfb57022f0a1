"""The run report: the same summary as a Prefect markdown and table artifact and on the terminal."""

from __future__ import annotations


def report_rows(summary) -> list[dict]:
    rows = [
        {"measure": "articles seen", "value": summary.articles_seen},
        {"measure": "loaded (new or changed)", "value": summary.articles_loaded},
        {"measure": "not parsed: another language", "value": sum(summary.other_language.values())},
        {"measure": "replaced a changed version", "value": len(summary.replaced)},
        {"measure": "unchanged", "value": summary.articles_unchanged},
        {"measure": "rejected", "value": summary.articles_rejected},
        {"measure": "fields left out (input_warnings)", "value": len(summary.warnings)},
        {"measure": "tokens processed", "value": summary.tokens},
        {"measure": "data checks passed", "value": summary.checks_passed},
    ]
    rows += [{"measure": f"{stage} seconds", "value": round(sec, 2)} for stage, sec in summary.timings.items()]
    rows += [{"measure": f"rows in {table}", "value": n} for table, n in summary.table_rows.items()]
    return rows


def report_markdown(summary) -> str:
    lines = [
        f"# nightdesk run {summary.run_id}",
        "",
        f"Warehouse: `{summary.warehouse}`",
        "",
        "| measure | value |",
        "|---|---|",
    ]
    lines += [f"| {r['measure']} | {r['value']} |" for r in report_rows(summary)]
    if summary.notes:
        lines += ["", "## Warnings", ""] + [f"- {note}" for note in summary.notes]
    if summary.empty_inputs:
        lines += ["", "## Input folders without any file", ""] + [f"- `{path}`" for path in summary.empty_inputs]
    if summary.rejections:
        lines += ["", "## Rejected inputs", "", "| input | reason |", "|---|---|"]
        lines += [f"| `{r.source_uri}` | {r.reason.replace('|', '/')} |" for r in summary.rejections]
    if summary.replaced:
        lines += [
            "",
            "## Articles replaced with a changed version",
            "",
            "| input | article | what changed |",
            "|---|---|---|",
        ]
        lines += [f"| `{uri}` | `{article_id}` | {what} |" for article_id, uri, what, _before in summary.replaced]
    if summary.warnings:
        lines += [
            "",
            "## Fields left out (input_warnings)",
            "",
            "| input | field | value | reason |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{w['source_uri']}` | {w['field']} | `{w['value'].replace('|', '/')}` | {w['reason'].replace('|', '/')} |"
            for w in summary.warnings
        ]
    return "\n".join(lines)


def publish(summary) -> None:
    """Attach the report to the Prefect flow run (shown in the Prefect UI for scheduled runs)."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(
        key="nightdesk-run-report", markdown=report_markdown(summary), description="nightdesk run report"
    )
    create_table_artifact(key="nightdesk-run-counts", table=report_rows(summary), description="nightdesk run counts")


def other_languages(counts: dict[str, int]) -> str:
    """'3 (de 2, fr 1)': the articles loaded unparsed, by language."""
    by = ", ".join(f"{code} {n}" for code, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    return f"{sum(counts.values())} ({by})"


def summary_line(summary) -> str:
    """The run in one line, for Prefect's log of a served or scheduled run."""
    line = (
        f"run {summary.run_id}: {summary.articles_seen} articles seen, {summary.articles_loaded} loaded, "
        f"{summary.articles_unchanged} unchanged, {summary.articles_rejected} rejected"
    )
    if summary.articles_recomputed:
        line += f"; {summary.articles_recomputed} recomputed because the rules changed ({', '.join(summary.recomputed_because)})"
    if summary.other_language:
        line += f"; not parsed, in another language: {other_languages(summary.other_language)}"
    if summary.warnings:
        line += f"; {len(summary.warnings)} fields left out of loaded articles (input_warnings)"
    if summary.replaced:
        line += f"; {len(summary.replaced)} replaced a changed version"
    for note in summary.notes:
        line += f"; warning: {note}"
    if summary.empty_inputs:
        line += f"; input folders without any file: {', '.join(summary.empty_inputs)}"
    return line
