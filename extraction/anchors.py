"""The troops a sentence talks about: the *anchors* a claim is built around.

An anchor is a count with a troop noun (``about 1,700 soldiers``), a troop noun alone (``these
forces``), a bare count standing for troops (``another 2,000 will be deployed``), a named unit, a
pronoun or ``the troops`` standing for troops just named, a group the article calls troops (``Wagner``)
or, after sentences that name troops, a movement named by its noun (``the pullout``). Most are found on
the token list; the dependency parse joins counts to their nouns across modifiers the word lists do not
know, and decides the ones that need a verb (named kinds of troops, units, pronouns, movement nouns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

import geo
from extraction import events as ev
from extraction import lexicon as lx
from extraction.nlp import Words, words
from extraction.numbers import CountMention
from extraction.parser import lemma, verb_lemma
from extraction.units import UnitMention

_BARE_FOLLOWERS = frozenset({
    "will", "would", "are", "were", "is", "was", "have", "had", "who", "that", "from", "going", "being",
    "could", "remain", "also", "more", "additional", "to", "of",
})


_ANAPHORS = frozenset({"these", "those"})


_DEF_FORCE = {"u.s.": "US", "us": "US", "american": "US", "america": "US", "nato": "NATO", "alliance": "NATO",
              "allied": "NATO", "u.s": "US", "america's": "US"}


_TROOP_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in lx.TROOP_PHRASES:
    _TROOP_PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


@dataclass
class Anchor:
    """Troops a sentence names: their token span (document indices) and what the words around them say."""

    start: int
    end: int
    count: CountMention | None
    definite: bool = False
    partitive: bool = False
    no_det: bool = False
    anaphoric: bool = False
    force: str | None = None
    pronoun: bool = False  # "they": stands for the unit named before, not for a figure
    event: bool = False  # "the withdrawal is expected to be complete by ...": the movement noun itself
    facility: bool = False  # "France's bases in Ouallam were vacated": the place left stands for the troops


_TROOP_STARTS = frozenset({*lx.TROOP_NOUNS, *_TROOP_PHRASES_BY_FIRST})  # where a troop noun may start


def _troop_noun_end(tw: Words, i: int, limit: int) -> int | None:
    """If a troop noun starts at ``i`` return its end index."""
    first = tw.lower[i]
    for phrase in _TROOP_PHRASES_BY_FIRST.get(first, ()):
        if i + len(phrase) <= limit and tuple(tw.lower[i:i + len(phrase)]) == phrase:
            return i + len(phrase)
    if first in lx.TROOP_NOUNS:
        return i + 1
    return None


def _force_word(word: str) -> str | None:
    low = word.lower().removesuffix("’s").removesuffix("'s")
    if low in _DEF_FORCE:
        return _DEF_FORCE[low]
    return geo.demonym_country(low)


def find_anchors(
    sent: Span, counts: list[CountMention], troop_context: bool, units: list[UnitMention]
) -> list[Anchor]:
    """Counts with their troop nouns, troop nouns alone, and bare counts standing for troops, in text order."""
    tw = words(sent.doc)
    doc = sent.doc
    anchors: list[Anchor] = []
    # "2nd Cavalry Regiment" names a unit; its "Cavalry" is not a second group of troops.
    covered: set[int] = {i for u in units for i in range(u.start, u.end)}
    for c in counts:
        strong = _strong_formation_end(tw, c, sent.end)
        if strong is not None:  # "a 250-strong engineering unit": the figure counts the unit's troops
            anchors.append(Anchor(c.start, strong, c))
            covered.update(range(c.start, strong))
            continue
        j = c.end
        force: str | None = None
        noun_end: int | None = None
        while j < sent.end and j < c.end + 5:
            noun_end = _troop_noun_end(tw, j, sent.end)
            if noun_end is not None:
                # "military" is a noun only at the end of the phrase ("military personnel" is a phrase).
                if tw.lower[j] == "military" and noun_end < sent.end and doc[noun_end].is_alpha and \
                        tw.lower[noun_end] not in ("will", "is", "are", "has", "have", "was", "were"):
                    noun_end = None
                else:
                    break
            low = tw.lower[j]
            f = _force_word(tw.text[j])
            if f:
                force = force or f
            elif low not in lx.COUNT_NOUN_FILLERS and not (tw.text[j][:1].isupper() and j < c.end + 3):
                break  # capitalised words may stand between: "350 Royal Marines", "200 Wagner fighters"
            j += 1
        prev = tw.lower[c.start - 1] if c.start > sent.start else ""
        prev2 = tw.lower[c.start - 2] if c.start - 1 > sent.start else ""
        definite = tw.lower[c.start] == "the" or prev == "the"
        partitive = prev2 == "of" and prev == "the" and c.start - 2 == sent.start
        if noun_end is not None:
            anchors.append(Anchor(c.start, noun_end, c, definite, partitive, force=force))
            covered.update(range(c.start, noun_end))
            continue
        nxt = tw.lower[c.end] if c.end < sent.end else ""
        if nxt in lx.NON_TROOP_NOUNS or not troop_context:
            continue
        follows = nxt in _BARE_FOLLOWERS or lx.MOVE_LEMMAS.get(verb_lemma(nxt)) in ("deploy", "relocate", "withdraw")
        if follows and (c.value is None or c.value >= 50) and prev not in ("of", "than", "by"):
            anchors.append(Anchor(c.start, c.end, c, definite, partitive or prev == "of"))
            covered.update(range(c.start, c.end))
    i = sent.start
    for candidate in [j for j in range(sent.start, sent.end) if tw.lower[j] in _TROOP_STARTS]:
        if candidate < i or candidate in covered:
            continue
        i = candidate
        end = _troop_noun_end(tw, i, sent.end)
        if end is None or (tw.lower[i] == "members"):
            continue
        if tw.lower[i] == "military":
            nxt = tw.lower[end] if end < sent.end else ""
            prev = tw.text[i - 1] if i > sent.start else ""
            owned = bool(prev) and _force_word(prev) is not None and (not nxt[:1].isalpha() or nxt in lx.AFTER_MILITARY)
            if not owned and (not (i > sent.start and tw.lower[i - 1] == "the") or nxt not in (
                "will", "is", "was", "has", "would", "wo", "“", "\"", "are", "won't"
            )):
                continue  # "military" is the troops only as a noun: "the military will", "the Serbian military in"
        k = i
        force = None
        no_det = anaphoric = False
        while k - 1 >= sent.start and k > i - 4 and k - 1 not in covered:
            low = tw.lower[k - 1]
            f = _force_word(tw.text[k - 1])
            if f:
                force = force or f
            elif low == "no":
                no_det = True
            elif low in _ANAPHORS:
                anaphoric = True
            elif low not in ("the", "more", "additional", "other", "new", "of", "all", "any", "our",
                                  "their", "its", "combat", "ground", "foreign", "western"):
                break
            k -= 1
        # "the troops", "the soldiers" with nothing else before them stand for the troops just named
        bare_definite = tw.lower[k] == "the" and end - k == 2
        anchors.append(Anchor(k, end, None, definite=tw.lower[k] == "the", no_det=no_det,
                               anaphoric=anaphoric or bare_definite, force=force))
        i = end
    anchors.sort(key=lambda a: a.start)
    return anchors


# How many words may stand between "N-strong" and the formation it describes ("a 250-strong engineering unit").
MAX_STRONG_GAP = 4


def _strong_formation_end(tw: Words, count: CountMention, limit: int) -> int | None:
    """The end of the formation or troop noun after ``N-strong``, or None when the figure is not so used."""
    at = count.end
    if at + 1 >= limit or tw.lower[at] not in ("-", "–") or tw.lower[at + 1] != "strong":
        return None
    for k in range(at + 2, min(limit, at + 2 + MAX_STRONG_GAP)):
        word = tw.lower[k]
        if word in lx.FORMATION_HEADS or word.rstrip("s") in lx.FORMATION_HEADS or word in FORMATION_FORMS:
            return k + 1
        troop_end = _troop_noun_end(tw, k, limit)
        if troop_end is not None:
            return troop_end
    return None


# How many modifier links may stand between a count and the troop noun it counts.
MAX_COUNT_LINK = 3


@dataclass(frozen=True)
class ArticleNames:
    """Names an article uses: people in full (for speakers) and groups it calls troops ("Wagner fighters")."""

    people: dict[str, str]
    forces: frozenset[str]


_NAMED_FORCE = re.compile(r"\b([A-Z][a-z]{2,})(?:'s|’s)? (?:" + "|".join(sorted(lx.FORCE_NOUNS)) + r")\b")


def named_forces(text: str) -> frozenset[str]:
    """Capitalised names an article puts before a troop noun ("Wagner fighters"), not places or nations."""
    found: set[str] = set()
    for m in _NAMED_FORCE.finditer(text):
        name = m.group(1)
        if name.lower() in lx.NOT_FORCE_NAMES or geo.demonym_country(name) or geo.resolve(name).precision in (
                "country", "region", "admin"):
            continue  # "Kremlin troops" is Russia's; a town's name before "fighters" is a group ("Wagner")
        found.add(name)
    return frozenset(found)


def named_force_anchors(sent: Span, parsed: Doc, anchors: list[Anchor], forces: frozenset[str]) -> list[Anchor]:
    """``Wagner will not return to Ukraine``: a group the article calls troops, named on its own."""
    taken = {i for a in anchors for i in range(a.start, a.end)}
    out: list[Anchor] = []
    for tok in parsed:
        at = tok.i + sent.start
        if tok.text in forces and at not in taken and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and \
                ev.find_predicate(tok) is not None:
            out.append(Anchor(at, at + 1, None, definite=True))
    return out


def event_anchors(sent: Span, parsed: Doc) -> list[Anchor]:
    """``The pullout is expected to be completed by December``: a movement named by its noun, troops unnamed.

    Only in a sentence that names no troops, after sentences that do, and only where the noun is what a
    verb of scheduling, completing, ordering or ruling out is about.
    """
    out: list[Anchor] = []
    for tok in parsed:
        if lemma(tok) in lx.EVENT_NOUNS and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and \
                lemma(tok.head) in lx.EVENT_STATUS_VERBS:
            at = tok.i + sent.start
            out.append(Anchor(at, at + 1, None, definite=True, event=True))
    return out


def facility_anchors(sent: Span, parsed: Doc) -> list[Anchor]:
    """``France's forward bases in Ouallam had been vacated``: a force's bases left or handed over.

    Only in a sentence that names no troops, only for bases a country or force is said to own, and only
    where the bases are what a verb of leaving acts on; the bases' own places are where the troops leave.
    """
    out: list[Anchor] = []
    for tok in parsed:
        if tok.lower_ not in FACILITY_FORMS or tok.dep_ not in ("nsubjpass", "dobj"):
            continue
        if lx.MOVE_LEMMAS.get(lemma(tok.head)) != "withdraw" or lemma(tok.head) not in lx.LEAVE_LEMMAS:
            continue
        owners = (_owner(c.text) for c in tok.children if c.dep_ in ("poss", "amod", "compound"))
        owner = next((o for o in owners if o), None)
        if owner is not None:
            start = min(t.i for t in tok.subtree if t.i <= tok.i) + sent.start
            out.append(Anchor(start, tok.i + sent.start + 1, None, definite=True, force=owner, facility=True))
    return out


def _owner(word: str) -> str | None:
    """The country a word before a noun names: a demonym or force word ("French"), or a country ("France's")."""
    found = _force_word(word)
    if found is None and word[:1].isupper():
        place = geo.resolve(word)
        found = place.country_code if place.precision == "country" else None
    return found


def _with_plurals(nouns: frozenset[str]) -> frozenset[str]:
    """Each noun and its plural ("battalion", "battalions"; "battery", "batteries")."""
    return frozenset({*nouns, *(w[:-1] + "ies" if w.endswith("y") else w + "s" for w in nouns)})


FACILITY_FORMS = _with_plurals(lx.FACILITY_NOUNS)


def pronoun_anchors(sent: Span, parsed: Doc, anchors: list[Anchor]) -> list[Anchor]:
    """``They will leave Vilseck for Romania``: a pronoun that a movement verb moves stands for the troops before."""
    taken = {i for a in anchors for i in range(a.start, a.end)}
    out: list[Anchor] = []
    for tok in parsed:
        at = tok.i + sent.start
        if tok.lower_ in lx.TROOP_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and at not in taken:
            found = ev.find_predicate(tok)
            if found is not None and found[0].i == tok.head.i and ev.kind_of(*found) is not None and not (
                    tok.dep_ == "dobj" and lemma(found[0]) in lx.JOINING_LEMMAS):  # "to join them": not the movers
                out.append(Anchor(at, at + 1, None, definite=True, pronoun=True))
    return out


def unit_moves(unit: UnitMention, sent: Span, parsed: Doc, covered: set[int]) -> bool:
    """A named unit that is itself what a movement verb moves ("transferring the 98th Division to ...").

    Not when it holds troops already counted ("a Stryker squadron of about 1,000 soldiers").
    """
    head = ev.head_of(parsed, ev.Span(unit.start - sent.start, unit.end - sent.start))
    if any(t.i + sent.start in covered and t.head.lower_ == "of" and t.head.head.i == head.i for t in head.subtree):
        return False
    found = ev.find_predicate(head)
    if head.dep_ == "dobj" and lemma(head.head) in lx.JOINING_LEMMAS:
        return False  # "will join the NATO battlegroup": the unit joined is not the one moving
    if sends_others(head):
        return False  # "the 3rd Infantry Division is sending 3,800 soldiers": the unit sends, its soldiers move
    return head.dep_ in ("nsubj", "nsubjpass", "dobj") and found is not None and found[0].i == head.head.i


def sends_others(subject: Token) -> bool:
    """``subject`` is the one sending what the verb's object names, not what moves."""
    verb = subject.head
    return subject.dep_ == "nsubj" and lemma(verb) in lx.SENDING_LEMMAS and any(
        c.dep_ == "dobj" for c in verb.children)


# The singular and plural of each formation that stands for troops ("battalion", "batteries").
FORMATION_FORMS = _with_plurals(lx.MOVING_FORMATIONS)


def formation_anchors(sent: Span, parsed: Doc, anchors: list[Anchor], units: list[UnitMention]) -> list[Anchor]:
    """An unnamed formation that a movement verb moves: troops, with no figure.

    ``two more Patriot batteries were placed on standby``, ``a battalion was flown to Kosovo``: two
    batteries are not two soldiers.
    """
    taken = {i for a in anchors for i in range(a.start, a.end)} | {i for u in units for i in range(u.start, u.end)}
    out: list[Anchor] = []
    for tok in parsed:
        if tok.lower_ not in FORMATION_FORMS:
            continue
        at = tok.i + sent.start
        if at in taken or not tok.tag_.startswith("NN"):
            continue
        if tok.dep_ not in ("nsubj", "nsubjpass", "dobj") and not (
                tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass", "dobj")):
            continue
        if any(t.i + sent.start in taken for t in tok.subtree):
            continue  # "a battalion of 800 soldiers": the soldiers are the anchor
        found = ev.find_predicate(tok)
        if found is not None and ev.kind_of(*found) is not None:
            start = min(t.i for t in tok.subtree if t.i <= tok.i) + sent.start
            out.append(Anchor(start, at + 1, None, definite=True))
    return out


def named_troops(sent: Span, parsed: Doc, anchors: list[Anchor], counts: list[CountMention]) -> list[Anchor]:
    """``150 Light Dragoons are heading for Poland``: a count of a named kind of troops the word lists lack.

    Taken only where the plural proper noun the count modifies is the one a movement verb moves.
    """
    off = sent.start
    used = {id(a.count) for a in anchors if a.count is not None}
    taken = {i for a in anchors for i in range(a.start, a.end)}
    out: list[Anchor] = []
    for c in counts:
        if id(c) in used or c.value is None:
            continue
        noun = parsed[c.number_start - off].head
        if parsed[c.number_start - off].dep_ != "nummod" or noun.tag_ != "NNPS" or noun.i + off in taken:
            continue
        if noun.lower_ in lx.NON_TROOP_NOUNS or noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        found = ev.find_predicate(noun)
        if found is not None and ev.kind_of(*found) is not None:
            out.append(Anchor(c.start, noun.i + off + 1, c))
    return out


def formation_counts(sent: Span, parsed: Doc, anchors: list[Anchor], counts: list[CountMention]) -> list[Anchor]:
    """``a Stryker company of about 150 people``: people counted inside a formation are its troops."""
    off = sent.start
    used = {id(a.count) for a in anchors if a.count is not None}
    out: list[Anchor] = []
    for c in counts:
        if id(c) in used or c.value is None:
            continue
        noun = parsed[c.number_start - off].head
        if noun.lower_ not in lx.PEOPLE_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "of":
            continue
        holder = noun.head.head
        if lemma(holder) in lx.FORMATION_HEADS or holder.lower_ in lx.FORMATION_HEADS:
            out.append(Anchor(c.start, noun.i + off + 1, c))
    return out


def counts_to_nouns(
    sent: Span, parsed: Doc, anchors: list[Anchor], counts: list[CountMention]
) -> list[Anchor]:
    """Join a count to the troop noun it modifies in the parse ("4,100 Okinawa-based Marines").

    The word-level anchor finder gives up when a modifier it does not know stands between the count
    and the noun; the tree does not.
    """
    off = sent.start
    anchors = anchors + named_troops(sent, parsed, anchors, counts) + formation_counts(sent, parsed, anchors, counts)
    by_head = {ev.head_of(parsed, ev.Span(a.start - off, a.end - off)).i: a for a in anchors if a.count is None}
    if not by_head:
        return anchors
    dropped: set[int] = set()
    for c in counts:
        bare = next((a for a in anchors if a.count is c and a.end == c.end), None)
        if any(a.count is c and a is not bare for a in anchors):
            continue
        tok = parsed[c.number_start - off]
        for _ in range(MAX_COUNT_LINK):
            if tok.dep_ not in ("nummod", "npadvmod", "amod", "quantmod", "compound", "advmod", "nmod") or \
                    tok.head.i == tok.i:
                break
            tok = tok.head
            noun = by_head.get(tok.i)
            if noun is not None and noun.count is None:
                noun.count, noun.start = c, min(noun.start, c.start)
                if bare is not None:
                    dropped.add(id(bare))
                break
    return [a for a in anchors if id(a) not in dropped]
