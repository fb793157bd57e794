// plant.js — plant three wrong expectations in generated scripts, for the
// harness's own test (selftest.sh): a result off by one, a trap with another
// message, a log hash off by one; each in the first script that has one.
//   node plant.js DIR/sSEED.json...   prints `planted SEED LINE KIND` each
'use strict';
const fs = require('fs');
const todo = new Set(['result', 'trap', 'log']);
for (const file of process.argv.slice(2)) {
  const script = JSON.parse(fs.readFileSync(file, 'utf8'));
  let changed = false;
  for (const c of script.commands) {
    const intResult = c.type === 'assert_return' && c.expected.length > 0 &&
                      ['i32', 'i64'].includes(c.expected[0].type);
    let kind = null;
    if (intResult && c.action.module === '$m' && todo.has('result')) kind = 'result';
    else if (intResult && c.action.field === 'hash' && todo.has('log')) kind = 'log';
    else if (c.type === 'assert_trap' && c.text && todo.has('trap')) kind = 'trap';
    if (!kind) continue;
    if (kind === 'trap') {
      c.text = c.text === 'unreachable' ? 'integer divide by zero' : 'unreachable';
    } else {
      const e = c.expected[0], bits = e.type === 'i32' ? 32 : 64;
      e.value = BigInt.asUintN(bits, BigInt(e.value) + 1n).toString();
    }
    todo.delete(kind);
    changed = true;
    console.log(`planted ${/s(\d+)\.json$/.exec(file)[1]} ${c.line} ${kind}`);
    break;  // one per script: a log hash right after a planted call would count with it
  }
  if (changed) fs.writeFileSync(file, JSON.stringify(script, null, 1) + '\n');
  if (todo.size === 0) break;
}
if (todo.size) { console.error(`plant.js: found nothing to plant for: ${[...todo].join(', ')}`); process.exit(1); }
