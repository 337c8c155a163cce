"""The organizers' matchmaking overview: which needs got meetings, which enterprises were
asked and how many meetings each got, the totals by status; in a fixed number of queries."""

from __future__ import annotations

from flask import render_template

from lmevents.exchange.meetings.matchmaking import matchmaking_overview
from lmevents.exchange.meetings.services import cancel, decline
from lmevents.exchange.models import MeetingStatus, Need, Presentation
from tests import factories
from tests.exchange.meetings.conftest import EVENT, accepted, ask


def test_the_overview_counts_requests_and_accepted_meetings(dbs, exchange):
    accepted(dbs, ask(dbs, exchange, need=exchange.need))  # Mai meets Somchai on the need
    ask(dbs, exchange)  # Mai asks Lin, waits
    decline(dbs, ask(dbs, exchange, exchange.somchai, times=((16, 0, 16, 30),)), exchange.lin)
    cancel(dbs, accepted(dbs, ask(dbs, exchange, exchange.lin, need=exchange.need,
                                  times=((9, 0, 9, 30),), days=1)), exchange.lin)
    unasked = Need(topic_id=exchange.topic.id, author_id=exchange.mai.id, country="LA",
                   sector="Waste", description="Landfill gas")
    dbs.add(unasked)
    dbs.commit()

    overview = matchmaking_overview(dbs, exchange.event)

    assert overview.totals.by_status == {MeetingStatus.PROPOSED: 1, MeetingStatus.ACCEPTED: 1,
                                         MeetingStatus.DECLINED: 1, MeetingStatus.CANCELLED: 1}
    assert overview.totals.requested == 4
    needs = {line.need.id: (line.counts.requested, line.counts.accepted)
             for line in overview.needs}
    assert needs == {exchange.need.id: (2, 1), unasked.id: (0, 0)}
    (company,) = overview.presentations
    # Mai's request waits; Somchai's was declined.
    assert (company.counts.requested, company.counts.accepted, company.counts.waiting) == (
        2, 0, 1)
    assert (overview.needs_met, overview.companies_asked) == (1, 1)


def test_the_overview_is_rendered_for_organizers(app, dbs, exchange):
    accepted(dbs, ask(dbs, exchange, need=exchange.need))
    overview = matchmaking_overview(dbs, exchange.event)

    with app.test_request_context("/"):
        html = render_template("exchange/_matchmaking.html", overview=overview)

    row = html.split(f'id="matchmaking-need-{exchange.need.id}"')[1].split("</tr>")[0]
    assert "Textiles" in row and "Somchai P." in row
    assert '<td class="requested">1</td>' in row and '<td class="accepted">1</td>' in row
    company = html.split(f'id="matchmaking-presentation-{exchange.presentation.id}"')[1]
    assert "Clearwater Ltd" in company.split("</tr>")[0]
    assert "1 of 1 needs have an accepted meeting" in html


def test_the_overview_in_the_api(client, dbs, exchange, organizer, api_token):
    accepted(dbs, ask(dbs, exchange, need=exchange.need))
    ask(dbs, exchange)

    response = client.get(f"{EVENT}/exchange/matchmaking", headers=api_token())

    assert response.status_code == 200
    body = response.get_json()
    assert body["totals"] == {"requested": 2, "proposed": 1, "accepted": 1, "declined": 0,
                              "cancelled": 0}
    assert body["needs"] == [{
        "need_id": exchange.need.id, "topic_id": exchange.topic.id,
        "topic": {"zh": "水污染治理", "en": "Water-pollution treatment"}, "country": "TH",
        "sector": "Textiles", "hidden": False,
        "meetings": {"requested": 1, "proposed": 0, "accepted": 1, "declined": 0,
                     "cancelled": 0}}]
    (company,) = body["presentations"]
    assert company["enterprise"] == {"zh": "清水公司", "en": "Clearwater Ltd"}
    assert company["has_contact"] is True and company["meetings"]["proposed"] == 1
    assert (body["needs_met"], body["companies_asked"]) == (1, 1)
    assert "lin@example.org" not in response.get_data(as_text=True)


def grow(dbs, exchange, start: int, size: int) -> None:
    """`size` more needs and presentations, each asked for a meeting."""
    for i in range(start, start + size):
        author = factories.make_user(dbs, f"author{i}@example.org")
        contact = factories.make_user(dbs, f"contact{i}@example.org")
        for user in (author, contact):
            factories.make_registration(dbs, exchange.event, user)
        need = Need(topic_id=exchange.topic.id, author_id=author.id, country="KH",
                    sector=f"Sector {i}", description="…")
        presentation = Presentation(topic_id=exchange.topic.id, enterprise_en=f"Firm {i}",
                                    contact_user_id=contact.id)
        dbs.add_all([need, presentation])
        dbs.commit()
        ask(dbs, exchange, need=need, times=((15, i, 15, 30 + i),))
        ask(dbs, exchange, presentation=presentation, times=((16, i, 16, 30 + i),))
    dbs.commit()


def test_the_overview_costs_the_same_queries_for_any_size(client, dbs, exchange, organizer,
                                                          api_token, count_queries):
    headers = api_token()
    url = f"{EVENT}/exchange/matchmaking"

    def queries() -> int:
        dbs.expire_all()
        with count_queries() as counter:
            assert client.get(url, headers=headers).status_code == 200
        return counter.count

    grow(dbs, exchange, 0, 1)
    few = queries()
    grow(dbs, exchange, 1, 6)
    assert queries() == few
