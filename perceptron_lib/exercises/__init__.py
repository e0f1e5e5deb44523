"""Self-checking exercises for the notebooks, one file per notebook.

In a notebook::

    from perceptron_lib.exercises import nb02
    answer_2_1 = ...          # replace ... with your answer
    nb02.q1.check(answer_2_1)
    nb02.q1.hint()            # a nudge
    nb02.q1.solution()        # the answer, as code you could type, and why

``check`` prints a friendly verdict and never raises: a blank answer (``...``, None or an
empty string) prints "not answered yet", a wrong answer says what is likely wrong.

Every exercise carries ``answer_code``, the exact Python a learner would type in its answer
cell, and ``wrong_code``, typical wrong answers with what the check must say about them; the
tests run both inside the notebooks. (Yes, the solutions are in these files. Try first: you
learn more that way.)
"""

from . import nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10
from .core import NOT_ANSWERED, Exercise

__all__ = ["Exercise", "NOT_ANSWERED", "ALL", "questions",
           "nb00", "nb01", "nb02", "nb03", "nb04", "nb05", "nb06", "nb07", "nb08",
           "nb09", "nb10"]

ALL = {m.__name__.rsplit(".", 1)[1]: m
       for m in (nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10)}


def questions(notebook):
    """The exercises of one notebook's module (e.g. ``nb04``), as [("q1", Exercise), ...]."""
    return sorted((k, v) for k, v in vars(notebook).items() if isinstance(v, Exercise))
