"""The build date: SOURCE_DATE_EPOCH, else the newest of the sources' modification times."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest

from encyclopress.core.diagnostics import BuildError
from encyclopress.rendering.context import build_moment, source_date_epoch


def test_source_date_epoch_wins_over_file_times(write, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_moment(write("a.txt", "= A =\nText.\n")) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)


def test_without_it_the_newest_existing_source_dates_the_build(write, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    article, sidecar = write("a.txt", "= A =\nText.\n"), write("a.toml", "")
    os.utime(article, (1600000000.7, 1600000000.7))
    os.utime(sidecar, (1500000000, 1500000000))
    moment = build_moment(article, sidecar, tmp_path / "missing.toml")
    assert moment == datetime(2020, 9, 13, 12, 26, 40, tzinfo=timezone.utc)  # whole seconds


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", " 5", "١٧٠٠", "99999999999999"])
def test_a_malformed_source_date_epoch_is_an_error(value, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(BuildError) as caught:
        source_date_epoch()
    assert str(caught.value) == (
        f"SOURCE_DATE_EPOCH: error: must be a whole number of seconds since 1970 (before year 10000), not {value!r}")
