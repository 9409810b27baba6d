// Prints, after a node --test run, each failing test with the first lines of its error,
// read from the run's TAP copy: a CI log is often seen only by its tail, and the tail
// must say what failed. Usage: node tests/support/failures.mjs run.tap
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n');
const failures = [];
for (let i = 0; i < lines.length; i++) {
  const m = /^(\s*)not ok \d+ - (.*)$/.exec(lines[i]);
  if (!m) continue;
  const detail = [];
  for (let j = i + 1; j < lines.length && detail.length < 14; j++) {
    const line = lines[j];
    if (/^\s*\.\.\.\s*$/.test(line)) break;
    if (/^\s*(ok|not ok) \d+ /.test(line)) break;
    if (/^\s*(---|duration_ms:|type:)/.test(line)) continue;
    detail.push(line.trim());
  }
  failures.push({ depth: m[1].length, name: m[2], detail });
}
if (failures.length) {
  console.log(`\n== ${failures.length} failing`);
  for (const f of failures) {
    console.log(`- ${f.name}`);
    for (const d of f.detail) console.log(`    ${d.slice(0, 300)}`);
  }
}
