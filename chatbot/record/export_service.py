"""Exporting the Clerk's official record for Freedom of Information and subject-access requests.

An export verifies the chain, then, in one transaction, reads the period's entries in batches
(through :class:`SearchService`, so who may export is decided with who may search), redacts
them if asked, writes them in the chosen format, and logs the export with how many entries it
held. Only those with full access (the Clerks, the command line) may export.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, Final

from sqlalchemy.orm import Session

from chatbot.core.dates import FIRST_YEAR, LAST_YEAR, in_range
from chatbot.core.progress import SILENT, Meter, counted
from chatbot.council.file import CouncilFile
from chatbot.db.database import Database
from chatbot.db.models import RecordHead
from chatbot.errors import CouncilbotError
from chatbot.ops.files import FileRefusedError, describe_os_error, private_output
from chatbot.record.chain import GENESIS, Verification
from chatbot.record.export import (
    ExportFormat,
    ExportHeader,
    Manifest,
    Redactor,
    Subject,
    now_utc,
    write,
)
from chatbot.record.search import Access, SearchQuery, SearchService, Viewer, text_only
from chatbot.record.service import RecordService
from chatbot.record.view import EntryView
from policy_checks import PolicyEngine

__all__ = ["ExportError", "ExportOutcome", "ExportRequest", "ExportService"]

logger = logging.getLogger(__name__)

_HEAD_ID: Final[int] = 1


class ExportError(CouncilbotError):
    """The export cannot be made; the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export: a period of local days, a format, and optionally one person."""

    start: date
    end: date
    form: ExportFormat = ExportFormat.CSV
    person: str | None = None
    redact: bool = False

    def __post_init__(self) -> None:
        # As for a search: a NUL can match nothing, and PostgreSQL refuses it in a statement.
        object.__setattr__(self, "person", text_only(self.person) if self.person else None)


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What was written."""

    path: Path
    entries: int
    manifest: Manifest


class ExportService:
    """Writes exports of the record to files."""

    def __init__(
        self,
        database: Database,
        council: CouncilFile,
        *,
        search: SearchService,
        record: RecordService,
        engine: PolicyEngine | None = None,
    ) -> None:
        self._db = database
        self._council = council
        self._search = search
        self._record = record
        self._engine = engine

    def export(
        self,
        request: ExportRequest,
        viewer: Viewer,
        path: Path,
        *,
        overwrite: bool = False,
        meter: Meter = SILENT,
    ) -> ExportOutcome:
        """Write the export to ``path`` (never over an existing file unless ``overwrite``).

        Raises :class:`ExportError` when the viewer may not export, the period is back to
        front or outside the years the record can hold, redaction has no policy engine, or the
        file cannot be written there (a symbolic link, not a regular file, an unwritable
        folder). The file is written ``0600`` beside ``path`` and moved into place when whole:
        a failure leaves nothing half-written and keeps the file it was to replace. ``meter``
        follows the chain's verification, then the entries written.
        """
        if viewer.access is not Access.FULL:
            raise ExportError("Only the Clerk and the Assistant Clerk may export the record.")
        if request.end < request.start:
            raise ExportError("The period ends before it starts.")
        if not (in_range(request.start) and in_range(request.end)):
            raise ExportError(
                f"The period must lie in the years {FIRST_YEAR} to {LAST_YEAR}: nothing on the "
                "record is dated outside them."
            )
        if request.redact and self._engine is None:
            raise ExportError("Redaction needs the policy engine.")
        binary = request.form is ExportFormat.PDF
        try:
            with private_output(path, replace=overwrite) as partial, _open(partial, binary) as out:
                verification = self._record.verify(meter=meter)
                meter.start(f"Exporting to {path.name}", total=None)
                try:
                    entries, manifest = self._db.call(
                        lambda session: self._write_in(
                            session, request, viewer, out, verification, meter=meter
                        )
                    )
                finally:
                    meter.finish()
        except FileRefusedError as exc:
            hint = " (use --force to replace it)" if path.exists() and not overwrite else ""
            raise ExportError(f"{exc}{hint}") from None
        except OSError as exc:
            raise ExportError(f"{path} cannot be written ({describe_os_error(exc)})") from None
        logger.info("record export by %s: %d entries, %s", viewer.actor, entries, request.form)
        return ExportOutcome(path=path, entries=entries, manifest=manifest)

    def _write_in(
        self,
        session: Session,
        request: ExportRequest,
        viewer: Viewer,
        out: IO[Any],
        verification: Verification,
        *,
        meter: Meter,
    ) -> tuple[int, Manifest]:
        head = session.get(RecordHead, _HEAD_ID)
        manifest = Manifest(
            head_seq=head.seq if head else 0,
            head_hash=head.hash if head else GENESIS,
            intact=verification.intact,
            verified=verification.entries,
            problem=verification.problem,
        )
        query = SearchQuery(
            person=request.person,
            start=request.start,
            end=request.end,
            limit=None,
            newest_first=False,
        )
        person = self._search.person_in(session, request.person) if request.person else None
        hits = self._search.each_in(
            session,
            query,
            viewer,
            action="export",
            detail={"format": request.form.value, "redact": request.redact},
        )
        entries: Iterator[EntryView] = counted((hit.entry for hit in hits), meter)
        if request.redact and self._engine is not None:
            subject = Subject(person.telegram_id, person.names) if person else None
            entries = Redactor(self._engine, subject=subject).each(entries)
        header = ExportHeader(
            council=self._council.council.name,
            start=request.start,
            end=request.end,
            zone=self._search.zone,
            manifest=manifest,
            person=request.person,
            redacted=request.redact,
            made_at=now_utc(),
        )
        count = write(entries, out, form=request.form, header=header)
        return count, manifest


def _open(partial: Path, binary: bool) -> IO[Any]:  # noqa: FBT001 - private, one call
    """The new private file ``partial`` (made by :func:`private_output`) opened for writing."""
    if binary:
        return partial.open("wb")
    # newline="": the csv module writes its own line endings.
    return partial.open("w", encoding="utf-8", newline="")
