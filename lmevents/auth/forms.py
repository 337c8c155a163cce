"""The account forms: sign in, sign up, ask for and choose a new password."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from lmevents.web.forms import ManageForm


class LoginForm(ManageForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Remember me"))


class SignupForm(ManageForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(min=10, max=1024)],
        description=_l("At least 10 characters."),
    )
    organization = StringField(_l("Organization"), validators=[Length(max=300)])
    country = StringField(_l("Country (ISO code, e.g. LA)"), validators=[Length(max=2)])
    timezone = StringField(_l("Time zone (e.g. Asia/Vientiane)"), validators=[Length(max=64)])
    language = SelectField(_l("Language"),
                           choices=[SelectChoice("en", "English"), SelectChoice("zh", "中文")])


class ResetRequestForm(ManageForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class NewPasswordForm(ManageForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=10, max=1024)],
        description=_l("At least 10 characters."),
    )
