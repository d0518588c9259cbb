"""The polarity rule: a negation whose scope is a predicate the other side asserts
(docs/rules/polarity.md)."""

from __future__ import annotations

import re
from functools import cache

from claimcheck import lexicon
from claimcheck.extract.dates import WEEKDAYS
from claimcheck.extract.segment import starts_verb
from claimcheck.judge.base import (
    Candidate,
    Found,
    Judgement,
    Side,
    aligned,
    other_subject,
    referred,
    same_event,
)
from claimcheck.model import Claim, Conflict, Relation
from claimcheck.normalise import NEGATORS, Features, content_key, key, text_keys, words

# A clause that opens with the speaker ("We're the ones who are not raiding Medicare", "I never
# met him") speaks for someone its words do not name: it denies nothing a sentence about named
# people asserts, unless that sentence speaks in the first person too.
SPEAKER = re.compile(r"^\W*(?:i|we|i'm|we're|i've|we've|i'd|we'd|i'll|we'll)\b", re.IGNORECASE)


def core_polarity(
    a: Claim, fa: Features, b: Claim, fb: Features, rare: frozenset[str], score: float, gate: float
) -> Judgement | None:
    """The polarity conflict of two claims that share one fact's core (cores.core), or None: the
    denial is weighed against the shorter claim, as the longer one may add detail of its own
    ("did not pass the bill last week" / "passed a bill last week allowing ..."). Only a
    negated verb: "included none of the $5.7 billion" denies no part of "requested $5.7
    billion". `gate` is the polarity rule's fitted gate."""
    cue = (a if a.negated else b).negation_cue or "not"
    if words(cue)[-1:] not in (("not",), ("never",)):
        return None
    found = rule(Side(a, fa, "a"), Side(b, fb, "b"), rare, None, contained=True)
    if found is None or found.strength < gate:
        return None
    return Judgement(Relation.CONTRADICTION, score, found.conflict, found.why, found.strength)


def rule(
    a: Side, b: Side, rare: frozenset[str] | None, _: object, *, contained: bool = False
) -> Found:
    if a.claim.negated == b.claim.negated or not same_event(a, b):
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
    if _other_verb(negative, positive, cue, found):
        return None
    supposed = _conditional(negative.claim.quote, found)
    if supposed and not _supposes(positive.claim.quote, after):
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
        and not supposed  # "to pass the bill" supposes the act of no one in particular
        and predicate in positive.features.content
        and any(
            other_subject(x, predicate, y, cue_keys, names=True)
            for x, y in ((negative, positive), (positive, negative))
        )
    ):
        return None  # "the White House did not respond" / "Mr. Trump responded"
    if first in lexicon.words("knowledge_verbs") and not _same_knower(
        negative, positive, first, cue_keys
    ):
        # "the organization couldn't confirm the messages" denies knowing, not the messages,
        # nor that Trump Jr. confirmed them; "Lee did not confirm" / "Lee confirmed" holds.
        return None
    denied = _denied(negative, positive, cue, cue_keys)
    if _same_act(negative, positive, cue, scope, denied):
        strength = 1.0  # the same actor and act on both sides settles the alignment
    else:
        asserted = len(denied & positive.features.content) / len(denied) if denied else 1.0
        strength = min(aligned(a, b, drop=cue_keys, contained=contained), asserted)
    return Candidate(
        Conflict("polarity", {negative.label: _negative(cue), positive.label: "affirmed"}),
        _why(cue, supposed),
        strength,
    )


def _why(cue: str, supposed: bool) -> str:
    if supposed:
        return (
            f'One side says what follows if it does not happen ("{cue}"), the other says the '
            "same follows if it does."
        )
    return f'One side says it did not happen ("{cue}"), the other says it did.'


def _same_knower(negative: Side, positive: Side, verb: str, cue_keys: frozenset[str]) -> bool:
    """Whether the other side asserts the knowing verb itself, of the same subject."""
    stem = key(verb)
    return stem in positive.features.content and not any(
        other_subject(x, stem, y, cue_keys) for x, y in ((negative, positive), (positive, negative))
    )


CONDITIONS = frozenset(["if", "unless", "whether"])


def _conditional(quote: str, found: re.Match[str] | None) -> bool:
    """Whether the negation stands in a condition ("if we don't get it, there should be no
    deal"): it supposes; it denies nothing."""
    if found is None:
        return False
    clause = CLAUSE_END.split(quote[: found.start()])[-1]
    return not CONDITIONS.isdisjoint(words(clause))


SUPPOSING = frozenset(["to", "if", "unless"])


def _supposes(quote: str, after: str) -> bool:
    """Whether `quote` supposes, without a negation, the act that a negated condition denies
    (`after` is the text after its cue): "if they don't pass this bill ..., it will increase the
    risk" against "to pass this bill ... would increase the risk". The same consequence of the
    act and of its absence is a conflict; a condition against a statement of fact is none."""
    verb = next((w for w in words(after) if content_key(w)), "")
    if not verb:
        return False
    said = words(quote)
    for n, word in enumerate(said):
        if key(word) == key(verb):
            before = said[max(n - 3, 0) : n]
            return not SUPPOSING.isdisjoint(before) and NEGATORS.isdisjoint(map(key, before))
    return False


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


def denies_what_other_says(a: Side, b: Side) -> bool:
    """Whether the negated one of two claims denies words the other one says, so that the two
    cannot agree, conflict or not: "couldn't confirm the messages" and "confirmed his
    correspondence with WikiLeaks". A day denies nothing ("made no apologies for the remark on
    Friday" leaves "tweeted on Friday" whole), nor does a "none of" that denies its own verb's
    act ("included none of the $5.7 billion that Trump demanded" / "Trump requested $5.7
    billion"), nor a cue that is a noun ("the lack of an Austrian settlement" among the
    reasons for a refusal names a reason)."""
    negative, positive = (a, b) if a.claim.negated else (b, a)
    cue = negative.claim.negation_cue or "not"
    quote = negative.claim.quote
    found = re.search(re.escape(cue), quote, re.IGNORECASE)
    if (
        _other_verb(negative, positive, cue, found)
        or _relative(quote, found)
        or _nominal(quote, found)
    ):
        return False
    denied = denied_keys(quote, cue) & negative.features.content
    return bool((denied - _calendar_keys()) & positive.features.content)


DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "this", "that"])


def _nominal(quote: str, found: re.Match[str] | None) -> bool:
    """Whether the negation cue is a noun that names a thing ("the lack of an Austrian
    settlement" among the reasons for a refusal), not a denial."""
    before = words(quote[: found.start()])[-1:] if found else ()
    return bool(before) and before[0].lower() in DETERMINERS


RELATIVE = re.compile(r"\b(?:which|who|whom|whose|that)\b", re.IGNORECASE)


def _relative(quote: str, found: re.Match[str] | None) -> bool:
    """Whether the negation stands in a relative clause, of a thing the claim names rather than
    of what it says: "seize funding that Congress refused to give him", "his comments about the
    investigation, which did not determine ...". A "that" after a verb of saying opens what is
    said ("he said that he did not send it")."""
    if found is None:
        return False
    clause = CLAUSE_END.split(quote[: found.start()])[-1]
    for match in RELATIVE.finditer(clause):
        before = words(clause[: match.start()])[-1:]
        if match.group().lower() != "that" or (before and before[0].lower() not in _saying()):
            return True
    return False


@cache
def _saying() -> frozenset[str]:
    """Verbs whose "that" opens what is said or known, and the participles of those ("saying
    that the organization couldn't confirm ...")."""
    verbs = lexicon.words("speech_verbs") | lexicon.words("knowledge_verbs")
    participles = lexicon.table("participles")
    return verbs | {p for p, past in participles.items() if past.lower() in verbs}


@cache
def _calendar_keys() -> frozenset[str]:
    """Keys of the months and days, which date what is denied rather than say it."""
    return frozenset(key(w.lower()) for w in (*lexicon.table("months"), *WEEKDAYS))


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
    shared = (negative.features.actors - referred(negative.claim)) & (
        positive.features.actors - referred(positive.claim)
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
