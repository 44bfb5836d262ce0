from datetime import date

from encyclopress.reading.calendars import julian_to_gregorian


def test_julian_to_gregorian_across_centuries():
    assert julian_to_gregorian(1917, 12, 5) == date(1917, 12, 18)  # +13 in 1900–2099
    assert julian_to_gregorian(1918, 1, 31) == date(1918, 2, 13)  # Russia's last Julian day
    assert julian_to_gregorian(1899, 12, 31) == date(1900, 1, 12)  # +12 in the 1800s
    assert julian_to_gregorian(1582, 10, 5) == date(1582, 10, 15)  # the Gregorian reform
