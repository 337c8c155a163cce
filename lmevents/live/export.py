"""Who joined, as a CSV file that spreadsheets open with Chinese names intact."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask_babel import gettext as _

from lmevents.core.timezones import get_zone
from lmevents.events.models import Event
from lmevents.live.attendance import JoinRow
from lmevents.registration.export import spreadsheet_safe
from lmevents.registration.models import RegistrationQuestion
from lmevents.registration.questions import answer_text


class AttendanceCsv:
    """One line per person and session joined: the session, the person as registered, the
    answer to `question` (the organization type, in the demo), and the first join's time
    in the event's zone."""

    content_type = "text/csv; charset=utf-8"

    def __init__(self, event: Event, rows: Iterable[JoinRow], lang: str,
                 question: RegistrationQuestion | None):
        self.event, self.rows, self.lang, self.question = event, rows, lang, question
        self.name = f"{event.slug}-attendance.csv"

    def header(self) -> list[str]:
        zone = self.event.timezone
        return [
            _("Session"), _("Starts (%(zone)s)", zone=zone), _("Name"), _("E-mail"),
            _("Organization"), _("Country"),
            *([self.question.text("label", self.lang)] if self.question else []),
            _("First joined (%(zone)s)", zone=zone), _("Joined from"),
        ]

    def row(self, join: JoinRow) -> list:
        zone = get_zone(self.event.timezone)
        registration = join.registration
        answer = []
        if self.question is not None:
            given = (registration.answers or {}) if registration else {}
            answer = [answer_text(self.question, given.get(str(self.question.id)), self.lang)]
        return [
            join.session.text("title", self.lang),
            join.session.starts_at.astimezone(zone).replace(tzinfo=None).isoformat(" "),
            registration.name if registration else join.user.name, join.user.email,
            registration.organization if registration else join.user.organization or "",
            (registration.country if registration else join.user.country) or "",
            *answer,
            join.joined_at.astimezone(zone).replace(microsecond=0, tzinfo=None).isoformat(" "),
            _("a signed link") if join.via == "link" else _("lmevents, signed in"),
        ]

    def render(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([spreadsheet_safe(cell) for cell in self.header()])
        for join in self.rows:
            writer.writerow([spreadsheet_safe(cell) for cell in self.row(join)])
        return out.getvalue().encode("utf-8-sig")
