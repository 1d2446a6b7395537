"""What the vet set's first run found (tests/fixtures/vet, a group of veterinary practices' KB written
blind on 2026-12-07): a subject described after "and" ("... and is very quiet") was cut off as a
question of its own."""

import pytest

from baton.engine.clauses import shares_subject
from baton.engine.splitter import split_intents
from baton.engine.text import words


@pytest.mark.parametrize("after_and, goes_on", [
    ("is very quiet", True), ("is really slow", True), ("was so expensive", True),
    ("is it very quiet", False), ("is there a quiet room", False),
])
def test_a_degree_adverb_after_and_describes_the_subject_before(after_and, goes_on):
    assert shares_subject(words(after_and)) is goes_on


def test_the_pet_that_has_not_eaten_and_is_quiet_is_one_report():
    """Cut at "and", "is very quiet" (0.34 on the euthanasia article) was handed off on its own
    beside the rest."""
    message = "my rabbit hasn't eaten since yesterday and is very quiet"
    assert [s.text for s in split_intents(message, lambda a, b: True)] == [message]
