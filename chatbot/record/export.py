"""Writing entries of the record out: CSV, JSON and a readable PDF, and redacting them.

The writers read :class:`EntryView` objects one at a time (so an export of the whole record is
streamed, never held in memory) and return how many they wrote. Every format carries each
entry's hash; the JSON and the PDF end with the manifest: the chain's head and whether the
chain verified when the export was made. Redaction is a separate step over the same views
(:class:`Redactor`), so every format is redacted alike.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import IO, Any, Final
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from chatbot.record.view import EntryView
from policy_checks import PolicyEngine

__all__ = [
    "CSV_COLUMNS",
    "THIRD_PARTY",
    "ExportFormat",
    "ExportHeader",
    "Manifest",
    "Redactor",
    "Subject",
    "spreadsheet_safe",
    "write_csv",
    "write_json",
    "write_pdf",
]

THIRD_PARTY: Final[str] = "[third party]"
LOCAL_FORMAT: Final[str] = "%d/%m/%Y %H:%M"
CSV_COLUMNS: Final[tuple[str, ...]] = (
    "seq", "kind", "occurred_at", "local_time", "chat_id", "chat_title", "message_id",
    "version", "sender_id", "sender_name", "text", "attachments", "restricted",
    "personal_data", "reason", "disposed", "hash",
)  # fmt: skip
# Spreadsheets run a cell that starts with one of these as a formula: written with a quote.
_FORMULA_START: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")
# ...and some see through what comes before, or read full-width and small forms as the same
# signs: a cell whose first visible character is one of these is quoted too.
_FORMULA_SIGNS: Final[frozenset[str]] = frozenset(
    "=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b"
)  # and full-width, small forms
# Invisible at the start of a cell: spaces (NBSP included), line breaks, control characters,
# and format characters (zero-width spaces and joiners, bidi controls, the BOM).
_INVISIBLE: Final[frozenset[str]] = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
_PDF_ENCODING: Final[str] = "windows-1252"
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FONT: Final[str] = "Helvetica"
_MONO: Final[str] = "Courier"
_MARGIN_MM: Final[float] = 15.0
_BODY_PT: Final[float] = 10.0
_SMALL_PT: Final[float] = 8.0
_TITLE_PT: Final[float] = 16.0
_LINE_MM: Final[float] = 5.0
_SMALL_LINE_MM: Final[float] = 4.0
_GAP_MM: Final[float] = 3.0
_FOOTER_MM: Final[float] = -12.0
_HASH_CELL_MM: Final[float] = 20.0
_GREY: Final[int] = 110


class ExportFormat(StrEnum):
    """The formats an export can be written in."""

    CSV = "csv"
    JSON = "json"
    PDF = "pdf"


@dataclass(frozen=True, slots=True)
class Manifest:
    """The chain's state when the export was made."""

    head_seq: int
    head_hash: str
    intact: bool
    verified: int  # entries verification read
    problem: str = ""

    def as_dict(self) -> dict[str, object]:
        """JSON-ready."""
        return {
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "intact": self.intact,
            "verified_entries": self.verified,
            "problem": self.problem,
        }


@dataclass(frozen=True, slots=True)
class ExportHeader:
    """What an export is: whose record, which period, about whom, and the chain's state."""

    council: str
    start: date
    end: date
    zone: ZoneInfo
    manifest: Manifest
    person: str | None = None
    redacted: bool = False
    made_at: datetime | None = None

    @property
    def period(self) -> str:
        """The period, as people write it."""
        return f"{self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime(LOCAL_FORMAT)


def _row(view: EntryView, zone: ZoneInfo) -> dict[str, Any]:
    row = view.as_dict()
    row["local_time"] = _local(view.occurred_at, zone)
    return row


# CSV -------------------------------------------------------------------------------------


def spreadsheet_safe(value: str) -> str:
    """A text cell, with a leading apostrophe if a spreadsheet would run it as a formula."""
    return "'" + value if _formula_like(value) else value


def _formula_like(value: str) -> bool:
    """Whether a spreadsheet could take ``value`` for a formula (OWASP's list, and more).

    Beyond the six characters OWASP lists, the first *visible* character is judged: leading
    spaces, no-break spaces, line breaks, zero-width and bidi control characters are seen
    through, and the full-width and small forms of ``= + - @`` count as the signs.
    """
    if value.startswith(_FORMULA_START):
        return True
    for character in value:
        if unicodedata.category(character) not in _INVISIBLE:
            return character in _FORMULA_SIGNS
    return False


def _csv_row(view: EntryView, zone: ZoneInfo) -> tuple[object, ...]:
    """One entry in the order of :data:`CSV_COLUMNS` (written out: this runs for every entry)."""
    attachments = (
        json.dumps(list(view.attachments), ensure_ascii=False, sort_keys=True)
        if view.attachments
        else ""
    )
    safe = spreadsheet_safe
    return (
        view.seq, view.kind, view.occurred_at.isoformat(), _local(view.occurred_at, zone),
        view.chat_id, safe(view.chat_title), view.message_id, view.version, view.sender_id,
        safe(view.sender_name), safe(view.text), safe(attachments), view.restricted,
        view.personal_data, safe(view.reason), view.disposed, view.hash,
    )  # fmt: skip


def write_csv(entries: Iterable[EntryView], out: IO[str], *, zone: ZoneInfo) -> int:
    """Write ``entries`` as CSV (a header row, then one row each); how many were written.

    ``out`` should be opened with ``newline=""``. Text that a spreadsheet would run as a
    formula is written with a leading apostrophe.
    """
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for view in entries:
        writer.writerow(_csv_row(view, zone))
        count += 1
    return count


# JSON ------------------------------------------------------------------------------------


def write_json(entries: Iterable[EntryView], out: IO[str], *, header: ExportHeader) -> int:
    """Write one JSON document: the export's header, its entries, then the manifest."""
    intro = {
        "council": header.council,
        "from": header.start.isoformat(),
        "to": header.end.isoformat(),
        "time_zone": header.zone.key,
        "person": header.person,
        "redacted": header.redacted,
        "made_at": header.made_at.isoformat() if header.made_at else None,
    }
    out.write("{\n")
    for key, value in intro.items():
        out.write(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    out.write(' "entries": [')
    count = 0
    for view in entries:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(_row(view, header.zone), ensure_ascii=False))
        count += 1
    out.write("\n ],\n")
    manifest = {**header.manifest.as_dict(), "entries": count}
    out.write(f' "manifest": {json.dumps(manifest)}\n}}\n')
    return count


# PDF -------------------------------------------------------------------------------------


def pdf_text(text: str) -> str:
    """``text`` as the PDF's core font can draw it: characters it lacks become ``?``."""
    text = _CONTROL.sub(" ", text.replace("\t", "    "))
    return text.encode(_PDF_ENCODING, errors="replace").decode(_PDF_ENCODING)


class _RecordPdf(FPDF):
    """A4 pages with the council and period at the top and "Page n of m" at the foot."""

    def __init__(self, header: ExportHeader) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._about = header
        self.core_fonts_encoding = _PDF_ENCODING
        self.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=_MARGIN_MM + _LINE_MM)
        self.set_title(pdf_text(f"{header.council}: the record, {header.period}"))
        self.set_creator("councilbot")

    def header(self) -> None:
        """The council and the period on every page."""
        self.set_font(_FONT, size=_SMALL_PT)
        self.set_text_color(_GREY)
        line = f"{self._about.council} - official record, {self._about.period}"
        self.cell(0, _SMALL_LINE_MM, pdf_text(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(_GAP_MM)
        self.set_text_color(0)

    def footer(self) -> None:
        """``Page n of m``."""
        self.set_y(_FOOTER_MM)
        self.set_font(_FONT, size=_SMALL_PT)
        self.set_text_color(_GREY)
        self.cell(0, _SMALL_LINE_MM, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)

    def line_of(self, text: str, *, size: float = _BODY_PT, style: str = "") -> None:
        """A paragraph, wrapped to the page."""
        self.set_font(_FONT, style=style, size=size)
        self.multi_cell(0, _LINE_MM, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _title_page(pdf: _RecordPdf, header: ExportHeader) -> None:
    pdf.add_page()
    pdf.line_of(header.council, size=_TITLE_PT, style="B")
    pdf.ln(_GAP_MM)
    pdf.line_of(f"Extract from the Clerk's official record: {header.period}")
    pdf.line_of(f"Times are local ({header.zone.key}).")
    if header.person:
        pdf.line_of(f"Entries about: {header.person}")
    if header.redacted:
        pdf.line_of("Third parties' personal data has been redacted.")
    if header.made_at is not None:
        pdf.line_of(f"Made: {_local(header.made_at, header.zone)}")
    pdf.ln(_GAP_MM)


def _entry(pdf: _RecordPdf, view: EntryView, zone: ZoneInfo) -> None:
    sender = view.sender_name or (f"user {view.sender_id}" if view.sender_id else "-")
    where = view.chat_title or (f"chat {view.chat_id}" if view.chat_id else view.kind)
    pdf.line_of(f"#{view.seq}  {_local(view.occurred_at, zone)}  {where}  {sender}", style="B")
    flags = [view.kind] if view.kind != "message" else []
    if view.restricted:
        flags.append(f"RESTRICTED ({view.reason})" if view.reason else "RESTRICTED")
    if flags:
        pdf.line_of(", ".join(flags), size=_SMALL_PT, style="I")
    if view.disposed:
        pdf.line_of("[disposed of under the retention schedule: content destroyed]", style="I")
    else:
        pdf.line_of(view.text or "(no text)")
        for attachment in view.attachments:
            pdf.line_of(f"Attachment: {attachment.get('name') or 'unnamed'}", size=_SMALL_PT)
    pdf.ln(_GAP_MM / 2)


def _manifest(pdf: _RecordPdf, hashes: list[tuple[int, str]], header: ExportHeader) -> None:
    manifest = header.manifest
    pdf.add_page()
    pdf.line_of("Hash manifest", size=_TITLE_PT / 1.25, style="B")
    state = "intact" if manifest.intact else f"BROKEN ({manifest.problem})"
    pdf.line_of(f"Chain verified when this export was made: {state}.")
    pdf.line_of(f"Entries verified: {manifest.verified}. Entries in this export: {len(hashes)}.")
    pdf.line_of("Chain head:")
    pdf.set_font(_MONO, size=_SMALL_PT)
    pdf.cell(_HASH_CELL_MM, _SMALL_LINE_MM, str(manifest.head_seq))
    pdf.cell(0, _SMALL_LINE_MM, manifest.head_hash, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(_GAP_MM)
    pdf.line_of("Each entry's sequence number and hash:")
    pdf.set_font(_MONO, size=_SMALL_PT)
    for seq, hash_ in hashes:
        pdf.cell(_HASH_CELL_MM, _SMALL_LINE_MM, str(seq))
        pdf.cell(0, _SMALL_LINE_MM, hash_, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def write_pdf(entries: Iterable[EntryView], out: IO[bytes], *, header: ExportHeader) -> int:
    """Write a readable PDF: a title, each entry, then the hash manifest; how many entries."""
    pdf = _RecordPdf(header)
    _title_page(pdf, header)
    hashes: list[tuple[int, str]] = []
    for view in entries:
        _entry(pdf, view, header.zone)
        hashes.append((view.seq, view.hash))
    if not hashes:
        pdf.line_of("No entries in this period.", style="I")
    _manifest(pdf, hashes, header)
    out.write(bytes(pdf.output()))
    return len(hashes)


def write(
    entries: Iterable[EntryView], out: IO[Any], *, form: ExportFormat, header: ExportHeader
) -> int:
    """Write ``entries`` in ``form`` (``out`` binary for PDF, text otherwise)."""
    if form is ExportFormat.CSV:
        return write_csv(entries, out, zone=header.zone)
    if form is ExportFormat.JSON:
        return write_json(entries, out, header=header)
    return write_pdf(entries, out, header=header)


# redaction -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subject:
    """The data subject of a subject-access export: their Telegram id and folded names."""

    telegram_id: int | None
    names: tuple[str, ...]

    def named_in(self, text: str) -> bool:
        """Whether ``text`` is (or contains, as whole words) one of the subject's names."""
        folded = " ".join(text.casefold().split())
        return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded) for n in self.names if n)

    def sent(self, view: EntryView) -> bool:
        """Whether the subject sent ``view``."""
        if self.telegram_id is not None and view.sender_id == self.telegram_id:
            return True
        return bool(view.sender_name) and self.named_in(view.sender_name)


class Redactor:
    """Hides third parties' personal data: the subject's own name and aliases stay.

    Personal-data findings of the policy engine are replaced by their placeholders
    (``<PHONE_NUMBER>``), except a name that is the subject's; the names and ids of senders
    other than the subject become ``[third party]``. Without a subject, everyone is a third
    party.
    """

    def __init__(self, engine: PolicyEngine, *, subject: Subject | None = None) -> None:
        self._engine = engine
        self._subject = subject

    def text(self, text: str) -> str:
        """``text`` with third parties' personal data replaced."""
        if not text.strip():
            return text
        verdict = self._engine.check(text)
        pieces: list[str] = []
        cursor = 0
        for finding in verdict.findings:
            if finding.rule != "personal_data" or finding.start < cursor:
                continue
            value = text[finding.start : finding.end]
            if self._subject is not None and self._subject.named_in(value):
                continue
            pieces += [text[cursor : finding.start], finding.placeholder]
            cursor = finding.end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def __call__(self, view: EntryView) -> EntryView:
        """``view`` redacted."""
        ours = self._subject is not None and self._subject.sent(view)
        attachments = tuple(
            {**a, "name": self.text(str(a.get("name", "")))} for a in view.attachments
        )
        return replace(
            view,
            text=self.text(view.text),
            sender_name=view.sender_name if ours or not view.sender_name else THIRD_PARTY,
            sender_id=view.sender_id if ours else None,
            attachments=attachments,
        )

    def each(self, entries: Iterable[EntryView]) -> Iterator[EntryView]:
        """Redact ``entries`` one by one."""
        for view in entries:
            yield self(view)


def now_utc() -> datetime:
    """The moment an export is made."""
    return datetime.now(UTC)
