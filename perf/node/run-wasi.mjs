// run-wasi.mjs — run a wasm32-wasi program under node (V8) with node's own
// WASI preview1: node run-wasi.mjs APP.wasm [args...].  The guest's exit
// status becomes the process's.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import process from 'node:process';

const [path, ...args] = process.argv.slice(2);
if (!path) {
  console.error('usage: node run-wasi.mjs APP.wasm [args...]');
  process.exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [path, ...args], env: {},
                        returnOnExit: true });
const module = await WebAssembly.compile(await readFile(path));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
