// Baton agent console. Every piece of customer or AI text goes through textContent: never markup.
"use strict";

const POLL_MS = 2000;
let key = sessionStorage.getItem("baton-agent-key");
let selected = null;
let queueTimer = null;
let handoffTimer = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "Authorization": `Bearer ${key}`, "Content-Type": "application/json", ...(options.headers || {}) },
  });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const detail = body && body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : response.statusText;
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

function waiting(seconds) {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}

async function signIn(event) {
  event?.preventDefault();
  key = key || $("agent-key").value.trim();
  try {
    await api("/v1/handoffs");
  } catch (err) {
    $("sign-in-error").textContent = `Sign-in failed (${err.message})`;
    key = null;
    sessionStorage.removeItem("baton-agent-key");
    return;
  }
  sessionStorage.setItem("baton-agent-key", key);
  $("sign-in-panel").hidden = true;
  $("app").hidden = false;
  $("sign-out").hidden = false;
  await refreshQueue();
  queueTimer = setInterval(refreshQueue, POLL_MS);
}

function signOut() {
  sessionStorage.removeItem("baton-agent-key");
  location.reload();
}

async function refreshQueue() {
  const filter = $("queue-filter").value;
  let items;
  try {
    items = await api(`/v1/handoffs${filter ? `?queue=${encodeURIComponent(filter)}` : ""}`);
  } catch (err) {
    return;  // a missed poll is retried on the next tick
  }
  $("queue-count").textContent = `(${items.length})`;
  const queues = new Set([...$("queue-filter").options].map((o) => o.value));
  for (const item of items) {
    if (!queues.has(item.queue)) { $("queue-filter").append(el("option", { value: item.queue }, item.queue)); queues.add(item.queue); }
  }
  const list = $("queue");
  list.replaceChildren(...items.map((item) => {
    const bypass = item.reasons.includes("bypass");
    const li = el("li", { "data-testid": "queue-item", dataset: { id: item.id }, class: item.id === selected ? "selected" : "" },
      el("div", { class: "line1" },
        el("span", {}, item.customer.name || item.customer.id, el("span", { class: `tier${bypass ? " bypass" : ""}` }, item.customer.tier || "?")),
        el("span", {}, waiting(item.waiting_seconds))),
      el("div", { class: "line2" }, ...item.reasons.map((r) => el("span", { class: "reason" }, r)), `${item.queue} · ${item.status}`));
    li.addEventListener("click", () => openHandoff(item.id));
    return li;
  }));
}

function renderBrief(h) {
  const brief = h.brief || {};
  const c = brief.customer || {};
  $("customer-card").replaceChildren(el("h3", {}, "Customer"), el("dl", {},
    el("dt", {}, "name"), el("dd", {}, c.name || "-"),
    el("dt", {}, "id"), el("dd", {}, c.id || "-"),
    el("dt", {}, "tier"), el("dd", {}, c.tier || "-"),
    el("dt", {}, "ARR"), el("dd", {}, c.arr ?? "-"),
    el("dt", {}, "plan"), el("dd", {}, c.plan || "-"),
    el("dt", {}, "renewal"), el("dd", {}, c.renewal_date || "-")));
  $("why").replaceChildren(el("h3", {}, "Why a human"),
    el("div", {}, ...(brief.reasons || h.reasons).map((r) => el("span", { class: "reason" }, r)), ` → ${h.queue}`),
    el("p", {}, brief.summary || ""),
    ...(brief.asked && brief.asked.length ? [el("div", {}, "AI asked: ", brief.asked.join(" / "))] : []),
    ...(brief.details && brief.details.length
      ? [el("div", { dataset: { testid: "details" } }, "Details given: ", brief.details.join(", "))] : []));
  const stuck = brief.stuck || [];
  $("stuck-on").replaceChildren(el("h3", {}, "Stuck on"),
    ...(stuck.length ? stuck.map((s) => el("div", {}, "“", el("mark", {}, s.text), "” — ", s.why))
                     : [el("div", {}, brief.stuck_on || "-")]));
  const answered = brief.answered || [];
  $("answered").replaceChildren(...(answered.length
    ? [el("h3", {}, "Already answered"), ...answered.map((a) => el("div", {}, `“${a.text}” → ${a.article} (${Number(a.confidence).toFixed(2)})`))]
    : [el("h3", {}, "Already answered"), el("div", {}, "nothing yet")]));
}

function renderTranscript(messages) {
  $("transcript").replaceChildren(...messages.map((m) => {
    const conf = (m.intents || []).map((i) => `${i.tag ?? "?"} ${i.confidence === null ? "-" : Number(i.confidence).toFixed(2)} ${i.status}`);
    return el("li", { class: m.role, dataset: { id: m.id } },
      el("span", { class: "who" }, `${m.role} · ${new Date(m.created_at).toLocaleTimeString()}`),
      m.text,
      conf.length ? el("span", { class: "conf" }, `intents: ${conf.join(" | ")}`) : null);
  }));
}

function renderActions(h) {
  $("status").textContent = `${h.status}${h.assignee ? ` by ${h.assignee}` : ""}`;
  $("claim").disabled = h.status !== "open";
  $("resolve").disabled = !["open", "claimed"].includes(h.status);
  $("hand-back").disabled = h.status !== "claimed";
  $("reply-box").disabled = h.status !== "claimed";
  document.querySelector("#reply-form button").disabled = h.status !== "claimed";
}

async function openHandoff(id) {
  selected = id;
  clearInterval(handoffTimer);
  $("placeholder").hidden = true;
  $("handoff").hidden = false;
  $("action-error").textContent = "";
  await refreshHandoff(true);
  handoffTimer = setInterval(refreshHandoff, POLL_MS);
  document.querySelectorAll("#queue li").forEach((li) => li.classList.toggle("selected", li.dataset.id === id));
}

async function refreshHandoff(first = false) {
  if (!selected) return;
  try {
    const h = await api(`/v1/handoffs/${encodeURIComponent(selected)}`);
    if (first) renderBrief(h);
    renderTranscript(h.transcript);
    renderActions(h);
  } catch (err) {
    $("action-error").textContent = err.message;
  }
}

async function act(path, body) {
  $("action-error").textContent = "";
  try {
    await api(`/v1/handoffs/${encodeURIComponent(selected)}/${path}`, { method: "POST", body: body ? JSON.stringify(body) : undefined });
  } catch (err) {
    $("action-error").textContent = err.message;
  }
  await refreshHandoff();
  await refreshQueue();
}

$("sign-in-form").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", signOut);
$("queue-filter").addEventListener("change", refreshQueue);
$("claim").addEventListener("click", () => act("claim"));
$("resolve").addEventListener("click", () => act("resolve"));
$("hand-back").addEventListener("click", () => act("hand-back"));
$("reply-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("reply-box").value.trim();
  if (!text) return;
  await act("messages", { text });
  $("reply-box").value = "";
});
if (key) signIn();
