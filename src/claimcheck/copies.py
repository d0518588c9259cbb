"""Copies among the sources: the same prose, or a wire story republished with small edits.

News is full of copies (syndication, wire stories, updated versions). A copy counts as one voice
with its original: its claims that the original also makes are left out, so that twenty copies of
one article neither outvote a conflict nor turn it into an agreement of the article with itself;
what the copy changed (an updated figure) is still compared.

Each article is sketched by the smallest hashes of its word shingles (a bottom-k MinHash, which
estimates the Jaccard overlap of two shingle sets from the sketches alone); articles whose
sketches share a hash are candidates, so the work grows with the corpus, not its square.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

from claimcheck.model import Article

WORD = re.compile(r"\w+")

SHINGLE = 5  # words a shingle
SKETCH = 64  # hashes kept per article
MAX_POSTINGS = 50  # articles a sketch hash may pair before it counts as boilerplate
COPY = 0.7  # estimated Jaccard overlap of 5-word shingles from which an article is a copy


Sketch = tuple[int, ...]


def sketch(text: str) -> Sketch:
    """The SKETCH smallest hashes of the text's word shingles, sorted."""
    folded = WORD.findall(text.lower())
    shingles = {" ".join(folded[i : i + SHINGLE]) for i in range(max(len(folded) - SHINGLE, 0) + 1)}
    return tuple(sorted({zlib.crc32(s.encode()) for s in shingles if s})[:SKETCH])


def prose(article: Article) -> str:
    """The article's body lines, the ones claims are found in: bylines, share prompts and web
    notices ("Tweet with a location") make no copy, and a page of nothing else copies nothing.
    An article built without body ranges has no prose (nor claims)."""
    return "\n".join(article.text[start:end] for start, end in article.body)


def resemblance(x: Sketch, y: Sketch, least: float = 0.0) -> float:
    """The Jaccard overlap of two shingle sets, estimated from their bottom-k sketches: the
    share of the SKETCH smallest hashes of the two that both hold. 0.0 as soon as the estimate
    is sure to fall under `least`: the sketches are walked side by side, in order, and each
    hash that only one holds lowers it."""
    if not x or not y:
        return 0.0
    spare = (1 - least) * SKETCH  # hashes held by one alone that the estimate can bear
    i = j = both = union = 0
    while union < SKETCH and (i < len(x) or j < len(y)):
        if j == len(y) or (i < len(x) and x[i] < y[j]):
            i += 1
        elif i == len(x) or y[j] < x[i]:
            j += 1
        else:
            i += 1
            j += 1
            both += 1
        union += 1
        if union - both > spare:
            return 0.0
    return both / union


def originals(
    articles: Sequence[Article], sketches: Sequence[Sketch] | None = None
) -> dict[str, str]:
    """Each copy's id and the id of an earlier article (not itself a copy) that it resembles;
    `sketches` are the sketch() of their prose, when already made."""
    if sketches is None:
        sketches = [sketch(prose(a)) for a in articles]
    postings: dict[int, list[int]] = defaultdict(list)
    found: dict[str, str] = {}
    for number, hashes in enumerate(sketches):
        seen: set[int] = set()
        for h in hashes[: SKETCH // 4]:  # a copy shares most of its smallest hashes
            if len(postings[h]) > MAX_POSTINGS:
                continue  # boilerplate (a footer) every article shares; other hashes pair
            for earlier in postings[h]:
                if earlier in seen:
                    continue
                seen.add(earlier)
                first = articles[earlier].id
                if resemblance(hashes, sketches[earlier], COPY) >= COPY:
                    found[articles[number].id] = first
                    break
            if articles[number].id in found:
                break
        if articles[number].id not in found:
            for h in hashes:
                postings[h].append(number)
    return found
