"""What every explorer shares: a view drawn in the browser, the course's look, a still
picture for pages where no widget can run, and checked settings."""

from __future__ import annotations

import base64
import json
from contextlib import contextmanager
from pathlib import Path

import anywidget
import traitlets

from ..exact import as_decimal
from ..narration import status_at
from ..style import for_browser, size_spec
from ..style import format_number as fmt

HERE = Path(__file__).parent
SHARED = HERE / "shared"
# The views' shared code, by concern, in the order a view's module joins it (each file uses
# only those before it, and the view uses them all).
SHARED_CODE = ("dom", "numbers", "layout", "plot", "stepper", "requests")


def shared_code(names=SHARED_CODE):
    """The text of the shared files ``names`` (shared/<name>.js), in that order."""
    return "\n".join((SHARED / f"{name}.js").read_text() for name in names)


def view_module(name):
    """The ES module of an explorer's view: the shared code, the explorers' style sheet (as
    BASE_CSS) and the explorer's own code (<name>.js)."""
    css = (SHARED / "explorer.css").read_text()
    return (f"{shared_code()}\nconst BASE_CSS = {json.dumps(css)};\n\n"
            f"{(HERE / f'{name}.js').read_text()}")


class Setting(traitlets.Any):
    """A setting a person changes, synced with the view. Every value (None too) goes to the
    explorer's own check (its ``@traitlets.validate``), so Python and the view get the same
    messages as the constructor gives."""

    def __init__(self, default):
        super().__init__(default)
        self.allow_none = False
        self.tag(sync=True)


class Stepping:
    """Moving through a run from Python, as the view's buttons do (the browser view steps by
    itself; these are for Python). The view's slider goes from 0 to ``_slider_max()``;
    ``_position_of(k)`` is the position of slider value k, ``slider_value`` the value of the
    position shown."""

    def _position_of(self, k):
        return k

    @property
    def slider_value(self):
        return self.position

    def go_to(self, k):
        """Move to slider value ``k`` (kept between the start and the end)."""
        self.position = self._position_of(int(min(max(k, 0), self._slider_max())))

    def step_forward(self):
        self.go_to(self.slider_value + 1)

    def step_back(self):
        self.go_to(self.slider_value - 1)

    def describe_status(self):
        """The status line: the story of the run so far."""
        return status_at(self.run, self.position)


class Explorer(anywidget.AnyWidget):
    """Base of the explorers: ``look`` (the course's style, sent once) and a still picture.

    Besides the live view, the output carries a PNG of the current state and a sentence, so a
    notebook shows a picture where widgets cannot run (GitHub, a PDF export) and nbval has
    text to compare.
    """

    look = traitlets.Dict().tag(sync=True)   # the course's style (not ipywidgets' "style")
    _busy = False     # True while the explorer sets its own settings: nothing retrains

    def __init__(self, size="normal", **kwargs):
        size_spec(size)
        self.size = size
        with self._quiet():
            super().__init__(look=for_browser(size), **kwargs)

    RETRAIN_ON = ()   # settings whose change retrains: the setting and the new run go together

    def notify_change(self, change):
        if change["name"] in self.RETRAIN_ON and self.comm is not None \
                and not self._holding_sync:
            with self.hold_sync():                   # one message to the view
                super().notify_change(change)
        else:
            super().notify_change(change)

    def set_state(self, sync_data):
        """Settings from the view, each checked as from Python: also a value equal to the
        current one (True == 1, 8.0 == 8), which traitlets would store unchecked. One that
        fails its check leaves the setting as it was."""
        before = {name: getattr(self, name) for name in sync_data
                  if name in self._trait_validators}
        super().set_state(sync_data)
        for name, old in before.items():
            value = getattr(self, name)
            try:
                checked = self.traits()[name]._cross_validate(self, value)
            except traitlets.TraitError:
                self.set_trait(name, old)
                raise
            if type(checked) is not type(value):
                self.set_trait(name, checked)

    @contextmanager
    def _quiet(self):
        """Set settings without retraining; everything changed is sent to the view at once."""
        busy, self._busy = self._busy, True
        try:
            with self.hold_sync() if self.comm is not None else _nothing():
                yield
        finally:
            self._busy = busy

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


@contextmanager
def _nothing():
    yield


GATES = ("AND", "OR", "NAND", "NOR", "XOR", "XNOR")     # the explorers' two-input gates


def explain(err, otherwise="This run could not be computed."):
    """A message for the learner about a failed retraining, without Python internals: our
    own message for a ValueError or TypeError, ``otherwise`` for anything else."""
    text = str(err) if isinstance(err, (ValueError, TypeError)) else otherwise
    return f"{text} The explorer still shows the last run that worked."


def shown(value):
    """The exact decimal a person set: 0.6 means 6/10 (the shortest decimal of the float, the
    rule the browser views follow too)."""
    return as_decimal(float(value))


def exactly(z):
    """z for a sentence: '0 exactly' when a hand-set sum is exactly 0."""
    return "0 exactly" if z == 0 else fmt(z)
