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


def resemblance(x: tuple[int, ...], y: tuple[int, ...]) -> float:
    """The Jaccard overlap of two shingle sets, estimated from their bottom-k sketches."""
    if not x or not y:
        return 0.0
    union = sorted(set(x) | set(y))[:SKETCH]
    both = set(x) & set(y)
    return sum(1 for h in union if h in both) / len(union)


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
                if resemblance(hashes, sketches[earlier]) >= COPY:
                    found[articles[number].id] = first
                    break
            if articles[number].id in found:
                break
        if articles[number].id not in found:
            for h in hashes:
                postings[h].append(number)
    return found
