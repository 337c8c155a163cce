"""Needs: only the event's confirmed participants post them; public ones are for everyone,
participants-only ones for the event's participants and organizers; the poster is named only
where they allowed it and only to insiders; organizers hide, authors withdraw."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.errors import Forbidden, Invalid, NotFound
from lmevents.exchange.content.needs import (
    get_need,
    hide_need,
    post_need,
    restore_need,
    visible_needs,
    withdraw_need,
)
from lmevents.exchange.models import Need, NeedVisibility
from tests import factories
from tests.exchange.content.conftest import need_input


def test_a_confirmed_participant_posts_a_need(dbs, exchange, people):
    need = post_need(dbs, exchange.event, exchange.topic, people["participant"], need_input(
        country="la", sector="  Wastewater ", description=" Treatment for an industrial park. ",
        visibility="participants", show_contact=True))
    dbs.commit()
    dbs.expire_all()

    saved = dbs.get(Need, need.id)
    assert (saved.country, saved.sector, saved.description) == (
        "LA", "Wastewater", "Treatment for an industrial park.")
    assert saved.visibility == NeedVisibility.PARTICIPANTS and saved.show_contact
    assert saved.author_id == people["participant"].id and saved.topic_id == exchange.topic.id
    assert saved.created_at.tzinfo is not None and saved.hidden_at is None


@pytest.mark.parametrize("who", ["outsider", "pending", "cancelled", "elsewhere", "organizer"])
def test_only_confirmed_participants_post_needs(dbs, exchange, people, who):
    with pytest.raises(Forbidden) as refusal:
        post_need(dbs, exchange.event, exchange.topic, people[who], need_input())

    assert refusal.value.field == "registration"
    assert "Only the event's confirmed participants may post needs" in refusal.value.message
    assert dbs.scalars(select(Need)).all() == []


def test_a_need_goes_under_a_topic_of_the_same_event(dbs, exchange, people):
    other = factories.make_event(dbs, "third-event")
    factories.make_registration(dbs, other, people["participant"])

    with pytest.raises(NotFound):
        post_need(dbs, other, exchange.topic, people["participant"], need_input())


@pytest.mark.parametrize("change, field, message", [
    ({"country": None}, "country", "Say which country"),
    ({"country": " "}, "country", "Say which country"),
    ({"country": "ZZ"}, "country", "'ZZ' is not an ISO 3166 country code"),
    ({"country": "Lao"}, "country", "two-letter ISO 3166 country code"),
    ({"sector": ""}, "sector", "Name the sector"),
    ({"sector": "s" * 201}, "sector", "At most 200 characters."),
    ({"description": " \x00 "}, "description", "Describe the need"),
    ({"description": "d" * 2001}, "description", "At most 2000 characters."),
    ({"visibility": "friends"}, "visibility", "Choose one of public, participants."),
    ({"show_contact": "yes"}, "show_contact", "True or false."),
])
def test_bad_needs_are_refused_naming_the_field(dbs, exchange, people, change, field, message):
    with pytest.raises(Invalid) as refusal:
        post_need(dbs, exchange.event, exchange.topic, people["participant"],
                  need_input(**change))

    assert refusal.value.field == field
    assert message in refusal.value.message


def test_the_longest_sector_and_description_are_accepted(dbs, exchange, people):
    need = post_need(dbs, exchange.event, exchange.topic, people["participant"],
                     need_input(sector="s" * 200, description="d" * 2000))
    dbs.commit()

    assert (len(need.sector), len(need.description)) == (200, 2000)


def sectors(seen) -> list[str]:
    return [n.need.sector for n in seen]


ALL = ["Public sector need", "Private sector need", "Quiet need"]
PUBLIC = ["Public sector need", "Quiet need"]


@pytest.mark.parametrize("who, expected", [
    (None, PUBLIC),
    ("outsider", PUBLIC),
    ("pending", PUBLIC),
    ("cancelled", PUBLIC),
    ("elsewhere", PUBLIC),
    ("participant", ALL),
    ("organizer", ALL),
])
def test_who_sees_which_needs(dbs, exchange, people, needs, who, expected):
    viewer = people[who] if who else None

    assert sectors(visible_needs(dbs, exchange.event, viewer)) == expected


def test_another_participant_of_the_event_sees_participants_only_needs(dbs, exchange, people,
                                                                       needs):
    other = factories.make_user(dbs, "kanha@example.org")
    exchange.event.registration_mode = "open"
    factories.make_registration(dbs, exchange.event, other, name="Kanha")

    seen = visible_needs(dbs, exchange.event, other)

    assert sectors(seen) == ALL
    assert not any(n.own for n in seen)


@pytest.mark.parametrize("who, named", [
    (None, False), ("outsider", False), ("elsewhere", False), ("pending", False),
    ("participant", True), ("organizer", True),
])
def test_the_poster_is_named_only_to_insiders_and_only_if_allowed(dbs, exchange, people, needs,
                                                                  who, named):
    seen = {n.need.sector: n for n in visible_needs(dbs, exchange.event,
                                                     people[who] if who else None)}

    poster = seen["Public sector need"].poster
    if named:
        # As registered for this event, not the account's own name.
        assert (poster.name, poster.organization) == ("Somchai P.",
                                                      "Ministry of Natural Resources")
    else:
        assert poster is None
    assert seen["Quiet need"].poster is None  # he did not allow it there


def test_needs_from_other_events_are_never_listed(dbs, exchange, people, needs):
    other = factories.make_event(dbs, "other-event-2")

    assert visible_needs(dbs, other, people["organizer"]) == []


def test_the_author_withdraws_their_need(dbs, exchange, people, needs):
    withdraw_need(dbs, needs["private"], people["participant"])
    dbs.commit()

    assert sectors(visible_needs(dbs, exchange.event, people["organizer"])) == [
        "Public sector need", "Quiet need"]


@pytest.mark.parametrize("who", ["outsider", "enterprise", "elsewhere"])
def test_no_one_else_withdraws_a_need(dbs, exchange, people, needs, who):
    someone = exchange.enterprise if who == "enterprise" else people[who]

    with pytest.raises(Forbidden) as refusal:
        withdraw_need(dbs, needs["public"], someone)

    assert refusal.value.field == "need"


def test_an_organizer_withdraws_any_need(dbs, exchange, people, needs):
    withdraw_need(dbs, needs["public"], people["organizer"])
    dbs.commit()

    assert "Public sector need" not in sectors(visible_needs(dbs, exchange.event, None))


def test_a_hidden_need_is_shown_to_organizers_only(dbs, exchange, people, needs):
    hide_need(dbs, needs["public"], people["organizer"])
    dbs.commit()

    assert sectors(visible_needs(dbs, exchange.event, None)) == ["Quiet need"]
    assert sectors(visible_needs(dbs, exchange.event, people["participant"])) == [
        "Private sector need", "Quiet need"]
    for_organizer = visible_needs(dbs, exchange.event, people["organizer"])
    assert [(n.need.sector, n.hidden) for n in for_organizer] == [
        ("Public sector need", True), ("Private sector need", False), ("Quiet need", False)]

    restore_need(dbs, needs["public"], people["organizer"])
    dbs.commit()
    assert sectors(visible_needs(dbs, exchange.event, None)) == PUBLIC


@pytest.mark.parametrize("who", ["participant", "outsider"])
def test_only_organizers_hide_needs(dbs, exchange, people, needs, who):
    with pytest.raises(Forbidden):
        hide_need(dbs, needs["public"], people[who])
    with pytest.raises(Forbidden):
        restore_need(dbs, needs["public"], people[who])


def test_the_author_sees_their_own_need_after_leaving_the_event(dbs, exchange, people, needs):
    from lmevents.registration.registrations import cancel_registration, find_registration

    cancel_registration(dbs, find_registration(dbs, exchange.event, people["participant"]))
    dbs.commit()

    seen = visible_needs(dbs, exchange.event, people["participant"])

    assert sectors(seen) == ALL
    assert all(n.own for n in seen)
    assert all(n.poster is None for n in seen)  # no longer an insider


def test_needs_of_another_event_are_not_found(dbs, exchange, needs):
    other = factories.make_event(dbs, "third-event")

    with pytest.raises(NotFound):
        get_need(dbs, other, needs["public"].id)


def test_visible_needs_cost_the_same_queries_for_few_or_many(dbs, exchange, people, needs,
                                                            count_queries):
    def queries() -> int:
        dbs.expire_all()
        with count_queries() as counter:
            for seen in visible_needs(dbs, exchange.event, people["participant"]):
                seen.poster, seen.need.topic.title_en  # noqa: B018
        return counter.count

    few = queries()
    exchange.event.registration_mode = "open"
    for n in range(8):
        author = factories.make_user(dbs, f"author{n}@example.org")
        factories.make_registration(dbs, exchange.event, author, name=f"Author {n}")
        post_need(dbs, exchange.event, exchange.second, author,
                  need_input(show_contact=n % 2 == 0, visibility="participants"))
    dbs.commit()

    assert queries() == few


def _organizer_of_another_event(dbs):
    someone = factories.make_user(dbs, "elsewhere-organizer@example.org", role="organizer")
    factories.add_to_team(dbs, factories.make_event(dbs, slug="another-event"), someone)
    return someone


def test_an_organizer_of_another_event_neither_hides_nor_withdraws_needs(dbs, exchange, needs):
    """The organizer role used to be global: any organizer moderated every event."""
    someone = _organizer_of_another_event(dbs)
    for act in (hide_need, restore_need, withdraw_need):
        with pytest.raises(Forbidden):
            act(dbs, needs["public"], someone)
    assert sectors(visible_needs(dbs, exchange.event, None)) == PUBLIC
