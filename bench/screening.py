"""Screening benchmark: build, speed and accuracy on a synthetic list, against two baselines.

Run: .venv/bin/python bench/screening.py [--size N] [--curve PATH.csv] [--pairs-only]

Everything is made here from a fixed seed; nothing is downloaded. Prints `name: value` lines.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import multiprocessing
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from safepassage.screening.engine import (
    ALERT_THRESHOLD,
    Entity,
    Index,
    IndexBuilder,
    Query,
    build_index,
    parse_date,
    parse_ftm,
)
from safepassage.screening.engine.eval import metrics as eval_metrics
from safepassage.screening.engine.eval.generate import Pair, load_pairs
from safepassage.screening.engine.eval.metrics import Scored
from safepassage.screening.engine.evaluation import (
    LIST_SYSTEMS,
    Case,
    PeopleGenerator,
    Person,
    evaluation_cases,
    render_person,
)
from safepassage.screening.engine.keys import normalise
from safepassage.screening.engine.model import PERSON

SEED = 20240601
RAPIDFUZZ_ALERT = 85.0  # token_sort_ratio, 0-100
LOGIC_V2_ALERT = 0.7  # yente's default threshold
LOGIC_V2_CANDIDATES = 20


def entity_json(number: int, person: Person) -> dict[str, Any]:
    """A FollowTheMoney Person as OpenSanctions would publish it, derived from the number."""
    system = LIST_SYSTEMS[number % len(LIST_SYSTEMS)]
    latin = render_person(person, system, "GPS")
    given, patronymic, surname = (p for p in latin.text.split(" "))
    properties: dict[str, list[str]] = {"name": [latin.text]}
    if number % 2:
        properties["alias"] = [" ".join(person.cyrillic_parts())]
    if number % 3 == 0:
        properties.update(firstName=[given], fatherName=[patronymic], lastName=[surname])
    if person.birth is not None:
        properties["birthDate"] = [str(person.birth)]
    properties["topics"] = ["sanction"] if number % 7 else ["wanted"]
    return {
        "id": f"syn-{number}",
        "schema": "Person",
        "caption": latin.text,
        "datasets": ["synthetic"],
        "first_seen": "2024-01-01T00:00:00",
        "last_seen": "2024-06-01T00:00:00",
        "last_change": "2024-03-01T00:00:00",
        "properties": properties,
    }


def write_list(path: Path, people: Sequence[Person]) -> None:
    """Write the synthetic list as FollowTheMoney JSON lines."""
    with path.open("w", encoding="utf-8") as out:
        for number, person in enumerate(people):
            out.write(json.dumps(entity_json(number, person), ensure_ascii=False))
            out.write("\n")


def build_in_child(list_path: str, index_path: str) -> dict[str, float]:
    """Parse and index the list in a fresh process, so its peak memory is the build's alone."""
    started, cpu_started = time.perf_counter(), time.process_time()
    builder = IndexBuilder("synthetic")
    errors = 0
    with open(list_path, "rb") as stream:
        for record in parse_ftm(stream, source="synthetic"):
            if hasattr(record, "message"):
                errors += 1
            else:
                builder.add(record)
    streamed = time.perf_counter()
    index = builder.build()
    index.save(index_path)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "stream_seconds": streamed - started,
        "errors": errors,
        "entities": index.entity_count,
        "records": int(index.manifest["records"]),
        "tokens": len(index.manifest["tokens"]),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cpu_seconds": time.process_time() - cpu_started,
    }


def _child(list_path: str, index_path: str, out: Any) -> None:
    out.send(build_in_child(list_path, index_path))


@dataclass
class Tally:
    """Accuracy and speed counts for one method."""

    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)
    at10: int = 0
    at10_names_only: int = 0
    positives: int = 0
    alerted: int = 0
    negatives: int = 0
    false_alert_queries: int = 0
    near_namesake_queries: int = 0

    def lines(self, prefix: str) -> Iterator[str]:
        times = np.array(self.times) if self.times else np.zeros(1)
        cpu = np.array(self.cpu_times) if self.cpu_times else np.zeros(1)
        yield f"{prefix}_queries: {self.positives + self.negatives}"
        # CPU time of this single-threaded process, so other work on the machine does not count.
        yield f"{prefix}_queries_per_second_per_core: {1.0 / cpu.mean():.1f} (process CPU time)"
        yield f"{prefix}_queries_per_second_wall_clock: {1.0 / times.mean():.1f}"
        yield f"{prefix}_latency_p50_ms: {1000 * np.percentile(times, 50):.1f}"
        yield f"{prefix}_latency_p95_ms: {1000 * np.percentile(times, 95):.1f}"
        if self.positives:
            share = 100 / self.positives
            yield f"{prefix}_recall_at_10_with_birth_date: {share * self.at10:.1f} %"
            yield f"{prefix}_recall_at_10_names_only: {share * self.at10_names_only:.1f} %"
            yield f"{prefix}_recall_at_alert_names_only: {share * self.alerted:.1f} %"
        false_alerts = f"{self.false_alert_queries} of {self.negatives}"
        yield f"{prefix}_false_alerts_on_hard_negatives: {false_alerts} (alerts on the original)"
        near = f"{self.near_namesake_queries} of {self.negatives}"
        yield f"{prefix}_hard_negatives_alerting_on_any_other_name: {near}"


Hits = list[tuple[int, float, bool]]  # (position in the list, score, alert)


def run_method(
    name: str,
    cases: Sequence[Case],
    people: Sequence[Person],
    search: Callable[[Case, bool], Hits],
) -> Tally:
    """Run every case through one method and count."""
    tally = Tally()
    for case in cases:
        started, cpu_started = time.perf_counter(), time.process_time()
        hits = search(case, False)
        tally.times.append(time.perf_counter() - started)
        tally.cpu_times.append(time.process_time() - cpu_started)
        if case.target is not None:
            tally.positives += 1
            ranked = [number for number, _, _ in hits]
            tally.at10_names_only += case.target in ranked[:10]
            tally.alerted += any(n == case.target and alert for n, _, alert in hits)
            if case.birth is not None:
                with_birth = [number for number, _, _ in search(case, True)]
                tally.at10 += case.target in with_birth[:10]
            else:
                tally.at10 += case.target in ranked[:10]
        else:
            tally.negatives += 1
            truth = case.truth.identity()
            tally.false_alert_queries += any(
                alert and number == case.source for number, _, alert in hits
            )
            # Stricter: any alert on someone whose real name differs, such as a one-letter
            # neighbour of the invented surname among a million people.
            tally.near_namesake_queries += any(
                alert and people[number].identity() != truth for number, _, alert in hits
            )
    return tally


def ours(index: Index) -> Callable[[Case, bool], Hits]:
    def search(case: Case, with_birth: bool) -> Hits:
        query = Query(case.query, case.birth if with_birth else None)
        # Every alert comes back, however many namesakes share the name.
        return [(int(r.entity_id[4:]), r.score, r.alert) for r in index.search(query, limit=10)]

    return search


def rapidfuzz_baseline(people: Sequence[Person]) -> Callable[[Case, bool], Hits] | str:
    # Imported by name: benchmark-only packages, absent where only the dev tools are installed.
    try:
        fuzz = importlib.import_module("rapidfuzz.fuzz")
        process = importlib.import_module("rapidfuzz.process")
    except ImportError as error:
        return f"rapidfuzz not installed ({error})"
    choices = [
        " ".join(normalise(w) for w in entity_json(n, p)["caption"].split())
        for n, p in enumerate(people)
    ]

    def search(case: Case, with_birth: bool) -> Hits:
        query = " ".join(normalise(w) for w in case.query.replace(",", " ").split())
        found = process.extract(query, choices, scorer=fuzz.token_sort_ratio, limit=20)
        return [(int(number), score, score >= RAPIDFUZZ_ALERT) for _, score, number in found]

    return search


def logic_v2_baseline(index: Index, people: Sequence[Person]) -> Callable[[Case, bool], Hits] | str:
    try:
        proxy_class = importlib.import_module("followthemoney").EntityProxy
        logic_v2 = importlib.import_module("nomenklatura.matching").LogicV2
    except ImportError as error:
        return f"nomenklatura could not be imported ({error})"
    config = logic_v2.default_config()
    # logic-v2 caches what it derives from an entity by the entity's id: every query needs its own.
    serial = iter(range(1 << 62))

    def search(case: Case, with_birth: bool) -> Hits:
        properties: dict[str, list[str]] = {"name": [case.query]}
        if with_birth and case.birth is not None:
            properties["birthDate"] = [str(case.birth)]
        query = proxy_class.from_dict(
            {"id": f"query-{next(serial)}", "schema": "Person", "properties": properties}
        )
        candidates = index.search(Query(case.query), limit=LOGIC_V2_CANDIDATES)
        scored = []
        for result in candidates:
            number = int(result.entity_id[4:])
            listed = proxy_class.from_dict(entity_json(number, people[number]))
            score = logic_v2.compare(query, listed, config).score
            scored.append((number, score, score >= LOGIC_V2_ALERT))
        scored.sort(key=lambda hit: -hit[1])
        return scored

    return search


def logic_v2_pair_scorer() -> Callable[[Pair], Scored] | str:
    """logic-v2 on one pair: both names as FollowTheMoney Persons, birth dates when known."""
    try:
        proxy_class = importlib.import_module("followthemoney").EntityProxy
        logic_v2 = importlib.import_module("nomenklatura.matching").LogicV2
    except ImportError as error:
        return f"nomenklatura could not be imported ({error})"
    config = logic_v2.default_config()
    serial = iter(range(1 << 62))

    def person(name: str, birth: str) -> Any:
        properties = {"name": [name], **({"birthDate": [birth]} if birth else {})}
        entity = {"id": f"pair-{next(serial)}", "schema": "Person", "properties": properties}
        return proxy_class.from_dict(entity)

    def score(pair: Pair) -> Scored:
        found = logic_v2.compare(
            person(pair.query, pair.query_birth), person(pair.listed, pair.listed_birth), config
        ).score
        return Scored(pair, found, found)

    return score


def rapidfuzz_pair_scorer() -> Callable[[Pair], Scored] | str:
    """rapidfuzz's token_sort_ratio on the two names, each part normalised as ours are."""
    try:
        fuzz = importlib.import_module("rapidfuzz.fuzz")
    except ImportError as error:
        return f"rapidfuzz not installed ({error})"

    def plain(text: str) -> str:
        return " ".join(normalise(w) for w in text.replace(",", " ").split())

    def score(pair: Pair) -> Scored:
        found = fuzz.token_sort_ratio(plain(pair.query), plain(pair.listed)) / 100
        return Scored(pair, found, found)

    return score


def index_recall(pairs: Sequence[Pair]) -> tuple[int, int]:
    """Matching pairs whose list entry the index finds and alerts on, among all the listed names."""
    entities = [
        Entity(p.id, PERSON, p.listed, [p.listed],
               birth_dates=[parse_date(p.listed_birth)] if p.listed_birth else [])
        for p in pairs
    ]  # fmt: skip
    index = build_index(entities, source="evaluation set")
    found = 0
    positives = [p for p in pairs if p.match]
    for p in positives:
        birth = parse_date(p.query_birth) if p.query_birth else None
        results = index.search(Query(p.query, birth), limit=10)
        found += any(r.entity_id == p.id and r.alert for r in results)
    return found, len(positives)


def evaluation_set(curve_path: str | None) -> None:
    """Precision and recall on the labelled pairs: ours, logic-v2 and rapidfuzz, same pairs."""
    pairs = load_pairs()
    matches = sum(p.match for p in pairs)
    print(f"eval_pairs: {len(pairs)} ({matches} matches, {len(pairs) - matches} non-matches)")
    methods: list[tuple[str, Callable[[Pair], Scored] | str, float, float]] = [
        ("ours", eval_metrics.ours, ALERT_THRESHOLD, eval_metrics.FLOOR_GAP),
        ("logic_v2", logic_v2_pair_scorer(), LOGIC_V2_ALERT, 0.0),
        ("rapidfuzz", rapidfuzz_pair_scorer(), RAPIDFUZZ_ALERT / 100, 0.0),
    ]
    rows = []
    for name, scorer, threshold, gap in methods:
        if isinstance(scorer, str):
            print(f"{name}_eval: unavailable ({scorer})")
            continue
        started = time.process_time()
        scored = eval_metrics.score_all(pairs, scorer)
        seconds = time.process_time() - started
        at = eval_metrics.point(scored, threshold, gap)
        print(f"{name}_eval_alert_threshold: {threshold:.2f}")
        print(f"{name}_eval_precision_at_alert: {100 * at.precision:.1f} %")
        print(f"{name}_eval_recall_at_alert: {100 * at.recall:.1f} %")
        print(f"{name}_eval_false_alerts: {at.false_alerts} of {len(pairs) - matches}")
        print(f"{name}_eval_pairs_per_second: {len(pairs) / seconds:.0f} (process CPU time)")
        for point in eval_metrics.curve(scored, eval_metrics.thresholds(0.5, 1.0, 0.05), gap):
            shown = f"precision {100 * point.precision:.1f} %, recall {100 * point.recall:.1f} %"
            print(f"{name}_eval_curve_at_{point.threshold:.2f}: {shown}")
            rows.append((name, point.threshold, point.precision, point.recall))
        for convention, (hit, total) in sorted(
            eval_metrics.recall_by_kind(scored, threshold, gap).items()
        ):
            print(f"{name}_eval_recall_{convention}: {hit} of {total}")
        for kind, (hit, total) in sorted(
            eval_metrics.false_alerts_by_kind(scored, threshold, gap).items()
        ):
            print(f"{name}_eval_false_alerts_{kind}: {hit} of {total}")
    found, positives = index_recall(pairs)
    share = f"{100 * found / positives:.1f} % ({found} of {positives})"
    print(f"ours_eval_index_recall_at_alert: {share} (each query among all the set's listed names)")
    if curve_path:
        with open(curve_path, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(("method", "threshold", "precision", "recall"))
            writer.writerows((m, f"{t:.2f}", f"{p:.4f}", f"{r:.4f}") for m, t, p, r in rows)
        print(f"eval_curve_written: {curve_path}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="people on the list")
    parser.add_argument("--positives", type=int, default=1000, help="variant queries")
    parser.add_argument("--negatives", type=int, default=500, help="hard look-alike queries")
    parser.add_argument(
        "--baseline-share", type=float, default=0.2, help="share of the queries the baselines run"
    )
    parser.add_argument("--curve", help="write the precision-recall curves of the set to this CSV")
    parser.add_argument(
        "--pairs-only", action="store_true", help="only the labelled evaluation set (seconds)"
    )
    parser.add_argument("--no-pairs", action="store_true", help="skip the labelled evaluation set")
    args = parser.parse_args(argv)
    if not args.no_pairs:
        evaluation_set(args.curve)
    if args.pairs_only:
        return
    print(f"list_size: {args.size}")
    print(f"load_average_at_start: {os.getloadavg()[0]:.1f} (2 cores; other work shares them)")
    people = list(PeopleGenerator(SEED).people(args.size))
    with tempfile.TemporaryDirectory(prefix="screening-bench-") as folder:
        list_path, index_path = Path(folder) / "list.ftm.json", Path(folder) / "index"
        write_list(list_path, people)
        print(f"list_file_mb: {list_path.stat().st_size / 2**20:.0f}")
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(str(list_path), str(index_path), send))
        child.start()
        build = receive.recv()
        child.join()
        print(f"index_build_seconds: {build['seconds']:.1f} (parse FollowTheMoney + index + save)")
        print(f"index_build_stream_seconds: {build['stream_seconds']:.1f} (parse and add)")
        print(f"index_build_cpu_seconds: {build['cpu_seconds']:.1f} (process CPU time)")
        print(
            f"index_build_peak_memory_mb: {build['peak_rss_mb']:.0f}"
            " (peak RSS of the build process, getrusage)"
        )
        print(f"index_parse_errors: {build['errors']:.0f}")
        print(f"index_entities: {build['entities']:.0f}")
        print(f"index_name_records: {build['records']:.0f}")
        print(f"index_distinct_name_parts: {build['tokens']:.0f}")
        size = sum(p.stat().st_size for p in index_path.iterdir())
        print(f"index_folder_mb: {size / 2**20:.0f}")
        index = Index.load(index_path)
        cases = evaluation_cases(people, SEED + 1, args.positives, args.negatives)
        for case in cases[:20]:
            index.search(Query(case.query))  # warm the caches the way a running service would
        tally = run_method("ours", cases, people, ours(index))
        for line in tally.lines("ours"):
            print(line)
        step = max(1, round(1 / args.baseline_share))
        subset = cases[::step]
        fuzzy = rapidfuzz_baseline(people)
        if isinstance(fuzzy, str):
            print(f"rapidfuzz: unavailable ({fuzzy})")
        else:
            for line in run_method("rapidfuzz", subset, people, fuzzy).lines("rapidfuzz"):
                print(line)
        logic = logic_v2_baseline(index, people)
        if isinstance(logic, str):
            print(f"logic_v2: unavailable ({logic})")
        else:
            for line in run_method("logic_v2", subset, people, logic).lines("logic_v2"):
                print(line)
    print(f"load_average_at_end: {os.getloadavg()[0]:.1f}")
    print(f"bench_peak_memory_mb: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()
