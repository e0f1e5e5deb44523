"""The theme's style sheet without the rules no page of the site can use.

pydata-sphinx-theme.css (376 KB, most of it Bootstrap's utility classes) is read before a page
is first drawn; on a phone it is the largest part of that wait. A rule is kept when every
class and id its selector needs occurs somewhere in the site: in a page (its markup, the
explorers' saved views) or in a script the site carries (the theme's and Bootstrap's scripts
name the classes they add, such as ``show`` or ``collapsing``). Rules that name no class or
id (elements, attributes such as ``html[data-theme=dark]``), at-rules other than @media and
@supports (fonts, keyframes, @layer), and custom properties are kept as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2

_NAMES = re.compile(r"(?<![\w-])([.#])(-?[_a-zA-Z][\w-]*)")
_WORDS = re.compile(r"[_a-zA-Z][\w-]*")
_NESTED = ("media", "supports", "layer", "container")


def used_words(site):
    """Every word in the site's pages and scripts: the classes and ids they may use."""
    words = set()
    for path in Path(site).rglob("*"):
        if path.suffix in (".html", ".js") and path.is_file() and "lite" not in path.parts:
            words.update(_WORDS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


_INSIDE = re.compile(r"\([^()]*\)")


def _selector_used(selector, words):
    """Does every class and id the selector needs occur in the site? Names inside
    :not(...), :is(...) and the like need not (img:not(.only-dark) matches where there is no
    .only-dark)."""
    while _INSIDE.search(selector):
        selector = _INSIDE.sub("", selector)
    return all(name in words for _, name in _NAMES.findall(selector))


def _split(selectors):
    """A selector list at its top-level commas (not those inside :not(a, b))."""
    parts, depth, start = [], 0, 0
    for k, c in enumerate(selectors):
        depth += (c in "([") - (c in ")]")
        if c == "," and depth == 0:
            parts.append(selectors[start:k].strip())
            start = k + 1
    return [*parts, selectors[start:].strip()]


def _trim(rules, words):
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _split(tinycss2.serialize(rule.prelude))
            kept = [s for s in selectors if _selector_used(s, words)]
            if kept:
                out.append(f"{', '.join(kept)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _NESTED and rule.content:
            inner = _trim(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                   skip_whitespace=True), words)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}"
                           f"{{{''.join(inner)}}}")
        elif rule.type in ("at-rule", "qualified-rule"):
            out.append(tinycss2.serialize([rule]))
    return out


def trim_css(text, words):
    """``text`` (a style sheet) without the rules whose selectors name a class or id that is
    not in ``words``."""
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    return "".join(_trim(rules, words))


def trim_site(site, names=("_static/styles/pydata-sphinx-theme.css",)):
    """Trim the named style sheets of a built site in place; returns (bytes before, after)."""
    words = used_words(site)
    before = after = 0
    for name in names:
        path = Path(site) / name
        text = path.read_text(encoding="utf-8")
        trimmed = trim_css(text, words)
        path.write_text(trimmed, encoding="utf-8")
        before, after = before + len(text.encode()), after + len(trimmed.encode())
        map_file = path.with_name(path.name + ".map")
        map_file.unlink(missing_ok=True)             # it describes the untrimmed file
        if trimmed.count("{") != trimmed.count("}"):
            raise ValueError(f"{name}: the trimmed style sheet does not balance its braces")
    return before, after
