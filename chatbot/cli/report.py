"""How ``councilbot check`` shows a verdict: one JSON object, or a few readable lines."""

from __future__ import annotations

import json

from policy_checks import Verdict, mask
from policy_checks.verdict import MASKED_RULES


def render(verdict: Verdict, *, as_json: bool) -> str:
    """The verdict as printed, ending with a newline."""
    if as_json:
        return json.dumps(verdict.to_dict(), ensure_ascii=False) + "\n"
    lines = [f"{verdict.action.value.upper():<5}  {verdict.text}"]
    for finding in verdict.findings:
        what = f"{finding.rule} ({finding.entity})" if finding.entity else finding.rule
        shown = verdict.text[finding.start : finding.end]
        if finding.rule in MASKED_RULES:
            shown = mask(shown)
        lines.append(
            f'       {what}: "{shown}" [{finding.start}:{finding.end}] breaches: "{finding.clause}"'
        )
    if verdict.findings and verdict.redacted != verdict.text:
        lines.append(f"       redacted: {verdict.redacted}")
    return "\n".join(lines) + "\n"
