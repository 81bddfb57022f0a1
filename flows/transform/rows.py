"""Entity mention rows from a parsed doc; entity ids are filled in by the registry (flows/transform/registry.py)."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def mention_rows(article_id: str, doc) -> list[dict]:
    """One row per named-entity mention; `canonical` (cluster name) is used by the registry, then dropped."""
    rows = []
    for m in doc._.nd_mentions:
        rows.append(
            {
                "mention_id": stable_id("mention", article_id, m.start_char, m.end_char),
                "article_id": article_id,
                "entity_id": None,
                "start_char": m.start_char,
                "end_char": m.end_char,
                "mention_text": m.text,
                "label": m.label,
                "canonical": m.canonical,
            }
        )
    return rows
