"""Train the short-name model (transform/entities/short_names.py) from mentions people read.

    make short-names                          # = python -m nightdesk.evaluate.train_short_names
    python -m nightdesk.evaluate.train_short_names --warehouse /tmp/ptrain --report-only

Training data: tests/data/labels/short_names.jsonl (bare surnames of polnear-train, both halves of the first draw);
each (mention, candidate full name of its article) is an example, positive when the candidate is the person read.
tests/data/labels/short_names_heldout.jsonl (a second draw) is never trained on: `nightdesk.evaluate.short_names
score --labels` reads it on a night. A logistic regression (scikit-learn, liblinear, L2, fixed C): deterministic, and
written as plain weights with the fingerprint of its examples.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from nightdesk.evaluate.short_names import LABELS, same_person
from nightdesk.settings import DEFAULT_ENTITY_LABELS, PACKAGE_DIR, SEEDS_DIR

OUT = PACKAGE_DIR.parent / "seeds" / "short_name_scorer.json"
C = 1.0


def examples(warehouse: Path, labels: list[dict]) -> list[tuple[str, int, list[tuple[str, dict, int]]]]:
    """(article, article-level choice right?, [(candidate, features, y)]) for each labelled mention the night's
    clustering gives candidates."""
    from nightdesk.evaluate.common import labels_at, parsed_articles
    from nightdesk.transform.entities.component import clusters
    from nightdesk.transform.entities.name_spans import names_in
    from nightdesk.transform.entities.short_names import candidates
    from nightdesk.transform.nlp import load_nlp
    from nightdesk.transform.rules import load as load_rules
    from nightdesk.transform.text.doccache import cached

    by_article = labels_at(labels)
    rules = load_rules(SEEDS_DIR)
    wanted = frozenset(DEFAULT_ENTITY_LABELS.split(","))
    out = []
    for a, doc in parsed_articles(warehouse, load_nlp(), set(by_article)):
        with cached(doc):
            raw = names_in(doc, wanted, rules)
            names, _labels, display, roots, _placed = clusters(raw, rules, a[2])
            found = candidates(raw, names, display, roots, a[2], rules)
        for i, (start, end, _surface, _label) in enumerate(raw):
            x = by_article[a[0]].get((start, end))
            if x is None or i not in found or x["answer"] not in x["candidates"]:
                continue
            pairs = [(c, f, int(same_person(display[c], x["answer"]))) for c, f in found[i]]
            base = int(roots[i] is not None and same_person(display.get(roots[i], ""), x["answer"]))
            out.append((a[0], base, pairs))
    return out


def train(pairs: list[tuple[dict, int]]) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=False)
    X = vec.fit_transform([f for f, _ in pairs])
    y = [label for _, label in pairs]
    model = LogisticRegression(C=C, solver="liblinear", random_state=0).fit(X, y)
    weights = {name: round(float(w), 6) for name, w in zip(vec.feature_names_, model.coef_[0], strict=True)}
    digest = hashlib.sha256(json.dumps([[sorted(f.items()), label] for f, label in pairs]).encode()).hexdigest()[:16]
    return {"weights": weights, "intercept": round(float(model.intercept_[0]), 6), "threshold": 0.5,
            "fingerprint": digest}  # fmt: skip


def accuracy(found, model: dict | None) -> tuple[int, int]:
    """Mentions whose highest-scored candidate (no model: the article-level choice) is the person read."""
    from nightdesk.transform.entities.short_names import best
    from nightdesk.transform.linear import Linear

    if model is None:
        return sum(base for _a, base, _p in found), len(found)
    linear = Linear.of(model)
    right = 0
    for _a, _base, pairs in found:
        chosen = best([(c, f) for c, f, _y in pairs], linear)  # the night's own choice
        right += any(c == chosen and y for c, _f, y in pairs)
    return right, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path("/tmp/nightdesk-polnear-train"),
        help="a night on polnear-train (made when missing)",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not (args.warehouse / "news.duckdb").exists():
        from nightdesk.evaluate.common import run_inputs
        from nightdesk.evaluate.train_scorer import SHARED

        run_inputs([str(SHARED / "polnear-train" / "articles.jsonl")], args.warehouse)
    found = examples(args.warehouse, labels)
    articles = sorted({a for a, _b, _p in found})
    folds = 5
    oof = []
    for k in range(folds):
        held = {a for n, a in enumerate(articles) if n % folds == k}
        model = train([(f, y) for a, _b, pairs in found if a not in held for _c, f, y in pairs])
        oof.append(accuracy([x for x in found if x[0] in held], model))
    right, n = accuracy(found, None)
    print(
        f"{n} labelled mentions with candidates in their article; article-level choice right {right} ({right / n:.3f})"
    )
    print(f"model, out of fold (5 folds by article): {sum(r for r, _ in oof)} of {sum(t for _, t in oof)}")
    if args.report_only:
        model = json.loads(args.out.read_text(encoding="utf-8"))
    else:
        model = train([(f, y) for _a, _b, pairs in found for _c, f, y in pairs])
        args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.out}: fingerprint {model['fingerprint']}")
    right, n = accuracy(found, model)
    print(f"model, fit (trained on): {right} of {n}")


if __name__ == "__main__":
    main()
