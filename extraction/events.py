"""Movement events read from the dependency parse of one sentence.

For each group of troops a sentence names (an *anchor*: ``about 1,700 soldiers``, ``the 2nd Cavalry
Regiment``, a bare ``800`` standing for troops), :func:`read_event` finds

- the *predicate* that moves them: the movement verb or noun that governs the anchor (``sent``,
  ``deployment of``, ``will go``), found by climbing the tree from the anchor, through a control verb
  to its complement (``ordered forces to return``), or down to a participle or relative clause that
  describes the anchor (``troops stationed along the border``);
- the kind, from the predicate's lemma and particles (``pull out``, ``build up``, ``call up``);
- the roles of the places in the sentence, from the word that governs each one: the preposition
  (``to``, ``into``, ``from``, ``out of``, ``in`` after ``deploy``), the object of ``leave`` or
  ``enter``, the subject of ``receive``, a ``X-based`` modifier;
- negation and modality scoped to the predicate's own clause and the verbs that control it:
  ``not``, ``no troops``, ``ruled out``, ``refused to``, ``rather than``, ``instead of``, ``no
  plans to``; hedges from modals and verbs of planning; a question (``unclear whether``) is no claim.

All word lists are in :mod:`extraction.lexicon`; nothing here names a place or an article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Doc, Token

from extraction import lexicon as lx
from extraction.model import Kind
from extraction.parser import lemma

# How far the predicate search climbs from the anchor's head before it gives up.
MAX_CLIMB: Final = 10
# How many control verbs deep a complement may sit below the verb the anchor hangs on.
MAX_COMPLEMENT_DEPTH: Final = 3

_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_OBJECTS: Final = frozenset({"dobj", "nsubjpass", "pobj", "dative", "attr", "oprd"})
_CLAUSE_LINKS: Final = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl", "prep", "pobj",
                                  "dobj", "ROOT"})
_NOMINAL_LINKS: Final = frozenset({"conj", "appos", "compound", "poss", "nmod", "amod", "nummod", "npadvmod",
                                   "quantmod", "advmod"})


@dataclass(frozen=True)
class Event:
    """What the parse says about one anchor: the movement, its places (mention indices), negation, hedge."""

    kind: Kind
    predicate: int
    negated: bool = False
    hedged: bool = False
    origins: tuple[int, ...] = ()
    destinations: tuple[int, ...] = ()
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Span:
    """A token range ``[start, end)`` in the parsed sentence (sentence-relative)."""

    start: int
    end: int


def head_of(doc: Doc, span: Span) -> Token:
    """The token of ``span`` whose head lies outside it: a noun or number before any other word, else the last."""
    outside = [doc[i] for i in range(span.start, span.end)
               if not (span.start <= doc[i].head.i < span.end) or doc[i].head.i == i]
    nominal = [t for t in outside if t.tag_.startswith(("N", "CD", "PRP"))]
    if nominal:
        return nominal[-1]
    if len(outside) == 1 and outside[0].tag_ == "IN":
        inside = [t for t in doc[span.start:span.end] if t.head.i == outside[0].i and t.tag_.startswith(("N", "CD"))]
        if inside:
            return inside[-1]  # "of the troops": the noun, not the preposition
    return outside[-1] if outside else doc[span.end - 1]


def _particles(tok: Token) -> set[str]:
    """The particles of a verb; "out" of "pulled them out of X" counts though the parser calls it a preposition."""
    return {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "npadvmod") or (
        c.dep_ == "prep" and c.lower_ == "out" and any(g.lower_ == "of" for g in c.children))}


def _has_alert_word(tok: Token) -> bool:
    """``put on high alert``, ``placed on standby``, ``ordered to prepare to deploy``."""
    for c in tok.children:
        if c.dep_ in ("prep", "dobj", "attr", "acomp", "oprd", "xcomp", "advmod"):
            for t in c.subtree:
                word = t.lower_ if t.lower_ in lx.ALERT_WORDS else lemma(t)
                if word in lx.ALERT_WORDS and (word not in lx.READY_WORDS or any(
                        lx.MOVE_LEMMAS.get(lemma(g)) in ("deploy", "relocate") or g.lower_ == "by"
                        for g in t.subtree if g.i != t.i)):
                    return True  # "ready to deploy", "stand by"; not "ready to assume the mission"
    return False


def kind_of(tok: Token, anchor_link: str) -> Kind | None:
    """The kind of movement ``tok`` names, or None when it is not a movement predicate.

    ``anchor_link`` says how the anchor reached it (``subj``, ``obj``, ``acl``): some verbs move
    troops only when the troops are their object (``receive``, ``add``, ``host``).
    """
    lem = lemma(tok)
    parts = _particles(tok)
    if tok.tag_[:1] not in ("V", "N", "J"):
        return None
    if lem == "go" and any(c.dep_ == "xcomp" and c.tag_.startswith("V") for c in tok.children):
        return None  # "going to fight": a future tense, not a journey
    if lem == "be" and any(c.dep_ == "prep" and c.lower_ in ("on", "en") and any(
            g.lower_ in lx.UNDER_WAY for g in c.children) for c in tok.children):
        return Kind.DEPLOY  # "10,000 more are on the way"
    if lem == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in tok.children):
        return Kind.DEPLOY  # "would not take part in the attack": kept only when negated, as "fight"
    if lem in lx.PARTICLE_KINDS:
        for particle, kind in lx.PARTICLE_KINDS[lem].items():
            if particle in parts:
                return Kind(kind)
    if lem in lx.ALERT_CARRIERS and _has_alert_word(tok):
        return Kind.ALERT
    if _joins_formation(tok):
        return Kind.DEPLOY  # "another 1,300 are to make up most of a rotational force in Australia"
    named = lx.MOVE_LEMMAS.get(lem)
    if named is None and negated_only(tok):
        return Kind.DEPLOY  # kept by the caller only when negated: "will not fight in Ukraine"
    if named is None:
        return None
    kind = Kind(named)
    if parts & lx.HOMEWARD and kind in (Kind.DEPLOY, Kind.RELOCATE):
        return Kind.WITHDRAW  # "moved our soldiers out", "flown home"
    if lem in lx.OBJECT_ONLY_MOVES and anchor_link not in ("obj", "acl"):
        return None
    if tok.tag_.startswith("J") and lem not in lx.ADJECTIVE_MOVES:
        return None
    if _has_alert_word(tok) and kind == Kind.DEPLOY:
        return Kind.ALERT  # "ordered to be ready to deploy"
    return kind


def negated_only(pred: Token) -> bool:
    """A verb that is a movement only when ruled out: "will not fight in Ukraine", "would not take part"."""
    return lemma(pred) in lx.NEGATED_ONLY_LEMMAS or (
        lemma(pred) == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in pred.children))


def _link(child: Token) -> str:
    if child.dep_ in ("nsubjpass",) or child.dep_ in ("dobj", "pobj", "dative", "oprd"):
        return "obj"
    if child.dep_ in _SUBJECTS:
        return "subj"
    return "other"


def _complement_move(verb: Token, depth: int = 0) -> Token | None:
    """A movement verb in the complement of a control verb: ``ordered troops to return``."""
    if depth >= MAX_COMPLEMENT_DEPTH:
        return None
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp", "oprd"):
            if kind_of(c, "obj") is not None:
                return c
            deeper = _complement_move(c, depth + 1)
            if deeper is not None:
                return deeper
    return None


def find_predicate(anchor: Token) -> tuple[Token, str] | None:
    """The movement predicate governing ``anchor`` and how the anchor reaches it (``subj``/``obj``/``acl``)."""
    found = _find_predicate(anchor)
    if found is not None and found[0].tag_ == "VBG" and lemma(found[0]) in lx.ATTRIBUTIVE_PARTICIPLES and \
            0 < anchor.i - found[0].i <= 2 and found[0].dep_ in (
            "amod", "pcomp", "acl", "compound") and all(t.tag_.startswith(("J", "N")) for t in
                                                         anchor.doc[found[0].i + 1:anchor.i]):
        return None  # "invading Russian forces": the participle describes the troops, it is not said of them
    return found


def _find_predicate(anchor: Token) -> tuple[Token, str] | None:
    tok = anchor
    link = "self"
    for _ in range(MAX_CLIMB):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in lx.TOTAL_NOUNS:
            return None  # "bringing the total of U.S. personnel in Europe to 100,000": a tally, not a movement
        if tok.dep_ == "pobj" and _set_apart(head):
            return None  # "in addition to the 200 troops", "compared with 70,000 troops", "more than 500 troops"
        if tok.dep_ in _SUBJECTS or tok.dep_ in _OBJECTS or tok.dep_ in ("prep",):
            link = _link(tok) if tok.dep_ != "prep" else link
        is_verb = (head.tag_.startswith("V") or head.tag_ == "MD") and head.dep_ != "prep"  # "including" is a prep
        if is_verb and lemma(head) in lx.DIRECTING_LEMMAS:
            inner = _complement_move(head)
            if inner is not None:
                return inner, "obj"  # "ordered forces to return": the complement says which movement
        if kind_of(head, link if link != "self" else "other") is not None:
            return head, link
        if is_verb:
            inner = _complement_move(head)
            if inner is not None:
                return inner, "obj"
            if link == "subj":
                for c in head.children:
                    if c.dep_ == "dobj" and lemma(head) in lx.LIGHT_VERBS and kind_of(c, "obj") is not None:
                        return c, "obj"  # "will conduct a march to their base"
                then = shared_subject_move(head)
                if then is not None:
                    return then, "subj"  # "was stationed in Gaza, but withdrew": the same subject moves
            if lemma(head) in lx.COPULAR_LEMMAS:
                own = _own_clause(anchor)
                if own is not None:
                    return own, "acl"
                framed = _framed_by(head, tok)
                if framed is not None:
                    return framed
            if head.dep_ not in ("xcomp", "aux", "auxpass"):
                break
        tok = head
    own = _own_clause(anchor)
    return (own, "acl") if own is not None else None


def shared_subject_move(verb: Token) -> Token | None:
    """A movement verb coordinated with ``verb`` that shares its subject ("was based in X but withdrew")."""
    for c in verb.children:
        if c.dep_ == "conj" and c.tag_.startswith("V") and kind_of(c, "subj") is not None and not any(
                g.dep_ in _SUBJECTS for g in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ in lx.SEQUENCE_PREPS:
            for g in c.children:  # "will wind down exercises before returning to the US"
                if g.dep_ == "pcomp" and g.tag_ == "VBG" and kind_of(g, "subj") is not None:
                    return g
    return None


def _set_apart(prep: Token) -> bool:
    """A preposition that sets troops apart from the movement: "in addition to", "compared with", "besides"."""
    if prep.lower_ in lx.APART_PREPS:
        return True
    return prep.lower_ in ("to", "with") and lemma(prep.head) in lx.APART_HEADS


def _own_clause(anchor: Token) -> Token | None:
    """A participle or relative clause describing the troops: "troops stationed near the border"."""
    for c in anchor.children:
        if c.dep_ in ("acl", "relcl") and kind_of(c, "obj") is not None:
            return c
        if c.dep_ == "xcomp" and kind_of(c, "subj") is not None:
            return c  # "150 more to join them"
    return None


def _framed_by(verb: Token, anchor_side: Token) -> tuple[Token, str] | None:
    """Through a copula: "the deployment consists of 1,700 soldiers", "1,700 are members ... who will go"."""
    for c in verb.children:
        if c.i == anchor_side.i:
            continue
        if c.dep_ in _SUBJECTS and kind_of(c, "obj") is not None:
            return c, "obj"  # the subject is the movement, the anchor its content
        if c.dep_ in ("attr", "acomp"):
            for t in c.subtree:
                if t.dep_ in ("acl", "relcl") and kind_of(t, "subj") is not None:
                    return t, "acl"
    return None


def describing(anchor: Token, pred: Token) -> set[int]:
    """Tokens that describe the anchor itself (where it is, which unit), apart from the movement's own words.

    The anchor's subtree without the predicate's; through a copula, also what the anchor is said to be
    ("1,700 are members of the 82nd Airborne Division based in Fort Bragg").
    """
    # not the troops coordinated with these ("2,000 troops going to Poland and 1,000 cavalry from Germany")
    own = {t.i for t in anchor.subtree} - {t.i for c in anchor.children if c.dep_ == "conj" for t in c.subtree}
    pred_side = {t.i for t in pred.subtree} if pred.i in own else set()
    out = own - pred_side
    if anchor.dep_ in _SUBJECTS and lemma(anchor.head) in lx.COPULAR_LEMMAS:
        for c in anchor.head.children:
            if c.dep_ in ("attr", "acomp"):
                out.update(t.i for t in c.subtree if t.i not in pred_side)
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.tag_.startswith("N"):
        # "the first convoy of troops that were withdrawn from Niger": said of the group the troops make up
        group = anchor.head.head
        for c in group.children:
            if c.dep_ in ("acl", "relcl") and c.i != pred.i and pred.i not in {t.i for t in c.subtree}:
                out.add(c.i)
                out.update(t.i for t in c.subtree)
    out.discard(pred.i)
    return out


def _up_through_modifiers(tok: Token) -> Token:
    while tok.dep_ in ("advmod", "prt", "npadvmod", "acomp") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def attachment(place_head: Token, places: frozenset[int] = frozenset()) -> tuple[str, Token]:
    """The word that governs a place (``to``, ``from``, ``out of``, ``dobj``, ``subj``, ``based``) and its head."""
    tok = place_head
    while tok.dep_ in _NOMINAL_LINKS and tok.head.i != tok.i and tok.dep_ != "npadvmod":
        tok = tok.head
    if tok.dep_ == "npadvmod" and lemma(tok.head) in ("base", "station", "headquarter"):
        return "based", tok.head.head  # "Okinawa-based Marines"
    if tok.dep_ == "pobj" and tok.head.lower_ in lx.EXAMPLE_PREPS and tok.head.head.tag_.startswith("N"):
        return attachment(tok.head.head, places)  # "to hot spots like Iraq": the place stands for the noun
    if tok.dep_ in ("pobj", "dative"):
        prep = tok.head
        gov = prep.head
        word = prep.lower_
        while prep.dep_ == "conj" and gov.tag_ in ("IN", "TO") and gov.head.i != gov.i:
            gov = gov.head.head if gov.dep_ == "conj" else gov.head  # "along the border and in Crimea"
        # "to their bases in Vladikavkaz": the place is inside a container noun the outer prep governs.
        # Not out of "part of" / "most of": "make up most of a force in Australia" is said of the force.
        while (word in lx.CONTAINER_PREPS and _is_container(gov) and gov.dep_ in ("pobj", "dobj")
               and gov.i not in places and not (gov.dep_ == "pobj" and gov.head.lower_ == "of")):
            if gov.dep_ == "dobj":
                return "dobj", gov.head
            prep = gov.head
            gov = prep.head
            word = prep.lower_
        if prep.head.lower_ in lx.APPROACH_WORDS:
            return f"{prep.head.lower_} {word}", _up_through_modifiers(prep.head)  # "closer to Ukraine": not there
        if word == "of" and prep.head.lower_ == "out":
            out = prep.head
            return "out of", out.head if out.dep_ == "prep" else _up_through_modifiers(out)  # "pulled X out of"
        if word == "of" and _is_container(gov) and gov.dep_ in ("pobj", "dobj", "nsubj"):
            return attachment(gov, places)  # "the city of Kherson", "the border of Poland"
        ends = lx.ORIGIN_PREPS | lx.DESTINATION_PREPS
        if word in ends and gov.dep_ == "pobj" and gov.head.lower_ in ends and gov.head.lower_ != word:
            return word, _up_through_modifiers(gov.head.head)  # "sail from Camp Lejeune to Norway": both the verb's
        return word, _up_through_modifiers(gov)
    if tok.dep_ == "dobj":
        return "dobj", tok.head
    if tok.dep_ in _SUBJECTS:
        return "subj", tok.head
    return tok.dep_, tok.head


def _noun_in(tok: Token, nouns: frozenset[str]) -> bool:
    """Whether ``tok`` is one of ``nouns``, singular or plural.

    The lemmatizer reads some plurals as other words ("bases" as "basis"), so the plural's stem counts too.
    """
    return lemma(tok) in nouns or tok.lower_.rstrip("s") in nouns or (
        tok.lower_.endswith("es") and tok.lower_[:-2] in nouns)


def _is_container(tok: Token) -> bool:
    return _noun_in(tok, lx.PLACE_CONTAINERS)


def _group(pred: Token) -> set[int]:
    """The predicate and the words that stand for it: its verb chain and particles."""
    members = {pred.i}
    for c in pred.children:
        if c.dep_ in ("prt", "aux", "auxpass", "advmod", "acomp", "xcomp") and c.tag_[:1] != "V":
            members.add(c.i)
    if pred.dep_ == "xcomp" or (pred.dep_ == "pcomp" and pred.head.dep_ == "prep"):
        members.add(pred.head.i)
    if pred.dep_ in _SUBJECTS and lemma(pred.head) in lx.COPULAR_LEMMAS:
        members.add(pred.head.i)  # "the deployments included 2,000 troops to Poland"
    if pred.tag_.startswith("N") and pred.dep_ in ("dobj", "nsubjpass"):
        members.add(pred.head.i)  # "authorized the redeployment of 500 troops into Somalia"
    for c in pred.children:
        if c.dep_ == "xcomp" and c.tag_.startswith("V"):
            for d in c.children:
                if d.dep_ == "dobj" and d.tag_.startswith("N") and kind_of(d, "obj") is not None:
                    members.add(d.i)  # "pledged to double its deployment in Latvia with 1,200 more troops"
    if pred.dep_ == "advcl" and pred.tag_ == "VBG" and kind_of(pred.head, "obj") is not None:
        members.add(pred.head.i)  # "station a battery in Italy, adding 65 personnel"
    if pred.dep_ == "relcl" and pred.head.dep_ == "dobj" and kind_of(pred.head.head, "obj") is not None:
        members.add(pred.head.head.i)  # "position a brigade in Romania that will add 3,000 troops"
    for c in pred.children:
        if c.dep_ == "conj" and c.tag_.startswith("V") and kind_of(c, "obj") is not None:
            members.add(c.i)  # "will be transferred from X and deployed to Germany"
    return members


def _verb_role(word: str, gov: Token, pred: Token, kind: str) -> str:
    lem = lemma(pred)
    if word in lx.DESTINATION_PREPS or (word == "for" and lem in lx.FOR_DESTINATION):
        return "dest"
    if word in lx.ORIGIN_PREPS or word == "out of" or word == "based":
        return "origin"
    if word == "dobj":
        if lem in lx.LEAVE_LEMMAS:
            return "origin"
        if lem in lx.ENTER_LEMMAS:
            return "dest"
        return ""
    if word == "subj":
        return "dest" if lem in lx.RECEIVE_LEMMAS else ""
    if word in lx.LOCATIVE_PREPS:
        if kind == "buildup":
            return "dest"
        if kind == "alert":
            return "origin"
        if kind in ("deploy", "relocate", "pledge") and (lem in lx.LOCATIVE_DEPLOY or lemma(gov) in lx.LOCATIVE_DEPLOY):
            return "dest"
    return ""


def _noun_role(word: str, kind: str, pred: Token, anchor: Token, goes_to: bool) -> str:
    if word in lx.ORIGIN_PREPS or word in ("out of", "based"):
        return "origin"
    if word in lx.DESTINATION_PREPS:
        return "dest"
    if word in lx.LOCATIVE_PREPS:
        if kind == "buildup":
            return "dest"
        if not goes_to and pred.i < anchor.i and lemma(pred) in lx.LOCATIVE_DEPLOY and word in (
                "in", "at", "across", "throughout"):
            return "dest"  # "deployed 190,000 troops in Belarus" (but "move troops in Europe to Poland")
        return "origin"  # "8,500 troops in the US"
    return ""


def ordered_ones(pred: Token) -> list[Token]:
    """In "X ordered Y to withdraw", the Y: objects of the verb an infinitive hangs on, said before it.

    The infinitive's subject is that object (object control): Y moves, X only ordered it.
    """
    if pred.dep_ != "xcomp":
        return []
    return [c for c in pred.head.children if c.dep_ == "dobj" and c.i < pred.i]


def place_roles(
    pred: Token, anchor: Token, kind: str, place_heads: Sequence[Token]
) -> tuple[list[int], list[int]]:
    """Indices (into ``place_heads``) of the origins and destinations of a movement.

    A movement has one origin and one destination, or several destinations named together ("to
    Poland and Germany"); a place that only describes another ("a base on NATO's eastern flank") is
    left out.
    """
    group = _group(pred)
    mine = describing(anchor, pred)
    places = frozenset(h.i for h in place_heads)
    goes_to = any(c.dep_ in ("prep", "dative") and c.lower_ in lx.DESTINATION_PREPS
                  for m in group for c in pred.doc[m].children)
    ordered = {t.i for o in ordered_ones(pred) for t in o.subtree}
    origins: list[int] = []
    dests: list[int] = []
    for k, ph in enumerate(place_heads):
        word, gov = attachment(ph, places)
        if word == "dobj" and gov.i == pred.head.i and ph.i in ordered:
            role = ""  # "ordered the U.S. to withdraw": the one ordered is who moves, not where from
        elif gov.i in group:
            role = _verb_role(word, gov, pred, kind)
        elif gov.i in mine:
            if gov.i != anchor.i and gov.dep_ in ("acl", "relcl"):
                # "troops deployed on the border", "soldiers based in Germany", "who left Fort Bragg": where
                # they were before this movement
                described = lemma(gov) in lx.STATIONED_LEMMAS or (
                    lx.MOVE_LEMMAS.get(lemma(gov)) == "deploy" and word in lx.LOCATIVE_PREPS | lx.DESTINATION_PREPS)
                moved = kind_of(gov, "obj")
                left = moved is not None and _verb_role(word, gov, gov, moved) != ""
                role = "origin" if described or left else ""
            elif gov.i != anchor.i and word in lx.LOCATIVE_PREPS | lx.ORIGIN_PREPS:
                role = "origin"  # "from the 18th Airborne Corps at Fort Bragg"
            else:
                role = _noun_role(word, kind, pred, anchor, goes_to)
        elif _comes_from(gov, word, group, mine):
            role = "origin"  # "soldiers from a brigade based at Fort Bragg", "from the Corps at Fort Bragg"
        elif word in lx.LOCATIVE_PREPS and kind in ("deploy", "relocate", "pledge") and _placed_object(gov, group):
            role = "dest"  # "station a battery in Italy, adding 65 soldiers", "join the battlegroup in Lithuania"
        else:
            role = ""
        if role == "origin":
            origins.append(k)
        elif role == "dest":
            dests.append(k)
    return origins, dests


def _placed_object(noun: Token, group: set[int]) -> bool:
    """``noun`` is what the movement puts somewhere or what the troops join, so a place said of it is where they go.

    The object of a verb of stationing ("station a battery in Italy") or of joining ("join the battlegroup
    in Lithuania"), or the formation the object is part of ("make up most of a force in Australia").
    """
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj":
        noun = noun.head.head
    if noun.dep_ != "dobj" or noun.head.i not in group:
        return False
    verb = noun.head
    return lemma(verb) in lx.LOCATIVE_DEPLOY or lemma(verb) in lx.JOINING_LEMMAS or _joins_formation(verb)


def _joins_formation(verb: Token) -> bool:
    """Troops joining a formation: ``are to make up most of a rotational force``, ``will form part of it``."""
    lem = lemma(verb)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not ((lem in lx.MAKE_UP and lx.MAKE_UP[lem] in _particles(verb)) or (
            lem in lx.FORM_PART and any(o.lower_ == "part" for o in objects))):
        return False
    return any(lemma(t) in lx.FORMATION_HEADS or t.lower_ in lx.FORMATION_HEADS
               for o in objects for t in o.subtree)


def named_together(
    found: Sequence[int], heads: Sequence[Token], anchor: Token, verb: Token | None = None
) -> list[int]:
    """The first place found and those coordinated with it ("Poland and Germany", "Vilseck, Germany").

    A place said of the troops themselves ("airborne units to Pskov") comes before one said of the
    verb; given ``verb``, the other way round ("peacekeepers from the CSTO have departed from Kazakhstan").
    """
    if len(found) < 2:
        return list(found)
    if verb is not None:
        group = _group(verb)
        own = [k for k in found if attachment(heads[k])[1].i in group]
    else:
        own = [k for k in found if attachment(heads[k])[1].i == anchor.i]
    first = heads[own[0] if own else found[0]]
    root = first
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    together = {t.i for t in root.subtree if t.i == root.i or t.dep_ in ("conj", "appos", "compound", "cc")}
    if root.dep_ == "pobj":
        # "along the border with Ukraine and in Crimea": prepositions joined by "and" name places together
        for prep in root.head.conjuncts:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                together.update(t.i for t in obj.subtree if t.i == obj.i or t.dep_ in ("conj", "appos", "compound"))
    return [k for k in found if heads[k].i in together or heads[k].i == first.i]


def _comes_from(gov: Token, word: str, group: set[int], mine: set[int]) -> bool:
    """A place where the unit the troops come from is based."""
    noun = gov.head if gov.dep_ in ("acl", "relcl") and lemma(gov) in lx.STATIONED_LEMMAS else (
        gov if word in ("at", "in") else None)
    if noun is None:
        return False
    if noun.i in mine:
        return True
    via = noun.head.head.i
    return noun.dep_ == "pobj" and noun.head.lower_ == "from" and (via in group or via in mine)


def homeward(pred: Token) -> bool:
    """The movement ends at the troops' own bases: "return to their bases", "delivered to their permanent base"."""
    members = [pred, *[c for c in pred.children if c.dep_ == "conj"]]
    members += [c for m in list(members) for c in m.children if c.dep_ in ("advmod", "prt")]  # "flown back to"
    for member in members:
        if member.lower_ == "home":
            return True
        for prep in member.children:
            if prep.dep_ not in ("prep", "dative") or prep.lower_ not in lx.DESTINATION_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                owned = any(c.dep_ == "poss" and c.lower_ in lx.OWN_POSSESSIVES for c in obj.children)
                if obj.lower_ == "home" or (owned and _noun_in(obj, lx.HOME_BASES)):
                    return True
    return False


def control_chain(pred: Token) -> list[Token]:
    """The predicate and the verbs above it in its own statement (not past a verb of saying)."""
    chain = [pred]
    tok = pred
    for _ in range(MAX_CLIMB):
        if tok.dep_ not in ("xcomp", "ccomp", "pcomp", "acl", "conj", "advcl", "dobj", "pobj", "prep", "nsubj",
                            "nsubjpass", "csubj", "relcl", "attr", "appos", "compound", "npadvmod"):
            break
        if tok.dep_ in ("relcl",):
            break
        head = tok.head
        if head.i == tok.i or (lemma(head) in lx.SPEECH_LEMMAS and not head.tag_.startswith("N")):
            break  # not past a verb of saying; the noun "reports that ..." is crossed ("denied reports that ...")
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj") and lemma(head) not in lx.EVENT_VERBS:
            break  # "the transfer does not mean that ...": a verb said of the movement is not its negation
        if tok.dep_ == "conj":
            tok = head
            continue  # a coordinated verb shares its clause's scope, but is not in the chain
        chain.append(head)
        tok = head
    return chain


def modality(pred: Token, anchor: Token) -> tuple[bool, bool, bool]:
    """(negated, hedged, question) for the movement ``pred`` of ``anchor``."""
    negated = hedged = question = False
    if any(c.dep_ == "det" and c.lower_ in lx.NEGATING_DETERMINERS for c in anchor.children):
        negated = True  # "no ground troops"
    if anchor.head.lower_ == "of" and anchor.head.head.lower_ in lx.NEGATING_DETERMINERS:
        negated = True  # "none of the troops"
    chain = control_chain(pred)
    for tok in chain:
        lem = lemma(tok)
        kids = list(tok.children)
        has_neg = any(c.dep_ == "neg" or (c.lower_ in lx.NEGATORS and c.dep_ in ("advmod", "neg")) for c in kids)
        if lem in lx.NEGATING_GOVERNORS or (lem in lx.NEGATING_WITH_PARTICLE and
                                           lx.NEGATING_WITH_PARTICLE[lem] in _particles(tok)):
            if has_neg:
                hedged = True  # "did not rule out sending"
            else:
                negated = not negated
            continue
        if has_neg and any(c.lower_ == "never" for c in kids) and any(
                t.lower_ in ("so", "such", "as") for t in tok.subtree):
            has_neg = False  # "never mobilized so many reservists so quickly": a record, not a negation
        if has_neg:
            if any(c.dep_ == "prep" and c.lower_ in lx.TIME_LIMITS for c in pred.children):
                hedged = True  # "not expected to arrive before March": the time is negated
            else:
                negated = True
        if any(c.dep_ == "det" and c.lower_ in lx.NEGATING_DETERMINERS for c in kids) and tok.tag_.startswith("N"):
            if lem in lx.UNDECIDED_NOUNS:
                hedged = True  # "no decision has been made to send troops": not decided, not ruled out
            else:
                negated = True  # "no plans to send"
        for subj in (c for c in kids if c.dep_ in ("nsubj", "nsubjpass") and c.tag_.startswith("N")):
            if any(d.dep_ == "det" and d.lower_ in lx.NEGATING_DETERMINERS for d in subj.children):
                if lemma(subj) in lx.UNDECIDED_NOUNS:
                    hedged = True  # "no decision has been made to send troops"
                elif lemma(subj) in lx.HEDGING_GOVERNORS:
                    negated = True  # "no plans have been made to send"
        if any(c.dep_ == "aux" and c.lower_ in lx.HEDGING_MODALS for c in kids):
            hedged = True
        if any(c.dep_ == "advmod" and c.lower_ in lx.HEDGING_ADVERBS for c in kids):
            hedged = True
        if tok is not pred and lem in lx.HEDGING_GOVERNORS:
            hedged = True
        if tok.lower_ in ("than",) and any(c.lower_ == "rather" for c in tok.children):
            negated = True
        if tok.lower_ in lx.INSTEAD_PREPS and (tok.head.lower_ == "instead" or any(
                c.lower_ == "instead" for c in tok.children)):
            negated = True
        if any(c.dep_ == "prep" and c.lower_ == "off" and any(g.lower_ == "table" for g in c.subtree) for c in kids):
            negated = True  # "sending troops was off the table"
        if any(c.dep_ == "mark" and c.lower_ in ("whether",) for c in kids):
            question = True
        if lem in lx.UNCERTAIN_WORDS or lemma(tok.head) in lx.UNCERTAIN_WORDS or any(
                c.dep_ in ("acomp", "attr") and lemma(c) in lx.UNCERTAIN_WORDS for c in tok.head.children):
            question = True  # "it is unclear how many Marines will be left"
        if tok is not pred and lem in lx.REQUEST_LEMMAS:
            question = True  # "urged Belgrade to withdraw its troops": a demand, not a movement
        if any(c.dep_ == "mark" and c.lower_ in lx.HYPOTHETICAL_MARKS for c in kids) or (
                tok.dep_ in ("acl", "relcl") and tok.head.lower_ == "case" and tok.head.head.lower_ == "in"):
            question = True  # "in case a response force is called up", "if needed": a hypothetical
        if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in lx.HYPOTHETICAL_MARKS for g in c.children)
               for c in kids):
            hedged = True  # "would send 4,000 troops only if the ceasefire collapses": on a condition
        if tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.lower_ == "instead":
            negated = True
    if pred.dep_ == "pcomp" and pred.head.lower_ == "than" and any(c.lower_ == "rather" for c in pred.head.children):
        negated = True
    if any(t.lower_ == "how" for t in anchor.subtree):
        question = True  # "how many troops will go": asked, not said
    if any(c.dep_ in ("amod", "det") and c.lower_ in lx.HEDGING_ADJECTIVES for c in pred.children):
        hedged = True  # "a possible deployment", "any deployment"
    return negated, hedged, question
