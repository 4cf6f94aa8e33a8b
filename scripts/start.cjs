#!/usr/bin/env node
// `npm start`: compiles only when a TypeScript source (or tsconfig.json) is newer than the last
// build, then runs the service in this process (signals reach it as they would `node
// dist/src/main.js`). Plain JavaScript: it has to run before anything is compiled.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync, utimesSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const TSCONFIG = join(ROOT, 'tsconfig.json');
/** Written by every build (incremental); its time says when dist/ was last brought up to date. */
const BUILD_STAMP = join(ROOT, 'dist', '.tsbuildinfo');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** The newest modification time of a .ts file under `dir` (node_modules skipped), in ms. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsCurrent() {
  if (!existsSync(BUILD_STAMP) || !existsSync(MAIN)) return false;
  const { include } = JSON.parse(readFileSync(TSCONFIG, 'utf8'));
  const sources = include.map((dir) => join(ROOT, dir)).filter((dir) => existsSync(dir));
  const newest = Math.max(statSync(TSCONFIG).mtimeMs, ...sources.map(newestSource));
  return newest <= statSync(BUILD_STAMP).mtimeMs;
}

if (!buildIsCurrent()) {
  process.stderr.write('ledgerbridge: sources changed since the last build, compiling (npm run build)\n');
  const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', TSCONFIG], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    // tsc writes its build info even when it reports errors: date it back so the next start compiles again.
    if (existsSync(BUILD_STAMP)) utimesSync(BUILD_STAMP, 0, 0);
    process.exit(build.status ?? 1);
  }
  // An incremental build that had nothing to emit leaves the stamp as it was: mark dist/ current.
  const now = new Date();
  utimesSync(BUILD_STAMP, now, now);
}
require(MAIN);
