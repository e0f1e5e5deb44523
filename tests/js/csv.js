// Runs the training view's CSV file (training.js visitsCsv, with shared/numbers.js pyFloat) in node:
// reads {floats, runs} as JSON on stdin, prints {floats: [pyFloat(v)], csv: [visitsCsv(run)]}.
// Used by tests/test_site_runs.py.
const fs = require("fs");
const vm = require("vm");
const path = require("path");

const widgets = path.join(__dirname, "../../perceptron_lib/widgets");
const code = fs.readFileSync(path.join(widgets, "shared", "numbers.js"), "utf8") + "\n" +
  fs.readFileSync(path.join(widgets, "training.js"), "utf8").replace(/^export default .*$/m, "");
const context = {};
vm.createContext(context);
vm.runInContext(`${code}\nthis.pyFloat = pyFloat; this.visitsCsv = visitsCsv;`, context);
const number = (v) => (typeof v === "string" ? Number(v.replace("inf", "Infinity").replace("nan", "NaN")) : v);

const cases = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  floats: cases.floats.map((v) => context.pyFloat(v === "-0.0" ? -0 : number(v))),
  csv: cases.runs.map((run) => context.visitsCsv(run)),
}));
