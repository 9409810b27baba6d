// Credentials for NetSuite accounts that exist only on the stand-in: the demo
// (npm start) and the tests make them here, fresh, and give the public half to
// the stand-in and the private half to the product's connection API.
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";

const hex = (n) => randomBytes(n).toString("hex");

// The secret that seals NetSuite credentials at rest (Worker secret NS_SECRETS_KEY).
export const newSecretsKey = () => randomBytes(32).toString("base64");

// M2M: a certificate's key pair (EC P-256 signs ES256, RSA signs PS256) and the integration's ids.
export function newM2m(keyType = "ec") {
  const pair = keyType === "ec"
    ? generateKeyPairSync("ec", { namedCurve: "P-256" })
    : generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    client_id: hex(32),
    cert_id: `cert-${hex(8)}`,
    private_key_pem: pair.privateKey.export({ type: "pkcs8", format: "pem" }),
    public_key_pem: pair.publicKey.export({ type: "spki", format: "pem" }),
  };
}

// TBA: the integration's consumer key/secret and an access token id/secret.
export const newTba = () => ({ consumer_key: hex(32), consumer_secret: hex(32), token_id: hex(32), token_secret: hex(32) });

// What the stand-in knows of an account (public key, TBA secrets, its subsidiary and account ids).
export function standinAccount({ account_id, subsidiary_id, adjustment_account_id, m2m, tba }) {
  return {
    account_id, subsidiary_id, adjustment_account_id,
    ...(m2m ? { m2m: { client_id: m2m.client_id, cert_id: m2m.cert_id, public_key_pem: m2m.public_key_pem } } : {}),
    ...(tba ? { tba } : {}),
  };
}

// The body of PUT /api/netsuite/connection for that account.
export function connectionBody({ account_id, subsidiary_id, adjustment_account_id, m2m, tba }, baseUrl) {
  const common = { account_id, base_url: baseUrl, subsidiary_id, adjustment_account_id };
  if (m2m) {
    return { ...common, auth_mode: "m2m", client_id: m2m.client_id, cert_id: m2m.cert_id, private_key_pem: m2m.private_key_pem };
  }
  return { ...common, auth_mode: "tba", ...tba };
}

export const newAccountId = () => `TSTDRV${String(parseInt(randomUUID().slice(0, 6), 16)).padStart(7, "0")}`;
