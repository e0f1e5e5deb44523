// The exercises' checks on the course website: an answer typed in a box on a page is read as
// Python reads it, and judged by the spec of the exercise's checker (Exercise.page_spec in
// core.py: number, vector, choice, truth, gate_weights, condition, table; 6.3's output neuron)
// with the same verdicts and messages as the notebook's check. Runs after the views' shared
// numbers.js (fmt, pyFloat, decimals).
// tests/test_exercise_page.py runs a shared list of answers through core.py and through this
// file, and requires the same words from both.

// --- reading an answer: a Python value --------------------------------------------------------
// Numbers (14, 0.25, 1e-3), text in quotes, [lists], (tuples), True, False, None, ..., and
// + - * / // % ** with brackets, as Python computes them (ints exact, / gives a float).

class NotAValue extends Error {}

const BOX_HELP = "This box takes a value as Python writes it: a number (14, 0.25, 9/17), a " +
  "list ([1, 0, 1]), text in quotes (\"soma\") or True/False.";

function tokens(text) {
  const found = [];
  const re = /\s*(?:(\d[\d_]*\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(\*\*|\/\/|\.\.\.|[-+*/%()[\],])|([A-Za-z_][\w.]*))/y;
  let pos = 0;
  text = text.replace(/\s+$/, "");
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new NotAValue(`${BOX_HELP} Something here is none of these: ${text.slice(pos).trim().slice(0, 20)}`);
    if (m[1] !== undefined) found.push({ kind: "number", text: m[1] });
    else if (m[2] !== undefined) found.push({ kind: "text", text: m[2] });
    else if (m[3] !== undefined) found.push({ kind: "op", text: m[3] });
    else found.push({ kind: "name", text: m[4] });
    pos = re.lastIndex;
  }
  return found;
}

const INT = (v) => ({ t: "int", v });
const FLOAT = (v) => ({ t: "float", v });

function unquote(text) {
  const body = text.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c) => ({ n: "\n", t: "\t", "\\": "\\", "'": "'", '"': '"' }[c] ?? `\\${c}`));
}

function numberToken(text) {
  const plain = text.replace(/_/g, "");
  if (/^\d+$/.test(plain)) return INT(BigInt(plain));
  return FLOAT(Number(plain));
}

const asFloat = (a) => (a.t === "int" ? Number(a.v) : a.t === "bool" ? Number(a.v) : a.v);

function arith(op, a, b) {
  const num = (x) => ["int", "float", "bool"].includes(x.t);
  if (!num(a) || !num(b)) {
    if (op === "+" && a.t === b.t && (a.t === "str" || a.t === "list" || a.t === "tuple")) {
      return { t: a.t, v: a.t === "str" ? a.v + b.v : [...a.v, ...b.v] };
    }
    throw new NotAValue(`${BOX_HELP} (${op} works on numbers here.)`);
  }
  const ints = a.t !== "float" && b.t !== "float";
  const bi = (x) => (x.t === "bool" ? BigInt(x.v ? 1 : 0) : x.v);
  if (ints && op !== "/") {
    const x = bi(a), y = bi(b);
    if ((op === "//" || op === "%") && y === 0n) throw new NotAValue("Dividing by zero: check your calculation.");
    if (op === "+") return INT(x + y);
    if (op === "-") return INT(x - y);
    if (op === "*") return INT(x * y);
    if (op === "//") return INT(x / y - ((x % y !== 0n && (x < 0n) !== (y < 0n)) ? 1n : 0n));
    if (op === "%") return INT(((x % y) + y) % y);
    if (op === "**") {
      if (y < 0n) return FLOAT(Number(x) ** Number(y));
      if (y > 4000n && (x > 1n || x < -1n)) return INT(10n ** 400n);   // far too large anyway
      return INT(x ** y);
    }
  }
  const x = asFloat(a), y = asFloat(b);
  if ((op === "/" || op === "//" || op === "%") && y === 0) {
    throw new NotAValue("Dividing by zero: check your calculation.");
  }
  if (op === "+") return FLOAT(x + y);
  if (op === "-") return FLOAT(x - y);
  if (op === "*") return FLOAT(x * y);
  if (op === "/") return FLOAT(x / y);
  if (op === "//") return FLOAT(Math.floor(x / y));
  if (op === "%") return FLOAT(x - y * Math.floor(x / y));
  return FLOAT(x ** y);
}

function readAnswer(text) {
  const toks = tokens(String(text));
  let k = 0;
  const peek = () => toks[k], next = () => toks[k++];
  const isOp = (t, ...ops) => t && t.kind === "op" && ops.includes(t.text);
  function expr() {
    let a = term();
    while (isOp(peek(), "+", "-")) a = arith(next().text, a, term());
    return a;
  }
  function term() {
    let a = unary();
    while (isOp(peek(), "*", "/", "//", "%")) a = arith(next().text, a, unary());
    return a;
  }
  function unary() {
    if (isOp(peek(), "-", "+")) {
      const op = next().text, a = unary();
      if (!["int", "float", "bool"].includes(a.t)) throw new NotAValue(BOX_HELP);
      if (op === "+") return a.t === "bool" ? INT(BigInt(a.v ? 1 : 0)) : a;
      return a.t === "float" ? FLOAT(-a.v) : INT(-(a.t === "bool" ? BigInt(a.v ? 1 : 0) : a.v));
    }
    return power();
  }
  function power() {
    const a = atom();
    if (isOp(peek(), "**")) { next(); return arith("**", a, unary()); }
    return a;
  }
  function items(close) {
    const out = [];
    let comma = false;
    while (!isOp(peek(), close)) {
      out.push(expr());
      if (isOp(peek(), ",")) { next(); comma = true; } else break;
    }
    if (!isOp(next(), close)) throw new NotAValue(`${BOX_HELP} A bracket is not closed.`);
    return { out, comma };
  }
  function atom() {
    const t = next();
    if (!t) throw new NotAValue(`${BOX_HELP} Something is missing at the end.`);
    if (t.kind === "number") return numberToken(t.text);
    if (t.kind === "text") {
      let v = unquote(t.text);
      while (peek() && peek().kind === "text") v += unquote(next().text);
      return { t: "str", v };
    }
    if (isOp(t, "...")) return { t: "ellipsis" };
    if (isOp(t, "[")) return { t: "list", v: items("]").out };
    if (isOp(t, "(")) {
      const { out, comma } = items(")");
      return out.length === 1 && !comma ? out[0] : { t: "tuple", v: out };
    }
    if (t.kind === "name") {
      if (t.text === "True" || t.text === "False") return { t: "bool", v: t.text === "True" };
      if (t.text === "None") return { t: "none" };
      if (t.text === "Ellipsis") return { t: "ellipsis" };
      throw new NotAValue(`Code such as ${t.text}${isOp(peek(), "(") ? "(...)" : ""} runs in ` +
        "the notebook, not on this page: type the value it gives, or open the notebook " +
        "(the launch buttons at the top of the page).");
    }
    throw new NotAValue(`${BOX_HELP} Something is out of place: ${t.text}`);
  }
  if (!toks.length) return { t: "ellipsis" };
  const value = expr();
  if (k < toks.length) {
    throw new NotAValue(`${BOX_HELP} Something comes after the answer: ${toks[k].text}`);
  }
  return value;
}

// --- what Python would print ------------------------------------------------------------------

function pyRepr(a) {
  if (a.t === "int") return String(a.v);
  if (a.t === "float") return pyFloat(a.v);
  if (a.t === "bool") return a.v ? "True" : "False";
  if (a.t === "none") return "None";
  if (a.t === "str") return a.v.includes("'") && !a.v.includes('"') ? `"${a.v}"` : `'${a.v.replace(/'/g, "\\'")}'`;
  if (a.t === "list") return `[${a.v.map(pyRepr).join(", ")}]`;
  if (a.t === "tuple") return a.v.length === 1 ? `(${pyRepr(a.v[0])},)` : `(${a.v.map(pyRepr).join(", ")})`;
  return "Ellipsis";
}

const typeName = (a) => ({ none: "NoneType", str: "str", list: "list", tuple: "tuple",
                           ellipsis: "ellipsis" }[a.t] || a.t);
const isNumber = (a) => a.t === "int" || a.t === "float";
const FLOAT_LIMIT = "beyond about 1.8e308, the largest number a float can hold";
const TOO_LARGE = `That number is far too large (${FLOAT_LIMIT}); the answer is an ` +
  "ordinary-sized number. Check your calculation.";

function toFloat(a) {       // float(value), or null when too large for a float
  if (a.t === "int") {
    const v = Number(a.v);
    return Number.isFinite(v) ? v : null;
  }
  return a.v;
}

const FRACTION_TEXT = /^\s*[-+]?(?=\d|\.\d)(\d+(_\d+)*)?(\.(\d+(_\d+)*)?)?([eE][-+]?\d+(_\d+)*)?\s*$|^\s*[-+]?\d+(_\d+)*\/\d+(_\d+)*\s*$/;

function readNumber(a) {
  if (a.t === "bool") return [null, "Please answer with a single number, not True/False."];
  if (a.t === "str") {
    const text = a.v.trim();
    if (!FRACTION_TEXT.test(a.v) || /\/0+(_0+)*\s*$/.test(a.v)) {
      return [null, "Please answer with a single number written in digits, not text."];
    }
    return [null, `Please answer with a single number, not text: write ${text} without the quotes.`];
  }
  if (a.t === "list" || a.t === "tuple") {
    return [null, "Please answer with a single number, not a list or array: for example 3, not [3]."];
  }
  if (!isNumber(a)) return [null, `Please answer with a single number; got ${typeName(a)}.`];
  const v = toFloat(a);
  if (v === null) return [null, TOO_LARGE];
  if (!Number.isFinite(v)) return [null, "Please answer with a single number; got NaN or infinity."];
  return [a, null];
}

// numpy's shape of nested lists and tuples, as far as they are regular
function shapeOf(a) {
  if (a.t !== "list" && a.t !== "tuple") return [];
  const inner = a.v.map(shapeOf);
  if (!inner.length) return [0];
  const same = inner.every((s) => s.length === inner[0].length && s.every((n, i) => n === inner[0][i]));
  return same ? [a.v.length, ...inner[0]] : [a.v.length];
}

function readVector(a, size, names) {
  const shape = names || `[${Array(size).fill("...").join(", ")}]`;
  const say = names ? ` ${names}` : "";
  if (a.t === "str") return [null, `Please answer with a list of ${size} numbers${say}, not text.`];
  if (a.t !== "list" && a.t !== "tuple") {
    return [null, `Please answer with a list of ${size} numbers in square brackets: ${shape}.`];
  }
  const dims = shapeOf(a);
  if (dims.length !== 1) {
    return [null, `Please answer with a flat list of ${size} numbers${say}, not a table: your ` +
      `answer has shape (${dims.join(", ")}${dims.length === 1 ? "," : ""}). Write ${shape}, not [${shape}].`];
  }
  const values = a.v;
  if (values.some((v) => v.t === "bool")) {
    return [null, `Please answer with numbers${say}, not True/False: write 1 for True and 0 for False.`];
  }
  if (!values.every(isNumber)) return [null, `Please answer with ${size} numbers${say}; some entries are not numbers.`];
  if (values.length !== size) return [null, `Expected ${size} numbers${say}; your answer has ${values.length}.`];
  if (values.some((v) => toFloat(v) === null)) {
    return [null, `Some of your numbers are far too large (${FLOAT_LIMIT}); the answer has ` +
      "ordinary-sized numbers. Check your calculation."];
  }
  if (!values.every((v) => Number.isFinite(toFloat(v)))) {
    return [null, `Please answer with ${size} finite numbers${say}; got NaN or infinity.`];
  }
  return [values, null];
}

// --- the checkers -----------------------------------------------------------------------------

const near = (value, target, rel, absTol = 1e-12) =>
  Math.abs(value - target) <= Math.max(rel * Math.abs(target), absTol);

function significant(value) {
  if (!value) return 1;
  const digits = pyFloat(value).toLowerCase().split("e")[0].replace("-", "").replace(".", "");
  return Math.max(digits.replace(/^0+/, "").replace(/0+$/, "").length, 1);
}

// x rounded to `sig` significant digits as Python's format(x, ".{sig}g") does: from its exact
// decimal digits, a tie to even (0.25 -> 0.2, where toPrecision gives 0.3)
const roundedTo = (x, sig) => Number(fmt(x, Math.min(Math.max(sig, 1), 99)));

// an interval written as "(1, 100]" or "[3, 3]": is value inside?
function inside(value, where) {
  const [low, high] = where.slice(1, -1).split(",").map(Number);
  return (where[0] === "(" ? low < value : low <= value) &&
    (where.endsWith(")") ? value < high : value <= high);
}

// a flat list or tuple of numbers as floats (a typical mistake's list), else null
function flatNumbers(a) {
  if ((a.t !== "list" && a.t !== "tuple") || !a.v.every(isNumber)) return null;
  const values = a.v.map(toFloat);
  return values.some((v) => v === null) ? null : values;
}

function checkNumber(spec, answer) {
  const texts = spec.texts || {};
  if (answer.t === "str" && Object.prototype.hasOwnProperty.call(texts, plain(answer.v))) {
    return [false, texts[plain(answer.v)]];
  }
  const listed = (spec.lists || []).length ? flatNumbers(answer) : null;
  for (const [want, message] of listed ? spec.lists : []) {
    if (listed.length === want.length && listed.every((v, i) => near(v, want[i], spec.rel, spec.abs_tol))) {
      return [false, message];
    }
  }
  const [got, problem] = readNumber(answer);
  if (problem) return [false, problem];
  const shown = pyRepr(got), value = toFloat(got), { expected, rel } = spec;
  const sig = significant(value);
  const rounded = roundedTo(expected, sig) === value;     // the answer at the digits given
  if (near(value, expected, rel, spec.abs_tol) || (rounded && sig >= spec.needed)) return [true, spec.right];
  for (const [w, message] of spec.wrong) {
    if ((near(value, w, rel, spec.abs_tol) && Math.abs(value - w) < Math.abs(value - expected)) ||
        (sig >= 2 && !rounded && roundedTo(w, sig) === value)) {
      return [false, message];
    }
  }
  if (rounded) {
    return [false, `${shown} is close: give at least ${spec.needed} significant digits (do not round until the end).`];
  }
  if (near(value, expected, 1e-2)) {
    return [false, `${shown} is close, but not close enough. Keep more digits (do not round ` +
      "until the end), or check the last step of your calculation."];
  }
  for (const [where, message] of spec.ranges || []) {
    if (inside(value, where)) return [false, message.replaceAll("{shown}", shown)];
  }
  return [false, `${shown} is not it. Try the hint: .hint()`];
}

function checkVector(spec, answer) {
  const [values, problem] = readVector(answer, spec.expected.length, spec.names);
  if (problem) return [false, problem];
  const arr = values.map(toFloat);
  const close = (want) => want.every((w, i) => Math.abs(arr[i] - w) <= spec.tol);
  if (close(spec.expected)) return [true, spec.right];
  for (const [w, message] of spec.wrong) if (close(w)) return [false, message];
  if (spec.grid && arr.some((v) => v < spec.grid[0] || v > spec.grid[1] || v !== Math.trunc(v))) {
    return [false, spec.grid[2]];
  }
  return [false, "Some of the numbers are off. Try the hint: .hint()"];
}

// exact rationals [numerator, denominator] with BigInt, for the keys of inequalities
function fraction(p, q = 1n) {
  if (q < 0n) { p = -p; q = -q; }
  let a = p < 0n ? -p : p, b = q;
  while (b) [a, b] = [b, a % b];
  return a > 1n ? [p / a, q / a] : [p, q];
}
const fracAdd = (x, y) => fraction(x[0] * y[1] + y[0] * x[1], x[1] * y[1]);
const fracDecimal = (text) => {
  const { scale, ints } = decimals([text]);
  return fraction(ints[0], 10n ** BigInt(scale));
};

const plain = (text) => String(text).toLowerCase().split(/\s+/).filter(Boolean).join(" ");

class Product extends NotAValue {}        // a term that multiplies two names: w1·x1, w1*w2

// {name: coefficient} with the constant under "", for a sum like "2w1 - b + 3" (core._linear):
// a term is a number, a name, or a product of numbers and at most one name, the factors
// joined by *, · or × in either order ("w1·1", "1 * w1", "2w1")
function linear(text) {
  const s = text.replace(/_/g, "").replace(/[·×]/g, "*").replace(/−/g, "-").replace(/ /g, "").toLowerCase();
  const out = new Map();
  const number = /[0-9]+(?:\.[0-9]*)?/y, name = /[a-z][a-z0-9]*/y;
  const at = (re, pos) => { re.lastIndex = pos; const m = re.exec(s); return m ? m[0] : null; };
  let pos = 0;
  while (pos < s.length) {
    let sign = 1n;
    if (s[pos] === "+" || s[pos] === "-") {
      if (s[pos] === "-") sign = -1n;
      pos += 1;
    } else if (pos > 0) throw new NotAValue(text);
    let coef = [sign, 1n];
    const names = [];
    for (;;) {                                // a factor, then maybe * and another one
      const digits = at(number, pos);
      let word;
      if (digits !== null) {
        const f = fracDecimal(digits.replace(/\.$/, ""));
        coef = fraction(coef[0] * f[0], coef[1] * f[1]);
        pos += digits.length;
        word = at(name, pos);                 // 2w1: a number just before a name
      } else {
        word = at(name, pos);
        if (word === null) throw new NotAValue(text);
      }
      if (word !== null) {
        names.push(word);
        pos += word.length;
      }
      if (s[pos] !== "*") break;
      pos += 1;
    }
    if (names.length > 1) throw new Product(text);
    const key = names.length ? names[0] : "";
    out.set(key, out.has(key) ? fracAdd(out.get(key), coef) : coef);
  }
  if (!out.size) throw new NotAValue(text);
  return out;
}

// is text an inequality with a term that multiplies two names (core._multiplies_names)?
function multipliesNames(text) {
  const parts = String(text).split(/(<=|>=|=<|=>|≤|≥|<|>)/);
  if (parts.length !== 3) return false;
  return [parts[0], parts[2]].some((side) => {
    try { linear(side); } catch (err) { return err instanceof Product; }
    return false;
  });
}

// one key for every way of writing one linear inequality, or null for text that is none
function inequalityOf(text) {
  const parts = String(text).split(/(<=|>=|=<|=>|≤|≥|<|>)/);
  if (parts.length !== 3) return null;
  let left, right;
  try { left = linear(parts[0]); right = linear(parts[2]); } catch (err) { return null; }
  let op = { "=<": "<=", "≤": "<=", "=>": ">=", "≥": ">=" }[parts[1]] || parts[1];
  let terms = new Map(left);
  for (const [name, c] of right) terms.set(name, fracAdd(terms.get(name) || [0n, 1n], [-c[0], c[1]]));
  if (op === ">" || op === ">=") {
    terms = new Map([...terms].map(([n, c]) => [n, [-c[0], c[1]]]));
    op = op.replace(">", "<");
  }
  const constant = terms.get("") || [0n, 1n];
  terms.delete("");
  const vars = [...terms].filter(([, c]) => c[0] !== 0n).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!vars.length) return null;
  const first = vars[0][1], scale = [first[0] < 0n ? -first[0] : first[0], first[1]];
  const div = (c) => fraction(c[0] * scale[1], c[1] * scale[0]);
  const show = (c) => `${div(c)[0]}/${div(c)[1]}`;
  return JSON.stringify([op, vars.map(([n, c]) => [n, show(c)]), show(constant)]);
}

const inequalityKey = (text) => inequalityOf(text) ?? plain(text);

function speciesKey(text) {
  const found = new Set(String(text).toLowerCase().match(/setosa|versicolor|virginica/g) || []);
  return found.size === 2 ? JSON.stringify([...found].sort()) : plain(text);
}

const KEYS = { plain, inequality: inequalityKey, species: speciesKey };

function checkChoice(spec, answer) {
  const synonyms = spec.synonyms || {};
  const key = (text) => {
    const p = plain(text);
    return KEYS[spec.key](Object.prototype.hasOwnProperty.call(synonyms, p) ? synonyms[p] : text);
  };
  const shown = spec.options.map((o) => pyRepr({ t: "str", v: o })).join(", ");
  if (answer.t !== "str") return [false, `Please answer with text in quotes, one of: ${shown}.`];
  const a = key(answer.v);
  if (a === key(spec.expected)) return [true, spec.right];
  for (const [w, message] of spec.wrong) if (key(w) === a) return [false, message];
  if (!spec.options.some((o) => key(o) === a)) return [false, `Answer with one of: ${shown}.`];
  return [false, "That is not it. Try the hint: .hint()"];
}

function checkCondition(spec, answer) {
  if (answer.t !== "str") return [false, spec.not_text];
  const key = inequalityOf(answer.v);
  if (key === null) return [false, spec.product && multipliesNames(answer.v) ? spec.product : spec.not_inequality];
  if (key === inequalityOf(spec.expected)) return [true, spec.right];
  for (const [w, message] of spec.wrong) if (inequalityOf(w) === key) return [false, message];
  return [false, spec.other];
}

// --- answers with few meanings: read the answer into a key, then look up its verdict ---------

function twoDigits(spec, answer) {           // "1/8", "1 and 8", (1, 8) or [1, 8]
  let found;
  if (answer.t === "str") found = (answer.v.match(/\d+/g) || []).map(BigInt);
  else if (answer.t === "list" || answer.t === "tuple") {
    if (!answer.v.every((v) => v.t === "int")) return [null, spec.bad];
    found = answer.v.map((v) => v.v);
  } else return [null, spec.bad];
  if (found.length !== 2) return [null, spec.bad];
  const [a, b] = found;
  if (a < 0n || a > 9n || b < 0n || b > 9n || a === b) return [null, spec.bad];
  return [`${a}-${b}`, null];
}

function gatePair(spec, answer) {            // two gate names, as the explorer's menus say
  if ((answer.t !== "list" && answer.t !== "tuple") || answer.v.length !== 2) {
    return [null, "Please answer with two gate names in quotes, one for h1 and one for h2, as " +
      "in the explorer's menus: (\"name of h1\", \"name of h2\")."];
  }
  const key = (name) => name.split(/\s+/).filter(Boolean).join(" ").toUpperCase();
  const menu = spec.menu.join(", "), ks = [];
  for (const [i, value] of answer.v.entries()) {
    const label = `Hidden gate ${i + 1}`;
    if (value.t !== "str") {
      return [null, `${label} must be the name of a two-input function, such as "OR" or "x1 ` +
        `AND NOT x2"; got ${pyRepr(value)}. Choose one of: ${menu}.`];
    }
    const k = spec.names.findIndex((n) => key(n) === key(value.v));
    if (k < 0) return [null, `${label}: unknown function ${pyRepr(value)}. Choose one of: ${menu}.`];
    const name = spec.names[k];
    if (spec.not_one.includes(name)) {
      return [null, `${label} = ${pyRepr({ t: "str", v: name })} cannot be one hidden neuron: ` +
        `no single perceptron computes ${name} (no line separates its 1s from its 0s, notebook ` +
        `03). That is why the network needs a hidden layer. Choose one of: ${menu}.`];
    }
    ks.push(k);
  }
  return [ks.join("-"), null];
}

const READERS = { two_digits: twoDigits, gate_pair: gatePair };

function checkTable(spec, answer) {
  const [key, problem] = READERS[spec.read](spec, answer);
  return problem ? [false, problem] : spec.table[key];
}

function checkTruth(spec, answer) {
  const ok = answer.t === "bool" || (answer.t === "int" && (answer.v === 0n || answer.v === 1n));
  if (!ok) return [false, "Please answer True or False (no quotes)."];
  const yes = answer.t === "bool" ? answer.v : answer.v === 1n;
  return yes === spec.expected ? [true, spec.right] : [false, spec.wrong_msg];
}

const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];

// weights written bias last, [w1, w2, b], put bias first, [b, w1, w2] (core.bias_first),
// and what to say when only that order is off (core.bias_last)
const biasFirst = (W) => [W[W.length - 1], ...W.slice(0, -1)];
const biasLast = (names) => `It looks like you put the bias last. The course writes the bias first: W = ${names}.`;

function exactOf(a) {        // the decimal a person typed, as a fraction (core.as_decimal)
  return a.t === "int" ? [a.v, 1n] : fracDecimal(pyFloat(a.v));
}

function outputs(W) {
  const [b, w1, w2] = W.map(exactOf);
  const z = INPUTS.map(([x1, x2]) =>
    fracAdd(fracAdd(b, [w1[0] * BigInt(x1), w1[1]]), [w2[0] * BigInt(x2), w2[1]]));
  return [z, z.map((v) => (v[0] >= 0n ? 1 : 0))];
}

function checkGate(spec, answer) {
  const [W, problem] = readVector(answer, 3, "[b, w1, w2]");
  if (problem) return [false, problem];
  const [z, y] = outputs(W), { name, targets } = spec;
  const bad = [0, 1, 2, 3].filter((k) => y[k] !== targets[k]);
  const num = (a) => fmt(toFloat(a));
  const shown = `[${W.map(num).join(", ")}]`;
  if (!bad.length) return [true, `W = ${shown} computes ${name} on all four inputs.`];
  if (outputs(biasFirst(W))[1].every((v, k) => v === targets[k])) return [false, biasLast("[b, w1, w2]")];
  const k = bad[0], [x1, x2] = INPUTS[k];
  const computes = spec.function_names[y.reduce((s, v, i) => s + (v << i), 0)];
  const [s1, s2] = [W[1], W[2]].map((w) => (toFloat(w) < 0 ? `(${num(w)})` : num(w)));
  const zk = Number(z[k][0]) / Number(z[k][1]);
  let why = `z = ${num(W[0])} + ${s1}·${x1} + ${s2}·${x2} = ${fmt(zk)}`;
  if (z[k][0] === 0n) why += " exactly, and step(0) = 1";
  // the same sum in floating point (ints stay ints, as in Python)
  const allInts = W.every((w) => w.t === "int");
  const floating = allInts ? INT(W[0].v + W[1].v * BigInt(x1) + W[2].v * BigInt(x2))
    : FLOAT(toFloat(W[0]) + toFloat(W[1]) * x1 + toFloat(W[2]) * x2);
  const floatFires = toFloat(floating) >= 0 ? 1 : 0;
  if (floatFires !== y[k]) {
    why += ` (a floating-point computation such as neuron_output gets ${pyRepr(floating)} ` +
      `there, and outputs ${floatFires}; the course judges the decimals you typed exactly)`;
  }
  let what;
  if (spec.named_gates.includes(computes)) what = `computes ${computes}`;
  else if (computes === "TRUE") what = "fires for every input (the function TRUE)";
  else if (computes === "FALSE") what = "never fires (the function FALSE)";
  else what = `outputs ${y.join(", ")} for the inputs (0, 0), (0, 1), (1, 0), (1, 1) (the function ${computes})`;
  return [false, `For input (${x1}, ${x2}), ${why}, so the neuron outputs ${y[k]}, but ${name} ` +
    `gives ${targets[k]} (${bad.length} of 4 rows wrong): your W ${what}.`];
}

// exercise 6.3: the output neuron W = [b, v1, v2] on the hidden points, judged exactly
function checkXnorOutput(spec, answer) {
  const [W, problem] = readVector(answer, 3, "[b, v1, v2]");
  if (problem) return [false, problem];
  const { hidden, targets } = spec;
  const ex = W.map(exactOf);
  const zAt = (V, h) => fracAdd(fracAdd(V[0], [V[1][0] * BigInt(h[0]), V[1][1]]), [V[2][0] * BigInt(h[1]), V[2][1]]);
  const outs = (V) => hidden.map((h) => (zAt(V, h)[0] >= 0n ? 1 : 0));
  const same = (a, b) => a.every((v, i) => v === b[i]);
  const key = (h) => `(${h[0]}, ${h[1]})`;
  const show = (a, f) => (f[1] === 1n ? String(f[0]) : pyFloat(toFloat(a)));
  const zWords = (h) => {
    const t = [1, 2].map((i) => (ex[i][0] < 0n ? `(${show(W[i], ex[i])})` : show(W[i], ex[i])));
    return `${show(W[0], ex[0])} + ${t[0]}·${h[0]} + ${t[1]}·${h[1]}`;
  };
  const words = (idx) => {
    const pts = idx.map((i) => key(INPUTS[i]));
    if (pts.length === 1) return `the input ${pts[0]}`;
    return `the inputs ${pts.slice(0, -1).join(", ")} and ${pts[pts.length - 1]}`;
  };
  const out = outs(ex), flipped = outs(ex.map((f) => [-f[0], f[1]]));
  if (same(out, targets)) return [true, "The network computes XNOR on all four inputs."];
  if (same(outs(biasFirst(ex)), targets)) return [false, biasLast("[b, v1, v2]")];
  const onLine = (i) => zAt(ex, hidden[i])[0] === 0n;
  const ties = [...new Set([0, 1, 2, 3].filter((i) => out[i] !== targets[i] && onLine(i))
    .map((i) => key(hidden[i])))].sort();
  const xor = targets.map((t) => 1 - t);
  if (same(out, xor)) {
    if (same(flipped, targets)) {
      return [false, "Your network computes XOR, the opposite. You need NOT AND at the output, " +
        "which is NAND: flip the signs of all three numbers."];
    }
    const h = hidden[[0, 1, 2, 3].find(onLine)];
    return [false, `Your network computes XOR, the opposite: XNOR needs NAND at the output. ` +
      `Flipping the signs alone fails here, because z = 0 at the hidden point ${key(h)} and ` +
      "still fires after a flip: flip them and make b a little smaller."];
  }
  if (ties.length) {
    const i0 = [0, 1, 2, 3].find((i) => key(hidden[i]) === ties[0]);
    const h = hidden[i0];
    const landed = [0, 1, 2, 3].filter((i) => key(hidden[i]) === ties[0]);
    const where = `the hidden point ${key(h)}, where ${words(landed)} ${landed.length > 1 ? "land" : "lands"}`;
    let message = `At ${where}, z = ${zWords(h)} = 0 exactly: the point lies on your line, ` +
      "and step(0) = 1 fires, but XNOR wants 0 there (the tie at z = 0 from notebook 05).";
    if (same(flipped, xor)) {
      message += " Flipping the signs of all three numbers turns every z into -z, so the " +
        "answer flips everywhere except on the line, where z stays 0 and still fires: " +
        "flipping is a NOT only when no point lies on the line. Make b a little smaller, or " +
        "use NAND's learned weights [2, -2, -1].";
    } else message += " Move the line off that point.";
    return [false, message];
  }
  const bad = [0, 1, 2, 3].filter((i) => out[i] !== targets[i]);
  return [false, `The network is wrong for ${words(bad)}. Look at the hidden values first.`];
}

const CHECKERS = { number: checkNumber, vector: checkVector, choice: checkChoice,
                   truth: checkTruth, gate_weights: checkGate, condition: checkCondition,
                   table: checkTable, xnor_output: checkXnorOutput };

// "the order matters" -> "The order matters", unless the first word is maths or code
function sentence(message) {
  const word = /^([a-z]+)(?=[\s,:;]|$)/.exec(message);
  if (word && (word[1].length > 1 || word[1] === "a")) return message[0].toUpperCase() + message.slice(1);
  return message;
}

/** [status, message] for the text typed in an exercise's box, as Exercise.verdict says. */
function verdictOf(exercise, text) {
  let answer;
  try {
    answer = readAnswer(text);
  } catch (err) {
    if (!(err instanceof NotAValue)) throw err;
    return ["unreadable", `✘ ${exercise.name}: ${err.message}`];
  }
  if (answer.t === "ellipsis" || answer.t === "none" || (answer.t === "str" && !answer.v.trim())) {
    return ["unanswered", `⏳ ${exercise.name}: not answered yet. Type your answer in the box and press Check.`];
  }
  const [ok, message] = CHECKERS[exercise.check.kind](exercise.check, answer);
  const said = sentence(message);
  return ok ? ["correct", `✔ ${exercise.name}: correct! ${said}`.trimEnd()]
    : ["incorrect", `✘ ${exercise.name}: not quite. ${said}`.trimEnd()];
}
