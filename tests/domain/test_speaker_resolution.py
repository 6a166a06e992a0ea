"""Later mentions in a long article: a surname or initials resolve to the newest full name they
fit, looked up among the names sharing that last word (not all of the article's names)."""

from __future__ import annotations

from factcheck_app.domain.claimants import Speakers, attribute


def test_initials_resolve_to_the_organisation_introduced_by_name() -> None:
    """ "NHS" after "the National Health Service …" speaks for it; unknown initials stay as written."""
    speakers = Speakers()
    attribute("The National Health Service said waiting lists grew by 8 percent.", speakers)
    assert attribute("NHS said 300 extra beds would open.", speakers).claimant == "National Health Service"
    assert attribute("WHO said the vaccine was safe.", speakers).claimant == "WHO"


def test_a_surname_shared_by_two_people_goes_to_the_one_named_last() -> None:
    """Two Dunnes: "Dunne" is the newer one; the first keeps speaking under his full name."""
    speakers = Speakers()
    attribute("Councillor Mark Dunne said rents rose 12 percent.", speakers)
    assert attribute("Dunne said the figure was wrong.", speakers).claimant == "Councillor Mark Dunne"
    attribute("Senator Ann Dunne told reporters the bill would pass.", speakers)
    assert attribute("Dunne said 40 votes were certain.", speakers).claimant == "Senator Ann Dunne"
    assert attribute("Mark Dunne said it would not.", speakers).claimant == "Councillor Mark Dunne"


def test_a_name_learned_once_is_not_listed_again_in_a_shorter_form() -> None:
    """ "Elena Ruiz" after "Mayor Elena Ruiz" is the same person, not a second name to resolve to."""
    speakers = Speakers()
    attribute("Mayor Elena Ruiz said taxes would not rise.", speakers)
    attribute("Elena Ruiz said crime fell.", speakers)
    assert speakers.names == ["Mayor Elena Ruiz"]
