"""What a trigger's objects or subject must be for it to report an act (seeds/event_triggers.csv `requires`).

Read on whole articles, most wrong events were common verbs in a sense PLOVER does not code: "helped elect",
"provides clarity", "released the clip", "make ends meet", "declined slightly", "asked whether". A rule row can say
what the trigger needs (one of, separated by ";"):
- a lemma: a word of that lemma in the trigger's objects ("lift" needs a ban, a sanction, a curfew...);
- `@object`: any object; `@xcomp`: a complement clause ("asked them to leave"); `@clause`: a "that" clause
  ("demanded that he resign", not the speech tag "Vitter demanded."); `prep:for`: a "for" phrase that is more
  than a time ("called on Trump", not "called her on Friday");
- `@human`: a person as object ("released the prisoners", not "released the clip");
- `@not_thing`: no object that is a made thing of seeds/event_words.csv role `thing` ("shot three people", not
  "shoot her new outfit", "killed the bill");
- `@actor`: a person, group, organisation or country as object ("met the minister", not "met the target");
- `@place`: a named place or organisation as object ("visited Kabul", not "visited the festival");
- `@aid`: a word of seeds/event_words.csv role `aid` in the objects ("gave $2m in aid", not "gave the option");
- `@agent`: a person, group or country as the subject ("Chaffetz declined", not "the rating declined");
- `@together`: no object, and a subject of two actors or more ("Putin and Modi met", "the leaders met").
"""

from __future__ import annotations

from spacy.tokens import Token

from nightdesk.transform.events.vocabulary import words
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.syntax import ACTOR_LABELS, agent_subject

_OBJECT_DEPS = ("dobj", "dative", "nsubjpass", "oprd")
_OBJECT_PREPS = ("with", "to", "of", "on", "in", "for")
_PEOPLE_PRONOUNS = {"he", "him", "she", "her", "they", "them", "i", "me", "we", "us", "you", "who", "whom"}


def _with_conjuncts(toks: list[Token]) -> list[Token]:
    return toks + [c for t in toks for c in t.conjuncts]


def objects(tok: Token) -> list[Token]:
    """The trigger's objects: direct, indirect, a passive subject, and the objects of its with/to/of/on/in/for
    phrases ("met with the minister", "the release of prisoners")."""
    direct = [c for c in tok.children if c.dep_ in _OBJECT_DEPS]
    via = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS for g in c.children]
    return _with_conjuncts(direct + [g for g in via if g.dep_ == "pobj"])


def human(t: Token, rules: RuleSet) -> bool:
    return (
        t.ent_type_ in ("PERSON", "NORP") or t.lower_ in _PEOPLE_PRONOUNS or t.lemma_.lower() in words(rules)["human"]
    )


def is_actor(t: Token, rules: RuleSet) -> bool:
    """A person, group, organisation or country (or a pronoun or noun for one)."""
    return human(t, rules) or t.ent_type_ in ACTOR_LABELS


def infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _complement(tok: Token) -> bool:
    return any(c.dep_ == "xcomp" or (c.dep_ in ("ccomp", "advcl") and infinitive(c)) for c in tok.children)


def _when(prep: Token) -> bool:
    """Is the phrase only a time ("on Friday", "for two weeks")?"""
    found = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(found) and all(g.ent_type_ in ("DATE", "TIME") for g in found)


def satisfies(tok: Token, requires: frozenset[str], rules: RuleSet) -> bool:
    """Does the trigger meet one of its rule's requirements (an empty set: always)?"""
    if not requires:
        return True
    found = objects(tok)
    lemmas = {t.lemma_.lower() for o in found for t in o.subtree}
    for need in requires:
        if need.startswith("prep:"):
            ok = any(c.dep_ in ("prep", "prt") and c.lower_ == need[5:] and not _when(c) for c in tok.children)
        elif need == "@object":
            ok = any(o.dep_ != "pobj" for o in found)
        elif need == "@xcomp":
            ok = _complement(tok)
        elif need == "@clause":
            ok = any(c.dep_ == "ccomp" for c in tok.children)
        elif need == "@human":
            ok = any(human(o, rules) for o in found)
        elif need == "@not_thing":
            direct = [o for o in found if o.dep_ != "pobj"]
            ok = not any(o.lemma_.lower() in words(rules)["thing"] for o in direct)
        elif need == "@actor":
            ok = any(is_actor(o, rules) for o in found)
        elif need == "@place":
            ok = any(human(o, rules) or o.ent_type_ in ACTOR_LABELS + ("LOC", "FAC") for o in found)
        elif need == "@aid":
            ok = bool(lemmas & words(rules)["aid"])
        elif need == "@agent":  # also the doer of "decided to allow", "opened the bridge to allow"
            subject = agent_subject(tok)
            if subject is not None and subject.lower_ in ("who", "that", "which") and subject.head.dep_ == "relcl":
                subject = subject.head.head
            ok = subject is not None and is_actor(subject, rules)
        elif need == "@together":
            subject = agent_subject(tok)
            ok = (
                subject is not None
                and not any(o.dep_ != "pobj" for o in found)
                and is_actor(subject, rules)
                and (subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children))
            )
        else:
            ok = need in lemmas
        if ok:
            return True
    return False
