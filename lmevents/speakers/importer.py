"""Speakers from a CSV file as spreadsheets save it: every row checked, written all or nothing.

A row whose e-mail is already in the registry updates that speaker: its non-empty cells replace
the speaker's values, empty cells leave them as they are. Other rows add new speakers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.core.validation import normalized_email
from lmevents.errors import Invalid
from lmevents.speakers.models import Speaker
from lmevents.speakers.services import (
    FIELDS,
    SpeakerInput,
    create_speaker,
    update_speaker,
    validate_speaker,
)

COLUMNS = FIELDS
NAME_COLUMNS = ("name_zh", "name_en")
MAX_ROWS = 2000
BOM = "\ufeff"


@dataclass
class RowProblem:
    """Why one row of the file cannot be imported; `line` counts the header as line 1."""

    line: int
    field: str | None
    message: str


@dataclass
class ImportReport:
    dry_run: bool
    created: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


@dataclass
class _Row:
    line: int
    data: SpeakerInput
    speaker: Speaker | None


def decode_csv(data: bytes) -> str:
    """The text of an uploaded file, which must be UTF-8 (a leading byte-order mark, as Excel
    writes, is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(
            _l("The file is not UTF-8 text (byte %(byte)s is not UTF-8); save it as "
               "'CSV UTF-8' (in Excel: Save As › CSV UTF-8 (Comma delimited)).",
               byte=exc.start + 1),
            field="file",
        ) from None


def _clean(cell: str) -> str | None:
    # PostgreSQL cannot store NUL characters in text.
    return cell.replace("\x00", "").strip() or None


def _header(cells: list[str]) -> list[str]:
    names = [(cell or "").replace("\x00", "").strip().lower() for cell in cells]
    if not any(names):
        raise Invalid(_l("The first line must name the columns, e.g. name_zh,name_en,email."),
                      field="file")
    if "" in names:
        raise Invalid(_l("Column %(number)s of the header has no name.",
                         number=names.index("") + 1), field="file")
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        names_given, known = ", ".join(unknown), ", ".join(COLUMNS)
        if any(";" in name for name in unknown):
            raise Invalid(_l("Unknown columns: %(unknown)s; separate columns with commas. Known "
                             "columns: %(known)s.", unknown=names_given, known=known),
                          field="file")
        raise Invalid(_l("Unknown columns: %(unknown)s. Known columns: %(known)s.",
                         unknown=names_given, known=known), field="file")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise Invalid(_l("Columns named twice: %(columns)s.", columns=", ".join(repeated)),
                      field="file")
    if not any(name in names for name in NAME_COLUMNS):
        raise Invalid(_l("The file needs a name_zh or a name_en column (or both)."), field="file")
    return names


def _records(text: str):
    """(line where the record starts, its cells) for each record after the header."""
    # strict: a quote left open must be an error, not a cell that swallows the rows after it.
    reader = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), strict=True)
    consumed = 0
    try:
        for cells in reader:
            yield consumed + 1, cells
            consumed = reader.line_num
    except csv.Error as exc:
        raise Invalid(_l("Line %(line)s: %(reason)s (is a quoted cell starting here never "
                         "closed?).", line=consumed + 1, reason=str(exc)), field="file") from None


def _registry_by_email(dbs: DbSession) -> dict[str, list[Speaker]]:
    found: dict[str, list[Speaker]] = {}
    for speaker in dbs.scalars(select(Speaker).where(Speaker.email.is_not(None))):
        found.setdefault(speaker.email.casefold(), []).append(speaker)
    return found


def _read_row(line: int, values: dict[str, str], registry: dict[str, list[Speaker]],
              seen: dict[str, int]) -> _Row:
    speaker = None
    if "email" in values:
        email = normalized_email(values["email"])
        key = email.casefold()
        if key in seen:
            raise Invalid(_l("The same e-mail as line %(line)s.", line=seen[key]), field="email")
        seen[key] = line
        matches = registry.get(key, [])
        if len(matches) > 1:
            raise Invalid(_l("%(count)s speakers in the registry have this e-mail; merge them "
                             "first.", count=len(matches)), field="email")
        speaker = matches[0] if matches else None
    data = SpeakerInput.of(speaker) if speaker else SpeakerInput()
    for name, value in values.items():
        setattr(data, name, value)
    # The same rules as a speaker entered on the form, applied to what would be saved.
    validate_speaker(data)
    return _Row(line, data, speaker)


def import_speakers(dbs: DbSession, text: str, *, dry_run: bool) -> ImportReport:
    """Check every row of `text` (CSV with a header row) and, unless `dry_run` or a row is
    bad, add or update the speakers. Flushes; the caller commits."""
    records = _records(text)
    first = next(records, None)
    if first is None:
        raise Invalid(_l("The file is empty."), field="file")
    header = _header(first[1])
    report = ImportReport(dry_run=dry_run)
    registry = _registry_by_email(dbs)
    seen: dict[str, int] = {}
    rows: list[_Row] = []
    for line, cells in records:
        values = [_clean(cell) for cell in cells]
        if not any(values):
            continue  # blank lines and rows of empty cells, as spreadsheets leave at the end
        if len(rows) + len(report.problems) >= MAX_ROWS:
            raise Invalid(_l("At most %(limit)s speakers per file.", limit=MAX_ROWS), field="file")
        if len(values) > len(header):
            report.problems.append(RowProblem(
                line, None, _("%(values)s values, but the header names %(columns)s columns",
                              values=len(values), columns=len(header))))
            continue
        # A short row leaves its last columns empty, as hand-written files often do.
        filled = {name: value for name, value in zip(header, values, strict=False) if value}
        try:
            rows.append(_read_row(line, filled, registry, seen))
        except Invalid as error:
            report.problems.append(RowProblem(line, error.field, error.message))
    if not rows and not report.problems:
        raise Invalid(_l("The file has a header but no speaker rows."), field="file")
    report.updated = sum(1 for row in rows if row.speaker is not None)
    report.created = len(rows) - report.updated
    if report.written:
        for row in rows:
            if row.speaker is None:
                create_speaker(dbs, row.data)
            else:
                update_speaker(dbs, row.speaker, row.data)
    return report
