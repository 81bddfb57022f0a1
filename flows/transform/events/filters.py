"""When a trigger word is not an act at all: the uses of event words that name no happening (a poll's "52 percent
support", "at a rally", "foul talk"); what a trigger's objects must be is requirements.py's."""

from __future__ import annotations

from spacy.tokens import Token

from nightdesk.transform.events.requirements import infinitive, is_actor
from nightdesk.transform.events.triggers import trigger_of
from nightdesk.transform.events.vocabulary import words
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.syntax import ACTOR_LABELS, agent_of

_HABITUAL = {"ongoing", "repeated", "frequent", "regular", "periodic", "occasional", "routine", "constant"}
_SOME = {"some", "many", "most", "several", "others", "few", "all"}
_REFLEXIVE = {"himself", "herself", "themselves", "itself", "myself", "yourself", "ourselves"}
_HABITUAL_ADVERBS = {"often", "constantly", "frequently", "usually", "typically", "always", "sometimes", "generally"}
_STATEMENTS = {"ACCUSE", "SUPPORT", "REQUEST", "REJECT"}


def names_no_act(tok: Token, kind: str, rules: RuleSet) -> bool:
    """names_no_act_here for the trigger, or for the verb it is coordinated with ("to sue and to be sued")."""
    parallel = tok.dep_ == "conj" and infinitive(tok)
    return _no_act_here(tok, kind, rules) or (parallel and _no_act_here(tok.head, kind, rules))


def _no_act_here(tok: Token, kind: str, rules: RuleSet) -> bool:
    """Uses of an event word that report no happening:
    - a poll or a count as the subject ("1 percent support Jill Stein", "52 percent agreed", "38 percent support");
    - what a kind of people do, in the present ("companies complain bitterly that taxes are too high");
    - an infinitive that only describes a thing or a quality ("difficult for families to sue"), or what something
      was made for ("created to fight ISIS");
    - a pattern rather than a happening ("ongoing attacks", "have often been criticized"), a statement by nobody
      about some ("some are blamed"), meetings in general, a danger that is nobody's threat ("a threat to health");
    - a way of doing something ("ways: by filing a lawsuit"; a condition is event_scope.hypothetical's);
    - a protest word as the setting of something else ("said during a rally"), a "demonstration of" a product, a
      rally against nothing (a campaign's);
    - half of a hyphenated modifier ("veto-wielding members");
    - fighting a cause ("a plan to fight climate change") and acts for a game (role `sport`);
    - a singular "talk" that is not talk on or with anything ("foul talk"; "talk on limiting missiles" is);
    - a policy, a law or a decision as the doer ("the policy appears to be helping Republicans");
    - a verb whose particle makes another verb (seeds/event_words.csv role `other_verb`: "lines backed up",
      "seek out information");
    - an act set in an era (role `era`: "whose fighters fought with US forces during the US-led invasion", "jailed
      under the old regime"): background to the story, with no day the story could give it."""
    if not tok.whitespace_ and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in ("-", "‐", "–"):
        return True  # "veto-wielding members": half of a modifier
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    agent = agent_of(tok)
    if any(
        who is not None and (who.ent_type_ == "PERCENT" or who.lemma_.lower() in ("percent", "%"))
        for who in (subject, agent)
    ):
        return True  # "supported by 42 percent" (a crowd is no poll: "thousands of Kurds demonstrated")
    if tok.pos_ == "NOUN" and any(c.ent_type_ == "PERCENT" or c.lemma_.lower() == "percent" for c in tok.children):
        return True  # "Trump received 38 percent support"
    if (
        kind in _STATEMENTS
        and tok.tag_ == "VBP"
        and subject is not None
        and subject.tag_ == "NNS"
        and not any(c.dep_ in ("det", "poss", "nummod") for c in subject.children)
    ):
        return True  # "Companies and individuals complain bitterly that taxes are too high": what such people do
    role = words(rules)
    doer = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if doer is None and tok.dep_ == "xcomp":  # "the policy appears to be helping Republicans"
        doer = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if doer is None and tok.dep_ == "acl" and tok.tag_ == "VBG":  # "a policy urging employees to report"
        doer = tok.head
    if doer is not None and doer.lower_ in ("that", "which") and tok.dep_ == "relcl":
        doer = tok.head  # "a comment that described them as ...": the comment
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS for c in tok.children):
        return True  # "they have often been criticized": what tends to happen, not a report
    if kind == "THREATEN" and tok.pos_ == "NOUN" and not _has_owner(tok):
        return True  # "citing a threat to public health": a danger, nobody's threat
    if tok.lower_ == "meetings" and not any(c.dep_ in ("det", "poss") for c in tok.children):
        return True  # "present at meetings": meetings in general
    if tok.dep_ == "pcomp" and tok.head.lower_ == "against":
        return True  # "decided against recommending charges"
    if kind == "ASSAULT" and any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVE for c in tok.children):
        return True  # "shot himself": no one else acted on
    if kind == "ASSAULT" and tok.lemma_.lower() in ("fight", "battle", "combat", "tackle"):
        fought = [c for c in tok.children if c.dep_ == "dobj"]
        named = [t for o in fought for t in o.subtree if t.ent_type_ in ACTOR_LABELS + ("LOC", "FAC")]
        if fought and not named and not any(is_actor(o, rules) for o in fought):
            return True  # "a plan to fight climate change": a cause, not a fight with anyone
    if any(
        c.dep_ == "prep" and g.dep_ == "pobj" and g.lemma_.lower() in role["sport"]
        for c in tok.children
        for g in c.children
    ):
        return True  # "set to host the Minnesota Vikings for a football game": sport
    # "defense cooperation may be among the least divisive projects", "trade agreements", "financial aid"
    if kind in ("COOPERATE", "AGREE", "CONSULT", "AID") and tok.pos_ == "NOUN" and not _bounded(tok):
        return True
    if (
        kind == "REQUEST"
        and tok.pos_ == "NOUN"
        and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() == "comment" for g in c.children)
            for c in tok.children
        )
    ):
        return True  # "did not respond to requests for comment": the reporter's, not news
    if tok.lemma_.lower() == "decline" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() == "comment" for c in tok.children
    ):
        return True  # "declined to comment": the reporter's courtesy, not a refusal of anything
    if subject is not None and any(c.dep_ in ("preconj", "det") and c.lower_ == "neither" for c in subject.children):
        return True  # "Neither Clinton nor her allies have been charged"
    if (
        kind == "REQUEST"
        and tok.tag_ == "VBN"
        and tok.dep_ == "advcl"
        and not any(c.dep_ == "agent" for c in tok.children)
    ):
        return True  # "Asked to describe the device, O'Neill said": a reporter's question
    if tok.lemma_.lower() in ("agree", "accept") and any(
        c.dep_ == "ccomp" and not _acts(c, rules) for c in tok.children
    ):
        return True  # "all agreed that the plan would raise taxes": an opinion shared, not an agreement to act
    if tok.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return True  # "dropped carried interest as promised"
    if doer is not None and doer.lemma_.lower() in role["idea"] - role["speech_agent"]:
        return True
    # "seized on Trump's claim" parses "on" as a preposition: a verb with it is another verb all the same
    phrasal = {f"{tok.lemma_.lower()} {c.lemma_.lower()}" for c in tok.children if c.dep_ in ("prt", "prep")}
    if phrasal & role["other_verb"]:
        return True
    to = infinitive(tok)
    if (
        to
        and tok.head.i != tok.i
        and tok.head.pos_ in ("ADJ", "NOUN", "PROPN")
        and tok.dep_ in ("xcomp", "acl", "advcl")
    ):
        return True
    if to and tok.dep_ == "advcl" and any(c.dep_ == "auxpass" for c in tok.head.children):
        return True  # "many were created to fight ISIS": what they were made for, not a fight reported
    in_era = tok.dep_ == "pobj" and tok.head.lower_ in ("during", "under") and tok.lemma_.lower() in role["era"]
    if in_era or any(
        c.dep_ == "prep" and c.lower_ in ("during", "under") and g.dep_ == "pobj" and g.lemma_.lower() in role["era"]
        for c in tok.children
        for g in c.children
    ):
        return True  # the era itself too: "during the US-led invasion" dates the act, it is not reported here
    if any(c.dep_ == "amod" and c.lemma_.lower() in _HABITUAL for c in tok.children):
        return True  # "ongoing attacks on US interests": a pattern, not one happening
    passive_subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if (
        kind in _STATEMENTS
        and passive_subject is not None
        and passive_subject.lower_ in _SOME
        and not any(c.dep_ == "agent" for c in tok.children)
    ):
        return True  # "some are blamed for ...": by nobody, of nobody in particular
    if _means(tok):
        return True
    if kind == "PROTEST" and tok.pos_ in ("NOUN", "PROPN"):
        setting = tok.dep_ == "pobj" and tok.head.lower_ in ("at", "during")
        causes = (
            ("against", "over", "outside") if tok.lemma_.lower() == "rally" else ("against", "for", "over", "outside")
        )
        cause = any(c.dep_ == "prep" and c.lower_ in causes for c in tok.children)
        if tok.lemma_.lower() == "rally" and not cause:
            return True  # "has held rallies before largely black crowds": a campaign's rally, not a protest
        if (setting and not cause) or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return True
    talk = tok.lemma_.lower() == "talk" and tok.pos_ == "NOUN" and tok.tag_ != "NNS"
    return talk and not any(c.dep_ == "prep" and c.lower_ in ("on", "with", "between", "about") for c in tok.children)


def _bounded(tok: Token) -> bool:
    """Is a cooperative noun one happening: something someone did ("launched a mediation effort"), or with a
    determiner, a possessor, a named party or its parties?"""
    phrase = tok.head if tok.dep_ == "compound" else tok  # "a mediation effort between X and Y"
    node = phrase
    for _ in range(4):  # "launched 10 days of war games": what someone did
        if node.dep_ in ("dobj", "nsubjpass"):
            return True
        if node.dep_ not in ("pobj", "prep", "compound") or node.head.i == node.i:
            break
        node = node.head
    parties = ("with", "between", "among", "on", "to")
    children = [*tok.children, *phrase.children]
    if any(c.dep_ in ("det", "predet", "amod") and c.lower_ == "such" for c in children):
        return False  # "such agreements sometimes include": a kind, not one
    return _specified(children, ("det", "poss"), parties)


def _has_owner(tok: Token) -> bool:
    """Whose is it: a possessor ("Iran's threat"), a named modifier ("the Iranian threat"), a "from"/"by" phrase."""
    return _specified(list(tok.children), ("poss",), ("from", "by"))


def _specified(children: list[Token], deps: tuple[str, ...], preps: tuple[str, ...]) -> bool:
    """Does a noun's phrase name whose or between whom: one of `deps`, a named modifier, or one of `preps`?"""
    return any(
        c.dep_ in deps or (c.dep_ in ("compound", "amod") and c.ent_type_) or (c.dep_ == "prep" and c.lower_ in preps)
        for c in children
    )


def _acts(verb: Token, rules: RuleSet) -> bool:
    """Is the verb an act the rules know ("agreed that their countries should cooperate")?"""
    return trigger_of(verb, rules) is not None


def _means(tok: Token) -> bool:
    """ "three ways to enforce a subpoena: by filing a lawsuit, by asking prosecutors": a way, not an act. The
    "by" phrase hangs, through other ways and infinitives, from a noun rather than from a verb that was done."""
    node = tok.head if tok.dep_ == "dobj" else tok
    if not (node.dep_ == "pcomp" and node.head.lower_ == "by"):
        return False
    node = node.head.head
    for _ in range(6):
        if node.pos_ in ("NOUN", "PROPN"):
            return True
        if node.tag_ in ("VBD", "VBZ", "VBP") or node.head.i == node.i:
            return False
        node = node.head
    return False


def verbal_attack(tok: Token, rules: RuleSet) -> bool:
    """ "Freedom Magazine, which attacked high-ranking defectors", "attacked the plan", "attacked Clinton for her
    support of the war", "Mr. Trump has attacked loopholes": words, not force."""
    if tok.lemma_.lower() not in ("attack", "assault"):
        return False
    reason = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children]
    if any(g.ent_type_ not in ("DATE", "TIME") for g in reason):
        return True
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("which", "that", "who") and tok.dep_ == "relcl":
        subject = tok.head
    speech = words(rules)["speech_agent"]
    if subject is not None and subject.lemma_.lower() in speech:
        return True
    direct = [c for c in tok.children if c.dep_ == "dobj"]
    if subject is not None and subject.ent_type_ == "PERSON" and direct and not any(is_actor(o, rules) for o in direct):
        return True  # "Mr. Trump has attacked loopholes": one person against a thing that is not a place or group
    return any(o.lemma_.lower() in words(rules)["idea"] for o in direct)
