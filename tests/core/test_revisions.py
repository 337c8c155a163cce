"""Every change a cached view shows raises its counter once per transaction, in that
transaction; changes it does not show leave it alone (lmevents.revisions)."""

from dataclasses import replace

from sqlalchemy import select

from lmevents.agenda.services import SpeakerEntry, update_session
from lmevents.auth.models import User
from lmevents.events.models import Event
from lmevents.exchange.models import Need
from lmevents.registration.seats import take_seat
from lmevents.speakers.services import SpeakerInput, update_speaker
from tests import factories
from tests.factories import at


def version(dbs, event) -> int:
    dbs.expire_all()
    return dbs.scalar(select(Event.programme_version).where(Event.id == event.id))


def feed_version(dbs, user) -> int:
    dbs.expire_all()
    return dbs.scalar(select(User.feed_version).where(User.id == user.id))


def test_a_change_raises_the_events_version_once_per_transaction(dbs, roundtable):
    before = version(dbs, roundtable.event)

    update_session(dbs, roundtable.keynote, {"title_en": "Opening keynote"})
    dbs.flush()
    update_session(dbs, roundtable.keynote, {"starts_at": at(9, 5)})
    dbs.commit()

    assert version(dbs, roundtable.event) == before + 1


def test_a_change_rolled_back_leaves_the_version(dbs, roundtable):
    before = version(dbs, roundtable.event)

    update_session(dbs, roundtable.keynote, {"title_en": "Never"})
    dbs.flush()
    dbs.rollback()
    dbs.commit()

    assert version(dbs, roundtable.event) == before


def test_a_speaker_edited_in_the_registry_raises_every_event_that_lists_them(dbs, roundtable):
    other = factories.make_event(dbs, slug="other-event")
    speaker = factories.make_speaker(dbs)
    update_session(dbs, roundtable.keynote, {}, speakers=[SpeakerEntry(speaker.id, "keynote")])
    dbs.commit()
    listed, unlisted = version(dbs, roundtable.event), version(dbs, other)

    update_speaker(dbs, speaker, replace(SpeakerInput.of(speaker), name_en="Dr Ada"))
    dbs.commit()

    assert version(dbs, roundtable.event) == listed + 1
    assert version(dbs, other) == unlisted


def test_a_seat_raises_only_its_holders_feed_and_leaves_the_programme(dbs, roundtable):
    """No kept page or feed shows seats: a rush for seats leaves them all kept."""
    mai, lin = (factories.make_user(dbs, f"{n}@example.org") for n in ("mai", "lin"))
    registration = factories.make_registration(dbs, roundtable.event, mai)
    factories.make_registration(dbs, roundtable.event, lin)
    event_before, mai_before, lin_before = (
        version(dbs, roundtable.event), feed_version(dbs, mai), feed_version(dbs, lin))

    take_seat(dbs, registration, roundtable.subforum_a)
    dbs.commit()

    assert version(dbs, roundtable.event) == event_before
    assert feed_version(dbs, mai) == mai_before + 1
    assert feed_version(dbs, lin) == lin_before


def test_registering_raises_the_persons_feed_and_leaves_the_programme(dbs, roundtable):
    mai = factories.make_user(dbs, "mai@example.org")
    event_before, mai_before = version(dbs, roundtable.event), feed_version(dbs, mai)

    factories.make_registration(dbs, roundtable.event, mai)
    dbs.commit()

    assert version(dbs, roundtable.event) == event_before
    assert feed_version(dbs, mai) == mai_before + 1


def test_what_no_cached_view_shows_leaves_the_version(dbs, roundtable):
    from lmevents.exchange.models import ExchangeTopic

    topic = ExchangeTopic(session_id=roundtable.exchange.id, position=0, title_en="Water")
    dbs.add(topic)
    dbs.commit()
    before = version(dbs, roundtable.event)
    author = factories.make_user(dbs, "author@example.org")

    dbs.add(Need(topic_id=topic.id, author_id=author.id, country="TH", sector="Textiles",
                 description="Dye-house effluent"))
    dbs.commit()

    assert version(dbs, roundtable.event) == before


def test_a_new_release_never_serves_what_an_older_one_kept(app, tmp_path):
    """Kept pages and answers (in a shared Redis) are keyed by the release: a release that
    changes a template or the code renders them anew."""
    from lmevents.config import release_fingerprint

    (tmp_path / "lmevents").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "lmevents" / "views.py").write_text("X = 1\n")
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ x }}</p>\n")
    before = release_fingerprint.__wrapped__(tmp_path)
    page.write_text("<p>{{ x }} and a new field</p>\n")
    assert release_fingerprint.__wrapped__(tmp_path) != before
    assert app.config["CACHE_KEY_PREFIX"] == f"lmevents:{release_fingerprint()}:"
