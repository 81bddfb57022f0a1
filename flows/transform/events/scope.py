"""What the text reports of an act, read from the parse's scope rather than word distance: negated ("did not
attack", "not as an assassination attempt"), only possible ("can gain ... as a prime minister who survived an
assassination attempt"), or ahead of the report ("will meet", "plans to visit").
"""

from __future__ import annotations

from spacy.tokens import Token

from nightdesk.transform.events.vocabulary import words
from nightdesk.transform.rules import RuleSet

MODALS = {"could", "might", "may", "should", "shall", "can", "must"}
FUTURE = {"will", "would", "'ll", "’ll", "wo"}


def _has_negation(node: Token) -> bool:
    # "not", "never"; "no attack"; "not necessarily to kill" (the negation of an adverb of the act)
    return any(
        c.dep_ == "neg"
        or (c.dep_ == "det" and c.lower_ in ("no", "any"))  # "any attack" reports none
        or (c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children))
        for c in node.children
    )


# Links a word keeps to the clause that may make it hypothetical: inside its phrase, a relative clause, an object,
# a coordinated or complement verb ("could include indicting the hackers and imposing sanctions").
_EMBEDDING = {
    "compound",
    "pobj",
    "prep",
    "dobj",
    "relcl",
    "acl",
    "amod",
    "attr",
    "oprd",
    "pcomp",
    "appos",
    "conj",
    "xcomp",
}


def hypothetical(tok: Token) -> bool:
    """Is the trigger only part of what a modal clause says could be ("can gain ... as a prime minister who survived
    an assassination attempt"), of a condition ("even if it kills us"), or of a yes/no question? The walk up the
    parse stops at a subject ("the attack could have been prevented": the attack happened) and at a clause of its
    own (a reported or main clause)."""
    node = tok
    while node.dep_ in _EMBEDDING and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
            return True
    return _conditional(tok) or _asked(node)


def _asked(verb: Token) -> bool:
    """Is the clause a yes/no question ("But has he called for changing any of them?"): an auxiliary before its
    subject in a sentence that ends with a question mark? (A wh-question, "who attacked the embassy?", still
    reports the attack.)"""
    last = next((t for t in reversed(verb.sent) if not t.is_space and t.text not in ('"', "”", "’", "'")), None)
    if last is None or last.text != "?":
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in verb.children)


def _conditional(tok: Token) -> bool:
    node = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp", "ccomp", "advcl", "dobj", "pobj", "prep") or node.head.i == node.i:
            return False
        if node.dep_ == "advcl":
            return False  # the condition is on this clause's own head, checked above
        node = node.head
    return False


def negated_in_scope(tok: Token) -> bool:
    """Is the trigger inside the scope of a negation in the parse: on itself, on the phrase it is part of ("not as
    an assassination attempt"), or on the verb whose object it is ("did not launch an attack")? A negated verb
    whose subject the trigger is ("the attack did not kill anyone") or a noun it only modifies ("did not claim
    responsibility for the attack") leaves it an event."""
    node = tok
    while True:
        if _has_negation(node):
            return True
        if (
            node.pos_ in ("VERB", "AUX")
            or node.head.i == node.i
            or node.dep_ in ("nsubj", "csubj", "npadvmod", "appos")
        ):
            return False
        head = node.head
        if head.pos_ in ("VERB", "AUX"):
            return node.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and _has_negation(head)
        if node.dep_ == "prep" and head.pos_ in ("NOUN", "PROPN"):
            return False
        node = head


def is_future(tok: Token, rules: RuleSet) -> bool:
    """Is the act ahead of the report: a future auxiliary ("will meet"), or the complement of a plan, an intention or
    a schedule ("plans to visit", "is scheduled to testify", "is going to attack"; seeds/event_words.csv)?"""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE - {"would"} for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ != "xcomp" or head.i == tok.i:
        return False
    role = words(rules)
    return head.lemma_.lower() in role["intent"] | role["future"] or any(
        c.dep_ == "aux" and c.lower_ in FUTURE - {"would"} for c in head.children
    )
