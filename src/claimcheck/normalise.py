"""Claim text as comparable features: folded words, stems, content words, actors, numbers."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import snowballstemmer

from claimcheck import lexicon

# Each of these three opens with its capital and looks behind only then, so that the engine
# skips to capitals. An acronym ("SEC", "WHO"); a run of capitalised words that may spell one
# out ("Securities and Exchange Commission"), connectors allowed between them; a capitalised
# word that does not open a sentence, most often a name.
ACRONYM = re.compile(r"[A-Z](?<!\w.)[A-Z]{1,5}\b")
CAPITAL_RUN = re.compile(
    r"[A-Z\u00c0-\u00de](?<![\w&'’-].)[\w&'’-]*"
    r"(?:\s+(?:(?:of|and|the|for|&)\s+)*[A-Z\u00c0-\u00de][\w&'’-]*)+"
)
INSIDE_CAPITAL = re.compile(r"[A-Z\u00c0-\u00de](?<=[\w,;:’'\")][ \t].)[\w'’-]*")
# A word: letters and digits, apostrophes inside. (A second branch for figures with points or
# commas never matched: digits are word characters, so the first branch took "3.5" as "3" and
# "5" already. Without it the expression opens with a class and the engine skips to a word.)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# The same words in folded ASCII text, which is lower case and has no "’". That text is split
# quicker than any expression finds them: see ascii_words().
ASCII_WORD_BYTES = bytes(
    c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789'" else 32 for c in range(256)
)
APOSTROPHES = re.compile("'{2,}")
NEGATORS = frozenset({"not", "no", "never"})  # the words that negate on their own
TITLE_WORD = re.compile(r"[A-Za-z][a-z'’-]{3,}|[A-Z][A-Za-z'’-]{3,}")
TITLE_SHARE = 0.8  # of a line's words of four letters or more capitalised: title case
TITLE_WORDS = 3

STEM_PREFIX = 6  # stems cut to this length meet across derivations ("respond"/"response")
_stemmer = snowballstemmer.stemmer("english")


class Features(NamedTuple):
    """What the matcher and the judge compare: `key` words in order, and sets of them. (A named
    tuple, as are the other records built for every text and pair: a frozen dataclass sets each
    field through object.__setattr__, several times slower.)"""

    words: tuple[str, ...]  # folded words, stopwords included, in order
    keys: tuple[str, ...]  # stem keys of content words, in order
    content: frozenset[str]
    actors: frozenset[str]
    text: str  # keys joined, for rapidfuzz
    # The distinct words, then hashes of word bigrams and trigrams (smaller than the tuples).
    grams: tuple[frozenset[object], ...] = ()
    numbers: frozenset[str] = frozenset()  # figures written with digits
    key_bigrams: frozenset[int] = frozenset()  # hashes of content-key bigrams
    key_trigrams: frozenset[int] = frozenset()  # hashes of content-key trigrams, repeats counted
    sentence: str = ""  # words joined, stopwords included, for rapidfuzz
    sorted_text: str = ""  # keys sorted and joined: rapidfuzz's token sort, done once per claim
    acronyms: frozenset[str] = frozenset()  # folded acronyms written in the text ("sec")
    written: str = ""  # the text as written, for what only some pairs need (see initials())
    names: frozenset[str] = frozenset()  # keys of capitalised words inside the sentence

    @property
    def size(self) -> int:
        return len(self.content)


def fold(text: str) -> str:
    """Lower case, accents and typographic quotes folded."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    if text.isascii():
        return text.lower()
    # Lower-cased again after the decomposition, which turns letter-like symbols that have no
    # lower case into capitals: "ℌ" and "ℑ" decompose to "H" and "I".
    decomposed = unicodedata.normalize("NFKD", text.lower()).lower()
    # The combining marks are looked for among the text's distinct characters, a few dozen,
    # not character by character over the whole text.
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    return decomposed.translate(marks) if marks else decomposed


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Folded word tokens; possessive endings dropped. Cached: the judge asks again and again
    for the words of the same cues, figures and dates."""
    return _tokens(text)


def _tokens(text: str) -> tuple[str, ...]:
    """The words of a text, uncached: features() reads each claim's text once, and keeping those
    would only push the judge's cues, figures and dates out of the cache."""
    folded = fold(text)
    found = ascii_words(folded) if folded.isascii() else WORD.findall(folded)
    if "'" not in folded:
        return tuple(found)  # no possessive and no "n't" to split
    out: list[str] = []
    for token in found:
        token = token.removesuffix("'s")
        if token.endswith("n't"):
            out.extend([token[:-3], "not"])
        else:
            out.append(token)
    return tuple(out)


def ascii_words(folded: str) -> list[str]:
    """The words WORD finds in folded ASCII text (lower case, as fold() leaves it): runs of
    letters and digits, single apostrophes inside. Every other byte made a space, the text
    splits into runs of letters, digits and apostrophes, and only a run with an apostrophe needs
    more: split where two or more stand together, and the apostrophes at either end dropped."""
    found = folded.encode().translate(ASCII_WORD_BYTES).decode().split()
    if "'" not in folded:
        return found
    out: list[str] = []
    for run in found:
        if "'" in run:
            out.extend(word for part in APOSTROPHES.split(run) if (word := part.strip("'")))
        else:
            out.append(run)
    return out


@cache
def key(word: str) -> str:
    """A word's stem cut to a prefix, so that derivations and inflections meet."""
    if word.isdigit():
        return word
    word = lexicon.table("irregular").get(word) or lexicon.table("irregular_nouns").get(word, word)
    stem: str = _stemmer.stemWord(word)
    return stem[:STEM_PREFIX]


def is_content(word: str) -> bool:
    """A word that carries content: not a stopword, and more than one letter or a figure."""
    return word not in lexicon.words("stopwords") and (len(word) > 1 or word.isdigit())


@lru_cache(maxsize=65536)
def content_key(word: str) -> str:
    """The key of a content word, and "" for any other word: one cached lookup per word."""
    return key(word) if is_content(word) else ""


@cache
def _counts() -> dict[str, int]:
    """Count words and their values ("one" 1, "twenty" 20, "dozen" 12)."""
    out = {}
    for word, entry in lexicon.table("number_words").items():
        value, kind = entry.split("\t")
        if kind == "count" and value.isdigit():
            out[word] = int(value)
    return out


@cache
def _spellings() -> dict[str, str]:
    """Words with one canonical spelling: count words from two to ninety as figures ("fourteen"
    meets "14") and month abbreviations as month names ("Sept." meets "September"). "One" is
    left a word: it is more often a pronoun ("no one", "one of them") than a count; "dozen"
    often multiplies ("two dozen"), and "Mar" is a verb too."""
    out = {w: str(v) for w, v in _counts().items() if 2 <= v <= 90 and w != "dozen"}
    months = lexicon.table("months")
    names = {
        number: max((w for w, n in months.items() if n == number), key=len)
        for number in months.values()
    }
    out.update({w: names[n] for w, n in months.items() if w != names[n] and w != "mar"})
    return out


def spelled(words: Sequence[str]) -> Sequence[str]:
    """Words in their canonical spellings (see `_spellings`), a tens word and a unit word read
    as one figure ("twenty-five", "twenty five": "25")."""
    spellings = _spellings()
    if spellings.keys().isdisjoint(words):
        return words
    counts = _counts()
    out: list[str] = []
    tens = 0  # the value of the word just read when it is a tens word ("twenty"), else 0
    for word in words:
        value = counts.get(word, 0)
        if tens and 1 <= value <= 9:
            out[-1] = str(tens + value)
            tens = 0
            continue
        tens = value if 20 <= value <= 90 and value % 10 == 0 else 0
        out.append(spellings.get(word, word))
    return out


def text_keys(text: str) -> frozenset[str]:
    """The keys of every word of a short text as `features` spells them: the words a rule sets
    aside before comparing two claims ("three" of "three children" is keyed "3")."""
    return frozenset(map(key, spelled(words(text))))


def features(
    text: str, actors: tuple[str, ...] = (), *, drop: frozenset[str] = frozenset()
) -> Features:
    """Features of a claim's text; `drop` removes words (such as negation cues) before keying."""
    folded = spelled([w for w in _tokens(text) if w not in drop] if drop else _tokens(text))
    keys = tuple(filter(None, map(content_key, folded)))
    actor_keys = frozenset(key(w) for a in actors for w in words(a)[-1:])
    grams = (
        frozenset(folded),  # strings keep their hashes: nothing to gain from hashing them
        frozenset(map(hash, itertools.pairwise(folded))),
        frozenset(map(hash, zip(folded, folded[1:], folded[2:], strict=False))),
    )
    numbers = frozenset([w for w in folded if w[:1].isdigit()])
    return Features(
        tuple(folded),
        keys,
        frozenset(keys),
        actor_keys,
        " ".join(keys),
        grams,
        numbers,
        frozenset(map(hash, itertools.pairwise(keys))),
        _counted(zip(keys, keys[1:], keys[2:], strict=False)),
        " ".join(folded),
        " ".join(sorted(keys)),
        frozenset(map(str.lower, ACRONYM.findall(text))),
        text,
        _names(text),
    )


def _names(text: str) -> frozenset[str]:
    """Keys of the capitalised words inside a text, keyed as `features` keys its words; those
    opening a sentence prove nothing, and acronyms and titles ("SEC", "Mr.") are left out."""
    found = [w for w in inside_capitals(text, 0, len(text)) if not w.isupper()]
    if not found:
        return frozenset()
    titles = lexicon.words("titles")
    spellings = _spellings()
    keys = set()
    for name in found:
        if name.isascii() and name.isalpha():  # most names: one plain word
            word = name.lower()
            if word not in titles:
                keys.add(content_key(spellings.get(word, word)))
        else:  # "Jean-Pierre", "O'Neill", "Émile": split and folded as the text's words are
            keys.update(content_key(w) for w in spelled(_tokens(name)) if w not in titles)
    keys.discard("")
    return frozenset(keys)


@lru_cache(maxsize=64)
def inside_capitals(text: str, start: int, end: int) -> tuple[str, ...]:
    """The capitalised words of text[start:end] that do not open it or a sentence in it. Cached:
    the resolver reads them from a lone text, and features() from its claim, most often the
    same text."""
    return tuple(INSIDE_CAPITAL.findall(text, start, end))


@lru_cache(maxsize=4096)
def initials(text: str) -> frozenset[str]:
    """What the runs of two or more capitalised words of a text abbreviate to (each stretch of a
    run: "Electronic Data Systems Corp." gives "eds" and "edsc"). Worked out only for a text
    whose partner writes an acronym, as few do; cached for the matcher, which meets each claim
    in several pairs."""
    found = set()
    for run in CAPITAL_RUN.findall(text):
        letters = "".join(w[0] for w in run.split() if w[0].isupper()).lower()
        if len(letters) == 2:  # most runs: a first name and a surname
            found.add(letters)
            continue
        for start in range(len(letters) - 1):
            found.update(letters[start:end] for end in range(start + 2, start + 7))
    return frozenset(found)


def _counted(grams: Iterable[tuple[str, ...]]) -> frozenset[int]:
    """Hashes of grams, each with its occurrence number, so that the overlap of two such sets
    counts a repeated gram as often as both sides repeat it."""
    grams = list(grams)
    hashes = frozenset(map(hash, grams))
    if len(hashes) == len(grams):  # the usual case: no gram repeats (nor shares a hash)
        return hashes
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for gram in grams:
        count = seen.get(gram, 0)
        seen[gram] = count + 1
        out.append(hash((gram, count)) if count else hash(gram))
    return frozenset(out)


def coverage(a: Features, b: Features) -> tuple[float, float]:
    """The lower and the higher of two shares: a's content found in b, and b's found in a."""
    return shares(len(a.content & b.content), a, b)


def shares(shared: int, a: Features, b: Features) -> tuple[float, float]:
    """The lower and the higher of the shares that `shared` content words are of each side."""
    return ordered(shared / max(a.size, 1), shared / max(b.size, 1))


def ordered(x: float, y: float) -> tuple[float, float]:
    """The lower and the higher of two shares."""
    return (x, y) if x <= y else (y, x)


def dice(low: float, high: float) -> float:
    """The Dice overlap of two claims from their coverage shares."""
    return 2 * low * high / (low + high) if low + high else 0.0


def title_case(text: str) -> bool:
    """Whether `text` capitalises most of its longer words, as a headline does: TITLE_WORDS
    words of four letters or more at least, TITLE_SHARE of them capitalised."""
    long = TITLE_WORD.findall(text)
    return len(long) >= TITLE_WORDS and sum(w[0].isupper() for w in long) >= TITLE_SHARE * len(long)
