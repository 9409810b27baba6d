// People and tokens: the business's tokens (GET /api/tokens), a new one for a counter, an
// approver or an admin (POST, shown once, with a QR code that opens the right page signed in on a
// phone), approval limits (PATCH) and revocation (DELETE, after a confirmation).
import { allPages, api, cell, el, money, say, when } from "../api.js";
import { clearFieldErrors, refusal } from "../forms.js";
import { clearQr, drawQr } from "./qr.js";

const section = document.querySelector("#people");
const form = section.querySelector("#token-new");
const hint = section.querySelector(".hint");
const table = section.querySelector("table");
const made = section.querySelector("#token-made");
const showRevoked = section.querySelector("[name=show-revoked]");

const ROLE_WORDS = { scanner: "counter (scanner)", approver: "approver", admin: "admin" };
// The page a token's phone opens: a counter counts, an approver decides, an admin oversees.
const PAGE_OF_ROLE = { scanner: "scan.html", approver: "proposed-actions.html", admin: "admin-dashboard.html" };

// { qty, pct, value } from the inputs named `limits.*` in `container`, or null when all are empty.
function limitsIn(container) {
  const value = (name) => container.querySelector(`[name="limits.${name}"]`).value;
  const limits = { qty: value("qty") === "" ? null : Number(value("qty")), pct: value("pct") === "" ? null : Number(value("pct")),
                   value: value("value") === "" ? null : value("value") };
  return limits.qty === null && limits.pct === null && limits.value === null ? null : limits;
}

function limitsText(limits) {
  if (!limits) return "no limit";
  const parts = [];
  if (limits.qty !== null) parts.push(`|qty| ≤ ${limits.qty}`);
  if (limits.pct !== null) parts.push(`|%| ≤ ${limits.pct}`);
  if (limits.value !== null) parts.push(`|value| ≤ ${money(limits.value)}`);
  return parts.join(" · ") || "no limit";
}

function limitInputs(limits) {
  const input = (name, step, value) => {
    const field = el("input", { type: "number", min: "0", step, name: `limits.${name}`, value: value ?? "" });
    field.dataset.path = `limits.${name}`;
    field.setAttribute("aria-label", `limit ${name}`);
    return field;
  };
  return [input("qty", "any", limits?.qty), input("pct", "any", limits?.pct), input("value", "0.01", limits?.value)];
}

function editLimits(tr, token) {
  const td = tr.querySelector("td[data-field=limits]");
  const save = el("button", { type: "button", textContent: "Save limits" });
  const cancel = el("button", { type: "button", textContent: "Cancel" });
  td.replaceChildren(...limitInputs(token.limits), save, cancel);
  cancel.addEventListener("click", () => showTokens());
  save.addEventListener("click", async () => {
    try {
      const saved = await api(`/api/tokens/${encodeURIComponent(token.id)}`, { method: "PATCH", body: { limits: limitsIn(td) } });
      await showTokens();
      say(hint, `${saved.name} may now decide: ${limitsText(saved.limits)}.`, "ok");
    } catch (error) {
      say(hint, `Limits not saved: ${refusal(td, error)}`, "bad");
    }
  });
}

async function revoke(token) {
  if (!window.confirm(`Revoke the token of ${token.name} (${ROLE_WORDS[token.role]})? Every device signed in with it stops working at once.`)) {
    return say(hint, "Nothing revoked.");
  }
  try {
    await api(`/api/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" });
    await showTokens();
    say(hint, `${token.name}'s token is revoked: a device signed in with it is told so at its next request.`, "ok");
  } catch (error) {
    say(hint, `Not revoked: ${error.message}`, "bad");
  }
}

function row(token) {
  const tr = el("tr");
  tr.dataset.id = token.id;
  const limits = cell(token.role === "scanner" ? "—" : limitsText(token.limits));
  limits.dataset.field = "limits";
  const actions = el("td");
  if (!token.revoked_at) {
    if (token.role !== "scanner") {
      const edit = el("button", { type: "button", textContent: "Limits" });
      edit.setAttribute("aria-label", `Change ${token.name}'s limits`);
      edit.addEventListener("click", () => editLimits(tr, token));
      actions.append(edit);
    }
    const button = el("button", { type: "button", textContent: "Revoke" });
    button.setAttribute("aria-label", `Revoke ${token.name}`);
    button.addEventListener("click", () => revoke(token));
    actions.append(button);
  }
  tr.append(cell(token.name), cell(ROLE_WORDS[token.role]), limits, cell(when(token.created_at)),
    cell(token.last_used_at ? when(token.last_used_at) : "never"),
    cell(token.revoked_at ? `revoked ${when(token.revoked_at)}` : "live", token.revoked_at ? "bad" : "ok"), actions);
  return tr;
}

export async function showTokens() {
  try {
    const tokens = await allPages("/api/tokens");
    const shown = tokens.filter((t) => showRevoked.checked || !t.revoked_at);
    table.querySelector("tbody").replaceChildren(...shown.map(row));
    table.hidden = false;
    const revoked = tokens.filter((t) => t.revoked_at).length;
    section.querySelector("[data-field=count]").textContent = `${tokens.length - revoked} live token(s)${revoked ? `, ${revoked} revoked` : ""}.`;
  } catch (error) {
    table.hidden = true;
    say(hint, error.status === 403 ? "People and tokens need an admin token." : `Could not load the tokens: ${error.message}`, "bad");
  }
}

function showMade(answer) {
  const link = `${location.origin}/${PAGE_OF_ROLE[answer.role]}#token=${encodeURIComponent(answer.token)}`;
  made.querySelector("[data-field=who]").textContent = `${answer.name} (${ROLE_WORDS[answer.role]})`;
  made.querySelector("[data-field=token]").textContent = answer.token;
  made.querySelector("[data-field=qr-note]").textContent =
    `A phone's camera opens ${PAGE_OF_ROLE[answer.role]} signed in from this code. The token travels in the link's fragment (after #), which is never sent to the server.`;
  drawQr(made.querySelector("canvas"), link);
  made.hidden = false;
}

function forgetMade() {
  made.querySelector("[data-field=token]").textContent = "";
  clearQr(made.querySelector("canvas"));
  made.hidden = true;
}

form.elements.role.addEventListener("change", () => {
  form.querySelector("fieldset.limits").hidden = form.elements.role.value === "scanner";
});
form.querySelector("fieldset.limits").hidden = true;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  forgetMade();
  const role = form.elements.role.value;
  const body = { name: form.elements.name.value.trim(), role };
  const limits = role === "scanner" ? null : limitsIn(form);
  if (limits) body.limits = limits;
  try {
    const answer = await api("/api/tokens", { method: "POST", body });
    showMade(answer);
    form.reset();
    form.querySelector("fieldset.limits").hidden = true;
    say(hint, `Made a token for ${answer.name}. Copy it or let their phone scan the code now: it is shown only once.`, "ok");
    await showTokens();
  } catch (error) {
    say(hint, `No token made: ${refusal(form, error)}`, "bad");
  }
});

made.querySelector("[data-action=done]").addEventListener("click", () => {
  forgetMade();
  say(hint, "The new token is no longer shown.");
});
made.querySelector("[data-action=copy]").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(made.querySelector("[data-field=token]").textContent);
    say(hint, "Copied.", "ok");
  } catch {
    say(hint, "The browser did not allow copying: select the token and copy it by hand.", "bad");
  }
});
showRevoked.addEventListener("change", () => showTokens());
