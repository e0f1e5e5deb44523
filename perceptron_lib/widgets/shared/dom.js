// The page's building blocks for every view: SVG and HTML elements, buttons with spoken
// names, labelled controls, keys kept by the explorer, files to download.

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function html(tag, attrs = {}, parent = null, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function button(parent, label, name, icon = "") {
  // A button with visible text and an accessible name (the tooltip says the key too).
  const b = html("button", { type: "button", class: "pl-button", "aria-label": spoken(label, name),
                             title: name }, parent);
  if (icon) html("span", { "aria-hidden": "true", class: "pl-icon" }, b, icon);
  if (label) html("span", {}, b, label);
  return b;
}

function spoken(label, name) {
  // The accessible name starts with the words on the button unless it already says them, so
  // that "click per sample" works by voice (WCAG 2.5.3, label in name).
  const words = label.replace(/[^\p{L}\p{N}= ]/gu, "").trim();
  return words && !name.toLowerCase().includes(words.toLowerCase()) ? `${words}: ${name}` : name;
}

// Keys on an explorer stay with it. The notebook front-ends have shortcuts on the same keys
// (ArrowLeft/ArrowRight move between headings), and Notebook 7 handles them on the document
// before the page sees them (JupyterLab after): so the view listens first, on the window,
// while the event is on its way to the explorer. onKey(ev) is the view's own key handling
// (it calls preventDefault on the keys it uses); the keys a focused control uses itself (a
// slider's arrows, Home, End) are left to the control. Either way the event goes no further,
// so listeners inside the view must not rely on keydown for these keys.
// Returns the function that removes the listener (call it when the view goes away).
const CONTROL_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End",
                              "PageUp", "PageDown", " "]);
function keepKeys(root, onKey = null) {
  const guard = (ev) => {
    if (!root.contains(ev.target) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (onKey) onKey(ev);
    const tag = ev.target.tagName;
    const control = tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA";
    if (ev.defaultPrevented || (control && CONTROL_KEYS.has(ev.key))) ev.stopPropagation();
  };
  window.addEventListener("keydown", guard, true);
  return () => window.removeEventListener("keydown", guard, true);
}

function labelled(parent, text, control) {
  // A visible label tied to its control, so that every control has a name.
  const id = "pl-" + Math.random().toString(36).slice(2, 10);
  control.id = id;
  const lab = html("label", { for: id, class: "pl-label" }, parent, text);
  parent.appendChild(control);
  return lab;
}

// A file made in the browser, saved through the browser's downloads.
function downloadText(name, text, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = html("a", { href: url, download: name, class: "pl-hidden" }, document.body);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// The explorer's own box on the page: its class, its words' size and its style sheet (the
// palette's variables, the explorers' BASE_CSS and the view's own `css`). With a `label`, it
// takes the keyboard's focus (tabindex 0) and says which keys it answers to.
function explorerRoot(el, look, kind, label = null, css = "") {
  const attrs = { class: `pl-explorer pl-${kind}` };
  if (label) Object.assign(attrs, { tabindex: "0", "aria-label": label });
  const root = html("div", attrs, el);
  root.style.fontSize = `${look.size.font + 3}px`;
  html("style", {}, root, look.css + BASE_CSS + css);
  return root;
}
