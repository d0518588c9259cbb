"""The match score: its signals, the synonym table and the shipped network."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import snowballstemmer
from hypothesis import example, given
from hypothesis import strategies as st

from claimcheck.extract import claim_of
from claimcheck.match import (
    FEATURE_NAMES,
    Groups,
    Index,
    Model,
    overlap,
    signals,
    similarity,
    synonyms,
)
from claimcheck.normalise import WORD, Features, ascii_words, features, fold, key, words
from claimcheck.settings import Settings


def feats(text: str) -> Features:
    claim = claim_of(text)
    return features(claim.text, claim.actors)


def named(a: str, b: str) -> dict[str, float]:
    return dict(zip(FEATURE_NAMES, signals(feats(a), feats(b)), strict=True))


def score(a: str, b: str) -> float:
    return similarity(feats(a), feats(b))


def test_signals_are_named_and_shares_bounded() -> None:
    measures = named(
        "Acme shares gained 5 percent on Monday after the report.",
        "Acme's stock rose 5 percent on Monday.",
    )
    assert len(measures) == len(FEATURE_NAMES)
    assert all(v >= 0.0 for v in measures.values()), measures
    shares = ("dice", "low", "high", "exact_low", "exact_high", "token_set", "ratio")
    assert all(measures[name] <= 1.0 for name in shares), measures


def test_a_very_long_claim_scores_without_overflow() -> None:
    # counts such as the length gap are unbounded; the score must still be a probability
    long = " ".join(f"word{i} thing{i}" for i in range(5000))
    assert 0.0 <= score(long, "The cat sat on the mat.") < 0.01


def test_synonyms_count_as_shared_content() -> None:
    measures = named("The film drew large crowds.", "The movie drew large crowds.")
    assert measures["exact_low"] < 1.0
    assert measures["low"] == measures["high"] == 1.0
    assert key("movie") in synonyms()[key("film")]
    assert key("increase") in synonyms()[key("gain")]


def test_a_synonym_matches_one_word_only() -> None:
    # "film" and "movie" are synonyms; one "movie" cannot stand for two words of the other side
    measures = named("The film festival showed a film.", "The movie festival showed a play.")
    assert measures["low"] < 1.0


def test_count_words_meet_their_figures() -> None:
    spelled = feats("Fourteen passengers sat near two crew members in Sept. 2003.")
    figured = feats("14 passengers sat near 2 crew members in September 2003.")
    assert spelled.keys == figured.keys
    assert spelled.numbers == figured.numbers == {"14", "2", "2003"}
    assert "one" in feats("No one was hurt.").words  # "one" stays a word
    assert feats("Twenty-five people and twenty one more.").numbers == {"25", "21"}


def test_a_name_one_side_lacks_is_counted() -> None:
    a = "On Saturday, Roddick equalled the world record in beating Andre Agassi."
    b = "On Saturday, a serve against Agassi equalled the world record of Rusedski."
    assert named(a, b)["names_unmatched"] > 0  # Roddick and Andre against Rusedski
    assert named(a, a)["names_unmatched"] == 0
    # a sentence's first word is not taken for a name, nor titles and acronyms
    assert named("Police said the road reopened.", "The road reopened.")["names_unmatched"] == 0
    assert named("He met Mr. Diaz.", "He met Diaz.")["names_unmatched"] == 0
    assert (
        named("The SEC asked.", "The Securities and Exchange Commission asked.")["names_unmatched"]
        == 3 / 5
    )  # the spelled-out side's three words; "SEC" is the acronyms signal's
    # names are keyed as the rest of the text is
    for text in ("The New York-based firm of Jean-Pierre Diaz.", "It met in Sept. at Ten Downing"):
        assert named(text, text)["names_unmatched"] == 0


def test_an_acronym_meets_the_name_it_abbreviates() -> None:
    spelled = "Electronic Data Systems Corp. said the Securities and Exchange Commission asked."
    assert named(spelled, "EDS said the SEC had asked.")["acronyms"] == 2
    assert named(spelled, "IBM said the FTC had asked.")["acronyms"] == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The council approved the new budget on Tuesday.",
            "On Tuesday the council approved the new budget.",
        ),
        ("Acme shares gained 5 percent on Monday.", "Acme shares increased 5 percent on Monday."),
    ],
)
def test_paraphrases_score_high(a: str, b: str) -> None:
    assert score(a, b) > 0.9


def test_loosely_related_sentences_score_low() -> None:
    # the network was also fitted on mismatched pairs, so that little overlap means a low score
    assert (
        score(
            "The council approved the new budget on Tuesday.",
            "The mayor criticised the council's spending plans.",
        )
        < 0.25
    )


def test_empty_claims_score_zero() -> None:
    assert similarity(feats("It was."), feats("The council approved the budget.")) == 0.0


def test_a_model_fitted_on_other_signals_is_refused() -> None:
    text = resources.files("claimcheck").joinpath("params", "match_model.json").read_text()
    data = json.loads(text)
    same = feats("The council approved the budget.")
    assert Model.from_json(data)(signals(same, same)) > 0.9
    short = {**data, "scale": data["scale"][:-1], "mean": data["mean"][:-1]}
    short["hidden"] = [weights[:-1] for weights in data["hidden"]]
    with pytest.raises(ValueError, match="one weight per signal"):
        Model.from_json(short)
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="other signals"):
        Model.from_json(data)


def test_overlap_decides_which_candidates_compare_scores() -> None:
    assert overlap(feats("The film drew crowds."), feats("The movie drew crowds.")) == 1.0
    loose = (
        feats("The council approved the new budget for schools on Tuesday."),
        feats("The mayor criticised the council over parking fees and road repairs."),
    )
    assert overlap(*loose) < Settings().min_overlap
    assert similarity(*loose) < 0.25  # what compare would have thrown away after scoring


def test_fold_leaves_no_capital() -> None:
    assert fold("ＮＡＴＯ’s ℌall, Café") == "nato's hall, cafe"
    assert words("ℑnflation ℌit") == ("inflation", "hit")


# Apostrophes, letters and digits drawn often, so that runs such as "a''b'" turn up.
ASCII_TEXT = st.text(alphabet=st.sampled_from("ab1' .-") | st.characters(max_codepoint=127))


@given(ASCII_TEXT)
@example("a''b")
@example("'a'")
@example("a'''b'")
@example("it's ''x'' y'z''")
def test_ascii_text_splits_into_the_same_words_as_any_text(text: str) -> None:
    folded = fold(text)
    assert ascii_words(folded) == WORD.findall(folded)


def test_stems_come_from_the_compiled_snowball_stemmer() -> None:
    # PyStemmer is a dependency for speed: snowballstemmer falls back to pure Python without it.
    assert type(snowballstemmer.stemmer("english")).__module__ == "Stemmer"


def test_groups_merge_only_when_cohesive() -> None:
    # 0 and 1 match well; 2 matches 1 loosely and 0 not at all; 3 matches both 0 and 1
    scores = {(0, 1): 0.8, (1, 2): 0.3, (0, 2): 0.0, (0, 3): 0.5, (1, 3): 0.4}

    def cohesion(x: int, y: int) -> float:
        return scores.get((min(x, y), max(x, y)), 0.0)

    groups = Groups(["a", "b", "c", "d"])
    assert groups.join(0, 1, cohesion=cohesion, floor=0.2)
    assert not groups.join(1, 2, cohesion=cohesion, floor=0.2)  # on average 0.15 against 0 and 1
    assert groups.join(1, 3, cohesion=cohesion, floor=0.2)  # 0.45 on average
    assert groups.groups() == [[0, 1, 3], [2]]
    chained = Groups(["a", "b", "c"])  # without cohesion, one link is enough
    assert chained.join(0, 1) and chained.join(1, 2)


def test_candidates_do_not_depend_on_set_order() -> None:
    # twelve equally rare stems, in a ring: claim n of another source holds the stems n - 1 and
    # n. Only ten stems are looked up, the first ten in alphabetical order, and a candidate
    # needs two of them.
    stems = [f"stem{n:02d}" for n in range(12)]
    ring = [features(f"{stems[n - 1]} {stems[n % 12]}") for n in range(1, 13)]
    index = Index.build([features(" ".join(stems)), *ring], ["a", *["b"] * 12])
    assert sorted(index.candidates(0, 30)) == list(range(1, 10))
