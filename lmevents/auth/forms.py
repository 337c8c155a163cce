"""The account forms: sign in, sign up, ask for and choose a new password."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from lmevents.auth.profile import ProfileInput
from lmevents.web.forms import ManageForm
from lmevents.web.places import country_choices, zone_choices
from lmevents.web.viewer import language_choices


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
    country = SelectField(_l("Country"))
    timezone = SelectField(_l("Time zone"),
                           description=_l("Your agenda and e-mails show times in this zone."))
    language = SelectField(_l("Language"))

    def offer_choices(self) -> None:
        """Countries and zones named in the reader's language, the participating ones
        first; the site's languages, each in itself."""
        self.country.choices = country_choices()
        self.timezone.choices = [SelectChoice("", "—")] + zone_choices()
        self.language.choices = language_choices()


class ResetRequestForm(ManageForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class NewPasswordForm(ManageForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=10, max=1024)],
        description=_l("At least 10 characters."),
    )


class ProfileForm(ManageForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    organization = StringField(_l("Organization"), validators=[Length(max=300)])
    country = SelectField(_l("Country"))
    language = SelectField(_l("Language"),
                           description=_l("Pages, e-mails and your calendar feed use it."))
    timezone = SelectField(
        _l("Time zone"),
        description=_l("Your agenda, the event pages and e-mails show times in this zone. "
                       "None: the zone you gave when registering, else your browser's."))

    offer_choices = SignupForm.offer_choices

    def to_input(self) -> ProfileInput:
        return ProfileInput(name=self.name.data or "", organization=self.organization.data or "",
                            country=self.country.data or None, language=self.language.data,
                            timezone=self.timezone.data or None)
