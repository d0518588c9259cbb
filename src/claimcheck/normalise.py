"""Claim text as comparable features: folded words, stems, content words, actors, numbers."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from claimcheck import lexicon

# An acronym ("SEC", "WHO"), and a run of capitalised words that may spell one out
# ("Securities and Exchange Commission"), connectors allowed between them.
# Each opens with its capital and looks behind only then, so that the engine skips to capitals.
ACRONYM = re.compile(r"[A-Z](?<!\w.)[A-Z]{1,5}\b")
CAPITAL_RUN = re.compile(
    r"[A-Z](?<![\w&'’-].)[\w&'’-]*(?:\s+(?:(?:of|and|the|for|&)\s+)*[A-Z][\w&'’-]*)+"
)
# A word: letters and digits, apostrophes inside. (A second branch for figures with points or
# commas never matched: digits are word characters, so the first branch took "3.5" as "3" and
# "5" already. Without it the expression opens with a class and the engine skips to a word.)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
STEM_PREFIX = 6  # stems cut to this length meet across derivations ("respond"/"response")
_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True, slots=True)
class Features:
    """What the matcher and the judge compare: `key` words in order, and sets of them."""

    words: tuple[str, ...]  # folded words, stopwords included, in order
    keys: tuple[str, ...]  # stem keys of content words, in order
    content: frozenset[str]
    actors: frozenset[str]
    text: str  # keys joined, for rapidfuzz
    grams: tuple[frozenset[int], ...] = ()  # hashes of word 1-, 2- and 3-grams (smaller)
    numbers: frozenset[str] = frozenset()  # figures written with digits
    key_bigrams: frozenset[int] = frozenset()  # hashes of content-key bigrams
    key_trigrams: frozenset[int] = frozenset()  # hashes of content-key trigrams, repeats counted
    sentence: str = ""  # words joined, stopwords included, for rapidfuzz
    sorted_text: str = ""  # keys sorted and joined: rapidfuzz's token sort, done once per claim
    acronyms: frozenset[str] = frozenset()  # folded acronyms written in the text ("sec")
    initials: frozenset[str] = frozenset()  # what runs of capitalised words abbreviate to

    @property
    def size(self) -> int:
        return len(self.content)


def fold(text: str) -> str:
    """Lower case, accents and typographic quotes folded."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Folded word tokens; possessive endings dropped. Cached: the judge asks again and again
    for the words of the same cues, figures and dates."""
    return _tokens(text)


def _tokens(text: str) -> tuple[str, ...]:
    """The words of a text, uncached: features() reads each claim's text once, and keeping those
    would only push the judge's cues, figures and dates out of the cache."""
    folded = fold(text)
    if "'" not in folded:
        return tuple(WORD.findall(folded))  # no possessive and no "n't" to split
    out: list[str] = []
    for token in WORD.findall(folded):
        token = token.removesuffix("'s")
        if token.endswith("n't"):
            out.extend([token[:-3], "not"])
        else:
            out.append(token)
    return tuple(out)


@cache
def key(word: str) -> str:
    """A word's stem cut to a prefix, so that derivations and inflections meet."""
    if word.isdigit():
        return word
    word = lexicon.table("irregular").get(word, word)
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
def _spellings() -> dict[str, str]:
    """Words with one canonical spelling: count words from two to ninety as figures ("fourteen"
    meets "14") and month abbreviations as month names ("Sept." meets "September"). "One" is
    left a word: it is more often a pronoun ("no one", "one of them") than a count; "Mar" is
    left too."""
    out = {}
    for word, entry in lexicon.table("number_words").items():
        value, kind = entry.split("\t")
        if kind == "count" and value.isdigit() and 2 <= int(value) <= 90:
            out[word] = value
    months = lexicon.table("months")
    names = {
        number: max((w for w, n in months.items() if n == number), key=len)
        for number in months.values()
    }
    out.update({w: names[n] for w, n in months.items() if w != names[n] and w != "mar"})
    return out


def features(
    text: str, actors: tuple[str, ...] = (), *, drop: frozenset[str] = frozenset()
) -> Features:
    """Features of a claim's text; `drop` removes words (such as negation cues) before keying."""
    folded = [w for w in _tokens(text) if w not in drop] if drop else _tokens(text)
    spellings = _spellings()
    if not spellings.keys().isdisjoint(folded):
        folded = [spellings.get(w, w) for w in folded]
    keys = tuple(filter(None, map(content_key, folded)))
    actor_keys = frozenset(key(w) for a in actors for w in words(a)[-1:])
    grams = (
        frozenset(map(hash, folded)),
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
        *_abbreviations(text),
    )


def _abbreviations(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The acronyms a text writes, and the initials of its runs of two or more capitalised words
    (each stretch of a run: "Electronic Data Systems Corp." gives "eds" and "edsc")."""
    acronyms = frozenset(map(str.lower, ACRONYM.findall(text)))
    initials = set()
    for run in CAPITAL_RUN.findall(text):
        letters = "".join(w[0] for w in run.split() if w[0].isupper()).lower()
        if len(letters) == 2:  # most runs: a first name and a surname
            initials.add(letters)
            continue
        for start in range(len(letters) - 1):
            initials.update(letters[start:end] for end in range(start + 2, start + 7))
    return acronyms, frozenset(initials - acronyms)


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
    x, y = shared / max(a.size, 1), shared / max(b.size, 1)
    return (x, y) if x <= y else (y, x)


def dice(low: float, high: float) -> float:
    """The Dice overlap of two claims from their coverage shares."""
    return 2 * low * high / (low + high) if low + high else 0.0
