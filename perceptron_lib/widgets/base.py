"""What every explorer shares: a view drawn in the browser, the course's look, a still
picture for pages where no widget can run, and checked settings."""

from __future__ import annotations

import base64
import numbers
from pathlib import Path

import anywidget
import numpy as np
import traitlets

from ..exact import as_decimal
from ..style import for_browser, size_spec
from ..style import format_number as fmt

HERE = Path(__file__).parent


def view_module(name):
    """The ES module of an explorer's view: the shared helpers, then the explorer's own code."""
    return (HERE / "common.js").read_text() + "\n" + (HERE / f"{name}.js").read_text()


class Explorer(anywidget.AnyWidget):
    """Base of the explorers: ``look`` (the course's style, sent once) and a still picture.

    Besides the live view, the output carries a PNG of the current state and a sentence, so a
    notebook shows a picture where widgets cannot run (GitHub, a PDF export) and nbval has
    text to compare.
    """

    look = traitlets.Dict().tag(sync=True)   # the course's style (not ipywidgets' "style")

    def __init__(self, size="normal", **kwargs):
        size_spec(size)
        self.size = size
        super().__init__(look=for_browser(size), **kwargs)

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self._describe()
        try:
            data["image/png"] = base64.b64encode(self._png()).decode("ascii")
        except Exception:  # the still picture is a courtesy: never let it break the display
            pass
        return data, metadata

    def _png(self):
        raise NotImplementedError

    def _describe(self):
        raise NotImplementedError


def setting(value, name, low, high):
    """A number a person sets on a slider: checked, and within the slider's range."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        raise TypeError(f"{name} must be a number; got {value!r}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}.")
    if not low <= value <= high:
        raise ValueError(f"{name} = {fmt(value)} is outside its slider's range, {fmt(low)} to "
                         f"{fmt(high)}: choose a value in that range.")
    return value


def shown(value):
    """The exact decimal a person set: 0.6 means 6/10 (the shortest decimal of the float, the
    rule the browser views follow too)."""
    return as_decimal(float(value))


def exactly(z):
    """z for a sentence: '0 exactly' when a hand-set sum is exactly 0."""
    return "0 exactly" if z == 0 else fmt(z)
