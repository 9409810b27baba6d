// The pages' one way to the API: the token the supervisor enters (kept in
// sessionStorage for this tab only) goes out as X-Edit-Token; a problem+json
// answer becomes an Error carrying its detail and the first field error.
export const tokenInput = document.querySelector("#token");
tokenInput.value = sessionStorage.getItem("edit-token") ?? "";

export function onToken(callback) {
  document.querySelector("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem("edit-token", tokenInput.value);
    callback();
  });
}

export async function api(path, { method = "GET", body } = {}) {
  const headers = { "X-Edit-Token": tokenInput.value };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) {
    const field = answer.errors?.[0];
    const detail = answer.detail ?? answer.title ?? response.statusText;
    throw new Error(field ? `${detail} (${field.path}: ${field.message})` : detail);
  }
  return answer;
}

export function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text ?? "—";
  if (className) td.className = className;
  return td;
}
