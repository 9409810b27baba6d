// NetSuite credentials in the shell (DESIGN.md: crypto lives here, never hand-written).
// Each secret is sealed on its own with AES-GCM under the Worker secret
// NS_SECRETS_KEY (base64 of 32 bytes), its business and column bound in as
// associated data, so a ciphertext copied to another row or business does not
// open. Only ciphertext reaches D1; plain secrets and imported keys live in
// this isolate's memory only and are never logged.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SEAL_VERSION = "v1";

export class SecretsUnavailable extends Error {}

const toBase64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const toBase64Url = (bytes) => toBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

// RFC 3986 percent-encoding, as OAuth 1.0a wants it for the HMAC key parts.
export const percentEncode = (text) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

let sealing = { raw: null, key: null };
async function sealingKey(env) {
  const raw = env.NS_SECRETS_KEY;
  if (!raw) throw new SecretsUnavailable("NS_SECRETS_KEY is not set: the Worker cannot seal or open NetSuite credentials");
  if (sealing.raw !== raw) {
    let bytes;
    try { bytes = fromBase64(raw.trim()); } catch { bytes = new Uint8Array(0); }
    if (bytes.length !== 32) throw new SecretsUnavailable("NS_SECRETS_KEY must be the base64 of 32 random bytes");
    sealing = { raw, key: await crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]) };
  }
  return sealing.key;
}

// The sealing key's state for GET /health: "ok", or why nothing can be sealed.
export async function secretsKeyStatus(env) {
  try {
    await sealingKey(env);
    return "ok";
  } catch (error) {
    return error instanceof SecretsUnavailable ? error.message : `NS_SECRETS_KEY does not import: ${error?.message ?? error}`;
  }
}

export async function seal(env, businessId, column, text) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(`${businessId}/${column}`) },
    await sealingKey(env), encoder.encode(text));
  return `${SEAL_VERSION}.${toBase64(iv)}.${toBase64(sealed)}`;
}

export async function unseal(env, businessId, column, blob) {
  const [version, iv, data] = String(blob ?? "").split(".");
  if (version !== SEAL_VERSION || !iv || !data) throw new Error(`${column} is not a sealed value`);
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv), additionalData: encoder.encode(`${businessId}/${column}`) },
      await sealingKey(env), fromBase64(data));
    return decoder.decode(plain);
  } catch (error) {
    if (error instanceof SecretsUnavailable) throw error;
    throw new Error(`${column} does not open with this NS_SECRETS_KEY (was the key changed?)`);
  }
}

const SIGNING = {
  ES256: { importAs: { name: "ECDSA", namedCurve: "P-256" }, signWith: { name: "ECDSA", hash: "SHA-256" } },
  PS256: { importAs: { name: "RSA-PSS", hash: "SHA-256" }, signWith: { name: "RSA-PSS", saltLength: 32 } },
};

// A PKCS#8 PEM → { alg, key }: EC P-256 signs ES256, RSA signs PS256; anything else is refused.
export async function importPrivateKey(pem) {
  const body = String(pem).replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, "");
  if (!/-----BEGIN PRIVATE KEY-----/.test(pem) || !body) throw new Error("must be a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
  let der;
  try { der = fromBase64(body); } catch { throw new Error("the PEM body is not base64"); }
  for (const [alg, how] of Object.entries(SIGNING)) {
    try {
      return { alg, key: await crypto.subtle.importKey("pkcs8", der, how.importAs, false, ["sign"]) };
    } catch {}
  }
  throw new Error("not an EC P-256 or RSA private key in PKCS#8 form");
}

// Imported signing keys by ciphertext: the PEM is opened once per isolate.
const signingKeys = new Map();
async function signingKey(env, businessId, part, alg) {
  const cacheKey = `${businessId}/${part.sealed}`;
  if (!signingKeys.has(cacheKey)) {
    const imported = await importPrivateKey(await unseal(env, businessId, part.column, part.sealed));
    if (imported.alg !== alg) throw new Error(`the stored key signs ${imported.alg}, not ${alg}`);
    if (signingKeys.size > 32) signingKeys.clear();
    signingKeys.set(cacheKey, imported.key);
  }
  return signingKeys.get(cacheKey);
}

// The sign effect: the core names the algorithm, the key (sealed parts and plain text) and the data.
export async function sign(env, effect) {
  const data = encoder.encode(effect.data);
  let signature;
  if (effect.alg === "HMAC-SHA256") {
    let secret = "";
    for (const part of effect.key) {
      const text = part.sealed !== undefined ? await unseal(env, effect.business_id, part.column, part.sealed) : part.text;
      secret += part.percent_encode ? percentEncode(text) : text;
    }
    const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    signature = await crypto.subtle.sign("HMAC", key, data);
  } else if (SIGNING[effect.alg]) {
    const key = await signingKey(env, effect.business_id, effect.key[0], effect.alg);
    signature = await crypto.subtle.sign(SIGNING[effect.alg].signWith, key, data);
  } else {
    throw new Error(`unknown signature algorithm ${effect.alg}`);
  }
  return effect.encoding === "base64url" ? toBase64Url(signature) : toBase64(signature);
}

// The seal effect (PUT /api/netsuite/connection): a private key must import before anything is sealed.
export async function sealSecrets(env, effect) {
  let keyAlg;
  if (effect.secrets.private_key_sealed !== undefined) {
    try {
      keyAlg = (await importPrivateKey(effect.secrets.private_key_sealed)).alg;
    } catch (error) {
      return { ok: false, column: "private_key_sealed", error: error.message };
    }
  }
  const sealed = {};
  for (const [column, text] of Object.entries(effect.secrets)) sealed[column] = await seal(env, effect.business_id, column, text);
  return { ok: true, sealed, ...(keyAlg ? { key_alg: keyAlg } : {}) };
}

export async function unsealValues(env, effect) {
  const values = {};
  for (const [column, blob] of Object.entries(effect.sealed)) values[column] = await unseal(env, effect.business_id, column, blob);
  return { ok: true, values };
}
