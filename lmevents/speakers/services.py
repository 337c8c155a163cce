"""The speaker registry (the full registry, import and merge come with its own pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.core.validation import check_web_url, normalized_email
from lmevents.errors import Invalid, NotFound
from lmevents.speakers.models import Speaker

COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
FIELDS = (
    "name_zh", "name_en", "name_native", "honorific_zh", "honorific_en", "position_zh",
    "position_en", "organization_zh", "organization_en", "country", "bio_zh", "bio_en",
    "photo_url", "email",
)


@dataclass
class SpeakerInput:
    name_zh: str | None = None
    name_en: str | None = None
    name_native: str | None = None
    honorific_zh: str | None = None
    honorific_en: str | None = None
    position_zh: str | None = None
    position_en: str | None = None
    organization_zh: str | None = None
    organization_en: str | None = None
    country: str | None = None
    bio_zh: str | None = None
    bio_en: str | None = None
    photo_url: str | None = None
    email: str | None = None


def _validate(data: SpeakerInput) -> None:
    if not (data.name_zh or "").strip() and not (data.name_en or "").strip():
        raise Invalid("a name is required, in Chinese or English (or both)", field="name_en")
    if data.country and not COUNTRY_RE.match(data.country.upper()):
        raise Invalid("use a two-letter ISO 3166 country code, e.g. LA", field="country")
    if data.email:
        data.email = normalized_email(data.email)
    check_web_url(data.photo_url, "photo_url", "the photo URL")


def _assign(speaker: Speaker, data: SpeakerInput) -> None:
    for name in FIELDS:
        value = (getattr(data, name) or "").strip() or None
        if name == "country" and value:
            value = value.upper()
        setattr(speaker, name, value)


def create_speaker(dbs: DbSession, data: SpeakerInput) -> Speaker:
    _validate(data)
    speaker = Speaker()
    _assign(speaker, data)
    dbs.add(speaker)
    dbs.flush()
    return speaker


def update_speaker(dbs: DbSession, speaker: Speaker, data: SpeakerInput) -> Speaker:
    _validate(data)
    _assign(speaker, data)
    dbs.flush()
    return speaker


def all_speakers(dbs: DbSession) -> list[Speaker]:
    return list(dbs.scalars(select(Speaker).order_by(Speaker.name_en, Speaker.name_zh)))


def get_speaker(dbs: DbSession, speaker_id: int) -> Speaker:
    speaker = dbs.get(Speaker, speaker_id)
    if speaker is None:
        raise NotFound(f"no speaker {speaker_id}")
    return speaker


def speakers_by_id(dbs: DbSession, speaker_ids) -> dict[int, Speaker]:
    """The speakers with these ids (unknown ids are left out), in one query."""
    ids = set(speaker_ids)
    if not ids:
        return {}
    return {s.id: s for s in dbs.scalars(select(Speaker).where(Speaker.id.in_(ids)))}
