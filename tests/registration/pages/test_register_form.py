"""The registration form: who may see it, what it asks, what registering does, refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lmevents.events.models import RegistrationMode
from lmevents.registration.models import Registration, RegistrationStatus
from lmevents.registration.questions import QuestionInput, create_question
from tests import factories
from tests.probes import form_fields, text
from tests.registration.pages.conftest import (
    field_errors,
    fill_seats,
    registrations_of,
    seats_of,
    user_by_email,
)

URL = "/events/test-event/register"


def form(**changes) -> dict:
    """A complete, acceptable form as a participant sends it; keywords replace fields."""
    values = {"name": "Somchai P.", "organization": "Ministry of Natural Resources",
              "position": "Director", "country": "TH", "language": "en",
              "timezone": "Asia/Bangkok", "consent": "y", "subforum_id": ""}
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


@pytest.fixture
def questions(dbs, roundtable):
    """A required choice, an optional yes/no and an optional text question."""
    event = roundtable.event

    def ask(**kwargs):
        question = create_question(dbs, event, QuestionInput(**kwargs))
        dbs.commit()
        return question

    return {
        "diet": ask(kind="choice", label_en="Dietary needs", label_zh="饮食要求", required=True,
                    options=[{"en": "None", "zh": "无"}, {"en": "Vegetarian", "zh": "素食"},
                             {"en": "Halal", "zh": "清真"}], position=1),
        "first": ask(kind="yes_no", label_en="First roundtable?", label_zh="第一次参加？",
                     position=2),
        "topic": ask(kind="text", label_en="What would you like to discuss?",
                     label_zh="您想讨论什么？", position=3),
    }


def answers(questions, diet="1", first=None, topic=None) -> dict:
    values = {f"answer_{questions['diet'].id}": diet, f"answer_{questions['first'].id}": first,
              f"answer_{questions['topic'].id}": topic}
    return {key: value for key, value in values.items() if value is not None}


def stored(dbs) -> int:
    dbs.expire_all()
    return dbs.scalar(select(func.count()).select_from(Registration))


def set_mode(dbs, event, mode):
    event.registration_mode = mode
    dbs.commit()


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, roundtable, participant):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.location == "/auth/login?next=%2Fevents%2Ftest-event%2Fregister"
    signed = client.post(response.location, data={"email": "participant@example.org",
                                                   "password": factories.PASSWORD})
    assert signed.location == URL


def test_unpublished_event_has_no_registration_form(client, dbs, signed_in):
    factories.make_event(dbs, "draft", published=False)

    assert client.get("/events/draft/register").status_code == 404


def test_form_is_prefilled_from_the_account(client, dbs, roundtable, signed_in):
    signed_in.name, signed_in.organization = "Somchai P.", "MONRE"
    signed_in.country, signed_in.timezone, signed_in.language = "TH", "Asia/Bangkok", "zh"
    dbs.commit()

    sent = form_fields(text(client.get(URL)))

    assert (sent["name"], sent["organization"], sent["country"]) == ("Somchai P.", "MONRE", "TH")
    assert (sent["timezone"], sent["language"]) == ("Asia/Bangkok", "zh")
    assert "consent" not in sent  # never ticked for the participant


def test_zone_defaults_to_the_events_when_the_account_has_none(client, roundtable, signed_in):
    assert form_fields(text(client.get(URL)))["timezone"] == "Asia/Shanghai"


def test_countries_are_named_in_the_viewers_language(client, roundtable, signed_in):
    assert '<option value="LA">Laos</option>' in text(client.get(URL + "?lang=en"))
    assert '<option value="LA">老挝</option>' in text(client.get(URL + "?lang=zh"))


@pytest.mark.parametrize(("lang", "shown", "hidden"), [
    ("en", ["Dietary needs *", "Vegetarian", "Halal", "First roundtable?",
            "What would you like to discuss?"], ["饮食要求", "素食"]),
    ("zh", ["饮食要求 *", "素食", "清真", "第一次参加？", "您想讨论什么？"],
     ["Dietary needs", "Vegetarian"]),
])
def test_form_asks_the_organizers_questions_in_the_viewers_language(
    client, questions, signed_in, lang, shown, hidden
):
    page = text(client.get(f"{URL}?lang={lang}"))

    for words in shown:
        assert words in page
    for words in hidden:
        assert words not in page


def test_subforums_are_offered_with_time_and_seats_left(client, dbs, roundtable, signed_in):
    fill_seats(dbs, roundtable.event, roundtable.subforum_b, 2)

    page = text(client.get(URL + "?tz=Asia/Bangkok"))

    assert "A — Sub-forum A · Thursday, 26 November 2020, 09:30–11:00 Indochina Time " \
           "(UTC+07:00) · 10:30–12:00 China Standard Time · 2 seats left" in page
    assert "B — Sub-forum B" in page and "full: you would join the waiting list" in page
    assert "None: the plenary sessions only" in page


def test_open_registration_is_confirmed_at_once(client, dbs, roundtable, questions, signed_in):
    response = client.post(URL, data=form(**answers(questions, first="yes", topic="Finance"),
                                          subforum_id=str(roundtable.subforum_a.id)))

    assert response.status_code == 302 and response.location == "/me/agenda"
    agenda = text(client.get(response.location))
    assert "You are registered for Test roundtable: confirmed." in agenda
    assert "You have a seat in sub-forum A" in agenda
    (registration,) = registrations_of(dbs, signed_in)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert (registration.name, registration.country, registration.timezone) == (
        "Somchai P.", "TH", "Asia/Bangkok")
    assert registration.answers == {str(questions["diet"].id): 1,
                                    str(questions["first"].id): True,
                                    str(questions["topic"].id): "Finance"}
    assert seats_of(dbs, registration) == {"subforum A": "held"}


def test_registration_needing_approval_awaits_it(client, dbs, roundtable, signed_in):
    set_mode(dbs, roundtable.event, RegistrationMode.APPROVAL)

    response = client.post(URL, data=form(subforum_id=str(roundtable.subforum_a.id)),
                           follow_redirects=True)

    page = text(response)
    assert "awaiting the organizers&#39; approval" in page
    assert "Once you are confirmed, you get a seat in sub-forum A" in page
    assert "awaiting approval" in page
    (registration,) = registrations_of(dbs, signed_in)
    assert registration.status == RegistrationStatus.PENDING
    assert seats_of(dbs, registration) == {}  # the sub-forum is only asked for


def test_second_submit_shows_the_same_registration(client, dbs, roundtable, signed_in):
    client.post(URL, data=form())

    again = client.post(URL, data=form(name="Someone Else"), follow_redirects=True)

    page = text(again)
    assert "You are already registered for this event." in page
    assert "Status: <strong class=\"status\">confirmed</strong>" in page
    assert "Cancel my registration" in page and 'name="consent"' not in page
    assert stored(dbs) == 1
    assert registrations_of(dbs, signed_in)[0].name == "Somchai P."


def test_full_subforum_gives_the_waiting_list_position(client, dbs, roundtable, signed_in):
    fill_seats(dbs, roundtable.event, roundtable.subforum_a, 3)  # two seats, one waiting

    response = client.post(URL, data=form(subforum_id=str(roundtable.subforum_a.id)),
                           follow_redirects=True)

    assert "You are number 2 on the waiting list of sub-forum A, “Sub-forum A”, which is " \
           "full." in text(response)
    (registration,) = registrations_of(dbs, signed_in)
    assert seats_of(dbs, registration) == {"subforum A": "waiting"}
    assert "waiting list, number 2" in text(client.get(URL))


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"consent": None}, "consent", "Tick this box to register"),
    ({"name": "  "}, "name", "Your name is required."),
    ({"timezone": "Mars/Olympus"}, "timezone", "'Mars/Olympus' is not an IANA time zone"),
    ({"timezone": ""}, "timezone", "is not an IANA time zone"),
    ({"country": "XX"}, "country", "'XX' is not an ISO 3166 country code"),
    ({"country": "Thailand"}, "country", "Use a two-letter ISO 3166 country code"),
    ({"organization": "x" * 301}, "organization", "Field cannot be longer than 300 characters."),
    ({"diet": ""}, "diet", "This question needs an answer."),
    ({"diet": "3"}, "diet", "Choose an option number from 0 to 2."),
    ({"diet": "-1"}, "diet", "Choose an option number from 0 to 2."),
    ({"first": "maybe"}, "first", "Answer yes (true) or no (false)."),
    ({"topic": "x" * 2001}, "topic", "At most 2000 characters."),
])
def test_refusal_is_shown_on_its_field(
    client, dbs, roundtable, questions, signed_in, changes, field, message
):
    fields = {name: value for name, value in changes.items() if name not in questions}
    replies = {name: value for name, value in changes.items() if name in questions}
    data = form(**fields, **answers(questions, **replies))
    shown_on = f"answer_{questions[field].id}" if field in questions else field

    response = client.post(URL, data=data)

    assert response.status_code == 422
    errors = field_errors(text(response))
    assert any(message in error for error in errors.get(shown_on, [])), errors
    assert stored(dbs) == 0


def test_every_mistake_is_shown_at_once(client, dbs, roundtable, questions, signed_in):
    response = client.post(URL, data=form(consent=None, country="XX",
                                          **answers(questions, diet="")))

    assert response.status_code == 422
    errors = field_errors(text(response))
    assert {"consent", "country", f"answer_{questions['diet'].id}"} <= set(errors)


def test_refusal_by_the_registration_rules_is_shown_on_its_field(client, dbs, roundtable,
                                                                  signed_in):
    other = factories.make_event(dbs, "other-event")
    elsewhere = factories.make_subforum(dbs, other, "Z")

    response = client.post(URL, data=form(subforum_id=str(elsewhere.id)))

    assert response.status_code == 422
    assert field_errors(text(response))["subforum_id"] == [
        f"This event has no sub-forum {elsewhere.id}."]
    assert stored(dbs) == 0


def test_closed_registration_says_so_without_a_form(client, dbs, roundtable, signed_in):
    set_mode(dbs, roundtable.event, RegistrationMode.CLOSED)

    page = text(client.get(URL))
    posted = client.post(URL, data=form())

    assert "Registration for this event is closed." in page
    assert 'name="consent"' not in page
    assert posted.status_code == 409
    assert stored(dbs) == 0
    assert "Registration for this event is closed." in text(client.get("/events/test-event/"))


def test_cancelling_frees_the_seat_for_the_first_in_line(client, dbs, roundtable, signed_in):
    client.post(URL, data=form(subforum_id=str(roundtable.subforum_a.id)))
    fill_seats(dbs, roundtable.event, roundtable.subforum_a, 2)  # one seat, one waiting
    page = text(client.get(URL))
    assert "Cancel your registration and give up your seats?" in page

    response = client.post(URL + "/cancel", follow_redirects=True)

    assert "Your registration for Test roundtable is cancelled" in text(response)
    assert 'name="consent"' in text(response)  # the form is offered again
    (mine,) = registrations_of(dbs, signed_in)
    assert mine.status == RegistrationStatus.CANCELLED and seats_of(dbs, mine) == {}
    last = registrations_of(dbs, user_by_email(dbs, "other1@example.org"))[0]
    assert seats_of(dbs, last) == {"subforum A": "held"}


def test_registering_again_after_cancelling_reuses_the_registration(client, dbs, roundtable,
                                                                     signed_in):
    client.post(URL, data=form())
    client.post(URL + "/cancel")

    response = client.post(URL, data=form(name="Somchai Again"))

    assert response.status_code == 302
    (registration,) = registrations_of(dbs, signed_in)
    assert (registration.status, registration.name) == ("confirmed", "Somchai Again")


def test_cancelling_without_a_registration_says_so(client, roundtable, signed_in):
    response = client.post(URL + "/cancel", follow_redirects=True)

    assert "You have no registration for this event to cancel." in text(response)


def test_declined_registration_is_shown_without_a_form(client, dbs, roundtable, organizer,
                                                       signed_in):
    from lmevents.registration.registrations import reject_registration

    set_mode(dbs, roundtable.event, RegistrationMode.APPROVAL)
    registration = factories.make_registration(dbs, roundtable.event, signed_in)
    reject_registration(dbs, registration, organizer, note="The room is full, sorry.")
    dbs.commit()

    page = text(client.get(URL))

    assert "declined" in page and "The room is full, sorry." in page
    assert 'name="consent"' not in page and "Cancel my registration" not in page


def test_event_pages_link_to_the_form_and_signed_in_people_to_their_agenda(
    client, roundtable, participant, auth
):
    for url in ("/events/test-event/", "/events/test-event/agenda"):
        assert 'href="/events/test-event/register"' in text(client.get(url))
    assert 'href="/me/agenda"' not in text(client.get("/events/test-event/"))

    auth.login("participant@example.org")

    assert 'href="/me/agenda"' in text(client.get("/events/test-event/"))
