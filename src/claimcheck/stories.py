"""Stories: the articles of a corpus grouped by the event they report, before any claim is compared.

A day of coverage holds hundreds of stories; comparing claims across all of it costs time and
finds pairs between stories that have nothing to do with each other. Each article is reduced to
its TOP most telling words (content-word stems weighted by TF-IDF over the corpus, the title and
lead counted twice); articles that share a telling word are candidates (an inverted index, so
the work grows with the corpus, not its square); groups of articles then merge, closest first,
while the mean cosine between their articles is LINK or more (average linkage). Copies
(copies.py) always land in their original's story, and two dated articles more than MAX_DAYS
apart are never linked directly.
"""

from __future__ import annotations

import bisect
import datetime
import heapq
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from claimcheck.copies import originals, prose, sketch
from claimcheck.model import Article, Story, story_id
from claimcheck.normalise import WORD, content_key, fold

TOP = 40  # telling words kept per article
LINK = 0.12  # cosine of two articles' telling words from which they report one story
MAX_POSTINGS = 200  # articles a telling word may pair before it is too common to pair any
MAX_DAYS = 7  # dated articles further apart than this are never linked directly
LABEL_WORDS = 4  # words in a story's label
TITLE = 2  # weight of a title's words
LEAD = 2  # weight of the first LEAD_WORDS words of the text
LEAD_WORDS = 60
# Pseudo-documents added to the corpus size in the IDF, so that the words five articles on one
# event all use do not count as common (the demo's five articles would split otherwise).
PRIOR = 50


# An article's stems, their counts and their spellings, in step: three tuples hold a
# hundred thousand articles' words in a sixth of the memory that a Counter and a dict took.
Terms = tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]
Prints = tuple[tuple[int, ...], Terms]  # what grouping needs of one article (prints())
Mapper = Callable[[Callable[[Article], Prints], Iterable[Article]], Iterator[Prints]]


def one_story(articles: Sequence[Article]) -> list[Story]:
    """Every article in one story, as `--one-story` asks."""
    terms = [_terms(a.title, prose(a)) for a in articles]
    return [_story([a.id for a in articles], _profiles(terms)[1])]


def prints(article: Article) -> Prints:
    """What grouping needs of one article, made from its prose alone (copies.prose: bylines,
    share prompts and web notices link no story): the sketch that finds its copies and its
    words. A pool may make them side by side (cluster's `mapper`)."""
    text = prose(article)
    return sketch(text), _terms(article.title, text)


def cluster(articles: Sequence[Article], *, mapper: Mapper = map) -> list[Story]:
    """The stories of `articles`, ordered by their first article; `mapper` (a map() over other
    processes, say) makes each article's prints()."""
    return group(articles, list(mapper(prints, articles)))


def group(articles: Sequence[Article], made: Sequence[Prints]) -> list[Story]:
    """The stories of `articles` from their prints(), `made`. Only originals are grouped
    (twenty copies of one article would make its words look common); each copy then joins its
    original's story."""
    copy_of = originals(articles, [sketched for sketched, _ in made])
    number = {a.id: n for n, a in enumerate(articles)}
    kept = [n for n, a in enumerate(articles) if a.id not in copy_of]
    vectors, shown = _profiles([made[n][1] for n in kept])
    days = [_day(articles[n].date) for n in kept]
    near = _near(vectors, days)
    groups = [[kept[k] for k in group] for group in _average_linkage(vectors, near) if group]
    story_of = {n: g for g, group in enumerate(groups) for n in group}
    for copy, original in copy_of.items():
        groups[story_of[number[original]]].append(number[copy])
    words = {kept[k]: found for k, found in enumerate(shown)}
    ordered = sorted((sorted(g) for g in groups), key=lambda g: g[0])
    return [
        _story([articles[n].id for n in group], [words[n] for n in group if n in words])
        for group in ordered
    ]


def _average_linkage(
    vectors: Sequence[dict[str, float]], near: list[dict[int, float]]
) -> list[list[int]]:
    """Groups merged, most similar first, while the mean cosine between the articles of two
    groups is LINK or more: a strong pair does not chain two stories through one article.
    The mean of unit vectors' cosines is the dot product of the groups' summed vectors over the
    product of their sizes; only groups with a candidate pair between them are compared.
    `near[g][h]`, from _near() and updated here, is that dot product for groups g and h, exact
    for two articles and known to rounding (ROUNDING) once they have merged."""
    sums = [dict(v) for v in vectors]
    members = [[n] for n in range(len(vectors))]
    # A pair under LINK is never merged: the loop would stop at the first one it met.
    heap = [
        (-s, i, j)
        for i, others in enumerate(near)
        for j, s in others.items()
        if i < j and s >= LINK
    ]
    heapq.heapify(heap)
    while heap:
        score, i, j = heapq.heappop(heap)
        if not members[i] or not members[j] or -score != _mean(sums, members, i, j):
            continue  # stale: one of them has merged since, and its pairs were pushed again
        keep, gone = min(i, j), max(i, j)
        dots = _merged_dots(sums, near, keep, gone)
        members[keep] += members[gone]
        members[gone] = []
        for term, weight in sums[gone].items():
            sums[keep][term] = sums[keep].get(term, 0.0) + weight
        sums[gone] = {}
        near[keep], near[gone] = dots, {}
        for other, dot in dots.items():
            near[other].pop(gone, None)
            near[other][keep] = dot
            # Most neighbours stay far under LINK: their dot product, summed from the two
            # groups' own, says so without summing over the merged vector's words.
            if dot / (len(members[keep]) * len(members[other])) < LINK - ROUNDING:
                continue
            mean = _mean(sums, members, keep, other)  # exact: the heap's order depends on it
            if mean >= LINK:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    return members


# More than the rounding error between a dot product summed over two groups' words and the sum
# of their parts' dot products: the weights are positive, so both lie within a few thousand
# float epsilons (1e-16) of the true value, relative to the mean cosine's 1.
ROUNDING = 1e-9


def _merged_dots(
    sums: Sequence[dict[str, float]], near: list[dict[int, float]], keep: int, gone: int
) -> dict[int, float]:
    """The dot product of the summed vectors of groups `keep` and `gone` together with each of
    their neighbours', known to rounding: a neighbour of only one of them is measured against
    the other."""
    ours, theirs = near[keep], near[gone]
    dots: dict[int, float] = {}
    for other in (*ours, *(k for k in theirs if k not in ours)):
        if other in (keep, gone):
            continue
        mine, yours = ours.get(other), theirs.get(other)
        if mine is None:
            mine = _cosine(sums[keep], sums[other])
        if yours is None:
            yours = _cosine(sums[gone], sums[other])
        dots[other] = mine + yours
    return dots


def _mean(sums: Sequence[dict[str, float]], members: Sequence[list[int]], i: int, j: int) -> float:
    return _cosine(sums[i], sums[j]) / (len(members[i]) * len(members[j]))


def _profiles(counts: Sequence[Terms]) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Each article's TOP telling words with unit-length TF-IDF weights, from its _terms(), and
    the words as written (the most frequent spelling of each stem) with their weights, for
    labels."""
    df: Counter[str] = Counter()
    for stems, _, _ in counts:
        df.update(stems)
    n = len(counts)
    idf = {t: math.log((n + PRIOR) / (1 + d)) for t, d in df.items()}
    vectors: list[dict[str, float]] = []
    shown: list[dict[str, float]] = []
    for stems, numbers, spellings in counts:
        # The TOP heaviest, ties by the stem; a stem is once in an article's terms.
        ranked = heapq.nsmallest(
            TOP,
            [(-_tf(c) * idf[t], t) for t, c in zip(stems, numbers, strict=True)],
        )
        top = [(t, -w) for w, t in ranked]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        spelling = dict(zip(stems, spellings, strict=True))
        vectors.append({t: w / norm for t, w in top})
        shown.append({spelling[t]: w / norm for t, w in top})
    return vectors, shown


_TF = [1 + math.log(c) for c in range(1, 256)]


def _tf(count: int) -> float:
    """The weight of a stem `count` times in an article: 1 + log(count)."""
    return _TF[count - 1] if count < 256 else 1 + math.log(count)


def _terms(title: str | None, text: str) -> Terms:
    """Content-word stems of an article's prose `text`, its `title`'s counted twice, and the
    commonest spelling of each stem in them. Each distinct word is looked at once, with its
    count (in its first LEAD_WORDS and after them): the stems' weights are whole numbers, so the
    sums are those a word-by-word walk gives, and words are met in the order of their first
    use."""
    found: dict[str, int] = {}
    spellings: dict[tuple[str, str], int] = {}
    for part, weight in ((title or "", TITLE), (text, 1)):
        words = WORD.findall(fold(part))
        lead = Counter(words[:LEAD_WORDS])
        for word, count in Counter(words).items():
            stem = content_key(word)
            if not stem or stem.isdigit():
                continue
            early = lead.get(word, 0)
            found[stem] = found.get(stem, 0) + weight * (LEAD * early + count - early)
            spellings[stem, word] = spellings.get((stem, word), 0) + count
    # Each stem's commonest spelling, the first met of those as common.
    spelling: dict[str, tuple[int, str]] = {}
    for (stem, word), count in spellings.items():
        best = spelling.get(stem)
        if best is None or count > best[0]:
            spelling[stem] = (count, word)
    stems = tuple(found)
    # The spellings interned: one string for a word that many articles use.
    return stems, tuple(found.values()), tuple(sys.intern(spelling[t][1]) for t in stems)


def _near(
    vectors: Sequence[dict[str, float]], days: Sequence[int | None]
) -> list[dict[int, float]]:
    """Each article's candidates, with the cosine of their telling words: the articles that share
    a telling word with it that at most MAX_POSTINGS articles have, and are not too far apart
    in time. A word's dated holders are kept in order of their day, so that an article meets
    only those within MAX_DAYS of its own (and the undated ones): a corpus of many months
    offered each article thousands that its dates rule out."""
    postings: dict[str, list[int]] = defaultdict(list)
    undated: dict[str, list[int]] = defaultdict(list)
    dated: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for n, vector in enumerate(vectors):
        day = days[n]
        for term in vector:
            postings[term].append(n)
            if day is None:
                undated[term].append(n)
            else:
                dated[term].append((day, n))
    for held in dated.values():
        held.sort()
    near: list[dict[int, float]] = [{} for _ in vectors]
    for i, vector in enumerate(vectors):
        day = days[i]
        later: set[int] = set()
        for term in vector:
            if not 1 < len(postings[term]) <= MAX_POSTINGS:
                continue
            if day is None:  # an undated article may report any day's story
                later.update(j for j in postings[term] if j > i)
                continue
            later.update(j for j in undated.get(term, ()) if j > i)
            held = dated[term]
            first = bisect.bisect_left(held, (day - MAX_DAYS, -1))
            last = bisect.bisect_right(held, (day + MAX_DAYS, len(vectors)))
            later.update(j for _, j in held[first:last] if j > i)
        for j in later:
            near[i][j] = near[j][i] = _cosine(vector, vectors[j])
    return near


def _cosine(x: dict[str, float], y: dict[str, float]) -> float:
    if len(x) > len(y):
        x, y = y, x
    return sum(w * y[t] for t, w in x.items() if t in y)


def _day(date: str | None) -> int | None:
    """The day number of an ISO date's first ten characters, or None."""
    try:
        return datetime.date.fromisoformat((date or "")[:10]).toordinal()
    except ValueError:
        return None


def _story(ids: list[str], shown: Sequence[dict[str, float]]) -> Story:
    """A story of these article ids; its id hashes them, its label names the telling words of
    its articles (`shown`)."""
    weight: dict[str, float] = defaultdict(float)
    for found in shown:
        for word, w in found.items():
            weight[word] += w
    # A word is telling for the story when many of its articles weigh it; ties by the word.
    words = sorted(weight.items(), key=lambda tw: (-tw[1], tw[0]))[:LABEL_WORDS]
    return Story(story_id(ids), " ".join(t for t, _ in words), tuple(ids))
