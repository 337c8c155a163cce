"""Seats through the API: taking one or a place in line, clashes and switching, giving one up
(the first in line is promoted and mailed), and seats left in the sub-forum API."""

from __future__ import annotations

from datetime import timedelta

from lmevents.agenda.models import SessionKind
from lmevents.agenda.services import cancel_session
from tests import factories
from tests.factories import at
from tests.probes import PROBLEM
from tests.registration.api.conftest import EVENT, clear_outbox, outbox, seats_table

SEAT_FIELDS = {"id", "kind", "subforum_id", "session_id", "title", "state", "waiting_position",
               "replaces_seat_id"}


def seated(person, register, take_seat, roundtable, *names, kind="subforums", target=None):
    """Registers each person and asks for a seat in `target` (sub-forum A by default)."""
    target = target or roundtable.subforum_a.id
    headers = {}
    for name in names:
        headers[name] = person(name)
        register(headers[name])
        take_seat(headers[name], kind, target)
    return headers


def test_taking_a_seat_answers_201_then_200_with_the_same_seat(
    client, dbs, roundtable, participant_headers, register
):
    register(participant_headers)
    url = f"{EVENT}/subforums/{roundtable.subforum_a.id}/seats"

    first = client.post(url, headers=participant_headers)
    again = client.post(url, json={}, headers=participant_headers)

    assert first.status_code == 201
    seat = first.get_json()
    assert set(seat) == SEAT_FIELDS
    assert (seat["kind"], seat["subforum_id"], seat["session_id"], seat["state"],
            seat["waiting_position"]) == ("subforum", roundtable.subforum_a.id, None, "held", None)
    assert seat["title"] == {"zh": None, "en": "Sub-forum A"}
    assert again.status_code == 200
    assert again.get_json() == seat
    assert seats_table(dbs) == [("participant@example.org", roundtable.subforum_a.id, None,
                                 "held")]
    mine = client.get(f"{EVENT}/registrations/me", headers=participant_headers).get_json()
    assert mine["seats"] == [seat]


def test_a_full_subforum_gives_places_in_its_waiting_line(
    roundtable, person, register, take_seat
):
    seated(person, register, take_seat, roundtable, "ada", "bao")
    chen, dara = person("chen"), person("dara")
    register(chen)
    register(dara)

    first = take_seat(chen, "subforums", roundtable.subforum_a.id, expected=(201,))
    second = take_seat(dara, "subforums", roundtable.subforum_a.id, expected=(201,))

    assert (first["state"], first["waiting_position"]) == ("waiting", 1)
    assert (second["state"], second["waiting_position"]) == ("waiting", 2)


def test_an_overlapping_subforum_is_a_409_naming_the_clashing_session(
    client, dbs, roundtable, participant_headers, register, take_seat
):
    register(participant_headers)
    take_seat(participant_headers, "subforums", roundtable.subforum_a.id)

    response = client.post(f"{EVENT}/subforums/{roundtable.subforum_b.id}/seats",
                           headers=participant_headers)

    assert response.status_code == 409
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert problem["session_id"] == roundtable.session_a.id
    assert "Forum A talk" in problem["errors"]["seat"]
    assert seats_table(dbs) == [("participant@example.org", roundtable.subforum_a.id, None,
                                 "held")]


def test_switching_gives_up_the_clashing_seat_in_the_same_step(
    client, dbs, roundtable, participant_headers, register, take_seat, person
):
    register(participant_headers)
    take_seat(participant_headers, "subforums", roundtable.subforum_a.id)
    seated(person, register, take_seat, roundtable, "ada", "bao", "chen")
    clear_outbox(dbs)

    response = client.post(f"{EVENT}/subforums/{roundtable.subforum_b.id}/seats",
                           json={"switch": True}, headers=participant_headers)

    assert response.status_code == 201
    assert response.get_json()["state"] == "held"
    a, b = roundtable.subforum_a.id, roundtable.subforum_b.id
    assert seats_table(dbs) == [
        ("ada@example.org", a, None, "held"), ("bao@example.org", a, None, "held"),
        ("chen@example.org", a, None, "waiting"), ("participant@example.org", b, None, "held"),
    ]
    # bao was first in line for the seat given up in A.
    assert [m.to_address for m in outbox(dbs)] == ["bao@example.org"]


def test_switching_into_a_full_subforum_keeps_the_old_seat_until_promoted(
    client, dbs, roundtable, participant_headers, register, take_seat, person
):
    register(participant_headers)
    mine = take_seat(participant_headers, "subforums", roundtable.subforum_a.id)
    holders = seated(person, register, take_seat, roundtable, "ada", "bao",
                     target=roundtable.subforum_b.id)

    response = client.post(f"{EVENT}/subforums/{roundtable.subforum_b.id}/seats",
                           json={"switch": True}, headers=participant_headers)

    assert response.status_code == 201
    switch = response.get_json()
    assert (switch["state"], switch["waiting_position"], switch["replaces_seat_id"]) == (
        "waiting", 1, mine["id"])
    clear_outbox(dbs)

    client.delete(f"{EVENT}/subforums/{roundtable.subforum_b.id}/seats/me",
                  headers=holders["ada"])

    a, b = roundtable.subforum_a.id, roundtable.subforum_b.id
    assert seats_table(dbs) == [("bao@example.org", b, None, "held"),
                                ("participant@example.org", b, None, "held")]
    (mail,) = outbox(dbs)
    assert mail.to_address == "participant@example.org"
    assert "your seat in sub-forum A" in mail.body_text
    seats = client.get(f"{EVENT}/registrations/me", headers=participant_headers).get_json()
    assert [(s["subforum_id"], s["state"]) for s in seats["seats"]] == [(b, "held")]
    assert a not in [s["subforum_id"] for s in seats["seats"]]


def test_a_pending_registration_gets_no_seat_yet(
    client, dbs, roundtable, participant_headers, register
):
    roundtable.event.registration_mode = "approval"
    dbs.commit()
    register(participant_headers)

    response = client.post(f"{EVENT}/subforums/{roundtable.subforum_a.id}/seats",
                           headers=participant_headers)

    assert response.status_code == 409
    assert "awaits an organizer's approval" in response.get_json()["errors"]["registration"]
    assert seats_table(dbs) == []


def test_without_a_registration_a_seat_is_a_404_saying_register_first(
    client, dbs, roundtable, participant_headers, register
):
    for path in (f"/subforums/{roundtable.subforum_a.id}/seats",
                 f"/sessions/{roundtable.exchange.id}/seats"):
        response = client.post(EVENT + path, headers=participant_headers)

        assert response.status_code == 404
        assert response.mimetype == PROBLEM
        assert response.get_json()["detail"].startswith("Register first")
    assert seats_table(dbs) == []


def test_after_cancelling_a_seat_needs_registering_again(
    client, dbs, roundtable, participant_headers, register
):
    register(participant_headers)
    client.delete(f"{EVENT}/registrations/me", headers=participant_headers)

    response = client.post(f"{EVENT}/subforums/{roundtable.subforum_a.id}/seats",
                           headers=participant_headers)

    assert response.status_code == 404
    assert response.get_json()["detail"].startswith("Register first")


def test_a_rejected_registration_gets_no_seat(
    client, dbs, roundtable, participant_headers, organizer_headers, register
):
    registration = register(participant_headers)
    client.post(f"{EVENT}/registrations/{registration['id']}/reject", headers=organizer_headers)

    response = client.post(f"{EVENT}/subforums/{roundtable.subforum_a.id}/seats",
                           headers=participant_headers)

    assert response.status_code == 409
    assert response.get_json()["errors"] == {
        "registration": "You have no confirmed registration for this event."}


def test_giving_up_a_seat_promotes_the_first_in_line_who_is_mailed(
    client, dbs, roundtable, person, register, take_seat
):
    people = seated(person, register, take_seat, roundtable, "ada", "bao", "chen", "dara")
    clear_outbox(dbs)

    response = client.delete(f"{EVENT}/subforums/{roundtable.subforum_a.id}/seats/me",
                             headers=people["ada"])

    assert response.status_code == 204
    a = roundtable.subforum_a.id
    assert seats_table(dbs) == [("bao@example.org", a, None, "held"),
                                ("chen@example.org", a, None, "held"),
                                ("dara@example.org", a, None, "waiting")]
    (mail,) = outbox(dbs)
    assert mail.to_address == "chen@example.org"
    assert mail.subject == "You have a seat: sub-forum A, “Sub-forum A”"
    assert "http://lmevents.test/me/agenda" in mail.body_text
    dara = client.get(f"{EVENT}/registrations/me", headers=people["dara"]).get_json()
    assert [(s["state"], s["waiting_position"]) for s in dara["seats"]] == [("waiting", 1)]


def test_leaving_the_waiting_line_moves_the_others_up(
    client, dbs, roundtable, person, register, take_seat
):
    people = seated(person, register, take_seat, roundtable, "ada", "bao", "chen", "dara")
    clear_outbox(dbs)

    response = client.delete(f"{EVENT}/subforums/{roundtable.subforum_a.id}/seats/me",
                             headers=people["chen"])

    assert response.status_code == 204
    dara = client.get(f"{EVENT}/registrations/me", headers=people["dara"]).get_json()
    assert [(s["state"], s["waiting_position"]) for s in dara["seats"]] == [("waiting", 1)]
    assert outbox(dbs) == []


def test_giving_up_a_seat_one_does_not_have_is_a_404(
    client, dbs, roundtable, participant_headers, register, take_seat
):
    register(participant_headers)
    take_seat(participant_headers, "subforums", roundtable.subforum_a.id)

    for path in (f"/subforums/{roundtable.subforum_b.id}/seats/me",
                 f"/sessions/{roundtable.exchange.id}/seats/me"):
        response = client.delete(EVENT + path, headers=participant_headers)

        assert response.status_code == 404, path
        assert response.mimetype == PROBLEM
    assert len(seats_table(dbs)) == 1


def test_a_session_with_limited_room_has_seats_and_a_waiting_line(
    client, dbs, roundtable, person, register, take_seat
):
    exchange = roundtable.exchange.id
    ada, bao = person("ada"), person("bao")
    register(ada)
    register(bao)

    held = take_seat(ada, "sessions", exchange, expected=(201,))
    waiting = take_seat(bao, "sessions", exchange, expected=(201,))
    assert take_seat(ada, "sessions", exchange, expected=(200,)) == held

    assert (held["kind"], held["session_id"], held["subforum_id"], held["state"]) == (
        "session", exchange, None, "held")
    assert held["title"] == {"zh": None, "en": "Technical exchange"}
    assert (waiting["state"], waiting["waiting_position"]) == ("waiting", 1)
    clear_outbox(dbs)

    response = client.delete(f"{EVENT}/sessions/{exchange}/seats/me", headers=ada)

    assert response.status_code == 204
    assert seats_table(dbs) == [("bao@example.org", None, exchange, "held")]
    assert [m.to_address for m in outbox(dbs)] == ["bao@example.org"]


def test_a_cancelled_session_takes_no_new_seats(
    client, dbs, roundtable, participant_headers, register
):
    register(participant_headers)
    cancel_session(dbs, roundtable.exchange)
    dbs.commit()

    response = client.post(f"{EVENT}/sessions/{roundtable.exchange.id}/seats",
                           headers=participant_headers)

    assert response.status_code == 409
    assert response.get_json()["errors"] == {"session_id": "This session is cancelled."}


def test_subforums_api_counts_seats_left_and_the_waiting_line(
    client, dbs, roundtable, person, register, take_seat
):
    unlimited = factories.make_subforum(dbs, roundtable.event, "C")
    seated(person, register, take_seat, roundtable, "ada", "bao", "chen")
    seated(person, register, take_seat, roundtable, "dara", target=unlimited.id)

    body = client.get(f"{EVENT}/subforums").get_json()

    assert {f["code"]: (f["capacity"], f["seats_left"], f["waiting"]) for f in body} == {
        "A": (2, 0, 1), "B": (2, 2, 0), "C": (None, None, 0)}
    one = client.get(f"{EVENT}/subforums/{roundtable.subforum_a.id}").get_json()
    assert (one["seats_left"], one["waiting"]) == (0, 1)


def test_seats_left_follow_a_change_of_capacity(
    client, dbs, roundtable, person, register, take_seat, organizer_headers
):
    seated(person, register, take_seat, roundtable, "ada", "bao", "chen")

    response = client.patch(f"{EVENT}/subforums/{roundtable.subforum_a.id}",
                            json={"capacity": 5}, headers=organizer_headers)

    assert response.status_code == 200
    assert (response.get_json()["seats_left"], response.get_json()["waiting"]) == (2, 0)


def test_subforums_with_seats_cost_the_same_queries_for_3_and_30(
    client, dbs, count_queries, person, register
):
    counts = {}
    for size, slug in ((3, "small"), (30, "large")):
        event = factories.make_event(dbs, slug=slug)
        for i in range(size):
            start = at(8) + timedelta(minutes=20 * i)
            forum = factories.make_subforum(dbs, event, f"F{i}", capacity=1)
            factories.make_session(dbs, event, start, start + timedelta(minutes=20),
                                   kind=SessionKind.SUBFORUM, subforum_id=forum.id)
            for who in (f"{slug}{i}a", f"{slug}{i}b"):
                headers = person(who)
                register(headers, slug=slug)
                response = client.post(f"/api/v1/events/{slug}/subforums/{forum.id}/seats",
                                       headers=headers)
                assert response.status_code == 201
        dbs.remove()
        with count_queries() as counter:
            response = client.get(f"/api/v1/events/{slug}/subforums")
        assert response.status_code == 200
        assert all((f["seats_left"], f["waiting"]) == (0, 1) for f in response.get_json())
        counts[size] = counter.count

    assert counts[3] == counts[30], counts
