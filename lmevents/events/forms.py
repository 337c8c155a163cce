"""Back-office forms of the events area: the event, its organizing bodies, its contact block."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from lmevents.core.timezones import is_valid_zone
from lmevents.events.models import Event, EventHost
from lmevents.events.services import JOIN_OPENS_AT_MOST, ContactInput, EventInput, HostInput
from lmevents.web.forms import DateWithin, ManageForm, SubForm, input_fields, zoned_datetime
from lmevents.web.places import zone_choices
from lmevents.web.viewer import language_choices

HOST_ROLE_CHOICES = [SelectChoice("host", _l("Host")), SelectChoice("co-host", _l("Co-host"))]
# Blank rows offered under the existing organizers, for adding new ones.
SPARE_HOST_ROWS = 2
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]


class EventForm(ManageForm):
    slug = StringField(
        _l("Slug"), validators=[InputRequired()],
        description=_l("Part of the event's addresses, e.g. lm-roundtable-2020: lower-case "
                       "letters, digits and hyphens."),
    )
    title_zh = StringField(_l("Title (Chinese)"), validators=[Length(max=300)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=300)])
    theme_zh = TextAreaField(_l("Theme (Chinese)"))
    theme_en = TextAreaField(_l("Theme (English)"))
    description_zh = TextAreaField(_l("Description (Chinese)"))
    description_en = TextAreaField(_l("Description (English)"))
    schedule_note_zh = TextAreaField(_l("Note shown with the programme (Chinese)"))
    schedule_note_en = TextAreaField(_l("Note shown with the programme (English)"))
    timezone = SelectField(
        _l("Time zone"), validators=[InputRequired()],
        description=_l("The zone the programme is planned in. Sessions' times are entered "
                       "in this zone."),
    )
    start_date = DateField(_l("First day"), validators=[InputRequired(), DateWithin()])
    end_date = DateField(_l("Last day"), validators=[InputRequired(), DateWithin()])
    default_language = SelectField(_l("Default language"), choices=language_choices)
    registration_mode = SelectField(_l("Registration"), choices=[
        SelectChoice("open", _l("Open: registrations are confirmed at once")),
        SelectChoice("approval", _l("An organizer approves each registration")),
        SelectChoice("closed", _l("Closed")),
    ], default="open")
    # The deadline as a day and a clock time in the event's zone; both empty: the event's end.
    registration_closes_on = DateField(
        _l("Registration closes"), validators=[Optional(), DateWithin()],
        description=_l("Leave empty to close registration at the end of the event's last day."),
    )
    registration_closes_time = TimeField(
        _l("Closing time"), format=TIME_FORMATS, validators=[Optional()],
        description=_l("The time is read in the event's time zone."),
    )

    join_opens_minutes = IntegerField(
        _l("Rooms open (minutes before a session)"), default=15,
        validators=[Optional(), NumberRange(min=0, max=JOIN_OPENS_AT_MOST)],
        description=_l("From then on, registered participants can join a session's video "
                       "room through lmevents. Empty: 15."),
    )

    # Service field names → this form's fields, for showing refusals where they belong.
    REFUSAL_FIELDS = {"registration_closes_at": "registration_closes_on"}
    # What the service takes that the form asks in other words (`registration_closes_at`).
    _OWN_FIELDS = {"registration_closes_at"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = zone_choices()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        day, clock = self.registration_closes_on, self.registration_closes_time
        if day.data is not None and clock.data is None and not clock.errors:
            clock.errors = [_("Give the closing time as well, or leave both empty.")]
            valid = False
        if clock.data is not None and day.data is None and not day.errors:
            day.errors = [_("Give the closing date as well, or leave both empty.")]
            valid = False
        return valid

    def registration_closes_at(self) -> datetime | None:
        """The deadline as an instant, read in the zone chosen on the form; None when the
        organizer left it empty (or the form could not be read)."""
        day, clock = self.registration_closes_on.data, self.registration_closes_time.data
        if day is None or clock is None or not is_valid_zone(self.timezone.data):
            return None
        return zoned_datetime(day, clock, self.timezone.data, "registration_closes_time")

    def to_input(self) -> EventInput:
        names = [name for name in input_fields(EventInput) if name not in self._OWN_FIELDS]
        given = {name: self[name].data for name in names}
        if given["join_opens_minutes"] is None:
            given["join_opens_minutes"] = EventInput.join_opens_minutes
        return EventInput(**given, registration_closes_at=self.registration_closes_at())

    @classmethod
    def data_of(cls, event: Event) -> dict:
        data = {name: getattr(event, name) for name in input_fields(EventInput)
                if name not in cls._OWN_FIELDS}
        if event.registration_closes_at is not None:
            local = event.registration_closes_at.astimezone(ZoneInfo(event.timezone))
            data["registration_closes_on"] = local.date()
            data["registration_closes_time"] = local.time()
        return data


class HostEntryForm(SubForm):
    name_zh = StringField(_l("Name (Chinese)"), validators=[Length(max=300)])
    name_en = StringField(_l("Name (English)"), validators=[Length(max=300)])
    abbreviation = StringField(_l("Abbreviation"), validators=[Length(max=20)])
    role = SelectField(_l("Role"), choices=HOST_ROLE_CHOICES, default="host")
    url = URLField(_l("Website"), validators=[Length(max=500)])

    def is_blank(self) -> bool:
        return not any((self.name_zh.data, self.name_en.data, self.abbreviation.data,
                        self.url.data))


class HostsForm(ManageForm):
    hosts = FieldList(FormField(HostEntryForm), label=_l("Organizing bodies"))

    def to_inputs(self) -> list[HostInput]:
        """The filled rows in order; wholly blank rows are spare and mean nothing."""
        return [
            HostInput(name_zh=row.name_zh.data or None, name_en=row.name_en.data or None,
                      abbreviation=row.abbreviation.data or None, role=row.role.data,
                      url=row.url.data or None)
            for row in self.hosts if not row.form.is_blank()
        ]

    def offer_roles(self, roles_in_use: set[str]) -> None:
        """Keep roles written by other means selectable, so saving does not change them."""
        extra = sorted(roles_in_use - {choice.value for choice in HOST_ROLE_CHOICES})
        for row in self.hosts:
            row.role.choices = HOST_ROLE_CHOICES + [SelectChoice(role) for role in extra]

    def add_spare_rows(self, roles_in_use: set[str]) -> None:
        for _row in range(SPARE_HOST_ROWS):
            self.hosts.append_entry()
        self.offer_roles(roles_in_use)

    @staticmethod
    def data_of(hosts: list[EventHost]) -> dict:
        return {"hosts": [
            {"name_zh": h.name_zh, "name_en": h.name_en, "abbreviation": h.abbreviation,
             "role": h.role, "url": h.url}
            for h in hosts
        ]}


class LinesField(TextAreaField):
    """A list of strings, one per line; blank lines are dropped."""

    def process_formdata(self, valuelist):
        if valuelist:
            text = valuelist[0].replace("\x00", "")
            self.data = [line.strip() for line in text.splitlines() if line.strip()]

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "\n".join(self.data or [])


class ContactForm(ManageForm):
    address_zh = TextAreaField(_l("Address (Chinese)"))
    address_en = TextAreaField(_l("Address (English)"))
    postcode = StringField(_l("Postcode"), validators=[Length(max=20)])
    phone = StringField(_l("Telephone"), validators=[Length(max=100)])
    fax = StringField(_l("Fax"), validators=[Length(max=100)])
    emails = LinesField(_l("E-mail addresses"), description=_l("One address per line."))
    website = URLField(_l("Website"), validators=[Length(max=500)])
    wechat_zh = StringField(_l("WeChat official account (Chinese)"),
                            validators=[Length(max=200)])
    wechat_en = StringField(_l("WeChat official account (English)"),
                            validators=[Length(max=200)])

    def to_input(self) -> ContactInput:
        data = {name: self[name].data for name in input_fields(ContactInput)}
        return ContactInput(**(data | {"emails": self.emails.data or []}))

    @staticmethod
    def data_of(event: Event) -> dict:
        contact = event.contact
        if contact is None:
            return {}
        data = {name: getattr(contact, name) for name in input_fields(ContactInput)}
        data["emails"] = contact.email_list
        return data


TEAM_ROLE_CHOICES = [SelectChoice("editor", _l("Editor: changes the event")),
                     SelectChoice("owner", _l("Owner: also changes who organizes it"))]


class TeamMemberForm(ManageForm):
    email = EmailField(_l("E-mail address of their account"),
                       validators=[InputRequired(), Length(max=254)])
    role = SelectField(_l("Role"), choices=TEAM_ROLE_CHOICES, default="editor")


class TeamRoleForm(ManageForm):
    role = SelectField(_l("Role"), choices=TEAM_ROLE_CHOICES)
