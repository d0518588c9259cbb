"""The kinds that records and settings share: of finding, of relation between two claims, of
sentence."""

from __future__ import annotations

import enum


class Kind(enum.StrEnum):
    """What a finding says about an aligned group of claims."""

    CONTRADICTION = "contradiction"
    AGREEMENT = "agreement"
    SINGLE_SOURCE = "single-source"


class Relation(enum.StrEnum):
    """How two claims relate, as `claimcheck pairs` reports it."""

    EQUIVALENT = "equivalent"
    CONTRADICTION = "contradiction"
    RELATED = "related"
    UNRELATED = "unrelated"


class ClaimType(enum.StrEnum):
    """Whether a sentence is a checkable claim or something else kept for the record."""

    CLAIM = "claim"
    QUESTION = "question"
    HEADLINE = "headline"
    CALL_TO_ACTION = "call-to-action"
    OPINION = "opinion"
