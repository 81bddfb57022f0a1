"""The tables and columns CONTRACT.md names (outside tools depend on them)."""

CONTRACT_COLUMNS = {
    "articles": ["article_id", "source_id", "url", "title", "author", "publisher", "published_at", "text", "content_hash", "run_id"],
    "entities": ["entity_id", "canonical_name", "entity_type"],
    "entity_aliases": ["entity_id", "alias"],
    "entity_mentions": ["mention_id", "article_id", "entity_id", "start_char", "end_char", "mention_text", "label"],
    "quotes": ["quote_id", "article_id", "content", "start_char", "end_char", "quote_type", "cue", "speaker_text", "speaker_entity_id"],
    "events": [
        "event_id", "article_id", "event_type", "event_mode", "trigger", "start_char", "end_char", "actor_text",
        "actor_entity_id", "target_text", "target_entity_id", "location_text", "location_entity_id", "event_date",
        "date_text", "killed", "injured", "arrested",
    ],
    "runs": [
        "run_id", "started_at", "finished_at", "status", "articles_seen", "articles_loaded", "articles_unchanged",
        "articles_rejected", "pipeline_version",
    ],
    "rejected_inputs": ["run_id", "source_uri", "reason"],
}
CONTRACT_TYPES = {
    ("articles", "published_at"): "TIMESTAMP",
    ("events", "event_date"): "DATE",
    ("events", "killed"): "INTEGER",
    ("events", "injured"): "INTEGER",
    ("events", "arrested"): "INTEGER",
}
