"""The exchange's back office: organizers add, edit, reorder and delete topics and
presentations and hide needs; everyone else is kept out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.exchange.models import ExchangeTopic, Need, Presentation
from tests.probes import count, form_fields, fresh, text

M = "/manage/events/test-event/exchange"


def routes(exchange, needs) -> list[tuple[str, str]]:
    topic, presentation = exchange.topic.id, exchange.presentation.id
    need = needs["public"].id
    return [
        ("GET", M), ("POST", M),
        ("GET", f"{M}/topics/{topic}/edit"), ("POST", f"{M}/topics/{topic}/edit"),
        ("POST", f"{M}/topics/{topic}/delete"), ("POST", f"{M}/topics/{topic}/move"),
        ("GET", f"{M}/topics/{topic}/presentations/new"),
        ("POST", f"{M}/topics/{topic}/presentations/new"),
        ("GET", f"{M}/presentations/{presentation}/edit"),
        ("POST", f"{M}/presentations/{presentation}/edit"),
        ("POST", f"{M}/presentations/{presentation}/delete"),
        ("POST", f"{M}/presentations/{presentation}/move"),
        ("POST", f"{M}/needs/{need}/hide"), ("POST", f"{M}/needs/{need}/restore"),
    ]


def snapshot(dbs):
    dbs.expire_all()
    return (dbs.execute(select(ExchangeTopic.id, ExchangeTopic.title_en,
                               ExchangeTopic.position)).all(),
            dbs.execute(select(Presentation.id, Presentation.title_en,
                               Presentation.position)).all(),
            dbs.execute(select(Need.id, Need.hidden_at)).all())


def test_anonymous_visitors_are_sent_to_sign_in(client, dbs, exchange, needs):
    before = snapshot(dbs)
    for method, url in routes(exchange, needs):
        response = client.open(url, method=method)
        assert response.status_code == 302, (method, url)
        assert "/auth/login" in response.headers["Location"], (method, url)
    assert snapshot(dbs) == before


@pytest.mark.parametrize("who", ["participant", "outsider"])
def test_non_organizers_are_refused(client, dbs, login, exchange, needs, who):
    login(who)
    before = snapshot(dbs)
    for method, url in routes(exchange, needs):
        assert client.open(url, method=method).status_code == 403, (method, url)
    assert snapshot(dbs) == before


def test_other_events_items_are_not_found(client, dbs, login, exchange, needs):
    from tests import factories

    factories.make_event(dbs, "third-event")
    login("organizer")
    for method, url in routes(exchange, needs)[2:]:
        url = url.replace("test-event", "third-event")
        assert client.open(url, method=method).status_code == 404, (method, url)


def test_the_back_office_lists_everything_with_the_needs_authors(client, login, exchange,
                                                                  needs):
    login("organizer")
    page = text(client.get(M + "?lang=en"))

    assert page.index("Waste-to-energy") < page.index("Water-pollution treatment")
    assert "Green Energy Co." in page and "Plants that burn city waste cleanly" in page
    assert "Private sector need" in page  # participants-only needs too
    assert "participant@example.org" in page  # who posted, for moderation
    assert "14:00–16:00 China Standard Time (UTC+08:00)" in page
    assert 'href="/manage/events/test-event/exchange"' in text(
        client.get("/manage/events/test-event/subforums"))


def test_organizer_adds_a_topic(client, dbs, login, exchange):
    login("organizer")
    page = text(client.get(M))
    sent = form_fields(page).to_dict()
    sent.update({"title_zh": "深圳绿色园区", "title_en": "Green parks",
                 "description_en": "Shenzhen."})

    response = client.post(M, data=sent)

    topic = dbs.scalar(select(ExchangeTopic).where(ExchangeTopic.title_en == "Green parks"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#topic-{topic.id}")
    assert (topic.session_id, topic.title_zh, topic.position) == (exchange.session.id,
                                                                  "深圳绿色园区", 2)


@pytest.mark.parametrize("change, message", [
    ({"title_en": "", "title_zh": ""}, "A title is required, in Chinese or English"),
    ({"title_en": "x" * 301}, "Field cannot be longer than 300 characters."),
    ({"position": "-1"}, "Number must be between 0 and 10000."),
    ({"session_id": "999999"}, "Not a valid choice."),
])
def test_bad_topics_are_refused_on_the_form(client, dbs, login, exchange, change, message):
    login("organizer")
    before = count(dbs, ExchangeTopic)

    response = client.post(M, data={"session_id": exchange.session.id, "title_en": "T",
                                    **change})

    assert response.status_code == 422
    assert message in text(response)
    assert count(dbs, ExchangeTopic) == before


def test_the_keynote_is_not_offered_for_topics(client, login, exchange):
    login("organizer")
    response = client.post(M, data={"session_id": exchange.keynote.id, "title_en": "T"})

    assert response.status_code == 422
    assert "Not a valid choice." in text(response)


def test_organizer_edits_a_topic(client, dbs, login, exchange):
    login("organizer")
    url = f"{M}/topics/{exchange.topic.id}/edit"
    sent = form_fields(text(client.get(url))).to_dict()
    assert sent["title_en"] == "Waste-to-energy"
    sent.update({"title_en": "Waste to energy", "position": "9"})

    response = client.post(url, data=sent)

    assert response.status_code == 302
    topic = fresh(dbs, ExchangeTopic, exchange.topic.id)
    assert (topic.title_en, topic.title_zh, topic.position) == ("Waste to energy", "垃圾发电", 9)


def test_organizer_reorders_and_deletes_topics(client, dbs, login, exchange, needs):
    login("organizer")

    assert client.post(f"{M}/topics/{exchange.second.id}/move",
                       data={"direction": "up"}).status_code == 302
    dbs.expire_all()
    assert [t.title_en for t in dbs.scalars(select(ExchangeTopic).order_by(
        ExchangeTopic.position))] == ["Water-pollution treatment", "Waste-to-energy"]

    assert client.post(f"{M}/topics/{exchange.topic.id}/delete").status_code == 302
    assert count(dbs, ExchangeTopic) == 1
    assert count(dbs, Presentation) == 0
    assert [n.sector for n in dbs.scalars(select(Need))] == ["Quiet need"]


def presentation_form(exchange, **change) -> dict:
    return {"topic_id": exchange.topic.id, "enterprise_en": "Clean Water Co.",
            "title_en": "Membrane bioreactors", "presenter_id": "", "country": "VN",
            "contact_email": "", **change}


def test_organizer_adds_a_presentation_with_its_contact(client, dbs, login, exchange):
    login("organizer")
    url = f"{M}/topics/{exchange.topic.id}/presentations/new"
    sent = form_fields(text(client.get(url))).to_dict()
    assert sent["topic_id"] == str(exchange.topic.id)
    sent.update({"enterprise_en": "Clean Water Co.", "enterprise_zh": "清水公司",
                 "title_en": "Membrane bioreactors", "summary_en": "Small plants.",
                 "presenter_id": str(exchange.presenter.id), "country": "VN",
                 "contact_email": " Contact@Enterprise.example.com "})

    response = client.post(url, data=sent)

    assert response.status_code == 302
    added = dbs.scalar(select(Presentation).where(Presentation.enterprise_en == "Clean Water Co."))
    assert (added.topic_id, added.position, added.country) == (exchange.topic.id, 1, "VN")
    assert added.presenter_id == exchange.presenter.id
    assert added.contact_user_id == exchange.enterprise.id


@pytest.mark.parametrize("change, message", [
    ({"enterprise_en": ""}, "The enterprise&#39;s name is required"),
    ({"title_en": ""}, "A title is required"),
    ({"country": "ZZ"}, "Not a valid choice."),
    ({"presenter_id": "999999"}, "Not a valid choice."),
    ({"contact_email": "nobody@example.org"}, "No account has this e-mail address"),
    ({"contact_email": "outsider@example.org"}, "is not a confirmed participant of this event"),
    ({"contact_email": "pending@example.org"}, "is not a confirmed participant of this event"),
])
def test_bad_presentations_are_refused_on_the_form(client, dbs, login, exchange, change,
                                                   message):
    login("organizer")
    before = count(dbs, Presentation)

    response = client.post(f"{M}/topics/{exchange.topic.id}/presentations/new",
                           data=presentation_form(exchange, **change))

    assert response.status_code == 422
    assert message in text(response)
    assert count(dbs, Presentation) == before


def test_organizer_edits_a_presentation_and_moves_it_to_another_topic(client, dbs, login,
                                                                      exchange):
    login("organizer")
    url = f"{M}/presentations/{exchange.presentation.id}/edit"
    sent = form_fields(text(client.get(url))).to_dict()
    assert sent["contact_email"] == "contact@enterprise.example.com"
    sent.update({"topic_id": str(exchange.second.id), "title_en": "Cleaner plants",
                 "contact_email": "", "position": ""})

    response = client.post(url, data=sent)

    assert response.status_code == 302
    moved = fresh(dbs, Presentation, exchange.presentation.id)
    assert (moved.topic_id, moved.title_en, moved.position) == (exchange.second.id,
                                                                "Cleaner plants", 0)
    assert moved.contact_user_id is None and moved.presenter_id == exchange.presenter.id


def test_organizer_reorders_and_deletes_presentations(client, dbs, login, exchange):
    login("organizer")
    client.post(f"{M}/topics/{exchange.topic.id}/presentations/new",
                data=presentation_form(exchange))
    added = dbs.scalar(select(Presentation).where(Presentation.enterprise_en == "Clean Water Co."))

    client.post(f"{M}/presentations/{added.id}/move", data={"direction": "up"})
    dbs.expire_all()
    assert [p.enterprise_en for p in dbs.scalars(select(Presentation).order_by(
        Presentation.position))] == ["Clean Water Co.", "Green Energy Co."]

    assert client.post(f"{M}/presentations/{added.id}/delete").status_code == 302
    assert [p.enterprise_en for p in dbs.scalars(select(Presentation))] == ["Green Energy Co."]


def test_organizer_hides_a_need_and_shows_it_again(client, dbs, login, exchange, needs):
    login("organizer")
    need = needs["public"].id

    assert client.post(f"{M}/needs/{need}/hide").status_code == 302
    assert fresh(dbs, Need, need).hidden_at is not None
    assert "Show again" in text(client.get(M + "?lang=en"))
    client.post("/auth/logout")
    assert "Public sector need" not in text(client.get("/events/test-event/exchange"))

    login("organizer")
    assert client.post(f"{M}/needs/{need}/restore").status_code == 302
    assert fresh(dbs, Need, need).hidden_at is None


def test_back_office_of_an_event_without_exchange_points_to_the_programme(client, dbs, login):
    from tests import factories

    factories.make_event(dbs, "plain-event")
    login("organizer")

    page = text(client.get("/manage/events/plain-event/exchange?lang=en"))

    assert "This event has no exchange session" in page
    assert 'name="title_en"' not in page


@pytest.fixture
def guarded_organizer(csrf_client, exchange, organizer):
    return csrf_client(organizer.email)


def test_back_office_writes_need_the_forms_token(guarded_organizer, dbs, exchange, needs):
    before = snapshot(dbs)
    for method, url in routes(exchange, needs):
        if method == "POST":
            assert guarded_organizer.post(url, data={"direction": "up", "title_en": "X"}) \
                .status_code == 400, url
    assert snapshot(dbs) == before

    sent = form_fields(text(guarded_organizer.get(M))).to_dict()
    sent.update({"title_en": "Green parks"})
    assert guarded_organizer.post(M, data=sent).status_code == 302
    assert count(dbs, ExchangeTopic) == 3
