// jianghua serve: the page. Plain JavaScript, no build step, no library, nothing
// fetched from anywhere but this server (its Content-Security-Policy forbids it).
// Everything the speech says is put in the page as text (textContent), never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const draft = $("draft");
const marks = $("marks");
const tooltip = $("tooltip");
const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
const RANK = { info: 0, warning: 1, error: 2 };
const AUTO_CHECK_MS = 700;

const state = {
  mode: "text", // "text": the box is the draft; "docx": the box shows a Word file's text
  name: null, // the uploaded file's name
  encoding: "utf-8",
  bom: false,
  newline: "\n",
  original: null, // the text as the server read it (line ends intact) ...
  boxAtOriginal: null, // ... and what the box showed for it
  docx: null, // a Word file's bytes (Blob), replaced by the fixed copy when accepted
  result: null, // the last /api/check answer
  checkedValue: null, // the box's value that answer is about
  seq: 0,
  pending: null, // the fix waiting in the diff dialog
};

// --- talking to the server ------------------------------------------------------

async function api(path, body) {
  const init = { method: "POST" };
  if (body instanceof FormData) {
    init.body = body;
  } else {
    init.body = JSON.stringify(body);
    init.headers = { "Content-Type": "application/json" };
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    throw new Error("无法连接到 jianghua serve，服务是否已经停止？ (cannot reach the server)");
  }
  if (!response.ok) {
    let message = `请求失败：HTTP ${response.status}`;
    try {
      const answer = await response.json();
      if (answer && answer.error && answer.error.message) message = answer.error.message;
    } catch (err) { /* not JSON: keep the status line */ }
    throw new Error(message);
  }
  return response;
}

function currentText() {
  const value = draft.value;
  if (state.original !== null && value === state.boxAtOriginal) return state.original;
  // A textarea turns every line ending into \n; the file's own are put back.
  return state.newline === "\n" ? value : value.replace(/\n/g, state.newline);
}

function request(extra) {
  const profile = $("profile").value;
  if (state.mode === "docx") {
    const form = new FormData();
    form.append("file", state.docx, state.name);
    form.append("profile", profile);
    for (const [key, value] of Object.entries(extra || {})) form.append(key, String(value));
    return form;
  }
  return Object.assign({ text: currentText(), profile, name: state.name,
                         encoding: state.encoding, bom: state.bom }, extra || {});
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

function setStatus(message) { $("status").textContent = message; }

// --- checking -------------------------------------------------------------------

async function runCheck() {
  if (state.mode === "text" && !draft.value.trim()) {
    clearResults();
    return;
  }
  const seq = ++state.seq;
  const value = draft.value;
  setStatus("正在检查…");
  try {
    const answer = await (await api("/api/check", request())).json();
    if (seq !== state.seq) return; // the drafter typed on; a newer check is coming
    showError("");
    state.result = answer;
    state.checkedValue = value;
    render(answer);
  } catch (err) {
    if (seq !== state.seq) return;
    setStatus("");
    showError(err.message);
  }
}

let timer = null;
function scheduleCheck() {
  clearTimeout(timer);
  timer = setTimeout(runCheck, AUTO_CHECK_MS);
}

function clearResults() {
  state.result = null;
  state.checkedValue = null;
  $("tree").replaceChildren();
  $("outline-empty").hidden = false;
  $("problems").replaceChildren();
  $("summary").textContent = "尚未检查。";
  marks.replaceChildren();
  setStatus("");
  $("caret-info").textContent = "";
  hideTip();
  updateButtons();
}

function updateButtons() {
  const result = state.result;
  $("fix-all").disabled = !result || !result.fixable;
  $("download").disabled = state.mode === "text" ? !draft.value : !state.docx;
  $("download-json").disabled = !result;
}

function render(answer) {
  renderTree(answer.tree);
  renderProblems(answer.diagnostics);
  renderMarks();
  $("summary").textContent = answer.summary;
  const warnings = (answer.source && answer.source.warnings) || [];
  setStatus(warnings.length ? "注意：" + warnings.join("；") : "检查完成。");
  updateButtons();
  showCaretProblem();
}

// --- 提纲 ------------------------------------------------------------------------

function renderTree(nodes) {
  const root = $("tree");
  root.replaceChildren(...nodes.map(treeItem));
  $("outline-empty").hidden = nodes.length > 0;
}

function treeItem(node) {
  const li = document.createElement("li");
  li.className = "kind-" + node.kind;
  const row = document.createElement("div");
  row.className = "node";
  const go = document.createElement("button");
  go.type = "button";
  go.className = "node-go";
  go.textContent = node.label;
  go.title = `第 ${node.line} 行`;
  go.addEventListener("click", () => goToLine(node.line));
  if (node.children.length) {
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "toggle";
    toggle.textContent = "▾";
    toggle.setAttribute("aria-expanded", "true");
    toggle.setAttribute("aria-label", "折叠 " + node.label);
    const list = document.createElement("ul");
    list.replaceChildren(...node.children.map(treeItem));
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      toggle.setAttribute("aria-label", (open ? "折叠 " : "展开 ") + node.label);
      toggle.textContent = open ? "▾" : "▸";
      list.hidden = !open;
    });
    row.append(toggle, go);
    li.append(row, list);
  } else {
    const spacer = document.createElement("span");
    spacer.className = "toggle-spacer";
    row.append(spacer, go);
    li.append(row);
  }
  return li;
}

// --- positions: the server counts code points, JavaScript UTF-16 units ----------

function lineStarts(value) {
  const starts = [0];
  for (let i = value.indexOf("\n"); i >= 0; i = value.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function offsetOf(value, starts, line, column) {
  const begin = starts[Math.min(line, starts.length) - 1];
  const end = line < starts.length ? starts[line] - 1 : value.length;
  let index = begin;
  for (let c = 1; c < column && index < end; c++) {
    index += value.codePointAt(index) > 0xffff ? 2 : 1;
  }
  return index;
}

function rangeOf(d) {
  const value = draft.value;
  const starts = lineStarts(value);
  let start = offsetOf(value, starts, d.line, d.column);
  let end = offsetOf(value, starts, d.end_line, d.end_column);
  if (end <= start) end = Math.min(start + 1, value.length);
  if (end <= start && start > 0) start -= 1;
  return [start, end];
}

// --- the marks under the text -----------------------------------------------------

function renderMarks() {
  const result = state.result;
  if (!result || draft.value !== state.checkedValue) {
    marks.replaceChildren();
    return;
  }
  const value = draft.value;
  const starts = lineStarts(value);
  const ranges = result.diagnostics.map((d, i) => [...rangeOf(d), i]);
  const fragment = document.createDocumentFragment();
  for (let n = 0; n < starts.length; n++) {
    const from = starts[n];
    const to = n + 1 < starts.length ? starts[n + 1] : value.length;
    const line = document.createElement("span");
    line.className = "ln";
    line.dataset.line = String(n + 1);
    const inLine = ranges.filter(([s, e]) => s < to && e > from);
    const cuts = new Set([from, to]);
    for (const [s, e] of inLine) { cuts.add(Math.max(s, from)); cuts.add(Math.min(e, to)); }
    const points = [...cuts].sort((a, b) => a - b);
    for (let k = 0; k + 1 < points.length; k++) {
      const [a, b] = [points[k], points[k + 1]];
      const text = value.slice(a, b);
      const covering = inLine.filter(([s, e]) => s <= a && e >= b);
      if (!covering.length) { line.append(text); continue; }
      const mark = document.createElement("mark");
      const ids = covering.map(([, , i]) => i);
      const worst = ids.map((i) => result.diagnostics[i].severity)
        .sort((x, y) => RANK[y] - RANK[x])[0];
      mark.className = "sev-" + worst;
      mark.dataset.ids = ids.join(" ");
      mark.textContent = text;
      line.append(mark);
    }
    fragment.append(line);
  }
  fragment.append(" "); // a last empty line still takes its height, as in the textarea
  marks.replaceChildren(fragment);
  syncScroll();
}

function syncScroll() { marks.scrollTop = draft.scrollTop; }

function markFor(index) {
  for (const mark of marks.querySelectorAll("mark")) {
    if (mark.dataset.ids.split(" ").includes(String(index))) return mark;
  }
  return null;
}

function tipContent(ids) {
  const parts = [];
  for (const i of ids) {
    const d = state.result.diagnostics[i];
    const head = document.createElement("div");
    head.className = "tip-head";
    head.textContent = `${SEVERITY[d.severity]} · ${d.code} ${d.name} · 第 ${d.line} 行`;
    const message = document.createElement("div");
    message.textContent = d.message;
    parts.push(head, message);
    if (d.fix) {
      const fix = document.createElement("div");
      fix.className = "tip-fix";
      fix.textContent = "建议修复：" + d.fix.description;
      parts.push(fix);
    }
  }
  return parts;
}

let tipShown = null; // [ids, anchor] of the tooltip on screen, to follow a scroll

function showTip(ids, anchor) {
  if (!anchor || !ids.length) { hideTip(); return; }
  tipShown = [ids, anchor];
  tooltip.replaceChildren(...tipContent(ids));
  tooltip.hidden = false;
  const box = anchor.getBoundingClientRect();
  const width = tooltip.offsetWidth;
  const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
  let top = box.bottom + 6;
  if (top + tooltip.offsetHeight > window.innerHeight - 8) top = box.top - tooltip.offsetHeight - 6;
  tooltip.style.left = left + "px";
  tooltip.style.top = Math.max(8, top) + "px";
}

function hideTip() { tooltip.hidden = true; tipShown = null; }

function followScroll() {
  syncScroll();
  if (!tipShown) return;
  const [ids, anchor] = tipShown;
  const box = anchor.getBoundingClientRect();
  const view = draft.getBoundingClientRect();
  if (marks.contains(anchor) && (box.bottom < view.top || box.top > view.bottom)) hideTip();
  else showTip(ids, anchor);
}

// Bring a mark into the text box's view without moving the keyboard focus.
function ensureVisible(mark) {
  const top = mark.offsetTop;
  if (top < draft.scrollTop + 10 || top > draft.scrollTop + draft.clientHeight - 50) {
    draft.scrollTop = Math.max(0, top - draft.clientHeight / 3);
    syncScroll();
  }
}

function setActive(index) {
  for (const el of document.querySelectorAll(".marks mark.active, .problem.active")) {
    el.classList.remove("active");
  }
  if (index === null) return;
  const mark = markFor(index);
  if (mark) mark.classList.add("active");
  const item = document.querySelector(`.problem[data-index="${index}"]`);
  if (item) item.classList.add("active");
}

// The marks lie under the textarea: the pointer is over the textarea, so the mark
// under it is found by position.
draft.addEventListener("mousemove", (event) => {
  const under = document.elementsFromPoint(event.clientX, event.clientY)
    .find((el) => el.tagName === "MARK" && marks.contains(el));
  if (under) showTip(under.dataset.ids.split(" ").map(Number), under);
  else if (document.activeElement !== draft) hideTip();
  else showCaretProblem();
});
draft.addEventListener("mouseleave", () => { if (document.activeElement !== draft) hideTip(); });

// The keyboard's hover: the problem under the caret is shown and read out.
function showCaretProblem() {
  const result = state.result;
  const info = $("caret-info");
  if (!result || draft.value !== state.checkedValue || document.activeElement !== draft) {
    info.textContent = "";
    if (document.activeElement === draft) hideTip();
    return;
  }
  const caret = draft.selectionStart;
  const ids = [];
  result.diagnostics.forEach((d, i) => {
    const [s, e] = rangeOf(d);
    if (s <= caret && caret <= e && (caret < e || draft.selectionEnd > s)) ids.push(i);
  });
  if (!ids.length) { info.textContent = ""; hideTip(); setActive(null); return; }
  const d = result.diagnostics[ids[0]];
  info.textContent = `光标处：${SEVERITY[d.severity]} ${d.code} ${d.message}` +
    (d.fix ? `（建议修复：${d.fix.description}）` : "");
  setActive(ids[0]);
  showTip(ids, markFor(ids[0]));
}

// --- going to a line or a problem ---------------------------------------------------

function reveal(line, start, end) {
  draft.focus({ preventScroll: true });
  draft.setSelectionRange(start, end);
  const span = marks.querySelector(`.ln[data-line="${line}"]`);
  if (span) {
    draft.scrollTop = Math.max(0, span.offsetTop - draft.clientHeight / 3);
    span.classList.add("flash");
    setTimeout(() => span.classList.remove("flash"), 1600);
  } else {
    const lineHeight = parseFloat(getComputedStyle(draft).lineHeight) || 30;
    draft.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }
  syncScroll();
}

function goToLine(line) {
  const value = draft.value;
  const starts = lineStarts(value);
  const start = starts[Math.min(line, starts.length) - 1];
  const end = line < starts.length ? starts[line] - 1 : value.length;
  reveal(line, start, end);
  showCaretProblem();
}

function goToProblem(index) {
  const d = state.result.diagnostics[index];
  const [start, end] = rangeOf(d);
  reveal(d.line, start, end);
  setActive(index);
  showTip([index], markFor(index));
}

// --- 问题 --------------------------------------------------------------------------

function renderProblems(diagnostics) {
  const list = $("problems");
  const items = diagnostics.map((d, index) => {
    const li = document.createElement("li");
    li.className = "problem";
    li.dataset.index = String(index);
    const go = document.createElement("button");
    go.type = "button";
    go.className = "go";
    const meta = document.createElement("span");
    meta.className = "meta";
    const sev = document.createElement("span");
    sev.className = "sev " + d.severity;
    sev.textContent = SEVERITY[d.severity];
    const code = document.createElement("span");
    code.className = "code";
    code.textContent = d.code;
    meta.append(sev, code, ` · 第 ${d.line} 行`);
    const message = document.createElement("span");
    message.className = "msg";
    message.textContent = d.message;
    go.append(meta, message);
    if (d.fix) {
      const desc = document.createElement("span");
      desc.className = "fixdesc";
      desc.textContent = "建议修复：" + d.fix.description;
      go.append(desc);
    }
    go.addEventListener("click", () => goToProblem(index));
    // Focus or hover on a problem shows it in place: the text scrolls to its mark.
    const preview = () => {
      setActive(index);
      const mark = markFor(index);
      if (mark) ensureVisible(mark);
      showTip([index], mark || go);
    };
    go.addEventListener("focus", preview);
    go.addEventListener("mouseenter", preview);
    go.addEventListener("blur", hideTip);
    go.addEventListener("mouseleave", hideTip);
    li.append(go);
    if (d.fix) {
      const fix = document.createElement("button");
      fix.type = "button";
      fix.className = "fix-one";
      fix.textContent = "修复";
      fix.setAttribute("aria-label", `修复：${d.code} 第 ${d.line} 行 ${d.fix.description}`);
      fix.addEventListener("click", () => proposeFix({ scope: "one", code: d.code,
                                                        line: d.line, column: d.column }));
      li.append(fix);
    }
    return li;
  });
  list.replaceChildren(...items);
}

// --- fixing: preview the diff, accept or not ------------------------------------------

async function proposeFix(extra) {
  setStatus("正在计算修复…");
  try {
    const answer = await (await api("/api/fix", request(extra))).json();
    showError("");
    setStatus("");
    if (!answer.fixed) {
      setStatus("没有可以安全自动修复的问题。");
      return;
    }
    state.pending = answer;
    $("diff-summary").textContent =
      `将修复 ${answer.fixed} 处；修复后：${answer.summary}`;
    renderDiff(answer.diff);
    $("diff-dialog").showModal();
    $("diff-accept").focus();
  } catch (err) {
    setStatus("");
    showError(err.message);
  }
}

// Each removed line is shown right above the line that replaces it (fixes never
// add or remove lines, so a run of "-" lines and the run of "+" after it pair up).
function renderDiff(diff) {
  const lines = diff.split("\n").filter((line) => line && !/^(---|\+\+\+) /.test(line));
  const ordered = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i].startsWith("-")) { ordered.push(lines[i++]); continue; }
    const removed = [];
    while (i < lines.length && lines[i].startsWith("-")) removed.push(lines[i++]);
    const added = [];
    while (i < lines.length && lines[i].startsWith("+")) added.push(lines[i++]);
    if (removed.length !== added.length) { ordered.push(...removed, ...added); continue; }
    removed.forEach((line, k) => ordered.push(line, added[k]));
  }
  $("diff").replaceChildren(...ordered.map((line) => {
    const span = document.createElement("span");
    span.className = line.startsWith("+") ? "add" : line.startsWith("-") ? "del"
      : line.startsWith("@@") ? "hunk" : "";
    span.textContent = line.startsWith("@@") ? "……\n" : line + "\n";
    return span;
  }));
}

function base64Blob(data, type) {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

function setText(text) {
  state.original = text;
  state.boxAtOriginal = text.replace(/\r\n?/g, "\n");
  draft.value = state.boxAtOriginal;
}

function acceptFix() {
  const answer = state.pending;
  state.pending = null;
  $("diff-dialog").close();
  if (!answer) return;
  if (answer.docx_base64) state.docx = base64Blob(answer.docx_base64, "application/octet-stream");
  setText(answer.text);
  setStatus(`已修复 ${answer.fixed} 处。`);
  runCheck();
  draft.focus();
}

$("diff-accept").addEventListener("click", acceptFix);
$("diff-cancel").addEventListener("click", () => { state.pending = null; $("diff-dialog").close(); });
$("fix-all").addEventListener("click", () => proposeFix({ scope: "all" }));

// --- files in and out -------------------------------------------------------------------

async function upload(file) {
  if (!file) return;
  const isDocx = /\.docx$/i.test(file.name);
  const form = new FormData();
  form.append("file", file, file.name);
  form.append("profile", $("profile").value);
  setStatus(`正在读取 ${file.name}…`);
  const seq = ++state.seq;
  try {
    const answer = await (await api("/api/check", form)).json();
    showError("");
    state.mode = isDocx ? "docx" : "text";
    state.docx = isDocx ? file : null;
    state.name = file.name;
    state.encoding = answer.source.encoding;
    state.bom = answer.source.bom;
    state.newline = answer.source.newline;
    setText(answer.text);
    draft.readOnly = isDocx;
    $("file-name").textContent = isDocx
      ? `${file.name}（Word 文档：在此只读；修复后下载 .docx）`
      : `${file.name}（${answer.source.encoding}${answer.source.bom ? "，带 BOM" : ""}）`;
    if (seq !== state.seq) return;
    state.result = answer;
    state.checkedValue = draft.value;
    draft.scrollTop = 0;
    render(answer);
  } catch (err) {
    setStatus("");
    showError(err.message);
  }
}

function save(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function stem() {
  return (state.name || "讲稿.txt").replace(/\.[^.]*$/, "");
}

async function download() {
  if (state.mode === "docx") {
    save(state.docx, state.name);
    return;
  }
  try {
    // The server writes the text back in the upload's encoding, BOM and line ends.
    const response = await api("/api/fix", request({ scope: "none", download: true }));
    save(await response.blob(), state.name || "讲稿.txt");
  } catch (err) {
    showError(err.message);
  }
}

function downloadJson() {
  const json = JSON.stringify(state.result.diagnostics, null, 2) + "\n";
  save(new Blob([json], { type: "application/json" }), stem() + ".check.json");
}

function reset() {
  state.mode = "text";
  state.name = null;
  state.encoding = "utf-8";
  state.bom = false;
  state.newline = "\n";
  state.original = state.boxAtOriginal = null;
  state.docx = null;
  state.seq++;
  draft.readOnly = false;
  draft.value = "";
  $("file-name").textContent = "";
  showError("");
  clearResults();
  draft.focus();
}

$("upload").addEventListener("click", () => $("file").click());
$("file").addEventListener("change", (event) => {
  upload(event.target.files[0]);
  event.target.value = "";
});
$("download").addEventListener("click", download);
$("download-json").addEventListener("click", downloadJson);
$("clear").addEventListener("click", reset);
$("check").addEventListener("click", runCheck);
$("profile").addEventListener("change", runCheck);

const editor = $("editor");
editor.addEventListener("dragover", (event) => {
  event.preventDefault();
  $("drop").hidden = false;
});
editor.addEventListener("dragleave", () => { $("drop").hidden = true; });
editor.addEventListener("drop", (event) => {
  event.preventDefault();
  $("drop").hidden = true;
  const file = event.dataTransfer && event.dataTransfer.files[0];
  if (file) upload(file);
});

// --- typing ----------------------------------------------------------------------------

draft.addEventListener("input", () => {
  marks.replaceChildren(); // the marks no longer fit the text; a check is coming
  hideTip();
  $("caret-info").textContent = "";
  updateButtons();
  scheduleCheck();
});
draft.addEventListener("scroll", followScroll);
for (const kind of ["keyup", "click", "focus"]) draft.addEventListener(kind, showCaretProblem);
draft.addEventListener("blur", () => { hideTip(); setActive(null); });
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hideTip();
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    runCheck();
  }
});
new ResizeObserver(() => { renderMarks(); }).observe(draft);
updateButtons();
