"""Building Presidio results the way the analyzer expects them, for our own recognisers."""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult


def recognizer_result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, *, why: str
) -> RecognizerResult:
    """A result tagged with the recogniser that found it (context words need the tag)."""
    name = type(recognizer).__name__
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(
            recognizer=name, original_score=score, textual_explanation=why
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
