"""TrainingHistory.to_rows and to_csv with odd arguments: clear messages, and no half-written
files when saving fails."""

import csv
import os

import numpy as np
import pytest

from perceptron_lib import Perceptron, gate
from perceptron_lib import history as history_module

LEAKS = ("slice indices", "__index__", "ufunc", "Errno", "could not convert")


@pytest.fixture
def h():
    return Perceptron(2, epochs=6).fit(*gate("AND")).history_


@pytest.mark.parametrize("start, stop", [("a", None), (0, "5"), (1.5, None), (0, 2.0),
                                         (True, None), ([1], None)])
def test_to_rows_explains_odd_start_and_stop(h, start, stop):
    with pytest.raises(TypeError, match="must be a whole number .* or None") as info:
        h.to_rows(start, stop)
    assert ("start" if not isinstance(stop, str | float) else "stop") in str(info.value)
    assert not any(leak in str(info.value) for leak in LEAKS)


def test_to_rows_still_counts_like_a_list(h):
    rows = h.to_rows()
    assert h.to_rows(np.int64(2), np.int64(4)) == rows[2:4]
    assert h.to_rows(-5) == rows[-5:] and h.to_rows(None, 3) == rows[:3]
    assert h.to_rows(100) == []


def _listing(folder):
    return sorted(os.listdir(folder))


def test_to_csv_into_a_missing_folder(h, tmp_path):
    path = tmp_path / "no such folder" / "and.csv"
    with pytest.raises(FileNotFoundError, match="could not save the table to .*and.csv.*"
                       "does not exist; create it first") as info:
        h.to_csv(path)
    assert not any(leak in str(info.value) for leak in LEAKS)
    assert _listing(tmp_path) == []


def test_to_csv_into_a_folder_or_nowhere(h, tmp_path):
    with pytest.raises(IsADirectoryError, match="that is a folder; give a file name"):
        h.to_csv(tmp_path)
    with pytest.raises(IsADirectoryError, match="give a file name"):
        h.to_csv("")
    with pytest.raises(TypeError, match="path must be a file name"):
        h.to_csv(42)
    assert _listing(tmp_path) == []


def test_to_csv_into_a_read_only_folder(h, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user may write anywhere (root)")
        with pytest.raises(PermissionError, match="you may not write in the folder"):
            h.to_csv(folder / "and.csv")
        assert _listing(folder) == []
    finally:
        folder.chmod(0o755)


def test_to_csv_refused_by_the_system_says_so(h, tmp_path, monkeypatch):
    # The same as a read-only folder, for users (root) whom chmod does not stop.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(history_module, "open", refuse, raising=False)
    with pytest.raises(PermissionError, match="could not save the table to .*you may not "
                       "write in the folder") as info:
        h.to_csv(tmp_path / "and.csv")
    assert "Errno" not in str(info.value)
    assert _listing(tmp_path) == []


def test_a_failed_save_leaves_the_old_file_whole_and_no_scraps(h, tmp_path, monkeypatch):
    path = tmp_path / "and.csv"
    path.write_text("the old table\n")

    def fail_halfway(self, rows):
        self.writerow(rows[0])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv.DictWriter, "writerows", fail_halfway)
    with pytest.raises(OSError, match="could not save the table to .*No space left on device"):
        h.to_csv(path)
    assert path.read_text() == "the old table\n"
    assert _listing(tmp_path) == ["and.csv"]
    monkeypatch.undo()
    assert h.to_csv(path) == path and len(list(csv.DictReader(path.open()))) == len(h)
    assert _listing(tmp_path) == ["and.csv"]
