"""Cues of a clause: polarity (negation), modality, hedges and attribution."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from claimcheck import lexicon
from claimcheck.model import Attribution
from claimcheck.normalise import fold

# What a verb of negation (lexicons/negation_verbs.txt) negates when it governs it ("refused to
# resign", "denied that he lied", "denied lying").
GOVERNED = re.compile(r"\s+(?:to|that|any|ever|having|\w+ing|he|she|they|it|we|i)\b", re.IGNORECASE)

WORD = re.compile(r"[a-z]+")
# Every byte but a-z made a space: ASCII text splits into WORD's words quicker than WORD finds them.
LETTER_BYTES = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


@lru_cache(maxsize=64)
def words_of(text: str) -> frozenset[str]:
    """The lower-case words of a clause, found once for the several cheap looks made at it."""
    lowered = text.lower()
    if lowered.isascii():
        return frozenset(lowered.encode().translate(LETTER_BYTES).decode().split())
    return frozenset(WORD.findall(lowered))


@cache
def _negation_pattern() -> re.Pattern[str]:
    cues = "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(lexicon.words("negation"), key=len, reverse=True)
        if w != "n't"
    )
    return re.compile(rf"\b\w+n['’]t\b|(?<![\w'’-])(?:{cues})(?![\w'’-])", re.IGNORECASE)


def negation(text: str) -> tuple[str, int] | None:
    """The first negation cue that negates the clause, and where it is; exceptions skipped."""
    if _heads("negation").isdisjoint(words_of(text)):
        lowered = text.lower()
        if "n't" not in lowered and "n’t" not in lowered:
            return None  # most clauses: no cue at all
    masked = text
    if _may_hold("negation_exceptions", text):  # "not only", "no doubt": not negations
        masked = lexicon.phrase_pattern("negation_exceptions").sub(
            lambda m: "_" * len(m.group(0)), text
        )
    for match in _negation_pattern().finditer(masked):
        cue = match.group(0).lower()
        if cue in lexicon.words("negation_verbs") and not GOVERNED.match(masked, match.end()):
            continue  # "denied the application" is a verb of its own, not a negation
        return text[match.start() : match.end()], match.start()
    return None


@cache
def _heads(name: str) -> frozenset[str]:
    """First words of a phrase list, for a cheap look before its regular expression."""
    return frozenset(phrase.split()[0] for phrase in lexicon.phrases(name))


# Characters other than ASCII letters that match one in a case-insensitive expression or
# lower-case to one ("K", the Kelvin sign, does both): a text without them holds a phrase only if
# words_of() finds all the phrase's words in it.
CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")
PLAIN_PHRASE = re.compile(r"[a-z]+(?: [a-z]+)*")


@cache
def _phrase_words(name: str) -> dict[str, tuple[frozenset[str], ...]]:
    """The words of each phrase of a list, by first word; none for a phrase that is not plain
    words, which the look below then never rules out."""
    found: dict[str, list[frozenset[str]]] = {}
    for phrase in lexicon.phrases(name):
        plain = PLAIN_PHRASE.fullmatch(phrase)
        found.setdefault(phrase.split()[0], []).append(frozenset(phrase.split() if plain else ()))
    return {head: tuple(sets) for head, sets in found.items()}


def _may_hold(name: str, text: str) -> bool:
    """A cheap look before a phrase list's expression: are all the words of one of its phrases
    among the text's words ("is said to" needs more than "is")?"""
    words = words_of(text)
    heads = _heads(name)
    if heads.isdisjoint(words):
        return False
    if CASE_TWINS.search(text):
        return True
    by_head = _phrase_words(name)
    return any(words.issuperset(p) for head in heads.intersection(words) for p in by_head[head])


def hedges(text: str) -> tuple[str, ...]:
    """Hedge words present in the clause, in order."""
    if not _may_hold("hedges", text):
        return ()
    return tuple(
        dict.fromkeys(m.group(0).lower() for m in lexicon.phrase_pattern("hedges").finditer(text))
    )


def relative_time(text: str) -> bool:
    """True when a clause places itself in time relative to when it was written ("last year",
    "today", "two weeks ago")."""
    return _may_hold("relative_time", text) and bool(
        lexicon.phrase_pattern("relative_time").search(text)
    )


def modality(text: str) -> str | None:
    """The modality of the first modal cue ("could" -> possible), if any."""
    if not _may_hold("modals", text):
        return None
    match = lexicon.phrase_pattern("modals").search(text)
    return lexicon.table("modals")[" ".join(fold(match.group(0)).split())] if match else None


ACCORDING = re.compile(r"\baccording to (?P<who>[^,.;]{2,80})", re.IGNORECASE)

QUOTE_TAIL = re.compile(
    r"[,\"”’]\s*(?:the\s+)?(?P<who>[A-Za-z][\w .'’-]{1,60}?)\s+(?P<verb>[a-z]+)"
    r"(?:\s+(?:at the time|on \w+|in \w+|later|then))?\.?\s*$"
)


@cache
def _lead_pattern() -> re.Pattern[str]:
    verbs = "|".join(sorted(lexicon.words("speech_verbs"), key=len, reverse=True))
    return re.compile(
        rf"^(?P<who>(?:[A-Z][\w.'’-]*|the|a|an|his|her|their|its|former|then|[A-Z]{{2,}})"
        rf"(?:\s+(?:[\w.'’-]+)){{0,6}}?)\s+(?:(?:also|further|later|then|reportedly|allegedly|"
        rf"explicitly|repeatedly|recently|previously|once|has|had|have)\s+)*(?P<verb>{verbs})\b",
    )


def attribution(sentence: str) -> Attribution | None:
    """Who a sentence credits its content to, from "according to X", "X said" or a quote tag."""
    verbs = lexicon.words("speech_verbs")
    words = words_of(sentence)
    if verbs.isdisjoint(words) and "according" not in words:
        return None  # no speech verb, no "according to"
    # "according" among the words, unless a case twin could spell it ("accordİng").
    match = None
    if "according" in words or CASE_TWINS.search(sentence):
        match = ACCORDING.search(sentence)
    if match:
        return Attribution(match.group("who").strip(), "according to")
    match = _lead_pattern().match(sentence.strip('"“ '))
    if match and not sentence.lstrip().startswith(('"', "“")):
        return Attribution(match.group("who").strip(), match.group("verb"))
    match = QUOTE_TAIL.search(sentence, max(0, len(sentence) - 90))
    if match and match.group("verb") in verbs:
        return Attribution(match.group("who").strip(), match.group("verb"))
    return None
