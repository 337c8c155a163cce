"""The speaker registry, shared across events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lmevents.core.models import Base, Bilingual, utcnow


class Speaker(Bilingual, Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str | None] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    # The speaker's own script where it differs from both (e.g. Lao).
    name_native: Mapped[str | None] = mapped_column(String(200))
    honorific_zh: Mapped[str | None] = mapped_column(String(50))
    honorific_en: Mapped[str | None] = mapped_column(String(50))
    position_zh: Mapped[str | None] = mapped_column(Text)
    position_en: Mapped[str | None] = mapped_column(Text)
    organization_zh: Mapped[str | None] = mapped_column(Text)
    organization_en: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    bio_zh: Mapped[str | None] = mapped_column(Text)
    bio_en: Mapped[str | None] = mapped_column(Text)
    photo_url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))  # private: never shown publicly
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def display_name(self, lang: str = "en") -> str:
        name = self.text("name", lang)
        honorific = self.text("honorific", lang)
        if not honorific:
            return name
        return f"{name}{honorific}" if lang == "zh" else f"{honorific} {name}"

    def __repr__(self) -> str:
        return f"<Speaker {self.name_en or self.name_zh}>"
