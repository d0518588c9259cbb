"""One fact's core: claims that share the telling words of one fact align even when the rest
of their sentences says different things, and whether two aligned claims can stand in one group.

News outlets state a central fact inside sentences that otherwise differ ("Trump announced
Tuesday that he is bowing out as the moderator for a Republican presidential debate" beside "Mr.
Trump's statement on Tuesday that he was bowing out of the Newsmax debate"), so whole-sentence
similarity scores them low. Two claims share a fact's core when they share several content
words, some rare in the story, making up a fair share of the shorter claim (a smaller share
when they also share a name), or give the same quotation (docs/rules/facts.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck import lexicon
from claimcheck.extract.dates import compatible
from claimcheck.extract.segment import starts_verb
from claimcheck.facts import WORD
from claimcheck.judge import figures
from claimcheck.judge.base import Side
from claimcheck.judge.polarity import denies_what_other_says
from claimcheck.model import Claim
from claimcheck.normalise import Features, key
from claimcheck.stances import one_stance

# Content words two claims must share, TELLING of them telling words of the corpus
# (Index.telling): CORE_WORDS, or one fewer when they give the same figure or date, which ties a
# fact down; they make up at least NAMED_SHARE of the shorter claim's content words when the two
# share a name, SHARE otherwise.
CORE_WORDS = 5
TELLING = 2
NAMED_SHARE = 0.25
SHARE = 0.45
# Pairs the matcher scores under CORE_MIN_SCORE share a core only with STRONG_TELLING telling
# words: of the agreements that rested on a core alone on the 24 BASIL tuning events, a reader
# found 26 of 39 such pairs wrong (the same names on another fact) against 18 of 56 above it.
CORE_MIN_SCORE = 0.05
STRONG_TELLING = 4
# A short claim: at most SHORT content words, SHORT_WORDS of them and SHORT_SHARE shared.
SHORT = 7
SHORT_WORDS = 3
SHORT_SHARE = 0.5


def _short_core(
    shared: frozenset[str], fa: Features, fb: Features, telling: frozenset[str]
) -> bool:
    """A short claim (SHORT content words at most) that the other claim mostly contains, a name
    and two other words (one telling) among what they share: "Putin blamed NATO's continued
    eastward expansion" and "NATO's eastward expansion, the Color Revolutions"."""
    shorter = min(len(fa.content), len(fb.content))
    words = shared - fa.actors - fb.actors
    return (
        shorter <= SHORT
        and len(shared) >= SHORT_WORDS
        and len(shared) >= SHORT_SHARE * shorter
        and bool(shared & fa.actors & fb.actors)
        and len(words) >= 2
        and bool(words & telling)
    )


# Words of a quotation that two claims must both give, in order, for it to be one quote: "“I will
# not resign,” said Mr. LePage" and "“I will not resign,” LePage said after a meeting". When both
# also name one person or thing, a whole short quotation of one (NAMED_QUOTED words or more) that
# the other gives is enough: "Clinton ... calling the massacre an “act of terror”" and "Hillary
# Clinton ... called the massacre in Orlando an “act of terror” and an “act of hate”".
QUOTED_WORDS = 4
NAMED_QUOTED = 3
QUOTED = re.compile(r"[“\"]([^”\"]{8,}?)[”\"]")


@lru_cache(maxsize=8192)
def _passages(quote: str) -> tuple[tuple[str, ...], ...]:
    """The folded words of each passage inside the claim's quotation marks. Cached: core() asks
    for each claim's once for every candidate it meets."""
    return tuple(
        tuple(w.lower().replace("’", "'") for w in WORD.findall(passage))
        for passage in QUOTED.findall(quote)
    )


@lru_cache(maxsize=8192)
def _runs(quote: str) -> frozenset[tuple[str, ...]]:
    """Every run of QUOTED_WORDS words of the claim's quotations."""
    return frozenset(
        words[i : i + QUOTED_WORDS]
        for words in _passages(quote)
        for i in range(len(words) - QUOTED_WORDS + 1)
    )


def same_quote(a: Claim, b: Claim, named: bool) -> bool:
    """Whether two claims give one quotation (see QUOTED_WORDS and NAMED_QUOTED)."""
    if _runs(a.quote) & _runs(b.quote):
        return True
    return named and (_within(a.quote, b.quote) or _within(b.quote, a.quote))


def _within(one: str, other: str) -> bool:
    """Whether a whole passage of `one`'s quotations, NAMED_QUOTED words or more, is in one of
    `other`'s."""
    others = [f" {' '.join(words)} " for words in _passages(other)]
    return any(
        f" {' '.join(words)} " in passage
        for words in _passages(one)
        if len(words) >= NAMED_QUOTED
        for passage in others
    )


def core(
    a: Claim, fa: Features, b: Claim, fb: Features, telling: frozenset[str], score: float
) -> frozenset[str]:
    """The content stems two claims share when they make up one fact's core (or they quote the
    same words), else none. `score` is their match score: a pair the matcher scores near zero
    needs STRONG_TELLING telling words to share a core."""
    shared = fa.content & fb.content
    if shared and same_quote(a, b, bool(shared & fa.actors & fb.actors)):
        return shared
    if score < CORE_MIN_SCORE and len(shared & telling) < STRONG_TELLING:
        return frozenset()
    pinned = bool(fa.numbers & fb.numbers) or any(
        compatible(x, y) for x in a.dates if not x.inherited for y in b.dates if not y.inherited
    )
    if _short_core(shared, fa, fb, telling):
        return shared
    if len(shared) < CORE_WORDS - pinned or len(shared & telling) < TELLING:
        return frozenset()
    share = NAMED_SHARE if shared & fa.actors & fb.actors else SHARE
    if len(shared) < share * min(len(fa.content), len(fb.content)):
        return frozenset()
    return shared


def consistent(a: Claim, fa: Features, b: Claim, fb: Features) -> bool:
    """Whether two aligned claims can stand in one agreement: neither denies what the other
    says ("couldn't confirm the messages" / "confirmed the messages"), their dates can both
    hold, their figures of one kind and unit agree and, where both open with a name, the other
    claim names it too ("Russia was rejected" and "the Soviet Union was rejected" speak of two
    subjects)."""
    if (
        a.negated != b.negated
        and denies_what_other_says(Side(a, fa, "a"), Side(b, fb, "b"))
        and not one_stance(a, b)  # "was not an enemy" / "recognized as a non-enemy"
    ):
        return False
    if a.dates and b.dates and not any(compatible(x, y) for x in a.dates for y in b.dates):
        return False
    if figures.apart(a.quantities, b.quantities, written_unit=True):
        return False
    (lead_a, noun_a), (lead_b, noun_b) = _lead(fa), _lead(fb)
    if noun_a != noun_b:
        return True  # "The Mueller report needs ..." / "Ms. Harris called on Mr. Barr ..."
    return not (lead_a and lead_b and lead_a not in fb.content and lead_b not in fa.content)


# A name among a claim's first words is its subject ("Russia was rejected", "In 1954, the Soviet
# Union applied"); one further on may be an object or a setting ("cooperate with the U.S.
# attorney").
SUBJECT_WORDS = 4
ARTICLES = frozenset({"the", "a", "an"})


def _lead(f: Features) -> tuple[str, str]:
    """The key of the name that opens a claim ("" if none does), and the noun it qualifies if it
    does: "The Mueller report needs to be made public" opens with the report, Mueller's; "The
    Russia team won" and "The Ukraine team won" with two teams."""
    words = f.words[: SUBJECT_WORDS + 1]
    for n, word in enumerate(words[:SUBJECT_WORDS]):
        k = key(word)
        if k not in f.actors:
            continue
        qualifier = n > 0 and words[n - 1] in ARTICLES and n + 1 < len(words)
        return k, words[n + 1] if qualifier and _noun_like(words[n + 1]) else ""
    return "", ""


def _noun_like(word: str) -> bool:
    """Whether the word after "The NAME" may be the noun the name qualifies ("report"), not the
    verb, an adverb or a preposition that follows a subject ("The Pentagon quickly rejected",
    "The Treasury on Monday rejected")."""
    return (
        word.isalpha()
        and not starts_verb(word)
        and not word.endswith("ly")
        and word not in lexicon.words("subject_adverbs")
        and word not in lexicon.words("stopwords")
        and word not in lexicon.words("prepositions")
    )
