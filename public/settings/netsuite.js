// The NetSuite connection: the form over GET/PUT /api/netsuite/connection (secrets write-only —
// a stored one shows a "stored" badge and a Replace button, and is sent only when replaced), the
// private key read from a PEM file, "Test the connection" (POST /api/netsuite/connection/test,
// check by check), and the sync's state with "Sync now" (GET/POST /api/netsuite/sync).
import { api, el, say } from "../api.js";
import { clearFieldErrors, refusal } from "../forms.js";
import { syncWords } from "../sync_words.js";

const section = document.querySelector("#netsuite");
const form = section.querySelector("#connection-form");
const hint = section.querySelector("[data-field=connection]");
const checks = section.querySelector("[data-list=checks]");
const syncForm = section.querySelector("#sync-form");
const syncField = section.querySelector("[data-field=sync]");
const PLAIN = ["account_id", "base_url", "subsidiary_id", "adjustment_account_id"];
const HAS = { client_id: "has_client_id", private_key_pem: "has_private_key", consumer_key: "has_consumer_key",
              consumer_secret: "has_consumer_secret", token_id: "has_token_id", token_secret: "has_token_secret" };
let stored = null;  // the connection as GET answered (no secrets), or null
let syncTimer = null;
let followsNetSuite = true;  // as the last GET /api/netsuite/sync said
let syncInterval = 15;

function showMode() {
  const mode = form.elements.auth_mode.value;
  for (const fieldset of form.querySelectorAll("fieldset[data-mode]")) fieldset.hidden = fieldset.dataset.mode !== mode;
}

// A stored secret: its badge and a Replace button; the input appears when asked for.
function showSecrets() {
  for (const box of form.querySelectorAll("[data-secret]")) {
    const name = box.dataset.secret;
    const input = form.elements[name];
    input.value = "";
    box.querySelector(".stored")?.remove();
    const isStored = Boolean(stored?.[HAS[name]]) && stored.auth_mode === box.closest("fieldset").dataset.mode;
    box.querySelector("label").hidden = isStored;
    if (!isStored) continue;
    const replace = el("button", { type: "button", textContent: "Replace" });
    replace.setAttribute("aria-label", `Replace the stored ${name.replaceAll("_", " ")}`);
    replace.addEventListener("click", () => {
      box.querySelector(".stored").remove();
      box.querySelector("label").hidden = false;
      input.focus();
    });
    const label = name === "private_key_pem" ? `Private key: stored${stored.key_alg ? ` (${stored.key_alg})` : ""}` : `${name.replaceAll("_", " ")}: stored`;
    box.prepend(el("p", { className: "stored" }, el("span", { className: "badge", textContent: "stored" }), ` ${label} `, replace));
  }
}

function fill(connection) {
  stored = connection;
  for (const name of PLAIN) form.elements[name].value = connection?.[name] ?? "";
  form.elements.auth_mode.value = connection?.auth_mode ?? "m2m";
  form.elements.cert_id.value = connection?.cert_id ?? "";
  showMode();
  showSecrets();
}

export async function showConnection() {
  checks.hidden = true;
  try {
    const connection = await api("/api/netsuite/connection");
    fill(connection);
    say(hint, `Connected to account ${connection.account_id} (${connection.auth_mode === "m2m" ? "machine-to-machine" : "TBA"}), saved by ${connection.updated_by} ${connection.updated_at.slice(0, 16).replace("T", " ")}.`);
  } catch (error) {
    if (error.status !== 404) return say(hint, error.status === 403 ? "The NetSuite connection needs an admin token." : `Could not load the connection: ${error.message}`, "bad");
    fill(null);
    say(hint, "Not connected: enter the account and its credentials, save, then test.");
  }
  await showSync();
}

// The body of the PUT: the plain fields, and each secret of the chosen mode that was typed or picked.
async function body() {
  const mode = form.elements.auth_mode.value;
  const out = { auth_mode: mode };
  for (const name of PLAIN) out[name] = form.elements[name].value.trim();
  if (mode === "m2m") out.cert_id = form.elements.cert_id.value.trim();
  for (const box of form.querySelectorAll(`fieldset[data-mode=${mode}] [data-secret]`)) {
    const input = form.elements[box.dataset.secret];
    if (input.type === "file") {
      if (input.files.length) out[box.dataset.secret] = await input.files[0].text();
    } else if (input.value !== "") {
      out[box.dataset.secret] = input.value;
    }
  }
  return out;
}

form.elements.auth_mode.addEventListener("change", () => { showMode(); showSecrets(); });
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  checks.hidden = true;
  try {
    fill(await api("/api/netsuite/connection", { method: "PUT", body: await body() }));
    say(hint, "Connection saved. Test it to see NetSuite accept it.", "ok");
  } catch (error) {
    say(hint, `Not saved: ${refusal(form, error)}`, "bad");
  }
});

form.querySelector("[data-action=test]").addEventListener("click", async () => {
  checks.hidden = true;
  say(hint, "Signing in to NetSuite…");
  try {
    const result = await api("/api/netsuite/connection/test", { method: "POST" });
    checks.replaceChildren(...result.checks.map((c) => {
      const li = el("li", { className: c.ok ? "ok" : "bad" },
        el("strong", { textContent: `${c.ok ? "✓" : "✗"} ${c.check.replaceAll("_", " ")}` }),
        ` — ${c.detail}${c.status ? ` (HTTP ${c.status})` : ""}`);
      li.dataset.check = c.check;
      return li;
    }));
    checks.hidden = false;
    const failed = result.checks.find((c) => !c.ok);
    say(hint, result.ok ? `NetSuite accepted the connection to ${result.account_id}.` : `The test failed at ${failed.check.replaceAll("_", " ")}: ${failed.detail}`,
      result.ok ? "ok" : "bad");
  } catch (error) {
    say(hint, `Could not test: ${error.message}`, "bad");
  }
});

export async function showSync() {
  clearTimeout(syncTimer);
  try {
    const sync = await api("/api/netsuite/sync");
    followsNetSuite = Boolean(sync.last || sync.current || sync.on_hand_as_of);
    syncInterval = sync.interval_minutes;
    const { asOf, notes, bad } = syncWords(sync);
    const run = sync.last;
    const last = run ? `last run ${run.kind}, ${run.status}${run.finished_at ? ` at ${run.finished_at.slice(0, 16).replace("T", " ")}` : ""}` +
      `${run.status === "done" ? ` (${run.pages} pages in ${run.duration_ms} ms)` : ""}` : null;
    const next = sync.next_run_at ? `next run ${sync.next_run_at.slice(0, 16).replace("T", " ")}` : null;
    syncField.textContent = [asOf ? `On-hand ${asOf}` : null, ...notes, last, next].filter(Boolean).join(" · ");
    syncField.className = bad ? "bad" : "";
    if (sync.current) syncTimer = setTimeout(showSync, 1000);
  } catch (error) {
    syncField.textContent = error.status === 403 ? "an admin token shows the NetSuite sync" : error.message;
    syncField.className = "bad";
  }
}

syncForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  // The first sync asked for makes the business follow NetSuite (POST /api/netsuite/sync): said first.
  if (!followsNetSuite && !window.confirm("The first sync makes this business follow NetSuite: from then on its locations, bins, " +
      `items and on-hand are read from NetSuite every ${syncInterval} minutes, and in full once a week. Start following NetSuite?`)) {
    syncField.textContent = "Not started: the business keeps the data it loads by import.";
    return;
  }
  try {
    await api("/api/netsuite/sync", { method: "POST", body: syncForm.elements.full.checked ? { full: true } : {} });
    await showSync();
  } catch (error) {
    syncField.textContent = `Not started: ${error.message}`;
    syncField.className = "bad";
  }
});
