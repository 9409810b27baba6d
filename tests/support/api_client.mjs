// The tests' own way to the API of a running stack: (method, path, token, body)
// → the answer's JSON, failing the test on anything but 2xx.
import assert from "node:assert/strict";

export function apiClient(baseOf) {
  return async function api(method, path, token, body) {
    const response = await fetch(`${baseOf()}${path}`, {
      method, headers: { "X-Edit-Token": token, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
}
