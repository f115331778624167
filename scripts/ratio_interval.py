"""How sure a paired ratio is, and what that says about its target.

The benchmark scripts take one ratio per round and report the median of the
rounds. On a shared two-core machine the rounds scatter by a fifth, so a
median near its bar lands on either side from run to run; the verdict has to
say when the rounds cannot decide. The interval is the distribution-free one
for a median (order statistics chosen by the binomial distribution): it
assumes only that the rounds are independent, not how the machine's noise is
shaped, and it is the same every time for the same rounds.
"""
import math
import statistics
from typing import NamedTuple, Optional, Sequence, Tuple

CONFIDENCE = 0.95


class Ratio(NamedTuple):
    median: float
    low: float  # the lowest and highest round
    high: float
    interval: Optional[Tuple[float, float]]  # None: too few rounds for CONFIDENCE


def median_interval(values: Sequence[float], confidence: float = CONFIDENCE) -> Optional[Tuple[float, float]]:
    """The narrowest interval [x(k), x(n+1-k)] of the sorted values that holds the true median
    with at least `confidence`; None when even [min, max] holds it less often (n < 6 at 95%)."""
    ordered = sorted(values)
    n = len(ordered)
    best = None
    below = 0  # P(Binomial(n, 1/2) <= k - 1): the chance that k - 1 or fewer values fall below the median
    for k in range(1, n // 2 + 1):
        below += math.comb(n, k - 1) / 2**n
        if 1 - 2 * below < confidence:
            break
        best = (ordered[k - 1], ordered[n - k])
    return best


def paired(numerators: Sequence[float], denominators: Sequence[float]) -> Ratio:
    """The per-round ratios' median, range and interval."""
    ratios = [n / d for n, d in zip(numerators, denominators)]
    return Ratio(statistics.median(ratios), min(ratios), max(ratios), median_interval(ratios))


def judge(ratio: Ratio, target: float) -> str:
    """'met' when the whole interval clears the target, 'missed' when none of it does, 'at the
    bar' when it straddles it. Without an interval the median alone decides."""
    if ratio.interval is None:
        return "met" if ratio.median >= target else "missed"
    low, high = ratio.interval
    if low >= target:
        return "met"
    if high < target:
        return "missed"
    return "at the bar"


def describe(ratio: Ratio) -> str:
    """`median [range]`, and the interval when there are rounds enough for one."""
    text = f"{ratio.median:.2f} [{ratio.low:.2f}-{ratio.high:.2f}]"
    if ratio.interval is not None:
        text += f", {CONFIDENCE:.0%} CI {ratio.interval[0]:.2f}-{ratio.interval[1]:.2f}"
    return text
