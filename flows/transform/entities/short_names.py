"""Who each bare surname is, mention by mention (issue 34): "Clinton" in an article that names Hillary Clinton and
Bill Clinton is not one of them for the whole article.

The article-level clustering (component.py) links a short form to the one full name it fits, or to the one mentioned
at least twice as often. Here each mention of a surname that one or more of the article's full names end with is
decided on its own. What the text says for each candidate (features below: a title or a pronoun that says a gender,
the article's own he / she for the bare name, the full name last before it in the paragraph and in the article, how
often and how early each is named, the article-level choice) is weighed by a linear model trained on mentions people
read (seeds/short_name_scorer.json, written by `make short-names`: flows/evaluate/train_short_names.py); the
candidate it scores highest is the mention's person. One rule stays a rule: a mention the text gives a gender no
candidate has ("Mrs. Clinton" where only Bill Clinton is named in full) names no one the article names in full.
"""

from __future__ import annotations

import re
from pathlib import Path

from nightdesk.errors import NightdeskError
from nightdesk.transform.linear import Linear, read_weights
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.names import first_name_gender, name_key, sure_gender, title_genders

FILE = "short_name_scorer.json"
_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_MALE = {"he", "him", "his", "himself"}
_TITLE_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
_NEXT_OPENING = re.compile(r"\s*[\"“]?(he|his|him|she|her|hers)\b", re.IGNORECASE)


class ShortNameScorerError(NightdeskError, ValueError):
    pass


def load(folder: str | Path) -> Linear:
    """The short-name model of a seeds folder; an error in one line naming the file when missing or unreadable."""
    return read_weights(folder, FILE, "short-name model", "short-names", ShortNameScorerError, Linear.of)


def _gender_at(i: int, raw, text: str, rules: RuleSet) -> str | None:
    """The gender the words at mention i give: a title right before it, else the first he / she after it in its
    sentence before any other name."""
    start, end = raw[i][0], raw[i][1]
    title = _TITLE_BEFORE.search(text[max(0, start - 30) : start])
    if title:
        said = title_genders(rules).get(title.group(1).lower())
        if said:
            return said
    stop = _SENTENCE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    if i + 1 < len(raw):
        limit = min(limit, raw[i + 1][0])  # another name first: the pronoun may be that one's
    pronoun = _PRONOUN.search(text, end, limit)
    if pronoun is None:
        return None
    return "male" if pronoun.group(1).lower() in _MALE else "female"


def _vote(genders: dict[int, str | None], raw, text: str) -> str | None:
    """The gender the article's own words give a bare surname: titles and pronouns at its mentions (`genders`:
    mention index → _gender_at), and a pronoun opening the next sentence ("... the spotlight will be on Clinton. Her
    ..."); one gender at least twice and at least twice as often as the other."""
    votes = []
    for i, said in genders.items():
        if said is None:
            stop = _SENTENCE_END.search(text, raw[i][1])
            opening = _NEXT_OPENING.match(text, stop.end()) if stop else None
            if opening and (i + 1 >= len(raw) or raw[i + 1][0] > stop.end()):
                said = "male" if opening.group(1).lower() in _MALE else "female"
        if said in ("male", "female"):
            votes.append(said)
    for gender in ("female", "male"):
        mine, other = votes.count(gender), len(votes) - votes.count(gender)
        if mine >= 2 and mine >= 2 * other:
            return gender
    return None


def candidates(raw, names: list[str], display: dict[str, str], roots: list[str | None], text: str, rules: RuleSet):
    """Mention index → [(candidate key, features)] for every bare surname that one or more of the article's full
    names end with."""
    if not text:
        return {}
    by_surname: dict[str, list[str]] = {}
    for k in display:
        words = display[k].split()
        # a person's full name opens with a first name or an initial ("Top Clinton", "Floridians Jeb Bush" do not)
        if len(words) >= 2 and (first_name_gender(words[0]) is not None or re.fullmatch(r"[A-Z]\.?", words[0])):
            by_surname.setdefault(k.split()[-1], []).append(k)
    keys = [name_key(name) if name else None for name in names]
    full_at: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if k and " " in k:
            full_at.setdefault(k, []).append(i)
    found = {}
    for surname in by_surname:
        mine = [i for i, k in enumerate(keys) if k == surname]
        if not mine:
            continue
        fits = sorted(by_surname[surname], key=lambda c: full_at.get(c, [len(raw)])[0])
        genders = {i: _gender_at(i, raw, text, rules) for i in mine}  # once a mention: the vote reads them too
        vote = _vote(genders, raw, text)
        total = sum(len(full_at.get(c, [])) for c in fits)
        for i in mine:
            gender = genders[i]
            before = [(j, c) for c in fits for j in full_at.get(c, []) if j < i]
            after = [(j, c) for c in fits for j in full_at.get(c, []) if j > i]
            last = max(before)[1] if before else None
            nxt = min(after)[1] if after else None
            in_paragraph = last if before and "\n\n" not in text[raw[max(before)[0]][1] : raw[i][0]] else None
            rows = []
            for rank, c in enumerate(fits):
                own = sure_gender(display[c].split()[0])
                count = len(full_at.get(c, []))
                gap = min((raw[i][0] - raw[j][1] for j in full_at.get(c, []) if j < i), default=None)
                f = {
                    "gender_agrees": float(gender is not None and own == gender),
                    "gender_clashes": float(gender is not None and own is not None and own != gender),
                    "vote_agrees": float(vote is not None and own == vote),
                    "vote_clashes": float(vote is not None and own is not None and own != vote),
                    "last_in_paragraph": float(in_paragraph == c),
                    "last_before": float(last == c),
                    "next_after": float(nxt == c),
                    "first_named": float(rank == 0),
                    "share": count / total if total else 0.0,
                    "named_most": float(count == max(len(full_at.get(o, [])) for o in fits)),
                    "near": 1.0 / (1.0 + gap / 500.0) if gap is not None else 0.0,
                    "article_choice": float(roots[i] == c),
                    "only_one": float(len(fits) == 1),
                }
                rows.append((c, f))
            found[i] = rows
    return found


def best(rows: list[tuple[str, dict]], model: Linear) -> str | None:
    """The candidate the model scores highest (the first named on a tie) among those whose gender the text does not
    contradict; None when it contradicts every one."""
    fitting = [(c, f) for c, f in rows if not f["gender_clashes"]]
    return max(fitting, key=lambda cf: model.probability(cf[1]))[0] if fitting else None


def per_mention(raw, names, display, roots, text: str, rules: RuleSet, model: Linear | None):
    """Mention index → the key its person is (a candidate's, or its own: no one the article names in full) where it
    differs from the article-level `roots`."""
    decided: dict[int, str] = {}
    for i, rows in candidates(raw, names, display, roots, text, rules).items():
        if all(f["gender_clashes"] for _c, f in rows):
            chosen = name_key(names[i])  # "Mrs. Clinton" where the article names only Bill Clinton in full
        elif model is None:
            chosen = roots[i]
        else:
            chosen = best(rows, model)
        if chosen != roots[i]:
            decided[i] = chosen
    return decided
