"""Finding movement claims in an article.

1. The article is cut into paragraphs (page furniture left out) and sentences; only sentences that name
   troops, a formation, a group the article calls troops, or, in a troop context, a number, "they" or a
   movement noun are kept, and those are parsed (:mod:`extraction.parser`).
2. *Anchors* are the troops each sentence talks about (:mod:`extraction.anchors`).
3. Each anchor's movement is read from the parse (:mod:`extraction.events`): the predicate and its kind,
   the places it governs, negation, hedges, and whether it is a question or a demand rather than a claim.
   Two anchors of one verb share its places by position ("1,700 to Poland and 300 to Germany").
4. A draft claim is made of each: count, unit, force (the subject's country or the troops' own), origin
   and destinations, the speaker, the sentence as evidence. A claim ruled out for several places is
   ruled out for each; a negated claim is kept, marked, and never becomes a flow.
5. Article-level passes: back-references and a headline repeating the body count once, a unit's home
   base stated anywhere becomes its origin, places are re-ranked with the article's other places, the
   force defaults to the article's, and troops already abroad moving on are ``relocate``.

Nothing here knows any particular article: all word lists live in :mod:`extraction.lexicon`.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import geo
from extraction import events as ev
from extraction import lexicon as lx
from extraction.anchors import (
    FACILITY_FORMS,
    FORMATION_FORMS,
    Anchor,
    ArticleNames,
    counts_to_nouns,
    event_anchors,
    facility_anchors,
    find_anchors,
    formation_anchors,
    named_force_anchors,
    named_forces,
    pronoun_anchors,
    sends_others,
    unit_moves,
)
from extraction.attribution import CONTINUATIONS, expand_name, full_names_in, speaker_in
from extraction.model import Article, Claim, Evidence, Kind
from extraction.nlp import Words, pipeline, read, words
from extraction.numbers import CountMention, find_counts
from extraction.parser import lemma, parse, verb_lemma
from extraction.places import PlaceMention, find_places
from extraction.units import UnitMention, find_units
from geo.place import Place

_VIDEO_TITLE = re.compile(r"\s\d{1,2}:\d{2}\s*$")
_CONJUNCTIONS = frozenset({"and", "while", ",", ";", "but", "whereas", "plus"})


@dataclass
class _Draft:
    """A claim before article-level passes (default force, back-references, ids)."""

    kind: Kind
    negated: bool
    hedged: bool
    count: int | None
    count_text: str | None
    force: str | None
    unit: str | None
    origin: Place | None
    destinations: list[Place]
    attributed_to: str | None
    start: int
    end: int
    definite: bool
    sentence_index: int
    partitive: bool = False
    returning: bool = False  # "return to X": home only if X is the force's own country


_LONG_CHUNK = re.compile(r"\S{65,}")
_NOT_WORD = re.compile(r"\W")


def _tokenizable(text: str) -> str:
    """The text with punctuation inside very long space-free runs turned into spaces.

    spaCy's tokenizer takes time far beyond linear on a long run of punctuation ("“““…"); no claim
    hides in a 65-character word, and the length stays the same, so offsets still point into the
    article as written.
    """
    return _LONG_CHUNK.sub(lambda m: _NOT_WORD.sub(" ", m.group()), text)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Lines of article text with their offsets, minus page furniture (video titles, photo credits)."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        low = body.strip().lower()
        furniture = bool(_VIDEO_TITLE.search(body)) or low.endswith(lx.PHOTO_CREDITS) or (
            "/" in low and any(c in low for c in _CREDIT_AFTER_SLASH))
        if body.strip() and not furniture:
            out.extend((pos + start, piece) for start, piece in _pieces(body))
        pos += len(line)
    return out


_CREDIT_AFTER_SLASH = tuple(f"/{c}" for c in lx.PHOTO_CREDITS)  # "Photo: Jane Doe/Getty Images via AFP"
LONG_PARAGRAPH = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z])")


def _pieces(body: str) -> list[tuple[int, str]]:
    """A paragraph, or a very long one cut at sentence ends into pieces of about ``LONG_PARAGRAPH`` characters."""
    if len(body) <= LONG_PARAGRAPH:
        return [(0, body)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(body) - start > LONG_PARAGRAPH:
        end = _SENTENCE_END.search(body, start + LONG_PARAGRAPH // 2)
        cut = end.end() if end and end.end() - start <= 2 * LONG_PARAGRAPH else start + LONG_PARAGRAPH
        pieces.append((start, body[start:cut]))
        start = cut
    pieces.append((start, body[start:]))
    return pieces


_UNIT_FIRST_WORDS = frozenset(phrase[0] for phrase in lx.NAMED_UNIT_KINDS)


_TROOP_WORD = re.compile(
    r"\b(?:" + "|".join(sorted({re.escape(w) for w in lx.TROOP_NOUNS} | {re.escape(p[0]) for p in lx.TROOP_PHRASES}
                                | {re.escape(w) for w in lx.FORMATION_HEADS | FORMATION_FORMS}))
    + r")\b|\b\d+(?:st|nd|rd|th)\b",
)  # searched in lowercased text: a case-blind search of a long alternation is twice as slow
_DIGIT = re.compile(r"\d")
_EVENT_NOUN = re.compile(r"\b(?:" + "|".join(sorted(re.escape(w) for w in lx.EVENT_NOUNS)) + r")\b")


def _worth_reading(paragraphs: list[tuple[int, str]], forces: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Paragraphs that may hold a claim, and the one before each (for who is speaking).

    A claim needs troops: a troop word, unit or group the article calls troops, or a number close after
    a paragraph that has one.
    """
    keep: set[int] = set()
    last_troops = -10
    for i, (_, body) in enumerate(paragraphs):
        low = body.lower()
        if _TROOP_WORD.search(low) or any(w in low for w in _UNIT_FIRST_WORDS) or any(f in body for f in forces):
            last_troops = i
            keep.update((i - 1, i))
        elif i - last_troops <= 3 and (_DIGIT.search(body) or _EVENT_NOUN.search(low)):
            keep.update((i - 1, i))
    return [p for i, p in enumerate(paragraphs) if i in keep]


def _senders(pred: Token, anchor: Token, mentions: list[PlaceMention], off: int) -> list[Place]:
    """The side sending troops: countries (or institutions acting for one) in the subject of the movement.

    The subject is looked for on the predicate, then on the verbs it hangs on ("Germany began the
    deployment", "Berlin pledged to send"), never past a verb of saying ("Kyiv says 2,000 troops moved":
    the speaker is not the sender); an agent ("deployed by the Pentagon") counts too.
    """
    tok = pred
    for _ in range(ev.MAX_CLIMB):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "agent") and anchor.i not in
                    {t.i for t in c.subtree}]
        if subjects:
            found = [p for s in subjects for p in _countries_in(s, mentions, off)]
            if not found and all(s.lower_ in lx.SPEAKER_PRONOUNS for s in subjects):
                return _speaker_country(tok, mentions, off)  # "France said it would withdraw its troops"
            return found
        ordered = [p for c in ev.ordered_ones(tok) for p in _countries_in(c, mentions, off)]
        if ordered:  # "the junta ordered the U.S. to withdraw": the one ordered moves
            return ordered
        if tok.head.i != tok.i and lemma(tok.head) in lx.SPEECH_LEMMAS and tok.tag_.startswith("N") and \
                tok.dep_ == "dobj":
            return _speaker_country(tok, mentions, off)  # "Washington announced the deployment of 3,500 troops"
        if tok.head.i == tok.i or lemma(tok.head) in lx.SPEECH_LEMMAS or tok.dep_ in ("relcl", "ccomp"):
            break
        tok = tok.head
    return []


def _government_of(name: str) -> Place | None:
    """The country a name stands for as a government: a country, or its capital ("Ottawa announced")."""
    place = geo.resolve(name)
    if place.precision == "country":
        return place
    if place.precision == "city" and place.why.startswith("capital of") and place.country_code:
        country = geo.resolve(geo.country_name(place.country_code) or place.country_code)
        if country.resolved:
            return replace(country, mention=name, why=f"'{name}', the capital, speaks for {country.name}")
    return None


def _speaker_country(verb: Token, mentions: list[PlaceMention], off: int) -> list[Place]:
    """The country that says so, for a movement whose subject is a pronoun standing for the speaker."""
    tok = verb
    for _ in range(ev.MAX_CLIMB):
        if tok.head.i == tok.i:
            return []
        if lemma(tok.head) in lx.SPEECH_LEMMAS:
            speakers = [c for c in tok.head.children if c.dep_ == "nsubj"]
            found = [p for c in speakers for p in _countries_in(c, mentions, off)]
            # the speaking country is no place mention of the sentence ("France said"): looked up by name
            named = (_government_of(c.text) for c in speakers if c.tag_ == "NNP")
            return found or [p for p in named if p is not None][:1]
        tok = tok.head
    return []


def _countries_in(subject: Token, mentions: list[PlaceMention], off: int) -> list[Place]:
    """Countries a subject names: a country mention, a demonym before an institution, an institution itself."""
    span = {t.i + off for t in subject.subtree}
    found = [m.place for m in mentions if m.start in span and m.place.precision == "country"]
    if found:
        return list({p.country_code: p for p in found}.values())
    text = " ".join(t.lower_ for t in subject.subtree)
    for name in _SENDERS:
        if re.search(rf"\b{re.escape(name)}\b", text):
            code = lx.INSTITUTION_COUNTRY[name]
            place = geo.resolve(geo.country_name(code) or code)
            if place.resolved:
                return [replace(place, mention=name.title(), why=f"'{name}' acts for this country")]
    for t in subject.subtree:  # "the Bulgarian government", "French troops' commanders"
        demonym = geo.demonym_country(t.text) if t.text[:1].isupper() and t.tag_ == "JJ" else None
        if demonym:
            place = geo.resolve(geo.country_name(demonym) or demonym)
            if place.resolved:
                return [replace(place, mention=t.text, why=f"'{t.text}' names the sending country")]
    return []


_SENDERS = sorted((n for n, c in lx.INSTITUTION_COUNTRY.items() if c != "NATO"), key=len, reverse=True)


def _resolve_pronoun(sent: Span, mentions: list[PlaceMention]) -> Place | None:
    """``defend it``: the nearest country named earlier in the sentence."""
    tw = words(sent.doc)
    for j in range(sent.start, sent.end - 1):
        if tw.lower[j] in ("defend", "to", "into") and tw.lower[j + 1] in ("it", "them"):
            earlier = [m for m in mentions if m.end <= j and m.place.precision == "country"]
            if earlier:
                return replace(earlier[-1].place, mention=f"it ({earlier[-1].text})",
                               why=f"'it' refers back to {earlier[-1].text}")
    return None


def _evidence_bounds(sent: Span) -> tuple[int, int]:
    """Character offsets (within the paragraph) of the quote for a claim: its sentence, trimmed."""
    doc, w = sent.doc, words(sent.doc)
    s, e = sent.start, sent.end
    while s < e - 1 and ((doc[s].is_punct and w.text[s] not in ("“", "\"")) or w.lower[s] in _CONJUNCTIONS):
        s += 1
    while e - 1 > s and (w.lower[e - 1] in _CONJUNCTIONS or doc[e - 1].is_space):
        e -= 1
    return w.idx[s], w.idx[e - 1] + len(w.text[e - 1])


def _is_person(doc: Doc, m: PlaceMention, attribution: str | None, people: dict[str, str]) -> bool:
    """A name that is someone speaking ("Kirby said") or a person the article names, not a place."""
    w = words(doc)
    if m.end < len(w.lower) and w.lower[m.end] in lx.SPEECH_VERBS:
        return True
    if m.text in people or m.text in people.values():
        return True
    return bool(attribution) and m.text in (attribution or "") and m.place.precision == "unresolved"


def _anchor_events(
    sent: Span, parsed: Doc, anchors: list[Anchor], mentions: list[PlaceMention]
) -> list[tuple[Anchor, ev.Event]]:
    """The movement each anchor takes part in, read from the parse; anchors that move nowhere are left out."""
    off = sent.start
    heads = [ev.head_of(parsed, ev.Span(m.start - off, m.end - off)) for m in mentions]
    found: list[tuple[Anchor, ev.Event, Token]] = []
    for anchor in anchors:
        ah = ev.head_of(parsed, ev.Span(anchor.start - off, anchor.end - off))
        if anchor.event:
            named = ev.kind_of(ah, "obj")
            if named is not None:
                negated, hedged, question = ev.modality(ah, ah)
                origins, dests = ev.place_roles(ah, ah, named, heads)
                if not question:
                    found.append((anchor, ev.Event(named, ah.i, negated, hedged, tuple(origins), tuple(dests),
                                                   ("event",)), ah))
            continue
        if anchor.count is not None and anchor.end == anchor.count.end and ah.dep_ in ("nummod", "compound") and \
                ah.head.tag_.startswith("N") and ah.head.lower_ not in lx.TROOP_NOUNS:
            continue  # a bare figure that counts some other noun ("2,000 senators", "300 rounds")
        remain = _remains(ah, heads)
        if remain is not None:
            found.append((anchor, remain, ah))
            continue
        pred_link = ev.find_predicate(ah)
        if pred_link is None:
            change = _change_in_strength(ah, heads)
            if change is not None:
                found.append((anchor, change, ah))
                continue
            stative = _stative_buildup(ah, heads)
            if stative is not None:
                found.append((anchor, stative, ah))
            continue
        pred, link = pred_link
        kind = ev.kind_of(pred, link)
        if kind is None:
            continue
        if link == "obj" and lemma(pred) in lx.JOINING_LEMMAS and pred.tag_.startswith("V"):
            continue  # "the 1,000 troops in Estonia will be reinforced by 800 more": they are joined, not moved
        negated, hedged, question = ev.modality(pred, ah)
        if question or (ev.negated_only(pred) and not negated):
            continue
        origins, dests = ev.place_roles(pred, ah, kind, heads)
        if ev.negated_only(pred) and not dests:
            continue  # "would not be fighting in combat operations": no place, no movement ruled out
        if link == "acl" and pred.tag_ == "VBN" and kind == "deploy" and dests and not _ahead(pred) and all(
                ev.attachment(heads[k])[0] in lx.LOCATIVE_PREPS for k in dests):
            kind = Kind.BUILDUP  # "the number of troops deployed in Crimea": where they are massed
        if kind == "deploy" and any(lx.MOVE_LEMMAS.get(lemma(t)) == "pledge" for t in ev.control_chain(pred)[1:]):
            kind = Kind.PLEDGE  # "promised to send additional troops"
        if kind == "deploy" and dests and all(ev.attachment(heads[k])[0] in lx.ALONG_PREPS for k in dests):
            kind = Kind.BUILDUP  # "deployed thousands of troops along the border"
        notes: tuple[str, ...] = ()
        if kind in ("deploy", "relocate", "withdraw") and ev.homeward(pred):
            kind, notes = Kind.WITHDRAW, ("homeward",)  # "return to their bases", "flown home"
        elif kind == "withdraw" and dests and lemma(pred) in lx.LEAVE_FOR_LEMMAS and not any(
                c.dep_ == "conj" and ev.kind_of(c, "subj") == "withdraw" for c in pred.children):
            kind = Kind.DEPLOY  # "will leave Vilseck for Romania": a move on, not a return
        elif kind == "withdraw" and dests and lemma(pred) in lx.RETURN_LEMMAS:
            notes = ("return",)  # going home only if the place is their own country (decided with the force)
        if lemma(pred) in lx.STATIONED_LEMMAS and not _ahead(pred):
            # "troops stationed in Germany" says where they are, not that they move; along a border it is a buildup.
            along = [k for k in dests if _at_border(heads[k])]
            then = ev.shared_subject_move(pred)
            if then is not None and not along:
                # "was stationed in Khan Younis, but withdrew from the area": where they were is the origin
                kind = ev.kind_of(then, "subj") or kind
                was = dests
                origins, dests = ev.place_roles(then, ah, kind, heads)
                origins = origins or was
                negated, hedged, _ = ev.modality(then, ah)
                pred = then
            elif not along:
                continue
            else:
                kind, origins, dests = Kind.BUILDUP, [], along
        found.append((anchor, ev.Event(kind, pred.i, negated, hedged, tuple(origins), tuple(dests), notes), ah))
    # Two anchors of one predicate ("1,700 to Poland and 300 to Germany"): a place the verb governs
    # goes to the nearest anchor before it.
    by_pred: dict[int, list[int]] = {}
    for k, (_, event, _) in enumerate(found):
        by_pred.setdefault(event.predicate, []).append(k)
    out: list[tuple[Anchor, ev.Event]] = []
    for k, (anchor, event, ah) in enumerate(found):
        sharing = by_pred[event.predicate]
        if len(sharing) > 1:
            # An anchor inside another ("troops, including military police") keeps only its own places.
            inner = {j for j in sharing if found[j][2].dep_ != "conj" and any(
                i != j and found[j][2].i in {t.i for t in found[i][2].subtree} for i in sharing)}
            leading = [j for j in sharing if j not in inner and not found[j][0].partitive] or sharing

            # "1,500 US soldiers and 500 British troops will be deployed to Estonia": troops joined before
            # the verb share the places after it (unlike "send 2,000 to Poland and 1,000 to Romania").
            verb_at = event.predicate + off
            joined_subjects = k not in inner and all(found[j][0].end <= verb_at for j in leading)

            def owner(place: int, leading: list[int] = leading, k: int = k, joined: bool = joined_subjects,
                      verb_at: int = verb_at) -> int:
                if ev.attachment(heads[place])[1].i in {t.i for t in found[k][2].subtree}:
                    return k
                start = mentions[place].start
                if joined and start > verb_at:
                    return k
                before = [j for j in leading if found[j][0].start <= start]
                return max(before, key=lambda j: found[j][0].start) if before else leading[0]

            event = replace(event, origins=tuple(p for p in event.origins if owner(p) == k),
                            destinations=tuple(p for p in event.destinations if owner(p) == k))
        event = replace(event, origins=tuple(ev.named_together(event.origins, heads, ah, parsed[event.predicate])),
                        destinations=tuple(ev.named_together(event.destinations, heads, ah)))
        out.append((anchor, event))
    # "4,100 Marines to be relocated to Guam, along with 900 others": those added go where their host goes.
    for k, (anchor, event) in enumerate(out):
        ah = found[k][2]
        if not event.destinations and ah.dep_ == "pobj" and ah.head.lower_ in lx.ADDING_PREPS:
            at = ah.head.head
            while at.dep_ == "prep" and at.head.i != at.i:
                at = at.head  # "along with": up to the verb or noun the addition hangs on
            host = next((out[j][1] for j in range(len(out)) if j != k and (
                found[j][2].i == at.i or out[j][1].predicate == at.i)), None)
            if host is not None and host.predicate == event.predicate:
                out[k] = (anchor, replace(event, destinations=host.destinations))
    # "20 soldiers arriving in Vilnius and 150 more to join them": those joining go where the others went.
    for k, (anchor, event) in enumerate(out):
        pred = parsed[event.predicate]
        if not event.destinations and k > 0 and lemma(pred) in lx.JOINING_LEMMAS and any(
                c.dep_ == "dobj" and c.lower_ in lx.TROOP_PRONOUNS for c in pred.children):
            earlier = [e for a, e in out[:k] if e.destinations]
            if earlier:
                out[k] = (anchor, replace(event, destinations=earlier[-1].destinations))
    # "80,000 troops stationed along the border, 40,000 of them in Crimea": a part with its own place and
    # no verb of its own takes the movement of the sentence.
    moved = {id(a) for a, _ in out}
    for anchor in anchors:
        if id(anchor) in moved or anchor.count is None or not out:
            continue
        ah = ev.head_of(parsed, ev.Span(anchor.start - off, anchor.end - off))
        if ah.dep_ not in ("appos", "attr", "conj", "npadvmod"):
            continue
        before = [e for a, e in out if a.start < anchor.start]
        if not before:
            continue
        kind = before[-1].kind
        own = [k for k, h in enumerate(heads) if ev.attachment(h)[1].i == ah.i]
        if own:
            pred = parsed[before[-1].predicate]
            origins, dests = ev.place_roles(pred, ah, kind, [heads[k] for k in own])
            out.append((anchor, ev.Event(kind, pred.i, before[-1].negated, before[-1].hedged,
                                         tuple(own[i] for i in origins), tuple(own[i] for i in dests))))
    return _summed(out, parsed, off)


def _summed(out: list[tuple[Anchor, ev.Event]], parsed: Doc, off: int) -> list[tuple[Anchor, ev.Event]]:
    """Figures joined under one verb, the later with no place of its own: one group, counted together.

    ``will add 3,000 fighters and another 2,000 support troops`` is 5,000 troops going one way.
    """
    merged: list[tuple[Anchor, ev.Event]] = []
    for anchor, event in out:
        if merged:
            first, first_event = merged[-1]
            head = ev.head_of(parsed, ev.Span(anchor.start - off, anchor.end - off))
            first_head = ev.head_of(parsed, ev.Span(first.start - off, first.end - off))
            if (head.dep_ == "conj" and head.head.i == first_head.i and event.predicate == first_event.predicate
                    and not event.origins and not event.destinations and event.negated == first_event.negated
                    and first.count is not None and anchor.count is not None and first.count.value is not None
                    and anchor.count.value is not None and not first.partitive and not anchor.partitive
                    and first.force == anchor.force):  # "1,500 US soldiers and 500 British troops": two forces
                both = CountMention(first.count.start, anchor.count.end, first.count.number_start,
                                    first.count.value + anchor.count.value,
                                    f"{first.count.text} and {anchor.count.text}")
                merged[-1] = (replace(first, end=max(first.end, anchor.end), count=both), first_event)
                continue
        merged.append((anchor, event))
    return merged


def _the_country(pred: Token, anchor: Anchor, mentions: list[PlaceMention], sent: Span) -> Place | None:
    """``on the country's territory``: the country the sentence names, other than the troops' own."""
    said = False
    for prep in pred.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in lx.DESTINATION_PREPS | lx.LOCATIVE_PREPS:
            for t in prep.subtree:
                if t.lower_ == "country" and any(c.lower_ == "the" for c in t.children):
                    said = True
    if not said:
        return None
    own = anchor.force
    tw = words(sent.doc)
    for i in range(sent.start, sent.end):
        code = geo.demonym_country(tw.text[i]) if tw.text[i][:1].isupper() else None
        if code is None:
            m = next((m for m in mentions if m.start == i and m.place.precision == "country"), None)
            code = m.place.country_code if m else None
        if code and code != own and not (anchor.start <= i < anchor.end):
            place = geo.resolve(geo.country_name(code) or code)
            if place.resolved:
                return replace(place, mention="the country", why=f"'the country' refers back to {place.name}")
    return None


def _narrowest(mention: PlaceMention, parsed: Doc, mentions: list[PlaceMention], off: int) -> Place:
    """The place, or a narrower one of the same country that the sentence gives for what the country owns.

    ``from Niger's Air Base 101 near the capital Niamey``: the base is at Niamey, which says more than
    Niger; ``to Mozambique's Cabo Delgado province``: the province.
    """
    place = mention.place
    head = ev.head_of(parsed, ev.Span(mention.start - off, mention.end - off))
    if place.precision != "country" or head.dep_ != "poss":
        return place
    owned = head.head
    inside = {t.i + off for t in owned.subtree}
    for other in mentions:
        if other is mention or other.place.country_code != place.country_code or \
                other.place.precision not in ("city", "site", "admin"):
            continue
        if other.start in inside or other.start <= owned.i + off < other.end:
            return replace(other.place, why=f"{other.place.why}; {mention.text}'s {owned.text}, said more narrowly")
    return place


def _names_again(tw: Words, anchor: Anchor, antecedent: str | None, first: int) -> bool:
    """``the regiment('s soldiers)`` after "the 2nd Cavalry Regiment": a definite formation names the unit before."""
    if not antecedent:
        return False
    last = antecedent.split()[-1].lower()
    for i in range(max(first + 1, anchor.start - MAX_BACK_REFERENCE), anchor.end):
        word = tw.lower[i].removesuffix("'s").removesuffix("’s")
        if word == last and word in lx.MOVING_FORMATIONS and tw.lower[i - 1] == "the":
            return True
    return False


# How many words before the troops "the regiment's" may stand ("the regiment's 1,000 soldiers").
MAX_BACK_REFERENCE = 3


def _sends_by(unit: UnitMention, parsed: Doc, off: int) -> int | None:
    """The verb by which ``unit`` sends others ("the 3rd Infantry Division is sending 3,800 soldiers"), if any."""
    head = ev.head_of(parsed, ev.Span(unit.start - off, unit.end - off))
    return head.head.i if sends_others(head) else None


def _owns_unit(unit: UnitMention, sent: Span, parsed: Doc) -> bool:
    """A unit named as the owner of another ("the 3rd Infantry Division's 1st Armored Brigade") is not the mover."""
    head = ev.head_of(parsed, ev.Span(unit.start - sent.start, unit.end - sent.start))
    return head.dep_ == "poss"


def _the_region(pred: Token, mentions: list[PlaceMention], off: int) -> Place | None:
    """``sent more personnel to the region amid tension in the Middle East``: the region the sentence names."""
    said = any(prep.dep_ in ("prep", "dative") and prep.lower_ in lx.DESTINATION_PREPS and any(
        obj.dep_ == "pobj" and obj.lower_ == "region" and any(d.lower_ == "the" for d in obj.children)
        for obj in prep.children) for prep in pred.children)
    if not said:
        return None
    regions = {m.place.name: m for m in mentions if m.place.precision == "region"}
    if len(regions) != 1:
        return None  # none, or more than one to choose from
    m = next(iter(regions.values()))
    return replace(m.place, mention="the region", why=f"'the region' refers to {m.text}, named in the sentence")


def _formation(parsed: Doc, anchor: Anchor, off: int) -> bool:
    """The troops are a formation ("an additional battalion of reserve forces"), not an unnamed crowd."""
    head = ev.head_of(parsed, ev.Span(anchor.start - off, anchor.end - off))
    while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != head.head.i:
        head = head.head.head
    return lemma(head) in lx.FORMATION_HEADS or head.lower_ in lx.FORMATION_HEADS


def _host_country(pred: Token, anchor: Anchor, sent: Span) -> Place | None:
    """``the Bulgarian government approved the deployment of 800 Italian servicemen``: the approving host."""
    if not pred.tag_.startswith("N") or pred.dep_ not in ("dobj", "nsubjpass") or \
            lemma(pred.head) not in lx.HOSTING_LEMMAS:
        return None
    for subj in pred.head.children:
        if subj.dep_ not in ("nsubj", "agent"):
            continue
        for t in subj.subtree:
            code = geo.demonym_country(t.text) if t.text[:1].isupper() else None
            place = geo.resolve(t.text) if code is None and t.tag_ == "NNP" else None
            if code is None and place is not None and place.precision == "country":
                code = place.country_code
            if code and code != anchor.force:
                found = geo.resolve(geo.country_name(code) or code)
                if found.resolved:
                    return replace(found, mention=t.text, why=f"the host that {pred.head.text} the {pred.text}")
    return None


def _planned(pred: Token) -> bool:
    """The movement is only planned or talked about ("held talks to deploy", "considering sending")."""
    return any(lemma(t) in lx.HEDGING_GOVERNORS or any(
        c.dep_ in ("nsubj", "nsubjpass") and lemma(c) in lx.UNDECIDED_NOUNS for c in t.children)
        for t in ev.control_chain(pred)[1:])


def _ahead(pred: Token) -> bool:
    """A verb of stationing that looks ahead ("will be stationed", "to be based"), so it is a move."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "to", "shall", "'ll") for c in
               pred.children) or pred.head.lower_ in ("begin", "begins", "began", "start")


def _at_border(tok: Token) -> bool:
    word, gov = ev.attachment(tok)
    return word in ("along", "near", "on", "close") or "border" in {t.lower_ for t in gov.subtree} or any(
        t.lower_ in ("border", "frontier") for t in tok.head.subtree if t.i < tok.i)


def _remains(anchor: Token, heads: list[Token]) -> ev.Event | None:
    """``Some forces will remain in the country``: a movement ruled out, from where they stay."""
    verb = anchor.head
    if anchor.dep_ not in ("nsubj",) or lemma(verb) not in lx.REMAIN_LEMMAS:
        return None
    if verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ == "aux" for c in verb.children):
        return None  # "fewer than 2,500 troops remain in Iraq": where they are, no move ruled out
    where = [k for k, h in enumerate(heads) if ev.attachment(h) in (("in", verb), ("at", verb))]
    return ev.Event(Kind.RELOCATE, verb.i, negated=True, origins=tuple(where[:1]))


def _change_in_strength(anchor: Token, heads: list[Token]) -> ev.Event | None:
    """``There will be 2,500 fewer soldiers in the Sahel``: fewer troops somewhere is a withdrawal from it."""
    verb = anchor.head
    if lemma(verb) != "be" or anchor.dep_ not in ("attr", "nsubj") or not any(
            c.dep_ == "expl" for c in verb.children):
        return None
    change = {c.lower_ for c in anchor.children if c.dep_ in ("amod", "advmod")}
    if not change & lx.FEWER_WORDS:
        return None
    where = [k for k, h in enumerate(heads) if ev.attachment(h)[0] in ("in", "at") and
             ev.attachment(h)[1].i in (anchor.i, verb.i)]
    return ev.Event(Kind.WITHDRAW, verb.i, origins=tuple(where[:1]))


def _stative_buildup(anchor: Token, heads: list[Token]) -> ev.Event | None:
    """``Russia has 100,000 troops near the border``, ``there are 80,000 troops along the frontier``."""
    verb = anchor.head
    if lemma(verb) not in ("have", "be") or anchor.dep_ not in ("dobj", "attr", "nsubj"):
        return None
    near = []
    for k, h in enumerate(heads):
        word, gov = ev.attachment(h)
        if gov.i in (anchor.i, verb.i) and word in ("along", "near", "on", "close", "at", "in") and _at_border(h):
            near.append(k)
    if not near:
        return None
    return ev.Event(Kind.BUILDUP, verb.i, destinations=tuple(near))


def _sentence_claims(
    sent: Span,
    parsed: Doc,
    nlp: Language,
    index: int,
    troop_context: bool,
    speaker: Callable[[], str | None],
    previous: list[_Draft],
    names: ArticleNames,
    units: list[UnitMention],
    antecedent: str | None = None,
) -> list[_Draft]:
    people = names.people
    tw = words(sent.doc)
    doc = sent.doc
    counts = find_counts(sent)
    anchors = find_anchors(sent, counts, troop_context, units)
    anchors = counts_to_nouns(sent, parsed, anchors, counts)
    # "The 101st Airborne Division has received prepare-to-deploy orders": the unit is the troops.
    covered = {i for a in anchors for i in range(a.start, a.end)}
    anchors += [Anchor(u.start, u.end, None, definite=True) for u in units
                if covered.isdisjoint(range(u.start, u.end)) and not _owns_unit(u, sent, parsed)
                and (not anchors or unit_moves(u, sent, parsed, covered))]
    anchors += formation_anchors(sent, parsed, anchors, units)
    if troop_context:
        anchors += pronoun_anchors(sent, parsed, anchors)
    if names.forces:
        anchors += named_force_anchors(sent, parsed, anchors, names.forces)
    if not anchors and troop_context:
        anchors = event_anchors(sent, parsed) or facility_anchors(sent, parsed)
    anchors.sort(key=lambda a: a.start)
    if not anchors:
        return []
    attribution = speaker()  # looked for only where there is a claim to credit
    in_units = {i for u in units for i in range(u.start, u.end)}
    mentions = [m for m in find_places(sent, nlp) if not _is_person(doc, m, attribution, people)
                and in_units.isdisjoint(range(m.start, m.end))]
    events = _anchor_events(sent, parsed, anchors, mentions)
    if not events:
        return []
    off = sent.start
    drafts: list[_Draft] = []
    partitive_origin: Place | None = None
    totals: list[tuple[int, Place]] = []
    for anchor, event in events:
        kind: Kind = event.kind
        negated, hedged = event.negated, event.hedged
        origins = [mentions[k] for k in event.origins]
        dests = [mentions[k] for k in event.destinations]
        if anchor.no_det:
            negated = True
        if anchor.partitive and origins:
            partitive_origin = origins[0].place
        elif origins and anchor.count is not None and anchor.count.value is not None:
            totals.append((anchor.count.value, origins[0].place))
        if anchor.partitive:
            continue
        origin = _narrowest(origins[0], parsed, mentions, off) if origins else None
        if origin is None and partitive_origin is not None:
            origin = replace(partitive_origin, why=partitive_origin.why + "; carried over from earlier in the sentence")
        destinations = [_narrowest(m, parsed, mentions, off) for m in dests]
        if not destinations and not negated:
            region = _the_region(parsed[event.predicate], mentions, off)
            destinations = [region] if region is not None else []
        pred_at = event.predicate + off
        if not destinations and not negated:
            land = _the_country(parsed[event.predicate], anchor, mentions, sent) or _host_country(
                parsed[event.predicate], anchor, sent)
            if land is not None:
                destinations = [land]
        if negated and not destinations:
            pron = _resolve_pronoun(sent, mentions)
            if pron is not None:
                destinations = [pron]
        count = anchor.count
        count_value = count.value if count else None
        additive = not lx.ADDITIVE_WORDS.isdisjoint(tw.lower[anchor.start:anchor.end + 1])
        part_of = [p for total, p in totals if count_value is not None and count_value < total and not additive]
        if origin is None and part_of:
            # "withdraw 11,900 troops from Germany, with roughly 6,400 returning to the United States"
            origin = replace(part_of[-1], why=part_of[-1].why + "; part of a larger total earlier in the sentence")
        count_text = count.text if count else None
        unit_list = [u for u in units if u.start >= anchor.start and u.start <= max(anchor.end, pred_at) + 8] or [
            u for u in units if _sends_by(u, parsed, off) == event.predicate]
        unit = unit_list[0].name if unit_list else (
            antecedent if anchor.pronoun or _names_again(tw, anchor, antecedent, sent.start) else None)
        force = anchor.force
        anchor_head = ev.head_of(parsed, ev.Span(anchor.start - off, anchor.end - off))
        subjects = _senders(parsed[event.predicate], anchor_head, mentions, off) or [
            m.place for m in mentions  # "US troops deploying soon to Poland": the troops' own country sends them
            if anchor.start <= m.start < anchor.end and m.place.precision == "country"][:1]
        # "Given that Ukraine is not a NATO member, ... ruled out deploying troops to defend it": the
        # country troops would go to is not the side sending them.
        # A domestic move ("Russia moved troops to the Kursk region") keeps its sender: only a country named
        # as the destination itself is set aside.
        subjects = [p for p in subjects if p.country_code not in
                    {d.country_code for d in destinations if d.precision == "country"}]
        if force is None and subjects:
            force = ",".join(dict.fromkeys(p.country_code or "" for p in subjects if p.country_code))
        if (anchor.anaphoric or anchor.pronoun) and count is None and not negated and previous:
            last = previous[-1]
            if index - last.sentence_index <= 1 and last.count is not None:
                count_value, count_text = last.count, last.count_text
                force = force or last.force
        if force is None and origin is not None and origin.precision == "site" and origin.country_code:
            force = origin.country_code  # troops at a military installation belong to its country
        if negated:
            pass  # kept, and never drawn: "no conscripts will be sent", "some forces will remain"
        elif kind == "withdraw":
            if not destinations and origin is None and count_value is None and count_text is None and unit is None \
                    and "homeward" not in event.notes and "event" not in event.notes and not anchor.facility:
                continue  # "pulling troops back from the border": where they leave is the claim
        elif kind in ("deploy", "relocate", "pledge"):
            moved_unit = not hedged and any(u.start == anchor.start and u.end == anchor.end for u in units)
            if not destinations and count_value is None and count_text is None and not moved_unit:
                continue  # a named unit moved is a claim without figure or place ("transferring the 98th Division")
            if not destinations and origin is None and count is None and not moved_unit:
                continue
        elif kind == "buildup":
            named_buildup = anchor.force is not None and parsed[event.predicate].tag_.startswith("N")
            if not destinations and count is None and not named_buildup:
                continue  # kept without figure or place only as "the build-up of Serbian forces": whose is said
        elif kind == "alert" and count is None and not destinations and unit is None and not _formation(
                parsed, anchor, sent.start):
            continue
        if (origin is None and kind in ("deploy", "relocate") and len(subjects) == 1 and not negated and destinations
                and lemma(parsed[event.predicate]) in lx.SENDING_LEMMAS
                and all(d.country_code != subjects[0].country_code for d in destinations)):
            origin = replace(subjects[0], why=subjects[0].why or "the sender named as the sentence's subject")
        if hedged and kind == "deploy" and count_value is None and not negated and _planned(parsed[event.predicate]):
            continue  # "talks to deploy thousands of troops": no figure, no decision
        s_char, e_char = _evidence_bounds(sent)
        # A movement ruled out for several places is ruled out for each ("not to Iraq or Syria").
        for where in [[d] for d in destinations] if negated and len(destinations) > 1 else [destinations]:
            drafts.append(_Draft(
                kind=kind,
                negated=negated,
                hedged=hedged,
                count=count_value,
                count_text=count_text,
                force=force,
                unit=unit,
                origin=origin,
                destinations=where,
                attributed_to=attribution,
                start=s_char,
                end=e_char,
                definite=anchor.definite,
                sentence_index=index,
                returning="return" in event.notes,
            ))
    return drafts


def _is_back_reference(draft: _Draft, earlier: dict[tuple[str, int | None], list[_Draft]]) -> bool:
    """``the 8,500 who are on alert``: a count already claimed, with nothing new said about it."""
    if not draft.definite or draft.count is None:
        return False
    for e in earlier.get((draft.kind, draft.count), ()):
        if not e.negated:
            new_place = (draft.origin is not None and e.origin is None) or any(
                d.name not in {x.name for x in e.destinations} for d in draft.destinations)
            if not new_place and (draft.unit is None or draft.unit == e.unit):
                return True
    return False


# Above this many characters an article is read in parallel chunks of paragraphs, one per core.
PARALLEL_CHARS = 1_000_000


def _drafts(paragraphs: list[tuple[int, str]], names: ArticleNames) -> list[_Draft]:
    """Claims (before the article-level passes) in a run of paragraphs."""
    nlp = pipeline()
    docs = [read(nlp, body) for _, body in paragraphs]
    sentences: list[tuple[int, Span]] = []
    for (offset, _), doc in zip(paragraphs, docs, strict=True):
        sentences.extend((offset, s) for s in doc.sents)
    speakers: dict[int, str | None] = {}

    def speaker_at(i: int) -> str | None:
        if i not in speakers:
            sent = sentences[i][1]
            found = speaker_in(sent)
            opens_with = words(sent.doc).full[sent.start_char:sent.end_char].lower().startswith(CONTINUATIONS)
            if found == "<pronoun>" or (found is None and opens_with):
                found = next((speaker_at(j) for j in range(i - 1, max(-1, i - 6), -1) if speaker_at(j)), None)
            speakers[i] = expand_name(found, names.people)
        return speakers[i]

    candidates: list[tuple[int, int, Span, bool, list[UnitMention]]] = []
    force_words = {f.lower() for f in names.forces}
    last_troop_sentence = -10
    for index, (offset, sent) in enumerate(sentences):
        lowers = words(sent.doc).lower[sent.start:sent.end]
        present = set(lowers)
        mentions_troops = not present.isdisjoint(lx.TROOP_NOUNS) or not present.isdisjoint(FORMATION_FORMS)
        numbers = [w for w in present if w[:1].isdigit()]
        has_number = bool(numbers)
        sent = _without_bullet(sent)
        units = find_units(sent) if not present.isdisjoint(_UNIT_FIRST_WORDS) or any(
            w.endswith(("st", "nd", "rd", "th")) for w in numbers) else []
        troop_context = mentions_troops or bool(units) or index - last_troop_sentence <= 3
        if mentions_troops or units:
            last_troop_sentence = index
        worth_a_look = mentions_troops or bool(units) or (troop_context and (
            not present.isdisjoint(lx.TROOP_PRONOUNS) or (has_number and _counts_may_be_troops(sent)))) or (
            has_number and not present.isdisjoint(lx.FORMATION_HEADS)) or (  # "a company of 120 people"
            not present.isdisjoint(force_words)) or (  # "Wagner will not return"
            troop_context and not present.isdisjoint(lx.EVENT_NOUNS)) or (  # "the pullout is expected to ..."
            troop_context and not present.isdisjoint(FACILITY_FORMS) and any(  # "its bases were vacated"
                verb_lemma(w) in lx.LEAVE_LEMMAS for w in present))
        if worth_a_look:
            candidates.append((index, offset, sent, troop_context, units))
    parsed = parse([sent for _, _, sent, _, _ in candidates])
    drafts: list[_Draft] = []
    by_count: dict[tuple[str, int | None], list[_Draft]] = {}
    antecedent: str | None = None  # the last unit named, for "they" in the sentences after it
    bases: dict[str, Place] = {}  # where a unit is based, as the article says it anywhere
    for (index, offset, sent, troop_context, named), tree in zip(candidates, parsed, strict=True):
        speaker = partial(speaker_at, index)
        found = _sentence_claims(sent, tree, nlp, index, troop_context, speaker, drafts, names, named, antecedent)
        antecedent = named[-1].name if named else antecedent
        for unit in named:
            base = _home_base(unit, sent, tree)
            if base is not None:
                bases.setdefault(unit.name, base)
        for d in found:
            d.start += offset
            d.end += offset
            if not _is_back_reference(d, by_count):
                drafts.append(d)
                by_count.setdefault((d.kind, d.count), []).append(d)
    for d in drafts:
        if d.origin is None and d.unit in bases and d.kind in ("deploy", "relocate", "withdraw"):
            base = bases[d.unit]
            d.origin = replace(base, why=f"{d.unit}'s home base, stated elsewhere in the article; {base.why}")
    return drafts


def _counts_may_be_troops(sent: Span) -> bool:
    """Whether a sentence with no troop word has figures that may still stand for troops.

    "another 2,000 will go", "150 Light Dragoons" (a capitalised name after the figure); not "in 2014"
    or "$1 billion": such a sentence is not worth parsing.
    """
    counts = find_counts(sent)
    if not counts:
        return False
    if find_anchors(sent, counts, True, []):
        return True
    tw = words(sent.doc)
    return any(c.end < sent.end and tw.text[c.end][:1].isupper() for c in counts)


def _home_base(unit: UnitMention, sent: Span, parsed: Doc) -> Place | None:
    """Where a unit is based, when its sentence says so ("the 2nd Cavalry Regiment, based in Vilseck")."""
    head = ev.head_of(parsed, ev.Span(unit.start - sent.start, unit.end - sent.start))
    verbs = [c for c in head.children if c.dep_ in ("acl", "relcl")]
    if head.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(head.head)
    for verb in verbs:
        if lemma(verb) not in lx.STATIONED_LEMMAS:
            continue
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        text = words(sent.doc).span_text(obj.left_edge.i + sent.start,
                                                         obj.right_edge.i + sent.start + 1)
                        place = geo.resolve(text.removeprefix("the ").strip(), sent.text)
                        if place.resolved:
                            return place
    return None


def _without_bullet(sent: Span) -> Span:
    """The sentence without a leading list mark ("- Added 20,000 troops to Europe"), which the parser misreads."""
    start = sent.start
    while start < sent.end - 1 and sent.doc[start].text in lx.LIST_MARKS:
        start += 1
    return sent.doc[start:sent.end] if start > sent.start else sent


def _drafts_of_chunk(job: tuple[list[tuple[int, str]], ArticleNames]) -> list[_Draft]:
    return _drafts(*job)


def _all_drafts(paragraphs: list[tuple[int, str]], names: ArticleNames, size: int) -> list[_Draft]:
    """Drafts of every paragraph; a very long article is split across processes.

    The processes are forked, so the pipeline and gazetteer already loaded are shared. A
    back-reference across a chunk border is then kept as its own claim.
    """
    workers = min(os.cpu_count() or 1, 4)
    if size <= PARALLEL_CHARS or workers < 2 or len(paragraphs) < 2 * workers:
        return _drafts(paragraphs, names)
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return _drafts(paragraphs, names)
    step = -(-len(paragraphs) // workers)
    jobs = [(paragraphs[i:i + step], names) for i in range(0, len(paragraphs), step)]
    with context.Pool(len(jobs)) as pool:
        parts = pool.map(_drafts_of_chunk, jobs)
    return [d for part in parts for d in part]


def _in_article_context(drafts: list[_Draft], text: str) -> list[_Draft]:
    """Places re-ranked with the article's other places: Paris next to Dallas is Paris, Texas.

    The sentence still counts ("Germany moved soldiers from Munster" is Münster in Germany, whatever the
    article's other places are).
    """
    placed = list({(p.name, p.mention): p for d in drafts for p in (d.origin, *d.destinations)
                   if p is not None and p.resolved}.values())  # each place once, however often it is named
    if len(placed) < 2:
        return drafts
    decided: dict[str, Place] = {}

    def again(p: Place | None, sentence: str) -> Place | None:
        if p is None or not p.resolved or p.precision not in AMBIGUOUS_PRECISIONS:
            return p
        if p.mention not in decided:
            others = [q for q in placed if q.mention != p.mention]
            decided[p.mention] = geo.resolve_in_article(p.mention, others, sentence)
        found = decided[p.mention]
        return found if found.resolved and found.name != p.name else p

    for d in drafts:
        sentence = text[d.start:d.end]
        d.origin = again(d.origin, sentence)
        d.destinations = [q for q in (again(p, sentence) for p in d.destinations) if q is not None]
    return drafts


# Places whose namesakes the article's other places may decide between (not countries or regions).
AMBIGUOUS_PRECISIONS = frozenset({"city", "site", "admin"})


def _family(kind: str) -> str:
    return "move" if kind in ("deploy", "relocate", "pledge") else kind


def _covers(body: _Draft, head: _Draft) -> bool:
    """The body claim says all the headline claim says (same movement, at least as many places)."""
    if _family(body.kind) != _family(head.kind) or body.negated != head.negated:
        return False
    if head.count is not None and body.count != head.count:
        return False
    sender = head.origin is not None and head.origin.country_code == head.force  # "U.S. sending 3,000 troops"
    if head.origin is not None and not sender and (
            body.origin is None or body.origin.country_code != head.origin.country_code):
        return False
    return {p.country_code for p in head.destinations} <= {p.country_code for p in body.destinations}


def _without_repeated_headline(drafts: list[_Draft], article: Article) -> list[_Draft]:
    """A headline that repeats a claim of the body is that claim once, not twice."""
    title = article.source.title
    at = article.text.find(title, 0, HEADLINE_WINDOW + len(title)) if title else -1
    if at < 0 or not title:
        return drafts
    end = at + len(title)
    head = [d for d in drafts if d.start >= at and d.end <= end]
    body = [d for d in drafts if d.start >= end]
    return [d for d in drafts if d not in head or not any(_covers(b, d) for b in body)]


# How far into the text a headline may start (after a date line or a dateline).
HEADLINE_WINDOW = 200


# A capitalised name (or two: "Saudi Arabia") after a preposition of place: where an article's events happen.
_PLACE_NAMED = re.compile(r"\b(?:in|to|into|inside|across|throughout)\s+(?:the\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
# How many more times the article's most-named country must be named than the next, to be what it is about.
FOCUS_MARGIN = 2


def _countries_named_as_places(text: str) -> Counter[str]:
    """How often an article names each country as where things happen: after a preposition of place.

    "arrived in Haiti", "sent to Haiti"; not a country named as the one acting ("a mission led by
    Kenya", "Kenyan police").
    """
    names = Counter(m.group(1) for m in _PLACE_NAMED.finditer(text))
    tally: Counter[str] = Counter()
    for name, n in names.items():
        place = geo.resolve(name)
        if place.precision != "country" and " " in name:
            place = geo.resolve(name.split(" ")[0])  # "in Haiti On Tuesday"
        if place.precision == "country" and place.country_code:
            tally[place.country_code] += n
    return tally


def _focus(tally: Counter[str], besides: set[str]) -> Place | None:
    """The country named most as a place, apart from ``besides``, when clearly ahead of the next."""
    ranked = [(code, n) for code, n in tally.most_common() if code not in besides][:2]
    if not ranked or (len(ranked) > 1 and ranked[0][1] < ranked[1][1] + FOCUS_MARGIN):
        return None
    place = geo.resolve(geo.country_name(ranked[0][0]) or ranked[0][0])
    return place if place.resolved else None


def _ruled_out_where(drafts: list[_Draft], text: str) -> list[_Draft]:
    """A move ruled out with no place named is ruled out for the country the article is about.

    ``ruled out sending American troops`` in an article on Haiti; never drawn (a negated claim is no flow),
    and the place says it was not named in the sentence.
    """
    tally: Counter[str] | None = None  # counted once, and only for an article that needs it
    for d in drafts:
        if d.negated and not d.destinations and d.origin is None and d.kind in ("deploy", "pledge"):
            tally = _countries_named_as_places(text) if tally is None else tally
            focus = _focus(tally, {d.force or "", *(d.force or "").split(",")})
            if focus is not None:
                d.destinations = [replace(focus, mention="(not named in the sentence)",
                                          why=f"not named in the sentence: the article is about {focus.name}")]
    return drafts


def find_claims(article: Article) -> tuple[Claim, ...]:
    """Every movement claim in ``article``, in text order."""
    text = article.text
    pipeline()
    full_names = {k: v for k, v in full_names_in(text).items() if not geo.resolve(v).resolved}
    names = ArticleNames(full_names, named_forces(text))
    paragraphs = _worth_reading(_paragraphs(_tokenizable(text)), names.forces)
    drafts = _in_article_context(_without_repeated_headline(_all_drafts(paragraphs, names, len(text)), article),
                                  text)
    forces = Counter(d.force for d in drafts if d.force and "," not in d.force)
    default_force = forces.most_common(1)[0][0] if forces else "unknown"
    for d in drafts:
        d.force = d.force or default_force
    drafts = _ruled_out_where(drafts, text)
    # Forces the article has leaving a foreign country: their moves into their own country are going home.
    leaving_abroad = {d.force for d in drafts if d.kind == "withdraw" and not d.negated and d.origin is not None
                      and d.origin.country_code and d.origin.country_code != d.force}
    claims: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    for d in drafts:
        key = (d.start, d.end, d.kind, d.count, tuple(p.name for p in d.destinations))
        if key in seen:
            continue
        seen.add(key)
        force = d.force or default_force
        kind = d.kind
        if d.returning and d.destinations and force != "unknown" and all(
                p.country_code and p.country_code not in force.split(",") for p in d.destinations):
            kind = Kind.DEPLOY  # "Dutch troops will return to Mali": back to a mission abroad, not home
        if kind in ("deploy", "relocate") and force in leaving_abroad and d.origin is None and d.destinations and all(
                p.country_code == force for p in d.destinations) and not d.negated:
            kind = Kind.WITHDRAW  # after "the force left Kazakhstan", "flown to the Ivanovo region" is going home
        if kind in ("deploy", "relocate") and d.origin is not None and d.origin.country_code and "," not in force \
                and force not in ("NATO", "unknown") and d.origin.country_code != force:
            kind = Kind.RELOCATE  # troops already abroad moving on
            if d.destinations and all(p.country_code == force for p in d.destinations):
                kind = Kind.WITHDRAW  # troops abroad going back to their own country
        digest = hashlib.sha1(f"{d.start}:{d.end}:{d.kind}:{d.count}".encode()).hexdigest()[:8]
        claims.append(Claim(
            id=f"{article.source.id}:{d.start}:{digest}",
            source_id=article.source.id,
            kind=kind,
            negated=d.negated,
            count=d.count,
            count_text=d.count_text,
            force=force,
            unit=d.unit,
            origin=d.origin,
            destinations=tuple(d.destinations),
            attributed_to=d.attributed_to,
            evidence=Evidence(d.start, d.end, text[d.start:d.end]),
            hedged=d.hedged,
        ))
    return tuple(claims)
