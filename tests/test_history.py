import csv

import numpy as np
import pytest

from perceptron_lib import Cycle, Perceptron, TrainingHistory, gate


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


def _brute_force(h, position):
    """Epoch bookkeeping at ``position`` worked out from the per-visit arrays."""
    if position == 0:
        return 0, 0, 0, 0
    epoch = int(h.epoch[position - 1])
    in_epoch = int(np.count_nonzero(h.epoch[:position] == epoch))
    mistakes = int(np.count_nonzero(h.e[:position][h.epoch[:position] == epoch]))
    done = len(set(h.epoch[:position].tolist())) - (in_epoch < np.count_nonzero(h.epoch == epoch))
    return epoch, in_epoch, mistakes, done


@pytest.mark.parametrize("shuffle", [False, True])
def test_position_helpers_agree_with_the_visits(shuffle):
    h = Perceptron(2, epochs=7, shuffle=shuffle, seed=3).fit(*gate("XOR")).history_
    for position in range(len(h) + 1):
        for pos in (position, np.int64(position), np.uint16(position)):
            epoch, in_epoch, mistakes, done = _brute_force(h, position)
            assert h.epoch_of_position(pos) == epoch
            assert h.position_in_epoch(pos) == in_epoch
            assert h.mistakes_in_epoch_until(pos) == mistakes
            assert h.epochs_done(pos) == done
            assert h.mistakes_until(pos) == int(np.count_nonzero(h.e[:position]))
    for epoch in range(1, h.n_epochs + 1):
        start, end = h.epoch_start(epoch), h.epoch_end_position(epoch)
        assert (h.epoch[start:end] == epoch).all() and end - start == 4
        assert h.epoch_end_position(epoch - 1) == start
        assert h.W_at(end).tolist() == h[end - 1].W_after.tolist()
        assert h.mistakes_in_epoch_until(end) == h.mistakes_per_epoch[epoch - 1]


def test_position_helpers_on_and(and_history):
    h = and_history
    assert [h.epoch_start(k) for k in range(1, 7)] == [0, 4, 8, 12, 16, 20]
    assert [h.epoch_end_position(k) for k in range(7)] == [0, 4, 8, 12, 16, 20, 24]
    assert [h.position_in_epoch(p) for p in (0, 1, 4, 5, 24)] == [0, 1, 4, 1, 4]
    assert [h.epoch_of_position(p) for p in (0, 1, 4, 5, 24)] == [0, 1, 1, 2, 6]
    assert [h.epochs_done(p) for p in (0, 3, 4, 5, 24)] == [0, 0, 1, 1, 6]
    assert [h.mistakes_in_epoch_until(p) for p in (0, 1, 4, 5, 8)] == [0, 1, 2, 1, 3]
    assert h.W_at(np.int32(24)).tolist() == [-3, 2, 1]


@pytest.mark.parametrize("position, error", [
    (2.5, TypeError), ("3", TypeError), (None, TypeError), (True, TypeError),
    (np.float64(1), TypeError), (-1, IndexError), (25, IndexError), (999, IndexError),
])
def test_positions_are_checked(and_history, position, error):
    for helper in (and_history.W_at, and_history.mistakes_until, and_history.epoch_of_position,
                   and_history.position_in_epoch, and_history.mistakes_in_epoch_until,
                   and_history.epochs_done):
        with pytest.raises(error, match="position"):
            helper(position)


def test_history_follows_partial_fit_on_new_data():
    X, d = gate("AND")
    X5 = np.array([[2.0, 0.0], [0.0, 2.0], [3.0, 3.0], [-1.0, 0.5], [0.5, -1.0]])
    d5 = np.array([0, 0, 1, 0, 0])
    p = Perceptron(2).partial_fit(X, d).partial_fit(X5, d5).partial_fit(X, d)
    h = p.history_
    assert len(h) == 4 + 5 + 4 and h.n_epochs == 3
    assert h.x.tolist() == X.tolist() + X5.tolist() + X.tolist()
    assert [v.x.tolist() for v in h] == h.x.tolist()
    assert h.sample.tolist() == [0, 1, 2, 3, 0, 1, 2, 3, 4, 0, 1, 2, 3]
    assert h.d.tolist() == d.tolist() + d5.tolist() + d.tolist()
    assert [row["x1"] for row in h.to_rows(4, 9)] == X5[:, 0].tolist()
    # the history is the plain loop over those visits
    xe = np.hstack([np.ones((len(h), 1)), h.x])
    assert np.array_equal(h.W_after, h.W_before + h.e[:, None] * xe)
    assert np.array_equal(h.W_after[:-1], h.W_before[1:])
    assert h.W_at(len(h)).tolist() == p.W.tolist()
    assert h.mistakes_per_epoch == p.mistakes_per_epoch_


def test_a_repeat_on_other_data_is_no_cycle():
    # Same input, other label: epoch 1 moves W from 0 to [-1, -1, 0], epoch 2 brings it back
    # to 0. A repeat, but on other data, so no cycle: nothing says training goes round.
    A = (np.array([[1.0, 0.0]]), np.array([0]))
    B = (np.array([[1.0, 0.0]]), np.array([1]))
    p = Perceptron(2).partial_fit(*A).partial_fit(*B)
    assert p.history_.W_at(2).tolist() == [0.0, 0.0, 0.0]
    assert p.cycle_ is None and p.history_.cycle is None
    assert p.mistakes_per_epoch_ == [1, 1] and p.history_.n_epochs == 2
    X, d = gate("XOR")                              # a cycle on XOR is still found
    for _ in range(4):
        p.partial_fit(X, d)
    assert p.cycle_ == p.history_.cycle == Cycle(epoch=5, repeats_epoch=4, length=1)


def test_setting_W_by_hand_starts_a_new_record():
    X, d = gate("AND")
    p = Perceptron(2).partial_fit(X, d).partial_fit(X, d)
    p.W = [0.5, -1, 1]
    p.partial_fit(X, d)
    assert p.mistakes_per_epoch_ == p.history_.mistakes_per_epoch
    assert p.history_.n_epochs == 1 and len(p.mistakes_per_epoch_) == 1
    assert p.history_.W_at(0).tolist() == [0.5, -1.0, 1.0]
    W = p.W.tolist()
    p.W[0] = 7.0                                    # changing W in place counts too
    p.partial_fit(X, d)
    assert p.history_.n_epochs == 1
    assert p.history_.W_at(0).tolist() == [7.0] + W[1:]
