#!/usr/bin/env node
// Entry point of the `palisade` command: runs the compiled CLI (built by `npm ci` via `prepare`).
import { main } from '../dist/src/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`palisade: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
