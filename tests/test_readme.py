"""The README's command synopsis lists every command and option the command line has: a test compares them with
what `--help` offers, so neither can drift from the other."""

from __future__ import annotations

import re

import typer

from nightdesk.cli import app

from .conftest import REPO


def _commands(command, path: list[str]):
    """(command words, its long options, its arguments) of every command under `command`."""
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            yield from _commands(command.get_command(ctx, name), [*path, name])
        return
    options = sorted(o for p in command.params for o in p.opts if o.startswith("--") and o != "--help")
    arguments = [p.name for p in command.params if not any(o.startswith("-") for o in p.opts)]
    yield " ".join(path), options, arguments


def _synopsis() -> dict[str, str]:
    """Each `nightdesk ...` line of the README's command-line block, by its command words."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```", 2)[1]
    lines = {}
    for line in block.splitlines():
        words = re.match(r"(nightdesk(?: [a-z][a-z-]*)*)", line.strip())
        if words:
            lines.setdefault(words.group(1), "")
            lines[words.group(1)] += " " + line
    return lines


def test_the_readme_synopsis_lists_every_command_and_option():
    synopsis = _synopsis()
    missing = []
    for words, options, _arguments in _commands(typer.main.get_command(app), ["nightdesk"]):
        line = next((synopsis[k] for k in sorted(synopsis, key=len, reverse=True) if words.startswith(k)), None)
        if line is None or not line.strip().startswith(words):
            missing.append(words)
            continue
        missing += [f"{words} {o}" for o in options if o not in line]
    assert missing == []
