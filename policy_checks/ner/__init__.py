"""A small learned recogniser of people's names: hashed features and a linear tagger.

The model is trained by ``tools/ner/train_person.py`` and shipped in ``model/``; it needs
numpy only (no torch, no download). :class:`PersonTagger` reads a text and returns the spans
it takes for names, each with a probability.
"""

from __future__ import annotations

from policy_checks.ner.model import NameSpan, PersonTagger

__all__ = ["NameSpan", "PersonTagger"]
