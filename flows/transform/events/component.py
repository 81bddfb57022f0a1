"""PLOVER events from the parse: who did what to whom, where and when.

Triggers are verbs and event nouns listed by lemma in seeds/event_triggers.csv, each with its PLOVER type, a mode
where the word says it, and an optional context (lemmas one of which must stand near the trigger, so "strike"
is ASSAULT beside "drone" and PROTEST beside "workers"). Negated triggers are no event; a trigger that is only the
content of a threat, plan, demand or refusal ("threatened to attack") belongs to that event instead; a modal
future ("will attack") is not yet an event. Casualty verbs ("were injured in the demonstration") give their counts
to the event they belong to and make an event of their own only when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from nightdesk.transform import rules as rule_files
from nightdesk.transform.events.casualties import VIOLENT, host_event
from nightdesk.transform.events.coref import (
    clause_event,
    conjoined_event,
    demonstrative,
    headline_passive,
    repeated,
)
from nightdesk.transform.events.dates import date_text, inherit_dates
from nightdesk.transform.events.details import COUNT_LEMMAS, casualty_counts, event_place, tally
from nightdesk.transform.events.filters import names_no_act, verbal_attack
from nightdesk.transform.events.naming import evaluation, names_something
from nightdesk.transform.events.requirements import is_actor
from nightdesk.transform.events.scope import FUTURE, MODALS, hypothetical, is_future, negated_in_scope
from nightdesk.transform.events.triggers import event_mode, trigger_of, word_class
from nightdesk.transform.events.vocabulary import Trigger, instruments, words
from nightdesk.transform.quotes.component import cue_frames
from nightdesk.transform.rules import RuleSet
from nightdesk.transform.text.doccache import cached, sents
from nightdesk.transform.text.participants import in_dateline, participant_span
from nightdesk.transform.text.syntax import (
    ACTOR_LABELS,
    Phrase,
    agent_of,
    agent_subject,
    governing_verb,
    marked_at,
    marked_spans,
)

_COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
_TARGET_PREPS = {"on", "against", "at", "with", "to", "upon"}
_PROMISES = {"promise", "pledge", "vow", "swear", "offer", "threaten"}
_WHEN_WHERE = {"at", "during", "after", "before", "since", "in"}  # prepositions that place an act, not its content


@dataclass
class Event:
    event_type: str
    mode: str | None
    trigger: str
    start_char: int
    end_char: int
    actor: Phrase | None = None
    target: Phrase | None = None
    location: Phrase | None = None  # ref: the place's own entity mention
    date_text: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    status: str = "occurred"  # what was reported of the act: occurred, planned, threatened, demanded, denied
    # Every place the text reports this happening: (start_char, end_char, trigger), its own trigger first.
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    definite: bool = False  # a definite reference to an event of its type reported before ("the attack")
    future: bool = False  # a future or planned clause ("will meet on Thursday"): its dates lie ahead
    date_from_context: bool = False  # date_text carried from the sentence before
    lemma: str = ""  # the trigger's lemma ("denied" and "denying" report with one word)

    def __post_init__(self):
        if not self.mentions:
            self.mentions.append((self.start_char, self.end_char, self.trigger))


def _event_type(tok: Token, rule: Trigger, rules: RuleSet) -> tuple[str, str] | None:
    """The PLOVER type the trigger reports here and what was reported of its act (status), or None when it
    reports no event.

    PLOVER codes what actors do and say they will do: a negated or failed cooperative act is a REJECT (its act
    "denied"); an announced intention ("will withdraw", "plans to meet", "promised a veto") is AGREE when
    cooperative ("planned") and THREATEN when hostile ("threatened"), as PLOVER codes intentions; an act that is
    only demanded or threatened belongs to the demand or threat; a negated hostile act, or one that only could
    happen, is no event.
    """
    kind = rule.event_type
    node = tok  # a trigger coordinated with another is governed as that one is ("refused to meet or negotiate")
    while node.dep_ == "conj" and node.head.i != node.i and not any(c.dep_ == "nsubj" for c in node.children):
        node = node.head
    head = node.head.lemma_.lower() if node.head.i != node.i else ""
    governed = node.dep_ in ("xcomp", "ccomp", "pcomp", "acl", "advcl") or (
        # "agreed on a meeting" plans one; "agreed at their meeting" held it
        node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ not in _WHEN_WHERE
    )
    if governed and node.dep_ in ("pobj", "pcomp"):
        head = node.head.head.lemma_.lower()  # "at risk of being hacked": the risk governs
    negated = negated_in_scope(tok) or (governed and any(c.dep_ == "neg" for c in node.head.children))
    if hypothetical(tok):
        return None  # "you can gain sympathy as a prime minister who survived an assassination attempt"
    role = words(rules)
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if governed and head in role["failure"]:
        return ("REJECT", "denied") if kind in _COOPERATIVE else None  # "refused to negotiate"
    if negated:  # "we will not accept" refuses; "did not meet the threshold" only did not happen
        return ("REJECT", "denied") if kind in _COOPERATIVE and auxes & (MODALS | FUTURE) else None
    if governed and head in role["request"] | {"threaten", "threat"}:
        return None  # "urged X to withdraw", "threatened to attack": the request or threat is the event
    if tok.lemma_.lower() in _PROMISES and any(c.dep_ == "dobj" and trigger_of(c, rules) for c in tok.children):
        return None  # "promised a veto": the veto, announced, is the event
    reported = tok.dep_ == "ccomp" and tok.head.lemma_.lower() in cue_frames(rules)
    if "would" in auxes and not reported:
        return None  # "legislation that would allow families to sue": a condition, not a plan
    intended = (governed and head in role["intent"]) or (tok.dep_ == "dobj" and head in _PROMISES)
    if not intended and (governed or _object_of_plan(tok, role)) and head in role["governs"]:
        return None  # "hoping that states will allow", "simulated an attack": only the content of a wish or a plan
    if intended or auxes & FUTURE:
        return ("AGREE", "planned") if kind in _COOPERATIVE else ("THREATEN", "threatened")
    if auxes & MODALS:
        return None  # "could attack", "may sanction": possible, not done
    return kind, "occurred"


def _object_of_plan(tok: Token, role) -> bool:
    # "denied the attack" still reports the attack, "ordered patrols" the patrols (PLOVER: MOBILIZE), "agreed a
    # ceasefire" is the agreement itself
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() not in role["request"] | {"deny", "agree", "call"}


def _prep_object(tok: Token, preps: set[str]) -> Token | None:
    """The object of the first of the token's prepositions in `preps` ("an attack on the base" → base)."""
    return next(
        (g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"),
        None,
    )


def _participants(doc: Doc, tok: Token, marked, rules: RuleSet, kind: str | None = None) -> tuple:
    actor = target = None
    if word_class(tok) == "VERB":
        subj = agent_subject(tok)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or headline_passive(doc, tok, kind)
        agent = agent_of(tok)
        if passive:
            actor = agent
            target = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        elif tok.dep_ == "acl" and tok.tag_ == "VBN":
            actor, target = agent, tok.head  # "Fuentes, arrested on Wednesday", "protesters detained by police"
        else:
            actor = subj
            target = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
            if target is None and subj is not None and subj.head.i == tok.i:  # "Putin and Modi met": each other
                target = next((c for c in subj.children if c.dep_ == "conj"), None)
            if target is not None and (tok.lemma_.lower() == "use" or target.lemma_.lower() in instruments(rules)):
                target = None  # "fired rockets at", "used tear gas against": the object is the means, not the target
        if target is None:
            target = _prep_object(tok, _TARGET_PREPS)
    else:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        undergone = tok.lemma_.lower() in words(rules)["undergone"]  # "Kennedy's assassination": the victim's
        actor = None if undergone else owner
        actor = actor or next(
            (c for c in tok.children if c.dep_ in ("compound", "amod") and c.ent_type_ in ACTOR_LABELS), None
        )
        actor = actor or _prep_object(tok, {"by"})
        on = _prep_object(tok, _TARGET_PREPS)
        if on is not None:
            target = next((c for c in on.children if c.dep_ == "poss"), None) or on  # "a strike on his home": him
        if undergone and target is None:
            target = owner or _prep_object(tok, {"of"})  # "the detention of Ricardo Fuentes"
        verb = governing_verb(tok)
        if verb is not None and verb.lemma_.lower() in words(rules)["target_verb"]:
            target = agent_subject(verb) or target
        elif verb is not None and verb.lemma_.lower() in words(rules)["actor_verb"]:
            actor = actor or agent_subject(verb)
            # "imposed sanctions on Iran", "provide aid to Bangladesh", "held talks with Yoon"
            target = target or _prep_object(verb, _TARGET_PREPS - {"at"})
    usable = lambda t: (  # noqa: E731
        t is not None
        and t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
        and t.pos_ not in ("VERB", "AUX", "NUM")  # a clause or a quantity is no actor ("What we have seen")
        and t.lower_ not in ("what", "whatever", "it", "this")
        and not in_dateline(doc, t)
    )
    return (
        participant_span(doc, actor, marked, rules) if usable(actor) else None,
        participant_span(doc, target, marked, rules) if usable(target) else None,
    )


def _event_at(doc: Doc, tok: Token, kind: str, mode: str | None, marked, rules: RuleSet) -> Event:
    """The event a trigger token makes, with its participants, place and date."""
    actor, target = _participants(doc, tok, marked, rules, kind)
    return Event(
        kind,
        mode,
        tok.text,
        tok.idx,
        tok.idx + len(tok),
        actor,
        target,
        event_place(doc, tok, actor, target),
        date_text(doc, tok),
        future=is_future(tok, rules),
        lemma=tok.lemma_.lower(),
    )


def extract_events(doc: Doc, rules: RuleSet) -> list[Event]:
    role = words(rules)
    marked = marked_spans(doc)
    events: list[Event] = []
    by_token: dict[int, Event] = {}
    pending_counts: list[tuple[Token, str, int]] = []
    for sent in sents(doc):
        counts = {pos: (kind, n) for kind, n, pos in casualty_counts(sent)}
        for tok in sent:
            rule = trigger_of(tok, rules)
            naming = tok.pos_ == "VERB" and tok.lemma_.lower() in role["naming"]
            if naming and (rule is None or names_something(tok)):
                judged = evaluation(tok, rules)  # "called the decision a huge win", "was called a charlatan"
                rule = Trigger(judged, None, frozenset()) if judged else None
            coded = _event_type(tok, rule, rules) if rule is not None else None
            if coded is None:
                continue
            kind, status = coded
            if tok.ent_type_ in ("ORG", "LAW", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT") and tok.pos_ == "PROPN":
                continue  # "the North American Free Trade Agreement" names a treaty, it reports no agreement
            if names_no_act(tok, kind, rules):
                continue  # "52 percent support", "said during a rally", "even if it kills us"
            if kind == "ASSAULT" and verbal_attack(tok, rules):
                kind, rule = "ACCUSE", Trigger("ACCUSE", None, frozenset())
            if (
                tok.dep_ == "amod"
                or (tok.dep_ == "conj" and tok.head.dep_ in ("amod", "compound"))  # "coal- and gas-fired plants"
                # "militias backed by Iran" describe a group; "Fuentes, arrested on Wednesday" tells a happening
                or (tok.dep_ == "acl" and tok.tag_ == "VBN" and word_class(tok) == "VERB" and kind not in VIOLENT)
                or (tok.dep_ == "compound" and tok.head.lemma_.lower() not in role["event_head"])
                or marked_at(tok.idx, marked) is not None
            ):
                continue  # "Iran-backed militias" describe a group; quoted words are the speaker's, not the reporter's
            if tok.lemma_.lower() in role["casualty"]:
                continue  # decided below, once the sentence's other events are known
            governing = by_token.get(tok.head.i) if tok.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "dobj") else None
            if tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                governing = conjoined_event(tok, kind, by_token)  # "called the attacks ... and blamed agencies"
            if governing is None and word_class(tok) == "NOUN":
                governing = clause_event(tok, kind, by_token)
            if governing is not None and governing.event_type == kind:
                governing.mentions.append((tok.idx, tok.idx + len(tok), tok.text))
                continue  # "refused to negotiate", "met with him during his visit": one event, both words
            if word_class(tok) == "NOUN" and demonstrative(tok) and repeated(tok, rule, events) is None:
                continue  # "these attacks and threats", "that request" with nothing before them: not a report
            ev = _event_at(
                doc, tok, kind, event_mode(rule, tok, rules) if kind == rule.event_type else None, marked, rules
            )
            ev.status = status
            # "the attack" after an attack was reported: the same happening again, or an earlier one (which one is
            # decided with the dates resolved: transform/event_coref.py)
            ev.definite = word_class(tok) == "NOUN" and repeated(tok, rule, events) is not None
            if tok.lemma_.lower() in COUNT_LEMMAS and tok.idx in counts:
                counted, n = counts.pop(tok.idx)
                ev.counts[counted] = n
            if governing is not None and governing.lemma in words(rules)["intent"] and status != "occurred":
                events.remove(governing)  # "pledged to ban": one announced ban, reported by both words
                ev.mentions.extend(governing.mentions)
            events.append(ev)
            by_token[tok.i] = ev
        for tok in sent:
            demand = _reported_demand(doc, tok, marked, rules) if tok.i not in by_token else None
            if demand is not None:
                events.append(demand)
                by_token[tok.i] = demand
        for tok in sent:
            if tok.idx in counts or (tok.lemma_.lower() in role["casualty"] and word_class(tok) == "VERB"):
                pending_counts.append((tok, *counts.get(tok.idx, (None, 0))))
    for tok, kind, n in pending_counts:
        if tally(tok):
            continue  # "2,500 civilians have been killed this year": a statistic, no happening and no count
        host = host_event(doc, tok, events, by_token, rules, kind)
        if host is None:
            rule = trigger_of(tok, rules)
            if (
                rule is None
                or _event_type(tok, rule, rules) != ("ASSAULT", "occurred")
                or names_no_act(tok, "ASSAULT", rules)
            ):
                continue
            host = _event_at(doc, tok, "ASSAULT", event_mode(rule, tok, rules), marked, rules)
            events.append(host)
        if kind:
            host.counts[kind] = max(host.counts.get(kind, 0), n)
    events.sort(key=lambda e: e.start_char)
    inherit_dates(doc, events)
    return events


def _reported_demand(doc: Doc, tok: Token, marked, rules: RuleSet) -> Event | None:
    """ "Russia said Sudan must return the helicopter": a reported obligation is the speaker's demand (REQUEST)."""
    if (
        tok.pos_ != "VERB"
        or tok.dep_ != "ccomp"
        or not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children)
    ):
        return None
    speech = tok.head
    if speech.lemma_.lower() not in cue_frames(rules) or marked_at(tok.idx, marked) is not None:
        return None
    speaker = agent_subject(speech)
    if speaker is None:
        return None  # "postings that included one saying that Obama should be hanged": nobody asks
    obliged = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if obliged is None or not is_actor(obliged, rules):
        return None  # "said that discussion should wait", "rules should be modernized": an opinion, asked of no one
    return Event(
        "REQUEST",
        None,
        tok.text,
        tok.idx,
        tok.idx + len(tok),
        (asker := participant_span(doc, speaker, marked, rules)),
        (asked := participant_span(doc, obliged, marked, rules)),
        event_place(doc, tok, asker, asked),
        date_text(doc, speech),
        status="demanded",
        mentions=[(tok.idx, tok.idx + len(tok), tok.text), (speech.idx, speech.idx + len(speech), speech.text)],
    )


if not Doc.has_extension("nd_events"):
    Doc.set_extension("nd_events", default=None)


class Events:
    """Sets doc._.nd_events: PLOVER events with participants, place, date text and casualty counts."""

    def __init__(self, rules: RuleSet):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        with cached(doc):
            doc._.nd_events = extract_events(doc, self.rules)
        return doc


@Language.factory("nightdesk_events", default_config={"seeds_dir": None})
def make_events(nlp: Language, name: str, seeds_dir):
    """`seeds_dir`: the rule files, event triggers and modes among them (None: the packaged seeds/)."""
    return Events(rule_files.for_folder(seeds_dir))
