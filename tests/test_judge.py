"""Each judge rule on sentence pairs written for these tests, across domains."""

from __future__ import annotations

import pytest

from claimcheck.extract import claim_of
from claimcheck.judge import judge
from claimcheck.kinds import Relation


def relation(a: str, b: str) -> tuple[str, str | None]:
    judgement = judge(claim_of(a, "a"), claim_of(b, "b"))
    return judgement.relation.value, judgement.conflict.slot if judgement.conflict else None


@pytest.mark.parametrize(
    ("a", "b", "slot"),
    [
        # date
        (
            "Riverside beat Harbor City in the final on 14 May 2023.",
            "Riverside beat Harbor City in the final on 21 May 2023.",
            "date",
        ),
        (
            "Putin called Ukraine an artificial state in 2001.",
            "Putin called Ukraine an artificial state in 2008.",
            "date",
        ),
        # number
        (
            "Acme Corp reported quarterly revenue of $4.2 billion.",
            "Acme Corp reported quarterly revenue of $3.1 billion.",
            "number",
        ),
        (
            "The earthquake killed 17 people in the town of Varna.",
            "The earthquake killed 7 people in the town of Varna.",
            "number",
        ),
        (
            "The film grossed less than $279 million worldwide.",
            "The film grossed $280 million worldwide.",
            "number",
        ),
        (
            "The country reported 977 active cases.",
            "The country had less than 500 coronavirus cases.",
            "number",
        ),
        (
            "The film has grossed 133.62 crore worldwide.",
            "The film grossed less than 125 crore around the world.",
            "number",
        ),
        (
            "The state reported 337 deaths by April 4.",
            "The state had fewer than 320 fatalities by April 4.",
            "number",
        ),
        # a name of the setting on one side, the name of who acts on the other
        (
            "On Film Review Online, the show has an approval rating of 100%, based on 57 reviews.",
            "The Good Place has an approval rating of 100%, based on more than 57 reviews.",
            "number",
        ),
        (
            "The gunman shot the guard three times in the chest.",
            "The gunman shot the guard twice in the chest.",
            "number",
        ),
        # polarity
        (
            "The court ordered a new trial for the plaintiffs.",
            "The court did not order a new trial for the plaintiffs.",
            "polarity",
        ),
        (
            "Bush responded to Putin at the time.",
            "The transcript does not record any response from Bush to Putin.",
            "polarity",
        ),
        ("The minister resigned on Friday.", "The minister never resigned.", "polarity"),
        # the same knower, asserted and denied
        (
            "Judge Ames confirmed the ruling on Monday.",
            "Judge Ames did not confirm the ruling on Monday.",
            "polarity",
        ),
        # what follows the denial's clause is not denied
        (
            "The minister did not resign on Friday, despite pressure from her party.",
            "The minister resigned on Friday.",
            "polarity",
        ),
        (
            "Lang did not sign the contract, and Jones left the club.",
            "Lang signed the contract.",
            "polarity",
        ),
        (
            "Dana Smith has not been charged in the death of the officer.",
            "Dana Smith was charged in the officer's death.",
            "polarity",
        ),
        (
            "Rescue teams reached the flooded village of Marsh End.",
            "Rescue teams were unable to reach the flooded village of Marsh End.",
            "polarity",
        ),
        # antonym
        ("Sales rose 5% in March.", "Sales fell 5% in March.", "antonym"),
        (
            "The Soviet Union applied to join NATO in 1954.",
            "The Soviet Union was invited to join NATO in 1954.",
            "antonym",
        ),
        ("The board accepted the merger offer.", "The board rejected the merger offer.", "antonym"),
        # outcomes: office, courts, votes, sport
        ("The mayor resigned on Friday.", "The mayor was fired on Friday.", "antonym"),
        (
            "Coach Dana Reyes resigned after the loss.",
            "Coach Dana Reyes remains in her post after the loss.",
            "antonym",
        ),
        (
            "The jury acquitted Tom Hale of fraud.",
            "The jury convicted Tom Hale of fraud.",
            "antonym",
        ),
        (
            "The Senate passed the bill on Monday.",
            "The bill failed in the Senate on Monday.",
            "antonym",
        ),
        ("Riverside won the cup final.", "Riverside lost the cup final.", "antonym"),
        # where: one act on one day at two places
        (
            "The mayor opened the new hospital in Marrowfield on Monday.",
            "The mayor opened the new hospital in Dunmore on Monday.",
            "place",
        ),
        (
            "Forward Lena Holt scored twice at Riverside Park on 12 March 2022.",
            "Forward Lena Holt scored twice at Elm Road on 12 March 2022.",
            "place",
        ),
        # one consequence of an act and of its absence
        (
            "If the council does not approve the budget, the library will close in June.",
            "To approve the budget would close the library in June, the mayor warned.",
            "polarity",
        ),
        # who said it
        (
            "Mayor Ann Lee said the bridge would reopen in March.",
            "Governor Tom Hale said the bridge would reopen in March.",
            "attribution",
        ),
    ],
)
def test_contradictions_by_type(a: str, b: str, slot: str) -> None:
    assert relation(a, b) == ("contradiction", slot)
    assert relation(b, a) == ("contradiction", slot)  # the rules are symmetric


def test_figures_spelled_out_are_set_aside_like_digits() -> None:
    # the conflicting counts are left out of the alignment however they are written, so the
    # rest of the claim matches fully
    for a, b in [
        ("Three children were injured in the blast.", "Two children were injured in the blast."),
        (
            "Twelve people died in the fire on Sept. 9.",
            "Fifteen people died in the fire on Sept. 9.",
        ),
    ]:
        judgement = judge(claim_of(a, "a"), claim_of(b, "b"))
        assert judgement.conflict is not None and judgement.conflict.slot == "number"
        assert judgement.strength == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Acme Corp posted revenue of $4.2 billion for the quarter.",
            "For the quarter, Acme Corp reported revenue of $4.2 billion.",
        ),
        (
            "The storm forced the closure of 300 schools on Monday.",
            "On Monday the storm forced 300 schools to close.",
        ),
    ],
)
def test_paraphrases_are_equivalent(a: str, b: str) -> None:
    assert relation(a, b) == ("equivalent", None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # rounding, comparators and precision are not conflicts
        ("More than 23 million people watched the final.", "24 million people watched the final."),
        (
            "Around 17 million Russians lived in Ukraine, roughly a third of the population.",
            "One third of the population of Ukraine were Russians.",
        ),
        ("The bridge is 1,300 kilometers long.", "The bridge is 1,340 kilometers long."),
        ("The drive took just under 7 minutes.", "The drive took 7 minutes."),
        (
            "Her blood alcohol level was three times the legal limit.",
            "Her blood alcohol level was more than three times the legal limit.",
        ),
        # a figure qualified by a name counts something narrower
        (
            "As of Friday, the state had licensed 44 dispensaries to sell marijuana.",
            "On Friday, four Reno dispensaries began to sell marijuana.",
        ),
        # a figure whose counterpart already agrees with another figure of its own side
        (
            "The festival sold 20,000 tickets in its first week, organisers said at a press "
            "conference held outside the old town hall on the river bank.",
            "The festival sold 20,000 tickets, on pace to sell an estimated 200,000 tickets.",
        ),
        # a year and a full date of that year; bounds that contain the date
        ("The treaty was signed in 2001.", "The treaty was signed on 16 June 2001."),
        ("The singer was born after 1987.", "The singer was born on 9 January 1988."),
        # negation scope: not the aligned predicate
        ("The list of reasons is non-exhaustive.", "The list of reasons is exhaustive."),
        ("Not only did prices rise, wages rose too.", "Prices rose."),
        # a denial of more than the other side asserts: the man may be dancing elsewhere
        ("There is no man dancing on the road.", "A man is dancing."),
        ("The bank did not cut rates for rural farmers.", "The bank cut rates."),
        # the same actor and act, but not what the act was about
        (
            "Dana Smith has not been charged in the death of the officer.",
            "Dana Smith was charged with trespassing in late July.",
        ),
        # two ways of saying one negative
        (
            "The coach said he was unaware of the players' plans.",
            "The coach said he did not know of the players' plans.",
        ),
        # the same outcome word said of someone else: the aide, not the mayor
        ("The mayor resigned on Friday.", "The mayor's aide was fired on Friday over the scandal."),
        # double negative agrees
        ("The offer was not accepted.", "The offer was rejected."),
        # a part is not a total; a withheld report denies nothing
        (
            "Police said 12 people were arrested at the rally.",
            "Police said six of those arrested at the rally were supporters.",
        ),
        (
            "The sheriff refused to say whether the suspect was armed.",
            "The sheriff said the suspect was armed.",
        ),
        # a denial of knowing denies nothing known, nor another's confirming
        (
            "The agency could not confirm the payments to the contractor.",
            "The contractor received payments from the agency in March.",
        ),
        (
            "Officials said they could not verify that the shipment arrived in Rotterdam.",
            "The shipment arrived in Rotterdam on Tuesday, the port said.",
        ),
        (
            "The club could not confirm the transfer of Silva to Porto.",
            "Silva's agent confirmed the transfer of Silva to Porto on Monday.",
        ),
        # two different events of the same kind: other places, other dates
        (
            "An earthquake of magnitude 6.1 struck northern Chile on Monday, killing 3 people.",
            "An earthquake of magnitude 7.2 struck southern Peru on Friday, killing 12 people.",
        ),
        (
            "On Sunday, Garrard threw for a career-high 329 yards in the fourth quarter.",
            "On Sunday, Luck threw for 205 yards in the fourth quarter.",
        ),
        (
            "The storm killed 14 people in Aceh on Sunday.",
            "The storm killed 40 people in Papua on Sunday.",
        ),
        (
            "Police arrested John Smith in Leeds in 2019.",
            "Police arrested Mary Jones in York in 2021.",
        ),
        # a negated manner leaves the act standing
        (
            "The special counsel did not directly dispute that Mayor Hale had directed Cohen to "
            "lie to the council.",
            "The special counsel disputed a report that Mayor Hale had directed Cohen to lie to "
            "the council.",
        ),
        (
            "Mueller did not directly dispute the BuzzFeed report.",
            "Mueller disputed the BuzzFeed report.",
        ),
        # a speaker in the first person is not the people the other sentence names
        (
            "We're the ones who are not raiding Medicare to pay for ObamaCare.",
            "Democrats had raided Medicare to pay for ObamaCare.",
        ),
        # two places with nothing to tie the act to one day: a story's events happen in several
        (
            "Rescue teams searched collapsed buildings in Arica.",
            "Rescue teams searched collapsed buildings in Arequipa.",
        ),
        # two places on two days, or by two people: other events
        (
            "The mayor opened a new clinic in Marrowfield on 3 May 2021.",
            "The mayor opened a new clinic in Dunmore on 9 June 2021.",
        ),
        (
            "On Monday, Senator Ann Lee spoke at a rally in Dayton.",
            "On Monday, Governor Tom Hale spoke at a rally in Clayton.",
        ),
        # a negation in a condition supposes; it denies nothing
        (
            "The union will strike on Monday if the company does not raise wages.",
            "The company will raise wages, the union said on Monday.",
        ),
        # a negated condition against the act stated as fact, or supposed with its negation
        (
            "If the council does not approve the budget, the library will close in June.",
            "The council approved the budget, and the library will close in June.",
        ),
        (
            "If the council does not approve the budget, the library will close in June.",
            "Not to approve the budget would close the library in June, the mayor warned.",
        ),
        # "none of" denies what the budget included, not what the city requested
        (
            "The city requested $40 million for the new bridge.",
            "The budget included none of the $40 million that the city requested for the bridge.",
        ),
    ],
)
def test_not_contradictions(a: str, b: str) -> None:
    assert relation(a, b)[0] != "contradiction"
    assert relation(b, a)[0] != "contradiction"


def test_unrelated_sentences() -> None:
    assert relation("The river flooded the valley.", "Acme Corp hired a new chief executive.") == (
        "unrelated",
        None,
    )


def test_explanations_name_the_values() -> None:
    judgement = judge(
        claim_of("Revenue was $4.2 billion in 2023.", "a"),
        claim_of("Revenue was $3.1 billion in 2023.", "b"),
    )
    assert judgement.relation is Relation.CONTRADICTION
    assert "$4.2 billion" in judgement.explanation and "$3.1 billion" in judgement.explanation
