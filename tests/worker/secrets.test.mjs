// The shell's crypto (worker/secrets.js) on Node's WebCrypto, the same API
// workerd offers: sealing at rest, and the signatures the core plans.
import assert from "node:assert/strict";
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { test } from "node:test";

import { newSecretsKey } from "../../scripts/netsuite-credentials.mjs";
import { importPrivateKey, seal, sealSecrets, sign, unseal } from "../../worker/secrets.js";

const env = { NS_SECRETS_KEY: newSecretsKey() };

test("a sealed secret opens only for its own business and column, and never shows its text", async () => {
  const blob = await seal(env, "biz_a", "token_secret_sealed", "s3cret-value");
  assert.match(blob, /^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
  assert.ok(!blob.includes("s3cret"));
  assert.equal(await unseal(env, "biz_a", "token_secret_sealed", blob), "s3cret-value");
  await assert.rejects(unseal(env, "biz_b", "token_secret_sealed", blob), /does not open/);
  await assert.rejects(unseal(env, "biz_a", "consumer_secret_sealed", blob), /does not open/);
  await assert.rejects(unseal({ NS_SECRETS_KEY: newSecretsKey() }, "biz_a", "token_secret_sealed", blob), /does not open/);
  await assert.rejects(seal({}, "biz_a", "x", "y"), /NS_SECRETS_KEY is not set/);
  await assert.rejects(seal({ NS_SECRETS_KEY: "c2hvcnQ=" }, "biz_a", "x", "y"), /32 random bytes/);
});

test("the TBA signature equals HMAC-SHA256 computed independently (openssl) over the core's base string", async () => {
  // Base string: tests/core/netsuite_push-test.cc NetSuitePutBaseStringSignsThePathExactlyAsSent;
  // key "cs%20secret&ts-secret"; printf '%s' "$BASE" | openssl dgst -sha256 -hmac "$KEY" -binary | base64
  const base = "PUT&https%3A%2F%2F1234567.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2FinventoryAdjustment" +
    "%2Feid%3Acc-stock-count%253As1%253AINCREASE&oauth_consumer_key%3Dck1%26oauth_nonce%3Dabc123" +
    "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1795000000%26oauth_token%3Dtk1%26oauth_version%3D1.0";
  const key = [
    { sealed: await seal(env, "b", "consumer_secret_sealed", "cs secret"), column: "consumer_secret_sealed", percent_encode: true },
    { text: "&" },
    { sealed: await seal(env, "b", "token_secret_sealed", "ts-secret"), column: "token_secret_sealed", percent_encode: true },
  ];
  const signature = await sign(env, { business_id: "b", alg: "HMAC-SHA256", key, data: base, encoding: "base64" });
  assert.equal(signature, "GK6cU0l2BE/W8LOx3EbZ9uOrDnSkQPlohqt/06v05Zs=");
});

test("an EC P-256 key signs ES256 and an RSA key PS256, both verifying with the public key; other keys are refused", async () => {
  for (const [type, options, alg] of [["ec", { namedCurve: "P-256" }, "ES256"], ["rsa", { modulusLength: 2048 }, "PS256"]]) {
    const pair = generateKeyPairSync(type, options);
    const pem = pair.privateKey.export({ type: "pkcs8", format: "pem" });
    const sealed = await sealSecrets(env, { business_id: "b", secrets: { private_key_sealed: pem } });
    assert.equal(sealed.key_alg, alg);
    const data = "header.claims";
    const signature = await sign(env, { business_id: "b", alg, data, encoding: "base64url",
      key: [{ sealed: sealed.sealed.private_key_sealed, column: "private_key_sealed" }] });
    const raw = Buffer.from(signature, "base64url");
    const publicKey = createPublicKey(pair.publicKey.export({ type: "spki", format: "pem" }));
    const ok = alg === "ES256"
      ? verify("sha256", Buffer.from(data), { key: publicKey, dsaEncoding: "ieee-p1363" }, raw)
      : verify("sha256", Buffer.from(data), { key: publicKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }, raw);
    assert.ok(ok, `${alg} verifies`);
    if (alg === "ES256") assert.equal(raw.length, 64, "r‖s, as a JWT wants it");
  }
  const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({ type: "pkcs8", format: "pem" });
  await assert.rejects(importPrivateKey(p384), /EC P-256 or RSA/);
  await assert.rejects(importPrivateKey("not a pem"), /PKCS#8/);
  const refused = await sealSecrets(env, { business_id: "b", secrets: { private_key_sealed: p384, client_id_sealed: "c" } });
  assert.deepEqual([refused.ok, refused.column], [false, "private_key_sealed"]);
});
