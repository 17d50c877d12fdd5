"""Train the name tagger shipped in ``policy_checks/ner/model/`` (deterministic, a few minutes).

    .venv/bin/python tools/ner/train_person.py [--shared ../shared] [--epochs 8]

Reads the corpora from ``../shared/data`` (never copied into the repository):

* train: BTC ``btc.train``, seven tenths of WNUT-17 ``emerging.dev.conll``, generated council
  chat (``synthetic.py``) and generated news and brand-heavy social posts (``news.py``);
* dev (threshold and settings): BTC ``btc.dev``, the other three tenths of WNUT-17 dev, more
  generated sentences of both kinds (other seeds);
* BTC ``btc.test`` is never read here: it is the held-out report (``tools/ner/report.py``).

BTC labels Twitter @-mentions as people; they are user names, not names, and are taken out
of the labels (the recogniser leaves them alone). Other entity types count as "no name".
The model is a multinomial logistic regression over hashed features (O / B / I per token),
fitted with AdaGrad on mini-batches in numpy; list features are dropped at random for a
quarter of the tokens so the model learns shapes and context, not only the lists.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parents[2]
for folder in (REPO, Path(__file__).resolve().parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import lexicon as lexicon_lists  # noqa: E402
from news import NewsGenerator  # noqa: E402
from synthetic import Generator  # noqa: E402

from policy_checks.evaluation.corpus import Sentence, read_conll  # noqa: E402
from policy_checks.ner.features import (  # noqa: E402
    BOS,
    DIMENSIONS,
    EOS,
    LABELS,
    Lexicon,
    hashed,
    pair_features,
    sentence_mode,
    tokenize,
    word_features,
)
from policy_checks.normalise import normalise  # noqa: E402

MODEL_DIR = REPO / "policy_checks" / "ner" / "model"
SEED = 13
WIDTH = 72  # features per token, padded
SYNTHETIC_TRAIN = 9000
SYNTHETIC_DEV = 1500
NEWS_TRAIN = 9000
NEWS_DEV = 1500
LIST_DROPOUT = 0.25

IntArray = npt.NDArray[np.int32]


@dataclass(frozen=True, slots=True)
class Tokens:
    """A sentence as the tagger sees it: words and gold labels (indices into ``LABELS``)."""

    words: list[str]
    labels: list[int]


def strip_mentions(sentence: Sentence) -> Sentence:
    """Drop gold names that are Twitter @-mentions (the word right after an ``@``)."""
    text = sentence.text
    kept = tuple(
        (start, end)
        for start, end in sentence.names
        if not text[start:end].startswith("@") and not text[:start].endswith("@ ")
    )
    return Sentence(text, kept)


def to_tokens(text: str, names: Sequence[tuple[int, int]]) -> Tokens:
    """Normalise like the engine, tokenise like the tagger, and label each token."""
    clean = normalise(text).clean
    origin = clean.origins()
    words: list[str] = []
    labels: list[int] = []
    previous_name: int | None = None
    for start, end in tokenize(clean.text):
        words.append(clean.text[start:end])
        at = origin[start] if start < len(origin) else start
        name = next((i for i, (s, e) in enumerate(names) if s <= at < e), None)
        if name is None:
            labels.append(0)
        else:
            labels.append(2 if name == previous_name else 1)
        previous_name = name
    return Tokens(words, labels)


def read_corpus(path: Path) -> list[Sentence]:
    """A CoNLL file's sentences, @-mentions unlabelled."""
    with path.open(encoding="utf-8") as handle:
        return [strip_mentions(s) for s in read_conll(handle)]


def split_wnut(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Seven tenths for training, three for dev, interleaved."""
    train = [s for i, s in enumerate(sentences) if i % 10 < 7]
    dev = [s for i, s in enumerate(sentences) if i % 10 >= 7]
    return train, dev


def generated(seed: int, count: int) -> list[Sentence]:
    """Generated council-chat sentences as corpus sentences."""
    return [Sentence(e.text, e.names) for e in Generator(seed).examples(count)]


def generated_news(seed: int, count: int, *, part: str = "train") -> list[Sentence]:
    """Generated news and brand-heavy social sentences (``part``: the templates' share)."""
    return [Sentence(e.text, e.names) for e in NewsGenerator(seed, part=part).examples(count)]


class Featurizer:
    """Hashed feature rows per token, with and without the word lists."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._cache: dict[tuple[str, str, bool], list[list[int]]] = {}

    def _word(self, word: str, mode: str, *, lists: bool) -> list[list[int]]:
        key = (word, mode, lists)
        rows = self._cache.get(key)
        if rows is None:
            rows = [hashed(f) for f in word_features(word, mode, self._lexicon, lists=lists)]
            self._cache[key] = rows
        return rows

    def sentence(self, words: list[str], *, lists: bool) -> Iterator[list[int]]:
        """Each token's feature rows."""
        mode = sentence_mode(words)
        padded = [BOS, BOS, *words, EOS, EOS]
        per_word = [self._word(w, mode, lists=lists) for w in padded]
        for i in range(len(words)):
            rows: list[int] = []
            for m in range(5):
                rows.extend(per_word[i + m][m])
            rows.extend(hashed(pair_features(padded[i + 1], padded[i + 2], padded[i + 3])))
            yield rows


def matrix(featurizer: Featurizer, data: Iterable[Tokens]) -> tuple[IntArray, IntArray, IntArray]:
    """Padded feature rows (with lists, without) and labels."""
    full: list[list[int]] = []
    bare: list[list[int]] = []
    labels: list[int] = []
    for tokens in data:
        if not tokens.words:
            continue
        full.extend(featurizer.sentence(tokens.words, lists=True))
        bare.extend(featurizer.sentence(tokens.words, lists=False))
        labels.extend(tokens.labels)
    return _pad(full), _pad(bare), np.array(labels, dtype=np.int32)


def _pad(rows: list[list[int]]) -> IntArray:
    out = np.full((len(rows), WIDTH), DIMENSIONS, dtype=np.int32)
    for i, row in enumerate(rows):
        kept = row[:WIDTH]
        out[i, : len(kept)] = kept
    return out


def train(
    full: IntArray, bare: IntArray, labels: IntArray, *, epochs: int, rate: float, l2: float
) -> npt.NDArray[np.float32]:
    """Multinomial logistic regression with AdaGrad; the padding row stays zero."""
    rng = np.random.default_rng(SEED)
    classes = len(LABELS)
    weights = np.zeros((DIMENSIONS + 1, classes), dtype=np.float32)
    squares = np.full((DIMENSIONS + 1, classes), 1e-6, dtype=np.float32)
    count, width = full.shape
    batch = 256
    for epoch in range(epochs):
        started = time.monotonic()
        drop = np.asarray(rng.random(count) < LIST_DROPOUT)
        rows_all = np.where(drop[:, None], bare, full)
        order = rng.permutation(count)
        loss = 0.0
        for begin in range(0, count, batch):
            chosen = order[begin : begin + batch]
            rows = rows_all[chosen]
            gold = labels[chosen]
            logits = weights[rows].sum(axis=1)
            logits -= logits.max(axis=1, keepdims=True)
            probabilities = np.exp(logits)
            probabilities /= probabilities.sum(axis=1, keepdims=True)
            loss -= float(np.log(probabilities[np.arange(len(gold)), gold] + 1e-9).sum())
            gradient = probabilities
            gradient[np.arange(len(gold)), gold] -= 1.0
            flat = rows.ravel()
            unique, inverse = np.unique(flat, return_inverse=True)
            summed = np.stack(
                [
                    np.bincount(
                        inverse, weights=np.repeat(gradient[:, c], width), minlength=len(unique)
                    )
                    for c in range(classes)
                ],
                axis=1,
            ).astype(np.float32)
            summed += l2 * weights[unique]
            squares[unique] += summed**2
            weights[unique] -= rate * summed / np.sqrt(squares[unique])
            weights[DIMENSIONS] = 0.0
        print(f"epoch {epoch + 1}: loss {loss / count:.4f} ({time.monotonic() - started:.0f} s)")
    return weights[:DIMENSIONS]


def main(argv: list[str] | None = None) -> int:
    """Build the lists, train, and write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--l2", type=float, default=1e-5)
    parser.add_argument("--threshold", type=float, default=0.6)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args(argv)
    ner = args.shared / "data" / "ner"
    if not ner.is_dir():
        print(f"no corpora at {ner}", file=sys.stderr)
        return 2
    btc_train = read_corpus(ner / "btc" / "btc.train")
    wnut_train, _ = split_wnut(read_corpus(ner / "wnut17" / "emerging.dev.conll"))
    synthetic = generated(SEED, SYNTHETIC_TRAIN)
    news = generated_news(SEED, NEWS_TRAIN)
    btc_dev = read_corpus(ner / "btc" / "btc.dev")
    corpus_words = [s.text.split() for s in (*btc_train, *btc_dev, *wnut_train)]
    lists = lexicon_lists.build([*corpus_words, *lexicon_lists.davidson_sentences(args.shared)])
    lexicon = Lexicon(**{k: frozenset(v) for k, v in lists.items()})
    featurizer = Featurizer(lexicon)
    started = time.monotonic()
    data = [to_tokens(s.text, s.names) for s in (*btc_train, *wnut_train, *synthetic, *news)]
    full, bare, labels = matrix(featurizer, data)
    print(f"{len(labels)} tokens, features in {time.monotonic() - started:.0f} s")
    weights = train(full, bare, labels, epochs=args.epochs, rate=args.rate, l2=args.l2)
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "weights.npy", weights.astype(np.float16))
    (args.out / "lexicon.json.gz").write_bytes(
        gzip.compress(json.dumps(lists, separators=(",", ":")).encode("utf-8"), mtime=0)
    )
    meta = {
        "model": "councilbot person tagger",
        "version": 3,
        "labels": list(LABELS),
        "dimensions": DIMENSIONS,
        "threshold": args.threshold,
        "seed": SEED,
        "epochs": args.epochs,
        "rate": args.rate,
        "l2": args.l2,
        "list_dropout": LIST_DROPOUT,
        "training_tokens": len(labels),
        "training": [
            "BTC btc.train (CC BY 4.0), @-mentions unlabelled",
            "WNUT-17 emerging.dev.conll, sentences i % 10 < 7 (CC BY 4.0)",
            f"{SYNTHETIC_TRAIN} generated council sentences (seed {SEED})",
            f"{NEWS_TRAIN} generated news and social sentences (seed {SEED})",
        ],
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
