// Runs the training view's predict-mode words (training.js guessOutcome and updateOutcome,
// with shared/numbers.js fmt) in node: reads [{run, fires: [p...], updates: [p...]}] as JSON
// on stdin, prints for each run {fires: [[right, sentence] for fires and silent, per p],
// updates: [[right, sentence] for towards and away, per p]}.
// Used by tests/test_training_settings.py.
const fs = require("fs");
const vm = require("vm");
const path = require("path");

const widgets = path.join(__dirname, "../../perceptron_lib/widgets");
const code = fs.readFileSync(path.join(widgets, "shared", "numbers.js"), "utf8") + "\n" +
  fs.readFileSync(path.join(widgets, "training.js"), "utf8").replace(/^export default .*$/m, "");
const context = {};
vm.createContext(context);
vm.runInContext(`${code}\nthis.guessOutcome = guessOutcome; this.updateOutcome = updateOutcome;` +
                "\nthis.startText = startText;", context);

const cases = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(({ run, fires, updates, starts }) => ({
  fires: fires.map((p) => [context.guessOutcome(run, p, true), context.guessOutcome(run, p, false)]),
  updates: updates.map((p) => [context.updateOutcome(run, p, true),
                               context.updateOutcome(run, p, false)]),
  starts: (starts || []).map((W0) => context.startText(W0)),
}))));
