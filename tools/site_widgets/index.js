// The website's widget manager (tools/site_widgets/index.js): draws the widgets a page carries in its saved state, with no
// kernel. tools/build_site.py bundles this file with esbuild (ManagerBase from
// @jupyter-widgets/base-manager, pinned in FRONT_END) into an AMD module that require.js
// loads; @jupyter-widgets/base, @jupyter-widgets/controls and anywidget stay separate modules
// in the site, each loaded only by a page whose widgets use it.
//
// It does what @jupyter-widgets/html-manager's embed-amd.js does for these pages (read the
// widget-state script, replace each widget-view script by its view) without what the course's
// pages never use and that makes that file 3.6 MB: ipywidgets 7's base and controls, the
// Output widget with JupyterLab's renderers, a JSON-schema validator and Font Awesome.
import * as base from "@jupyter-widgets/base";
import { ManagerBase } from "@jupyter-widgets/base-manager/lib/manager-base";

// the site's vendor folder, set by the script that wraps this module (build_site.WIDGETS_AMD)
const root = __PL_VENDOR__;

function stylesheet(href) {
  if (document.querySelector(`link[href="${href}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

function load(name) {
  return new Promise((resolve, reject) => window.requirejs([name], resolve, reject));
}

// ipywidgets 8 (protocol 2.x): @jupyter-widgets/base 6 and @jupyter-widgets/controls 5
const BUILT_IN = { "@jupyter-widgets/base": "2.", "@jupyter-widgets/controls": "2." };

class PageManager extends ManagerBase {
  constructor() {
    super();
    stylesheet(`${root}widgets/lumino.css`);
  }

  async loadClass(className, moduleName, moduleVersion) {
    const major = BUILT_IN[moduleName];
    if (major !== undefined && !String(moduleVersion).replace(/^[~^]/, "").startsWith(major)) {
      throw new Error(`${moduleName} ${moduleVersion} is not in this site (it has ${major}x)`);
    }
    if (moduleName === "@jupyter-widgets/controls") {
      // outside JupyterLab, its colour variables come with the widgets
      if (!document.body.classList.contains("jp-LabShell")) {
        stylesheet(`${root}widgets/controls.css`);
      }
    }
    const module = await load(moduleName);
    if (module[className] === undefined) {
      throw new Error(`${className} is not in ${moduleName}`);
    }
    return module[className];
  }

  async display_view(view, el) {
    base.JupyterLuminoWidget.attach(view.luminoWidget || view.pWidget, el);
  }

  // No kernel: a widget that sends a message gets a comm that goes nowhere.
  _get_comm_info() {
    return Promise.resolve({});
  }

  _create_comm() {
    return Promise.resolve({ on_close() {}, on_msg() {}, close() {} });
  }
}

// Shareable state. Each explorer's menus, sliders, switches and position live in the page's
// address, one parameter per explorer, numbered in page order: ?e3=XOR,0.5@7~per_epoch is the
// third explorer with its controls set to XOR and 0.5, at position 7, stepping by epochs. A
// teacher sends a prepared picture as a link; a reload keeps it. The query string is used
// (not the hash): the pages' section anchors and the slides' #/3 stay as they are.
const FLAGS = ["per_epoch", "pocket", "show_table"];

function controlsOf(area) {
  return Array.from(area.querySelectorAll("select, input")).filter((c) =>
    !["button", "submit", "file", "hidden", "text"].includes(c.type)
    && !c.classList.contains("pl-wide-slider") && !c.classList.contains("pl-speed"));
}

function valueOf(control) {
  return control.type === "checkbox" || control.type === "radio"
    ? (control.checked ? "1" : "0") : control.value;
}

/** The explorer's state as the address writes it. */
export function encodeState(area, model) {
  let text = controlsOf(area).map((c) => encodeURIComponent(valueOf(c))).join(",");
  const position = model.get("position");
  if (typeof position === "number") text += `@${position}`;
  for (const flag of FLAGS) if (model.get(flag) === true) text += `~${flag}`;
  return text;
}

/** {values, position, flags} from the address's text, or null if it is not one. */
export function decodeState(text) {
  const match = /^([^@~]*)(?:@(\d{1,9}))?((?:~\w+)*)$/.exec(String(text));
  if (!match) return null;
  let values;
  try {
    values = match[1] === "" ? [] : match[1].split(",").map(decodeURIComponent);
  } catch (err) {
    return null;
  }
  const flags = match[3].split("~").filter((f) => FLAGS.includes(f));
  return { values, position: match[2] === undefined ? null : Number(match[2]), flags };
}

function param(k) {
  return `e${k + 1}`;
}

// The address's parameters are read and written as they are (URLSearchParams would write
// "," and "@" as %2C and %40, and read "+" as a space): the link stays readable.
function readParam(search, name) {
  for (const part of search.replace(/^\?/, "").split("&")) {
    if (part.startsWith(`${name}=`)) return part.slice(name.length + 1);
  }
  return null;
}

function writeParam(search, name, value) {
  const parts = search.replace(/^\?/, "").split("&")
    .filter((part) => part !== "" && !part.startsWith(`${name}=`));
  parts.push(`${name}=${value}`);
  parts.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return `?${parts.join("&")}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A menu choice on the site may fetch its run: wait for it (at most a few seconds).
function runChanged(model, ms) {
  return new Promise((resolve) => {
    const done = () => { model.off("change:run", done); clearTimeout(timer); resolve(true); };
    const timer = setTimeout(() => { model.off("change:run", done); resolve(false); }, ms);
    model.on("change:run", done);
  });
}

async function restoreState(area, model, saved) {
  const controls = controlsOf(area);
  for (let i = 0; i < controls.length && i < saved.values.length; i++) {
    const control = controls[i], value = saved.values[i];
    if (valueOf(control) === value) continue;
    if (control.tagName === "SELECT"
        && !Array.from(control.options).some((o) => o.value === value)) continue;
    const fetches = control.tagName === "SELECT" && model.get("site_runs");
    const arrived = fetches ? runChanged(model, 4000) : null;
    if (control.type === "checkbox" || control.type === "radio") control.checked = value === "1";
    else control.value = value;
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
    if (arrived) await arrived;
    await sleep(0);
  }
  let changed = false;
  for (const flag of FLAGS) {
    const want = saved.flags.includes(flag);
    if (typeof model.get(flag) === "boolean" && model.get(flag) !== want) {
      model.set(flag, want);
      changed = true;
    }
  }
  if (saved.position !== null && typeof model.get("position") === "number") {
    model.set("position", saved.position);
    changed = true;
  }
  if (changed) model.save_changes();
}

function keepInAddress(area, model, k) {
  let timer = null;
  const write = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { pathname, search, hash } = window.location;
      const next = writeParam(search, param(k), encodeState(area, model));
      if (next !== search) window.history.replaceState(window.history.state, "", pathname + next + hash);
    }, 200);
  };
  area.addEventListener("change", write);
  area.addEventListener("input", write);
  // any change of the explorer's state: also one made through another view of the same
  // explorer (09 shows its digits explorer twice), whose controls this area does not hold
  model.on("change", write);
}

// anywidget draws the view after display_view returns: wait for its controls (at most 5 s)
async function drawn(area) {
  for (let waited = 0; waited < 5000; waited += 50) {
    if (area.querySelector(".pl-explorer") && controlsOf(area).length) break;
    await sleep(50);
  }
  await new Promise((resolve) => window.requestAnimationFrame(resolve));
}

async function show(manager, model, area, k) {
  await manager.display_view(await manager.create_view(model), area);
  const text = readParam(window.location.search, param(k));
  const saved = text === null ? null : decodeState(text);
  if (saved) {
    try {
      await drawn(area);
      await restoreState(area, model, saved);
    } catch (err) {
      console.warn(`the address's state for explorer ${k + 1} was not applied`, err);
    }
  }
  keepInAddress(area, model, k);
  return saved !== null;
}

// A widget is built when the reader comes near it (1,000 px ahead): a long page is ready at
// once, even on a phone, and builds each explorer as it scrolls. One whose state is in the
// address is built at once, and so is every widget of a slide deck.
function whenNear(area, draw) {
  if (typeof IntersectionObserver === "undefined" || document.querySelector(".reveal")) {
    draw();
    return;
  }
  const near = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      near.disconnect();
      draw();
    }
  }, { rootMargin: "1000px 0px" });
  near.observe(area);
}

// The site keeps each view module once, in _static/views/ (build_site.share_views): a saved
// state names it, and anywidget loads it from its address.
function viewsFromFiles(state) {
  for (const model of Object.values(state.state || {})) {
    const esm = model.state && model.state._esm;
    if (typeof esm === "string" && esm.startsWith("pl-view:")) {
      model.state._esm = new URL(`../views/${esm.slice("pl-view:".length)}`, root).href;
    }
  }
  return state;
}

async function renderManager(element, state, order) {
  const manager = new PageManager();
  viewsFromFiles(state);
  const models = await manager.set_state(state);
  const tags = element.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  await Promise.all(Array.from(tags).map(async (tag) => {
    const { model_id } = JSON.parse(tag.innerHTML);
    const model = models.find((m) => m.model_id === model_id);
    if (model === undefined || tag.parentElement === null || tag.dataset.plRendered) return;
    tag.dataset.plRendered = "1";
    const area = document.createElement("div");
    area.className = "widget-subarea";
    tag.parentElement.insertBefore(area, tag);
    const k = order.indexOf(tag);
    const draw = () => show(manager, model, area, k);
    if (readParam(window.location.search, param(k)) !== null) await draw();
    else whenNear(area, () => draw().catch((err) => console.error(err)));
  }));
}

/** Draw every widget in ``element`` from the page's saved widget state. */
export async function renderWidgets(element = document.documentElement) {
  const states = document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]');
  const order = Array.from(document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]'));
  await Promise.all(Array.from(states).map(async (tag) => {
    // the site keeps a page's state in a file of its own (build_site.state_to_file)
    const state = tag.dataset.src
      ? await (await fetch(tag.dataset.src)).json() : JSON.parse(tag.innerHTML);
    return renderManager(element, state, order);
  }));
}
