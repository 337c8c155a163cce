"""A roundtable to export, and both iCalendar parsers the tests read feeds with."""

from __future__ import annotations

from dataclasses import dataclass

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream


@dataclass
class Parsed:
    """A feed read by two independent parsers: icalendar and the strict `ical` package."""

    text: str
    lenient: icalendar.Calendar
    strict: object

    def events(self) -> dict[str, icalendar.Event]:
        return {str(e["UID"]): e for e in self.lenient.walk("VEVENT")}

    def strict_events(self) -> dict[str, object]:
        return {e.uid: e for e in self.strict.events}


def parse(response) -> Parsed:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == "text/calendar; charset=utf-8"
    text = response.get_data(as_text=True)
    return Parsed(text, icalendar.Calendar.from_ical(text),
                  IcsCalendarStream.calendar_from_ics(text))


@pytest.fixture
def read_feed(client):
    def read(url: str, **kwargs) -> Parsed:
        return parse(client.get(url, **kwargs))

    return read


__all__ = ["Parsed", "parse"]
