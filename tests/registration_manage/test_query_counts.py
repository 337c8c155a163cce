"""The registrations page, the roster and the CSV cost the same number of queries for 3
registrations as for 30."""

from __future__ import annotations

import pytest

from lmevents.registration.seats import take_seat
from tests.registration_manage.conftest import confirmed, pending

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
    assert few <= 15
