"""Forms of the meeting pages: times are wall-clock times in the zone the form was shown in
(its `zone` field)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, FormField, HiddenField, TextAreaField, TimeField
from wtforms.validators import Length, Optional

from lmevents.core.timezones import is_valid_zone
from lmevents.errors import DomainError
from lmevents.exchange.meetings.services import MAX_MESSAGE
from lmevents.web.forms import DateWithin, ManageForm, SubForm, zoned_datetime

TIME_FORMATS = ["%H:%M", "%H:%M:%S"]


class SlotForm(SubForm):
    day = DateField(_l("Date"), validators=[Optional(), DateWithin()])
    start = TimeField(_l("From"), format=TIME_FORMATS, validators=[Optional()])
    end = TimeField(_l("To"), format=TIME_FORMATS, validators=[Optional()])

    def is_empty(self) -> bool:
        return not any((field.raw_data or [""])[0] for field in (self.day, self.start,
                                                                  self.end))


class TimesForm(ManageForm):
    """Times proposed in slots `slot_0`, `slot_1`, … (named times-0-day, times-0-start, …)."""

    zone = HiddenField()

    @property
    def slots(self) -> list[FormField]:
        return [self[name] for name in sorted(n for n in self._fields if n.startswith("slot_"))]

    def zone_name(self, fallback: str) -> str:
        return self.zone.data if is_valid_zone(self.zone.data) else fallback

    def spans(self, fallback_zone: str) -> list[tuple[int, tuple[datetime, datetime]]] | None:
        """The filled slots as (slot number, (start, end)) instants; None when a slot is
        incomplete or names no instant (the slot shows why)."""
        zone = self.zone_name(fallback_zone)
        found, complete = [], True
        for number, entry in enumerate(self.slots):
            slot = entry.form
            if slot.is_empty():
                continue
            if slot.day.data is None or slot.start.data is None or slot.end.data is None:
                if not slot.errors:
                    slot.start.errors = [*slot.start.errors,
                                         _("Give the date, the start and the end.")]
                complete = False
                continue
            try:
                span = (zoned_datetime(slot.day.data, slot.start.data, zone, "start"),
                        zoned_datetime(slot.day.data, slot.end.data, zone, "end"))
            except DomainError as error:
                slot[error.field].errors = [*slot[error.field].errors, error.message]
                complete = False
                continue
            found.append((number, span))
        return found if complete else None

    def show_refusal(self, error: DomainError, slots: list[int]) -> None:
        """A service's refusal on the slot ("times.<i>" is the i-th filled slot), the
        message, or the top of the form."""
        field = error.field or ""
        if field.startswith("times.") and field[6:].isdigit() and int(field[6:]) < len(slots):
            slot = self.slots[slots[int(field[6:])]].form
            slot.start.errors = [*slot.start.errors, error.message]
        elif field == "message" and "message" in self:
            self.message.errors = [*self.message.errors, error.message]
        else:
            self.form_errors = [*self.form_errors, error.message]


class MeetingRequestForm(TimesForm):
    # Named slots rather than a FieldList, which renumbers slots when one is left empty.
    slot_0 = FormField(SlotForm, name="times-0")
    slot_1 = FormField(SlotForm, name="times-1")
    slot_2 = FormField(SlotForm, name="times-2")
    message = TextAreaField(_l("Message"), validators=[Length(max=MAX_MESSAGE)],
                            description=_l("What you would like to discuss (optional)."))


class ProposeForm(TimesForm):
    slot_0 = FormField(SlotForm, name="times-0")
