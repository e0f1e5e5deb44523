import matplotlib
import pytest

matplotlib.use("Agg")

# The tiers: every test that drives a browser, starts a hub or builds a whole environment is
# marked here, by where it lives, so that the fast tier is
#   python -m pytest -m "not browser and not hub and not slow"
# and the full run (what .ci/run runs) is plain python -m pytest.
BROWSER = ("tests/browser/", "tests/test_lite_site.py", "tests/test_jupyterhub.py")
HUB = ("tests/test_jupyterhub.py",)
# also slow: making the site's menu runs again (tests/test_site_runs.py, about 50 s) and
# running every exercise's answers in its notebook (about 30 s); the full run has them
SLOW = ("tests/test_lite_site.py", "tests/test_lite_build.py", "tests/test_site_publish.py",
        "tests/test_binder.py::test_binder_environment_runs_the_notebooks",
        "tests/test_jupyterhub.py", "tests/browser/", "tests/test_site_runs.py",
        "tests/test_exercise_answers.py::test_answers_run_in_their_notebook")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium (apt-get install chromium)")
    config.addinivalue_line("markers", "hub: starts a local JupyterHub")
    config.addinivalue_line("markers", "slow: builds environments or sites, or runs a browser")


def pytest_collection_modifyitems(config, items):
    for item in items:
        where = item.nodeid
        for name, places in (("browser", BROWSER), ("hub", HUB), ("slow", SLOW)):
            if where.startswith(places):
                item.add_marker(getattr(pytest.mark, name))


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole run: its sync API cannot start a second time in a process
    while the first is running, and the browser tests, the JupyterHub test and the JupyterLite
    test each launch their own Chromium from it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p
