"""Exercises on the built site, answered as a reader would: on every page each value
exercise has a box; its right answer typed there is correct and a typical wrong answer gets
the notebook check's own words (computed here by the Python check); an exercise whose answer
is code says so, with the page's launch links; odd input never raises."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_exercise_page import EXERCISES, python_verdict, rhs

from .conftest import RESULTS, ROOT, new_page

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def exercises_of(stem):
    number = int(stem[:2])
    return [e for e in EXERCISES if e.name.startswith(f"Exercise {number}.")]


def answer(page, box, text):
    box.locator("input").fill(text)
    box.get_by_role("button", name="Check").click()
    verdict = box.locator("xpath=..").locator(".pl-answer-verdict")
    return verdict.inner_text().strip()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_can_be_answered_on_its_page(site, browser, path):
    url, out = site
    exercises = exercises_of(path.stem)
    if not exercises:
        pytest.skip(f"{path.stem} has no exercises")
    page, watch = new_page(browser)
    try:
        page.goto(f"{url}/{path.stem}.html")
        boxes = page.locator(".pl-answer")
        expect(boxes).to_have_count(len(exercises), timeout=20_000)
        for exercise in exercises:
            box = page.locator(f".pl-answer[aria-label='{exercise.name}: your answer']")
            expect(box).to_have_count(1)
            box.scroll_into_view_if_needed()   # a section off screen is not laid out yet
            spec = exercise.page_spec()
            if spec["check"] is None:          # code, checked in Python: where to do it
                assert spec["answer"] == "code"
                links = box.locator("a")
                expect(box).to_contain_text("asks for code")
                assert links.count() >= 2
                assert all((links.nth(k).get_attribute("href") or "").startswith("https://")
                           for k in range(links.count()))
                continue
            right = rhs(exercise.answer_code)
            if right is not None and "np." not in right:
                said = answer(page, box, right)
                assert said.startswith(f"✔ {exercise.name}: correct!"), (right, said)
                assert said == python_verdict(exercise, right)[1]
            for code, _ in exercise.wrong_code:
                wrong = rhs(code)
                if wrong is None or "np." in wrong:
                    continue
                status, message = python_verdict(exercise, wrong)
                if status in ("incorrect", "correct"):
                    assert answer(page, box, wrong) == message, (exercise.name, wrong)
            for odd in ("", "abc", "np.dot(x, w)", "[1, 2", "1e400", "'x'", "None"):
                said = answer(page, box, odd)
                assert said.startswith(("⏳", "✘")), (exercise.name, odd, said)
            box.get_by_role("button", name="Hint").click()
            assert "💡 Hint for" in box.locator(".pl-answer-said").inner_text()
        RESULTS.mkdir(exist_ok=True)
        page.locator(".pl-answer").first.scroll_into_view_if_needed()
        page.screenshot(path=str(RESULTS / f"site-exercise-{path.stem}.png"))
        assert not watch.page_errors, watch.page_errors[:3]
        assert not watch.blocked
    finally:
        page.close()
