"""Organizers see which of the event's texts exist in one language only, with links to fill
them in, at a constant number of queries."""

from __future__ import annotations

from lmevents.demo.roundtable import load_demo
from lmevents.events.completeness import translation_gaps
from lmevents.events.services import get_event
from lmevents.speakers.models import EventSpeaker, InvitationState
from tests import factories
from tests.probes import text


def test_the_page_lists_what_lacks_chinese_or_english_with_links(client, dbs, signed_in, event):
    keynote = factories.make_session(dbs, event, factories.at(9), factories.at(10),
                                     title_en="Opening keynote", title_zh=None)
    factories.make_session(dbs, event, factories.at(11), factories.at(12),
                           title_en="Closing", title_zh="闭幕")
    speaker = factories.make_speaker(dbs, name_en="Ada", position_zh="主任",
                                     organization_en="Ministry", organization_zh="部")
    dbs.add(EventSpeaker(event_id=event.id, speaker_id=speaker.id,
                         state=InvitationState.CONFIRMED))
    dbs.commit()

    page = text(client.get(f"/manage/events/{event.slug}/translations?lang=en"))
    assert (f'<a href="/manage/events/{event.slug}/sessions/{keynote.id}/edit">'
            "Opening keynote</a>: Title (Chinese)") in page
    assert f'<a href="/manage/speakers/{speaker.id}/edit">Ada</a>: Position (English)' in page
    assert "Closing" not in page  # written in both
    assert "Organization" not in page.split("Speakers</h2>")[1]


def test_the_demo_lacks_no_translation_and_costs_a_few_queries(dbs, count_queries):
    load_demo(dbs)
    dbs.commit()
    event = get_event(dbs, "lm-roundtable-2020")
    with count_queries() as counter:
        gaps = translation_gaps(dbs, event)
    assert counter.count <= 12
    assert [(g.kind, g.missing) for g in gaps if g.kind != "speaker"] == []
