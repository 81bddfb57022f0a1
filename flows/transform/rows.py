"""Every row of the article tables is built here, from the article and from the typed records the components
leave on the doc (Mention, Quote, Event): one place that knows both the records and the columns (sql/schema/).

Entity ids stay empty: entity resolution (flows/transform/resolve.py) fills them in from the working `canonical`
and `*_ref` fields, which it then drops.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

from nightdesk.extract.records import Article
from nightdesk.transform import copies
from nightdesk.transform.events.coref import corefer
from nightdesk.transform.events.details import resolve_date, statistics
from nightdesk.transform.events.evidence import features
from nightdesk.transform.events.scorer import Scorer
from nightdesk.transform.language import Language
from nightdesk.transform.text import doccache, gazetteer
from nightdesk.transform.text.paragraphs import body_start
from nightdesk.transform.tone import text_tone


def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


_WORD = re.compile(r"\w+")
CONTEXT_WORDS = 3  # words on each side that tell two mentions of one name apart


def words(text: str) -> str:
    """Text as its lower-cased words: the same words however they are spaced, punctuated or placed."""
    return " ".join(_WORD.findall(text.lower()))


def in_context(text: str, start: int, end: int) -> str:
    """A span's words with the CONTEXT_WORDS words on each side: what a reader would quote to point at it."""
    before = _WORD.findall(text[max(0, start - 80) : start].lower())[-CONTEXT_WORDS:]
    after = _WORD.findall(text[end : end + 80].lower())[:CONTEXT_WORDS]
    return " ".join([*before, "[", *_WORD.findall(text[start:end].lower()), "]", *after])


def content_ids(kind: str, article_id: str, keys: list[str], starts: list[int]) -> list[str]:
    """Ids from content, not positions: a row's id is its article, what it says (its key) and which occurrence of that
    it is, so the rows of an article keep their ids when text is inserted above or around them (a line added at the
    top once renewed every quote id of the article). Rows with the same key are numbered in text order (`starts`);
    the ids come back in the order of `keys`."""
    seen: Counter = Counter()
    ids = [""] * len(keys)
    for i in sorted(range(len(keys)), key=lambda i: starts[i]):
        seen[keys[i]] += 1
        ids[i] = stable_id(kind, article_id, keys[i], seen[keys[i]])
    return ids


def mention_rows(article_id: str, doc) -> list[dict]:
    """One row per named-entity mention; `canonical` (cluster name) is used by the registry, then dropped."""
    rows = []
    found, text = doc._.nd_mentions, doccache.text(doc)
    keys = [f"{m.label} {in_context(text, m.start_char, m.end_char)}" for m in found]
    for m, mention_id in zip(
        found, content_ids("mention", article_id, keys, [m.start_char for m in found]), strict=True
    ):
        rows.append(
            {
                "mention_id": mention_id,
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


def article_row(
    article: Article, run_id: str, pipeline_version: str, language: Language | None = None, tone: float | None = None
) -> dict:
    return {
        "article_id": article.article_id,
        "source_id": article.source_id,
        "source_uri": article.source_uri,
        "url": article.url,
        "title": article.title,
        "author": article.author,
        "publisher": article.publisher,
        "published_at": article.published_at,
        "published_offset_minutes": article.published_offset_minutes,
        "text": article.text,
        "content_hash": article.content_hash,
        "run_id": run_id,
        "pipeline_version": pipeline_version,
        "extra": json.dumps(article.extra, ensure_ascii=False, sort_keys=True, default=str) if article.extra else None,
        "body_start_char": article.body_start,
        "language": language.code if language else None,
        "language_confidence": language.confidence if language else None,
        "tone": tone,
        "url_key": copies.url_key(article.url),
        "id_from": article.id_from,
        # minhash, story_id, duplicate_of and copy_*: set by the load, which sees the whole night and the lake
        # (flows/load/stories.py)
    }


def quote_rows(article_id: str, doc, text: str) -> list[dict]:
    """Quote rows; `speaker_ref` (the speaker's entity mention) is turned into speaker_entity_id at staging.

    Content comes from the article's own text (the parsed text had punctuation runs blanked; offsets are the same).
    doc.text would also rebuild the whole string for every span: quadratic on a long article with many quotes."""
    rows = []
    found = doc._.nd_quotes
    contents = [" ".join(text[s:e] for s, e in q.spans) for q in found]
    ids = content_ids("quote", article_id, [words(c) for c in contents], [q.start for q in found])
    for q, content, quote_id in zip(found, contents, ids, strict=True):
        rows.append(
            {
                "quote_id": quote_id,
                "article_id": article_id,
                "content": content,
                "tone": round(text_tone(content), 4),
                "start_char": q.start,
                "end_char": q.end,
                "quote_type": q.quote_type,
                "cue": q.cue,
                "speaker_text": q.speaker_text,
                "speaker_entity_id": None,
                "speaker_start_char": q.speaker_start,
                "speaker_end_char": q.speaker_end,
                "cue_start_char": q.cue_start,
                "spans": json.dumps(q.spans),
                "via_text": q.via_text,
                "via_start_char": q.via_start,
                "via_end_char": q.via_end,
                "speaker_ref": q.speaker_ref,
            }
        )
    return rows


_PRECISION = ("day", "week", "month", "year")


def _when(ev, published):
    return resolve_date(ev.date_text, published, ev.future) if ev.date_text else None


def event_date(ev, when, published) -> dict:
    """When: the date its text gives ("text"), else the date carried from the sentence before ("context"), else the
    publication day ("publication": the report's own day, the latest the act can be); with how precise it is."""
    if when is not None:
        source = "context" if ev.date_from_context else "text"
        return {"event_date": when.day, "date_source": source, "date_precision": when.precision}
    if published is not None:
        return {"event_date": published.date(), "date_source": "publication", "date_precision": "day"}
    return {"event_date": None, "date_source": None, "date_precision": None}


def _best_participant(phrases):
    """The most specific of the group's phrases for one role: a named one (it refers to an entity mention) first,
    then the longest."""
    found = [p for p in phrases if p is not None]
    return max(found, key=lambda p: (p.ref is not None, len(p.text)), default=None)


def _best_place(phrases):
    """A place finer than a country first ("Green Zone" over "Iraq"), else the first named."""
    found = [p for p in phrases if p is not None]

    def coarse(p) -> bool:
        place = gazetteer.load().resolve(p.text)
        return place is not None and place.feature_class in ("country", "continent")

    return next((p for p in found if not coarse(p)), found[0] if found else None)


def event_rows(article_id: str, doc, published, scorer: Scorer | None = None) -> tuple[list[dict], list[dict]]:
    """Event rows, one per happening (transform/event_coref.py), and their mention rows; the *_ref fields (entity
    mentions of actor, target, place) become entity ids at staging. Each row's `confidence` is the scorer's
    (events/scorer.py; None: no scorer given), from the features it leaves in the working field `features`."""
    events = doc._.nd_events
    start_of_body = body_start(doc)
    text = doccache.text(doc)
    whens = [_when(ev, published) for ev in events]
    rows, mention_rows_ = [], []
    groups = corefer(events, whens, text, published)
    keys = [
        f"{events[g[0]].event_type} {in_context(text, events[g[0]].start_char, events[g[0]].end_char)}" for g in groups
    ]
    event_ids = content_ids("event", article_id, keys, [events[g[0]].start_char for g in groups])
    for group, event_id in zip(groups, event_ids, strict=True):
        first, members = events[group[0]], [events[i] for i in group]
        actor = _best_participant([m.actor for m in members])
        target = _best_participant([m.target for m in members])
        place = _best_place([m.location for m in members])
        dated = sorted(
            (i for i in group if whens[i] is not None),
            key=lambda i: (events[i].date_from_context, _PRECISION.index(whens[i].precision)),
        )
        dating = events[dated[0]] if dated else first
        counts = {k: max(m.counts[k] for m in members if k in m.counts) for m in members for k in m.counts}
        rows.append(
            {
                "event_id": event_id,
                "article_id": article_id,
                "event_type": first.event_type,
                "event_mode": next((m.mode for m in members if m.mode), None),
                "status": first.status,
                "trigger": first.trigger,
                "start_char": first.start_char,
                "end_char": first.end_char,
                "actor_text": actor.text if actor else None,
                "actor_entity_id": None,
                "actor_affiliation": actor.affiliation if actor else None,
                "target_text": target.text if target else None,
                "target_entity_id": None,
                "location_text": place.text if place else None,
                "location_entity_id": None,
                **event_date(dating, whens[dated[0]] if dated else None, published),
                "date_text": dating.date_text if dated else None,
                "num_mentions": len({mention for m in members for mention in m.mentions}),
                "killed": counts.get("killed"),
                "injured": counts.get("injured"),
                "arrested": counts.get("arrested"),
                "actor_ref": actor.ref if actor else None,
                "target_ref": target.ref if target else None,
                "location_ref": place.ref if place else None,
            }
        )
        found = features(doc, rows[-1], members, start_of_body)
        rows[-1]["confidence"] = round(scorer.confidence(found), 4) if scorer is not None else None
        rows[-1]["features"] = found
        if (
            rows[-1]["date_source"] == "publication"
            and scorer is not None
            and not found["in_lede"]  # the headline and the lede report the article's news: its day
            and not scorer.is_current(found)
        ):
            # the text names no day and the act is not the day's news ("a meeting last February", "after losing
            # in 2012"): no day, rather than the publication day
            rows[-1].update(event_date=None, date_source=None, date_precision="unknown")
        reports = sorted({mention for m in members for mention in m.mentions})
        report_keys = [in_context(text, start, end) for start, end, _trigger in reports]
        report_ids = content_ids("event mention", event_id, report_keys, [start for start, _end, _t in reports])
        for (start, end, trigger), mention_id in zip(reports, report_ids, strict=True):
            mention_rows_.append(
                {
                    "mention_id": mention_id,
                    "event_id": event_id,
                    "article_id": article_id,
                    "start_char": start,
                    "end_char": end,
                    "trigger": trigger,
                }
            )
    return rows, mention_rows_


def statistic_rows(article_id: str, doc) -> list[dict]:
    """A number said of a period or of several happenings ("2,500 civilians have been killed this year", "a total of
    346"): a statistic, kept apart from the events it is never the count of (events/details.py statistics)."""
    text = doccache.text(doc)
    found = [s for sent in doccache.sents(doc) for s in statistics(sent)]
    keys = [f"{kind} {in_context(text, tok.idx, tok.idx + len(tok))}" for kind, _value, tok, _period in found]
    ids = content_ids("statistic", article_id, keys, [tok.idx for _kind, _value, tok, _period in found])
    return [
        {
            "statistic_id": statistic_id,
            "article_id": article_id,
            "kind": kind,
            "value": value,
            "start_char": tok.idx,
            "end_char": tok.idx + len(tok),
            "trigger": tok.text,
            "period_text": period,
        }
        for (kind, value, tok, period), statistic_id in zip(found, ids, strict=True)
    ]
