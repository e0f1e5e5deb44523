// Runs the digits explorer's drawing pad arithmetic (reduceDrawing, drawVerdict in
// perceptron_lib/widgets/digits.js) in node: reads {W16, bitmaps} on stdin (each bitmap 32
// strings of 32 "0"/"1"), prints [{counts, z, verdict}] as the view computes them. Used by
// tests/test_drawing_pad.py.
const fs = require("fs");
const vm = require("vm");
const path = require("path");

const view = path.join(__dirname, "../../perceptron_lib/widgets/digits.js");
const code = fs.readFileSync(view, "utf8").replace(/^export default .*$/m, "");
const context = {};
vm.createContext(context);
vm.runInContext(`${code}\nthis.reduceDrawing = reduceDrawing; this.drawVerdict = drawVerdict;`,
                context);

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = input.bitmaps.map((rows) => {
  const pixels = rows.join("").split("").map(Number);
  const counts = context.reduceDrawing(pixels);
  const { z, verdict } = context.drawVerdict(counts, input.W16);
  return { counts, z, verdict };
});
process.stdout.write(JSON.stringify(out));
