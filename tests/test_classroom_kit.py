"""The teacher's kit: the answer key and the check-in quiz notebook are generated from the
exercises and current; the quiz notebook is committed executed with blank answers, and runs
with every answer filled in. (nbval runs teacher/ too: pyproject's testpaths.)
"""

import html
import json
from pathlib import Path

from perceptron_lib.exercises import ALL, questions
from perceptron_lib.exercises.quizzes import QUIZZES
from tests.test_exercise_answers import answers_run_in
from tools import answer_key

KEY = answer_key.KEY
QUIZ = answer_key.QUIZ_NOTEBOOK
ROOT = Path(__file__).resolve().parents[1]


def test_the_answer_key_is_current():
    assert KEY.read_text() == answer_key.answer_key(), \
        "teacher/answer_key.md is out of date: run python -m tools.answer_key"


def test_the_answer_key_holds_every_exercise_and_its_answer():
    key = KEY.read_text()
    for group in (ALL, QUIZZES):
        for name, module in group.items():
            for q, ex in questions(module):
                assert f"{ex.name} · `{name}.{q}`" in key
                assert f"```python\n{ex.answer_code}\n```" in key, ex.name
                for code, must_say in ex.wrong_code:
                    assert code in key and must_say in key, (ex.name, code)


def test_the_quiz_notebook_is_current():
    assert answer_key.quiz_notebook_current(), \
        "teacher/checkin_quizzes.ipynb is out of date: run python -m tools.answer_key"


def test_the_quiz_notebook_is_committed_executed_with_blank_answers():
    cells = json.loads(QUIZ.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    checks = [c for c in code if ".check(" in "".join(c["source"])]
    assert len(checks) == 5 * len(QUIZZES)
    for c in code:
        assert all(o["output_type"] != "error" for o in c["outputs"])
    for c in checks:
        out = "".join("".join(o.get("text", "")) for o in c["outputs"])
        assert "not answered yet" in out, c["source"]


def test_the_quizzes_run_with_every_answer_filled_in():
    assert answers_run_in(QUIZ) == 5 * len(QUIZZES)


def test_the_guide_says_when_to_run_each_quiz():
    guide = (KEY.parents[1] / "notebooks" / "teacher_guide.md").read_text()
    assert "teacher/answer_key.md" in guide and "teacher/checkin_quizzes.ipynb" in guide
    for n in range(1, len(QUIZZES) + 1):
        assert f"check-in {n}" in guide.lower()


def test_each_check_in_asks_only_what_was_taught_before_it():
    import re

    from perceptron_lib.exercises.quizzes import QUIZZES
    guide = (KEY.parents[1] / "notebooks" / "teacher_guide.md").read_text()
    row = next(line for line in guide.splitlines() if line.startswith("| five 90-minute"))
    sessions, checkins = row.split("|")[2:4]
    taught = [re.findall(r"\b(\d\d)(?:–(\d\d))? \(", part) for part in sessions.split("), ")]
    for k, quiz in enumerate(QUIZZES.values(), start=1):
        opens = re.search(rf"check-in {k} \([\d–]+\) opens session (\d)", checkins)
        if opens:                                   # run at the start of that session
            before = taught[:int(opens.group(1)) - 1]
            done = {f"{n:02d}" for spans in before for a, b in spans
                    for n in range(int(a), int(b or a) + 1)}
            assert set(quiz.notebooks) <= done, (k, quiz.notebooks, done)
    covered = {n for quiz in QUIZZES.values() for n in quiz.notebooks}
    assert covered >= {f"{n:02d}" for n in range(1, 10)}, "every notebook has a check-in"


def test_every_slide_has_speaker_notes():
    """Each slide of each deck carries notes for the presenter (key S): the prose that does
    not fit, what a cell prints, how to drive an explorer, and for a question its answer."""
    import re

    import nbformat

    from tools import build_slides
    md = build_slides._markdown()
    books = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    seen = 0
    for numbers in build_slides.sessions():
        nbs = [nbformat.read(p, as_version=4) for p in books if p.name[:2] in numbers]
        for stack in build_slides.deck_sections(nbs, md):
            for bodies, notes in stack:
                seen += 1
                words = re.sub(r"<[^>]+>", "", "".join(notes)).strip()
                assert words, re.sub(r"<[^>]+>", "", "".join(bodies))[:80]
                if "Check your understanding 4.4" in "".join(bodies):
                    assert "W + lr * (d - y) * xe" in html.unescape(words)
    assert seen >= 150
