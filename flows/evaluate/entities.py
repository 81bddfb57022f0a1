"""Entity normalization scores on GUM-style gold (../shared/eval/README.md).

- Within a document: B-cubed precision/recall over the system's mentions, each aligned to the smallest gold
  mention that contains it; the gold cluster is GUM's coreference chain, the system cluster the entity_id.
- Across documents: items are (document, Wikipedia identity) pairs the system found; an item's system cluster is
  the entity_id most of its aligned mentions got. Pairwise precision/recall/F1 over item pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from nightdesk.evaluate.common import EvalDoc, prf


@dataclass(frozen=True)
class AlignedMention:
    doc: str
    system: str  # entity_id, or a per-mention singleton id when the mention has no entity
    gold_cluster: str
    identity: str | None
    text: str


def align(docs: dict[str, EvalDoc], mentions: list[tuple], gold: dict) -> tuple[list[AlignedMention], int]:
    """mentions: (article_id, start_char, end_char, entity_id, mention_text). Returns aligned ones and the unaligned count."""
    by_article = {d.article_id: d for d in docs.values()}
    aligned, unaligned = [], 0
    for i, (article_id, start, end, entity_id, text) in enumerate(mentions):
        doc = by_article.get(article_id)
        if doc is None:
            continue
        a, b = doc.cleaned.raw_span(start, end)
        containing = [g for g in gold.get(doc.source_id, []) if g["start"] <= a and b <= g["end"]]
        if not containing:
            unaligned += 1
            continue
        g = min(containing, key=lambda g: (g["end"] - g["start"], g["start"]))
        aligned.append(
            AlignedMention(
                doc.source_id, entity_id or f"_single{i}", f"{doc.source_id}#{g['cluster']}", g.get("identity"), text
            )
        )
    return aligned, unaligned


def b_cubed(items: list[AlignedMention]) -> tuple[float, float, float]:
    by_sys: dict[tuple, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        by_sys[(m.doc, m.system)].append(i)
        by_gold[m.gold_cluster].append(i)
    p_sum = r_sum = 0.0
    for m in items:
        sys_c = by_sys[(m.doc, m.system)]
        gold_c = by_gold[m.gold_cluster]
        overlap = sum(1 for j in sys_c if items[j].gold_cluster == m.gold_cluster)
        p_sum += overlap / len(sys_c)
        r_sum += overlap / len(gold_c)
    n = len(items)
    return prf(p_sum, n, r_sum, n)


def cross_document(items: list[AlignedMention]) -> tuple[float, float, float, int]:
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for m in items:
        if m.identity and not m.system.startswith("_single"):
            votes[(m.doc, m.identity)][m.system] += 1
    clusters = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    same_sys = same_gold = both = 0
    for (ka, sa), (kb, sb) in combinations(clusters.items(), 2):
        if ka[0] == kb[0]:
            continue  # pairs within one document are the within-document score's business
        gold_same = ka[1] == kb[1]
        sys_same = sa == sb
        same_gold += gold_same
        same_sys += sys_same
        both += gold_same and sys_same
    p, r, f = prf(both, same_sys, both, same_gold)
    return p, r, f, len(clusters)


def errors(items: list[AlignedMention], limit: int = 20) -> list[str]:
    """Examples of wrong merges and splits, for whoever improves the rules."""
    out = []
    by_gold: dict[str, set] = defaultdict(set)
    by_sys: dict[tuple, set] = defaultdict(set)
    for m in items:
        by_gold[m.gold_cluster].add((m.system, m.text))
        by_sys[(m.doc, m.system)].add((m.gold_cluster, m.text))
    for cluster, members in by_gold.items():
        if len({s for s, _ in members}) > 1:
            out.append(f"split  {cluster}: {sorted({t for _, t in members})}")
    for (_doc, _sys), members in by_sys.items():
        if len({g for g, _ in members}) > 1:
            out.append(f"merged {sorted(members)}")
    return out[:limit]


@dataclass
class EntityReport:
    documents: int
    b_cubed: tuple[float, float, float]  # within-document precision, recall, F1
    cross_document: tuple[float, float, float]  # pairwise precision, recall, F1
    items: list[AlignedMention]
    unaligned: int
    identities: int  # (document, identity) items


def evaluate(folder, warehouse=None) -> EntityReport:
    """Run the real pipeline on a GUM-style folder and score entity normalization."""
    from nightdesk.evaluate.common import connect, eval_docs, load_corpus, run_pipeline
    from nightdesk.load.schemas import sql_text

    records, gold = load_corpus(folder)
    con = connect(run_pipeline(folder, warehouse))
    try:
        docs = eval_docs(con, records)
        mentions = con.execute(sql_text("eval", "entity_mentions.sql")).fetchall()
    finally:
        con.close()
    items, unaligned = align(docs, mentions, gold)
    cp, cr, cf, n_items = cross_document(items)
    return EntityReport(len(docs), b_cubed(items), (cp, cr, cf), items, unaligned, n_items)
