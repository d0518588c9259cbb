"""What every rule shares: the records a rule reads and returns, the fitted gates, and the
same-event test and alignment measures the rules build on."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from claimcheck import lexicon
from claimcheck.model import Claim, Conflict, Relation
from claimcheck.normalise import Features, content_key, dice, key, ordered, words


class Judgement(NamedTuple):
    """How claim a relates to claim b, and why, in plain words."""

    relation: Relation
    similarity: float
    conflict: Conflict | None
    explanation: str
    strength: float = 0.0  # how well the rest aligned, for a contradiction; 1.0 when settled
    also: tuple[tuple[Conflict, str], ...] = ()  # further conflicts on other slots, and why
    on_core: bool = False  # aligned on one fact's shared core, not on its match score
    on_stance: bool = False  # aligned on one stance alone (stances.py): a second group only


class Side(NamedTuple):
    """A claim with its features, as the rules see it."""

    claim: Claim
    features: Features
    label: str


class Candidate(NamedTuple):
    """A typed conflict a rule found, and how well the rest of the two claims aligns."""

    conflict: Conflict
    why: str
    strength: float


class Slot(StrEnum):
    """What a contradiction is about: each rule's conflicts, each a SARIF rule id
    (`claimcheck/<slot>`) and a fitted gate. A slot is its string: `Slot.DATE == "date"`."""

    DATE = "date"
    NUMBER = "number"
    ROLE = "role"  # an office held at the time, another rank (facts.py)
    POLARITY = "polarity"
    ANTONYM = "antonym"
    ACTOR = "actor"
    ATTRIBUTION = "attribution"
    PLACE = "place"


# The gate each slot's conflicts must reach (the field of settings.Fitted, fitted by
# benchmarks/fit.py); a role conflict comes from the facts and has none.
GATES: dict[str, str] = {
    Slot.DATE: "date_align",
    Slot.NUMBER: "number_align",
    Slot.POLARITY: "polarity_align",
    Slot.ANTONYM: "antonym_align",
    Slot.ACTOR: "actor_align",
    Slot.ATTRIBUTION: "actor_align",
    Slot.PLACE: "actor_align",  # another name for one act, as an actor is
}


Found = Candidate | None


class Rule(Protocol):
    """A contradiction rule: two claims (with their features) in, the conflict it finds and how
    well the rest of them aligns out, or None. `rare` names the corpus's telling words (all
    words when None); `extra` is the configuration's extra antonym pairs."""

    def __call__(self, a: Side, b: Side, rare: frozenset[str] | None, extra: Any, /) -> Found: ...


MIN_CONTENT = 1  # content words a claim needs, names and the conflicting words aside


def aligned(
    a: Side, b: Side, *, drop: frozenset[str] = frozenset(), contained: bool = False
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


def same_event(a: Side, b: Side) -> bool:
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


def scene(claim: Claim) -> frozenset[str]:
    """The words of the names a claim gives after a preposition, which set its scene rather
    than act in it: "in Dunmore", "Contacted via email by Salon, he denied ..."."""
    return _roles(claim.actors, claim.quote)[1]


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


def other_subject(
    side: Side, stem: str, other: Side, ignore: frozenset[str] = frozenset(), *, names: bool = False
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


def word_for(side: Side, stem: str) -> str:
    return next((w for w in side.features.words if key(w) == stem), stem)


def referred(claim: Claim) -> frozenset[str]:
    """Stem keys of the entities that pronouns and role phrases were read as, and that the claim
    does not also name in so many words."""
    return frozenset(
        key(w)
        for _, entity in claim.resolved
        if entity not in claim.quote
        for w in words(entity)[-1:]
    )
