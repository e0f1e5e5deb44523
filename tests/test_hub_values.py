"""teacher/hub/values.yaml, the Zero to JupyterHub values for a class: the keys the chart
reads for the course's image, the start link, the memory and CPU from the measurement, the
idle culler and the scheduling (the chart's own schema cannot be fetched here, so the keys it
must have are checked)."""

import re
import urllib.parse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
VALUES = yaml.safe_load((ROOT / "teacher" / "hub" / "values.yaml").read_text())


def _mib(size):
    """'600M' (Kubernetes' bytes: M = 10^6, Mi = 2^20) in MiB."""
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(Mi|M|Gi|G)", size).groups()
    factor = {"M": 1e6, "Mi": 2**20, "G": 1e9, "Gi": 2**30}[unit]
    return float(number) * factor / 2**20


def test_the_image_and_the_start_link():
    single = VALUES["singleuser"]
    assert set(single["image"]) == {"name", "tag"} and single["image"]["tag"]
    link = urllib.parse.urlsplit(single["defaultUrl"])
    assert link.path == "/git-pull"
    query = dict(urllib.parse.parse_qsl(link.query))
    readme = (ROOT / "README.md").read_text()
    assert query["repo"] in urllib.parse.unquote(readme)       # the course's own home
    assert query["urlpath"].endswith("notebooks/00_start_here.ipynb")
    assert query["branch"] == "main"


def test_memory_and_cpu_are_set_from_the_measurement():
    single = VALUES["singleuser"]
    guarantee, limit = (_mib(single["memory"][k]) for k in ("guarantee", "limit"))
    guide = " ".join((ROOT / "notebooks" / "teacher_guide.md").read_text().split())
    measured = int(re.search(r"a student needs about (\d+) MiB", guide).group(1))
    assert measured <= guarantee < limit            # the guarantee covers what was measured
    assert 0 < single["cpu"]["guarantee"] < single["cpu"]["limit"] <= 2


def test_idle_servers_are_stopped_and_students_packed():
    assert VALUES["cull"]["enabled"] is True and 600 <= VALUES["cull"]["timeout"] <= 4 * 3600
    assert VALUES["scheduling"]["userScheduler"]["enabled"] is True
    assert VALUES["prePuller"]["hook"]["enabled"] is True
