"""Julian (Old Style) to Gregorian (New Style), through the Julian Day Number.

Russia kept the Julian calendar until February 1918, so articles on the period give
dates as "5 to 13 December 1917 OS (18 to 26 December 1917 NS)".
"""

from __future__ import annotations

from datetime import date


def julian_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Julian calendar date (valid for any year after 4716 BC)."""
    a = (14 - month) // 12
    y, m = year + 4800 - a, month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return date.fromordinal(jdn - 1721425)  # JDN of 0001-01-01 (Gregorian) is 1721426
