// Where a view's new runs come from: the kernel, or on the course's web pages the runs made
// in advance; and what to say when Python is needed and not there.

// Runs computed when the course's web pages were built (tools/site_runs.py). There the saved
// state says where the run of every menu choice is: site_runs = {base, runs: {key: file}},
// addresses relative to the page. No kernel is there to ask: a menu's new run is fetched.
// Null anywhere else (JupyterLab, Notebook 7, Voila...): there the kernel retrains.
function siteRuns(model) {
  const saved = model.get("site_runs");
  if (!saved || typeof saved !== "object" || !saved.runs || typeof saved.base !== "string") {
    return null;
  }
  return {
    has: (key) => key !== null && Object.prototype.hasOwnProperty.call(saved.runs, key),
    async load(key) {
      const answer = await fetch(saved.base + saved.runs[key]);
      if (!answer.ok) throw new Error(`${answer.status} ${answer.statusText}`);
      // gzipped JSON; a server that sends it with Content-Encoding: gzip has unpacked it
      const bytes = new Uint8Array(await answer.arrayBuffer());
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
      const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(unpacked).json();
    },
  };
}

// Where this page's notebook can run: the site theme's launch buttons (Binder, Colab), if the
// page has them. [{label, href}]
function launchLinks() {
  const links = [];
  for (const a of document.querySelectorAll(".dropdown-launch-buttons a[href]")) {
    const label = a.textContent.trim() || a.title || "";
    if (/^https:\/\//.test(a.href) && label) links.push({ label, href: a.href });
  }
  return links;
}

// What needs Python, in one sentence: a list of parts, words and links ({label, href}).
function needsPython(what, site) {
  const tail = site ? "Stepping through this run works here." :
    "Stepping through this run works without it.";
  if (!site) {
    return [`${what} needs the notebook running (a live kernel): run the notebook's cells, ` +
            `then try again. ${tail}`];
  }
  const links = launchLinks();
  if (!links.length) {
    return [`${what} needs Python, which this page does not have: run the notebook in ` +
            `Jupyter to do it. ${tail}`];
  }
  const parts = [`${what} needs Python, which this page does not have: open the notebook in `];
  links.forEach((link, k) => {
    if (k) parts.push(k === links.length - 1 ? " or " : ", ");
    parts.push(link);
  });
  parts.push(` to do it. ${tail}`);
  return parts;
}

// The note line: words and links, rewritten only when they change (announced once).
function writeNote(node, parts, alert) {
  const said = JSON.stringify([parts, alert]);
  if (node.dataset.said === said) return;
  node.dataset.said = said;
  node.replaceChildren();
  for (const part of parts) {
    if (typeof part === "string") node.append(part);
    else html("a", { href: part.href, target: "_blank", rel: "noopener" }, node, part.label);
  }
  node.className = alert ? "pl-note pl-alert" : "pl-note";
}

// A run made in advance (tools/site_runs.py) shown as a kernel's new run would be: the
// settings it was made with (and `reset`, fields the view starts afresh), back to the start,
// then the run itself, drawn at once by change:run.
function showSiteRun(model, file, reset = {}) {
  for (const [name, value] of Object.entries({ ...(file.state || {}), ...reset })) {
    model.set(name, value);
  }
  model.set("position", 0);
  model.set("run", file.run);
  model.save_changes();
}

// Asking the kernel to retrain, with one policy when it is not there: the view says what
// needs Python, and restore() puts the controls and the model back to the run on screen.
// The kernel answers every request with {kind: "ack"}. On the course's web pages (site, from
// siteRuns) no kernel is asked: a request with a key the site has fetches that run and
// apply(file) shows it; one with an `offline` action does that instead (with no kernel
// anywhere); anything else needs Python, and the view says so.
// say(parts) shows a note (parts: see needsPython); ask(what, content, {key, offline}).
function makeRequests(model, say, restore, { site = null, apply = null } = {}) {
  let waiting = null, asked = 0;
  const cannot = (what) => { restore(); say(needsPython(what, site)); };
  const noKernel = (what, offline) => {
    waiting = null;
    if (offline) offline();
    else cannot(what);
  };
  model.on("msg:custom", (msg) => {
    if (msg && msg.kind === "ack") { clearTimeout(waiting); waiting = null; }
  });
  return function ask(what, content = { kind: "ping" }, { key = null, offline = null } = {}) {
    clearTimeout(waiting);
    const n = ++asked;
    if (site) {
      if (site.has(key)) {
        site.load(key).then((file) => { if (n === asked) apply(file); })
          .catch(() => { if (n === asked) cannot(what); });
      } else if (offline) offline();
      else cannot(what);
      return;
    }
    try {
      model.save_changes();
      model.send(content);
    } catch (err) {          // the kernel is gone (JupyterLab says "Cannot send")
      noKernel(what, offline);
      return;
    }
    waiting = setTimeout(() => noKernel(what, offline), 2500);
  };
}
