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
