from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from claimcheck import Article, Claim, extract, load

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "putin-nato-2001"
STORIES = Path(__file__).resolve().parent / "stories"

# No test writes into the source tree: hypothesis keeps its example database and caches in the
# temporary folder rather than in .hypothesis/ of the checkout.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "claimcheck-hypothesis")


@pytest.fixture(scope="session")
def demo_claims() -> list[Claim]:
    articles, errors = load([DEMO])
    assert not errors
    return [c for a in articles for c in extract(a)]


def claim_with(claims: list[Claim], fragment: str) -> Claim:
    """The claim whose verbatim quote contains `fragment` (exactly one must)."""
    found = [c for c in claims if fragment in c.quote]
    assert len(found) == 1, f"{len(found)} claims contain {fragment!r}"
    return found[0]


def article(text: str, article_id: str = "t") -> Article:
    """An in-memory article whose whole text is body."""
    from claimcheck.load import from_text

    return from_text(text, path=f"{article_id}.txt", article_id=article_id)


def page_counts() -> list[Article]:
    """Two sources giving one fact differently in sentences that say different things."""
    return [
        article(
            "Acme Corp said it had received 55,000 pages of Hale's emails late on Monday.\n", "a"
        ),
        article(
            "In December, boxes filled with 50,000 pages of printed emails from Hale were "
            "delivered to Acme Corp.\n",
            "b",
        ),
    ]
