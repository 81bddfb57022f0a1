"""Event precision and recall on whole articles, where every event of each article is annotated.

The gold is a plain-text file (tests/data/event_gold/events.txt, how it was decided is in its README):

    ## <source id of the article>
    TYPE[/TYPE...] | trigger | context | actor;actor... | YYYY-MM-DD or - | status
    + trigger | context                      (another mention of the same happening)

A line starting with `?` is optional: a reading the annotation allows but does not require (borderline types,
background acts). A system event that matches no required gold event but touches an optional one counts neither
way. The context is a piece of the article's text holding the trigger (`\\n` stands for a line break; any run of
white space matches any other), so the gold does not depend on offsets that an extraction change could move.

Matching, one-to-one: a system event matches a required gold event when its type is one of the gold types and one
of its mentions' triggers overlaps one of the gold mentions' triggers. Each happening is one gold event, so a
happening the system splits in two leaves the second part unmatched: a false positive.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nightdesk.evaluate.common import greedy_match, prf
from nightdesk.evaluate.quotes import content_words


class GoldError(ValueError):
    """The gold file cannot be read or does not fit the articles it names."""


@dataclass(frozen=True)
class GoldMention:
    trigger: str
    context: str


@dataclass
class GoldEvent:
    types: tuple[str, ...]
    optional: bool
    actors: tuple[str, ...]
    date: str | None
    status: str
    mentions: list[GoldMention]
    line: int
    spans: list[tuple[int, int]] = field(default_factory=list)


def parse_gold(text: str) -> dict[str, list[GoldEvent]]:
    """Gold events by article source id, in file order."""
    gold: dict[str, list[GoldEvent]] = {}
    article = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") and not line.startswith("## "):
            continue
        if line.startswith("## "):
            article = line[3:].strip()
            gold.setdefault(article, [])
            continue
        if article is None:
            raise GoldError(f"line {number}: an event before the first '## <article id>' line")
        fields = [f.strip() for f in line.lstrip("+?").split(" | ")]
        if line.startswith("+"):
            if len(fields) != 2 or not gold[article]:
                raise GoldError(f"line {number}: a mention line is '+ trigger | context' after an event line")
            gold[article][-1].mentions.append(GoldMention(*fields))
            continue
        if len(fields) != 6:
            raise GoldError(f"line {number}: want 'TYPE | trigger | context | actors | date | status'")
        types, trigger, context, actors, date, status = fields
        gold[article].append(
            GoldEvent(
                types=tuple(types.split("/")),
                optional=line.startswith("?"),
                actors=tuple(a.strip() for a in actors.split(";")),
                date=None if date == "-" else date,
                status=status,
                mentions=[GoldMention(trigger, context)],
                line=number,
            )
        )
    return gold


def _pattern(context: str) -> re.Pattern:
    lines = [[re.escape(w) for w in part.split()] for part in context.split("\\n")]
    return re.compile(r"\s*\n\s*".join(r"\s+".join(words) for words in lines))


def locate(mention: GoldMention, text: str, line: int) -> tuple[int, int]:
    """Character span of the mention's trigger in the article text; the context must occur exactly once."""
    found = list(_pattern(mention.context).finditer(text))
    if len(found) != 1:
        raise GoldError(f"line {line}: context {mention.context!r} occurs {len(found)} times in the article")
    at = text.find(mention.trigger, found[0].start(), found[0].end())
    if at < 0:
        raise GoldError(f"line {line}: trigger {mention.trigger!r} is not inside its context")
    return at, at + len(mention.trigger)


def place(gold: dict[str, list[GoldEvent]], texts: dict[str, str]) -> None:
    """Fill every gold event's trigger spans from the article texts (by source id)."""
    missing = sorted(set(gold) - set(texts))
    if missing:
        raise GoldError(f"{len(missing)} annotated articles were not loaded: {', '.join(missing[:5])}")
    for article, events in gold.items():
        for event in events:
            event.spans = [locate(m, texts[article], event.line) for m in event.mentions]


def accepted(event: GoldEvent) -> tuple[str, ...]:
    """The types a system event may have to match: the gold's, and for a planned act the AGREE (or, hostile,
    THREATEN) that PLOVER codes an announced intention as ("will meet", "plans to visit")."""
    return event.types + (("AGREE", "THREATEN") if event.status == "planned" else ())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _touches(system: dict, event: GoldEvent) -> int:
    return sum(_overlap(s, g) for s in system["spans"] for g in event.spans)


def actor_right(system: dict, actors: tuple[str, ...]) -> bool:
    said = content_words(system.get("actor_text")) | content_words(system.get("actor_name"))
    if not said:
        return "-" in actors
    return any(said & content_words(a) for a in actors if a != "-")


@dataclass
class WholeScores:
    articles: int = 0
    system: int = 0
    ignored: int = 0  # system events on optional gold only
    gold: int = 0
    matched: int = 0
    actor_right: int = 0
    dated: int = 0  # matched events whose gold has a day
    date_right: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    by_type: Counter = field(default_factory=Counter)

    @property
    def prf(self) -> tuple[float, float, float]:
        return prf(self.matched, self.system - self.ignored, self.matched, self.gold)

    @property
    def actor_accuracy(self) -> float:
        return self.actor_right / self.matched if self.matched else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.dated if self.dated else 0.0


def score(gold: dict[str, list[GoldEvent]], system: dict[str, list[dict]], texts: dict[str, str]) -> WholeScores:
    """System events: dicts with event_type, spans (every mention's trigger span), actor_text, actor_name,
    event_date (ISO day or None), trigger and start_char."""
    out = WholeScores(articles=len(gold))
    for article, events in gold.items():
        required = [g for g in events if not g.optional]
        found = system.get(article, [])
        out.gold += len(required)
        out.system += len(found)

        def similarity(s, g):
            return _touches(s, g) if s["event_type"] in accepted(g) else 0

        pairs = greedy_match(found, required, similarity, 1)
        matched_system = {i for i, _ in pairs}
        for i, j in pairs:
            s, g = found[i], required[j]
            out.matched += 1
            out.by_type[(g.types[0], "matched")] += 1
            if actor_right(s, g.actors):
                out.actor_right += 1
            else:
                out.wrong.append(f"{article} line {g.line}: actor {s.get('actor_text')!r} vs gold {list(g.actors)}")
            if g.date:
                out.dated += 1
                if str(s.get("event_date")) == g.date:
                    out.date_right += 1
                else:
                    out.wrong.append(f"{article} line {g.line}: date {s.get('event_date')} vs gold {g.date}")
        for j, g in enumerate(required):
            if j not in {j for _, j in pairs}:
                out.by_type[(g.types[0], "missed")] += 1
                out.misses.append(f"{article} line {g.line}: {'/'.join(g.types)} {g.mentions[0].trigger!r}")
        text = texts[article]
        for i, s in enumerate(found):
            if i in matched_system:
                continue
            if any(_touches(s, g) for g in events if g.optional):
                out.ignored += 1
                continue
            out.by_type[(s["event_type"], "false")] += 1
            at = s["start_char"]
            around = " ".join(text[max(at - 60, 0) : at + 60].split())
            out.false_positives.append(
                f"{article}: {s['event_type']} {s['trigger']!r} actor {s.get('actor_text')!r}: …{around}…"
            )
    return out


def load_system(warehouse: Path) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """System events (with every mention's span) and article texts, by source id."""
    from nightdesk.evaluate.common import connect, system_rows
    from nightdesk.load.schemas import sql_text

    system = system_rows(warehouse, "whole_events")
    for events in system.values():
        events.sort(key=lambda e: (e["start_char"], e["event_type"]))  # ties in matching go to the first report
        for e in events:
            e["spans"] = [tuple(s) for s in json.loads(e.pop("mention_spans"))] or [(e["start_char"], e["end_char"])]
    con = connect(warehouse)
    try:
        texts = dict(con.execute(sql_text("eval", "article_texts.sql")).fetchall())
    finally:
        con.close()
    return system, texts


def _only_annotated(path: Path, ids: set[str], tmp: Path) -> Path:
    """A JSONL input cut down to the annotated records (PolNeAR dev has 84; the gold reads 25), else the path."""
    if path.suffix != ".jsonl":
        return path
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [line for line in lines if json.loads(line).get("id") in ids]
    out = tmp / path.name
    out.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return out


def evaluate(folder: Path, warehouse: Path | None = None, inputs: list[Path] | None = None) -> WholeScores:
    """Run the real pipeline on the gold's articles and score it."""
    from nightdesk.evaluate.common import run_inputs

    gold = parse_gold((folder / "events.txt").read_text(encoding="utf-8"))
    if inputs is None:
        listed = json.loads((folder / "inputs.json").read_text(encoding="utf-8"))["inputs"]
        inputs = [(folder / p).resolve() for p in listed]
    absent = [str(p) for p in inputs if not p.exists()]
    if absent:
        raise GoldError(f"input not found: {', '.join(absent)} (pass the articles with --input)")
    with tempfile.TemporaryDirectory(prefix="nightdesk-gold-") as tmp:
        paths = [_only_annotated(p, set(gold), Path(tmp)) for p in inputs]
        system, texts = load_system(run_inputs([str(p) for p in paths], warehouse))
    place(gold, texts)
    return score(gold, {k: v for k, v in system.items() if k in gold}, texts)
