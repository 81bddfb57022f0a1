"""What the text says for and against an event the rules proposed: interpretable features for the scorer.

The rules (component.py) propose events with high recall; whether a proposal is a real happening of its type is
decided by a linear model over these features (scorer.py), trained on events read by people (issue 33:
tests/data/labels/). Each feature is a name → value; names are readable ("type=ASSAULT", "violent_without_harm"),
so the shipped weights say what the model learned.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from nightdesk.transform.events.details import tally
from nightdesk.transform.text import doccache
from nightdesk.transform.text.doccache import sent_of

# Physical harm or force in the sentence: what an attack, a use of force or a riot needs (issue 33: "a physical act
# against a physical target"; words, markets, campaigns and fiction have none of these).
HARM = frozenset(
    [
        "kill",
        "killed",
        "killing",
        "dead",
        "death",
        "die",
        "died",
        "wound",
        "wounded",
        "injure",
        "injured",
        "injury",
        "shoot",
        "shot",
        "shooting",
        "gun",
        "gunman",
        "gunmen",
        "gunfire",
        "rifle",
        "pistol",
        "bomb",
        "bombing",
        "blast",
        "explosion",
        "explode",
        "exploded",
        "explosive",
        "grenade",
        "missile",
        "rocket",
        "airstrike",
        "strike",
        "shell",
        "shelling",
        "knife",
        "stab",
        "stabbed",
        "beat",
        "beaten",
        "fire",
        "fired",
        "torch",
        "burn",
        "burned",
        "police",
        "officer",
        "soldier",
        "troops",
        "army",
        "militant",
        "militants",
        "insurgent",
        "terrorist",
        "terrorists",
        "victim",
        "victims",
        "hostage",
        "casualty",
        "casualties",
        "murder",
        "murdered",
        "massacre",
        "assault",
        "riot",
        "rioter",
        "clash",
        "clashes",
        "arrest",
        "arrested",
        "detain",
        "detained",
        "weapon",
        "weapons",
        "tear",
        "gas",
        "baton",
        "lathi",
    ]
)
# Senses that carry no act: a market move, campaign speech, advertising, entertainment.
NON_ACT = frozenset(
    [
        "percent",
        "stock",
        "stocks",
        "market",
        "markets",
        "index",
        "shares",
        "price",
        "prices",
        "poll",
        "polls",
        "ad",
        "ads",
        "advertisement",
        "advertising",
        "commercial",
        "campaign",
        "rhetoric",
        "speech",
        "debate",
        "tweet",
        "tweets",
        "twitter",
        "show",
        "series",
        "episode",
        "film",
        "movie",
        "novel",
        "game",
        "season",
        "character",
    ]
)
_PAST = re.compile(r"\b(?:ago|last (?:year|month|week|spring|summer|fall|autumn|winter)|in (?:19|20)\d\d|since|earlier|"
                   r"previously|former|once|had been|years?|decades?)\b", re.I)  # fmt: skip
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DEPS = ("ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "acl", "dobj", "pobj", "nsubj", "nsubjpass", "compound")
_TAGS = {"VBD": "past", "VBN": "participle", "VBZ": "present", "VBP": "present", "VBG": "gerund", "VB": "base",
         "NN": "noun", "NNS": "noun_plural", "NNP": "proper", "NNPS": "proper"}  # fmt: skip
_SPEECH = frozenset(["say", "tell", "claim", "report", "add", "note", "write", "allege", "insist", "argue"])
_VIOLENT = frozenset({"ASSAULT", "COERCE", "PROTEST"})


LEDE_CHARS = 400


def lede_end(text: str, body_start: int) -> int:
    """Where the lede ends: the body's first paragraph, at most its first 400 characters (wire text without
    paragraph breaks). The headline and the lede report the article's news."""
    paragraph = text.find("\n\n", body_start + 1)
    return min(paragraph if paragraph >= 0 else len(text), body_start + LEDE_CHARS)


def trigger_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def features(doc: Doc, row: dict, members: list, body_start: int = 0) -> dict[str, float]:
    """The features of one event row (the first member's trigger, the group's other reports)."""
    f: dict[str, float] = {"bias_type=" + row["event_type"]: 1.0, "status=" + (row["status"] or "none"): 1.0}
    text = doccache.text(doc)
    tok = trigger_token(doc, row["start_char"], row["end_char"])
    f["has_actor"] = float(row["actor_text"] is not None)
    f["has_target"] = float(row["target_text"] is not None)
    f["has_place"] = float(row["location_text"] is not None)
    f["actor_named"] = float(row.get("actor_ref") is not None)
    f["target_named"] = float(row.get("target_ref") is not None)
    f["date=" + (row["date_source"] or "none")] = 1.0
    f["precision=" + (row["date_precision"] or "none")] = 1.0
    f["several_reports"] = float(len({m for ev in members for m in ev.mentions}) > 1)
    f["has_counts"] = float(any(row[k] is not None for k in ("killed", "injured", "arrested")))
    f["in_title"] = float(row["start_char"] < body_start)
    f["in_lede"] = float(row["start_char"] < lede_end(text, body_start))
    f["definite"] = float(any(ev.definite for ev in members))
    f["position"] = row["start_char"] / max(len(text), 1)
    if tok is None:
        return f
    sent = sent_of(tok)
    sentence = text[sent.start_char : sent.end_char]
    words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    lemma = tok.lemma_.lower()
    f["lemma=" + lemma] = 1.0
    f["lemma_type=" + lemma + "|" + row["event_type"]] = 1.0  # "attack" as ASSAULT and as ACCUSE learn apart
    if tok.head.i != tok.i:
        f["head=" + tok.head.lemma_.lower()] = 1.0  # "launched an attack", "ads attack"
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "prep"):
            kind = child.ent_type_ or child.pos_
            f[f"{child.dep_}={kind}"] = 1.0  # who acts and on what: a PERSON subject, a NOUN object, a prep
    f["dep=" + (tok.dep_ if tok.dep_ in _DEPS else "other")] = 1.0
    f["tag=" + _TAGS.get(tok.tag_, "other")] = 1.0
    f["capitalised"] = float(tok.is_title and tok.i != sent.start)
    f["in_entity"] = float(tok.ent_type_ != "")
    f["negation_in_sentence"] = float(any(t.dep_ == "neg" for t in sent))
    f["question"] = float("?" in sentence)
    f["conditional"] = float(bool(words & {"if", "would", "could", "might", "unless", "whether"}))
    f["future"] = float(bool(words & {"will", "plan", "planned", "going"}))
    f["past_marker"] = float(bool(_PAST.search(sentence)))
    f["year_in_sentence"] = float(bool(_YEAR.search(sentence)))
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    f["perfect_past"] = float("had" in auxes)  # "had met": before the reported moment
    f["perfect_present"] = float(bool(auxes & {"has", "have", "'ve"}))  # "has criticized": up to now
    f["progressive"] = float(tok.tag_ == "VBG" and bool(auxes & {"is", "are", "was", "were", "'s", "'re"}))
    f["reported_speech"] = float(tok.head.lemma_.lower() in _SPEECH and tok.dep_ in ("ccomp", "xcomp"))
    f["quote_in_sentence"] = float(any(t.is_quote for t in sent))
    harm, non_act = bool(words & HARM), bool(words & NON_ACT)
    violent = row["event_type"] in _VIOLENT
    f["harm_in_sentence"] = float(harm)
    f["non_act_words"] = float(non_act)
    f["violent_with_harm"] = float(violent and harm)
    f["violent_without_harm"] = float(violent and not harm)
    f["violent_with_non_act"] = float(violent and non_act)
    actor_ent = next(
        (t.ent_type_ for t in sent if row["actor_text"] and t.ent_type_ and t.text in row["actor_text"]), ""
    )
    f["actor_ent=" + (actor_ent or "none")] = 1.0
    f["sentence_long"] = float(len(sent) > 40)
    f["statistic"] = float(tally(tok))  # "so far 3,976 persons have been arrested": a total, no one happening
    return f
