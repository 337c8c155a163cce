"""Conditional requests on the API: ETags on every resource, 304 for a client that has the
answer, 412 for an edit made on a stale copy; without the headers nothing changes."""

from __future__ import annotations

from lmevents.agenda.models import Session
from tests import factories
from tests.factories import at
from tests.probes import fresh

EVENT = "/api/v1/events/test-event"


def test_every_resource_answer_carries_an_etag_and_a_client_that_has_it_gets_304(
    client, event
):
    first = client.get(EVENT)
    etag = first.headers["ETag"]

    again = client.get(EVENT, headers={"If-None-Match": etag})

    assert first.status_code == 200 and etag.startswith('"')
    assert (again.status_code, again.get_data()) == (304, b"")
    assert client.get(EVENT + "/sessions").headers["ETag"] != etag


def test_an_edit_made_on_a_stale_copy_is_refused_and_changes_nothing(
    client, dbs, event, organizer_headers
):
    session = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote")
    url = f"{EVENT}/sessions/{session.id}"
    read = client.get(url).headers["ETag"]
    # Another organizer's script changes the session in between.
    assert client.patch(url, headers=organizer_headers,
                        json={"title_en": "Opening keynote"}).status_code == 200

    stale = client.patch(url, headers=organizer_headers | {"If-Match": read},
                         json={"title_en": "Keynote address"})

    assert stale.status_code == 412
    assert stale.mimetype == "application/problem+json"
    assert "If-Match" in stale.get_json()["errors"]
    assert fresh(dbs, Session, session.id).title_en == "Opening keynote"


def test_an_edit_made_on_the_current_copy_goes_through_and_gets_the_new_etag(
    client, dbs, event, organizer_headers
):
    session = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote")
    url = f"{EVENT}/sessions/{session.id}"
    current = client.get(url).headers["ETag"]

    edited = client.patch(url, headers=organizer_headers | {"If-Match": current},
                          json={"title_en": "Opening keynote"})
    deleted_stale = client.delete(url, headers=organizer_headers | {"If-Match": current})

    assert edited.status_code == 200
    assert fresh(dbs, Session, session.id).title_en == "Opening keynote"
    assert deleted_stale.status_code == 412
    assert client.get(url).headers["ETag"] != current


def test_without_if_match_edits_work_as_before(client, dbs, event, organizer_headers):
    session = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote")

    response = client.patch(f"{EVENT}/sessions/{session.id}", headers=organizer_headers,
                            json={"title_en": "Opening keynote"})

    assert response.status_code == 200


def test_if_match_does_not_open_a_write_to_those_who_may_not_make_it(client, dbs, event):
    session = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote")
    url = f"{EVENT}/sessions/{session.id}"

    response = client.patch(url, headers={"If-Match": '"stale"'}, json={"title_en": "X"})

    assert response.status_code == 401
    assert fresh(dbs, Session, session.id).title_en == "Keynote"
