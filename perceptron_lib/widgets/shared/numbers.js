// Numbers as the course writes them (Python's format_number and repr), tick values, and
// numbers a person sets read exactly as decimals.

// Numbers the way the course prints them, as Python's format_number does ("{:.4g}"): 4
// significant digits, rounded half to even, exponent form below 1e-4 and from 1e4 on.
function fmt(v, digits = 4) {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return "0";
  // the exact decimal digits of |v| (100 of them: enough to see a tie), then rounded by hand
  const [m, e] = Math.abs(v).toExponential(99).split("e");
  let exp = parseInt(e, 10);
  const all = m.replace(".", "");
  let kept = all.slice(0, digits);
  const rest = all.slice(digits);
  const up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) ||
                                                  Number(kept[digits - 1]) % 2 === 1));
  if (up) {
    kept = String(BigInt(kept) + 1n);
    if (kept.length > digits) { kept = kept.slice(0, digits); exp += 1; }
  }
  const sign = v < 0 ? "-" : "";
  if (exp < -4 || exp >= digits) {
    const mant = (kept[0] + "." + kept.slice(1)).replace(/\.?0+$/, "");
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const text = exp < 0 ? "0." + "0".repeat(-exp - 1) + kept
    : kept.slice(0, exp + 1) + "." + kept.slice(exp + 1);
  return sign + text.replace(/\.?0+$/, "").replace(/\.$/, "");
}

// Numbers as Python writes a float with repr() (and so in CSV files): the shortest digits that
// read back as the same number, as a decimal from 1e-4 up to 1e16, in exponent form outside.
function pyFloat(v) {
  if (typeof v === "string") return v;         // "inf" and "-inf": JSON has no infinity
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const sign = v < 0 ? "-" : "";
  const [m, e] = Math.abs(v).toExponential().split("e");
  const digits = m.replace(".", ""), exp = parseInt(e, 10);
  if (exp < -4 || exp >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, "0")}.${digits.slice(exp + 1) || "0"}`;
}

// About `count` round tick values from lo to hi; with `whole`, whole numbers only (for counts:
// 0, 2, 4 rather than 0, 2.5, 5).
function niceTicks(lo, hi, count = 6, whole = false) {
  const half = hi / 2 - lo / 2;
  if (!(half > 0) || !isFinite(half)) return [lo];
  const raw = (half / count) * 2;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const steps = (whole ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]).map((m) => m * mag)
    .filter((s) => !whole || s >= 1);
  const step = steps.find((s) => s >= raw) || (whole ? Math.max(1, 10 * mag) : 10 * mag);
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    if (ticks.length > 50) break;
  }
  return ticks;
}

// Numbers a person sets, read exactly as the decimal they show: 0.6 is 6/10, not the binary
// number nearest to it. The rule is Python's (exact.as_decimal): the shortest decimal that
// reads back as the same float, which String(v) writes. Each value becomes a whole number
// (BigInt) of 10^-scale, so sums and comparisons are exact; value(n) turns a sum back into a
// number for printing.
function decimals(values) {
  const parsed = values.map((v) => {
    const [mant, e = "0"] = String(v).toLowerCase().split("e");
    const [whole, frac = ""] = mant.split(".");
    return { n: BigInt(whole + frac), exp: parseInt(e, 10) - frac.length };
  });
  const scale = Math.max(0, ...parsed.map((p) => -p.exp));
  const ints = parsed.map((p) => p.n * 10n ** BigInt(p.exp + scale));
  return { scale, ints, value: (n) => Number(`${n}e-${scale}`) };
}
