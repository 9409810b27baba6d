// WebCrypto helpers (DESIGN.md: crypto lives in the shell, never hand-written).
const encoder = new TextEncoder();

export async function sha256Hex(text) {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// Random text for the core to build ids from (the core has no randomness).
export function nonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(36).padStart(2, "0").slice(-2)).join("");
}

// A new API token (POST /api/tokens): 32 random bytes, and the SHA-256 the core stores instead.
export async function newToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = `cct_${btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
  return { ok: true, token, token_sha256: await sha256Hex(token) };
}
