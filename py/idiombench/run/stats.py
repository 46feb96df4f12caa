"""py/idiombench/run/stats.py: the spread of a figure's samples, as the report's tables
and the charts both give it: the median with the interquartile range, quartiles by
linear interpolation between the sorted samples (R's type 7). Standard library only;
Python 3.6+.
"""
import math


def quantile(values, fraction):
    """The fraction-quantile of values by linear interpolation (R type 7)."""
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(math.floor(position))
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median_iqr(values):
    """(median, lower quartile, upper quartile) of values; None for no values."""
    if not values:
        return None
    return quantile(values, 0.5), quantile(values, 0.25), quantile(values, 0.75)


def quartiles(values):
    """(first quartile, third quartile) of values, as the charts draw a spread; None with
    fewer than 3 values."""
    if len(values) < 3:
        return None
    return quantile(values, 0.25), quantile(values, 0.75)
