"""Paragraphs, sentences and atomic clauses, each as character offsets into the article text."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from claimcheck import lexicon
from claimcheck.extract.slots import words_of

# A sentence may end at . ! ? or … plus closing quotes/brackets, before whitespace and a capital,
# digit, opening quote or bullet. A match starts only where a run of stops does: tried at every
# stop of a run, a long run ("......") costs time quadratic in its length.
BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9•·])")
BULLET = re.compile(r"(?:[•·▪●◦*\-–—]|\d{1,2}[.)])\s+")
HEADING = re.compile(r"#{1,6}\s+")
# A place dateline opening an article's first paragraph: "WASHINGTON — ", "AUGUSTA, Me. — ",
# "Denver (AP) – ", "NEW YORK (Reuters) - ". It says where the story was filed, not what
# happened, so it stays out of the first claim. A name in capitals needs a dash after it; one in
# ordinary case also needs the agency in brackets, so that "Trump — who ..." is no dateline; and
# a sentence starts after it ("NATO — the alliance said" is none).
PLACE_DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’-]{2,}(?:\s+[A-Z][A-Z'’-]+)*(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
    r"(?:\s+\([A-Za-z. ]{2,20}\))?"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*(?:,\s+[A-Z][A-Za-z.]+)?\s+\([A-Za-z. ]{2,20}\))"
    r"\s*(?:[—–]|\s-|--)\s+(?=[A-Z0-9\"“‘'])"
)
# The longest stretch read as one sentence. A longer one (a run of text with no sentence end, a
# table flattened into a line) is cut at spaces into pieces of at most this length, so that the
# work per sentence is bounded and extraction stays linear in the length of the text. News
# sentences run to a few hundred characters.
MAX_SENTENCE = 2000
# Datelines stand at the top: in the first paragraphs (a title and a date line may come first).
DATELINE_PARAGRAPHS = 3
# Where a sentence may split: "; ", ", but ", " while ", ", and ", " and ", and ", " before a
# participle that opens a clause of its own (", saying ...": lexicons/participles.txt). The
# expression opens with the split's first character and only then looks back at which it was, so
# that the engine skips from one such character to the next instead of trying every position.
CLAUSE_SPLIT = (
    r"[;,\s](?:(?<=;)\s+|(?<=,)\s+(?:but|whereas|while|yet)\s+(?=\S)|(?<=,)\s+and\s+(?=\S)"
    r"|(?<=\s)\s*(?:but|whereas|while|yet)\s+(?=\S)|(?<=\s)\s*and\s+(?=\S)"
    r"|(?<=,)\s+(?=(?:{participles})\s))"
)
CLAUSE_WORDS = frozenset(["and", "but", "whereas", "while", "yet", "who", "which"])


@cache
def _clause_split() -> tuple[re.Pattern[str], frozenset[str]]:
    """The split expression and the words without which a sentence has no split but at "; "."""
    participles = lexicon.table("participles")
    alternatives = "|".join(sorted(participles, key=len, reverse=True))
    return re.compile(CLAUSE_SPLIT.format(participles=alternatives)), CLAUSE_WORDS | set(
        participles
    )


# A sentence that opens with its subject and a relative clause set off by commas, then goes on
# with the main verb: "Tlaib, who was sworn in on Thursday, was videotaped that night" states
# two facts of one subject. The subject and the clause hold no comma (but "$84,000"); an "-ly"
# word may stand before the main verb ("..., abruptly resigned").
RELATIVE_CLAUSE = (
    r"(?P<subject>[^,;:\"“”()]{2,80}),\s+(?:(?:the|an?)\s+[^,;:\"“”()]{1,60}?\s+)?(?:who|which)\s+"
    r"(?:[^,;:\"“”()]|(?<=\d),(?=\d)){8,240}"
)
RELATIVE = re.compile(RELATIVE_CLAUSE + r",\s+(?P<main>(?:[a-z]+ly\s+)?[a-z]+)\b")
# The claim such a sentence's first part makes: its subject and the relative clause, whole.
RELATIVE_PART = re.compile(RELATIVE_CLAUSE)


class Segment(NamedTuple):
    """A stretch of text: [start, end) into the article, and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int
    whole_line: bool = False  # the segment is a whole line (headlines are such lines)


def paragraphs(text: str, ranges: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Join body lines into paragraphs: a line that does not end a sentence continues into a
    following line that starts in lower case (hard-wrapped text)."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged:
            prev_start, prev_end = merged[-1]
            gap = text[prev_end:start]
            previous = text[prev_start:prev_end].rstrip()
            nxt = text[start:end].lstrip()
            wrapped = gap.count("\n") == 1 and not previous.endswith((".", "!", "?", ":", '"', "”"))
            if wrapped and nxt[:1].islower():
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def sentences(text: str, ranges: tuple[tuple[int, int], ...]) -> list[Segment]:
    """Sentences of the body, bullets and Markdown heading marks left out of their spans."""
    out: list[Segment] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text, ranges)):
        start = p_start
        pieces = []
        for match in BOUNDARY.finditer(text, p_start, p_end):
            if _is_abbreviation(text, p_start, match.start()):
                continue
            pieces.append((start, match.end()))
            start = match.end()
        pieces.append((start, p_end))
        for n, (s, e) in enumerate(pieces):
            s, e = _trim(text, s, e)
            if n == 0 and number < DATELINE_PARAGRAPHS:
                dateline = PLACE_DATELINE.match(text, s, e)
                s = dateline.end() if dateline else s
            if e - s > MAX_SENTENCE:
                out += [Segment(a, b, number) for a, b in _cut(text, s, e)]
            elif e > s:
                out.append(Segment(s, e, number, whole_line=len(pieces) == 1))
    return out


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An over-long stretch in pieces of at most MAX_SENTENCE characters, cut at the last space
    of each piece when it has one, each trimmed of spaces."""
    pieces = []
    while end - start > MAX_SENTENCE:
        space = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        stop = space if space > start else start + MAX_SENTENCE
        pieces.append(_trim(text, start, stop))
        start = stop
    pieces.append(_trim(text, start, end))
    return [(s, e) for s, e in pieces if e > s]


def _is_abbreviation(text: str, floor: int, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    start = dot
    while start > floor and not text[start - 1].isspace() and text[start - 1] not in "(\"“'‘":
        start -= 1
    token = text[start:dot].lower()
    if len(token) == 1 and token.isalpha():
        return True  # an initial, as in "George W. Bush"
    return token in lexicon.words("abbreviations")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    prefix = BULLET.match(text, start, end) or HEADING.match(text, start, end)
    if prefix:
        start = prefix.end()
    return start, end


def clauses(text: str, seg: Segment) -> list[tuple[int, int, bool]]:
    """Split a sentence where it asserts several things: (start, end, lacks_subject) triples.

    A split is made only when both sides look like clauses (the right one starts with a verb or
    has a verb of its own) and neither side is left shorter than three words.
    """
    sentence = text[seg.start : seg.end]
    split, split_words = _clause_split()
    if ";" not in sentence and split_words.isdisjoint(words_of(sentence)):
        return [(seg.start, seg.end, False)]  # nowhere to split (the sentence's words are cached)
    cuts: list[tuple[int, int, bool]] = []
    last = 0
    main = _main_verb(sentence)
    if main is not None:  # "Tlaib, who was sworn in Thursday, | was videotaped that night"
        cuts += [(0, main, False), (main, -1, True)]
        last = main
    for match in split.finditer(sentence, last):
        # Only the first few words on each side matter; long sentences are not split whole.
        left_words = sentence[last : match.start()].split(maxsplit=3)
        right_words = sentence[match.end() : match.end() + 120].split(maxsplit=8)[:8]
        starts_with_verb = bool(right_words) and starts_verb(right_words[0])
        if len(left_words) < 3 or len(right_words) < (2 if starts_with_verb else 3):
            continue
        bare_and = match.group(0).strip() == "and"
        if bare_and and not starts_with_verb:
            continue  # "A and B" lists, not clauses
        if not starts_with_verb and not _has_verb(right_words):
            continue
        if inside_quotes(sentence, match.start()):
            continue
        cuts.append((last, match.start(), False))
        cuts.append((match.end(), -1, starts_with_verb))
        last = match.end()
    if not cuts:
        return [(seg.start, seg.end, False)]
    result: list[tuple[int, int, bool]] = []
    pending_subjectless = False
    start = 0
    for s, e, subjectless in cuts:
        if e == -1:
            start, pending_subjectless = s, subjectless
            continue
        result.append((seg.start + s, seg.start + e, pending_subjectless))
        pending_subjectless = False
    result.append((seg.start + start, seg.end, pending_subjectless))
    return [
        (s, e, sub)
        for s, e, sub in (_strip_range(text, s, e, sub) for s, e, sub in result)
        if e > s
    ]


def _main_verb(sentence: str) -> int | None:
    """For a sentence that opens with a subject and its relative clause (RELATIVE), where the
    main verb starts; else None."""
    found = RELATIVE.match(sentence)
    if found is None or inside_quotes(sentence, found.start("main")):
        return None
    return found.start("main") if starts_verb(found.group("main").split()[-1]) else None


def _strip_range(text: str, start: int, end: int, flag: bool) -> tuple[int, int, bool]:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end, flag


def starts_verb(word: str) -> bool:
    """A crude verb test, enough to tell clauses from lists: auxiliaries, speech verbs, -ed, the
    participles that open a clause."""
    word = word.lower().strip(",.;:\"'“”")
    return (
        word in lexicon.words("auxiliaries")
        or word in lexicon.words("speech_verbs")
        or word in lexicon.table("participles")
        or (word.endswith("ed") and len(word) > 4)
    )


def verb_form(word: str) -> bool:
    """A verb starts_verb knows, or an irregular form of one (lexicons/irregular.txt: "gave",
    "took"), which the clause splitter leaves to context."""
    return starts_verb(word) or word.lower() in lexicon.table("irregular")


def _has_verb(words: list[str]) -> bool:
    return any(starts_verb(word) for word in words[:8] if not word[:1].isupper())


def inside_quotes(sentence: str, index: int) -> bool:
    """Whether `index` of the sentence is inside a quotation that opened before it."""
    before = sentence[:index]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly
