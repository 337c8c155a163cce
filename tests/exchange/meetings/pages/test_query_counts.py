"""/me/meetings and the Meetings section of /me/agenda cost the same queries however many
meetings there are."""

from __future__ import annotations

import pytest

from lmevents.exchange.models import Need
from tests import factories
from tests.exchange.meetings.conftest import accepted, ask


def more_meetings(dbs, exchange, start: int, count: int) -> None:
    """`count` more people each ask Lin (every other one accepted), and each posts a need
    Lin asks about."""
    for i in range(start, start + count):
        user = factories.make_user(dbs, f"asker{i}@example.org")
        factories.make_registration(dbs, exchange.event, user)
        meeting = ask(dbs, exchange, user, times=((9, 0, 9, 30),), days=i % 7 + 1)
        if i % 2:
            accepted(dbs, meeting)
        need = Need(topic_id=exchange.topic.id, author_id=user.id, country="MM",
                    sector=f"Sector {i}", description="…")
        dbs.add(need)
        dbs.commit()
        ask(dbs, exchange, exchange.lin, need=need, times=((10, 0, 10, 30),), days=i % 7 + 1)


@pytest.mark.parametrize("url", ["/me/meetings", "/me/agenda"])
def test_pages_cost_the_same_queries_for_any_number_of_meetings(client, auth, dbs, exchange,
                                                                count_queries, url):
    assert auth.login("lin@example.org").status_code == 302

    def queries() -> int:
        dbs.expire_all()
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    queries()  # the first visit of /me/agenda makes the calendar feed's secret
    more_meetings(dbs, exchange, 0, 2)
    few = queries()
    more_meetings(dbs, exchange, 2, 6)
    assert queries() == few


def test_my_meetings_api_costs_the_same_queries_for_any_number(client, dbs, exchange,
                                                               count_queries):
    def queries() -> int:
        dbs.expire_all()
        with count_queries() as counter:
            response = client.get("/api/v1/me/meetings", headers=exchange.tokens["lin"])
            assert response.status_code == 200
        return counter.count

    queries()  # the token's use is recorded once a minute: the first call writes it
    more_meetings(dbs, exchange, 0, 2)
    few = queries()
    more_meetings(dbs, exchange, 2, 6)
    assert queries() == few
