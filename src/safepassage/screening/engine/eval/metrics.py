"""Precision, recall and the precision-recall curve of a scorer on the labelled pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..dates import parse_date
from ..names import parse_name
from ..scorer import ALERT_THRESHOLD, NAME_FLOOR, combine, date_evidence, score_names
from .generate import Pair

# The name must reach this much less than the threshold, whatever the birth date adds.
FLOOR_GAP = ALERT_THRESHOLD - NAME_FLOOR


@dataclass(frozen=True, slots=True)
class Scored:
    """One pair's score from a scorer: the final score and the name's share of it."""

    pair: Pair
    score: float
    name_score: float


def ours(pair: Pair) -> Scored:
    """Score a pair with this engine, birth dates counted as evidence when both sides have one."""
    name = score_names(parse_name(pair.query), parse_name(pair.listed))
    evidence = []
    if pair.query_birth and pair.listed_birth:
        found = date_evidence(parse_date(pair.query_birth), [parse_date(pair.listed_birth)])
        if found is not None:
            evidence.append(found)
    score, _ = combine(name, evidence)
    return Scored(pair, score, name.score)


def alerts(scored: Scored, threshold: float, floor_gap: float = FLOOR_GAP) -> bool:
    """Whether a pair alerts at a threshold: the engine's rule, with the floor moved along."""
    return scored.score >= threshold and scored.name_score >= threshold - floor_gap


@dataclass(frozen=True, slots=True)
class Point:
    """Precision and recall at one threshold."""

    threshold: float
    precision: float
    recall: float
    true_alerts: int
    false_alerts: int
    missed: int

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 0.0 if not total else 2 * self.precision * self.recall / total


def point(scored: Sequence[Scored], threshold: float, floor_gap: float = FLOOR_GAP) -> Point:
    """Precision and recall of alerts at one threshold."""
    true = sum(1 for s in scored if s.pair.match and alerts(s, threshold, floor_gap))
    false = sum(1 for s in scored if not s.pair.match and alerts(s, threshold, floor_gap))
    positives = sum(1 for s in scored if s.pair.match)
    precision = true / (true + false) if true + false else 1.0
    recall = true / positives if positives else 0.0
    return Point(threshold, precision, recall, true, false, positives - true)


def curve(
    scored: Sequence[Scored], thresholds: Iterable[float], floor_gap: float = FLOOR_GAP
) -> list[Point]:
    """The precision-recall curve over the given thresholds."""
    return [point(scored, t, floor_gap) for t in thresholds]


def thresholds(start: float = 0.5, stop: float = 1.0, step: float = 0.02) -> list[float]:
    """Evenly spaced thresholds, rounded so they print cleanly."""
    count = round((stop - start) / step)
    return [round(start + i * step, 4) for i in range(count + 1)]


def score_all(pairs: Sequence[Pair], scorer: Callable[[Pair], Scored] = ours) -> list[Scored]:
    """Score every pair."""
    return [scorer(p) for p in pairs]


def recall_by_kind(
    scored: Sequence[Scored], threshold: float, floor_gap: float = FLOOR_GAP
) -> dict[str, tuple[int, int]]:
    """For each kind of variant: pairs that alert, out of the matching pairs of that kind."""
    out: dict[str, tuple[int, int]] = {}
    for s in scored:
        if s.pair.match:
            hit, total = out.get(s.pair.convention, (0, 0))
            out[s.pair.convention] = (hit + alerts(s, threshold, floor_gap), total + 1)
    return out


def false_alerts_by_kind(
    scored: Sequence[Scored], threshold: float, floor_gap: float = FLOOR_GAP
) -> dict[str, tuple[int, int]]:
    """For each kind of hard negative: pairs that alert, out of the negatives of that kind."""
    out: dict[str, tuple[int, int]] = {}
    for s in scored:
        if not s.pair.match:
            hit, total = out.get(s.pair.kind, (0, 0))
            out[s.pair.kind] = (hit + alerts(s, threshold, floor_gap), total + 1)
    return out
