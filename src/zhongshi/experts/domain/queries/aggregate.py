"""The results of a round (issue 11 §6), per item: each submitted sheet's weighted total, the mean, the
trimmed mean when five or more sheets were submitted (the highest and the lowest total dropped, one each), the
population standard deviation, outlier flags, and the ranking.

Outlier: a score whose distance from the mean of its item's scores is more than 20 % of the scale — of the
indicator's maximum for an indicator score, of 100 for a weighted total (|x − mean| > 0.2 × max). A fixed share
of the scale rather than a multiple of the standard deviation, because with the usual 3 to 7 experts a
2σ rule can never fire (with n sheets no score is more than (n−1)/√n σ from the mean: 1.15σ for 3, 2.27σ for 7)
and the panel thinks in points of the scale.

Ranking: by the score used (the trimmed mean when there is one, the mean otherwise), highest first; equal
scores (at 0.01) share a rank and the next rank skips (1, 2, 2, 4), listed by item id; items nobody scored
come last without a rank. Two queries whatever the number of items and sheets.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zhongshi.experts.domain.indicator_systems import System, system_of
from zhongshi.experts.enums import SheetStatus
from zhongshi.experts.models import EvaluationRound, RoundItem, ScoreSheet

TWO_PLACES = Decimal("0.01")
OUTLIER_SHARE = Decimal("0.2")
TOTAL_MAX = Decimal(100)
TRIM_FROM = 5


def q(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES)


@dataclass(frozen=True)
class SheetResult:
    sheet_id: int
    expert_id: int
    total: Decimal
    scores: dict[str, Decimal]
    total_outlier: bool
    outliers: frozenset[str]  # indicator codes whose score is an outlier


@dataclass(frozen=True)
class Stats:
    mean: Decimal
    sd: Decimal


@dataclass
class ItemResult:
    item_id: int
    label: str
    count: int = 0
    mean: Decimal | None = None
    trimmed_mean: Decimal | None = None
    sd: Decimal | None = None
    indicators: dict[str, Stats] = field(default_factory=dict)
    sheets: list[SheetResult] = field(default_factory=list)
    rank: int | None = None

    @property
    def score(self) -> Decimal | None:
        """The score the ranking uses: the trimmed mean when there is one."""
        return self.trimmed_mean if self.trimmed_mean is not None else self.mean

    @property
    def has_outlier(self) -> bool:
        return any(s.total_outlier or s.outliers for s in self.sheets)


def mean_of(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def sd_of(values: list[Decimal], mean: Decimal) -> Decimal:
    """The population standard deviation."""
    return (sum(((v - mean) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


def trimmed_mean_of(values: list[Decimal]) -> Decimal | None:
    if len(values) < TRIM_FROM:
        return None
    ordered = sorted(values)
    return mean_of(ordered[1:-1])


def is_outlier(value: Decimal, mean: Decimal, maximum: Decimal) -> bool:
    return abs(value - mean) > OUTLIER_SHARE * maximum


def aggregate_item(item_id: int, label: str, rows: list[tuple[int, int, dict[str, Any], Decimal]],
                   system: System) -> ItemResult:
    """``rows``: (sheet id, expert id, scores, weighted total) of the item's submitted sheets."""
    result = ItemResult(item_id=item_id, label=label, count=len(rows))
    if not rows:
        return result
    totals = [Decimal(total) for _sheet, _expert, _scores, total in rows]
    per_indicator: dict[str, list[Decimal]] = {
        i.code: [Decimal(str(scores[i.code]["score"])) for _s, _e, scores, _t in rows] for i in system.indicators}
    mean = mean_of(totals)
    indicator_means = {code: mean_of(values) for code, values in per_indicator.items()}
    result.mean = q(mean)
    trimmed = trimmed_mean_of(totals)
    result.trimmed_mean = q(trimmed) if trimmed is not None else None
    result.sd = q(sd_of(totals, mean))
    result.indicators = {code: Stats(mean=q(indicator_means[code]), sd=q(sd_of(values, indicator_means[code])))
                         for code, values in per_indicator.items()}
    for index, (sheet_id, expert_id, _scores, _total) in enumerate(rows):
        scores = {code: values[index] for code, values in per_indicator.items()}
        outliers = frozenset(i.code for i in system.indicators
                             if is_outlier(scores[i.code], indicator_means[i.code], i.max))
        result.sheets.append(SheetResult(sheet_id=sheet_id, expert_id=expert_id, total=totals[index], scores=scores,
                                         total_outlier=is_outlier(totals[index], mean, TOTAL_MAX),
                                         outliers=outliers))
    return result


def rank_items(results: list[ItemResult]) -> list[ItemResult]:
    scored = sorted((r for r in results if r.score is not None), key=lambda r: (-(r.score or 0), r.item_id))
    previous: Decimal | None = None
    for position, result in enumerate(scored, start=1):
        if result.score != previous:
            rank = position
            previous = result.score
        result.rank = rank
    unscored = sorted((r for r in results if r.score is None), key=lambda r: r.item_id)
    return scored + unscored


def round_results(evaluation_round: EvaluationRound) -> list[ItemResult]:
    """Every item of the round with its aggregate, ranked."""
    system = system_of(evaluation_round.system)
    labels = {pk: application_name or platform_name or "" for pk, application_name, platform_name in
              RoundItem.objects.filter(round=evaluation_round).values_list(
                  "pk", "application__platform_name", "platform__name")}
    rows: dict[int, list[tuple[int, int, dict[str, Any], Decimal]]] = defaultdict(list)
    for sheet_id, item_id, expert_id, scores, total in ScoreSheet.objects.filter(
            assignment__item__round=evaluation_round, status=SheetStatus.SUBMITTED).order_by(
            "assignment__item_id", "assignment_id").values_list(
            "pk", "assignment__item_id", "assignment__expert_id", "scores", "total"):
        rows[item_id].append((sheet_id, expert_id, scores, total or Decimal(0)))
    return rank_items([aggregate_item(pk, label, rows[pk], system) for pk, label in labels.items()])
