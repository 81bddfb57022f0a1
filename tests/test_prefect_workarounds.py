"""The Prefect workarounds refuse a Prefect release they were not verified with, naming what to re-verify."""

from __future__ import annotations

import pytest

from nightdesk.prefect_workarounds import PrefectUntested, check_prefect_version


def test_the_installed_prefect_is_in_the_tested_range():
    check_prefect_version()


@pytest.mark.parametrize("version", ["3.9.1", "3.9.7", "3.9.1+dev"])
def test_tested_releases_pass(version):
    check_prefect_version(version)


@pytest.mark.parametrize("version", ["3.10.0", "4.0.0", "3.9.0", "2.20.1"])
def test_other_releases_fail_naming_what_to_reverify(version):
    with pytest.raises(PrefectUntested) as failed:
        check_prefect_version(version)
    message = str(failed.value)
    assert f"Prefect {version} is installed" in message
    assert "tests/test_prefect_server.py" in message and "flows/prefect_workarounds.py" in message
