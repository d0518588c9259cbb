"""What a claim's references stand for: pronouns and "the latter" read as people, the subject put
in front of a clause that lacks one, and the clause rewritten with the names."""

from __future__ import annotations

import re
from functools import cache

from claimcheck import lexicon
from claimcheck.extract import resolve, segment, slots

LATTER_WORDS = frozenset({"latter", "former"})


@cache
def _genders() -> dict[str, str]:
    """Each pronoun's gender (lexicons/person_pronouns.txt)."""
    return {w: row.split("\t")[0] for w, row in lexicon.table("person_pronouns").items()}


@cache
def rewritten() -> frozenset[str]:
    """The pronouns a claim names the person in place of (lexicons/person_pronouns.txt)."""
    rows = lexicon.table("person_pronouns").items()
    return frozenset(w for w, row in rows if row.endswith("rewritten"))


@cache
def _pronoun() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(sorted(rewritten()))})\b", re.IGNORECASE)


@cache
def _referring() -> frozenset[str]:
    return rewritten() | LATTER_WORDS


def pronouns(
    text: str,
    seg: segment.Segment,
    names: list[resolve.Mention],
    roles: list[resolve.Mention],
    recent: list[resolve.Entity],
    unresolved: list[tuple[int, int]],
) -> list[resolve.Mention]:
    """He, she, his, him and "the latter" read as the person this or the last sentence is about.
    A pronoun after a role phrase that names nobody known ("the President ... his view"), with no
    person named before it in the sentence, is that role's and is left as written."""
    found: list[resolve.Mention] = []
    words = slots.words_of(text[seg.start : seg.end])
    if _referring().isdisjoint(words):
        return found
    people = [m for m in sorted([*names, *roles], key=lambda m: m.start) if m.entity.person]
    # LATTER tries every position, and its words have no letter that another character matches
    # case-insensitively: a sentence without "latter" or "former" among its words has no match.
    latter = (
        () if LATTER_WORDS.isdisjoint(words) else resolve.LATTER.finditer(text, seg.start, seg.end)
    )
    for match in latter:
        before = [m.entity for m in people if m.end <= match.start()] or recent
        if before:
            chosen = before[-1] if match.group("which").lower() == "latter" else before[0]
            found.append(resolve.Mention(match.start(), match.end(), chosen, reference=True))
    opening = _scene_end(text, seg)
    for match in _pronoun().finditer(text, seg.start, seg.end):
        gender = _genders()[match.group().lower()]
        earlier = [m.entity for m in people if m.end <= match.start() and m.entity.may_be(gender)]
        if not earlier and any(end <= match.start() for _, end in unresolved):
            continue
        candidates = _distinct(_subject_first(earlier, people, opening)) or [
            e for e in recent if e.may_be(gender)
        ]
        if not candidates:
            continue
        chosen, certain = candidates[0], len(_distinct(candidates)) == 1
        if certain and not chosen.gender:
            chosen.learn_gender(gender)  # "Farenthold resigned. He said ...": a man
        found.append(
            resolve.Mention(match.start(), match.end(), chosen, reference=True, certain=certain)
        )
    return found


# How far into its sentence the comma that closes an opening phrase may stand.
SCENE_CHARS = 100


def _scene_end(text: str, seg: segment.Segment) -> int:
    """Where a phrase that opens the sentence with a preposition ends, at its comma ("After the
    meeting with Mr. Obama, which lasted an hour, Mr. Sanders said ..."): a person named in it
    sets the scene and is not who the sentence is about. -1 when the sentence opens otherwise."""
    head = text[seg.start : min(seg.end, seg.start + SCENE_CHARS)]
    first = head.split(maxsplit=1)[0].lower() if head.strip() else ""
    if first not in lexicon.words("prepositions"):
        return -1
    comma = head.find(",")
    return seg.start + comma if comma > 0 else -1


def _subject_first(
    earlier: list[resolve.Entity], people: list[resolve.Mention], opening: int
) -> list[resolve.Entity]:
    """`earlier` with the people named after the sentence's opening phrase first."""
    if opening < 0:
        return earlier
    after = {id(m.entity) for m in people if m.start > opening}
    return [e for e in earlier if id(e) in after] + [e for e in earlier if id(e) not in after]


def _distinct(entities: list[resolve.Entity]) -> list[resolve.Entity]:
    seen: list[resolve.Entity] = []
    for entity in entities:
        if all(entity is not s for s in seen):
            seen.append(entity)
    return seen


def recent_people(
    mentions: list[resolve.Mention], previous: list[resolve.Entity]
) -> list[resolve.Entity]:
    """People of this sentence in order (its subject first), or the earlier ones if it has none."""
    people = _distinct([m.entity for m in mentions if m.entity.person])
    return people or previous


def subject_of(
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
        if following and segment.verb_form(following[0]):  # "Mr. Sanders gave"
            return mention.entity.name
    if first:
        return None  # "The 2008 transcript reveals a different Putin, threatening ...": who?
    lead = text[first_start:first_end].split()
    verb = next((n for n, word in enumerate(lead) if segment.starts_verb(word)), None)
    if verb is not None and 1 <= verb <= 4 and not lead[0].endswith(","):
        return " ".join(lead[:verb])  # "The appeal was filed ... but was rejected"
    return None


def with_subjects(
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
            who = _agent(text, pieces[number - 1], mentions) or subject_of(
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


def decontextualise(
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
        if pronoun in rewritten() and name in named:
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
