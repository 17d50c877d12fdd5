"""Build ``tools/eval/council_test.jsonl`` from the hand-written ``council_test.txt``.

Each line is ``rules | kind | text``; ``{ENTITY:value}`` marks personal data and becomes a
label with exact offsets. A value may run onto the next line (a number with a line break).
Deterministic; run ``python tools/eval/make_council_test.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "council_test.txt"
OUTPUT = HERE / "council_test.jsonl"
_SLOT = re.compile(r"\{([A-Z_]+):([^{}]+)\}")


def _records(text: str) -> list[str]:
    """Lines, with a line that opens a slot joined to the line that closes it."""
    out: list[str] = []
    for line in text.splitlines():
        if out and out[-1].count("{") > out[-1].count("}"):
            out[-1] += "\n" + line
        elif line.strip() and not line.startswith("#"):
            out.append(line)
    return out


def main() -> None:
    """Write the held-out set."""
    rows: list[dict[str, object]] = []
    for number, record in enumerate(_records(SOURCE.read_text(encoding="utf-8"))):
        rules_field, kind, body = (part.strip(" ") for part in record.split(" | ", 2))
        entities: list[dict[str, object]] = []
        text = ""
        pos = 0
        for match in _SLOT.finditer(body):
            text += body[pos : match.start()]
            value = match.group(2)
            entities.append(
                {"entity": match.group(1), "start": len(text), "end": len(text) + len(value)}
            )
            text += value
            pos = match.end()
        text += body[pos:]
        rules = [] if rules_field == "-" else rules_field.split(",")
        row: dict[str, object] = {
            "id": f"h{number:04d}",
            "text": text,
            "rules": rules,
            "kind": kind,
        }
        if entities:
            row["entities"] = entities
        rows.append(row)
    with OUTPUT.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} messages to {OUTPUT}")


if __name__ == "__main__":
    main()
