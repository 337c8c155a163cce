"""Lists come a page at a time: `Link` leads to the other pages (RFC 8288), `X-Total-Count`
counts every item, and walking the pages gives each item once."""

from __future__ import annotations

import re

from tests import factories


def _links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"',
                                                response.headers["Link"])}


def test_walking_the_pages_of_the_events_gives_each_event_once(client, dbs):
    for n in range(5):
        factories.make_event(dbs, f"event-{n}")

    first = client.get("/api/v1/events?page_size=2")
    links = _links(first)
    seen = [e["slug"] for e in first.get_json()]
    url = links.get("next")
    while url:
        page = client.get(url)
        seen += [e["slug"] for e in page.get_json()]
        url = _links(page).get("next")

    assert first.headers["X-Total-Count"] == "5"
    assert links == {"first": "/api/v1/events?page=1&page_size=2",
                     "last": "/api/v1/events?page=3&page_size=2",
                     "next": "/api/v1/events?page=2&page_size=2"}
    assert sorted(seen) == [f"event-{n}" for n in range(5)]
    assert "prev" in _links(client.get(links["last"]))


def test_the_registrations_list_keeps_its_filters_in_the_links(client, dbs, event,
                                                               organizer_headers):
    for n in range(3):
        factories.make_registration(dbs, event, factories.make_user(dbs, f"p{n}@example.org"))

    response = client.get("/api/v1/events/test-event/registrations?status=confirmed"
                          "&page_size=1&page=2", headers=organizer_headers)

    links = _links(response)
    assert response.headers["X-Total-Count"] == "3"
    assert links["prev"] == ("/api/v1/events/test-event/registrations?status=confirmed"
                             "&page=1&page_size=1")
    assert links["next"].endswith("page=3&page_size=1")


def test_an_empty_list_still_says_so(client, dbs, organizer_headers):
    response = client.get("/api/v1/speakers", headers=organizer_headers)

    assert response.get_json() == [] and response.headers["X-Total-Count"] == "0"
    assert _links(response) == {"first": "/api/v1/speakers?page=1&page_size=100",
                                "last": "/api/v1/speakers?page=1&page_size=100"}


def test_the_document_says_how_lists_are_paged(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]

    for path in ("/api/v1/events", "/api/v1/speakers", "/api/v1/events/{slug}/registrations",
                 "/api/v1/events/{slug}/audit"):
        headers = paths[path]["get"]["responses"]["200"]["headers"]
        assert {"Link", "X-Total-Count", "X-Pagination"} <= set(headers), path
        # A header's value is text (this one JSON text), never an object.
        assert headers["X-Pagination"]["schema"] == {"type": "string"}, path
