// The exercises on a page of the course website (tools/build_site.py joins this after the
// views' shared dom.js, numbers.js and requests.js and the exercises' checks.js, in one
// closure). Under each exercise's
// "not answered yet" line: a box for the answer, checked in the browser with the words of the
// notebook's check (checks.js), a hint and the solution. An exercise whose answer is code
// says so, with the page's launch links.
function exerciseBox(output, exercise) {
  const line = output.querySelector("pre");
  const box = html("div", { class: "pl-answer", role: "group",
                            "aria-label": `${exercise.name}: your answer` });
  // the verdict replaces the notebook's "not answered yet" line; hints and solutions go under
  // the box
  if (line) {
    line.setAttribute("role", "status");
    line.setAttribute("aria-live", "polite");
    line.classList.add("pl-answer-verdict");
  }
  const say = html("p", { class: "pl-answer-said", "aria-live": "polite" });
  const sayIt = (text, status) => {
    say.textContent = text;
    say.dataset.status = status;
  };
  const judge = (text, status) => {
    if (line) {
      line.textContent = text;
      line.dataset.status = status;
    } else sayIt(text, status);
  };
  const hint = () => sayIt(`💡 Hint for ${exercise.name}: ${exercise.hint}`, "hint");
  if (exercise.check) {
    const row = html("div", { class: "pl-row" }, box);
    const input = html("input", { type: "text", class: "pl-answer-input", spellcheck: "false",
                                  autocomplete: "off", autocapitalize: "off",
                                  placeholder: "your answer, e.g. 14, [1, 0, 1] or \"soma\"" });
    labelled(row, "your answer", input);
    const check = html("button", { type: "button", class: "pl-button" }, row, "Check");
    const hintB = html("button", { type: "button", class: "pl-button" }, row, "Hint");
    const solution = html("button", { type: "button", class: "pl-button" }, row, "Solution");
    const run = () => {
      let verdict;
      try {
        verdict = verdictOf(exercise, input.value);
      } catch (err) {            // never a raw error on the page
        verdict = ["unreadable", `✘ ${exercise.name}: this answer could not be read. ${BOX_HELP}`];
      }
      judge(verdict[1], verdict[0]);
    };
    check.addEventListener("click", run);
    input.addEventListener("keydown", (ev) => { if (ev.key === "Enter") run(); });
    hintB.addEventListener("click", hint);
    solution.addEventListener("click", () => sayIt(`📖 Solution to ${exercise.name}:\n\n${exercise.solution}`, "solution"));
    if (line) line.textContent = `⏳ ${exercise.name}: not answered yet. Type your answer in the box and press Check.`;
  } else {                     // the answer is code: it is written and checked in Python
    const links = launchLinks();
    const parts = [`${exercise.name} asks for code, which runs in Python: `];
    if (!links.length) parts.push("run the notebook in Jupyter to write it and check it.");
    else {
      parts.push("open the notebook in ");
      links.forEach((link, k) => {
        if (k) parts.push(k === links.length - 1 ? " or " : ", ");
        parts.push(link);
      });
      parts.push(" to write it and check it there.");
    }
    const note = html("p", { class: "pl-note" }, box);
    writeNote(note, parts, false);
    const row = html("div", { class: "pl-row" }, box);
    html("button", { type: "button", class: "pl-button" }, row, "Hint").addEventListener("click", hint);
    if (line) {
      line.textContent = `⏳ ${exercise.name}: write the function in the notebook and run its cell to check it.`;
    }
  }
  box.appendChild(say);
  output.appendChild(box);
}

async function addExerciseBoxes(base) {
  const outputs = [...document.querySelectorAll(".cell_output")].filter((o) =>
    /^⏳ Exercise [\d.]+: not answered yet/.test(o.textContent.trim()));
  if (!outputs.length) return;
  let specs;
  try {
    const where = new URL("exercises.json", base || window.location.href);
    specs = await (await fetch(where)).json();
  } catch (err) {
    return;                      // the page stays as the notebook printed it
  }
  for (const output of outputs) {
    const name = /^⏳ (Exercise [\d.]+):/.exec(output.textContent.trim())[1];
    if (specs[name] && !output.querySelector(".pl-answer")) exerciseBox(output, specs[name]);
  }
}

const scriptSrc = document.currentScript ? document.currentScript.src : "";
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => addExerciseBoxes(scriptSrc));
} else {
  addExerciseBoxes(scriptSrc);
}
