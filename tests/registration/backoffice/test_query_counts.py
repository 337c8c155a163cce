"""The registrations page, the roster and the CSV cost the same number of queries for 3
registrations as for 30."""

from __future__ import annotations

import pytest

from lmevents.registration.backoffice import PER_PAGE
from lmevents.registration.seats import take_seat
from tests import factories
from tests.registration.backoffice.conftest import confirmed, pending

PAGES = [
    "/manage/events/test-event/registrations",
    "/manage/events/test-event/registrations?status=confirmed",
    "/manage/events/test-event/registrations?subforum={a}",
    "/manage/events/test-event/registrations.csv",
    "/manage/events/test-event/subforums/{a}/registrations",
]


def _fill(dbs, roundtable, first: int, how_many: int) -> None:
    """Registrations of every kind: seated, waiting (for a sub-forum and for the exchange),
    pending with a preferred sub-forum, with answers to every question."""
    q = roundtable.questions
    answers = {q["diet"].id: "素食", q["role"].id: 1, q["photo"].id: True}
    for n in range(first, first + how_many):
        subforum = (roundtable.subforum_a, roundtable.subforum_b)[n % 2]
        if n % 3 == 0:
            pending(dbs, roundtable, n, subforum_id=subforum.id, answers=answers)
        else:
            registration = confirmed(dbs, roundtable, n, subforum_id=subforum.id,
                                     answers=answers)
            take_seat(dbs, registration, roundtable.exchange)
            dbs.commit()


def _queries(client, dbs, count_queries, url: str) -> int:
    # Tests share one database session across requests: start each from an empty one, as
    # a request in production does.
    dbs.expire_all()
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


@pytest.mark.parametrize("page", PAGES)
def test_page_costs_a_constant_number_of_queries(client, signed_in, dbs, roundtable,
                                                 count_queries, page):
    url = page.format(a=roundtable.subforum_a.id)
    _fill(dbs, roundtable, 1, 3)
    few = _queries(client, dbs, count_queries, url)

    _fill(dbs, roundtable, 4, 27)
    many = _queries(client, dbs, count_queries, url)

    assert many == few
    assert few <= 17  # 2 of them: the access check reads the event and its team


def test_long_lists_are_paged_and_each_page_costs_the_same(client, dbs, signed_in, count_queries):
    event = factories.make_event(dbs, slug="big")
    for i in range(PER_PAGE + 5):
        factories.make_registration(dbs, event, factories.make_user(dbs, f"r{i}@example.org"),
                                    name=f"Registrant {i:03d}")
    first = client.get("/manage/events/big/registrations")
    page = first.get_data(as_text=True)
    assert "Registrant 000" in page and f"Registrant {PER_PAGE:03d}" not in page
    assert "Page 1 of 2" in page and f"of {PER_PAGE + 5}" in page
    second = client.get("/manage/events/big/registrations?page=2").get_data(as_text=True)
    assert f"Registrant {PER_PAGE:03d}" in second and "Registrant 000" not in second
    # Out-of-range pages show the nearest one rather than failing.
    assert "Page 2 of 2" in client.get("/manage/events/big/registrations?page=99").get_data(
        as_text=True)
    with count_queries() as one:
        client.get("/manage/events/big/registrations?page=1")
    with count_queries() as two:
        client.get("/manage/events/big/registrations?page=2")
    assert one.count == two.count
    # The CSV still holds everyone.
    csv = client.get("/manage/events/big/registrations.csv").get_data(as_text=True)
    assert csv.count("Registrant ") == PER_PAGE + 5
