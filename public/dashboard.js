// Admin dashboard: service health and, with a token, the locations.
import { api, cell, onToken, tokenInput } from "./api.js";

async function showHealth() {
  const field = document.querySelector("#health [data-field=status]");
  try {
    const health = await (await fetch("/health")).json();
    field.textContent = `${health.status} · core ${health.core_version} · database ${health.db}`;
    field.className = health.status === "ok" ? "ok" : "bad";
  } catch (error) {
    field.textContent = `unreachable: ${error.message}`;
    field.className = "bad";
  }
}

async function showLocations() {
  const section = document.querySelector("#locations");
  const hint = section.querySelector(".hint");
  const table = section.querySelector("table");
  if (!tokenInput.value) return;
  try {
    const { items } = await api("/api/locations");
    table.querySelector("tbody").replaceChildren(...items.map((l) => {
      const row = document.createElement("tr");
      row.append(cell(l.code), cell(l.name), cell(l.zones.map((z) => z.code).join(" ")), cell(l.bins_count));
      return row;
    }));
    table.hidden = false;
    hint.hidden = true;
  } catch (error) {
    hint.textContent = `Could not load locations: ${error.message}`;
    hint.className = "hint bad";
    table.hidden = true;
  }
}

onToken(showLocations);
showHealth();
showLocations();
