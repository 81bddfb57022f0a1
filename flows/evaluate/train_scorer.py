"""Train the event scorer (transform/events/scorer.py) from events people read, and report it on labels it never saw.

    make scorer                                     # = python -m nightdesk.evaluate.train_scorer
    python -m nightdesk.evaluate.train_scorer --warehouse /tmp/ptrain --report-only

Training data: the labelled candidates of half A of polnear-train (tests/data/labels/events.jsonl: real = yes is a
positive, wrong_type and no negatives), those of half A of ipe-dev (tests/data/labels/ipe_events.jsonl: police and
riot reports, where political news has few real attacks and arrests to learn from) and every candidate on the
plover-dev sentences (its gold type: positive, another type: negative). Whether an act is the day's news is learned
from polnear-train only (ipe-dev's publication dates are a placeholder). Features are those the night computes (events/evidence.py), from the same text and code.
A logistic regression (scikit-learn, liblinear, L2, fixed C): deterministic, and written as plain weights, so the
night needs no learning library. The report, on half B's labels (never trained on): how many proposals are real,
per confidence band, and the share right at the chosen threshold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from nightdesk.evaluate.event_labels import LABELS, half, key
from nightdesk.settings import PACKAGE_DIR

SHARED = PACKAGE_DIR.parent.parent / "shared" / "eval"
OUT = PACKAGE_DIR.parent / "seeds" / "event_scorer.json"
C = 0.3  # L2 strength, chosen by out-of-fold log loss on half A (0.1: 0.536, 0.3: 0.516, 1.0: 0.517)
THRESHOLD = 0.5  # until the folds choose one
# Below this chance that the act is the day's news, a proposal the text dates by no day gets none. Chosen on half A
# out of fold: at 0.3 the day is dropped for 36 of 163 past acts and 12 of 258 current ones; at 0.5, 81 and 55.
CURRENT = 0.3
PRECISION = 0.90  # the default threshold is the lowest at which half A's out-of-fold rows are this often real


IPE_LABELS = LABELS.with_name("ipe_events.jsonl")


def _labels(path: Path = LABELS) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["key"]: r for r in rows}


def candidates(warehouse: Path, article_ids: set[str] | None = None) -> list[tuple[str, str, dict]]:
    """(key, source_id, features) of every event row a night's code gives on the warehouse's articles."""
    from datetime import timedelta

    from nightdesk.evaluate.common import parsed_articles
    from nightdesk.transform.nlp import load_nlp
    from nightdesk.transform.rows import event_rows

    out = []
    for (article_id, source_id, _text, published, offset, _body), doc in parsed_articles(
        warehouse, load_nlp(), article_ids
    ):
        local = published + timedelta(minutes=offset) if published is not None and offset else published
        rows, _ = event_rows(article_id, doc, local)
        for r in rows:
            out.append((key(article_id, r["start_char"], r["end_char"], r["event_type"]), source_id, r["features"]))
    return out


def _found(warehouse: Path, corpus: str, labels: dict[str, dict]) -> dict[str, tuple[str, dict]]:
    """key → (source id, features) of the labelled candidates the code proposes today on a night on `corpus` (made in
    `warehouse` when missing)."""
    if not (warehouse / "news.duckdb").exists():
        from nightdesk.evaluate.common import run_inputs

        run_inputs([str(SHARED / corpus / "articles.jsonl")], warehouse)
    article_ids = {k.split(":")[0] for k in labels}
    found = {k: (source, f) for k, source, f in candidates(warehouse, article_ids)}
    missing = [k for k in labels if k not in found]
    if missing:
        print(f"{corpus}: {len(missing)} labelled candidates are no longer proposed (the rules changed): left out")
    return found


def plover_candidates(folder: Path) -> list[tuple[dict, int]]:
    """(features, label) of every candidate on the PLOVER sentences: its gold type or not."""
    from nightdesk.evaluate.common import load_corpus
    from nightdesk.transform.nlp import load_nlp
    from nightdesk.transform.rows import event_rows

    records, gold = load_corpus(folder)
    nlp = load_nlp()
    out = []
    for rec, doc in zip(records, nlp.pipe([r["text"] for r in records]), strict=True):
        if rec["id"] not in gold:
            continue
        for r in event_rows(rec["id"], doc, None)[0]:
            out.append((r["features"], int(r["event_type"] == gold[rec["id"]]["event_type"])))
    return out


def fingerprint(examples: list[tuple[dict, int]]) -> str:
    digest = hashlib.sha256()
    for f, y in examples:
        digest.update(json.dumps([sorted(f.items()), y]).encode())
    return digest.hexdigest()[:16]


def train(examples: list[tuple[dict, int]], threshold: float = THRESHOLD) -> dict:
    """A logistic regression as plain weights: {weights, intercept, threshold, fingerprint, trained_on}."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    X = vec.fit_transform([f for f, _ in examples]).toarray()  # small and dense: liblinear takes no int64 indices
    y = [label for _, label in examples]
    model = LogisticRegression(C=C, solver="liblinear", random_state=0, max_iter=1000).fit(X, y)
    weights = {
        name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True) if w
    }
    return {
        "weights": dict(sorted(weights.items())),
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
        "fingerprint": fingerprint(examples),
        "trained_on": {"examples": len(y), "positive": sum(y)},
    }


def cross_validate(examples: list[tuple[dict, int]], groups: list[str], folds: int = 5) -> list[tuple[float, int]]:
    """Out-of-fold confidences on the training half, folds by article (what tuning looks at: never half B)."""
    from sklearn.model_selection import GroupKFold

    from nightdesk.transform.events.scorer import Linear

    out: list[tuple[float, int]] = [(0.0, 0)] * len(examples)  # in the examples' order
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(examples, groups=groups):
        model = Linear.of(train([examples[i] for i in train_idx]))
        for i in test_idx:
            out[i] = (model.probability(examples[i][0]), examples[i][1])
    return out


def choose_threshold(scored: list[tuple[float, int]]) -> float:
    """The lowest of 0.50, 0.55, ... 0.95 at which the out-of-fold rows are at least PRECISION real."""
    for step in range(10, 20):
        t = step / 20
        kept = [y for c, y in scored if c >= t]
        if kept and sum(kept) / len(kept) >= PRECISION:
            return t
    return 0.95


def bands(scored: list[tuple[float, int]], title: str, threshold: float = THRESHOLD) -> None:
    real = sum(y for _, y in scored)
    print(f"{title}: {len(scored)} labelled, {real} real ({real / max(len(scored), 1):.2f})")
    for lo, hi in ((0.0, 0.2), (0.2, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.8), (0.8, 1.01)):
        band = [y for c, y in scored if lo <= c < hi]
        if band:
            print(f"  confidence {lo:.1f}-{min(hi, 1):.1f}: {len(band):4d} rows, {sum(band) / len(band):.2f} real")
    for t in sorted({threshold, 0.5, 0.7}):
        kept = [y for c, y in scored if c >= t]
        if kept:
            print(
                f"  at or above {t}: {len(kept)} kept, {sum(kept) / len(kept):.2f} real; real kept {sum(kept)} of {real}"
            )


def report(model: dict, examples: list[tuple[dict, int]], title: str) -> None:
    from nightdesk.transform.events.scorer import Linear

    bands([(Linear.of(model).probability(f), y) for f, y in examples], title, model["threshold"])


def dates(scored: list[tuple[float, dict]], threshold: float, title: str) -> None:
    """Real events the text does not date (publication day) outside the lede: whether the day is kept, against what
    people read."""
    rows = [(p >= threshold, label["current"]) for p, label in scored]
    kept = [c for k, c in rows if k]
    dropped = [c for k, c in rows if not k]
    print(
        f"{title}: {len(rows)} real events dated by publication only; day kept for {len(kept)} "
        f"({sum(c == 'current' for c in kept)} current, {sum(c == 'past' for c in kept)} past, "
        f"{sum(c not in ('current', 'past') for c in kept)} future or unclear), no day for {len(dropped)} "
        f"({sum(c == 'current' for c in dropped)} current, {sum(c == 'past' for c in dropped)} past, "
        f"{sum(c not in ('current', 'past') for c in dropped)} future or unclear)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, help="a night on polnear-train (made when missing)")
    parser.add_argument("--ipe-warehouse", type=Path, help="a night on ipe-dev (made when missing)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--report-only", action="store_true", help="report the shipped weights, write nothing")
    parser.add_argument(
        "--held-out", action="store_true", help="the figure of record on half B: read it once, after tuning"
    )
    args = parser.parse_args()
    labels = _labels()
    found = _found(args.warehouse or Path("/tmp/nightdesk-polnear-train"), "polnear-train", labels)
    by_half: dict[str, list[tuple[dict, int]]] = {"A": [], "B": []}
    current: dict[str, list[tuple[dict, int]]] = {"A": [], "B": []}  # real events: is the act the day's news
    undated: dict[str, list[tuple[dict, dict]]] = {"A": [], "B": []}  # real events dated by publication only
    sources: list[str] = []  # half A's articles, for folds by article
    current_sources: list[str] = []
    for k, label in labels.items():
        if k not in found:
            continue
        source, f = found[k]
        part = half(source)
        by_half[part].append((f, int(label["real"] == "yes")))
        if part == "A":
            sources.append(source)
        if label["real"] == "yes":
            current[part].append((f, int(label["current"] == "current")))
            if part == "A":
                current_sources.append(source)
            if f.get("date=publication") and not f.get("in_lede"):  # the lede keeps its day (transform/rows.py)
                undated[part].append((f, label))
    police_labels = _labels(IPE_LABELS)
    police_found = _found(args.ipe_warehouse or Path("/tmp/nightdesk-ipe-dev"), "ipe-dev", police_labels)
    police = [
        (police_found[k][1], int(label["real"] == "yes")) for k, label in police_labels.items() if k in police_found
    ]
    police_sources = [police_found[k][0] for k in police_labels if k in police_found]
    plover = plover_candidates(SHARED / "plover-dev")
    oof = cross_validate(by_half["A"] + police, sources + police_sources)  # chooses the threshold, and is reported
    if args.report_only:
        model = json.loads(args.out.read_text())
    else:
        real = train(by_half["A"] + police + plover, choose_threshold(oof))
        model = {
            "real": real,
            "current": train(current["A"], CURRENT),
            "fingerprint": fingerprint(by_half["A"] + police + plover + current["A"]),
        }
        args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.out}: fingerprint {model['fingerprint']}, default threshold {real['threshold']}")
    report(model["real"], by_half["A"], "real, fit, half A of polnear-train (trained on)")
    report(model["real"], police, "real, fit, half A of ipe-dev (trained on)")
    report(model["real"], plover, "real, fit, plover-dev (trained on)")
    threshold = model["real"]["threshold"]
    bands(oof, "real, half A of both out of fold (5 folds by article)", threshold)
    bands(oof[: len(sources)], "  of which polnear-train", threshold)
    bands(oof[len(sources) :], "  of which ipe-dev", threshold)
    from nightdesk.transform.events.scorer import Linear

    now = Linear.of(model["current"])
    folds = cross_validate(current["A"], current_sources)
    bands(folds, "current, half A out of fold (5 folds by article)", now.threshold)
    current_oof = {id(f): p for (f, _), (p, _) in zip(current["A"], folds, strict=True)}
    for t in sorted({0.2, 0.3, 0.4, 0.5, now.threshold}):
        dates([(current_oof[id(f)], label) for f, label in undated["A"]], t, f"dates at {t}, half A out of fold")
    if args.held_out:
        report(model["real"], by_half["B"], "real, held out, half B of polnear-train (never trained on)")
        report(model["current"], current["B"], "current, held out, half B")
        dates([(now.probability(f), label) for f, label in undated["B"]], now.threshold, "dates, held out, half B")


if __name__ == "__main__":
    main()
