"""Atomic claims from articles: segment, resolve references, fill slots, keep provenance."""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import NamedTuple

from claimcheck import lexicon
from claimcheck.extract import dates, numbers, resolve, segment, slots
from claimcheck.model import Article, Attribution, Claim, ClaimType, DateRef, Settings, Span

__all__ = ["claim_of", "extract", "extract_all", "iter_claims"]


@cache
def _event_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A sentence that points back to an event ("During that exchange", "At the time"), and a
    date's event noun nearby ("a 2001 dialogue", "a conversation dated 6 April 2008"): the
    nouns of lexicons/event_nouns.txt."""
    event = rf"(?:{'|'.join(sorted(lexicon.words('event_nouns')))})s?"
    anaphor = rf"^(?:\S+\s+){{0,5}}?(?:that|the same|this|those|these|the)\s+(?:\w+\s+)?{event}\b"
    return re.compile(anaphor, re.IGNORECASE), re.compile(rf"\b{event}\b", re.IGNORECASE)


# A lower-case word of three letters or more; the look-behind after the first letter lets the
# engine skip to a letter rather than try every position.
LOWER_WORD = re.compile(r"[a-z](?<!\w.)[a-z]{2,}\b")
PRONOUNS = frozenset("he she him his himself herself".split())
LATTER_WORDS = frozenset({"latter", "former"})
REFERRING = PRONOUNS | LATTER_WORDS
OPINION = re.compile(
    r"^(?:i|we)\s+(?:think|believe|feel)\b|\bin my (?:opinion|view)\b", re.IGNORECASE
)


class _Source(NamedTuple):
    """What a claim's provenance takes from its article (a lone text has no Article)."""

    id: str
    path: str
    text: str
    written: datetime.date | None = None  # the day the article was written, when it says


@dataclass(slots=True)
class _Context:
    """What earlier sentences established: recent people and the date being spoken of."""

    recent: list[resolve.Entity] = field(default_factory=list)
    paragraph: int = -1
    paragraph_date: DateRef | None = None
    paragraph_years: set[int] = field(default_factory=set)
    event_date: DateRef | None = None


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
    context = _Context()
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
        _Context(),
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
    context: _Context,
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
    pronouns = _pronouns(text, seg, names, roles, context, unresolved)
    if roles:
        names = [n for n in names if not any(r.start <= n.start < r.end for r in roles)]
    mentions = sorted([*names, *roles, *pronouns], key=lambda m: m.start)
    sentence_dates = dates.dates(sentence, seg.start, written=source.written)
    inherited = None if lone else _context_date(sentence, sentence_dates, context, seg.start)
    attribution = _attribution(sentence, mentions, seg.start)
    whole = [(seg.start, seg.end, False)]
    pieces = segment.clauses(text, seg) if split and kind is ClaimType.CLAIM else whole
    subject = _subject(text, pieces, mentions) if len(pieces) > 1 else None
    claims = []
    for number, (start, end, subjectless, who) in enumerate(
        _with_subjects(text, pieces, mentions, subject)
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
        context.recent = _recent_people(mentions, context.recent)
    return claims


# A line without a closing stop is a headline up to this many words; a longer one is prose whose
# stop was lost ("WASHINGTON - Representative Paul D. Ryan’s budget blueprint assumes the same
# amount of Medicare savings as ... on Medicare", 38 words, in a saved article).
HEADLINE_WORDS = 20


def classify(sentence: str, seg: segment.Segment) -> ClaimType:
    """Questions, headlines, calls to action and opinion boxes are kept but marked as such."""
    stripped = sentence.strip().rstrip("\"'”’)")
    if stripped.endswith("?"):
        return ClaimType.QUESTION
    first = stripped.split(maxsplit=2)
    lead = " ".join(first[:2]).lower()
    if first and (
        first[0].lower() in lexicon.words("cta_verbs") or lead in lexicon.words("cta_verbs")
    ):
        return ClaimType.CALL_TO_ACTION
    if (
        seg.whole_line
        and not stripped.endswith((".", "!", ":", "…"))
        and len(stripped.split()) <= HEADLINE_WORDS
    ):
        return ClaimType.HEADLINE
    lowered = stripped.lower()
    opinion_cue = "opinion" in lowered or "view" in lowered or lowered.startswith(("i ", "we "))
    if opinion_cue and OPINION.search(stripped):
        return ClaimType.OPINION
    if not _says_something(stripped):
        return ClaimType.HEADLINE  # a caption or list line of names and numbers
    return ClaimType.CLAIM


def _says_something(sentence: str) -> bool:
    """True when a sentence has a lower-case content word: not only names and figures."""
    stopwords = lexicon.words("stopwords")
    # Looked at lazily: in most sentences the first word or two decide.
    return any(word.group() not in stopwords for word in LOWER_WORD.finditer(sentence))


def _pronouns(
    text: str,
    seg: segment.Segment,
    names: list[resolve.Mention],
    roles: list[resolve.Mention],
    context: _Context,
    unresolved: list[tuple[int, int]],
) -> list[resolve.Mention]:
    """He, she, his, him and "the latter" read as the person this or the last sentence is about.
    A pronoun after a role phrase that names nobody known ("the President ... his view"), with no
    person named before it in the sentence, is that role's and is left as written."""
    found: list[resolve.Mention] = []
    words = slots.words_of(text[seg.start : seg.end])
    if REFERRING.isdisjoint(words):
        return found
    people = [m for m in sorted([*names, *roles], key=lambda m: m.start) if m.entity.person]
    # LATTER tries every position, and its words have no letter that another character matches
    # case-insensitively: a sentence without "latter" or "former" among its words has no match.
    latter = (
        () if LATTER_WORDS.isdisjoint(words) else resolve.LATTER.finditer(text, seg.start, seg.end)
    )
    for match in latter:
        before = [m.entity for m in people if m.end <= match.start()] or context.recent
        if before:
            chosen = before[-1] if match.group("which").lower() == "latter" else before[0]
            found.append(resolve.Mention(match.start(), match.end(), chosen, reference=True))
    for match in resolve.PRONOUN.finditer(text, seg.start, seg.end):
        gender = lexicon.table("person_pronouns")[match.group().lower()]
        earlier = [m.entity for m in people if m.end <= match.start() and m.entity.may_be(gender)]
        if not earlier and any(end <= match.start() for _, end in unresolved):
            continue
        candidates = _distinct(earlier) or [e for e in context.recent if e.may_be(gender)]
        if not candidates:
            continue
        chosen, certain = candidates[0], len(_distinct(candidates)) == 1
        if certain and not chosen.gender:
            chosen.learn_gender(gender)  # "Farenthold resigned. He said ...": a man
        found.append(
            resolve.Mention(match.start(), match.end(), chosen, reference=True, certain=certain)
        )
    return found


def _distinct(entities: list[resolve.Entity]) -> list[resolve.Entity]:
    seen: list[resolve.Entity] = []
    for entity in entities:
        if all(entity is not s for s in seen):
            seen.append(entity)
    return seen


def _recent_people(
    mentions: list[resolve.Mention], previous: list[resolve.Entity]
) -> list[resolve.Entity]:
    """People of this sentence in order (its subject first), or the earlier ones if it has none."""
    people = _distinct([m.entity for m in mentions if m.entity.person])
    return people or previous


def _context_date(
    sentence: str, own: list[tuple[DateRef, int, int]], context: _Context, offset: int
) -> DateRef | None:
    """The date a sentence without one of its own inherits, and the context's update."""
    years = {d.year for d, _, _ in own}
    if own:
        best = max((d for d, _, _ in own), key=lambda d: (d.day is not None, d.month is not None))
        if len(years) == 1 and _dates_event(sentence, own, offset):
            context.event_date = best
        # A paragraph that speaks of two different years leaves later sentences undated.
        same = context.paragraph_years <= years and len(years) == 1
        context.paragraph_date = best if same else None
        context.paragraph_years |= years
        return None
    if slots.relative_time(sentence):
        return None  # "in the summer of last year" is not dated by its paragraph's 1999
    if context.paragraph_date is not None:
        return context.paragraph_date
    if context.event_date is not None and _event_patterns()[0].match(sentence):
        context.paragraph_date = context.event_date
        return context.event_date
    return None


def _dates_event(sentence: str, own: list[tuple[DateRef, int, int]], offset: int) -> bool:
    """True when a date stands within a few words of an event noun."""
    for _, start, end in own:
        window = sentence[max(0, start - offset - 40) : end - offset + 40]
        if _event_patterns()[1].search(window):
            return True
    return False


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


def _subject(
    text: str,
    pieces: list[tuple[int, int, bool]],
    mentions: list[resolve.Mention],
    *,
    first: bool = False,
) -> str | None:
    """Who acts in the first clause: the last name in it that a verb follows ("Russia had sought"),
    to stand in front of a later clause that has no subject of its own; with `first`, the first
    such name, the main clause's subject, who a participle's clause speaks of ("Putin commented
    that Moscow does not view the Nordic states as a threat, calling it ..."), and only a name:
    after "The transcript reveals a different Putin," a participle may speak of either."""
    first_start, first_end = pieces[0][0], pieces[0][1]
    part = segment.RELATIVE_PART.fullmatch(text, first_start, first_end)
    if part is not None:  # "Tlaib, who was sworn in Thursday": Tlaib
        end = part.end("subject")
        named = [
            m
            for m in mentions
            if first_start <= m.start and m.end <= end and (m.entity.person or m.reference)
        ]  # a person, or the words themselves: "The Florida Republican", "The bill"
        return named[-1].entity.name if named else text[first_start:end]
    before = [m for m in mentions if m.end <= first_end]
    for mention in before if first else reversed(before):
        following = text[mention.end : first_end].split()[:2]
        if following and (  # "the Soviet Union formally applied", "Putin also presented"
            following[0].endswith("ly") or following[0] in lexicon.words("subject_adverbs")
        ):
            following = following[1:]
        if following and segment.starts_verb(following[0]):
            return mention.entity.name
    if first:
        return None  # "The 2008 transcript reveals a different Putin, threatening ...": who?
    lead = text[first_start:first_end].split()
    verb = next((n for n, word in enumerate(lead) if segment.starts_verb(word)), None)
    if verb is not None and 1 <= verb <= 4 and not lead[0].endswith(","):
        return " ".join(lead[:verb])  # "The appeal was filed ... but was rejected"
    return None


def _with_subjects(
    text: str,
    pieces: list[tuple[int, int, bool]],
    mentions: list[resolve.Mention],
    subject: str | None,
) -> list[tuple[int, int, bool, str | None]]:
    """Each clause with whether it lacks a subject and the subject put in front of it: the first
    clause's; for a participle's clause, the main clause's subject or, after a passive clause,
    its agent ("was sued by Lauren Greene, alleging ...")."""
    found: list[tuple[int, int, bool, str | None]] = []
    for number, (start, end, subjectless) in enumerate(pieces):
        who = subject if subjectless else None
        if subjectless and text[start:end].split(maxsplit=1)[0] in lexicon.table("participles"):
            who = _agent(text, pieces[number - 1], mentions) or _subject(
                text, pieces, mentions, first=True
            )
        found.append((start, end, subjectless, who))
    return found


# A passive clause's agent: "was sued by his former aide, Lauren Greene, in 2014".
AGENT = re.compile(r"\b(?:was|were|been|being|is|are)\s+[a-z]+ed\s+by\s+(?:[a-z]+\s+){0,3}")


def _agent(text: str, piece: tuple[int, int, bool], mentions: list[resolve.Mention]) -> str | None:
    """Who acts in a passive clause (the person after its "by"), who also acts in a participle's
    clause that follows it: "Farenthold was sued by Lauren Greene, alleging ...": Greene."""
    found = AGENT.search(text, piece[0], piece[1])
    if found is None:
        return None
    after = [m for m in mentions if found.end() <= m.start < piece[1] and m.entity.person]
    return after[0].entity.name if after else None


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
    wording, resolved = _decontextualise(quote, start, mentions, subject)
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


def _decontextualise(
    quote: str, offset: int, mentions: list[resolve.Mention], subject: str | None = None
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The clause with pronouns and role phrases replaced by the names they stand for. A pronoun
    whose person the clause has already named (by a name, a rewrite or the `subject` put in front
    of it) is left as it is: the clause stands on its own ("Mitchell did not answer his phone"),
    and rewriting it again could only add an error."""
    parts: list[str] = []
    resolved: list[tuple[str, str]] = []
    named = {subject} if subject else set()
    cursor = 0
    for mention in mentions:
        if not mention.reference:
            named.add(mention.entity.name)
            continue
        s, e = mention.start - offset, mention.end - offset
        original = quote[s:e]
        name = mention.entity.name
        pronoun = original.lower()
        if pronoun in PRONOUNS and name in named:
            continue
        if pronoun in ("his", "her"):
            name += "’s"
        elif pronoun in ("himself", "herself"):
            continue
        parts.append(quote[cursor:s])
        parts.append(name)
        resolved.append((original, mention.entity.name))
        named.add(mention.entity.name)
        cursor = e
    if not resolved:
        return quote, ()  # the quote itself, not a copy of it: a claim holds both
    parts.append(quote[cursor:])
    return "".join(parts), tuple(resolved)
