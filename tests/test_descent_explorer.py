"""The gradient-descent explorer's Python side, driven as the browser view drives it: the run
sent to the view agrees with the network's history, retraining works, odd settings get clear
messages, and no sequence of actions raises.

(What the view draws is checked in a real browser: tests/browser/.)
"""

import base64
import io
import json
from pathlib import Path

import numpy as np
import pytest
import traitlets
from PIL import Image

from perceptron_lib import TinyNetwork, gate
from perceptron_lib.style import SIZES
from perceptron_lib.widgets import DescentExplorer
from perceptron_lib.widgets.descent import MAX_FRAMES, frame_epochs, merged_points, readout, status

LEAKS = ("ufunc", "SeedSequence", "could not convert", "Traceback", "not iterable",
         "object of type")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def explorer():
    return DescentExplorer(seed=0, lr=5, epochs=1000)


def assert_consistent(ex):
    """The run in the browser, the settings and the network describe one run."""
    run, h, net = ex.run, ex.history, ex.network
    assert net.history_ is h and net.seed == ex.seed and net.lr == ex.lr
    assert h.n_epochs == ex.epochs == run["n_epochs"]
    assert f"seed {ex.seed}," in run["title"]
    assert ex.lr in ex.lr_options and ex.epochs in ex.epoch_options
    frames = run["epochs"]
    assert frames == frame_epochs(h.n_epochs, h.solved_epoch) == ex.frames
    for key in ("W_hidden", "W_out", "hidden", "outputs", "loss", "readout", "merged"):
        assert len(run[key]) == len(frames), key
    assert 0 <= ex.position < len(frames)
    k = ex.position
    e = frames[k]
    assert ex.epoch == e
    assert np.allclose(run["W_hidden"][k], h.W_hidden[e], atol=5e-4)
    assert np.allclose(run["hidden"][k], h.hidden[e], atol=5e-4)
    assert run["readout"][k] == readout(h, e) == ex.describe_position()
    assert run["merged"][k] == [list(pair) for pair in merged_points(h, e)]
    assert ex.describe_status() == status(h, e)
    for leak in LEAKS:
        assert leak not in ex.message


def test_the_run_sent_to_the_view_agrees_with_the_network(explorer):
    ex = explorer
    h = TinyNetwork(seed=0, lr=5, epochs=1000).fit(*gate("XOR")).history_
    run = ex.run
    assert run["X"] == [[0, 0], [0, 1], [1, 0], [1, 1]] and run["d"] == [0, 1, 1, 0]
    frames = run["epochs"]
    assert frames[0] == 0 and frames[-1] == 1000 and h.solved_epoch in frames
    assert len(frames) <= MAX_FRAMES + 2
    assert run["solved_epoch"] == h.solved_epoch
    assert np.allclose(run["W_hidden"], h.W_hidden[frames], atol=5e-4)
    assert np.allclose(run["W_out"], h.W_out[frames], atol=5e-4)
    assert np.allclose(run["hidden"], h.hidden[frames], atol=5e-4)
    assert np.allclose(run["outputs"], h.outputs[frames], atol=5e-4)
    assert np.allclose(run["loss"], h.loss[frames], rtol=1e-3)
    assert run["loss_max"] == pytest.approx(h.loss.max())
    assert run["readout"] == [readout(h, e) for e in frames]
    # the status is sent once per change, and reads as status() at every picture
    assert len(run["status"]) < len(frames)
    for k in range(0, len(frames), 7):
        ex.go_to(k)
        assert_consistent(ex)
    assert len(json.dumps(run)) < 110_000          # the page stays small


def test_frames_are_sampled_sensibly():
    assert frame_epochs(10) == list(range(11))
    assert frame_epochs(1000) == list(range(0, 1001, 4))
    f = frame_epochs(5000, solved_epoch=1237)
    assert f[:3] == [0, 20, 40] and 1237 in f and f[-1] == 5000 and len(f) == 252
    f = frame_epochs(999)
    assert f[-1] == 999 and len(f) <= MAX_FRAMES + 2


def test_the_story_is_told_without_spoilers(explorer):
    ex = explorer
    ex.go_to(0)
    assert "Random start" in ex.describe_status() and "At the random start" in \
        ex.describe_position()
    solved = ex.history.solved_epoch
    ex.go_to_epoch(solved - 1)
    assert ex.epoch < solved and "Learning" in ex.describe_status()
    ex.go_to_epoch(solved)
    assert ex.epoch == solved
    assert f"From epoch {solved} on, all four outputs" in ex.describe_status()
    assert "4 of 4 on the right side" in ex.describe_position()
    ex.go_to(10**6)
    assert ex.epoch == 1000 and ex.position == len(ex.frames) - 1
    ex.position = -4                    # what a confused view could send: clamped
    assert ex.position == 0


def stuck_seed():
    X, d = gate("XOR")
    return next(s for s in range(100)
                if TinyNetwork(seed=s, epochs=1000).fit(X, d).history_.solved_epoch is None)


def test_a_stuck_seed_is_called_stuck_only_at_the_end():
    ex = DescentExplorer(seed=stuck_seed())
    ex.go_to(len(ex.frames) - 2)
    assert "Stuck" not in ex.describe_status()
    ex.go_to(10**6)
    text = ex.describe_status()
    assert text.startswith("Stuck after 1000 epochs") and "Try another seed" in text
    # 08 shows that 5000 epochs do not free this seed: the status does not promise they might
    assert "surer way out" in text and "sometimes" not in text
    assert "sit on almost the same spot of the hidden plane" in text


def test_inputs_on_one_spot_are_sent_and_ringed_in_the_still_picture():
    """Seed 7 sticks with (1, 0) and (1, 1) on one spot of the hidden plane: the run names the
    pair at every frame from the first where the status says so; the still picture rings the
    circle of (1, 1) in the hidden plane (drawn in class 0's colour, around the triangle)."""
    from perceptron_lib.style import COLORS
    ex = DescentExplorer(seed=stuck_seed())
    merged = ex.run["merged"]
    assert merged[0] == [] and merged[-1] == [[2, 3]]
    for k, pairs in enumerate(merged):
        said = "sit on almost the same spot" in status(ex.history, ex.frames[k])
        assert bool(pairs) == said or ex.history.solved_epoch is not None
    assert all(pairs == [] for pairs in DescentExplorer(seed=0).run["merged"][-5:])

    def ring_pixels(png):
        img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
        want = np.array([int(COLORS["class0"][i:i + 2], 16) for i in (1, 3, 5)])
        return int((np.abs(img - want).sum(axis=2) < 40).sum())

    from perceptron_lib.widgets.pictures import descent_png
    ex.go_to(len(ex.frames) - 1)
    ringed = ring_pixels(ex._png())
    plain = ring_pixels(descent_png(ex.history, ex.epoch, ex.size, ex.run["title"],
                                    loss_name=ex.run["loss_name"]))
    assert ringed > plain + 60            # the ring: a vermillion circle about 20 px across


def test_changing_the_settings_retrains():
    ex = DescentExplorer()
    ex.go_to(100)
    ex.seed = 3                                   # what the view's seed box does
    assert ex.position == 0 and ex.network.seed == 3 and "seed 3," in ex.run["title"]
    ex.lr = 2
    assert ex.network.lr == 2 and "learning rate 2" in ex.run["title"]
    ex.epochs = 250
    assert ex.history.n_epochs == 250 and ex.run["epochs"][-1] == 250
    assert_consistent(ex)
    ex.epochs = 777                               # not in the list: added to it
    assert 777 in ex.epoch_options and ex.run["n_epochs"] == 777
    assert_consistent(ex)


@pytest.mark.parametrize("name, value, says", [
    ("seed", -1, "seed must be from 0 to 999999"),
    ("seed", 10**7, "seed must be from 0 to 999999"),
    ("lr", 0.0, "greater than 0"),
    ("lr", float("nan"), "learning rate"),
    ("lr", 1e9, "at most 100"),
    ("epochs", 0, "epochs must be from 1 to 20000"),
    ("epochs", 10**6, "epochs must be from 1 to 20000"),
])
def test_odd_settings_are_refused_where_they_are_set(name, value, says):
    ex = DescentExplorer(seed=1)
    ex.go_to(20)
    before = (ex.history, ex.run, ex.position, ex.seed, ex.lr, ex.epochs)
    with pytest.raises(traitlets.TraitError, match=says):       # the constructor's message
        setattr(ex, name, value)
    with pytest.raises((ValueError, TypeError), match=says):
        DescentExplorer(**{name: value})
    assert ex.history is before[0] and ex.run is before[1] and ex.position == before[2]
    assert (ex.seed, ex.lr, ex.epochs) == before[3:]
    assert_consistent(ex)
    ex.seed = 2                                   # and the next good setting clears it
    assert ex.message == "" and ex.network.seed == 2


@pytest.mark.parametrize("kwargs, error, says", [
    (dict(seed=-1), ValueError, "seed"), (dict(seed="a"), TypeError, "seed"),
    (dict(seed=1.5), TypeError, "seed"), (dict(seed=None), TypeError, "seed"),
    (dict(lr=0), ValueError, "learning rate"), (dict(lr="5"), TypeError, "learning rate"),
    (dict(lr=float("inf")), ValueError, "learning rate"), (dict(lr=500), ValueError, "at most"),
    (dict(epochs=0), ValueError, "epochs"), (dict(epochs=2.5), TypeError, "epochs"),
    (dict(epochs=10**6), ValueError, "epochs"), (dict(loss="hinge"), ValueError, "loss"),
    (dict(size="huge"), ValueError, "size"),
])
def test_bad_settings_get_a_clear_message(kwargs, error, says):
    with pytest.raises(error) as info:
        DescentExplorer(**kwargs)
    assert says in str(info.value)
    for leak in LEAKS:
        assert leak not in str(info.value)


def test_log_loss_and_the_large_size():
    ex = DescentExplorer(loss="log", size="large", epochs=300)
    assert ex.run["loss_name"] == "log loss"
    assert ex.look["size"]["width"] == SIZES["large"]["width"]
    assert_consistent(ex)


def test_still_picture_and_text(explorer):
    explorer.go_to(0)
    data, _ = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"].startswith(
        "DescentExplorer: XOR, seed 0, learning rate 5, epoch 0 of 1000 (loss ")
    assert data["text/plain"].endswith("; the still picture: epoch 1000)")
    png = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert png.size == (SIZES["normal"]["width"], SIZES["normal"]["height"])


def test_view_messages_are_acknowledged(explorer):
    sent = []
    explorer.send = lambda content, buffers=None: sent.append(content)
    for content in [{"kind": "ping"}, None, "x", {"kind": 3}]:
        explorer._on_view_message(explorer, content, [])
    assert sent == [{"kind": "ack"}] * 4


ODD = [0, 1, -1, 2, 7, 10**9, -10**9, 0.5, 1e-300, 1e300, float("nan"), float("inf"), 100, 250]


@pytest.mark.parametrize("seed", [0, 1])
def test_random_actions_never_raise_and_always_agree(seed):
    rng = np.random.default_rng(seed)
    ex = DescentExplorer(epochs=250)
    ex.send = lambda content, buffers=None: None       # no browser here
    pick = lambda seq: seq[int(rng.integers(len(seq)))]   # noqa: E731
    actions = [
        lambda: ex.step_forward(), lambda: ex.step_back(),
        lambda: ex.go_to(int(rng.integers(-5, 600))), lambda: ex.go_to_epoch(pick(ODD)),
        lambda: setattr(ex, "position", int(rng.integers(-5, 600))),
        lambda: setattr(ex, "seed", int(pick([0, 1, 7, -1, 10**7, int(rng.integers(50))]))),
        lambda: setattr(ex, "lr", float(pick(ODD + ex.lr_options))),
        lambda: setattr(ex, "epochs", int(pick([1, 2, 250, 0, -3, 10**6, 300]))),
        lambda: setattr(ex, "speed", int(rng.integers(1, 60))),
        lambda: ex._on_view_message(ex, pick([{"kind": "ping"}, {}, None, "x"]), []),
    ]
    for k in range(120):
        try:
            pick(actions)()
        except traitlets.TraitError as err:          # an odd setting, refused: nothing changed
            assert "must be" in str(err)
        assert_consistent(ex)
        if k % 40 == 0:
            assert ex._png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_stuck_only_when_the_loss_has_flattened():
    # seed 0, lr 2, 1000 epochs: not solved yet, but the loss fell 0.1224 -> 0.1172 over the
    # last 100 epochs, and with 2000 epochs XOR is learned at epoch 1037
    ex = DescentExplorer(seed=0, lr=2, epochs=1000)
    ex.go_to(10**6)
    text = ex.describe_status()
    assert text.startswith("Still learning after 1000 epochs") and "Try more epochs" in text
    assert "0.1224 to 0.1172 over the last 100 epochs" in text
    assert DescentExplorer(seed=0, lr=2, epochs=2000).history.solved_epoch == 1037


@pytest.mark.parametrize("lr", DescentExplorer.LEARNING_RATES)
def test_every_unsolved_run_of_the_menus_is_described_by_its_loss(lr):
    from perceptron_lib.widgets.descent import FLAT, loss_fall
    for seed in range(6):
        for epochs in (250, 1000):
            ex = DescentExplorer(seed=seed, lr=lr, epochs=epochs)
            if ex.history.solved_epoch is not None:
                continue
            ex.go_to(10**6)
            window, fall = loss_fall(ex.history)
            text = ex.describe_status()
            assert text.startswith("Stuck" if fall < FLAT else "Still learning"), (seed, epochs)


@pytest.mark.parametrize("seed, epochs", [(0, 1000), (7, 250), (3, 20000)])
def test_the_run_keeps_its_declared_contract(seed, epochs):
    import json

    from perceptron_lib.widgets.descent import MAX_FRAMES, RUN_FIELDS
    run = DescentExplorer(seed=seed, epochs=epochs).run
    assert set(run) == set(RUN_FIELDS)
    for key, kind in RUN_FIELDS.items():
        assert isinstance(run[key], kind), key
    frames = len(run["epochs"])
    assert frames <= MAX_FRAMES + 2 and run["epochs"][0] == 0 and run["epochs"][-1] == epochs
    for key in ("W_hidden", "W_out", "hidden", "outputs", "loss", "readout"):
        assert len(run[key]) == frames, key
    assert all(0 <= k < frames for k, _ in run["status"])
    assert len(json.dumps(run, allow_nan=False)) < 2_000_000
    script = (ROOT / "perceptron_lib" / "widgets" / "descent.js").read_text()
    for key in RUN_FIELDS:                      # the view declares every field
        assert "} " + key in script, key
