"""Organizers' exchange content: topics of exchange sessions and enterprises' presentations,
checked field by field, reordered, deleted; the whole page loaded in a fixed number of
queries."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from lmevents.agenda.models import SessionKind
from lmevents.errors import Invalid, NotFound
from lmevents.exchange.content.services import (
    PresentationInput,
    TopicInput,
    create_presentation,
    create_topic,
    delete_presentation,
    delete_topic,
    exchange_overview,
    get_presentation,
    get_topic,
    move_presentation,
    move_topic,
    update_presentation,
    update_topic,
)
from lmevents.exchange.models import ExchangeTopic, Need, Presentation
from lmevents.extensions import db
from lmevents.speakers.models import EventSpeaker, InvitationState
from tests import factories
from tests.exchange.content.conftest import need_input
from tests.factories import at


def titles(dbs, session) -> list[str]:
    dbs.expire_all()
    return [t.title_en for t in dbs.scalars(
        select(ExchangeTopic).where(ExchangeTopic.session_id == session.id)
        .order_by(ExchangeTopic.position, ExchangeTopic.id))]


def test_new_topics_go_last_in_their_session(dbs, exchange):
    topic = create_topic(dbs, exchange.event, TopicInput(
        session_id=exchange.session.id, title_zh="  绿色园区 ", title_en=" Green parks "))
    dbs.commit()

    assert (topic.position, topic.title_zh, topic.title_en) == (2, "绿色园区", "Green parks")
    assert titles(dbs, exchange.session) == [
        "Waste-to-energy", "Water-pollution treatment", "Green parks"]


def test_a_topic_in_one_language_only_is_accepted(dbs, exchange):
    topic = create_topic(dbs, exchange.event, TopicInput(
        session_id=exchange.session.id, title_zh="深圳绿色园区"))

    assert topic.text("title", "en") == "深圳绿色园区"
    assert topic.title_en is None


def test_topics_move_up_and_down_their_session(dbs, exchange):
    move_topic(dbs, exchange.second, "up")
    dbs.commit()
    assert titles(dbs, exchange.session) == ["Water-pollution treatment", "Waste-to-energy"]

    move_topic(dbs, exchange.second, "up")  # already first: nothing moves
    move_topic(dbs, exchange.second, "down")
    dbs.commit()
    assert titles(dbs, exchange.session) == ["Waste-to-energy", "Water-pollution treatment"]


def test_update_topic_changes_texts_and_position(dbs, exchange):
    update_topic(dbs, exchange.topic, replace(TopicInput.of(exchange.topic),
                                              title_en="Waste to energy", position=5))
    dbs.commit()

    assert titles(dbs, exchange.session) == ["Water-pollution treatment", "Waste to energy"]


@pytest.mark.parametrize("change, field, message", [
    ({"title_en": None, "title_zh": "  "}, "title_en", "A title is required"),
    ({"title_en": "x" * 301}, "title_en", "At most 300 characters."),
    ({"description_zh": "x" * 20_001}, "description_zh", "At most 20000 characters."),
    ({"position": -1}, "position", "A position from 0"),
    ({"session_id": 999_999}, "session_id", "No session 999999 in this event."),
])
def test_bad_topics_are_refused_naming_the_field(dbs, exchange, change, field, message):
    data = replace(TopicInput(session_id=exchange.session.id, title_en="Topic"), **change)

    with pytest.raises(Invalid) as refusal:
        create_topic(dbs, exchange.event, data)

    assert refusal.value.field == field
    assert message in refusal.value.message


def test_topics_belong_to_exchange_sessions_only(dbs, exchange):
    with pytest.raises(Invalid) as refusal:
        create_topic(dbs, exchange.event, TopicInput(session_id=exchange.keynote.id,
                                                     title_en="Topic"))

    assert refusal.value.field == "session_id"
    assert "not a technical exchange session" in refusal.value.message


def test_a_topic_cannot_go_to_another_events_session(dbs, exchange):
    other = factories.make_event(dbs, "third-event")
    foreign = factories.make_session(dbs, other, at(14), at(16), kind=SessionKind.EXCHANGE)

    with pytest.raises(Invalid) as refusal:
        update_topic(dbs, exchange.topic, replace(TopicInput.of(exchange.topic),
                                                  session_id=foreign.id))

    assert refusal.value.field == "session_id"


def test_topics_and_presentations_of_another_event_are_not_found(dbs, exchange):
    other = factories.make_event(dbs, "third-event")

    with pytest.raises(NotFound):
        get_topic(dbs, other, exchange.topic.id)
    with pytest.raises(NotFound):
        get_presentation(dbs, other, exchange.presentation.id)


def test_deleting_a_topic_takes_its_presentations_and_needs(dbs, exchange, needs):
    delete_topic(dbs, exchange.topic)
    dbs.commit()

    assert titles(dbs, exchange.session) == ["Water-pollution treatment"]
    assert dbs.scalars(select(Presentation.id)).all() == []
    assert dbs.scalars(select(Need.sector)).all() == ["Quiet need"]


def presentation_input(exchange, **kwargs) -> PresentationInput:
    return PresentationInput(**{"topic_id": exchange.topic.id, "enterprise_en": "Clean Water Co.",
                                "title_en": "Membrane bioreactors", **kwargs})


def test_presentation_keeps_every_field(dbs, exchange):
    presentation = create_presentation(dbs, exchange.event, presentation_input(
        exchange, enterprise_zh="清水公司", title_zh="膜生物反应器", summary_en="Small plants.",
        summary_zh="小型污水厂。", presenter_id=exchange.presenter.id, country="vn",
        contact_user_id=exchange.enterprise.id))
    dbs.commit()
    dbs.expire_all()

    saved = db.session.get(Presentation, presentation.id)
    assert (saved.enterprise_zh, saved.enterprise_en) == ("清水公司", "Clean Water Co.")
    assert (saved.title_zh, saved.title_en) == ("膜生物反应器", "Membrane bioreactors")
    assert (saved.summary_zh, saved.summary_en) == ("小型污水厂。", "Small plants.")
    assert saved.presenter.name_en == "Wang Presenter"
    assert saved.country == "VN"
    assert saved.contact_user_id == exchange.enterprise.id
    assert saved.position == 1  # after Green Energy Co.


@pytest.mark.parametrize("change, field, message", [
    ({"enterprise_en": " "}, "enterprise_en", "The enterprise's name is required"),
    ({"enterprise_zh": "企" * 301}, "enterprise_zh", "At most 300 characters."),
    ({"title_en": None}, "title_en", "A title is required"),
    ({"summary_en": "x" * 20_001}, "summary_en", "At most 20000 characters."),
    ({"presenter_id": 999_999}, "presenter_id", "Speaker 999999 is not in the speaker registry"),
    ({"country": "XX"}, "country", "'XX' is not an ISO 3166 country code"),
    ({"country": "Laos"}, "country", "two-letter ISO 3166 country code"),
    ({"topic_id": 999_999}, "topic_id", "No exchange topic 999999 in this event."),
    ({"position": 10_001}, "position", "A position from 0 to 10000."),
])
def test_bad_presentations_are_refused_naming_the_field(dbs, exchange, change, field, message):
    with pytest.raises(Invalid) as refusal:
        create_presentation(dbs, exchange.event, presentation_input(exchange, **change))

    assert refusal.value.field == field
    assert message in refusal.value.message


@pytest.mark.parametrize("who", ["outsider", "pending", "cancelled", "elsewhere"])
def test_the_enterprise_contact_must_be_a_confirmed_participant(dbs, exchange, people, who):
    with pytest.raises(Invalid) as refusal:
        create_presentation(dbs, exchange.event, presentation_input(
            exchange, contact_user_id=people[who].id))

    assert refusal.value.field == "contact_user_id"
    assert "not a confirmed participant of this event" in refusal.value.message


def test_an_unknown_contact_account_is_refused(dbs, exchange):
    with pytest.raises(Invalid) as refusal:
        create_presentation(dbs, exchange.event, presentation_input(
            exchange, contact_user_id=999_999))

    assert refusal.value.field == "contact_user_id"


def test_a_presentation_moves_to_another_topic_at_its_end(dbs, exchange):
    presentation = create_presentation(dbs, exchange.event, presentation_input(
        exchange, topic_id=exchange.second.id))
    update_presentation(dbs, exchange.event, exchange.presentation, replace(
        PresentationInput.of(exchange.presentation), topic_id=exchange.second.id,
        position=None))
    dbs.commit()
    dbs.expire_all()

    assert [p.enterprise_en for p in get_topic(dbs, exchange.event,
                                               exchange.second.id).presentations] == [
        "Clean Water Co.", "Green Energy Co."]
    assert presentation.position == 0


def test_a_presentation_cannot_move_to_another_events_topic(dbs, exchange):
    other = factories.make_event(dbs, "third-event")
    foreign_session = factories.make_session(dbs, other, at(14), at(16),
                                             kind=SessionKind.EXCHANGE)
    foreign = create_topic(dbs, other, TopicInput(session_id=foreign_session.id, title_en="T"))

    with pytest.raises(Invalid) as refusal:
        update_presentation(dbs, exchange.event, exchange.presentation, replace(
            PresentationInput.of(exchange.presentation), topic_id=foreign.id))

    assert refusal.value.field == "topic_id"


def test_presentations_move_within_their_topic_and_can_be_deleted(dbs, exchange):
    second = create_presentation(dbs, exchange.event, presentation_input(exchange))
    move_presentation(dbs, second, "up")
    dbs.commit()
    dbs.expire_all()
    topic = get_topic(dbs, exchange.event, exchange.topic.id)
    assert [p.enterprise_en for p in topic.presentations] == [
        "Clean Water Co.", "Green Energy Co."]

    delete_presentation(dbs, second)
    dbs.commit()
    dbs.expire_all()
    assert [p.enterprise_en for p in get_topic(dbs, exchange.event,
                                               exchange.topic.id).presentations] == [
        "Green Energy Co."]


def test_move_refuses_an_unknown_direction(dbs, exchange):
    with pytest.raises(Invalid) as refusal:
        move_topic(dbs, exchange.topic, "sideways")

    assert refusal.value.field == "direction"


def test_overview_lists_sessions_topics_and_presentations_in_order(dbs, exchange):
    later = factories.make_session(dbs, exchange.event, at(17), at(18),
                                   kind=SessionKind.EXCHANGE, title_en="Follow-up exchange")
    create_topic(dbs, exchange.event, TopicInput(session_id=later.id, title_en="Later topic"))
    dbs.commit()

    overview = exchange_overview(dbs, exchange.event)

    assert [e.session.title_en for e in overview.sessions] == [
        "Technical exchange", "Follow-up exchange"]
    assert [t.title_en for t in overview.topics] == [
        "Waste-to-energy", "Water-pollution treatment", "Later topic"]
    [presentation] = overview.topics[0].presentations
    assert overview.presenter_of(presentation).name_en == "Wang Presenter"


def test_overview_hides_presenters_whose_invitation_is_not_confirmed(dbs, exchange):
    dbs.add(EventSpeaker(event=exchange.event, speaker=exchange.presenter,
                         state=InvitationState.INVITED))
    dbs.commit()

    overview = exchange_overview(dbs, exchange.event)

    assert overview.presenter_of(overview.topics[0].presentations[0]) is None


def queries_for_overview(dbs, count_queries, event) -> int:
    dbs.expire_all()
    with count_queries() as counter:
        overview = exchange_overview(dbs, event)
        for topic in overview.topics:
            for presentation in topic.presentations:
                overview.presenter_of(presentation)
                presentation.presenter and presentation.presenter.name_en  # noqa: B018
            topic.session.room  # noqa: B018
    return counter.count


def test_overview_costs_the_same_queries_for_one_topic_or_many(dbs, exchange, count_queries):
    few = queries_for_overview(dbs, count_queries, exchange.event)
    for n in range(6):
        topic = create_topic(dbs, exchange.event, TopicInput(session_id=exchange.session.id,
                                                             title_en=f"Topic {n}"))
        for m in range(3):
            speaker = factories.make_speaker(dbs, f"Speaker {n}-{m}")
            create_presentation(dbs, exchange.event, presentation_input(
                exchange, topic_id=topic.id, presenter_id=speaker.id))
    dbs.commit()

    assert queries_for_overview(dbs, count_queries, exchange.event) == few


def test_needs_posted_before_a_topic_moves_stay_with_it(dbs, exchange, people):
    from lmevents.exchange.content.needs import post_need

    post_need(dbs, exchange.event, exchange.topic, people["participant"], need_input())
    move_topic(dbs, exchange.topic, "down")
    dbs.commit()
    dbs.expire_all()

    assert [n.sector for n in get_topic(dbs, exchange.event, exchange.topic.id).needs] == [
        "Municipal solid waste"]
