// The tests' own way to the API of a running stack: (method, path, token, body)
// → the answer's JSON, failing the test on anything but 2xx or an answer outside
// the contract (docs/openapi.yaml).
import assert from "node:assert/strict";

import { checkAnswer } from "./openapi.mjs";

export function apiClient(baseOf) {
  return async function api(method, path, token, body) {
    const response = await fetch(`${baseOf()}${path}`, {
      method, headers: { "X-Edit-Token": token, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const broken = checkAnswer(method, path, response.status, response.headers.get("content-type"), text,
      { withheld: response.headers.get("x-figures") === "withheld" });
    assert.ok(!broken, broken);
    const answer = JSON.parse(text);
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
}
