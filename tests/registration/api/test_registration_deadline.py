"""Through the API too, registration and seat changes stop at the deadline, while those
registered keep their registration and may give seats up."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.probes import PROBLEM
from tests.registration.api.conftest import CONSENT, EVENT, registrations_table, seats_table

CLOSED = "Registration closed on 2020-11-20 at 18:00 (Asia/Shanghai)."


@pytest.fixture
def deadline(dbs, roundtable):
    """Registration closes on 2020-11-20 at 18:00 in Shanghai."""
    roundtable.event.registration_closes_at = datetime(2020, 11, 20, 10, tzinfo=UTC)
    dbs.commit()


def test_registering_after_the_deadline_is_a_409_naming_it(
        client, dbs, roundtable, deadline, participant_headers, registration_clock):
    registration_clock.moment = datetime(2020, 11, 20, 10, tzinfo=UTC)

    response = client.post(f"{EVENT}/registrations", json=CONSENT,
                           headers=participant_headers)

    assert response.status_code == 409
    assert response.mimetype == PROBLEM
    assert response.get_json()["errors"] == {"event": CLOSED}
    assert registrations_table(dbs) == []


def test_after_the_deadline_seats_are_given_up_but_not_taken(
        client, dbs, roundtable, deadline, person, register, take_seat, registration_clock):
    ada = person("ada")
    register(ada, subforum_id=roundtable.subforum_a.id)
    registration_clock.moment = datetime(2020, 11, 21, tzinfo=UTC)

    again = client.post(f"{EVENT}/registrations", json=CONSENT, headers=ada)
    switch = take_seat(ada, "subforums", roundtable.subforum_b.id, expected=(409,),
                       switch=True)
    given_up = client.delete(f"{EVENT}/subforums/{roundtable.subforum_a.id}/seats/me",
                             headers=ada)

    assert again.status_code == 200 and again.get_json()["status"] == "confirmed"
    assert switch["errors"] == {"seat": "Registration closed on 2020-11-20 at 18:00 "
                                        "(Asia/Shanghai): seats can no longer be taken or "
                                        "changed, but you can still give yours up."}
    assert given_up.status_code == 204
    assert seats_table(dbs) == []
