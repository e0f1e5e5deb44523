import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole run: its sync API cannot start a second time in a process
    while the first is running, and the browser tests, the JupyterHub test and the JupyterLite
    test each launch their own Chromium from it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p
