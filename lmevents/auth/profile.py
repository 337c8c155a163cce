"""What a person says about themselves on their account: name, organization, country, the
language the site, mail and feeds speak to them in, and the zone their times are shown in."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import User
from lmevents.core.models import LANGUAGES
from lmevents.core.timezones import get_zone
from lmevents.core.validation import check_country
from lmevents.errors import Invalid


@dataclass
class ProfileInput:
    name: str
    organization: str = ""
    country: str | None = None
    language: str = "en"
    timezone: str | None = None


def update_profile(dbs: DbSession, user: User, data: ProfileInput) -> User:
    name = (data.name or "").strip()
    if not name:
        raise Invalid(_l("A name is required."), field="name")
    country = (data.country or "").strip().upper() or None
    check_country(country)
    zone = (data.timezone or "").strip() or None
    if zone is not None:
        get_zone(zone)
    if data.language not in LANGUAGES:
        raise Invalid(_l("Choose one of %(choices)s.", choices=", ".join(LANGUAGES)),
                      field="language")
    user.name, user.organization = name, (data.organization or "").strip()
    user.country, user.timezone, user.language = country, zone, data.language
    dbs.flush()
    return user
