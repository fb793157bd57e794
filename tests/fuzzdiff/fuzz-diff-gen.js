// fuzz-diff-gen.js — the reference side of the differential test.
//
//   node fuzz-diff-gen.js --out=DIR --log-wasm=LOG.wasm [--wasm-opt=P]
//        [--wasm-validate=P] [--module=M.wasm] FIRST_SEED COUNT
//
// (--module: that module instead of binaryen's, for one seed, which still
// picks the arguments: what reduce.sh uses to shrink a failing module.)
//
// For each seed: random bytes from a seeded PRNG become a module through
// binaryen's `wasm-opt -ttf` (Wasm 2.0 features only, checked by wabt's
// wasm-validate); V8 instantiates it against log.wasm (the shared
// "fuzzing-support" module) and calls every exported function once, in export
// order, with arguments drawn from the same PRNG; what V8 did (results, trap,
// log hash) becomes a spec-test JSON script DIR/sSEED.json that spec_runner
// replays against wasm2so.  DIR/sSEED.calls says what each line is.
// Prints one line per seed and, last, `gen: N modules, M exports, S skipped,
// R NaN results` (exports called; not called: a value type this script does
// not know; NaN results: called, trap or not compared, value not).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const opts = { 'wasm-opt': 'wasm-opt', 'wasm-validate': 'wasm-validate' };
const pos = [];
for (const a of process.argv.slice(2)) {
  const m = /^--([a-z-]+)=(.*)$/.exec(a);
  if (m) opts[m[1]] = m[2]; else pos.push(a);
}
if (!opts.out || !opts['log-wasm'] || pos.length !== 2 || (opts.module && pos[1] !== '1')) {
  console.error('usage: node fuzz-diff-gen.js --out=DIR --log-wasm=LOG.wasm [--wasm-opt=P] ' +
                '[--wasm-validate=P] [--module=M.wasm] FIRST_SEED COUNT (1 with --module)');
  process.exit(2);
}
const first = Number(pos[0]), count = Number(pos[1]);
// Input bytes per module: binaryen makes more functions and exports from more.
const SIZE_MIN = Number(opts['min-bytes'] || 4096), SIZE_MAX = Number(opts['max-bytes'] || 16384);

// Wasm 2.0 and nothing else: every later proposal binaryen 108 knows is off.
const FEATURES_ON = ['sign-ext', 'mutable-globals', 'nontrapping-float-to-int', 'simd',
                     'bulk-memory', 'multivalue'];
const FEATURES_OFF = ['threads', 'exception-handling', 'tail-call', 'gc', 'memory64',
                      'typed-function-references', 'gc-nn-locals', 'relaxed-simd',
                      'extended-const'];

// mulberry32: small, fast, and the same on every machine.
function prng(seed) {
  let s = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// Binaryen 108's -ttf with reference types often emits its pre-standard
// anyref (not Wasm 2.0); such a module is made again from the same bytes
// without reference types, so the choice is still a function of the seed.
function makeModule(bytes, stem) {
  const raw = stem + '.bin', out = stem + '.wasm';
  fs.writeFileSync(raw, bytes);
  const base = ['-ttf', raw, '--denan', '-o', out,
                ...FEATURES_ON.map(f => '--enable-' + f),
                ...FEATURES_OFF.map(f => '--disable-' + f)];
  for (const ref of [true, false]) {
    const args = base.concat(ref ? '--enable-reference-types' : '--disable-reference-types');
    execFileSync(opts['wasm-opt'], args, { stdio: ['ignore', 'ignore', 'ignore'] });
    try {
      execFileSync(opts['wasm-validate'], [out], { stdio: ['ignore', 'ignore', 'pipe'] });
      fs.unlinkSync(raw);
      return { file: out, refTypes: ref };
    } catch (e) {
      if (!ref) throw new Error(`${out}: binaryen made an invalid module: ${e.stderr}`);
    }
  }
}

// Argument values: mostly edge cases, sometimes anything.
const I32S = [0, 1, -1, 2, 0x7fffffff, -0x80000000, 0xffff, 65536, -65536, 1024];
const I64S = [0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 65536n];
const FLOATS = [0, -0, 1, -1, 0.5, -1.5, 1e10, -1e-10, 2147483648, 4294967296, Infinity, -Infinity];
function pick(rnd, list) { return list[rnd() % list.length]; }

function makeArg(rnd, type) {
  const any = rnd() % 4 === 0;
  switch (type) {
  case 'i32': { const v = any ? rnd() | 0 : pick(rnd, I32S);
    return { js: v, json: { type, value: String(v >>> 0) } }; }
  case 'i64': { const v = any ? BigInt.asIntN(64, (BigInt(rnd()) << 32n) | BigInt(rnd()))
                              : pick(rnd, I64S);
    return { js: v, json: { type, value: BigInt.asUintN(64, v).toString() } }; }
  case 'f32': { const v = Math.fround(any ? (rnd() - 2 ** 31) / (1 + rnd() % 1000) : pick(rnd, FLOATS));
    return { js: v, json: { type, value: String(f32bits(v)) } }; }
  case 'f64': { const v = any ? (rnd() - 2 ** 31) / (1 + rnd() % 1000) : pick(rnd, FLOATS);
    return { js: v, json: { type, value: f64bits(v).toString() } }; }
  case 'funcref': case 'externref':
    return { js: null, json: { type, value: 'null' } };
  case 'v128': {  // as two i64 lanes (JS passes it so through a wrapper)
    const lanes = [0, 1].map(() => makeArg(rnd, 'i64').js);
    return { js: lanes, json: { type, lane_type: 'i64', value: lanes.map(v => BigInt.asUintN(64, v).toString()) } }; }
  default:
    return null;
  }
}

const dv = new DataView(new ArrayBuffer(8));
function f32bits(v) { dv.setFloat32(0, v, true); return dv.getUint32(0, true); }
function f64bits(v) { dv.setFloat64(0, v, true); return dv.getBigUint64(0, true); }

// One result as the spec JSON expects it; null if it cannot be checked (a NaN:
// JS does not keep its bits, and any NaN is a correct answer there).
function expectValue(type, v) {
  switch (type) {
  case 'i32': return { type, value: String(v >>> 0) };
  case 'i64': return { type, value: BigInt.asUintN(64, v).toString() };
  case 'f32': return Number.isNaN(v) ? null : { type, value: String(f32bits(v)) };
  case 'f64': return Number.isNaN(v) ? null : { type, value: f64bits(v).toString() };
  case 'funcref': case 'externref': return v === null ? { type, value: 'null' } : { type };
  case 'v128': return { type, lane_type: 'i64', value: v.map(x => BigInt.asUintN(64, x).toString()) };
  default: return null;
  }
}

// V8's trap messages in the spec's words.  V8 has one message for several
// spec traps (a call_indirect through a null entry or with the wrong type;
// an index past a table in call_indirect or in table.get; a float-to-int
// conversion of a NaN or of a value out of range): those are checked only to
// be traps, with no text.
function specTrap(e) {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return { exhaustion: true };
  if (!(e instanceof WebAssembly.RuntimeError)) return null;
  const m = e.message;
  if (/memory access out of bounds|data segment.*out of bounds/.test(m)) return { text: 'out of bounds memory access' };
  if (/divide by zero|remainder by zero/.test(m)) return { text: 'integer divide by zero' };
  if (/divide result unrepresentable/.test(m)) return { text: 'integer overflow' };
  if (/^unreachable$/.test(m)) return { text: 'unreachable' };
  if (/table|function signature|element segment|float unrepresentable/.test(m)) return { text: null };
  return null;
}

// The signature of an exported function, from the module's own type section
// (WebAssembly.Module has no reflection of types).
function exportSignatures(bin) {
  const sigs = new Map();
  let p = 8;
  const types = [], funcTypes = [];
  let nimportedFuncs = 0;
  const u32 = () => { let r = 0, s = 0, b; do { b = bin[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const name = () => { const n = u32(); const s = Buffer.from(bin.subarray(p, p + n)).toString('utf8'); p += n; return s; };
  const VT = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };
  const vt = () => VT[bin[p++]] || 'unknown';
  const limits = () => { const f = u32(); u32(); if (f & 1) u32(); };
  while (p < bin.length) {
    const id = bin[p++], size = u32(), end = p + size;
    if (id === 1) {
      for (let n = u32(); n-- > 0;) {
        p++;  // 0x60
        const params = []; for (let k = u32(); k-- > 0;) params.push(vt());
        const results = []; for (let k = u32(); k-- > 0;) results.push(vt());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u32(); n-- > 0;) {
        name(); name();
        const kind = bin[p++];
        if (kind === 0) { funcTypes.push(u32()); nimportedFuncs++; }
        else if (kind === 1) { p++; limits(); }
        else if (kind === 2) limits();
        else if (kind === 3) p += 2;
      }
    } else if (id === 3) {
      for (let n = u32(); n-- > 0;) funcTypes.push(u32());
    } else if (id === 7) {
      for (let n = u32(); n-- > 0;) {
        const nm = name(), kind = bin[p++], idx = u32();
        if (kind === 0) sigs.set(nm, types[funcTypes[idx]]);
      }
    }
    p = end;
  }
  return sigs;
}

// JS cannot pass or receive a v128, so a function with one in its signature
// is called through a small wasm module that takes and returns each v128 as
// two i64 lanes.  Returns a JS function taking and returning lanes as arrays.
const TYPE_CODE = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f };
function leb(n) { const b = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; b.push(x); } while (n); return b; }
function section(id, body) { return [id, ...leb(body.length), ...body]; }
function vec(items) { return [...leb(items.length), ...items.flat()]; }
function funcType(params, results) {
  return [0x60, ...vec(params.map(t => [TYPE_CODE[t]])), ...vec(results.map(t => [TYPE_CODE[t]]))];
}
function v128Caller(fn, sig) {
  const split = ts => ts.flatMap(t => t === 'v128' ? ['i64', 'i64'] : [t]);
  const code = [];
  let arg = 0;
  for (const t of sig.params) {
    if (t === 'v128')  // splat lane 0, replace lane 1
      code.push(0x20, arg++, 0xfd, 18, 0x20, arg++, 0xfd, 30, 1);
    else code.push(0x20, arg++);
  }
  code.push(0x10, 0);
  const nargs = arg, nres = sig.results.length;
  for (let i = nres; i-- > 0;) code.push(0x21, ...leb(nargs + i));  // results into locals
  for (let i = 0; i < nres; i++) {
    const l = leb(nargs + i);
    if (sig.results[i] === 'v128') code.push(0x20, ...l, 0xfd, 29, 0, 0x20, ...l, 0xfd, 29, 1);
    else code.push(0x20, ...l);
  }
  code.push(0x0b);
  const locals = vec(sig.results.map(t => [1, TYPE_CODE[t]]));
  const body = [...locals, ...code];
  const bin = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([funcType(sig.params, sig.results), funcType(split(sig.params), split(sig.results))])),
    ...section(2, vec([[1, 0x6d, 1, 0x66, 0, 0]])),           // import "m" "f" (type 0)
    ...section(3, vec([[1]])),                                 // func (type 1)
    ...section(7, vec([[4, 0x63, 0x61, 0x6c, 0x6c, 0, 1]])),   // export "call"
    ...section(10, vec([[...leb(body.length), ...body]]))]);
  const call = new WebAssembly.Instance(new WebAssembly.Module(bin), { m: { f: fn } }).exports.call;
  return (...args) => {
    const flat = [];
    sig.params.forEach((t, i) => { if (t === 'v128') flat.push(...args[i]); else flat.push(args[i]); });
    let r = call(...flat);
    const n = split(sig.results).length;
    r = n === 0 ? [] : n === 1 ? [r] : [...r];
    const out = [];
    for (const t of sig.results) out.push(t === 'v128' ? [r.shift(), r.shift()] : r.shift());
    return sig.results.length === 1 ? out[0] : out;
  };
}

const logBytes = fs.readFileSync(opts['log-wasm']);
fs.copyFileSync(opts['log-wasm'], path.join(opts.out, 'log.wasm'));
let totalExports = 0, totalSkipped = 0, totalNans = 0, modules = 0;

for (let seed = first; seed < first + count; seed++) {
  const rnd = prng(seed);
  const bytes = Buffer.alloc(SIZE_MIN + rnd() % (SIZE_MAX - SIZE_MIN));
  for (let i = 0; i < bytes.length; i++) bytes[i] = rnd() & 0xff;
  const stem = path.join(opts.out, 's' + seed);
  let made;
  if (opts.module) {
    fs.copyFileSync(opts.module, stem + '.wasm');
    made = { file: stem + '.wasm', refTypes: false };
  } else {
    made = makeModule(bytes, stem);
  }
  const bin = fs.readFileSync(made.file);

  const logInst = new WebAssembly.Instance(new WebAssembly.Module(logBytes), {});
  const log = logInst.exports;
  const cmds = [], calls = [];
  let line = 0;
  const add = (cmd, what) => { cmd.line = ++line; cmds.push(cmd); calls.push(`${line}: ${what}`); };
  add({ type: 'module', name: '$log', filename: 'log.wasm' }, 'module log.wasm');
  add({ type: 'register', name: '$log', as: 'fuzzing-support' }, 'register fuzzing-support');

  let inst, compared = 0, skipped = 0, nans = 0;
  const notes = [];
  try {
    inst = new WebAssembly.Instance(new WebAssembly.Module(bin), { 'fuzzing-support': log });
    add({ type: 'module', name: '$m', filename: path.basename(made.file) }, 'module ' + path.basename(made.file));
  } catch (e) {
    const t = specTrap(e);
    if (!t) throw new Error(`seed ${seed}: V8 cannot instantiate: ${e}`);
    const c = { type: 'assert_uninstantiable', filename: path.basename(made.file), module_type: 'binary' };
    if (t.text) c.text = t.text;
    add(c, 'assert_uninstantiable ' + path.basename(made.file));
  }

  const sigs = exportSignatures(bin);
  const invoke = (field, args) => ({ type: 'invoke', module: '$m', field, args });
  for (const [field, sig] of (inst ? sigs : [])) {
    if (field === 'hangLimitInitializer') continue;
    if (sig.params.concat(sig.results).includes('unknown')) {
      skipped++; notes.push(`${field}: a value type this script does not know`);
      continue;
    }
    const hasV128 = sig.params.concat(sig.results).includes('v128');
    const fn = hasV128 ? v128Caller(inst.exports[field], sig) : inst.exports[field];
    // Reset binaryen's hang limit (loops and calls count it down) and the log
    // hash first: each call's logs are compared on their own.
    inst.exports.hangLimitInitializer();
    add({ type: 'action', action: invoke('hangLimitInitializer', []) }, 'hangLimitInitializer()');
    log.reset();
    add({ type: 'action', action: { type: 'invoke', module: '$log', field: 'reset', args: [] } }, 'reset the log hash');
    const args = sig.params.map(t => makeArg(rnd, t));
    const shown = `${field}(${args.map(a => a.json.type === 'v128' ? 'i64x2 ' + a.json.value.join(' ') : a.json.value).join(', ')})`;
    let res, trap = null;
    try {
      res = fn(...args.map(a => a.js));
    } catch (e) {
      trap = specTrap(e);
      if (!trap) throw new Error(`seed ${seed}: ${shown}: unexpected ${e}`);
    }
    const action = invoke(field, args.map(a => a.json));
    if (trap && trap.exhaustion) {
      add({ type: 'assert_exhaustion', action }, shown + ' exhausts the stack');
    } else if (trap) {
      const c = { type: 'assert_trap', action };
      if (trap.text) c.text = trap.text;
      add(c, `${shown} traps${trap.text ? ': ' + trap.text : ''}`);
    } else {
      const vals = sig.results.length === 1 ? [res] : sig.results.length ? [...res] : [];
      const expected = sig.results.map((t, i) => expectValue(t, vals[i]));
      if (expected.includes(null)) {  // a NaN: run it (the state goes on) without checking
        add({ type: 'action', action }, shown + ' (NaN result, not checked)');
        nans++;
      } else {
        add({ type: 'assert_return', action, expected },
            `${shown} returns ${expected.map(v => v.value === undefined ? 'non-null ' + v.type : v.type === 'v128' ? 'i64x2 ' + v.value.join(' ') : v.value).join(', ')}`);
      }
    }
    compared++;
    add({ type: 'assert_return', action: { type: 'invoke', module: '$log', field: 'hash', args: [] },
          expected: [{ type: 'i64', value: BigInt.asUintN(64, log.hash()).toString() }] },
        `log hash of ${field} (${log.count()} values logged)`);
  }
  fs.writeFileSync(stem + '.json', JSON.stringify({ source_filename: `s${seed}.wast`, commands: cmds }, null, 1) + '\n');
  fs.writeFileSync(stem + '.calls', calls.join('\n') + '\n');
  totalExports += compared; totalSkipped += skipped; totalNans += nans; modules++;
  console.log(`gen: seed ${seed}: ${compared} exports${made.refTypes ? ' (reference types)' : ''}` +
              (inst ? '' : ', not instantiable') + (nans ? `, ${nans} NaN results not checked` : '') +
              (skipped ? `, ${skipped} skipped: ${notes.join('; ')}` : ''));
}
console.log(`gen: ${modules} modules, ${totalExports} exports, ${totalSkipped} skipped, ${totalNans} NaN results`);
