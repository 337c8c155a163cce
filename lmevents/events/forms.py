"""Back-office forms of the events area: the event, its organizing bodies, its contact block."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    FieldList,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from lmevents.events.models import Event, EventHost
from lmevents.events.services import ContactInput, EventInput, HostInput
from lmevents.web.forms import DateWithin, ManageForm, SubForm, input_fields
from lmevents.web.places import zone_choices
from lmevents.web.viewer import language_choices

HOST_ROLE_CHOICES = [SelectChoice("host", _l("Host")), SelectChoice("co-host", _l("Co-host"))]
# Blank rows offered under the existing organizers, for adding new ones.
SPARE_HOST_ROWS = 2


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


    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = zone_choices()

    def to_input(self) -> EventInput:
        return EventInput(**{name: self[name].data for name in input_fields(EventInput)})

    @classmethod
    def data_of(cls, event: Event) -> dict:
        return {name: getattr(event, name) for name in input_fields(EventInput)}


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
        for _ in range(SPARE_HOST_ROWS):
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
