// Admin dashboard: talks to the API with the token the supervisor enters
// (kept in sessionStorage for this tab only).
const tokenInput = document.querySelector("#token");
tokenInput.value = sessionStorage.getItem("edit-token") ?? "";

async function api(path) {
  const response = await fetch(path, { headers: { "X-Edit-Token": tokenInput.value } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail ?? body.title ?? response.statusText);
  return body;
}

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
      for (const text of [l.code, l.name, l.zones.map((z) => z.code).join(" "), l.bins_count]) {
        const cell = document.createElement("td");
        cell.textContent = text;
        row.append(cell);
      }
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

document.querySelector("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem("edit-token", tokenInput.value);
  showLocations();
});

showHealth();
showLocations();
