"""Scores on the project's own seed article gold (../shared/gold/seed-article.json, its `about` says how)."""

from __future__ import annotations

from nightdesk.evaluate.common import greedy_match
from nightdesk.evaluate.quotes import tokens


def gold_coverage(gold_tokens, system_tokens) -> float:
    total = sum(gold_tokens.values())
    return sum((gold_tokens & system_tokens).values()) / total if total else 0.0


def seed_quote_scores(
    gold_quotes: list[dict], system: list[dict], threshold: float = 0.3
) -> tuple[int, int, list[str]]:
    """(found, right speaker, misses): a gold quote is found when a system quote covers >= threshold of its tokens
    (best first, one-to-one); its speaker is right when the system's canonical speaker name (or, for a gold
    speaker without an entity, the speaker text) equals the gold one, case-insensitively."""
    gold_tokens = [tokens(g["content"]) for g in gold_quotes]
    system_tokens = [tokens(s["content"]) for s in system]
    pairs = greedy_match(
        range(len(gold_quotes)),
        range(len(system)),
        lambda j, i: gold_coverage(gold_tokens[j], system_tokens[i]),
        threshold,
    )
    used_g, found, right, notes = set(), 0, 0, []
    for j, i in pairs:
        used_g.add(j)
        found += 1
        g, s = gold_quotes[j], system[i]
        want = (g.get("speaker") or g.get("speaker_text") or "").lower()
        got = {(s.get("speaker_name") or "").lower()}
        if not g.get("speaker"):
            got.add((s.get("speaker_text") or "").lower())
        if want in got:
            right += 1
        else:
            notes.append(
                f"speaker {s.get('speaker_name') or s.get('speaker_text')!r} for gold {want!r}: {g['content'][:60]!r}"
            )
    notes += [f"missed: {g['content'][:70]!r}" for j, g in enumerate(gold_quotes) if j not in used_g]
    return found, right, notes
