import csv

import numpy as np
import pytest

from perceptron_lib import Perceptron, TrainingHistory, gate


@pytest.fixture
def and_history():
    return Perceptron(2).fit(*gate("AND")).history_


def test_history_records_every_visit(and_history):
    h = and_history
    assert isinstance(h, TrainingHistory)
    assert len(h) == 24 and h.n_epochs == 6
    assert h.epoch_ends.tolist() == [3, 7, 11, 15, 19, 23]
    assert h.mistakes_per_epoch == [2, 3, 3, 2, 1, 0]
    assert h.sample.tolist() == [0, 1, 2, 3] * 6
    v = h[0]
    assert (v.step, v.epoch, v.sample, v.z, v.y, v.d, v.e) == (0, 1, 0, 0.0, 1, 0, -1)
    assert v.x.tolist() == [0.0, 0.0]
    assert v.W_before.tolist() == [0, 0, 0] and v.W_after.tolist() == [-1, 0, 0]
    assert h[-1].W_after.tolist() == [-3, 2, 1]


def test_history_is_consistent(and_history):
    h = and_history
    # W after one visit is W before the next; updates follow the rule.
    assert np.array_equal(h.W_after[:-1], h.W_before[1:])
    xe = np.hstack([np.ones((len(h), 1)), h.x])
    assert np.array_equal(h.W_after, h.W_before + h.e[:, None] * xe)
    assert np.array_equal(h.z, np.einsum("ij,ij->i", h.W_before, xe))
    assert np.array_equal(h.y, (h.z >= 0).astype(int))
    assert np.array_equal(h.e, h.d - h.y)
    assert h.W_at(0).tolist() == [0, 0, 0]
    assert h.W_at(24).tolist() == [-3, 2, 1]
    assert h.mistakes_until(24) == 11 and h.mistakes_until(1) == 1
    assert h.epoch_of_position(0) == 0 and h.epoch_of_position(5) == 2
    assert h.converged_epoch == 6 and h.cycle is None


def test_history_of_xor_shows_the_cycle():
    h = Perceptron(2, epochs=5).fit(*gate("XOR")).history_
    assert h.cycle.epoch == 3 and h.cycle.repeats_epoch == 2


def test_rows_and_csv(and_history, tmp_path):
    rows = and_history.to_rows()
    assert len(rows) == 24
    assert rows[3] == {"step": 4, "epoch": 1, "sample": 3, "x1": 1.0, "x2": 1.0, "z": -1.0,
                       "y": 0, "d": 1, "e": 1, "w0_before": -1.0, "w1_before": 0.0,
                       "w2_before": 0.0, "w0_after": 0.0, "w1_after": 1.0, "w2_after": 1.0}
    assert and_history.to_rows(2, 4) == rows[2:4]
    path = and_history.to_csv(tmp_path / "and.csv")
    with open(path) as f:
        read = list(csv.DictReader(f))
    assert len(read) == 24 and read[3]["w1_after"] == "1.0"


def test_history_indexing_errors(and_history):
    with pytest.raises(IndexError, match="outside this history of 24 visits"):
        and_history[24]
    with pytest.raises(IndexError):
        and_history.W_at(25)
