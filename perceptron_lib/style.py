"""The look of the course, defined once.

Colours, marker shapes, sizes, line widths, the shade, arrows and the way numbers are written.
The matplotlib figures of the notebooks (``plotting``) and the explorers' browser views
(``widgets``) both read them from here, so a decision line looks the same everywhere.

The palette is Okabe & Ito's, readable with every common kind of colour blindness, and the two
classes differ by marker shape as well as colour, so every picture also reads in black and
white.
"""

from __future__ import annotations

__all__ = ["COLORS", "DARK_COLORS", "CLASS_COLORS", "CLASS_MARKERS", "LINE", "SHADE", "ARROW",
           "SIZES", "format_number", "format_vector", "for_browser", "theme_css"]

# On a light background (the PNGs, light themes). Every mark is >= 3:1 against white.
COLORS = {
    "class0": "#D55E00",        # vermillion
    "class1": "#0072B2",        # blue
    "shade": "#56B4E9",         # sky blue: the side where z >= 0 (predicts 1)
    "line": "#000000",          # the decision line and the weight vector w
    "old": "#737373",           # the line before an update (dashed)
    "w_old": "#858585",         # the weight vector before an update
    "excite": "#009E73",        # an update that excites (e = +1): bluish green
    "inhibit": "#C0609A",       # an update that inhibits (e = -1): reddish purple
    "grid": "#dddddd",
    "bar": "#858585",           # mistakes per epoch
    "bar_now": "#0072B2",       # the current epoch's bar
    "active": "#F0E442",        # an input that is on, a neuron that fires: yellow
    "silent": "#dddddd",
    "warning": "#8a3b00",
    "edge": "#000000",          # outlines of markers and boxes, the frame of a plot
    "on_active": "#000000",     # text on the yellow of "active"
    "pressed": "#0072B2",       # a button that is on (play while playing, a chosen mode)
    "on_pressed": "#ffffff",    # its words
    "focus": "#B97F00",         # the ring round the control that has the keyboard: amber
    "background": "#ffffff",
    "text": "#111111",
}

# The same roles on a dark background (JupyterLab Dark, a site's dark mode): the hues stay,
# lightened where they would fall under 3:1 (marks) or 4.5:1 (text) against #111.
DARK_COLORS = dict(
    COLORS, class1="#3B9BE0", line="#eeeeee", old="#9a9a9a", w_old="#8a8a8a",
    grid="#3a3a3a", bar="#8a8a8a", bar_now="#3B9BE0", silent="#4a4a4a", warning="#ffb77a",
    edge="#000000", background="#111111", text="#eeeeee", focus="#E69F00",
)

# What comes from the page's theme where it has one (JupyterLab's CSS variables); the palette's
# own colours elsewhere.
FROM_THEME = {"text": "--jp-ui-font-color1", "background": "--jp-layout-color0",
              "line": "--jp-ui-font-color1"}
CLASS_COLORS = (COLORS["class0"], COLORS["class1"])
CLASS_MARKERS = ("o", "^")      # class 0: circle, class 1: triangle

LINE = {"width": 2.4, "old_width": 1.5, "old_dash": (5, 3)}
SHADE = {"alpha": 0.22}
ARROW = {"width": 2.0, "head": 12}

# "large" is for projectors and lecture halls (the slide decks use it): its smallest words, the
# tick labels at font - 2, are 16 px (15 px as a 1280 x 720 deck draws them). Pixel sizes of
# the explorers' pictures; the matplotlib figures use the same numbers through figsize * dpi.
SIZES = {
    "normal": {"width": 704, "height": 352, "dpi": 80, "font": 11, "marker": 90},
    "large": {"width": 1100, "height": 400, "dpi": 100, "font": 18, "marker": 200},
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


def _variables(colors):
    return "; ".join(f"--pl-{name}: " + (f"var({FROM_THEME[name]}, {value})"
                                         if name in FROM_THEME else value)
                     for name, value in colors.items())


def theme_css():
    """The palette as CSS variables (``--pl-class0``, ...), light or dark with the page.

    Dark where JupyterLab's theme is dark (``data-jp-theme-light="false"``), where a site's
    theme switch says so (``data-theme="dark"`` on <html>), or where the page says nothing and
    the reader's system prefers dark; light everywhere else.
    """
    light, dark = _variables(COLORS), _variables(DARK_COLORS)
    return (
        f".pl-explorer {{ {light}; color-scheme: light; }}\n"
        f"@media (prefers-color-scheme: dark) {{ html:not([data-theme]) "
        f"body:not([data-jp-theme-light]) .pl-explorer {{ {dark}; color-scheme: dark; }} }}\n"
        f"body[data-jp-theme-light=\"false\"] .pl-explorer, html[data-theme=\"dark\"] "
        f".pl-explorer {{ {dark}; color-scheme: dark; }}\n"
    )


def for_browser(size="normal"):
    """Everything a browser view needs to draw in the course's style, as plain JSON.

    Colours go as CSS variables (``var(--pl-line)``), set by ``theme_css`` for the page's
    light or dark theme, so a view follows the theme without drawing again."""
    spec = size_spec(size)
    return {"colors": {name: f"var(--pl-{name})" for name in COLORS},
            "css": theme_css(),
            "line": {k: list(v) if isinstance(v, tuple) else v for k, v in LINE.items()},
            "shade": SHADE, "arrow": ARROW, "size": dict(spec, name=size)}
