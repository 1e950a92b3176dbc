// The storefront page: plain JS, no framework, no network beyond this origin. It talks to the orders service only:
// /api/orders (place, cancel, list), /api/orders/{id}/events (live status, Server-Sent Events) and /api/storefront
// (stock and balances, proxied to inventory and payments).
"use strict";

const TERMINAL = new Set(["Completed", "Cancelled"]);
const STEP_NAMES = {
  reserve: "Reserve stock", charge: "Charge payment", commit: "Commit stock", complete: "Complete order",
  release: "Release stock", refund: "Refund payment", cancel: "Cancel order",
};
const STATUS_NAMES = {
  Submitted: "Submitted", ReservingStock: "Reserving stock", ChargingPayment: "Charging payment",
  CommittingStock: "Committing stock", Completing: "Completing", Compensating: "Compensating",
  Completed: "Completed", Cancelled: "Cancelled",
};

const $ = (selector) => document.querySelector(selector);
const state = { customer: "", products: [], balance: null, orderId: null, source: null, toastTimer: 0 };

// --- HTTP -----------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    const fields = problem && problem.errors ? Object.values(problem.errors).flat().join(" ") : "";
    super([problem && problem.title, problem && problem.detail, fields].filter(Boolean).join(" — ") || `HTTP ${status}`);
    this.status = status;
  }
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "Accept": "application/json", ...(options.body ? { "Content-Type": "application/json" } : {}), ...(options.headers || {}) },
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

function newKey() {
  if (window.crypto && crypto.randomUUID) {
    return crypto.randomUUID();
  }
  // randomUUID exists in secure contexts only (https, localhost); any unique string is a valid key.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// --- Rendering -------------------------------------------------------------------------------------------------

const money = (value) => Number(value).toFixed(2);
const time = (iso) => new Date(iso).toLocaleTimeString(undefined, { hour12: false }) + "." + String(new Date(iso).getMilliseconds()).padStart(3, "0");

function toast(message, isError = false) {
  const box = $("#toast");
  box.textContent = message;
  box.classList.toggle("error", isError);
  box.hidden = false;
  clearTimeout(state.toastTimer);
  state.toastTimer = setTimeout(() => { box.hidden = true; }, isError ? 8000 : 4000);
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function renderProducts(products) {
  const previous = new Map(state.products.map((p) => [p.sku, p]));
  state.products = products;
  const body = $("#products");
  body.replaceChildren();
  if (products.length === 0) {
    body.append(el("tr", { class: "empty" }, el("td", { colspan: "5" }, "No products yet: seed the demo data.")));
  }
  for (const p of products) {
    const before = previous.get(p.sku);
    const changed = before && (before.onHand !== p.onHand || before.reserved !== p.reserved);
    body.append(el("tr", { "data-sku": p.sku, class: changed ? "changed" : "" },
      el("td", {}, p.name, el("span", { class: "sku" }, p.sku)),
      el("td", { class: "num" }, money(p.unitPrice)),
      el("td", { class: "num onhand" }, String(p.onHand)),
      el("td", { class: "num reserved" }, String(p.reserved)),
      el("td", { class: "num available" + (p.available === 0 ? " low" : "") }, String(p.available))));
  }

  const select = $("#product");
  const chosen = select.value;
  select.replaceChildren(...products.map((p) => el("option", { value: p.sku }, `${p.name} — ${money(p.unitPrice)}`)));
  if (products.some((p) => p.sku === chosen)) select.value = chosen;
}

function renderBalance(account) {
  const node = $("#balance");
  const balance = account ? Number(account.balance) : null;
  if (state.balance !== null && balance !== state.balance) {
    node.classList.remove("changed");
    void node.offsetWidth; // restart the highlight
    node.classList.add("changed");
  }
  state.balance = balance;
  node.dataset.balance = balance === null ? "" : balance.toFixed(2);
  node.textContent = balance === null ? "no account — seed the demo data" : money(balance);
}

function renderOrders(page) {
  const list = $("#orders");
  list.replaceChildren();
  if (!page.items.length) {
    list.append(el("li", { class: "muted" }, "None yet."));
  }
  for (const o of page.items) {
    const link = el("a", { href: "#" + o.orderId, "data-order": o.orderId }, `${money(o.total)} · ${time(o.createdAt)}`);
    link.addEventListener("click", (e) => { e.preventDefault(); watch(o.orderId); });
    list.append(el("li", { class: o.orderId === state.orderId ? "current" : "" }, link,
      el("span", { class: "badge " + o.status }, STATUS_NAMES[o.status] || o.status)));
  }
}

function renderOrder(order) {
  $("#order-empty").hidden = true;
  $("#order-body").hidden = false;
  $("#order").dataset.status = order.status;
  const status = $("#order-status");
  status.className = "badge " + order.status;
  status.textContent = STATUS_NAMES[order.status] || order.status;
  $("#order-reason").textContent = order.reason ? `(${order.reason})` : "";
  $("#order-id").textContent = order.orderId;
  $("#order-total").textContent = money(order.total);
  $("#order-items").textContent = order.items.map((i) => `${i.quantity} × ${i.sku} @ ${money(i.unitPrice)}`).join(", ");
  $("#cancel").disabled = TERMINAL.has(order.status);
  $("#timeline").replaceChildren(...order.timeline.map((entry) =>
    el("li", { "data-step": entry.step, "data-status": entry.status },
      el("span", { class: "step" }, STEP_NAMES[entry.step] || entry.step),
      el("span", { class: "badge " + entry.status }, entry.status),
      el("time", { datetime: entry.at }, time(entry.at)))));
}

function setLive(mode, text) {
  const live = $("#live");
  live.dataset.live = mode;
  live.textContent = text;
}

// --- Live status -----------------------------------------------------------------------------------------------

function watch(orderId) {
  if (state.source) state.source.close();
  state.orderId = orderId;
  $("#log").replaceChildren();
  setLive("off", "connecting…");
  const source = new EventSource(`/api/orders/${orderId}/events`);
  state.source = source;
  source.addEventListener("open", () => setLive("on", "live"));
  source.addEventListener("status", (event) => {
    const order = JSON.parse(event.data);
    renderOrder(order);
    $("#log").append(el("li", {}, `${time(new Date().toISOString())} status: ${order.status}, ${order.timeline.length} step(s)`));
    // Stock and balance move with the saga's steps: read them again on every change.
    refreshSide();
    if (TERMINAL.has(order.status)) {
      // The server ends the stream after a terminal state; closing here keeps EventSource from reconnecting.
      source.close();
      setLive("done", "finished");
    }
  });
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) setLive("off", "disconnected");
    else setLive("off", "reconnecting…");
  });
  refreshOrders();
}

// --- Actions ---------------------------------------------------------------------------------------------------

async function refreshProducts() {
  try {
    renderProducts(await api("/api/storefront/products"));
  } catch (e) {
    toast("Products: " + e.message, true);
  }
}

async function refreshAccount() {
  try {
    renderBalance(await api(`/api/storefront/accounts/${encodeURIComponent(state.customer)}`));
  } catch (e) {
    if (e.status === 404) renderBalance(null);
    else toast("Account: " + e.message, true);
  }
}

async function refreshOrders() {
  try {
    renderOrders(await api(`/api/orders?customerId=${encodeURIComponent(state.customer)}&pageSize=8`));
  } catch (e) {
    toast("Orders: " + e.message, true);
  }
}

function refreshSide() {
  return Promise.all([refreshProducts(), refreshAccount(), refreshOrders()]);
}

async function seed() {
  try {
    const result = await api("/api/storefront/seed", { method: "POST", body: JSON.stringify({ customerId: state.customer }) });
    renderProducts(result.products);
    renderBalance(result.account);
    toast(`Seeded ${result.products.length} products and ${result.account.customerId}'s account (${money(result.account.balance)}).`);
  } catch (e) {
    toast("Seeding failed: " + e.message, true);
  }
}

async function placeOrder(sku, quantity) {
  const accepted = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": newKey() },
    body: JSON.stringify({ customerId: state.customer, items: [{ sku, quantity }] }),
  });
  watch(accepted.orderId);
  return accepted.orderId;
}

async function tryPlace(sku, quantity, what) {
  try {
    const id = await placeOrder(sku, quantity);
    toast(`${what}: order ${id.slice(0, 8)}… for ${quantity} × ${sku}.`);
    return id;
  } catch (e) {
    toast("The order was refused: " + e.message, true);
    return null;
  }
}

async function cancel(orderId) {
  try {
    await api(`/api/orders/${orderId}/cancel`, { method: "POST" });
    toast("Cancellation requested: the saga undoes what it has done, unless the order is already being completed.");
  } catch (e) {
    toast("Cannot cancel: " + e.message, true);
  }
}

function requireProducts() {
  if (state.products.length === 0) {
    toast("Seed the demo data first.", true);
    return false;
  }
  return true;
}

function wire() {
  state.customer = localStorage.getItem("shop.customer") || "demo-customer";
  $("#customer").value = state.customer;
  $("#customer").addEventListener("change", (e) => {
    state.customer = e.target.value.trim() || "demo-customer";
    localStorage.setItem("shop.customer", state.customer);
    refreshSide();
  });
  $("#customer-form").addEventListener("submit", (e) => e.preventDefault());
  $("#seed").addEventListener("click", seed);
  $("#refresh").addEventListener("click", refreshSide);

  $("#order-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!requireProducts()) return;
    tryPlace($("#product").value, Number($("#quantity").value), "Placed");
  });

  $("#try-out-of-stock").addEventListener("click", () => {
    if (!requireProducts()) return;
    // The scarcest product, one more than is available: the reservation fails and the saga cancels.
    const p = [...state.products].sort((a, b) => a.available - b.available)[0];
    tryPlace(p.sku, Math.min(p.available + 1, 1000), "Out of stock");
  });

  $("#try-declined").addEventListener("click", () => {
    if (!requireProducts()) return;
    const balance = state.balance ?? 0;
    // Enough of a product to cost more than the balance, while the stock is there: the charge is declined.
    const p = state.products.find((x) => x.unitPrice > 0 && Math.floor(balance / x.unitPrice) + 1 <= x.available);
    if (!p) {
      toast("Nothing in stock costs more than the balance; seed the demo data again.", true);
      return;
    }
    tryPlace(p.sku, Math.floor(balance / p.unitPrice) + 1, "Payment declined");
  });

  $("#try-cancel").addEventListener("click", async () => {
    if (!requireProducts()) return;
    const p = [...state.products].sort((a, b) => b.available - a.available)[0];
    const id = await tryPlace(p.sku, 1, "Place & cancel");
    if (id) cancel(id);
  });

  $("#cancel").addEventListener("click", () => state.orderId && cancel(state.orderId));

  refreshSide();
  if (location.hash.length > 1) watch(location.hash.slice(1));
}

wire();
