// mlsd serve: the live design page. Every name and label from a spec is written with
// textContent, never as markup; the diagram is SVG the server has rebuilt from an allow-list.
"use strict";

const page = document.body.dataset.page;
const exported = document.getElementById("mlsd-data");  // a static export carries its data
const STATIC = exported ? JSON.parse(exported.textContent) : null;
const specName = document.body.dataset.spec || "";
const SEVERITIES = ["error", "warning", "info"];
const STATUS_MARK = { covered: "✓", partial: "~", missing: "✗" };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function staticAnswer(url) {
  const key = url.replace(/&v=\d+$/, "");
  if (!(key in STATIC.data)) {
    const error = new Error("not in this export");
    error.status = 404;
    throw error;
  }
  const answer = STATIC.data[key];
  if (answer && answer.error) throw new Error(answer.error);
  return answer;
}

async function getJSON(url) {
  if (STATIC) return staticAnswer(url);
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const error = new Error(body.error || response.statusText);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function specURL(name) {
  if (STATIC) return STATIC.root + "spec/" + name.split("/").map(encodeURIComponent).join("/") + ".html";
  return "/spec/" + name.split("/").map(encodeURIComponent).join("/");
}

function apiPath(name) {
  return name.split("/").map(encodeURIComponent).join("/");
}

function home() {
  return STATIC ? STATIC.root + "index.html" : "/";
}

function topBar(crumbs) {
  const live = el("span", { class: "live", id: "live", text: "connecting" });
  return el("header", { class: "bar" },
    el("a", { class: "brand", href: home() }, "mlsd", el("small", { text: "serve" })),
    el("nav", { class: "crumbs" }, crumbs),
    el("span", { class: "spacer" }),
    live);
}

function counts(values) {
  return el("span", { class: "counts" }, SEVERITIES.map((severity) =>
    el("span", {
      class: "count " + severity + (values[severity] ? "" : " zero"),
      title: `${values[severity]} ${severity}${values[severity] === 1 ? "" : "s"}`,
      "data-severity": severity,
    }, SEVERITY_MARK[severity], " ", values[severity])));
}
const SEVERITY_MARK = { error: "●", warning: "▲", info: "i" };

function steps(coverage, module) {
  if (module) return el("span", { class: "spec-path", text: "a module: imported by systems" });
  if (!coverage) {
    return el("span", { class: "steps" }, [1, 2, 3, 4, 5, 6, 7].map((n) =>
      el("span", { class: "step unknown", title: "not known: the spec does not compile", text: n })));
  }
  return el("span", { class: "steps" }, coverage.map((step) =>
    el("span", {
      class: "step " + step.status,
      title: `${step.number}. ${step.title}: ${step.status}` +
        (step.findings.length ? ` (${step.findings.join(", ")})` : ""),
      text: step.number,
    })));
}

function statusPill(spec) {
  if (spec.valid) return el("span", { class: "pill valid", text: spec.module ? "✓ module" : "✓ compiles" });
  return el("span", { class: "pill invalid", text: spec.stale ? "✗ does not compile" : "✗ invalid" });
}

// ---- live updates -------------------------------------------------------------------------
function connect(onEvent) {
  if (STATIC) {
    const live = document.getElementById("live");
    live.textContent = "static export";
    return;
  }
  let wasDown = false;
  const source = new EventSource("/events");
  source.onopen = () => {
    const live = document.getElementById("live");
    live.className = "live on";
    live.textContent = "live";
    if (wasDown) onEvent({ type: "reconnected" });
    wasDown = false;
  };
  source.onerror = () => {
    const live = document.getElementById("live");
    live.className = "live";
    live.textContent = "reconnecting…";
    wasDown = true;
  };
  source.onmessage = (message) => onEvent(JSON.parse(message.data));
}

// ---- the index ----------------------------------------------------------------------------
async function indexPage() {
  const body = el("tbody");
  const lede = el("p", { class: "lede" });
  document.body.replaceChildren(
    topBar([el("span", { text: "Specs" })]),
    el("main", { class: "index" },
      el("h1", { text: "Specs" }),
      lede,
      el("table", { class: "specs" },
        el("thead", {}, el("tr", {},
          el("th", { text: "Spec" }), el("th", { text: "Status" }), el("th", { text: "Findings" }),
          el("th", { text: "Framework coverage (steps 1–7)" }))),
        body)));
  async function load() {
    const specs = await getJSON("/api/specs");
    const valid = specs.filter((spec) => spec.valid).length;
    lede.textContent = `${specs.length} spec${specs.length === 1 ? "" : "s"}, ${valid} compiling. ` +
      "Pages update when a file is saved.";
    body.replaceChildren(...specs.map((spec) => el("tr", { "data-spec": spec.name },
      el("td", {},
        el("a", { class: "spec-title", href: specURL(spec.name), text: spec.title }),
        el("div", { class: "spec-path", text: spec.name })),
      el("td", {}, statusPill(spec)),
      el("td", {}, counts(spec.counts)),
      el("td", {}, steps(spec.coverage, spec.module)))));
  }
  await load();
  connect(() => load());
}

// ---- a spec's page ------------------------------------------------------------------------
const state = {
  detail: null, diagramVersion: null, theme: "light", direction: "LR", gaps: false, svg: null,
  base: null, view: null, selected: null, finding: null,
};

function specPage() {
  const title = el("h1", { id: "title", text: specName });
  const head = el("div", { class: "head" }, title, el("span", { class: "spec-path", text: specName }),
    el("span", { class: "spacer" }), el("span", { id: "status" }), el("span", { id: "counts" }));
  const themes = el("div", { class: "segmented", id: "themes" }, document.body.dataset.themes.split(" ").map((theme) =>
    el("button", { "data-theme": theme, class: theme === state.theme ? "on" : "", text: theme,
      onclick: () => { state.theme = theme; markTheme(); loadDiagram(); } })));
  const directions = el("div", { class: "segmented", id: "directions", title: "Layout direction" },
    [["LR", "→ left to right"], ["TB", "↓ top to bottom"]].map(([direction, label]) =>
      el("button", { "data-direction": direction, class: direction === state.direction ? "on" : "",
        title: label, text: direction === "LR" ? "→" : "↓",
        onclick: () => { state.direction = direction; markDirection(); state.view = null; loadDiagram(); } })));
  const gaps = el("label", { class: "toggle", title: "Draw the missing components the linter found" },
    el("input", { type: "checkbox", id: "gaps", onchange: (event) => {
      state.gaps = event.target.checked; loadDiagram();
    } }), "gaps");
  const zoom = el("div", { class: "zoom" },
    el("button", { title: "Zoom out", text: "−", onclick: () => zoomBy(1.25) }),
    el("span", { class: "level", id: "zoom-level", text: "100%" }),
    el("button", { title: "Zoom in", text: "+", onclick: () => zoomBy(0.8) }),
    el("button", { title: "Fit the diagram", text: "Fit", onclick: () => fit() }));
  const canvas = el("div", { class: "canvas", id: "canvas" },
    el("div", { class: "empty", text: "Loading the diagram…" }),
    el("span", { class: "hint", text: "scroll to zoom · drag to pan · click a component" }));
  const stage = el("section", { class: "stage" },
    el("div", { class: "toolbar" }, themes, directions, gaps, zoom),
    el("div", { class: "banner", id: "banner" }),
    canvas);
  const side = el("aside", { class: "side" },
    el("section", { class: "card hidden", id: "component" }),
    el("section", { class: "card", id: "coverage" }, el("h2", { text: "Framework coverage" }),
      el("div", { class: "body", id: "coverage-body" })),
    el("section", { class: "card", id: "sections" }),
    el("section", { class: "card", id: "findings" },
      el("h2", {}, el("span", { id: "findings-title", text: "Findings" }), el("span", { class: "spacer" }),
        el("span", { id: "findings-counts" })),
      el("div", { id: "findings-body" })));
  document.body.replaceChildren(
    topBar([el("a", { href: home(), text: "Specs" }), el("span", { class: "sep", text: "/" }),
      el("span", { text: specName })]),
    el("main", { class: "spec" }, head, stage, side));
  panAndZoom(canvas);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { state.finding = null; selectComponent(null); }
  });
  loadDetail();
  connect((event) => {
    if (event.type === "reconnected" || event.type === "index" ||
        (event.type === "spec" && event.name === specName)) loadDetail();
  });
}

function markDirection() {
  for (const button of document.querySelectorAll("#directions button")) {
    button.classList.toggle("on", button.dataset.direction === state.direction);
  }
}

function markTheme() {
  for (const button of document.querySelectorAll("#themes button")) {
    button.classList.toggle("on", button.dataset.theme === state.theme);
  }
  document.getElementById("canvas").classList.toggle("themed-dark", state.theme === "dark");
}

async function loadDetail() {
  let detail;
  try {
    detail = await getJSON("/api/spec/" + apiPath(specName));
  } catch (error) {
    const canvas = document.getElementById("canvas");
    canvas.replaceChildren(el("div", { class: "empty", text: error.status === 404
      ? "This spec is no longer served: the file was removed or moved." : "Cannot load the spec: " + error.message }));
    return;
  }
  state.detail = detail;
  document.title = `${detail.title} — mlsd serve`;
  document.getElementById("title").textContent = detail.title;
  document.getElementById("status").replaceChildren(statusPill(detail));
  document.getElementById("counts").replaceChildren(counts(detail.counts));
  const banner = document.getElementById("banner");
  banner.classList.toggle("on", detail.stale || (!detail.valid && detail.diagram_version === null));
  banner.textContent = detail.stale
    ? "The file does not compile: its errors are listed on the right. The diagram is the last version that compiled (stale)."
    : "The file does not compile and never has since the server started: fix the errors on the right to see its diagram.";
  document.getElementById("canvas").classList.toggle("stale", detail.stale);
  renderCoverage(detail);
  renderFindings(detail);
  renderSections(detail);
  if (state.selected && !(state.selected in detail.components) && !isGhost(state.selected)) selectComponent(null);
  else if (state.selected) renderComponent(state.selected);
  if (detail.diagram_version === null) {
    state.diagramVersion = null;
    document.getElementById("canvas").replaceChildren(
      el("div", { class: "empty", text: "No diagram yet: the spec has not compiled." }));
  } else if (detail.diagram_version !== state.diagramVersion) {
    await loadDiagram();
  }
}

function isGhost(node) {
  return state.detail && Object.values(state.detail.ghosts).includes(node);
}

function renderCoverage(detail) {
  const body = document.getElementById("coverage-body");
  if (detail.module) {
    body.replaceChildren(el("div", { class: "none",
      text: "A module of shared declarations: the systems that import it are checked against the framework." }));
    return;
  }
  if (!detail.coverage) {
    body.replaceChildren(el("div", { class: "none", text: "Known once the spec compiles." }));
    return;
  }
  body.replaceChildren(...detail.coverage.map((step) => el("div", { class: "cover-row", "data-step": step.number },
    el("span", { class: "step " + step.status, text: STATUS_MARK[step.status] }),
    el("span", { class: "title", text: `${step.number}. ${step.title}` }),
    el("span", { class: "status " + step.status, text: step.status }),
    step.findings.length
      ? el("span", { class: "codes" }, step.findings.map((code) => el("span", { class: "code-chip", text: code })))
      : null)));
}

function renderSections(detail) {
  const card = document.getElementById("sections");
  card.classList.toggle("hidden", !detail.sections.length);
  const open = card.querySelector("details") ? card.querySelector("details").open : false;
  card.replaceChildren(el("details", { open },
    el("summary", { class: "summary-title", text: "Requirements, framing, evaluation" }),
    el("div", { class: "body" }, detail.sections.map((section) => [
      el("div", { class: "section-name", text: section.name }),
      el("table", { class: "attrs" }, section.attributes.map(([key, value]) =>
        el("tr", {}, el("td", { text: key }), el("td", { text: value })))),
    ]))));
}

function renderFindings(detail) {
  const body = document.getElementById("findings-body");
  const title = document.getElementById("findings-title");
  title.textContent = detail.valid ? "Findings" : "Errors";
  document.getElementById("findings-counts").replaceChildren(counts(detail.counts));
  if (!detail.diagnostics.length) {
    body.replaceChildren(el("div", { class: "none", text: "No findings: the design passes every rule." }));
    return;
  }
  body.replaceChildren(...detail.diagnostics.map((finding, index) => findingItem(finding, index)));
  markFindings();
}

function findingItem(finding, index) {
  const own = finding.file === specName.split("/").pop();
  const place = finding.line ? `${finding.line}:${finding.column}` : "";
  const where = own ? (place ? "line " + place : "") : [finding.file, place].filter(Boolean).join(":");
  const explainBox = el("div", { class: "explain", hidden: true });
  const item = el("div", { class: "finding", "data-index": index, "data-code": finding.code,
    tabindex: 0, title: "Show in the diagram",
    onclick: () => selectFinding(index),
    onkeydown: (event) => { if (event.key === "Enter" && event.target === item) selectFinding(index); } },
    el("div", { class: "top" },
      el("span", { class: "sev " + finding.severity, text: finding.severity }),
      el("span", { class: "code-chip", text: finding.code }),
      finding.name ? el("span", { class: "rule-name", text: finding.name }) : null,
      el("span", { class: "where", text: where })),
    el("div", { class: "message", text: finding.message }),
    sourceLine(finding),
    finding.hint ? el("div", { class: "help", text: "help: " + finding.hint }) : null,
    finding.expected ? el("div", { class: "help", text: "expected: " + finding.expected }) : null,
    el("div", { class: "actions" }, el("button", { class: "linkish", text: "Explain " + finding.code,
      onclick: (event) => { event.stopPropagation(); explain(finding.code, explainBox); } })),
    explainBox);
  return item;
}

function sourceLine(finding) {
  if (finding.source === null || finding.source === undefined) return null;
  const pre = el("pre", { class: "source" });
  pre.append(`${finding.line} | ${finding.source}`);
  if (finding.column) {
    const width = Math.max(1, (finding.end_column || finding.column + 1) - finding.column);
    const pad = " ".repeat(String(finding.line).length) + " | " + " ".repeat(finding.column - 1);
    pre.append("\n" + pad, el("span", { class: "caret", text: "^".repeat(width) }));
  }
  return pre;
}

function paragraphs(text) {
  return text.split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s*\n\s*/g, " ").trim());
}

async function explain(code, box) {
  if (!box.hidden) { box.hidden = true; return; }
  box.hidden = false;
  box.replaceChildren(el("p", { text: "Loading…" }));
  try {
    const rule = await getJSON("/api/rule/" + encodeURIComponent(code));
    box.replaceChildren(
      el("p", {}, el("strong", { text: `${rule.code} ${rule.name}` }), ` — ${rule.title} (${rule.step})`),
      paragraphs(rule.rationale).map((text) => el("p", { text })),
      rule.fix ? el("p", {}, el("span", { class: "label", text: "Fix: " }), rule.fix) : null,
      rule.bad ? el("div", {}, el("span", { class: "label", text: "Triggers it:" }), el("pre", { text: rule.bad })) : null,
      rule.good ? el("div", {}, el("span", { class: "label", text: "Passes:" }), el("pre", { text: rule.good })) : null);
  } catch (error) {
    box.replaceChildren(el("p", { text: "No explanation: " + error.message }));
  }
}

// ---- selection and highlighting -----------------------------------------------------------
function selectFinding(index) {
  const finding = state.detail.diagnostics[index];
  state.finding = state.finding === index ? null : index;
  state.selected = null;
  document.getElementById("component").classList.add("hidden");
  const ghostShown = finding.subjects.some((name) => Object.values(state.detail.ghosts).includes(name));
  if (state.finding !== null && ghostShown && !state.gaps && state.svg &&
      !finding.subjects.some((name) => nodeOf(name))) {
    state.gaps = true;  // the finding is about a missing component: draw it
    document.getElementById("gaps").checked = true;
    loadDiagram().then(() => { reapplyHighlight(); reveal(finding.subjects); });
  }
  highlight(state.finding === null ? [] : finding.subjects);
  if (state.finding !== null && finding.subjects.length) reveal(finding.subjects);
  markFindings();
}

function selectComponent(name) {
  state.selected = name;
  state.finding = null;
  highlight(name ? [name] : [], Boolean(name));
  const card = document.getElementById("component");
  if (!name) { card.classList.add("hidden"); markFindings(); return; }
  renderComponent(name);
  card.scrollIntoView({ block: "nearest" });
  markFindings();
}

function nodeOf(name) {
  return state.svg ? state.svg.querySelector(`g.node[data-node="${CSS.escape(name)}"]`) : null;
}

function renderComponent(name) {
  const card = document.getElementById("component");
  const component = state.detail.components[name];
  const ghostCode = Object.keys(state.detail.ghosts).find((code) => state.detail.ghosts[code] === name);
  const related = relatedFindings(name);
  const header = el("h2", {}, el("span", { text: component ? name : "missing: " + (ghostCode || name) }),
    el("button", { class: "close", title: "Close", text: "×", onclick: () => selectComponent(null) }));
  const body = el("div", { class: "body" });
  if (component) {
    append(body,
      el("div", { class: "component-kind" },
        component.kind + (component.tech ? ": " + component.tech : "") + " · " + component.stage +
        " · " + component.file + ":" + component.line),
      component.label ? el("div", { class: "component-label", text: component.label }) : null,
      component.attributes.length
        ? el("table", { class: "attrs" }, component.attributes.map(([key, value]) =>
            el("tr", {}, el("td", { text: key }), el("td", { text: value }))))
        : el("div", { class: "component-kind", text: "no attributes" }));
  } else {
    body.append(el("div", { class: "component-kind",
      text: "A component the design lacks, drawn dashed because of the finding below." }));
  }
  body.append(el("div", { class: "component-kind",
    text: related.length ? `${related.length} finding${related.length === 1 ? "" : "s"}:` : "no findings" }));
  for (const index of related) {
    const finding = state.detail.diagnostics[index];
    body.append(el("div", { class: "help" }, el("span", { class: "code-chip", text: finding.code }), " ",
      finding.message));
  }
  card.replaceChildren(header, body);
  card.classList.remove("hidden");
}

function append(parent, ...children) {
  parent.append(...children.filter((child) => child !== null && child !== undefined));
}

function relatedFindings(name) {
  return state.detail.diagnostics.map((finding, index) => [finding, index])
    .filter(([finding]) => finding.subjects.includes(name)).map(([, index]) => index);
}

function markFindings() {
  const related = state.selected ? new Set(relatedFindings(state.selected)) : new Set();
  for (const item of document.querySelectorAll(".finding")) {
    const index = Number(item.dataset.index);
    item.classList.toggle("selected", index === state.finding);
    item.classList.toggle("related", related.has(index));
  }
}

function highlight(names, withEdges) {
  const svg = state.svg;
  if (!svg) return;
  const wanted = new Set(names);
  svg.classList.toggle("focus", names.some((name) => nodeOf(name)));
  for (const node of svg.querySelectorAll("g.node")) {
    node.classList.toggle("hl", wanted.has(node.dataset.node));
  }
  for (const edge of svg.querySelectorAll("g.edge")) {
    const touches = wanted.has(edge.dataset.source) && (withEdges || wanted.has(edge.dataset.target)) ||
      withEdges && wanted.has(edge.dataset.target);
    edge.classList.toggle("hl", Boolean(touches));
  }
}

function reapplyHighlight() {
  if (state.selected) highlight([state.selected], true);
  else if (state.finding !== null && state.detail.diagnostics[state.finding]) {
    highlight(state.detail.diagnostics[state.finding].subjects);
  }
}

// ---- the diagram: load, zoom, pan ---------------------------------------------------------
async function loadDiagram() {
  const detail = state.detail;
  if (!detail || detail.diagram_version === null) return;
  const version = detail.diagram_version;
  const url = `/api/diagram/${apiPath(specName)}?theme=${state.theme}&direction=${state.direction}` +
    `&gaps=${state.gaps ? 1 : 0}&v=${version}`;
  const canvas = document.getElementById("canvas");
  let text;
  try {
    text = STATIC ? staticAnswer(url) : await fetchText(url);
  } catch (error) {
    canvas.replaceChildren(el("div", { class: "empty", text: "Cannot draw the diagram: " + error.message }));
    return;
  }
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = parsed.documentElement;
  if (svg.nodeName !== "svg") return;
  const imported = document.importNode(svg, true);
  const base = imported.getAttribute("viewBox").split(/[\s,]+/).map(Number);
  const keepView = state.view && state.base && !isFitted();
  state.base = { x: base[0], y: base[1], w: base[2], h: base[3] };
  if (!keepView) state.view = { ...state.base };
  state.svg = imported;
  state.diagramVersion = version;
  imported.addEventListener("click", (event) => {
    if (canvas.dataset.moved === "1") return;
    const node = event.target.closest("g.node");
    selectComponent(node ? node.dataset.node : null);
  });
  canvas.replaceChildren(imported, el("span", { class: "hint", text: "scroll to zoom · drag to pan · click a component" }));
  canvas.dataset.version = String(version);
  applyView();
  reapplyHighlight();
}

async function fetchText(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error || response.statusText);
  return response.text();
}

function isFitted() {
  const { view, base } = state;
  return Math.abs(view.w - base.w) < 1e-6 && Math.abs(view.x - base.x) < 1e-6 && Math.abs(view.y - base.y) < 1e-6;
}

function applyView() {
  if (!state.svg || !state.view) return;
  const { x, y, w, h } = state.view;
  state.svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
  document.getElementById("zoom-level").textContent = Math.round((state.base.w / w) * 100) + "%";
}

function fit() {
  if (!state.base) return;
  state.view = { ...state.base };
  applyView();
}

function zoomBy(factor, cx, cy) {
  if (!state.view) return;
  const view = state.view;
  const scale = state.base.w / (view.w * factor);
  if (scale > 8 || scale < 0.2) return;
  const px = cx === undefined ? view.x + view.w / 2 : cx;
  const py = cy === undefined ? view.y + view.h / 2 : cy;
  state.view = { x: px - (px - view.x) * factor, y: py - (py - view.y) * factor, w: view.w * factor, h: view.h * factor };
  applyView();
}

function svgPoint(event) {
  const svg = state.svg;
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

function reveal(names) {
  const svg = state.svg;
  if (!svg) return;
  const node = names.map(nodeOf).find(Boolean);
  if (!node) return;
  const box = node.getBBox();
  const matrix = node.getCTM && svg.getCTM ? svg.getCTM().inverse().multiply(node.getCTM()) : null;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const center = matrix ? new DOMPoint(cx, cy).matrixTransform(matrix) : { x: cx, y: cy };
  const view = state.view;
  const inside = center.x > view.x && center.x < view.x + view.w && center.y > view.y && center.y < view.y + view.h;
  if (!inside) {
    state.view = { ...view, x: center.x - view.w / 2, y: center.y - view.h / 2 };
    applyView();
  }
}

function panAndZoom(canvas) {
  let drag = null;
  canvas.addEventListener("wheel", (event) => {
    if (!state.svg) return;
    event.preventDefault();
    const point = svgPoint(event);
    zoomBy(event.deltaY > 0 ? 1.15 : 1 / 1.15, point.x, point.y);
  }, { passive: false });
  canvas.addEventListener("pointerdown", (event) => {
    if (!state.svg || event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, view: { ...state.view }, moved: false };
    canvas.dataset.moved = "0";
  });
  window.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    canvas.dataset.moved = "1";
    canvas.classList.add("dragging");
    const ratio = drag.view.w / canvas.clientWidth;
    const ratioY = drag.view.h / canvas.clientHeight;
    const step = Math.max(ratio, ratioY);
    state.view = { ...drag.view, x: drag.view.x - dx * step, y: drag.view.y - dy * step };
    applyView();
  });
  window.addEventListener("pointerup", () => {
    if (!drag) return;
    drag = null;
    canvas.classList.remove("dragging");
    setTimeout(() => { canvas.dataset.moved = "0"; }, 0);
  });
}

if (page === "index") indexPage();
else if (page === "spec") specPage();
