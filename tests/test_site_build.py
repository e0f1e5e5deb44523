"""The website's build command is the one the publishing workflow runs, and the site's build
tools stay out of what students install."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_pages_workflow_runs_the_tested_commands():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert "python -m tools.build_site --out _site" in workflow
    assert "pip install -r requirements-site.txt" in workflow
    assert "python -m tools.build_lite" in workflow and "_site/lite" in workflow
    assert "python -m tools.build_site --out _site" in (ROOT / "README.md").read_text()


def test_students_do_not_install_the_site_tools():
    students = (ROOT / "requirements.txt").read_text().lower()
    assert "sphinx" not in students and "myst" not in students
    assert "-r requirements-site.txt" in (ROOT / "requirements-dev.txt").read_text()
