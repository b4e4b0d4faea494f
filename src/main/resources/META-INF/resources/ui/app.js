// Every change a page makes goes to the JSON API itself, so the UI has exactly the API's rules and
// messages. A form or button names its call with data-api (and data-method, POST by default);
// fields become the JSON body. data-next says where to go after success: a path with :field
// placeholders filled from the answer, "reload", or "reset" (clear the form; a live view shows the change).

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

export async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data?.error?.message || data?.message || `Request failed (${response.status})`;
    throw new Error(message);
  }
  return data;
}

function value(field) {
  if (field.type === "checkbox") return field.checked;
  const raw = field.value.trim();
  switch (field.dataset.type) {
    case "list":
      return raw.split(",").map((s) => s.trim()).filter(Boolean);
    case "number":
      return raw === "" ? undefined : Number(raw);
    default:
      return raw;
  }
}

function body(form) {
  const out = {};
  for (const field of form.elements) {
    if (!field.name || field.disabled) continue;
    const v = value(field);
    // empty optional fields are left out, as a CLI user would leave out the flag
    if (v === "" && !field.hasAttribute("data-keep")) continue;
    if (v === undefined) continue;
    out[field.name] = v;
  }
  return out;
}

function fill(template, data) {
  return template.replace(/:(\w+)/g, (_, key) => encodeURIComponent(data?.[key] ?? ""));
}

function after(el, data) {
  const next = el.dataset.next;
  const show = el.dataset.show;
  if (show) {
    const target = document.getElementById(show);
    for (const slot of target.querySelectorAll("[data-field]")) {
      slot.textContent = data?.[slot.dataset.field] ?? "";
    }
    target.hidden = false;
    document.querySelectorAll(`[data-until="${show}"]`).forEach((hint) => (hint.hidden = true));
    target.querySelector("[data-focus]")?.focus();
    return;
  }
  if (next === "reset") {
    el.reset();
    el.closest("details")?.removeAttribute("open");
  } else if (next === "reload") location.reload();
  else if (next) location.assign(fill(next, data));
}

function errorSlot(el) {
  const scope = el.closest("form") || el.parentElement;
  let slot = scope.querySelector(".form-error");
  if (!slot) {
    slot = document.createElement("p");
    slot.className = "form-error";
    slot.setAttribute("role", "alert");
    scope.append(slot);
  }
  return slot;
}

async function run(el, payload) {
  if (el.dataset.confirm && !confirm(el.dataset.confirm)) return;
  const slot = errorSlot(el);
  slot.textContent = "";
  const busy = el.tagName === "FORM" ? el.querySelector("button[type=submit], button:not([type])") : el;
  if (busy) busy.disabled = true;
  try {
    const data = await call(el.dataset.method || "POST", el.dataset.api, payload);
    after(el, data);
  } catch (e) {
    slot.textContent = e.message;
  } finally {
    if (busy) busy.disabled = false;
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.dataset.api) return;
  event.preventDefault();
  run(form, body(form));
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-api]");
  if (!button || button.form?.dataset.api) return;
  event.preventDefault();
  run(button, undefined);
});

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const text = document.getElementById(button.dataset.copy)?.textContent || "";
  navigator.clipboard?.writeText(text).then(() => {
    button.textContent = "Copied";
    setTimeout(() => (button.textContent = "Copy"), 1500);
  });
});
