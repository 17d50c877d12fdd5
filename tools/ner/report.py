"""Figures of the name model: the tagger alone (dev splits) and the whole engine (any split).

.venv/bin/python tools/ner/report.py dev      # tagger alone on the dev splits, by threshold
.venv/bin/python tools/ner/report.py engine   # the engine on BTC test, WNUT dev, built-in set
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
for folder in (REPO, Path(__file__).resolve().parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from train_person import NEWS_DEV, SEED, generated, generated_news, read_corpus, split_wnut  # noqa: E402

from policy_checks.engine import PolicyEngine  # noqa: E402
from policy_checks.evaluation import EVALUATION_COUNCIL, evaluate  # noqa: E402
from policy_checks.evaluation.corpus import (  # noqa: E402
    CorpusReport,
    Sentence,
    _score,
    read_conll,
    score_sentences,
)
from policy_checks.ner import PersonTagger  # noqa: E402
from policy_checks.normalise import normalise  # noqa: E402

SHARED = REPO.parent / "shared" / "data" / "ner"


def dev_sets() -> dict[str, list[Sentence]]:
    """The dev splits the settings are chosen on."""
    _, wnut_dev = split_wnut(read_corpus(SHARED / "wnut17" / "emerging.dev.conll"))
    return {
        "btc.dev": read_corpus(SHARED / "btc" / "btc.dev"),
        "wnut.dev-3/10": wnut_dev,
        "generated.dev": generated(SEED + 1, 1500),
        "news.dev": generated_news(SEED + 1, NEWS_DEV, part="dev"),
    }


def tagger_report(tagger: PersonTagger, sentences: list[Sentence], name: str) -> CorpusReport:
    """The tagger alone, on the engine's clean view."""
    report = CorpusReport(path=name)
    for sentence in sentences:
        report.sentences += 1
        clean = normalise(sentence.text).clean
        spans = [clean.to_original(s.start, s.end) for s in tagger.tag(clean.text).names]
        _score(report, sentence, spans)
    return report


def line(report: CorpusReport) -> str:
    """One line of figures."""
    return (
        f"{report.path:<22} R {report.recall:.3f}  P {report.precision:.3f}  "
        f"F1 {report.f1:.3f}  false sentences {report.clean_flagged_rate:.2%}"
    )


def main() -> int:
    """Print the figures."""
    what = sys.argv[1] if len(sys.argv) > 1 else "dev"
    if what == "dev":
        tagger = PersonTagger.load()
        sets = dev_sets()
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
            object.__setattr__(tagger, "threshold", threshold)
            print(f"threshold {threshold}")
            for name, sentences in sets.items():
                print("  " + line(tagger_report(tagger, sentences, name)))
        return 0
    engine = PolicyEngine(council=EVALUATION_COUNCIL)
    with (SHARED / "btc" / "btc.test").open(encoding="utf-8") as handle:
        btc_test = list(read_conll(handle))
    sets = {
        "btc.test (all PER)": btc_test,
        "btc.test (no @)": read_corpus(SHARED / "btc" / "btc.test"),
        **dev_sets(),
    }
    for name, sentences in sets.items():
        started = time.monotonic()
        report = score_sentences(engine, sentences, path=name)
        rate = report.sentences / (time.monotonic() - started)
        print(line(report) + f"  ({rate:.0f} sentences/s)")
        if "-v" in sys.argv:
            print("   missed:", *report.missed[:12], sep="\n     ")
            print("   false:", *report.false[:12], sep="\n     ")
    built_in = evaluate(engine)
    print("built-in set PERSON", built_in.entities["PERSON"].to_dict())
    print(f"built-in clean flagged {built_in.clean_flagged_rate:.3f}", built_in.failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
