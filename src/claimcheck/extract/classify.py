"""What kind of sentence a claim comes from: questions, headlines, calls to action, opinion boxes
and captions are kept as claims but marked as such (and never split into clauses)."""

from __future__ import annotations

import re

from claimcheck import lexicon
from claimcheck.extract import segment
from claimcheck.kinds import ClaimType

# A lower-case word of three letters or more; the look-behind after the first letter lets the
# engine skip to a letter rather than try every position.
LOWER_WORD = re.compile(r"[a-z](?<!\w.)[a-z]{2,}\b")
OPINION = re.compile(
    r"^(?:i|we)\s+(?:think|believe|feel)\b|\bin my (?:opinion|view)\b", re.IGNORECASE
)


# A line without a closing stop is a headline up to this many words; a longer one is prose whose
# stop was lost ("WASHINGTON - Representative Paul D. Ryan’s budget blueprint assumes the same
# amount of Medicare savings as ... on Medicare", 38 words, in a saved article).
HEADLINE_WORDS = 20


def classify(sentence: str, seg: segment.Segment) -> ClaimType:
    """Questions, headlines, calls to action and opinion boxes are kept but marked as such."""
    stripped = sentence.strip().rstrip("\"'”’)")
    if stripped.endswith("?") and not _reports_a_question(sentence.strip()):
        return ClaimType.QUESTION
    first = stripped.split(maxsplit=2)
    lead = " ".join(first[:2]).lower()
    if first and (
        first[0].lower() in lexicon.words("cta_verbs") or lead in lexicon.words("cta_verbs")
    ):
        return ClaimType.CALL_TO_ACTION
    if (
        seg.whole_line
        and not stripped.endswith((".", "!", "?", ":", "…"))
        and len(stripped.split()) <= HEADLINE_WORDS
    ):
        return ClaimType.HEADLINE
    lowered = stripped.lower()
    opinion_cue = "opinion" in lowered or "view" in lowered or lowered.startswith(("i ", "we "))
    if opinion_cue and OPINION.search(stripped):
        return ClaimType.OPINION
    if not says_something(stripped):
        return ClaimType.HEADLINE  # a caption or list line of names and numbers
    return ClaimType.CLAIM


def _reports_a_question(sentence: str) -> bool:
    """Whether a sentence's closing question mark is inside a quotation it opens after its
    first word: it reports someone's question ("Nuland wrote that the points could be “abused
    ... so why would we want to feed that?”"), and the report is a claim."""
    mark = sentence.rfind("?")
    if mark <= 0 or sentence[:1] in "\"“'‘" or not segment.inside_quotes(sentence, mark):
        return False
    opening = max(sentence.rfind("“", 0, mark), sentence.rfind('"', 0, mark))
    return not sentence[opening - 1].isdigit()  # an inch mark: "Is the 6" pipe safe?"


def says_something(sentence: str) -> bool:
    """True when a sentence has a lower-case content word: not only names and figures."""
    stopwords = lexicon.words("stopwords")
    # Looked at lazily: in most sentences the first word or two decide.
    return any(word.group() not in stopwords for word in LOWER_WORD.finditer(sentence))
