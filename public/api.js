// The pages' one way to the API: the token the supervisor enters once (kept in
// sessionStorage for this tab only, never in a URL) goes out as X-Edit-Token;
// a problem+json answer becomes an ApiError saying in words what went wrong.
export const tokenInput = document.querySelector("#token");
// A phone signs in from a QR code (settings.html): the token rides in the URL's fragment
// (#token=…), which no request, server log or Referer ever carries; it moves to this tab's
// sessionStorage at once and the fragment is cleared from the address bar and history.
const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get("token")) {
  sessionStorage.setItem("edit-token", fragment.get("token"));
  history.replaceState(null, "", location.pathname + location.search);
}
tokenInput.value = sessionStorage.getItem("edit-token") ?? "";

export function onToken(callback) {
  document.querySelector("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem("edit-token", tokenInput.value);
    callback();
  });
}

export class ApiError extends Error {
  constructor(message, status, fields = []) {
    super(message);
    this.status = status;
    this.fields = fields;  // [{ path, message }] of a problem+json answer
  }
}

// What a person should read for an answer that is not 2xx.
function explain(status, answer) {
  const field = answer.errors?.[0];
  const detail = answer.detail ?? answer.title ?? `HTTP ${status}`;
  const withField = field ? `${detail} (${field.path}: ${field.message})` : detail;
  if (status === 401 && answer.title === "Token revoked") return `Signed out: ${detail}.`;
  if (status === 401) return `The token was not accepted — enter a valid X-Edit-Token. ${withField}`;
  if (status === 403) return `This token's role may not do this. ${withField}`;
  return withField;
}

// `body`: sent as JSON; `raw` + `contentType`: sent as it is (a CSV file). `headers`: more of them.
async function send(path, { method = "GET", body, raw, contentType, headers: more = {} } = {}) {
  const headers = { "X-Edit-Token": tokenInput.value, ...more };
  if (raw !== undefined) {
    headers["content-type"] = contentType;
    return fetch(path, { method, headers, body: raw });
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function api(path, options) {
  const response = await send(path, options);
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(explain(response.status, answer), response.status, answer.errors ?? []);
  return answer;
}

// A text answer (CSV) saved as a file: the token stays in a header, never in a link.
export async function download(path, filename) {
  const response = await send(path);
  if (!response.ok) throw new ApiError(explain(response.status, await response.json().catch(() => ({}))), response.status);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Every page of a listing (page_size 500), up to `limit` rows.
export async function allPages(path, limit = 20000) {
  const rows = [];
  const join = path.includes("?") ? "&" : "?";
  for (let page = 1; rows.length < limit; page++) {
    const { items, total } = await api(`${path}${join}page_size=500&page=${page}`);
    rows.push(...items);
    if (page * 500 >= total || items.length === 0) break;
  }
  return rows;
}

export function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text ?? "—";
  if (className) td.className = className;
  return td;
}

export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// A status line: loading, empty, error or done, read out by screen readers.
export function say(node, text, tone = "") {
  node.textContent = text;
  node.className = `hint ${tone}`.trim();
  node.hidden = false;
}

export const signed = (n) => (n > 0 ? `+${n}` : String(n));
export const money = (text) => (text === null || text === undefined ? "—" : Number(text).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
export const when = (iso) => (iso ? iso.slice(0, 16).replace("T", " ") : "—");
