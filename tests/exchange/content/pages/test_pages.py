"""/events/<slug>/exchange: topics in order with their presentations, the needs each viewer
may see, and the participants' form to post one."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from lmevents.agenda.models import SessionKind
from lmevents.exchange.content.needs import post_need
from lmevents.exchange.content.services import (
    PresentationInput,
    TopicInput,
    create_presentation,
    create_topic,
)
from lmevents.exchange.models import Need
from lmevents.extensions import db
from lmevents.registration.models import Registration
from lmevents.speakers.models import EventSpeaker, InvitationState
from tests import factories
from tests.exchange.content.conftest import EVENT, need_input
from tests.factories import at
from tests.probes import csrf_token, form_fields, text

PAGE = EVENT + "/exchange"
FORM = {"topic_id": "", "country": "LA", "sector": "Industrial wastewater",
        "description": "A treatment plant for the Saysettha park.", "visibility": "public"}


def test_the_page_shows_topics_in_order_with_their_presentations(client, exchange):
    page = text(client.get(PAGE + "?lang=en"))

    assert page.index("Waste-to-energy") < page.index("Water-pollution treatment")
    assert "Investing in waste-to-energy plants." in page
    assert "Green Energy Co." in page and "Plants that burn city waste cleanly" in page
    assert "Flue-gas treatment and ash reuse." in page
    assert "Presented by Wang Presenter" in page
    assert "China" in page  # the presentation's country, by name
    assert f'href="{EVENT}/exchange/presentations/{exchange.presentation.id}"' in page \
        or f"/exchange/presentations/{exchange.presentation.id}" in page


def test_the_page_speaks_chinese_when_asked(client, exchange):
    page = text(client.get(PAGE + "?lang=zh"))

    assert "垃圾发电" in page and "绿能公司" in page and "清洁焚烧城市垃圾" in page
    assert "王演讲" in page
    assert "中国" in page


def test_times_are_shown_in_the_asked_zone_and_name_it(client, exchange):
    shanghai = text(client.get(PAGE + "?lang=en"))
    bangkok = text(client.get(PAGE + "?lang=en&tz=Asia/Bangkok"))

    assert "14:00–16:00 China Standard Time (UTC+08:00)" in shanghai
    assert "13:00–15:00 Indochina Time (UTC+07:00)" in bangkok


def test_the_page_never_shows_join_details_or_email_addresses(client, login, exchange, needs):
    login("participant")
    page = text(client.get(PAGE))

    for secret in ("https://meet.example.org/j/704", "pass-704", "participant@example.org",
                   "contact@enterprise.example.com", "wang.private@presenter.example.net"):
        assert secret not in page


def test_a_presenter_whose_invitation_is_open_is_not_named(client, dbs, exchange):
    dbs.add(EventSpeaker(event=exchange.event, speaker=exchange.presenter,
                         state=InvitationState.INVITED))
    dbs.commit()

    page = text(client.get(PAGE + "?lang=en"))

    assert "Wang Presenter" not in page
    assert "Green Energy Co." in page


@pytest.mark.parametrize("who, sees_private, sees_names", [
    (None, False, False),
    ("outsider", False, False),
    ("pending", False, False),
    ("elsewhere", False, False),
    ("participant", True, True),
    ("organizer", True, True),
])
def test_each_viewer_sees_the_needs_they_may(client, login, exchange, needs, who, sees_private,
                                             sees_names):
    if who:
        login(who)
    page = text(client.get(PAGE + "?lang=en"))

    assert "Public sector need" in page and "Quiet need" in page
    assert ("Private sector need" in page) is sees_private
    assert ("sludge from the Mekong delta" in page) is sees_private
    assert ("Somchai P." in page) is sees_names
    assert ("Ministry of Natural Resources" in page) is sees_names
    # The needs' countries by name, under their own topic.
    needs = page[page.index('<ul class="needs">'):]
    assert needs.index("Laos") < needs.index("Water-pollution treatment") < needs.index("Cambodia")


def test_needs_show_when_they_were_posted_in_the_viewers_zone(client, dbs, exchange, needs):
    page = text(client.get(PAGE + "?lang=en&tz=Asia/Yangon"))

    assert "Myanmar Time (UTC+06:30)" in page


@pytest.mark.parametrize("who, invitation", [
    (None, "Sign in"),
    ("outsider", "Register for the event"),
    ("elsewhere", "Register for the event"),
    ("pending", "awaiting approval"),
])
def test_only_confirmed_participants_get_the_form(client, login, exchange, who, invitation):
    if who:
        login(who)
    page = text(client.get(PAGE + "?lang=en"))

    assert invitation in page
    assert 'name="sector"' not in page


def test_a_participant_posts_a_need_from_the_page(client, dbs, login, exchange):
    login("participant")
    page = text(client.get(PAGE + f"?lang=en&topic={exchange.second.id}"))
    sent = form_fields(page, 'id="post-need"').to_dict()
    assert sent["topic_id"] == str(exchange.second.id)
    sent.update({"country": "KH", "sector": "Drinking water", "description": "Arsenic removal.",
                 "visibility": "participants", "show_contact": "y"})

    response = client.post(PAGE + "/needs", data=sent)

    need = dbs.scalar(select(Need))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/exchange#need-{need.id}")
    assert (need.topic_id, need.country, need.sector, need.visibility, need.show_contact) == (
        exchange.second.id, "KH", "Drinking water", "participants", True)
    assert "Arsenic removal." in text(client.get(PAGE))


@pytest.mark.parametrize("change, message", [
    ({"sector": ""}, "This field is required."),
    ({"sector": "s" * 201}, "Field cannot be longer than 200 characters."),
    ({"description": "d" * 2001}, "Field cannot be longer than 2000 characters."),
    ({"country": "ZZ"}, "Not a valid choice."),
    ({"visibility": "friends"}, "Not a valid choice."),
    ({"topic_id": "999999"}, "Not a valid choice."),
])
def test_bad_needs_are_refused_on_the_form(client, dbs, login, exchange, change, message):
    login("participant")

    response = client.post(PAGE + "/needs", data={**FORM, "topic_id": exchange.topic.id,
                                                  **change})

    assert response.status_code == 422
    assert message in text(response)
    assert dbs.scalars(select(Need)).all() == []


def test_the_need_form_starts_from_the_country_the_participant_registered_from(
    client, dbs, login, exchange, people
):
    registration = dbs.scalar(select(Registration).where(
        Registration.user_id == people["participant"].id))
    registration.country = "LA"
    dbs.commit()
    login("participant")

    sent = form_fields(text(client.get(PAGE + "?lang=en")), 'id="post-need"')

    assert sent["country"] == "LA"


def test_a_refused_need_answers_at_the_form_with_every_fault_summarized(
    client, dbs, login, exchange
):
    """The page is long: the answer lands on the form (#post-need), a summary above it lists
    each fault with a link to its field, and each field says it is in error."""
    login("participant")
    page = text(client.get(PAGE + "?lang=en"))
    assert 'action="/events/test-event/exchange/needs#post-need"' in page

    response = client.post(PAGE + "/needs", data={**FORM, "topic_id": exchange.topic.id,
                                                  "sector": "", "description": ""})

    assert response.status_code == 422
    body = text(response)
    summary = body[body.index('class="error-summary"'):body.index('id="topic_id"')]
    assert 'role="alert" tabindex="-1"' in summary
    assert "There are 2 problems with what you sent" in summary
    assert '<a href="#sector">Sector: This field is required.</a>' in summary
    assert '<a href="#description">Description: This field is required.</a>' in summary
    for name in ("sector", "description"):
        assert re.search(rf'<(input|textarea) [^>]*aria-describedby="{name}-error {name}-help"'
                         rf'[^>]*aria-invalid="true"[^>]*id="{name}"', body)
        assert f'<div class="field-error" id="{name}-error">This field is required.</div>' in body
    assert dbs.scalars(select(Need)).all() == []


@pytest.mark.parametrize("who", ["outsider", "pending", "elsewhere", "organizer"])
def test_posting_without_being_a_participant_is_refused(client, dbs, login, exchange, who):
    login(who)

    response = client.post(PAGE + "/needs", data={**FORM, "topic_id": exchange.topic.id})

    assert response.status_code == 403
    assert "Only the event&#39;s confirmed participants may post needs" in text(response) \
        or "Only the event's confirmed participants may post needs" in text(response)
    assert dbs.scalars(select(Need)).all() == []


def test_anonymous_posting_goes_to_sign_in(client, dbs, exchange):
    response = client.post(PAGE + "/needs", data={**FORM, "topic_id": exchange.topic.id})

    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert dbs.scalars(select(Need)).all() == []


def test_the_author_withdraws_from_the_page(client, dbs, login, exchange, needs):
    login("participant")
    page = text(client.get(PAGE))
    assert page.count("Withdraw") == 3

    response = client.post(PAGE + f"/needs/{needs['public'].id}/withdraw")

    assert response.status_code == 302
    assert "Public sector need" not in text(client.get(PAGE))


@pytest.mark.parametrize("who", ["outsider", "elsewhere"])
def test_others_cannot_withdraw_a_need(client, dbs, login, exchange, needs, who):
    login(who)

    response = client.post(PAGE + f"/needs/{needs['public'].id}/withdraw")

    assert response.status_code == 403
    assert len(dbs.scalars(select(Need)).all()) == 3


def test_a_need_of_another_event_is_not_found(client, dbs, login, exchange, needs, people):
    other = factories.make_event(dbs, "third-event")
    login("participant")

    response = client.post(f"/events/{other.slug}/exchange/needs/{needs['public'].id}/withdraw")

    assert response.status_code == 404


def test_an_event_without_exchange_says_so(client, dbs):
    factories.make_event(dbs, "plain-event")

    page = text(client.get("/events/plain-event/exchange?lang=en"))

    assert "This event has no technical exchange." in page
    assert 'id="post-need"' not in page


def test_unpublished_events_have_no_exchange_page(client, dbs, exchange):
    exchange.event.published = False
    dbs.commit()

    assert client.get(PAGE).status_code == 404


def test_the_event_pages_link_to_the_exchange(client, exchange):
    assert f'href="{PAGE}"' in text(client.get(EVENT + "/agenda"))


def test_organizers_get_a_link_to_the_back_office(client, login, exchange):
    login("organizer")

    assert "/manage/events/test-event/exchange" in text(client.get(PAGE))


def queries_for(client, count_queries) -> int:
    client.get(PAGE)  # warm the session cookie and caches
    db.session.remove()  # as after every real request: nothing already loaded
    with count_queries() as counter:
        assert client.get(PAGE).status_code == 200
    return counter.count


@pytest.mark.parametrize("who", [None, "participant", "organizer"])
def test_the_page_costs_the_same_queries_however_much_it_shows(client, dbs, login, exchange,
                                                               needs, people, count_queries,
                                                               who):
    if who:
        login(who)
    few = queries_for(client, count_queries)
    later = factories.make_session(dbs, exchange.event, at(16), at(18),
                                   kind=SessionKind.EXCHANGE, title_en="More exchange")
    exchange.event.registration_mode = "open"
    for n in range(5):
        topic = create_topic(dbs, exchange.event, TopicInput(session_id=later.id,
                                                             title_en=f"Topic {n}"))
        speaker = factories.make_speaker(dbs, f"Speaker {n}")
        create_presentation(dbs, exchange.event, PresentationInput(
            topic_id=topic.id, enterprise_en=f"Enterprise {n}", title_en="Talk",
            presenter_id=speaker.id, country="TH"))
        author = factories.make_user(dbs, f"author{n}@example.org")
        factories.make_registration(dbs, exchange.event, author, name=f"Author {n}")
        post_need(dbs, exchange.event, topic, author, need_input(show_contact=True))
        post_need(dbs, exchange.event, topic, author,
                  need_input(visibility="participants"))
    dbs.commit()

    many = queries_for(client, count_queries)

    assert few == many
    # The organizers' page also carries the matchmaking overview.
    # Participants: is the viewer on the team? in which zone did they register?
    assert many <= (20 if who == "organizer" else 14)




@pytest.fixture
def guarded_client(csrf_client, exchange, participant):
    """The participant signed in on an app that checks CSRF tokens, as in production."""
    return csrf_client(participant.email)


def test_posting_a_need_needs_the_forms_token(guarded_client, dbs, exchange):
    refused = guarded_client.post(PAGE + "/needs", data={**FORM, "topic_id": exchange.topic.id})
    assert refused.status_code == 400
    assert dbs.scalars(select(Need)).all() == []

    sent = form_fields(text(guarded_client.get(PAGE)), 'id="post-need"').to_dict()
    sent.update({**FORM, "topic_id": str(exchange.topic.id)})
    accepted = guarded_client.post(PAGE + "/needs", data=sent)

    assert accepted.status_code == 302
    dbs.expire_all()
    assert [n.sector for n in dbs.scalars(select(Need))] == ["Industrial wastewater"]


def test_withdrawing_needs_the_forms_token(guarded_client, dbs, exchange, needs):
    url = PAGE + f"/needs/{needs['public'].id}/withdraw"

    assert guarded_client.post(url).status_code == 400
    page = text(guarded_client.get(PAGE))
    assert guarded_client.post(url, data={"csrf_token": csrf_token(page)}).status_code == 302
    dbs.expire_all()
    assert len(dbs.scalars(select(Need)).all()) == 2
