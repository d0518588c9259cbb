"""Fact-level alignment: claims that share the telling words of one fact align, even when the
rest of their sentences says different things.

News outlets state a central fact inside sentences that otherwise differ ("Trump announced
Tuesday that he is bowing out as the moderator for a Republican presidential debate" beside "Mr.
Trump's statement on Tuesday that he was bowing out of the Newsmax debate"), so whole-sentence
similarity scores them low. Two claims share a fact's core when they name the same person or
organisation and share several more of the corpus's rare words, making up a fair share of the
shorter claim.
"""

from __future__ import annotations

from claimcheck.extract.dates import compatible
from claimcheck.model import Claim
from claimcheck.normalise import Features, key

# Content words two claims must share, TELLING of them telling words of the corpus
# (Index.telling): CORE_WORDS, or one fewer when they give the same figure or date, which ties a
# fact down; they make up at least NAMED_SHARE of the shorter claim's content words when the two
# share a name, SHARE otherwise.
CORE_WORDS = 5
TELLING = 2
NAMED_SHARE = 0.25
SHARE = 0.45


def core(a: Claim, fa: Features, b: Claim, fb: Features, telling: frozenset[str]) -> frozenset[str]:
    """The content stems two claims share when they make up one fact's core, else none."""
    shared = fa.content & fb.content
    pinned = bool(fa.numbers & fb.numbers) or any(
        compatible(x, y) for x in a.dates if not x.inherited for y in b.dates if not y.inherited
    )
    if len(shared) < CORE_WORDS - pinned or len(shared & telling) < TELLING:
        return frozenset()
    share = NAMED_SHARE if shared & fa.actors & fb.actors else SHARE
    if len(shared) < share * min(len(fa.content), len(fb.content)):
        return frozenset()
    return shared


def consistent(a: Claim, fa: Features, b: Claim, fb: Features) -> bool:
    """Whether two aligned claims can stand in one agreement: their dates can both hold and,
    where both open with a name, the other claim names it too ("Russia was rejected" and "the
    Soviet Union was rejected" speak of two subjects)."""
    if a.dates and b.dates and not any(compatible(x, y) for x in a.dates for y in b.dates):
        return False
    lead_a, lead_b = _lead(fa), _lead(fb)
    return not (lead_a and lead_b and lead_a not in fb.actors and lead_b not in fa.actors)


# A name among a claim's first words is its subject ("Russia was rejected", "In 1954, the Soviet
# Union applied"); one further on may be an object or a setting ("cooperate with the U.S.
# attorney").
SUBJECT_WORDS = 4


def _lead(f: Features) -> str | None:
    """The key of the name that opens a claim, if one does."""
    return next((k for k in map(key, f.words[:SUBJECT_WORDS]) if k in f.actors), None)
