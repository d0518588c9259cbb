"""Entities of one article and what its pronouns and role phrases refer to.

Names are found as runs of capitalised words; titles, roles and demonyms in front of a name
("Russian President Vladimir Putin") are kept as facts about the person, so that a later role
phrase ("the Kremlin leader", "the American president") can be read as that person. A reference
that fits several people is resolved to the most recent one and marked uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from claimcheck import lexicon
from claimcheck.extract.dates import WEEKDAYS
from claimcheck.extract.slots import words_of
from claimcheck.normalise import inside_capitals, title_case

# A run of capitalised words, with connectors ("of", "the") allowed between them, on one line.
# Each pattern opens with the capital and looks behind it only then: an expression that starts
# with a character class lets the engine skip to the next capital instead of trying every position.
NAME_RUN = re.compile(
    r"[A-Z\u00c0-\u00de](?<![\w'’].)[\w.'’-]*"
    r"(?:[ \t]+(?:(?:of|the|for|and|de|van|von|al|bin|du|la|le)[ \t]+)*"
    r"[A-Z\u00c0-\u00de][\w.'’-]*)*"
)
CONNECTORS = frozenset(
    {"of", "the", "for", "and", "de", "van", "von", "al", "bin", "du", "la", "le"}
)
ACRONYM = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+(?:of|the|for|and|[A-Z][\w'’-]+)){1,8})\s+\(([A-Z]{2,8})\)"
)
CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        *(day.lower() for day in WEEKDAYS),
    ]
)
LATTER = re.compile(
    r"\bthe\s+(?P<which>latter|former)\b(?!\s+[a-z]+(?:ident|ister|ary))", re.IGNORECASE
)


@dataclass(slots=True)
class Entity:
    """A named thing of the article; `name` is its canonical form across articles."""

    name: str
    person: bool = False
    full: str = ""
    countries: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    first: int = -1  # where the article first names it (-1: not yet)
    # "m" or "f" where a title says so ("Ms. Greene", "Congressman Lee") or a pronoun that can
    # mean nobody else refers to the person; "mf" when the article's evidence disagrees (two
    # people of one surname); "" when nothing says.
    gender: str = ""

    def may_be(self, gender: str) -> bool:
        """Whether a pronoun of `gender` ("m", "f") may refer to this person."""
        return not self.gender or gender in self.gender

    def learn_gender(self, gender: str) -> None:
        if gender and gender not in self.gender:
            self.gender = "mf" if self.gender else gender


class Mention(NamedTuple):
    start: int
    end: int
    entity: Entity
    reference: bool = False  # a pronoun or role phrase, not a name
    certain: bool = True


@cache
def _role_pattern() -> re.Pattern[str]:
    cues = sorted(lexicon.table("places"), key=len, reverse=True)
    cue = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    roles = "|".join(
        re.escape(r).replace(r"\ ", r"\s+")
        for r in sorted(lexicon.words("roles"), key=len, reverse=True)
    )
    return re.compile(
        rf"\b(?:the|his|her|their|its)\s+(?:(?:then|former|current|new|then-|outgoing|incoming)[\s-]+)?"
        rf"(?:(?P<cue>{cue})\s+)?(?P<role>{roles})\b(?!\s+(?-i:[A-Z])|\s+of\b)",
        re.IGNORECASE,
    )


LOOKAHEAD = 1000  # characters after a role phrase where the person it names may first appear

ACRONYM_HINT = re.compile(r"\([A-Z]{2,8}\)")
HONORIFIC = re.compile(r"\b(?:mr|mrs|ms|dr)\.?\s*$", re.IGNORECASE)
HONORIFIC_ENDS = frozenset(".rRsS\u017f")  # "\u017f" (long s) matches "s" case-insensitively


@cache
def _role_heads() -> frozenset[str]:
    """The last word of each role noun ("minister" of "prime minister")."""
    return frozenset(role.split()[-1].split("-")[-1] for role in lexicon.words("roles"))


def country_of(word: str) -> str | None:
    """The country a demonym, capital or seat of power stands for, if any."""
    return lexicon.table("places").get(word.lower().replace("’", "'"))


class Registry:
    """The entities of one article, built from all its sentences before any is resolved."""

    def __init__(self, aliases: tuple[tuple[str, str], ...] = ()) -> None:
        self.aliases = {**lexicon.table("aliases"), **{a.lower(): c for a, c in aliases}}
        self.by_key: dict[str, Entity] = {}
        self.capitalised_inside: set[str] = set()
        self._learned: dict[tuple[int, int], list[Mention]] = {}

    def learn(self, text: str, spans: list[tuple[int, int]]) -> None:
        """Collect the names of every sentence, so that later references can find them. A line
        in title case ("Steele to Announce Intentions on a Second Term") capitalises words that
        name nobody: its runs name only what the other sentences name, and are learned last."""
        titled = {span for span in spans if _title_case(text[span[0] : span[1]])}
        for start, end in spans:
            if (start, end) not in titled:
                self.capitalised_inside.update(map(_clean, inside_capitals(text, start, end)))
        for match in ACRONYM.finditer(text) if ACRONYM_HINT.search(text) else ():
            self.aliases.setdefault(match.group(1).lower(), match.group(2))
        for start, end in sorted(spans, key=lambda span: span in titled):
            # Entities are updated in place as learning goes on, so these mentions stay current.
            self._learned[(start, end)] = [
                Mention(s + head, e, self._entity(text[s:e], text[max(start, s - 40) : s]))
                for s, e, head in self._names(text, start, end)
                if (start, end) not in titled or self._known(_clean(text[s:e].split()[-1]))
            ]
            for mention in self._learned[(start, end)]:
                first = mention.entity.first
                mention.entity.first = mention.start if first < 0 else min(first, mention.start)

    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        """Names in a sentence, each read as its entity (a sentence not yet learned is learned).
        Each sentence is asked for once: its mentions are then let go, so that a long text's
        are not all held until its last sentence."""
        if (start, end) not in self._learned:
            self.learn(text, [(start, end)])
        return self._learned.pop((start, end))

    def _names(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """Runs of capitalised words: (start, end, offset of the head after leading stopwords)."""
        found = []
        for match in NAME_RUN.finditer(text, start, end):
            run = self._run(text, start, _words_at(match.group(), match.start()))
            if run is not None:
                found.append(run)
        return found

    def _run(
        self, text: str, sentence_start: int, run: list[tuple[int, str]]
    ) -> tuple[int, int, int] | None:
        """The name a run of (offset, word) tokens holds, if any."""
        stopwords = lexicon.words("stopwords")
        # The run is trimmed by moving its ends, not by slicing it: slicing a word off at a time
        # costs time quadratic in the run's length ("A A A ...").
        head, tail = 0, len(run)
        while tail > head and run[tail - 1][1].lower() in CONNECTORS:
            tail -= 1
        while tail > head and _clean(run[head][1]).lower() in stopwords:
            head += 1
        # A weekday or month opens or closes no name: "called Friday for President Trump" names
        # Trump; "Earlier Sunday, Clinton ..." names nobody in its first two words.
        while tail - head > 1 and _clean(run[head][1]).lower() in CALENDAR:
            head += 1
            while tail > head and run[head][1].lower() in CONNECTORS:
                head += 1
        while tail - head > 1 and _clean(run[tail - 1][1]).lower() in CALENDAR:
            tail -= 1
        if tail == head:
            return None
        run = run[head:tail]
        (first_start, first_word), (last_start, last_word) = run[0], run[-1]
        first = _clean(first_word)
        if first.lower() in CALENDAR and all(_clean(word).lower() in CALENDAR for _, word in run):
            return None
        if (
            len(run) == 1
            and first not in self.capitalised_inside
            and not self._known(first)
            and (  # the run opens its sentence
                first_start == sentence_start
                or text[sentence_start:first_start].strip(" \"“‘'(") == ""
            )
        ):
            return None
        return first_start, last_start + len(last_word) - _possessive(last_word), 0

    def _known(self, word: str) -> bool:
        return (
            word.lower() in self.by_key
            or word.lower() in self.aliases
            or country_of(word) is not None
        )

    def _entity(self, mention: str, before: str) -> Entity:
        words = [_clean(w) for w in mention.split()]
        countries: set[str] = set()
        roles: set[str] = set()
        # The expression only when the text before ends as an honorific can ("Mr", "Dr.").
        titled = before.rstrip()[-1:] in HONORIFIC_ENDS and bool(HONORIFIC.search(before))
        while len(words) > 1 and (
            _is_title(words[0])
            or words[0].lower().startswith("then-")
            or (country_of(words[0]) and (len(words) > 2 or _is_title(words[1])))
        ):
            head = words.pop(0)
            country = country_of(head.removeprefix("then-").removeprefix("Then-"))
            if country:
                countries.add(country)
            else:
                roles.add(head.lower())
                titled = True
        name = " ".join(words)
        lowered = name.lower()
        if lowered in self.aliases:
            return self._store(self.aliases[lowered], full=name)
        country = country_of(name) if len(words) == 1 else None
        if country:
            return self._store(country)
        if titled or _looks_personal(words):
            entity = self._store(words[-1], person=True, full=name)
            for word in (*before.split()[-1:], *roles):
                entity.learn_gender(lexicon.table("gendered").get(word.lower().rstrip("."), ""))
        else:
            entity = self.by_key.get(lowered) or self._store(name, full=name)
        entity.countries |= countries
        entity.roles |= roles
        return entity

    def _store(self, name: str, *, person: bool = False, full: str = "") -> Entity:
        key = name.lower()
        entity = self.by_key.get(key)
        if entity is None:
            entity = self.by_key[key] = Entity(name, person=person, full=full or name)
        entity.person = entity.person or person
        if len(full) > len(entity.full):
            entity.full = full
        return entity

    def people(self) -> list[Entity]:
        return [e for e in self.by_key.values() if e.person]

    def roles_in(
        self, text: str, start: int, end: int, recent: list[Entity]
    ) -> tuple[list[Mention], list[tuple[int, int]]]:
        """Role phrases ("the Kremlin leader", "his American counterpart") read as people, and
        the spans of those that name nobody the article introduced."""
        found: list[Mention] = []
        unresolved: list[tuple[int, int]] = []
        words = words_of(text[start:end])
        if _role_heads().isdisjoint(words) or not self.people():
            return found, unresolved  # most sentences: no role noun, or nobody to refer to
        for match in _role_pattern().finditer(text, start, end):
            cue = match.group("cue")
            country = country_of(cue) if cue else None
            role = match.group("role").lower()
            # Only people the article has named by then or names soon after ("The judge ...
            # Judge Aaron Persky"): a role does not point far ahead.
            candidates = [
                p
                for p in self.people()
                if 0 <= p.first < match.start() + LOOKAHEAD
                and (country is None or country in p.countries)
                and (role in ("leader", "counterpart") or cue or role in p.roles)
            ]
            if not candidates:
                unresolved.append(match.span())
                continue
            ordered = [p for p in recent if p in candidates] or candidates
            found.append(
                Mention(
                    match.start(),
                    match.end(),
                    ordered[0],
                    reference=True,
                    certain=len(candidates) == 1,
                )
            )
        return found, unresolved


def _title_case(line: str) -> bool:
    """Whether a line is in title case and ends with no stop, as headlines do ("Congresswoman
    Ruth Ames met Omar Diaz." is a sentence of names)."""
    return not line.rstrip(" \"'”’)").endswith((".", "!", "?")) and title_case(line)


def _words_at(run: str, offset: int) -> list[tuple[int, str]]:
    """The words of a run of capitalised words that starts at `offset`, with their offsets. Only
    spaces and tabs stand between them, and none inside one, so splitting finds them."""
    if " " not in run and "\t" not in run:
        return [(offset, run)]  # most runs: one word
    words = []
    at = 0
    for word in run.split():
        at = run.index(word, at)
        words.append((offset + at, word))
        at += len(word)
    return words


def _is_title(word: str) -> bool:
    return word.lower() in _titles()


@cache
def _titles() -> frozenset[str]:
    """Titles and roles in one set: a name's leading words are each looked up in both."""
    return lexicon.words("titles") | lexicon.words("roles")


def _looks_personal(words: list[str]) -> bool:
    if not 2 <= len(words) <= 4:
        return False
    nonperson = lexicon.words("nonperson_words")
    for word in words:
        bare = word.rstrip(".")
        if bare.lower() in nonperson or country_of(bare):
            return False
        if (word.isupper() and len(word) > 2) or not (
            bare[:1].isupper() and bare.replace("-", "").replace("'", "").isalpha()
        ):
            return False
        if "-" in bare and any(_participle(part) for part in bare.split("-")[1:]):
            return False  # "York-based", "Kremlin-backed": a name made an adjective
    return True


def _participle(word: str) -> bool:
    """A lower-case participle ending a hyphenated word: "based", "led", "born" (but not the
    "un" of "Jong-un")."""
    return word[:1].islower() and (word.endswith("ed") or word in ("born", "run", "made"))


@cache
def _clean(word: str) -> str:
    return word[: len(word) - _possessive(word)].rstrip(".") if len(word) > 2 else word


def _possessive(word: str) -> int:
    """The length of a possessive ending: "Putin's", and a plural's lone mark ("Democrats’")."""
    if word.endswith(("'s", "’s")):
        return 2
    return 1 if word.endswith(("s'", "s’")) else 0
