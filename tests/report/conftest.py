"""Report layout tests drive Debian's Chromium through pytest-playwright, launched as the browser tests launch it."""

from tests.browser.conftest import browser_type_launch_args  # noqa: F401  # the one definition of the launch
