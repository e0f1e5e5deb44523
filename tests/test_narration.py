"""The explorer's words as pure functions, and the look defined once for every picture."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from perceptron_lib import Perceptron, gate, narration, plotting, style  # noqa: E402  # noqa: E402


@pytest.fixture(scope="module")
def and_history():
    return Perceptron(2).fit(*gate("AND")).history_


def test_readout_of_every_visit(and_history):
    h = and_history
    texts = [narration.readout(h, p, 1) for p in range(len(h) + 1)]
    assert texts[0].startswith("Before training: W = [0, 0, 0].")
    assert texts[4].startswith("epoch 1, sample 4 of 4: x = (1, 1), z = -1, predicted 0, "
                               "desired 1, error e = +1")
    assert texts[4].endswith("W = [0, 1, 1].")
    assert all(t.count("epoch") >= 1 for t in texts[1:])
    assert "no change" in texts[2] and "no change" in texts[-1]


@pytest.mark.parametrize("W, says", [
    ([-2, 1, 0], "outside the picture, to the right: the line x1 = 2. The whole picture is "
                 "unshaded"),
    ([3, -1, 0], "to the right: the line x1 = 3. The whole picture is shaded"),
    ([-5, 0, 1], "above: the line x2 = 5"),
    ([5, 0, 1], "below: the line x2 = -5"),
    ([10, 1, 1], "to the left: it passes through (-5, -5)"),
    ([-1, 0, 0], "no line at all: z = -1 for every input, so nothing is classed 1"),
    ([0, 0, 0], "every point is classed 1"),
    ([-3, 1, 1], "only touches the picture at its corner (1.5, 1.5); the rest of the picture "
                 "is unshaded"),
    ([-1.5, 1, 0], "runs along the picture's edge, from (1.5, -0.5) to (1.5, 1.5)"),
])
def test_line_whereabouts(W, says):
    assert says in narration.line_whereabouts(W, (-0.5, 1.5), (-0.5, 1.5))


@pytest.mark.parametrize("W", [[-3, 2, 1], [-1, 1, 1], [0, 1, -1], [-1.4, 0, 1]])
def test_no_whereabouts_when_the_line_crosses_the_picture(W):
    assert narration.line_whereabouts(W, (-0.5, 1.5), (-0.5, 1.5)) == ""


def test_status_and_bound(and_history):
    h = and_history
    assert narration.status(h, 3, 51.0, True) == ("Mistakes (updates) so far: 1. Novikoff's "
                                                  "theorem (notebook 05): from W = 0, on these "
                                                  "points the perceptron makes at most 51 "
                                                  "mistakes in all.")
    assert narration.status(h, len(h)).startswith("✔ Converged in epoch 6")
    xor = Perceptron(2, epochs=5).fit(*gate("XOR")).history_
    assert "No straight line separates" in narration.status(xor, len(xor), None, False)
    assert narration.whole_bound(50.99999999999999) == 51
    assert narration.whole_bound(50.2) == 51 and narration.whole_bound(2e12) == "about 2e+12"


def test_epoch_readout(and_history):
    assert narration.epoch_readout(and_history, 2) == ("End of epoch 2: 3 mistakes in this "
                                                       "epoch; W = [-1, 2, 1].")


def test_the_look_is_defined_once():
    fig = plotting.new_figure()
    ax = fig.add_subplot()
    drawn = plotting.plot_decision_boundary(ax, [-1, 1, 1], (-0.5, 1.5), (-0.5, 1.5))
    assert drawn["line"].get_linewidth() == style.LINE["width"]
    assert drawn["shade"].get_alpha() == style.SHADE["alpha"]
    assert matplotlib.colors.to_hex(drawn["shade"].get_facecolor()) == style.COLORS["shade"].lower()
    spec = style.SIZES["normal"]
    assert (fig.bbox.width, fig.bbox.height) == (spec["width"], spec["height"])
    browser = style.for_browser("large")
    assert browser["line"]["width"] == style.LINE["width"]
    assert browser["shade"]["alpha"] == style.SHADE["alpha"]
    assert browser["colors"] == {k: f"var(--pl-{k})" for k in style.COLORS}
    assert browser["size"]["width"] == 1100
    for palette in (style.COLORS, style.DARK_COLORS):     # every colour set, light and dark
        for name, value in palette.items():
            assert f"--pl-{name}: " in browser["css"] and value in browser["css"]
    assert plotting.CLASS_COLORS == (style.COLORS["class0"], style.COLORS["class1"])
    with pytest.raises(ValueError, match="size must be one of"):
        style.for_browser("huge")


def test_numbers_are_written_one_way():
    assert [style.format_number(v) for v in (2.0, -0.2, 5.551e-17, 0, 12345.0)] == \
        ["2", "-0.2", "5.551e-17", "0", "1.234e+04"]
    assert style.format_vector(np.array([-3.0, 2.0, 1.0])) == "[-3, 2, 1]"


def _luminance(hex_color):
    rgb = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("palette", ["COLORS", "DARK_COLORS"])
def test_the_palette_is_readable_on_its_background(palette):
    colors = getattr(style, palette)
    bg = colors["background"]
    for name in ("text", "warning"):                                   # words: WCAG AA
        assert contrast(colors[name], bg) >= 4.5, name
    for name in ("class0", "class1", "line", "old", "w_old", "excite", "inhibit", "bar",
                 "bar_now"):                                           # marks and lines
        assert contrast(colors[name], bg) >= 3, name
    assert contrast(colors["on_active"], colors["active"]) >= 4.5      # the yellow boxes
    assert contrast(colors["text"], colors["silent"]) >= 4.5           # a silent soma
    assert contrast("#ffffff", colors["class1"]) >= 4.5 or palette == "DARK_COLORS"
    assert contrast(colors["on_pressed"], colors["pressed"]) >= 4.5    # a button that is on
    assert contrast(colors["focus"], bg) >= 3                          # the focus ring


@pytest.mark.parametrize("W", [[5, 1, 1], [-1, 1, 0], [2, 0, -1], [-4, 1, 2]])
def test_the_line_is_found_whatever_the_scale_of_the_weights(W):
    from perceptron_lib.narration import line_whereabouts
    view = ((-0.5, 1.5), (-0.5, 1.5))
    plain = line_whereabouts(W, *view)
    for scale in (1e-300, 1e300, 2.0**-1070):
        text = line_whereabouts(np.array(W, dtype=float) * scale, *view)
        assert "inf" not in text and "nan" not in text
        assert text.split(":")[0] == plain.split(":")[0]     # the same side of the picture
    assert "about 1e+320" in line_whereabouts([-1, 1e-320, 0], *view)


def test_novikoffs_bound_is_stated_only_for_a_run_from_zero():
    from perceptron_lib.widgets import TrainingExplorer
    zero = TrainingExplorer(dataset="AND")
    zero.go_to(zero._slider_max())
    assert "from W = 0, on these points the perceptron makes at most 51" in \
        zero.describe_status()
    moved = TrainingExplorer(dataset="AND", W0=[0.5, -1, 1], lr=0.01)
    moved.go_to(moved._slider_max())
    assert "Novikoff" not in moved.describe_status()


def test_the_weight_arrow_is_named_in_the_legend():
    """03's picture of the AND line (and the explorers' still pictures) name the w arrow in
    their legends, as the live explorers do."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from perceptron_lib.plotting import plot_weight_vector
    fig, ax = plt.subplots()
    plot_weight_vector(ax, [-1.5, 1.0, 1.0], (-0.5, 1.5), (-0.5, 1.5))
    assert "w = (w1, w2)" in ax.get_legend_handles_labels()[1]
    fig2, ax2 = plt.subplots()
    plot_weight_vector(ax2, [-1.5, 1.0, 1.0], (-0.5, 1.5), (-0.5, 1.5), label=None)
    assert ax2.get_legend_handles_labels()[1] == []
    plt.close(fig)
    plt.close(fig2)
