// Runs the browser views' number helpers (shared/numbers.js) in node: reads JSON cases on stdin,
// prints what the views compute. Used by tests/test_number_rule.py.
const fs = require("fs");
const vm = require("vm");
const path = require("path");

const code = fs.readFileSync(path.join(__dirname, "../../perceptron_lib/widgets/shared/numbers.js"), "utf8");
const context = {};
vm.createContext(context);
vm.runInContext(`${code}\nthis.decimals = decimals; this.fmt = fmt; this.niceTicks = niceTicks;`, context);
const number = (v) => (typeof v === "string" ? Number(v.replace("inf", "Infinity").replace("nan", "NaN")) : v);

function gcd(a, b) { a = a < 0n ? -a : a; b = b < 0n ? -b : b; while (b) [a, b] = [b, a % b]; return a; }

const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {
  exact_sums: cases.exact_sums.map(({ values }) => {
    const { scale, ints } = context.decimals(values);
    const num = ints.reduce((a, b) => a + b, 0n);
    let den = 10n ** BigInt(scale);
    const g = gcd(num, den) || 1n;
    const [p, q] = [num / g, den / g];
    return q === 1n ? String(p) : `${p}/${q}`;
  }),
  format: cases.format.map(([v]) => context.fmt(number(v))),
  ticks: (cases.ticks || []).map(([lo, hi, count, whole]) => context.niceTicks(lo, hi, count, whole)),
};
process.stdout.write(JSON.stringify(out));
