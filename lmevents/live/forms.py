"""Back-office form of the live day: a room or a sub-forum running late."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange

from lmevents.live.late import MOST_MINUTES
from lmevents.web.forms import ManageForm


class LateForm(ManageForm):
    place = SelectField(_l("Room or sub-forum"), validators=[InputRequired()],
                        description=_l("Every session there that has not ended today moves."))
    minutes = IntegerField(_l("Minutes late"), default=10,
                           validators=[InputRequired(), NumberRange(min=1, max=MOST_MINUTES)])

    # Service field names → this form's fields, for showing refusals where they belong.
    REFUSAL_FIELDS = {"room_id": "place", "subforum_id": "place"}

    def target(self) -> dict[str, int | None]:
        """{room_id, subforum_id} of the place chosen ("room-3", "subforum-2")."""
        kind, _, number = (self.place.data or "").partition("-")
        value = int(number) if number.isdigit() else None
        return {"room_id": value if kind == "room" else None,
                "subforum_id": value if kind == "subforum" else None}
