"""Judgement of two aligned claims: equivalent, contradicting (and on which slot), or neither.

Similarity only decides whether two claims are about the same thing; a contradiction needs a
typed conflict on top: a negated predicate that the other side asserts, an antonym, numbers of
the same kind whose intervals do not meet, dates that cannot both hold, or another actor for
the same act. Each rule first checks that both claims can be about the same event.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from claimcheck import lexicon
from claimcheck.extract import dates, numbers
from claimcheck.extract.segment import starts_verb
from claimcheck.match import similarity
from claimcheck.model import Claim, Conflict, DateRef, Quantity, Relation
from claimcheck.normalise import (
    NEGATORS,
    Features,
    content_key,
    coverage,
    dice,
    features,
    key,
    ordered,
    text_keys,
    words,
)


@cache
def params() -> dict[str, float]:
    """Thresholds fitted offline on labeled data (benchmarks/fit.py), shipped as data."""
    text = (
        resources.files("claimcheck").joinpath("lexicons", "judge_params.json").read_text("utf-8")
    )
    data: dict[str, float] = json.loads(text)["thresholds"]
    return data


class Judgement(NamedTuple):
    """How claim a relates to claim b, and why, in plain words."""

    relation: Relation
    similarity: float
    conflict: Conflict | None
    explanation: str
    strength: float = 0.0  # how well the rest aligned, for a contradiction; 1.0 when settled
    also: tuple[tuple[Conflict, str], ...] = ()  # further conflicts on other slots, and why


class Side(NamedTuple):
    """A claim with its features, as the rules see it."""

    claim: Claim
    features: Features
    label: str


def judge(
    a: Claim,
    b: Claim,
    *,
    fa: Features | None = None,
    fb: Features | None = None,
    rare: frozenset[str] | None = None,
    score: float | None = None,
    extra_antonyms: tuple[tuple[str, str], ...] = (),
    equivalent: float | None = None,
) -> Judgement:
    """Judge two claims; `fa`/`fb` and `score` may be passed when already known, `rare` names the
    telling words of a corpus (all words when None), and
    `equivalent` overrides the fitted match score above which two claims say the same thing."""
    fa = fa or features(a.text, a.actors)
    fb = fb or features(b.text, b.actors)
    score = similarity(fa, fb) if score is None else score
    p = params()
    found = [
        candidate
        for candidate in conflicts(Side(a, fa, "a"), Side(b, fb, "b"), rare, extra_antonyms)
        if candidate.strength >= p[GATES[candidate.conflict.slot]]
    ]
    if found:  # the first conflict, and the others on other slots ("in 2019", "$5 million")
        first = found[0]
        slots = {first.conflict.slot}
        also = []
        for other in found[1:]:
            if other.conflict.slot not in slots:
                slots.add(other.conflict.slot)
                also.append((other.conflict, other.why))
        return Judgement(
            Relation.CONTRADICTION, score, first.conflict, first.why, first.strength, tuple(also)
        )
    if score >= (p["equivalent"] if equivalent is None else equivalent):
        return Judgement(Relation.EQUIVALENT, score, None, _agreeing(score))
    if score >= p["related"]:
        return Judgement(
            Relation.RELATED, score, None, f"Related but not the same claim (score {score:.2f})."
        )
    return Judgement(Relation.UNRELATED, score, None, f"Unrelated (score {score:.2f}).")


class Candidate(NamedTuple):
    """A typed conflict a rule found, and how well the rest of the two claims aligns."""

    conflict: Conflict
    why: str
    strength: float


GATES = {
    "date": "date_align",
    "number": "number_align",
    "polarity": "polarity_align",
    "antonym": "antonym_align",
    "actor": "actor_align",
    "attribution": "actor_align",
    "place": "actor_align",  # another name for one act, as an actor is
}


def conflicts(
    a: Side,
    b: Side,
    rare: frozenset[str] | None = None,
    extra_antonyms: tuple[tuple[str, str], ...] = (),
) -> list[Candidate]:
    """Every typed conflict between two claims, in the order the judge considers them; the judge
    keeps the first whose alignment reaches its fitted gate (benchmarks/fit.py fits the gates)."""
    found = []
    for rule in (_dates, _numbers, _polarity, _antonyms, _actors, _places):
        candidate = rule(a, b, rare, extra_antonyms)
        if candidate is not None:
            found.append(candidate)
    return found


def _agreeing(score: float) -> str:
    return (
        f"Both say the same thing (match score {score:.2f}) "
        "with no conflicting date, number or polarity."
    )


def _aligned(
    a: Side,
    b: Side,
    *,
    drop: frozenset[str] = frozenset(),
    contained: bool = False,
) -> float:
    """How well the two claims align once the words in `drop` (stem keys) are set aside: the Dice
    overlap of their content, or with `contained` the share of the shorter one found in the
    other. Names found on one side only are set aside too: whether both speak of the same
    people is the same-event test's question, and a side may say "the film" for a title."""
    ka, kb = a.features, b.features
    drop = drop | (ka.actors ^ kb.actors)
    # Only the content sets take part, so the words are set aside there rather than in a copy
    # of the whole features; the shares are coverage()'s, worked out on what is left.
    content_a, content_b = ka.content - drop, kb.content - drop
    if min(len(content_a - ka.actors), len(content_b - kb.actors)) < MIN_CONTENT:
        return 0.0  # a fragment of names ("Jacob San-Juan, 20") says nothing to align with
    shared = len(content_a & content_b)
    low, high = ordered(shared / max(len(content_a), 1), shared / max(len(content_b), 1))
    return high if contained else dice(low, high)


def _same_event(a: Side, b: Side) -> bool:
    """False when both claims name people or things, share none of them, and name them in the
    same role: another actor on each side, or another setting ("in Aceh" / "in Papua"). A claim
    that names who acts can speak of the same event as one that names only where it was told
    ("The film scored 90%" / "On Rotten Tomatoes, it scored 90%")."""
    if not a.features.actors or not b.features.actors or a.features.actors & b.features.actors:
        return True
    acting_a, scene_a = _roles(a.claim.actors, a.claim.quote)
    acting_b, scene_b = _roles(b.claim.actors, b.claim.quote)
    if (acting_a | scene_a) & (acting_b | scene_b):
        return True  # a word of a name in common: "Arkansas" and "the Arkansas Department"
    return not ((acting_a and acting_b) or (scene_a and scene_b))


@lru_cache(maxsize=1024)
def _roles(actors: tuple[str, ...], quote: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of a claim's names (`actors`, as its `quote` writes them), split into names that
    act and names that set the scene: those after a preposition, over any capitalised words and
    articles before them. Cached, on strings rather than on the claim, which hashes slowly: each
    rule's same-event test asks it again of the same two claims."""
    return _split(actors, quote, lexicon.words("prepositions"))


# Prepositions after which a name is where something happened: "in Dunmore", "at Whatcom
# Community College", "near Arica".
LOCATIVE = frozenset(["in", "at", "near", "outside", "inside"])


@lru_cache(maxsize=1024)
def places(actors: tuple[str, ...], quote: str) -> frozenset[str]:
    """The words of the names a claim places its event at ("in Bellingham, Wash." gives
    bellin, wash)."""
    return _split(actors, quote, LOCATIVE)[1]


def _split(
    actors: tuple[str, ...], quote: str, prepositions: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    acting: set[str] = set()
    scene: set[str] = set()
    for name in actors:
        found = _whole_word(name, quote)
        if found < 0:
            continue
        before = quote[:found].split()
        while (
            before
            and before[-1].lower() not in prepositions
            and (before[-1][:1].isupper() or before[-1].lower() in ("the", "a", "an"))
        ):
            before.pop()
        role = scene if before and before[-1].lower() in prepositions else acting
        role.update(key(w) for w in words(name))
    return frozenset(acting), frozenset(scene)


def _whole_word(phrase: str, text: str) -> int:
    r"""Where `phrase` first stands in `text` between word boundaries, as re.search(r"\b...\b")
    would find it, or -1; without compiling a pattern for every name."""
    at = text.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if _word_char(text[at - 1 : at]) != _word_char(phrase[0]) and _word_char(
            text[end : end + 1]
        ) != _word_char(phrase[-1]):
            return at
        at = text.find(phrase, at + 1)
    return -1


def _word_char(char: str) -> bool:
    r"""A character that re's \w matches (an empty string, beyond either end, is not one)."""
    return char.isalnum() or char == "_"


def _shared_core(a: Side, b: Side, names: frozenset[str], rare: frozenset[str] | None) -> bool:
    """Some rare content word stands within three words of the same name on both sides."""

    def cores(side: Side) -> set[tuple[str, str]]:
        keys = [content_key(w) for w in side.features.words]
        found = set()
        for index, k in enumerate(keys):
            if k in names:
                for near in keys[max(0, index - 3) : index + 4]:
                    telling = rare is None or near in rare
                    if near and near not in side.features.actors and telling:
                        found.add((k, near))
        return found

    return bool(cores(a) & cores(b))


def _nested_actors(a: Side, b: Side) -> bool:
    """One side's names include the other's (a side may name nobody: "the film was released")."""
    x, y = a.features.actors, b.features.actors
    return x <= y or y <= x


Found = Candidate | None
MIN_CONTENT = 1  # content words a claim needs, names and the conflicting words aside


def _dates(a: Side, b: Side, rare: frozenset[str] | None, _: object) -> Found:
    da, db = a.claim.dates, b.claim.dates
    if not da or not db or any(dates.compatible(x, y) for x in da for y in db):
        return None
    date_keys = frozenset(k for d in (*da, *db) for k in text_keys(d.text))
    shared = a.features.actors & b.features.actors
    named = a.features.actors and b.features.actors
    if (named and not shared) or not _nested_actors(a, b):
        return None  # nobody in common, or another place or person on each side: another event
    va, vb = _date_value(da), _date_value(db)
    return Candidate(
        Conflict("date", {a.label: va, b.label: vb}),
        f"Same claim, different dates: one side has {va}, the other {vb}.",
        # Names are set aside: two events of one person differ in what happened, not who. The
        # same name next to the same rare word on both sides ("called Ukraine an artificial
        # state", "described Ukraine as an artificial state") settles it as well.
        1.0
        if _shared_core(a, b, shared, rare)
        else _aligned(a, b, drop=date_keys | shared, contained=True),
    )


def _date_value(refs: tuple[DateRef, ...]) -> str:
    shown = ", ".join(d.shown for d in refs)
    return f"{shown} (from context)" if all(d.inherited for d in refs) else shown


def _numbers(a: Side, b: Side, rare: frozenset[str] | None, _: object) -> Found:
    """Each number of the shorter claim against the same-typed number of the other claim with
    the most shared neighbouring words; a conflict only when their ranges do not meet and no
    consistent number is nearly as well anchored."""
    if not a.claim.quantities or not b.claim.quantities or not _same_event(a, b):
        return None
    short, long = (a, b) if a.features.size <= b.features.size else (b, a)
    for q in short.claim.quantities:
        if numbers.name_qualified(q):
            continue  # "two Republican senators" / "three Republican state senators"
        candidates = [x for x in long.claim.quantities if numbers.comparable(q, x)]
        if not candidates:
            continue
        anchors = [(_shared_context(short, q, long, x), x) for x in candidates]
        best_score, best = max(anchors, key=lambda item: item[0])
        if best_score == 0:
            continue  # no shared neighbouring word ties the two numbers to one quantity
        near = min(best_score - 1, best_score / 2)
        if any(numbers.agree(q, x) and score >= near for score, x in anchors):
            continue
        if _matched_elsewhere(short, q, long, best, best_score):
            continue
        values = {short.label: q.text, long.label: best.text}
        quantities = (*a.claim.quantities, *b.claim.quantities)
        number_keys = frozenset(
            k for n in quantities for k in text_keys(n.text) if k != key(n.unit)
        )
        return Candidate(
            Conflict("number", values),
            f'Same quantity, different numbers: "{values["a"]}" against "{values["b"]}" '
            "(their ranges, rounding and comparators allowed for, do not meet).",
            _aligned(a, b, drop=number_keys, contained=True),  # only for a conflict found
        )
    return None


def _matched_elsewhere(a: Side, qa: Quantity, b: Side, qb: Quantity, score: int) -> bool:
    """True when another number of `a` agrees with `qb`, both plain figures (no comparator opens
    their range), anchored at least as well as `qa` is: `qb` is that number's counterpart, and
    `qa` another quantity ("$3 million in sales" on both sides, and "an estimated $30 million"
    to come on one)."""
    if qb.low != qb.high:
        return False
    return any(
        other is not qa
        and other.low == other.high
        and numbers.comparable(other, qb)
        and numbers.agree(other, qb)
        and _shared_context(a, other, b, qb) >= score
        for other in a.claim.quantities
    )


def _shared_context(a: Side, qa: Quantity, b: Side, qb: Quantity) -> int:
    """How many content words the two numbers have around them in common; names, which tie
    to the whole sentence rather than to one number, and other numbers do not count."""
    names = {n[:5] for n in a.features.actors | b.features.actors}
    near_a = numbers.context(a.claim.quote, qa.text, qa.unit)
    near_b = numbers.context(b.claim.quote, qb.text, qb.unit)
    return len((near_a & near_b) - names)


# A clause that opens with the speaker ("We're the ones who are not raiding Medicare", "I never
# met him") speaks for someone its words do not name: it denies nothing a sentence about named
# people asserts, unless that sentence speaks in the first person too.
SPEAKER = re.compile(r"^\W*(?:i|we|i'm|we're|i've|we've|i'd|we'd|i'll|we'll)\b", re.IGNORECASE)


def core_polarity(
    a: Claim, fa: Features, b: Claim, fb: Features, rare: frozenset[str], score: float
) -> Judgement | None:
    """The polarity conflict of two claims that share one fact's core (facts.core), or None: the
    denial is weighed against the shorter claim, as the longer one may add detail of its own
    ("did not pass the bill last week" / "passed a bill last week allowing ..."). Only a
    negated verb: "included none of the $5.7 billion" denies no part of "requested $5.7
    billion"."""
    cue = (a if a.negated else b).negation_cue or "not"
    if words(cue)[-1:] not in (("not",), ("never",)):
        return None
    found = _polarity(Side(a, fa, "a"), Side(b, fb, "b"), rare, None, contained=True)
    if found is None or found.strength < params()[GATES["polarity"]]:
        return None
    return Judgement(Relation.CONTRADICTION, score, found.conflict, found.why, found.strength)


def _polarity(
    a: Side, b: Side, rare: frozenset[str] | None, _: object, *, contained: bool = False
) -> Found:
    if a.claim.negated == b.claim.negated or not _same_event(a, b):
        return None
    if bool(SPEAKER.match(_folded(a.claim.quote))) != bool(SPEAKER.match(_folded(b.claim.quote))):
        return None
    negative, positive = (a, b) if a.claim.negated else (b, a)
    cue = negative.claim.negation_cue or "not"
    cue_keys = frozenset(key(w) for w in words(cue)) | NEGATORS
    found = re.search(re.escape(cue), negative.claim.quote, re.IGNORECASE)
    after = negative.claim.quote[found.end() :] if found else ""
    scope = _scope(after)
    if not scope & positive.features.content:
        return None  # the negated predicate is not one the other side asserts
    if _other_verb(negative, positive, cue, found) or _conditional(negative.claim.quote, found):
        return None
    first = _first_word(after)
    if first in lexicon.words("speech_verbs"):
        return None  # "did not say who had the gun" withholds a report; it denies nothing
    if first in lexicon.words("degree_adverbs"):
        return None  # "did not directly dispute" denies a manner: "disputed parts" still holds
    predicate = next((k for k in map(content_key, words(after)) if k), "")
    # A cue with a verb of its own ("does not record", "failed to") frames what it denies: its
    # subject is the record, not who acts.
    framed = any(content_key(w) and w not in NEGATORS for w in words(cue))
    if (
        not framed
        and predicate in positive.features.content
        and any(
            _other_subject(x, predicate, y, cue_keys, names=True)
            for x, y in ((negative, positive), (positive, negative))
        )
    ):
        return None  # "the White House did not respond" / "Mr. Trump responded"
    denied = _denied(negative, positive, cue, cue_keys)
    if _same_act(negative, positive, cue, scope, denied):
        aligned = 1.0  # the same actor and act on both sides settles the alignment
    else:
        asserted = len(denied & positive.features.content) / len(denied) if denied else 1.0
        aligned = min(_aligned(a, b, drop=cue_keys, contained=contained), asserted)
    return Candidate(
        Conflict("polarity", {negative.label: _negative(cue), positive.label: "affirmed"}),
        f'One side says it did not happen ("{cue}"), the other says it did.',
        aligned,
    )


CONDITIONS = frozenset(["if", "unless", "whether"])


def _conditional(quote: str, found: re.Match[str] | None) -> bool:
    """Whether the negation stands in a condition ("if we don't get it, there should be no
    deal"): it supposes; it denies nothing."""
    if found is None:
        return False
    clause = CLAUSE_END.split(quote[: found.start()])[-1]
    return not CONDITIONS.isdisjoint(words(clause))


def _other_verb(negative: Side, positive: Side, cue: str, found: re.Match[str] | None) -> bool:
    """Whether a "no" or "none" denies the act of a verb that the other side does not state:
    "the budget included none of the $40 million" leaves "the city requested $40 million"
    whole, where "there is no deal" denies "there is a deal"."""
    if found is None or words(cue)[-1:] not in (("no",), ("none",)):
        return False
    before = words(negative.claim.quote[: found.start()])[-1:]
    verb = content_key(before[0]) if before else ""
    return bool(verb) and verb not in positive.features.content


# Where the clause of a negation cue ends, for what it applies to; and where what it denies ends,
# at a clause or a conjunction: "did not resign on Friday, despite pressure" denies only the
# resignation on Friday.
CLAUSE_END = re.compile(r"[,;:.!?()—–]")
DENIAL_END = re.compile(
    rf"{CLAUSE_END.pattern}|\s(?:and|but|or|while|whereas|which|who|because|although|though|"
    r"despite|since|when|after|before|until|unless)\s",
    re.IGNORECASE,
)


def denied_keys(quote: str, cue: str) -> frozenset[str]:
    """The keys of what the negation `cue` denies in `quote`: its words after the cue, up to the
    end of what it denies. The report marks them on the side that asserts them."""
    found = re.search(re.escape(cue), quote, re.IGNORECASE)
    clause = DENIAL_END.split(quote[found.end() :], maxsplit=1)[0] if found else ""
    return text_keys(clause)


def _denied(negative: Side, positive: Side, cue: str, drop: frozenset[str]) -> frozenset[str]:
    """What a negation denies: the content stems after its cue, `drop` and names on one side only
    set aside. The alignment of a polarity conflict is at most the share of them that the other
    side asserts. Denying more than the other side says denies nothing it says: "There is no man
    dancing on the road" leaves "A man is dancing" possible, as "The bank did not cut rates for
    farmers" leaves "The bank cut rates"."""
    drop = drop | (negative.features.actors ^ positive.features.actors) | _title_keys()
    return (denied_keys(negative.claim.quote, cue) & negative.features.content) - drop


@cache
def _title_keys() -> frozenset[str]:
    """Keys of titles ("Mr.", "President"), which say nothing of what is denied."""
    return frozenset(key(w) for w in lexicon.words("titles"))


def _negative(cue: str) -> str:
    """How a negated side's value reads: "not", or the cue itself ("not (does not record)")."""
    return "not" if cue.lower() in ("not", "n't", "no") else f"not ({cue})"


def _folded(quote: str) -> str:
    return quote.replace("’", "'")


def _first_word(after: str) -> str:
    """The first word after the negation cue ("say" in "did not say who ...")."""
    following = [w for w in words(after)[:3] if w != "to"]
    return following[0] if following else ""


def _scope(after: str) -> frozenset[str]:
    """Content stems in the few words after the negation cue (`after` is the text following it),
    up to the end of its clause: what the negation applies to."""
    clause = CLAUSE_END.split(after, maxsplit=1)[0]
    content = [w for w in words(clause)[:5] if w not in lexicon.words("stopwords")]
    return frozenset(key(w) for w in content[:3])


def _same_act(
    negative: Side, positive: Side, cue: str, scope: frozenset[str], denied: frozenset[str]
) -> bool:
    """The same actor and act on both sides: "no response from Bush" against "Bush responded".

    The actor must stand next to the negated predicate on the negative side (just before the cue
    or among the words after it) and right before the predicate on the positive side. What the
    negative side denies beyond the predicate (`denied`, less the predicate) must meet the other
    side where there is any: "not charged with his death" is not "charged with trespassing".
    """
    shared = (negative.features.actors - _referred(negative.claim)) & (
        positive.features.actors - _referred(positive.claim)
    )
    predicate = (scope - negative.features.actors) & positive.features.content
    if not shared or not predicate:
        return False
    beyond = denied - predicate
    if beyond and beyond.isdisjoint(positive.features.content):
        return False
    neg_keys = [key(w) for w in negative.features.words]
    cue_at = next((i for i, w in enumerate(negative.features.words) if w in words(cue)), None)
    if cue_at is None:
        return False
    near_cue = set(neg_keys[max(0, cue_at - 3) : cue_at + len(words(cue)) + 7])
    pos_keys = [key(w) for w in positive.features.words]
    for index, k in enumerate(pos_keys):
        verb = starts_verb(positive.features.words[index])
        if verb and k in predicate and shared & set(pos_keys[max(0, index - 2) : index]) & near_cue:
            return True
    return False


@cache
def _antonym_keys(extra: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    opposite: dict[str, set[str]] = {}
    for x, y in (*lexicon.pairs("antonyms"), *extra):
        kx, ky = key(x), key(y)
        opposite.setdefault(kx, set()).add(ky)
        opposite.setdefault(ky, set()).add(kx)
    return {k: frozenset(v) for k, v in opposite.items()}


def _antonyms(a: Side, b: Side, rare: frozenset[str] | None, extra: object) -> Found:
    if a.claim.negated != b.claim.negated:
        return None  # "was not accepted" and "was rejected" agree
    table = _antonym_keys(tuple(extra) if isinstance(extra, tuple) else ())
    # Most words have no antonym: only those that have one are looked at, and most pairs have
    # none, so the same-event test comes after.
    opposed = table.keys() & (a.features.content - b.features.content)
    if not opposed or not _same_event(a, b):
        return None
    best: Candidate | None = None
    only_b = b.features.content - a.features.content
    for ka in sorted(opposed):
        for kb in sorted(table[ka] & only_b):
            if _other_subject(a, ka, b) or _other_subject(b, kb, a):
                continue
            strength = _aligned(a, b, drop=frozenset({ka, kb}))
            if best is None or strength > best.strength:
                wa, wb = _word_for(a, ka), _word_for(b, kb)
                best = Candidate(
                    Conflict("antonym", {a.label: wa, b.label: wb}),
                    f'Opposite predicates for the same event: "{wa}" against "{wb}".',
                    strength,
                )
    return best


def _other_subject(
    side: Side,
    stem: str,
    other: Side,
    ignore: frozenset[str] = frozenset(),
    *,
    names: bool = False,
) -> bool:
    """Whether the words right before the predicate `stem` (its subject, up to a "that", a
    speech verb or SUBJECT content words back, adverbs aside; with `names`, only its names)
    name something the other claim never mentions: "the mayor's aide was fired" is not said of
    the mayor who resigned."""
    at = next((n for n, w in enumerate(side.features.words) if key(w) == stem), 0)
    speech = lexicon.words("speech_verbs")
    subject: list[str] = []
    for word in reversed(side.features.words[:at]):
        if word in CLAUSE_OPENERS or len(subject) == SUBJECT or word in speech:
            break  # "Chief Riley said police suspect": the subject is "police"
        k = content_key(word)
        telling = not names or k in side.features.actors
        adverb = word.endswith("ly") and k not in side.features.actors  # not "Kelly", "Italy"
        if k and k not in ignore and not adverb and telling:
            subject.append(k)
    return any(k not in other.features.content for k in subject)


SUBJECT = 3
CLAUSE_OPENERS = frozenset({"that", "who", "which", "when", "after", "before", "and", "but"})


def _word_for(side: Side, stem: str) -> str:
    return next((w for w in side.features.words if key(w) == stem), stem)


def _actors(a: Side, b: Side, rare: frozenset[str] | None, _: object) -> Found:
    who_a, who_b = _speaker(a.claim), _speaker(b.claim)
    if who_a and who_b and who_a != who_b and a.claim.negated == b.claim.negated:
        said_a, said_b = _said(a.claim), _said(b.claim)
        low, high = coverage(said_a, said_b)
        return Candidate(
            Conflict("attribution", {a.label: who_a, b.label: who_b}),
            f"The same statement is credited to different people: {who_a} against {who_b}.",
            dice(low, high),
        )
    if not a.features.actors & b.features.actors or a.claim.negated != b.claim.negated:
        return None  # most pairs share no name: tested before the names on one side only
    # Only names written in the claims count: a pronoun read as one person in one article and
    # as another in the next is a guess, not a conflict.
    # A name the other side writes as a common word ("the Republican Senate caucus" and "the
    # Republican senate caucus") is no other actor either.
    only_a = a.features.actors - b.features.actors - b.features.content - _referred(a.claim)
    only_b = b.features.actors - a.features.actors - a.features.content - _referred(b.claim)
    if not (only_a and only_b):
        return None
    if len(only_a) != 1 or len(only_b) != 1 or not (_leads(a, only_a) and _leads(b, only_b)):
        return None  # the differing name must be who acts: the first name of each claim
    wa, wb = _word_for(a, next(iter(only_a))), _word_for(b, next(iter(only_b)))
    return Candidate(
        Conflict("actor", {a.label: wa, b.label: wb}),
        f"The same act with a different actor: {wa} against {wb}.",
        _aligned(a, b, drop=only_a | only_b),
    )


def _places(a: Side, b: Side, rare: frozenset[str] | None, _: object) -> Found:
    """One act on one day at two places: "The mayor opened the new hospital in Marrowfield on
    Monday" / "... in Dunmore on Monday". The day must tie the two down (a weekday both write, or
    own dates that can both hold), as one story's events may happen in several places ("Rescue
    teams searched collapsed buildings in Arica" / "... in Arequipa")."""
    pa = places(a.claim.actors, a.claim.quote)
    pb = places(b.claim.actors, b.claim.quote)
    if not pa or not pb or pa & pb or a.claim.negated != b.claim.negated:
        return None
    own_a = [d for d in a.claim.dates if not d.inherited]
    own_b = [d for d in b.claim.dates if not d.inherited]
    if own_a and own_b:
        if not any(dates.compatible(x, y) for x in own_a for y in own_b):
            return None  # another day: the date rule's to judge
    elif not (a.features.content & b.features.content & _weekday_keys()):
        return None
    acting = (a.features.actors | b.features.actors) - pa - pb
    if acting and not (a.features.actors & b.features.actors) - pa - pb:
        return None  # other people acting: another event
    figures = [
        (x, y) for x in a.claim.quantities for y in b.claim.quantities if numbers.comparable(x, y)
    ]
    if figures and not any(numbers.agree(x, y) for x, y in figures):
        return None  # "killed 14 people in Aceh" / "killed 40 people in Papua": two events
    wa, wb = _place_words(a, pa), _place_words(b, pb)
    return Candidate(
        Conflict("place", {a.label: wa, b.label: wb}),
        f"The same act at a different place: {wa} against {wb}.",
        _aligned(a, b, drop=pa | pb),
    )


def _place_words(side: Side, keys: frozenset[str]) -> str:
    """The names a claim gives as its place, as written: "Bellingham, Wash."."""
    found = [n for n in side.claim.actors if any(key(w) in keys for w in words(n))]
    return ", ".join(found)


@cache
def _weekday_keys() -> frozenset[str]:
    return frozenset(key(day.lower()) for day in dates.WEEKDAYS)


def _said(claim: Claim) -> Features:
    """What a claim reports someone as saying: its words after the speech verb."""
    cue = claim.attribution.cue if claim.attribution else ""
    found = re.search(rf"\b{re.escape(cue)}\b", claim.quote, re.IGNORECASE) if cue else None
    return features(claim.quote[found.end() :] if found else claim.quote)


def _leads(side: Side, names: frozenset[str]) -> bool:
    """The first name in the claim is one of `names`."""
    first = next((k for k in map(key, side.features.words) if k in side.features.actors), None)
    return first in names


def _referred(claim: Claim) -> frozenset[str]:
    """Stem keys of the entities that pronouns and role phrases were read as, and that the claim
    does not also name in so many words."""
    return frozenset(
        key(w)
        for _, entity in claim.resolved
        if entity not in claim.quote
        for w in words(entity)[-1:]
    )


def _speaker(claim: Claim) -> str | None:
    """The person or body a claim is credited to, when it is a recognised name."""
    attribution = claim.attribution
    if attribution is None or attribution.cue == "according to":
        return None
    named = attribution.source in claim.actors and attribution.source in claim.quote
    if named and re.search(rf"\b{re.escape(attribution.source)}['’]s\b", claim.quote):
        return None  # "Mr. Strzok's lawyer said": the lawyer speaks, not Strzok
    return attribution.source if named else None
