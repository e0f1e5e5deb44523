"""The course manifest (course.toml) and every place made from it.

    python -m tools.course            # rewrite every place from course.toml
    python -m tools.course --check    # say which places are not current (exit status 1)

The places: README.md's table of notebooks and its total study time; the teacher's guide's
total; each notebook's title (its first line) and time line (the minutes, the links to the
notebooks before and after); 00's map. The website's home page reads the notebooks' headers,
and the slide decks read the manifest's plan (``sessions()``), so they follow too. Only text
is rewritten: a notebook's outputs stay as they are.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

try:                        # Python 3.11+
    import tomllib
except ImportError:         # Python 3.10: the same parser, from PyPI
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "course.toml"
HOURS = {5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven",
         12: "twelve"}


class ManifestError(ValueError):
    pass


def load(path=MANIFEST):
    """The manifest as {"notebooks": [...], "decks": {...}}, checked: every notebook has its
    fields, numbers follow 00, 01, ..., and every deck names notebooks that exist."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    books = data.get("notebook", [])
    for k, book in enumerate(books):
        missing = {"file", "title", "leave_with", "minutes"} - set(book)
        if missing:
            raise ManifestError(f"{path}: notebook {k + 1} has no {', '.join(sorted(missing))}")
        if not book["file"].startswith(f"{k:02d}_"):
            raise ManifestError(f"{path}: notebook {k + 1} is {book['file']}; its file name "
                                f"must start with {k:02d}_")
        if not isinstance(book["minutes"], int) or book["minutes"] <= 0:
            raise ManifestError(f"{path}: {book['file']}: minutes must be a whole number > 0")
    numbers = [f"{k:02d}" for k in range(len(books))]
    plans = data.get("plan", [])
    for plan in plans:
        name = plan.get("name", "a plan")
        if not isinstance(plan.get("minutes"), int) or plan["minutes"] <= 0:
            raise ManifestError(f"{path}: {name}: minutes must be a whole number > 0")
        sessions_ = plan.get("sessions", [])
        homework = plan.get("homework", [])
        if any(not isinstance(h, list) or len(h) != 2 or not isinstance(h[1], int)
               or not 1 <= h[1] <= len(sessions_) + 1 for h in homework):
            raise ManifestError(f"{path}: {name}: each homework is [notebook, before session "
                                f"1 to {len(sessions_) + 1}]")
        used = [n for session in sessions_ for n in session] + [h[0] for h in homework]
        unknown = [n for n in used if n not in numbers]
        if unknown:
            raise ManifestError(f"{path}: {name} names notebooks that do not exist: "
                                f"{', '.join(unknown)}")
        if sorted(used) != numbers:
            twice = sorted({n for n in used if used.count(n) > 1})
            missing = [n for n in numbers if n not in used]
            raise ManifestError(f"{path}: {name} must hold every notebook once, in class or at "
                                f"home; " + (f"twice: {', '.join(twice)}" if twice else
                                              f"missing: {', '.join(missing)}"))
    decks = data.get("decks", {})
    if plans and decks.get("plan") not in [plan.get("name") for plan in plans]:
        raise ManifestError(f"{path}: [decks] plan names no plan: {decks.get('plan')!r}")
    return {"notebooks": books, "decks": decks, "plans": plans}


def number(book):
    return book["file"][:2]


def heading(book):
    """ "01 · The biological neuron" """
    return f"{number(book)} · {book['title']}"


def total_minutes(course):
    return sum(book["minutes"] for book in course["notebooks"])


def sessions(course=None):
    """The notebooks of each session of the decks' plan: (("00", "01", "02"), ...)."""
    course = course or load()
    plan = next(p for p in course["plans"] if p["name"] == course["decks"]["plan"])
    return tuple(tuple(session) for session in plan["sessions"])


def span(numbers):
    """ "00–02" for consecutive notebooks, "07, 09" for others."""
    ints = [int(k) for k in numbers]
    if len(ints) > 1 and ints == list(range(ints[0], ints[-1] + 1)):
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(numbers)


def _checkins():
    """The check-in quizzes: [(number, the notebooks it asks about)]."""
    from perceptron_lib.exercises.quizzes import QUIZZES
    return [(k + 1, tuple(quiz.notebooks)) for k, quiz in enumerate(QUIZZES.values())]


def checkins(plan):
    """[(check-in quiz, the session it opens)]: the first session after all its notebooks
    are done, in class or at home (one past the last session: it goes home)."""
    home = plan.get("homework", [])
    done = {n: k for k, session in enumerate(plan["sessions"], start=1) for n in session}
    done.update({n: at - 1 for n, at in home})           # at home before session `at`
    return [(q, max(done[n] for n in books) + 1) for q, books in _checkins()]


def plan_row(course, plan):
    """The teacher's guide's row for one plan: its sessions (with what is done at home, and
    what does not fit in a session's minutes) and when each check-in quiz is given."""
    minutes = {number(book): book["minutes"] for book in course["notebooks"]}
    sessions_ = plan["sessions"]
    home = plan.get("homework", [])
    last = len(sessions_) + 1
    parts = []
    for k, session in enumerate(sessions_, start=1):
        before = [n for n, at in home if at == k]
        if before:
            parts.append(f"{span(before)} ({sum(minutes[n] for n in before)} min) at home "
                         f"before session {k}")
        total = sum(minutes[n] for n in session)
        over = total - plan["minutes"]
        parts.append(f"session {k}: {span(session)} ({total} min"
                     + (f", the last {over} at home" if over > 0 else "") + ")")
    after = [n for n, at in home if at == last]
    if after:
        parts.append(f"then at home: {span(after)} ({sum(minutes[n] for n in after)} min)")
    opening = checkins(plan)
    opens = [(q, start) for q, start in opening if start <= len(sessions_)]
    home_quizzes = [(q, start) for q, start in opening if start > len(sessions_)]
    said = [f"check-in {q} opens session {start}" if i == 0 else f"check-in {q} session {start}"
            for i, (q, start) in enumerate(opens)]
    if home_quizzes:
        qs = [str(q) for q, _ in home_quizzes]
        names = qs[0] if len(qs) == 1 else f"{', '.join(qs[:-1])} and {qs[-1]}"
        said.append(f"check-in{'s' if len(qs) > 1 else ''} {names} "
                    f"{'go' if len(qs) > 1 else 'goes'} home with the last homework")
    return f"| {plan['name']} | {'; '.join(parts)} | {', '.join(said)} |"


def plans_table(course):
    lines = ["| plan | sessions | check-in quiz at the start of the next session |",
             "|---|---|---|"]
    return "\n".join(lines + [plan_row(course, plan) for plan in course["plans"]])


# --- the places ---------------------------------------------------------------------------------

def readme_table(course, home=("perceptron-course", "perceptron-course", "main")):
    owner, repo, branch = home
    lines = ["| notebook | what you leave with | time | open in |", "|---|---|---|---|"]
    for book in course["notebooks"]:
        colab = (f"https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/"
                 f"notebooks/{book['file']}.ipynb")
        lines.append(f"| `{book['file']}` | {book['leave_with']} | {book['minutes']} min | "
                     f"[Colab]({colab}) |")
    return "\n".join(lines)


def _hours(course):
    hours = round(total_minutes(course) / 60)
    return HOURS.get(hours, str(hours))


def readme_total(course):
    return f"In all about {_hours(course)} hours ({total_minutes(course)} minutes) of study"


def map_total(course):
    """00's sentence under its map."""
    return f"In all about {_hours(course)} hours of study"


def guide_total(course):
    return (f"The course takes about {_hours(course)} hours of student time: "
            f"{total_minutes(course)} minutes, counted per notebook")


def time_line(course, k):
    """A notebook's line under its promise: its minutes and the way on."""
    books = course["notebooks"]
    book = books[k]
    parts = [f"*Time: about {book['minutes']} minutes*"]
    if k > 0:
        before = books[k - 1]
        parts.append(f"[← {heading(before)}]({before['file']}.ipynb)")
    if k + 1 < len(books):
        after = books[k + 1]
        parts.append(f"Next: [{heading(after)} →]({after['file']}.ipynb)")
    else:
        first = books[0]
        parts.append(f"Back to the start: [{heading(first)}]({first['file']}.ipynb)")
    return " · ".join(parts)


def map_table(course):
    """00's map: every notebook (linked, but 00 itself), what it leaves you with, its time."""
    lines = ["| notebook | what you leave with | time |", "|---|---|---|"]
    for k, book in enumerate(course["notebooks"]):
        name = heading(book) if k == 0 else f"[{heading(book)}]({book['file']}.ipynb)"
        lines.append(f"| {name} | {book['leave_with']} | {book['minutes']} min |")
    return "\n".join(lines)


README_TABLE = re.compile(r"^\| notebook \| what you leave with \| time \| open in \|\n"
                          r"(?:^\|.*\|\n)+", re.M)
README_TOTAL = re.compile(r"In all about \w+ hours \(\d+ minutes\) of study")
GUIDE_PLANS = re.compile(r"^\| plan \| sessions \| check-in quiz at the start of the next "
                         r"session \|\n(?:^\|.*\|\n?)+", re.M)
GUIDE_TOTAL = re.compile(r"The course takes about \w+ hours of student time: \d+ minutes, "
                         r"counted per notebook")
MAP_TABLE = re.compile(r"^\| notebook \| what you leave with \| time \|\n(?:^\|.*\|\n?)+", re.M)
TIME_LINE = re.compile(r"^\*Time: about .*$", re.M)
MAP_TOTAL = re.compile(r"In all about \w+ hours of study")


def made_readme(text, course, home):
    table = README_TABLE.search(text)
    if table is None or README_TOTAL.search(text) is None:
        raise ManifestError("README.md has no table of notebooks or no total time to update")
    text = text[:table.start()] + readme_table(course, home) + "\n" + text[table.end():]
    return README_TOTAL.sub(readme_total(course), text, count=1)


def made_notebook(nb, course, k):
    """The notebook ``nb`` (the k-th) with its title, time line and (00) map made from the
    manifest; returns whether anything changed."""
    before = [cell.source for cell in nb.cells]
    top = nb.cells[0]
    lines = top.source.split("\n")
    lines[0] = f"# {heading(course['notebooks'][k])}"
    top.source = TIME_LINE.sub(time_line(course, k).replace("\\", "\\\\"), "\n".join(lines),
                               count=1)
    if k == 0:
        for cell in nb.cells:
            if cell.cell_type == "markdown" and cell.source.startswith("## The map"):
                match = MAP_TABLE.search(cell.source)
                if match:
                    end = "\n" if match.group(0).endswith("\n") else ""
                    cell.source = (cell.source[:match.start()] + map_table(course) + end
                                   + MAP_TOTAL.sub(map_total(course),
                                                   cell.source[match.end():], count=1))
    return [cell.source for cell in nb.cells] != before


def update(root=ROOT, write=True, course=None):
    """Make every place from the manifest; returns the files that were not current (and,
    with ``write``, are now)."""
    from tools.execute_notebooks import notebook_text, write_atomically
    from tools.set_home import current_home

    root = Path(root)
    course = course or load(root / "course.toml")
    stale = []
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = made_readme(text, course, current_home(root))
    if new != text:
        stale.append(readme)
        if write:
            write_atomically(readme, new)
    guide = root / "notebooks" / "teacher_guide.md"
    text = guide.read_text(encoding="utf-8")
    if GUIDE_TOTAL.search(text) is None:
        raise ManifestError("the teacher's guide has no total study time to update")
    new = GUIDE_TOTAL.sub(guide_total(course), text, count=1)
    table = GUIDE_PLANS.search(new)
    if table is None:
        raise ManifestError("the teacher's guide has no table of plans to update")
    end = "\n" if table.group(0).endswith("\n") else ""
    new = new[:table.start()] + plans_table(course) + end + new[table.end():]
    if new != text:
        stale.append(guide)
        if write:
            write_atomically(guide, new)
    for k, book in enumerate(course["notebooks"]):
        path = root / "notebooks" / f"{book['file']}.ipynb"
        if not path.exists():
            raise ManifestError(f"course.toml names {path.name}, which is not in notebooks/")
        nb = nbformat.read(path, as_version=4)
        if made_notebook(nb, course, k):
            stale.append(path)
            if write:
                write_atomically(path, notebook_text(nb))
    return stale


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    try:
        stale = update(write=not check)
    except (ManifestError, tomllib.TOMLDecodeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in stale:
        print(f"{path.relative_to(ROOT)}: {'not current' if check else 'made from course.toml'}")
    if check and stale:
        print("run python -m tools.course to make them from course.toml", file=sys.stderr)
        return 1
    if not stale:
        print("every place is current with course.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
