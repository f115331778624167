#!/usr/bin/env python3
"""scripts/ratio_interval.py: the median's interval picks the order statistics
the binomial tables give, holds the true median as often as it claims on
skewed noise, and the verdict says "at the bar" when the interval straddles
the target."""
import math
import pathlib
import random
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))
from ratio_interval import Ratio, describe, judge, median_interval, paired  # noqa: E402

failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


# Ranks from the sign-test tables for a 95% interval of the median:
# n = 6 -> 1 (96.9%), 10 -> 2 (97.9%), 15 -> 4 (96.5%), 25 -> 8 (95.7%).
rng = random.Random(7)
for n, k in ((6, 1), (10, 2), (15, 4), (25, 8)):
    values = [float(i) for i in range(1, n + 1)]
    rng.shuffle(values)
    got = median_interval(values)
    expect(got == (float(k), float(n + 1 - k)), f"n={n}: expected ranks {k} and {n + 1 - k}, got {got}")
for n in (1, 2, 5):
    got = median_interval([1.0] * n)
    expect(got is None, f"n={n}: [min, max] covers the median less than 95% of the time, yet got {got}")

# Skewed noise, as a throttled machine's rates are: the interval of 15 rounds
# must hold the true median (1.0) about 96.5% of the time.
trials, held = 4000, 0
for _ in range(trials):
    low, high = median_interval([rng.lognormvariate(0.0, 0.5) for _ in range(15)])
    held += low <= 1.0 <= high
coverage = held / trials
expect(0.95 <= coverage <= 0.98, f"15 rounds: the interval held the median in {coverage:.3f} of trials, not ~0.965")

# Verdicts.
straddling = Ratio(0.91, 0.80, 1.25, (0.87, 0.95))
expect(judge(straddling, 0.9) == "at the bar", "an interval across the target must leave it undecided")
expect(judge(Ratio(0.95, 0.80, 1.25, (0.91, 0.99)), 0.9) == "met", "an interval above the target meets it")
expect(judge(Ratio(0.85, 0.70, 0.95, (0.80, 0.89)), 0.9) == "missed", "an interval below the target misses it")
expect(judge(Ratio(0.91, 0.80, 1.00, None), 0.9) == "met", "without an interval the median decides")
expect(judge(Ratio(0.89, 0.80, 1.00, None), 0.9) == "missed", "without an interval the median decides")

# paired() divides round by round, and describe() shows the interval only when there is one.
ratio = paired([2.0, 4.0, 9.0, 8.0, 5.0, 12.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
expect(ratio.median == 2.0 and ratio.low == 1.0 and ratio.high == 3.0, f"paired ratios wrong: {ratio}")
expect(ratio.interval == (1.0, 3.0), f"6 rounds: the interval is [min, max], got {ratio.interval}")
expect(describe(ratio) == "2.00 [1.00-3.00], 95% CI 1.00-3.00", f"describe: {describe(ratio)!r}")
few = paired([1.0, 2.0], [1.0, 1.0])
expect(describe(few) == "1.50 [1.00-2.00]", f"describe without an interval: {describe(few)!r}")
expect(math.isclose(few.median, 1.5), "median of two rounds")

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("ratio_interval: ok")
