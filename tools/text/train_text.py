"""Train the text scorers: one logistic regression per rule over hashed word features.

Data (read in place, never copied into the repository):

* ``../shared/data/abuse/davidson/davidson-70.jsonl`` (MIT): ``hate`` -> discrimination and
  abuse, ``offensive`` -> abuse, ``neither`` -> nothing. Split by a hash of ``id``
  (:func:`davidson_part`): 70 % train, 15 % dev (calibration), 15 % test (never tuned on).
* ``tools/eval/council_train.jsonl`` (``tools/text/council_data.py``): generated council
  messages, split 85/15 into train and dev by a hash of the text.

The held-out ``tools/eval/council_test.jsonl`` and the Davidson test part are not read here.

Numpy only (mini-batch Adam on the sparse features); a few minutes on two cores. Writes
``policy_checks/scorers/model/weights.npy`` (float16) and ``meta.json`` with per-rule
thresholds chosen on the dev parts for precision (see :func:`calibrate`).

Run: ``python tools/text/train_text.py [--data ../shared/data]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from policy_checks.evaluation.jsonl import davidson_part  # noqa: E402
from policy_checks.normalise import normalise  # noqa: E402
from policy_checks.scorers.features import (  # noqa: E402
    BITS,
    DIMENSIONS,
    scored_words,
    token_features,
)

RULES = ("abuse", "threat", "discrimination", "political", "commercial", "allegation")
DAVIDSON_LABELS = {"hate": ("discrimination", "abuse"), "offensive": ("abuse",), "neither": ()}
DAVIDSON_FILE = Path("abuse") / "davidson" / "davidson-70.jsonl"
COUNCIL_TRAIN = ROOT / "tools" / "eval" / "council_train.jsonl"
MODEL_DIR = ROOT / "policy_checks" / "scorers" / "model"
SEED = 13


def council_part(text: str) -> str:
    """``train`` or ``dev`` for a generated council message."""
    bucket = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % 100
    return "train" if bucket < 85 else "dev"


class Data:
    """Messages as hashed features with their rule labels."""

    def __init__(self, texts: Sequence[str], labels: Sequence[Iterable[str]], source: str) -> None:
        self.texts = list(texts)
        self.source = source
        self.y = np.zeros((len(texts), len(RULES)), dtype=np.float32)
        for row, rules in enumerate(labels):
            for rule in rules:
                self.y[row, RULES.index(rule)] = 1.0
        self.features: list[npt.NDArray[np.intp]] = []
        self.scale = np.zeros(len(texts), dtype=np.float32)
        for row, text in enumerate(self.texts):
            words = scored_words(normalise(text))
            per_word = token_features(words)
            flat = [i for f in per_word for i in f]
            self.features.append(np.asarray(flat, dtype=np.intp))
            self.scale[row] = 1.0 / math.sqrt(len(per_word)) if per_word else 0.0

    def __len__(self) -> int:
        return len(self.texts)


def load_davidson(data: Path) -> dict[str, tuple[list[str], list[tuple[str, ...]], list[str]]]:
    parts: dict[str, tuple[list[str], list[tuple[str, ...]], list[str]]] = {
        p: ([], [], []) for p in ("train", "dev", "test")
    }
    with (data / DAVIDSON_FILE).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts, labels, raw = parts[davidson_part(row["id"])]
            texts.append(row["text"])
            labels.append(DAVIDSON_LABELS[row["label"]])
            raw.append(row["label"])
    return parts


def load_council() -> dict[str, tuple[list[str], list[list[str]]]]:
    parts: dict[str, tuple[list[str], list[list[str]]]] = {"train": ([], []), "dev": ([], [])}
    with COUNCIL_TRAIN.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts, labels = parts[council_part(row["text"])]
            texts.append(row["text"])
            labels.append([r for r in row["rules"] if r in RULES])
    return parts


def _logits(
    weights: npt.NDArray[np.float32], bias: npt.NDArray[np.float32], data: Data, rows: Sequence[int]
) -> npt.NDArray[np.float32]:
    out = np.zeros((len(rows), len(RULES)), dtype=np.float32)
    for i, row in enumerate(rows):
        feats = data.features[row]
        if feats.size:
            out[i] = weights[feats].sum(axis=0) * data.scale[row]
    return out + bias


def predict(
    weights: npt.NDArray[np.float32], bias: npt.NDArray[np.float32], data: Data
) -> npt.NDArray[np.float32]:
    """Probabilities for every message of ``data``."""
    logits = _logits(weights, bias, data, range(len(data)))
    return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)


def train(
    sets: Sequence[tuple[Data, float]], *, epochs: int, rate: float, l2: float, batch: int
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Mini-batch Adam on the summed logistic losses; ``sets`` carry a per-set weight."""
    rng = np.random.default_rng(SEED)
    weights = np.zeros((DIMENSIONS, len(RULES)), dtype=np.float32)
    bias = np.zeros(len(RULES), dtype=np.float32)
    m = np.zeros_like(weights)
    v = np.zeros_like(weights)
    mb = np.zeros_like(bias)
    vb = np.zeros_like(bias)
    index = [(k, row) for k, (data, _) in enumerate(sets) for row in range(len(data))]
    # Positives are rarer for most rules: weigh them up to a quarter of the data per rule.
    y_all = np.concatenate([d.y for d, _ in sets])
    positive_weight = np.clip(0.25 * len(y_all) / np.maximum(y_all.sum(axis=0), 1), 1.0, 6.0)
    step = 0
    for epoch in range(epochs):
        order = rng.permutation(len(index))
        loss_sum = 0.0
        for start in range(0, len(order), batch):
            chosen = [index[i] for i in order[start : start + batch]]
            feats, rows_of, vals, ys, ws = [], [], [], [], []
            for j, (k, row) in enumerate(chosen):
                data, weight = sets[k]
                f = data.features[row]
                feats.append(f)
                rows_of.append(np.full(f.size, j, dtype=np.intp))
                vals.append(np.full(f.size, data.scale[row], dtype=np.float32))
                ys.append(data.y[row])
                ws.append(weight)
            flat = np.concatenate(feats)
            rows = np.concatenate(rows_of)
            value = np.concatenate(vals)
            y = np.stack(ys)
            w = np.asarray(ws, dtype=np.float32)[:, None] * np.where(y > 0, positive_weight, 1.0)
            logits = np.zeros((len(chosen), len(RULES)), dtype=np.float32)
            np.add.at(logits, rows, weights[flat] * value[:, None])
            logits += bias
            p = 1.0 / (1.0 + np.exp(-logits))
            loss_sum += float(-(w * (y * np.log(p + 1e-7) + (1 - y) * np.log(1 - p + 1e-7))).sum())
            g = (p - y) * w / len(chosen)
            grad = np.zeros_like(weights)
            touched = np.unique(flat)
            for h in range(len(RULES)):
                grad[:, h] = np.bincount(flat, weights=g[rows, h] * value, minlength=DIMENSIONS)
            grad[touched] += l2 * weights[touched]
            gb = g.sum(axis=0)
            step += 1
            b1, b2 = 0.9, 0.999
            m[touched] = b1 * m[touched] + (1 - b1) * grad[touched]
            v[touched] = b2 * v[touched] + (1 - b2) * grad[touched] ** 2
            correction = math.sqrt(1 - b2**step) / (1 - b1**step)
            weights[touched] -= rate * correction * m[touched] / (np.sqrt(v[touched]) + 1e-8)
            mb = b1 * mb + (1 - b1) * gb
            vb = b2 * vb + (1 - b2) * gb**2
            bias -= rate * correction * mb / (np.sqrt(vb) + 1e-8)
        print(f"epoch {epoch + 1}: loss {loss_sum / len(index):.4f}", flush=True)
    return weights, bias


def _threshold_at_rate(scores: npt.NDArray[np.float32], rate: float) -> float:
    """The lowest threshold that flags at most ``rate`` of ``scores``."""
    if scores.size == 0:
        return 0.5
    ordered = np.sort(scores)[::-1]
    allowed = math.floor(rate * len(ordered))
    return float(min(0.99, max(0.3, ordered[allowed] + 1e-4)))


ACT_FLOOR = 0.55
WARN_FLOOR = 0.45


def calibrate(
    clean_council: npt.NDArray[np.float32], neither: npt.NDArray[np.float32]
) -> dict[str, dict[str, float]]:
    """Per rule, thresholds chosen on the dev parts for precision.

    ``act`` (the rule's action): at most 0.1 % of clean dev business and 0.3 % of "neither"
    dev tweets reach it, and never below 0.55. ``warn``: at most 0.6 % of clean dev business
    and 0.3 % of "neither" tweets, never below 0.45. The generated dev business is easier than
    real chat, so the floors, not the rates, decide most rules.
    """
    out: dict[str, dict[str, float]] = {}
    for h, rule in enumerate(RULES):
        act = max(
            ACT_FLOOR,
            _threshold_at_rate(clean_council[:, h], 0.001),
            _threshold_at_rate(neither[:, h], 0.003),
        )
        warn = max(
            WARN_FLOOR,
            _threshold_at_rate(clean_council[:, h], 0.006),
            _threshold_at_rate(neither[:, h], 0.003),
        )
        out[rule] = {"warn": round(min(warn, act), 4), "act": round(act, 4)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--rate", type=float, default=0.02)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--batch", type=int, default=256)
    args = parser.parse_args()
    started = time.perf_counter()
    davidson = load_davidson(args.data)
    council = load_council()
    d_train = Data(davidson["train"][0], davidson["train"][1], "davidson")
    d_dev = Data(davidson["dev"][0], davidson["dev"][1], "davidson")
    c_train = Data(*council["train"], source="council")
    c_dev = Data(*council["dev"], source="council")
    print(
        f"features built in {time.perf_counter() - started:.0f}s: davidson {len(d_train)}"
        f"/{len(d_dev)}, council {len(c_train)}/{len(c_dev)}",
        flush=True,
    )
    weights, bias = train(
        [(d_train, 1.0), (c_train, 1.5)],
        epochs=args.epochs, rate=args.rate, l2=args.l2, batch=args.batch,
    )  # fmt: skip
    weights16 = weights.astype(np.float16)
    weights = weights16.astype(np.float32)
    p_c = predict(weights, bias, c_dev)
    p_d = predict(weights, bias, d_dev)
    clean = p_c[c_dev.y.sum(axis=1) == 0]
    neither = p_d[np.asarray([lab == "neither" for lab in davidson["dev"][2]])]
    thresholds = calibrate(clean, neither)
    for h, rule in enumerate(RULES):
        t = thresholds[rule]
        pos = p_c[c_dev.y[:, h] > 0, h]
        dpos = p_d[d_dev.y[:, h] > 0, h]
        print(
            f"{rule:<15} warn {t['warn']:.3f} act {t['act']:.3f}  council dev recall "
            f"{(pos >= t['warn']).mean() if pos.size else float('nan'):.3f}  davidson dev recall "
            f"{(dpos >= t['warn']).mean() if dpos.size else float('nan'):.3f}"
        )
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    np.save(MODEL_DIR / "weights.npy", weights16, allow_pickle=False)
    meta = {
        "bits": BITS,
        "rules": list(RULES),
        "bias": [round(float(b), 6) for b in bias],
        "thresholds": thresholds,
        "recipe": {
            "epochs": args.epochs, "rate": args.rate, "l2": args.l2, "batch": args.batch,
            "davidson_train": len(d_train), "council_train": len(c_train),
        },
    }  # fmt: skip
    (MODEL_DIR / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"done in {time.perf_counter() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
