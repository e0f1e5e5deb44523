// Runs the website's exercise checks (perceptron_lib/exercises/checks.js, after the views'
// shared numbers.js) in node: reads [{exercise, text}] on stdin, prints [[status, message]].
// Used by tests/test_exercise_page.py.
const fs = require("fs");
const vm = require("vm");
const path = require("path");

const root = path.join(__dirname, "../..");
const code = ["perceptron_lib/widgets/shared/numbers.js", "perceptron_lib/exercises/checks.js"]
  .map((f) => fs.readFileSync(path.join(root, f), "utf8")).join("\n");
const context = {};
vm.createContext(context);
vm.runInContext(`${code}\nthis.verdictOf = verdictOf;`, context);
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(({ exercise, text }) => context.verdictOf(exercise, text))));
