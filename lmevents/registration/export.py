"""What organizers see of an event's registrations, loaded at once, and its CSV export."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import Session
from lmevents.events.models import Event
from lmevents.registration.models import (
    Registration,
    RegistrationQuestion,
    Seat,
)
from lmevents.registration.questions import answer_text, event_questions
from lmevents.registration.registrations import event_registrations
from lmevents.registration.seats import waiting_positions
from lmevents.subforums.models import SubForum


@dataclass
class SeatLine:
    """One seat of a registration: where, held or waited for, and the place in line."""

    seat: Seat
    position: int | None

    @property
    def target(self) -> SubForum | Session:
        return self.seat.subforum if self.seat.subforum_id is not None else self.seat.session

    @property
    def in_subforum(self) -> bool:
        return self.seat.subforum_id is not None

    @property
    def held(self) -> bool:
        return self.seat.is_held


@dataclass
class RegistrationSheet:
    """An event's registrations (optionally one status or one sub-forum's) with their seats,
    places in line and the event's questions, in a fixed number of queries."""

    event: Event
    registrations: list[Registration]
    questions: list[RegistrationQuestion]
    positions: dict[int, int]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.event.timezone)

    def registered_at(self, registration: Registration) -> datetime:
        """When the registration was made, in the event's zone."""
        return registration.created_at.astimezone(self.zone)

    def seats(self, registration: Registration) -> list[SeatLine]:
        """Held seats first, then places on waiting lists."""
        lines = [SeatLine(seat, self.positions.get(seat.id)) for seat in registration.seats]
        return sorted(lines, key=lambda line: (not line.held, line.seat.id))

    def roster(self, subforum_id: int) -> tuple[list[tuple[Registration, SeatLine]],
                                                list[tuple[Registration, SeatLine]]]:
        """A sub-forum's seat holders in the order they got their seats, then its waiting
        list in order."""
        entries = [(registration, line) for registration in self.registrations
                   for line in self.seats(registration) if line.seat.subforum_id == subforum_id]
        held = sorted((e for e in entries if e[1].held),
                      key=lambda e: (e[1].seat.held_since or e[1].seat.requested_at, e[1].seat.id))
        waiting = sorted((e for e in entries if not e[1].held),
                         key=lambda e: (e[1].position or 0, e[1].seat.id))
        return held, waiting

    def answered(self, registration: Registration,
                 lang: str) -> list[tuple[RegistrationQuestion, str]]:
        """Each question with its answer as text ('' when unanswered), in question order."""
        given = registration.answers or {}
        return [(q, answer_text(q, given.get(str(q.id)), lang)) for q in self.questions]

    def answers(self, registration: Registration, lang: str) -> list[str]:
        return [text for _, text in self.answered(registration, lang)]


def registration_sheet(
    dbs: DbSession, event: Event, *, status: str | None = None, subforum_id: int | None = None,
    limit: int | None = None, offset: int = 0,
) -> RegistrationSheet:
    registrations = event_registrations(dbs, event, status=status, subforum_id=subforum_id,
                                        limit=limit, offset=offset)
    seats = [seat for registration in registrations for seat in registration.seats]
    return RegistrationSheet(event, registrations, event_questions(dbs, event),
                             waiting_positions(dbs, seats))


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, see
# OWASP "CSV Injection"); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet shows as it is and never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class RegistrationsCsv:
    """The registrations as a CSV file that Excel opens with Chinese names intact (UTF-8 with
    a byte order mark), one column per question."""

    content_type = "text/csv; charset=utf-8"

    def __init__(self, sheet: RegistrationSheet, lang: str, status: str | None = None):
        self.sheet = sheet
        self.lang = lang
        parts = [sheet.event.slug, "registrations", status]
        self.name = "-".join(filter(None, parts)) + ".csv"

    def header(self) -> list[str]:
        """The column names, in the organizer's language."""
        return [
            "id", _("Status"), _("Name"), _("E-mail"), _("Organization"), _("Position"),
            _("Country"), _("Language"), _("Time zone"),
            _("Registered at (%(zone)s)", zone=self.sheet.event.timezone),
            _("Sub-forum (seat held)"), _("Waiting for"), _("Sessions (seat held)"),
            _("Sessions waited for"),
            *(q.text("label", self.lang) for q in self.sheet.questions),
        ]

    def row(self, registration: Registration) -> list:
        lines = [line for line in self.sheet.seats(registration) if line.in_subforum]
        held = "; ".join(line.target.code for line in lines if line.held)
        waiting = "; ".join(f"{line.target.code} ({line.position})"
                            for line in lines if not line.held)
        sessions = [line for line in self.sheet.seats(registration) if not line.in_subforum]
        held_sessions = "; ".join(line.target.text("title", self.lang)
                                  for line in sessions if line.held)
        waited_sessions = "; ".join(f"{line.target.text('title', self.lang)} ({line.position})"
                                    for line in sessions if not line.held)
        registered = self.sheet.registered_at(registration).replace(microsecond=0)
        return [
            registration.id, registration.status.value, registration.name,
            registration.user.email, registration.organization, registration.position,
            registration.country or "", registration.language, registration.timezone,
            registered.isoformat(), held, waiting, held_sessions, waited_sessions,
            *self.sheet.answers(registration, self.lang),
        ]

    def render(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([spreadsheet_safe(cell) for cell in self.header()])
        for registration in self.sheet.registrations:
            writer.writerow([spreadsheet_safe(cell) for cell in self.row(registration)])
        # Excel reads a CSV file as UTF-8 only when it starts with the byte order mark.
        return out.getvalue().encode("utf-8-sig")
