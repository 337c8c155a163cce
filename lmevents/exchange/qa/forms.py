"""The form to ask a presenter a question."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from lmevents.exchange.qa.services import MAX_QUESTION
from lmevents.web.forms import ManageForm


class AskForm(ManageForm):
    text = TextAreaField(_l("Your question"), validators=[
        DataRequired(_l("Write your question.")),
        Length(max=MAX_QUESTION, message=_l("A question is at most %(max)d characters.")),
    ])
