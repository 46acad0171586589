/*
 * runtimePath: where the built CommonJS runtime lies on disk, for Node-only tools (the fuzzer,
 * the trace harness, benchmarks) that run rewritten code with runtime "import".
 * Must never: be imported by the plugin itself (the plugin must bundle for the browser).
 */
import * as fs from 'fs';
import * as path from 'path';

export function runtimeSourcePath(): string {
  const candidates = [
    path.join(__dirname, '..', 'runtime', 'asyncMachine.js'),
    path.join(__dirname, '..', '..', 'lib', 'runtime', 'asyncMachine.js'),
  ];
  for (const candidate of candidates) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`babel-plugin-async-state-machine: built runtime not found (looked in ${candidates.join(', ')}); run npm run build`);
}
