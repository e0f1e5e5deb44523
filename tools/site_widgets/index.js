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

async function renderManager(element, state) {
  const manager = new PageManager();
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
    await manager.display_view(await manager.create_view(model), area);
  }));
}

/** Draw every widget in ``element`` from the page's saved widget state. */
export async function renderWidgets(element = document.documentElement) {
  const states = document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]');
  await Promise.all(Array.from(states).map((t) => renderManager(element, JSON.parse(t.innerHTML))));
}
