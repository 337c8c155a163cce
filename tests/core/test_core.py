"""Aware UTC storage, bilingual fallback and the agenda's parallel bands."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from lmevents.agenda.layout import agenda_days
from lmevents.core.models import Bilingual, UTCDateTime
from lmevents.core.timezones import format_span, utc_offset_label
from tests.factories import at


def test_naive_datetimes_are_refused_before_they_reach_the_database():
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(datetime(2020, 11, 26, 9), sqlite.dialect())


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()])
def test_times_are_stored_as_utc(dialect):
    stored = UTCDateTime().process_bind_param(at(9), dialect)
    assert stored.replace(tzinfo=None) == datetime(2020, 11, 26, 1, 0)


class Titled(Bilingual):
    def __init__(self, zh, en):
        self.title_zh, self.title_en = zh, en


@pytest.mark.parametrize(
    ("zh", "en", "lang", "expected"),
    [
        ("圆桌", "Roundtable", "zh", "圆桌"),
        ("圆桌", "Roundtable", "en", "Roundtable"),
        (None, "Roundtable", "zh", "Roundtable"),
        ("圆桌", "", "en", "圆桌"),
        (None, None, "en", ""),
    ],
)
def test_bilingual_text_falls_back_to_the_other_language(zh, en, lang, expected):
    assert Titled(zh, en).text("title", lang) == expected


@pytest.mark.parametrize(
    ("zone", "label"),
    [("Asia/Shanghai", "UTC+08:00"), ("Asia/Yangon", "UTC+06:30"), ("UTC", "UTC"),
     ("America/New_York", "UTC-05:00")],
)
def test_offset_labels(zone, label):
    assert utc_offset_label(at(9).astimezone(ZoneInfo(zone))) == label


def test_spans_name_their_zone():
    assert format_span(at(9), at(10), "Asia/Bangkok") == "2020-11-26 08:00–09:00 Asia/Bangkok"


def fake_session(id, start, end, subforum=None):
    return SimpleNamespace(id=id, starts_at=start, ends_at=end, subforum=subforum,
                           subforum_id=subforum.id if subforum else None)


def test_parallel_sessions_share_a_band_with_one_column_each():
    forum_a = SimpleNamespace(id=1, code="A", position=0)
    forum_b = SimpleNamespace(id=2, code="B", position=1)
    sessions = [
        fake_session(1, at(9), at(10)),
        fake_session(3, at(13, 30), at(15), forum_b),
        fake_session(2, at(13, 30), at(15), forum_a),
        fake_session(4, at(15, 30), at(17)),
    ]
    [day] = agenda_days(sessions, ZoneInfo("Asia/Shanghai"))
    assert [len(b.sessions) for b in day.bands] == [1, 2, 1]
    parallel = day.bands[1]
    assert parallel.is_parallel
    assert [c.subforum.code for c in parallel.columns] == ["A", "B"]
    assert not day.bands[0].is_parallel


def test_days_follow_the_viewers_zone():
    sessions = [fake_session(1, at(7), at(8)), fake_session(2, at(9), at(10))]
    days = agenda_days(sessions, ZoneInfo("America/New_York"))
    # 07:00 Shanghai is 18:00 the day before in New York; 09:00 is 20:00: same local day.
    assert [d.date.isoformat() for d in days] == ["2020-11-25"]
    assert len(agenda_days(sessions, ZoneInfo("Asia/Shanghai"))) == 1


@pytest.mark.parametrize("address", ["http://[", "https://[not-an-address]/", "http://a]b"])
def test_a_web_address_with_a_broken_bracketed_host_is_refused_not_a_crash(app, address):
    """urlsplit raises on these; the forms (which take any text in a URL field) would 500."""
    from lmevents.core.validation import check_web_url
    from lmevents.errors import Invalid

    with pytest.raises(Invalid) as refusal:
        check_web_url(address, "website")

    assert refusal.value.field == "website"
