"""The menu keeps an event's links on pages that belong to no one event (/me/…, /manage/):
those of the event the person is headed to."""

from __future__ import annotations

from datetime import date

from tests import factories
from tests.probes import text


def _menu(page: str) -> str:
    return page[page.index('id="site-menu"'):page.index("</header>")]


def test_my_agenda_and_my_meetings_carry_the_links_of_the_event_i_attend(
    client, dbs, auth, participant
):
    past = factories.make_event(dbs, "lm-2019", start_date=date(2019, 11, 26),
                                end_date=date(2019, 11, 26))
    event = factories.make_event(dbs)
    factories.make_registration(dbs, past, participant)
    factories.make_registration(dbs, event, participant)
    auth.login("participant@example.org")

    for page in ("/me/agenda?lang=en", "/me/meetings?lang=en", "/auth/profile?lang=en"):
        menu = _menu(text(client.get(page)))
        assert '<a href="/events/test-event/agenda">Agenda</a>' in menu, page
        assert '<a href="/events/test-event/exchange">Exchange</a>' in menu, page
        assert "lm-2019" not in menu, page


def test_the_back_office_of_a_published_event_carries_its_public_links(client, dbs,
                                                                       signed_in):
    factories.make_event(dbs)
    factories.make_event(dbs, "draft", published=False)

    published = _menu(text(client.get("/manage/events/test-event/edit?lang=en")))
    draft = _menu(text(client.get("/manage/events/draft/edit?lang=en")))

    assert '<a href="/events/test-event/agenda">Agenda</a>' in published
    # A draft has no public pages to link to.
    assert 'href="/events/draft/agenda"' not in draft
    assert 'href="/events/test-event/agenda"' not in draft


def test_someone_who_takes_part_in_nothing_gets_no_event_links(client, dbs, auth,
                                                               participant):
    factories.make_event(dbs)
    auth.login("participant@example.org")

    assert 'href="/events/test-event/agenda"' not in _menu(text(client.get("/me/agenda?lang=en")))
