"""The date rule: two dates of the same event that cannot both hold (docs/rules/date.md)."""

from __future__ import annotations

from claimcheck.extract import dates
from claimcheck.judge.base import Candidate, Found, Side, aligned
from claimcheck.model import Conflict, DateRef
from claimcheck.normalise import content_key, text_keys


def _shared_core(a: Side, b: Side, names: frozenset[str], rare: frozenset[str] | None) -> bool:
    """Some rare content word stands within three words of the same name on both sides."""

    def cores(side: Side) -> set[tuple[str, str]]:
        keys = [content_key(w) for w in side.features.words]
        found = set()
        for index, k in enumerate(keys):
            if k in names:
                for near in keys[max(0, index - 3) : index + 4]:
                    telling = rare is None or near in rare
                    if near and near not in side.features.actors and telling:
                        found.add((k, near))
        return found

    return bool(cores(a) & cores(b))


def _nested_actors(a: Side, b: Side) -> bool:
    """One side's names include the other's (a side may name nobody: "the film was released")."""
    x, y = a.features.actors, b.features.actors
    return x <= y or y <= x


def rule(a: Side, b: Side, rare: frozenset[str] | None, _: object) -> Found:
    da, db = a.claim.dates, b.claim.dates
    if not da or not db or any(dates.compatible(x, y) for x in da for y in db):
        return None
    date_keys = frozenset(k for d in (*da, *db) for k in text_keys(d.text))
    shared = a.features.actors & b.features.actors
    named = a.features.actors and b.features.actors
    if (named and not shared) or not _nested_actors(a, b):
        return None  # nobody in common, or another place or person on each side: another event
    va, vb = _date_value(da), _date_value(db)
    return Candidate(
        Conflict("date", {a.label: va, b.label: vb}),
        f"Same claim, different dates: one side has {va}, the other {vb}.",
        # Names are set aside: two events of one person differ in what happened, not who. The
        # same name next to the same rare word on both sides ("called Ukraine an artificial
        # state", "described Ukraine as an artificial state") settles it as well.
        1.0
        if _shared_core(a, b, shared, rare)
        else aligned(a, b, drop=date_keys | shared, contained=True),
    )


def _date_value(refs: tuple[DateRef, ...]) -> str:
    shown = ", ".join(d.shown for d in refs)
    return f"{shown} (from context)" if all(d.inherited for d in refs) else shown
