"""Declarative base, the aware-UTC datetime type and bilingual text."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, MetaData
from sqlalchemy.orm import DeclarativeBase, registry
from sqlalchemy.types import TypeDecorator

from lmevents.config import LANGUAGES  # noqa: F401 - the interface's, re-exported

# The languages event content is written in (each text has a `<name>_<lang>` column); the
# interface may speak more (LANGUAGES), showing content in whichever of these exists.
CONTENT_LANGUAGES = ("en", "zh")

# The languages people speak and listen in at the roundtables: Chinese, English and the
# Mekong countries' (ISO 639-1). Floor languages and interpretation channels are among them.
SPOKEN_LANGUAGES = ("zh", "en", "km", "lo", "my", "th", "vi")

MAX_ID = 2**31 - 1  # the largest value of an INTEGER primary key: any id beyond is unknown

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """An aware datetime stored as UTC; naive values are refused, never guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: times must carry a zone")
        value = value.astimezone(UTC)
        # SQLite has no zone type: store the UTC wall time.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def str_enum(cls: type[enum.Enum], name: str) -> Enum:
    """A VARCHAR holding the enum's values, with a CHECK so the database refuses others."""
    return Enum(
        cls, name=name, native_enum=False, create_constraint=True, length=20,
        values_callable=lambda members: [m.value for m in members],
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    # Every `Mapped[datetime]` is an aware UTC datetime.
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


class Bilingual:
    """Mixin for models holding text in Chinese and English (`<name>_zh`, `<name>_en`)."""

    def text(self, name: str, lang: str = "en") -> str:
        """The text in `lang`, falling back to the other language, then to ''."""
        other = "zh" if lang == "en" else "en"
        return getattr(self, f"{name}_{lang}", None) or getattr(self, f"{name}_{other}", None) or ""

    def text_pair(self, name: str) -> dict[str, str | None]:
        return {lang: getattr(self, f"{name}_{lang}") for lang in CONTENT_LANGUAGES}
