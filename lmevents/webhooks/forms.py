"""Back-office form of a webhook."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectMultipleField, StringField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from lmevents.web.forms import ManageForm
from lmevents.webhooks.models import Kind
from lmevents.webhooks.subscriptions import DESCRIPTION_LENGTH, URL_LENGTH, WebhookInput

KIND_LABELS = {
    Kind.REGISTRATION_CREATED: _l("Someone registers"),
    Kind.REGISTRATION_CHANGED: _l("A registration is approved or rejected"),
    Kind.REGISTRATION_CANCELLED: _l("A participant cancels their registration"),
    Kind.SEAT_TAKEN: _l("A seat is taken (also from the waiting list)"),
    Kind.SEAT_FREED: _l("A seat is given up"),
    Kind.SESSION_CREATED: _l("A session is added to the programme"),
    Kind.SESSION_CHANGED: _l("A session changes (time, room, speakers, text)"),
    Kind.SESSION_CANCELLED: _l("A session is cancelled"),
    Kind.MEETING_ACCEPTED: _l("A 1:1 meeting is accepted"),
    Kind.PING: _l("Test (ping)"),
}


class WebhookForm(ManageForm):
    url = URLField(_l("Receiver's address"), validators=[InputRequired(), Length(max=URL_LENGTH)],
                   description=_l("A public https address of your system; it gets a signed POST "
                                  "for each announcement."))
    description = StringField(_l("Description"), validators=[Length(max=DESCRIPTION_LENGTH)],
                              description=_l("What it feeds, for the team (optional)."))
    kinds = SelectMultipleField(
        _l("Announcements"), choices=[SelectChoice(str(kind), label)
                                      for kind, label in KIND_LABELS.items() if kind != Kind.PING],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
        description=_l("Tick none to receive every kind."))
    active = BooleanField(_l("Send announcements to this address"), default=True)

    @classmethod
    def data_of(cls, hook) -> dict:
        return {"url": hook.url, "description": hook.description, "kinds": list(hook.kinds),
                "active": hook.active}

    def to_input(self) -> WebhookInput:
        return WebhookInput(url=self.url.data or "", description=self.description.data or "",
                            kinds=list(self.kinds.data or []), active=bool(self.active.data))
