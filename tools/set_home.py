"""Point every link to the course's public home at a GitHub repository, all at once.

    python -m tools.set_home OWNER/REPO [--branch main]

The Binder, Colab, nbgitpuller and JupyterLite links in README.md, the notebooks' headers, the
teacher's guide and the teacher's kit (the hub's values file too), the setup cells' install
URL (used in Google Colab) and CITATION.cff all name the repository where the course is
published. Run this once after
publishing the course under another name (or a fork); commit the result. The tests check that
every link names the same OWNER/REPO and branch.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_NAME = r"[A-Za-z0-9_.-]+"

# Each kind of link to the home, with the owner, repository and branch as named groups.
PATTERNS = {
    "binder": re.compile(rf"https://mybinder\.org/v2/gh/(?P<owner>{_NAME})/(?P<repo>{_NAME})/"
                         rf"(?P<branch>{_NAME})"),
    "colab": re.compile(rf"https://colab\.research\.google\.com/github/(?P<owner>{_NAME})/"
                        rf"(?P<repo>{_NAME})/blob/(?P<branch>{_NAME})/"),
    "pip": re.compile(rf"git\+https://github\.com/(?P<owner>{_NAME})/(?P<repo>{_NAME})"
                      rf"@(?P<branch>{_NAME})"),
    "nbgitpuller": re.compile(rf"repo=https%3A%2F%2Fgithub\.com%2F(?P<owner>{_NAME})%2F"
                              rf"(?P<repo>{_NAME})&branch=(?P<branch>{_NAME})&urlpath=lab%2Ftree"
                              rf"%2F(?P<folder>{_NAME})%2F"),
    "jupyterlite": re.compile(rf"https://(?P<owner>{_NAME})\.github\.io/(?P<repo>{_NAME})/"),
    "citation": re.compile(rf"repository-code: \"https://github\.com/(?P<owner>{_NAME})/"
                           rf"(?P<repo>{_NAME})\""),
}

# Where links to the home live (relative to the repository root).
FILES = ["README.md", "CITATION.cff", "notebooks/teacher_guide.md",
         "notebooks/[0-9][0-9]_*.ipynb", "teacher/*.ipynb", "teacher/*.md", "teacher/hub/*.yaml"]


def files(root=ROOT):
    root = Path(root)
    found = []
    for pattern in FILES:
        found += sorted(root.glob(pattern))
    return found


def links(text):
    """Every link to the home in ``text``: [(kind, owner, repo, branch or None), ...]."""
    out = []
    for kind, pattern in PATTERNS.items():
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if kind == "nbgitpuller" and groups["folder"] != groups["repo"]:
                # nbgitpuller clones into a folder named after the repository
                out.append((kind, groups["owner"], f"{groups['repo']} (folder "
                            f"{groups['folder']})", groups["branch"]))
                continue
            out.append((kind, groups["owner"], groups["repo"], groups.get("branch")))
    return out


def all_links(root=ROOT):
    """{path relative to root: links(text)} for every file that holds links to the home."""
    root = Path(root)
    return {str(p.relative_to(root)): links(p.read_text(encoding="utf-8")) for p in files(root)}


def current_home(root=ROOT):
    """(owner, repo, branch) that README's links name; ValueError if they disagree."""
    found = links((Path(root) / "README.md").read_text(encoding="utf-8"))
    homes = home_names(found)
    branches = {b for *_, b in found if b is not None}
    if len(homes) != 1 or len(branches) != 1:
        raise ValueError(f"README's links do not agree on one home and branch: {sorted(homes)}, "
                         f"{sorted(branches)}. Run python -m tools.set_home OWNER/REPO.")
    # the owner as written in a GitHub link (GitHub Pages' address is in lower case)
    owner = next(o for kind, o, _, _ in found if kind != "jupyterlite")
    return owner, homes.pop()[1], branches.pop()


def home_names(found):
    """The distinct homes that ``found`` links name, as {(owner in lower case, repo)}: GitHub
    owner names are not case-sensitive."""
    return {(owner.lower(), repo) for _, owner, repo, _ in found}


def rewrite(text, owner, repo, branch):
    """``text`` with every link to the home pointing at owner/repo (and branch)."""
    def sub(kind, template):
        nonlocal text
        text = PATTERNS[kind].sub(template, text)

    sub("binder", f"https://mybinder.org/v2/gh/{owner}/{repo}/{branch}")
    sub("colab", f"https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/")
    sub("pip", f"git+https://github.com/{owner}/{repo}@{branch}")
    sub("nbgitpuller", f"repo=https%3A%2F%2Fgithub.com%2F{owner}%2F{repo}&branch={branch}"
                       f"&urlpath=lab%2Ftree%2F{repo}%2F")
    # GitHub Pages serves a user's sites at the owner's name in lower case
    sub("jupyterlite", f"https://{owner.lower()}.github.io/{repo}/")
    sub("citation", f'repository-code: "https://github.com/{owner}/{repo}"')
    return text


# GitHub's rules: an account is letters, digits and single hyphens inside (at most 39
# characters); a repository is letters, digits, '.', '_' and '-' (at most 100), not only dots.
_OWNER = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}")
_REPO = re.compile(r"[A-Za-z0-9._-]{1,100}")


def check_home(owner_repo, branch="main"):
    """(owner, repo) from "OWNER/REPO" as GitHub names a repository, or a ValueError saying
    what to write instead."""
    expected = ("expected OWNER/REPO, the repository's name on GitHub, like "
                "my-school/perceptron-course")
    parts = str(owner_repo).strip().split("/")
    if len(parts) != 2:
        raise ValueError(f"{expected} (not a URL or a folder); got {owner_repo!r}")
    owner, repo = parts
    if not _OWNER.fullmatch(owner):
        raise ValueError(f"{expected}: {owner!r} is not a GitHub account name (letters, "
                         f"digits and single hyphens, not first or last); got {owner_repo!r}")
    if not _REPO.fullmatch(repo) or set(repo) == {"."}:
        raise ValueError(f"{expected}: {repo!r} is not a GitHub repository name (letters, "
                         f"digits, '.', '_' and '-'); got {owner_repo!r}")
    if repo.lower().endswith(".git"):
        raise ValueError(f"{expected}: write the repository's name without .git, "
                         f"{owner}/{repo[:-4]}; got {owner_repo!r}")
    if (not re.fullmatch(_NAME, branch) or branch.startswith((".", "-")) or ".." in branch
            or branch.endswith((".", ".lock"))):
        raise ValueError(f"a branch name of letters, digits, '.', '_' and '-' please (not "
                         f"starting with '.' or '-', without '..'), like main; got {branch!r}")
    return owner, repo


def set_home(owner_repo, branch="main", root=ROOT):
    """Rewrite every link under ``root``; returns the files that changed."""
    owner, repo = check_home(owner_repo, branch)
    changed = []
    for path in files(root):
        text = path.read_text(encoding="utf-8")
        new = rewrite(text, owner, repo, branch)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", help="the course's GitHub repository, as OWNER/REPO")
    parser.add_argument("--branch", default="main", help="the branch to link to (default: main)")
    args = parser.parse_args(argv)
    try:
        changed = set_home(args.home, args.branch)
    except ValueError as err:
        parser.error(str(err))
    for path in changed:
        print(f"rewrote {path.relative_to(ROOT)}")
    print(f"every link now names {args.home} (branch {args.branch})" if changed
          else f"nothing to change: every link already names {args.home} ({args.branch})")


if __name__ == "__main__":
    sys.exit(main())
