"""Atomic claims from articles: segment, resolve references, fill slots, keep provenance."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from claimcheck import lexicon
from claimcheck.extract import dates, numbers, references, resolve, segment, slots
from claimcheck.extract.classify import classify
from claimcheck.extract.context import Context, context_date
from claimcheck.model import Article, Attribution, Claim, ClaimType, DateRef, Settings, Span

__all__ = ["claim_of", "extract", "extract_all", "iter_claims"]


class _Source(NamedTuple):
    """What a claim's provenance takes from its article (a lone text has no Article)."""

    id: str
    path: str
    text: str
    written: datetime.date | None = None  # the day the article was written, when it says


def extract_all(articles: Iterable[Article], settings: Settings | None = None) -> list[Claim]:
    """Claims of every article, in article order."""
    return list(iter_claims(articles, settings))


def iter_claims(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[Claim]:
    """Claims of every article, in article order, made as they are asked for: a caller that
    writes each one out (`claimcheck extract --format jsonl`) never holds them all."""
    for article in articles:
        yield from _claims(article, settings or Settings())


def extract(article: Article, settings: Settings | None = None) -> list[Claim]:
    """The atomic claims of one article, with slots and spans into `article.text`."""
    return list(_claims(article, settings or Settings()))


def _claims(article: Article, settings: Settings) -> Iterator[Claim]:
    text = article.text
    segments = segment.sentences(text, article.body)
    registry = resolve.Registry(settings.aliases)
    registry.learn(text, [(s.start, s.end) for s in segments])
    context = Context()
    source = _Source(article.id, article.path, text, dates.written_on(article.date))
    quotes = _Quotation()
    count = 0
    for seg in segments:
        found = _sentence_claims(source, seg, registry, context, start_id=count)
        count += len(found)
        yield from quotes.credit(text[seg.start : seg.end], seg.paragraph, found)
    yield from quotes.release()


# A quotation's sentences held back until its speaker is known, at most: a stray opening mark
# must not hold a whole article's claims.
HELD_SENTENCES = 20


@dataclass(slots=True)
class _Quotation:
    """The sentences of a quotation that runs over several ("“We will not accept this,” Lavrov
    said. “It is a red line. Nobody should doubt it.”"), credited to the speaker that one of
    them, or the quoted sentence just before, names: its sentences without an attribution of
    their own are held until the quotation closes or names its speaker."""

    paragraph: int = -1
    open: bool = False  # a quotation runs on past the last sentence read
    speaker: Attribution | None = None  # of the quotation read, or of the quoted sentence before
    held: list[Claim] = field(default_factory=list)
    sentences: int = 0

    def credit(self, sentence: str, paragraph: int, claims: list[Claim]) -> Iterator[Claim]:
        """The claims of the next sentence, and any held ones whose speaker it settles."""
        if paragraph != self.paragraph:
            yield from self.release()
            self.paragraph, self.open, self.speaker = paragraph, False, None
        stripped = sentence.lstrip()
        quoted = self.open or stripped[:1] in ('"', "“")
        self.open = _open_after(sentence, self.open)
        own = next((c.attribution for c in claims if c.attribution is not None), None)
        if not quoted:  # a speaker's own sentence may open a quotation: "Lavrov said: “It is ..."
            yield from self.release()
            self.speaker = own if self.open else None
            yield from claims
            return
        if own is not None:
            self.speaker = own
            yield from self.release(own)
            yield from claims
        elif self.speaker is not None:
            yield from (_credited(c, self.speaker) for c in claims)
        elif self.open and self.sentences < HELD_SENTENCES:
            self.held += claims  # the speaker may come at the quotation's end
            self.sentences += 1
            return
        else:
            yield from self.release()
            yield from claims

    def release(self, speaker: Attribution | None = None) -> Iterator[Claim]:
        """The held claims, credited to `speaker` when given."""
        held, self.held, self.sentences = self.held, [], 0
        for claim in held:
            yield _credited(claim, speaker) if speaker is not None else claim


def _open_after(sentence: str, open_before: bool) -> bool:
    """Whether a quotation is still open after `sentence`, given whether one was before it: the
    last curly mark sets it, and each straight mark after that turns it over (found with the
    string's own searches, not a loop over every character of every sentence)."""
    opening, closing = sentence.rfind("“"), sentence.rfind("”")
    if opening == closing:  # neither
        opened, start = open_before, 0
    else:
        opened, start = opening > closing, max(opening, closing) + 1
    return opened != (sentence.count('"', start) % 2 == 1)


def _credited(claim: Claim, speaker: Attribution) -> Claim:
    """The claim credited to the quotation's speaker, unless it names one of its own."""
    return claim if claim.attribution is not None else replace(claim, attribution=speaker)


def claim_of(
    text: str, claim_id: str = "text", settings: Settings | None = None, *, marks: bool = True
) -> Claim:
    """A short text (a sentence or two) as one claim: slots filled, references resolved in it.

    With `marks=False` the claim's type, modality and hedges, which the judge never reads, are
    left at their defaults: `claimcheck pairs` shows only the judgement of each text.
    """
    registry = resolve.Registry(settings.aliases if settings else ())
    registry.learn(text, [(0, len(text))])
    seg = segment.Segment(0, len(text), 0)
    (claim,) = _sentence_claims(
        _Source(claim_id, "", text),
        seg,
        registry,
        Context(),
        start_id=0,
        split=False,
        marks=marks,
        lone=True,
    )
    return claim


def _sentence_claims(
    source: _Source,
    seg: segment.Segment,
    registry: resolve.Registry,
    context: Context,
    *,
    start_id: int,
    split: bool = True,
    marks: bool = True,
    lone: bool = False,
) -> list[Claim]:
    """The claims of one sentence. A `lone` sentence, a text of its own, has no earlier sentence
    to inherit a date from and no later one to hand its people and dates on to: what `context`
    would carry over is not worked out."""
    text = source.text
    sentence = text[seg.start : seg.end]
    if seg.paragraph != context.paragraph:
        context.paragraph, context.paragraph_date, context.paragraph_years = (
            seg.paragraph,
            None,
            set(),
        )
    kind = classify(sentence, seg) if marks else ClaimType.CLAIM  # unmarked: never split
    names = registry.mentions(text, seg.start, seg.end)
    roles, unresolved = registry.roles_in(text, seg.start, seg.end, context.recent)
    pronouns = references.pronouns(text, seg, names, roles, context.recent, unresolved)
    if roles:
        names = [n for n in names if not any(r.start <= n.start < r.end for r in roles)]
    mentions = sorted([*names, *roles, *pronouns], key=lambda m: m.start)
    sentence_dates = dates.dates(sentence, seg.start, written=source.written)
    inherited = None if lone else context_date(sentence, sentence_dates, context, seg.start)
    attribution = _attribution(sentence, mentions, seg.start)
    whole = [(seg.start, seg.end, False)]
    pieces = segment.clauses(text, seg) if split and kind is ClaimType.CLAIM else whole
    subject = references.subject_of(text, pieces, mentions) if len(pieces) > 1 else None
    claims = []
    for number, (start, end, subjectless, who) in enumerate(
        references.with_subjects(text, pieces, mentions, subject)
    ):
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        claims.append(
            _claim(
                source,
                start_id + number,
                start,
                end,
                kind,
                inside,
                sentence_dates,
                inherited,
                attribution,
                who,
                orphan=subjectless and who is None,
                marks=marks,
            )
        )
    if not lone:
        context.recent = references.recent_people(mentions, context.recent)
    return claims


def _attribution(sentence: str, mentions: list[resolve.Mention], offset: int) -> Attribution | None:
    found = slots.attribution(sentence)
    if found is None:
        return None
    start = offset + sentence.find(found.source)
    end = start + len(found.source)
    inside = [m for m in mentions if start >= offset and m.start < end and start < m.end]
    if not inside:
        return found
    chosen = next((m for m in inside if m.entity.person), inside[-1])  # "Acme chief Jane Porter"
    return Attribution(chosen.entity.name, found.cue)


def _claim(
    source: _Source,
    number: int,
    start: int,
    end: int,
    kind: ClaimType,
    mentions: list[resolve.Mention],
    sentence_dates: list[tuple[DateRef, int, int]],
    inherited: DateRef | None,
    attribution: Attribution | None,
    subject: str | None,
    *,
    orphan: bool,
    marks: bool = True,
) -> Claim:
    """One claim; `orphan` marks a clause whose subject could not be named, and `marks=False`
    leaves out its modality and hedges."""
    text = source.text
    quote = text[start:end]
    own = [(d, s, e) for d, s, e in sentence_dates if start <= s and e <= end]
    if own:
        claim_dates = tuple(dict.fromkeys(d for d, _, _ in own))
    elif len({d.year for d, _, _ in sentence_dates}) == 1:  # dated by another clause
        claim_dates = (replace(sentence_dates[0][0], inherited=True),)
    elif inherited is not None:
        claim_dates = (replace(inherited, inherited=True),)
    else:
        claim_dates = ()
    skip = [(s - start, e - start) for _, s, e in own]
    negation = slots.negation(quote)
    wording, resolved = references.decontextualise(quote, start, mentions, subject)
    if subject:
        # A clause a participle opens reads in the past: ", saying the probe should end" is
        # "Trump said the probe should end".
        lead, _, rest = wording.partition(" ")
        past = lexicon.table("participles").get(lead.lower())
        wording = f"{subject} {past} {rest}" if past and rest else f"{subject} {wording}"
    line, column = _position(text, start)
    actors = tuple(
        dict.fromkeys([*([subject] if subject else []), *(m.entity.name for m in mentions)])
    )
    return Claim(
        id=f"{source.id}#{number + 1}",
        article_id=source.id,
        path=source.path,
        text=wording,
        quote=quote,
        span=Span(start, end, line, column),
        type=kind,
        actors=actors,
        dates=claim_dates,
        quantities=tuple(numbers.quantities(quote, skip)),
        negated=negation is not None,
        negation_cue=negation[0] if negation else None,
        modality=slots.modality(quote) if marks else None,
        hedges=slots.hedges(quote) if marks else (),
        attribution=attribution,
        resolved=resolved,
        certain=not orphan and all(m.certain for m in mentions),
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    if text.rfind("\n", 0, offset) < 0:
        return 1, offset + 1  # on the first line, as every claim of a lone text is
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


@lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]
