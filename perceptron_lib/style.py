"""The look of the course, defined once.

Colours, marker shapes, sizes, line widths, the shade, arrows and the way numbers are written.
The matplotlib figures of the notebooks (``plotting``) and the explorers' browser views
(``widgets``) both read them from here, so a decision line looks the same everywhere.

The palette is Okabe & Ito's, readable with every common kind of colour blindness, and the two
classes differ by marker shape as well as colour, so every picture also reads in black and
white.
"""

from __future__ import annotations

__all__ = ["COLORS", "CLASS_COLORS", "CLASS_MARKERS", "LINE", "SHADE", "ARROW", "SIZES",
           "format_number", "format_vector", "for_browser"]

COLORS = {
    "class0": "#D55E00",        # vermillion
    "class1": "#0072B2",        # blue
    "shade": "#56B4E9",         # sky blue: the side where z >= 0 (predicts 1)
    "line": "#000000",          # the decision line and the weight vector w
    "old": "#777777",           # the line before an update (dashed)
    "w_old": "#999999",         # the weight vector before an update
    "excite": "#009E73",        # an update that excites (e = +1): bluish green
    "inhibit": "#CC79A7",       # an update that inhibits (e = -1): reddish purple
    "grid": "#dddddd",
    "bar": "#999999",           # mistakes per epoch
    "bar_now": "#0072B2",       # the current epoch's bar
    "active": "#F0E442",        # an input that is on, a neuron that fires: yellow
    "silent": "#dddddd",
    "warning": "#8a3b00",
}
CLASS_COLORS = (COLORS["class0"], COLORS["class1"])
CLASS_MARKERS = ("o", "^")      # class 0: circle, class 1: triangle

LINE = {"width": 2.4, "old_width": 1.5, "old_dash": (5, 3)}
SHADE = {"alpha": 0.22}
ARROW = {"width": 2.0, "head": 12}

# "large" is for projectors and lecture halls. Pixel sizes of the explorers' pictures; the
# matplotlib figures use the same numbers through figsize * dpi.
SIZES = {
    "normal": {"width": 704, "height": 352, "dpi": 80, "font": 11, "marker": 90},
    "large": {"width": 1100, "height": 550, "dpi": 100, "font": 15, "marker": 170},
}

DIGITS = 4      # significant digits of every number the course prints


def format_number(v):
    """A number the way the course prints it: 2, -0.2, 5.551e-17 (4 significant digits)."""
    v = float(v)
    return "0" if v == 0 else f"{v:.{DIGITS}g}"


def format_vector(W):
    """'[-3, 2, 1]': weights written the way the course prints them."""
    return "[" + ", ".join(format_number(v) for v in W) + "]"


def size_spec(size):
    """The sizes for ``size`` ("normal" or "large"), or a clear error."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(repr(s) for s in SIZES)}; "
                         f"got {size!r}.")
    return SIZES[size]


def for_browser(size="normal"):
    """Everything a browser view needs to draw in the course's style, as plain JSON."""
    spec = size_spec(size)
    return {"colors": COLORS, "line": {k: list(v) if isinstance(v, tuple) else v
                                       for k, v in LINE.items()},
            "shade": SHADE, "arrow": ARROW, "size": dict(spec, name=size)}
