#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json), copies the files the
// server reads at run time (the status page's assets: every file under src/ that is not
// TypeScript), and stamps dist/ with a hash of what it was built from.
//
// `--if-stale` (npm's `prestart`): builds only when dist/ is missing or was built from other
// sources, so `npm ci && npm start` on a fresh clone just works and a second start costs
// a hash of src/ (a few milliseconds), not a compilation.
//
// `--check`: exits 0 when dist/ is fresh, 1 when a start would build (nothing is written).
//
// Plain Node (no tsx): it must run before anything is compiled.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-stamp');
const lock = join(root, '.dist-build.lock');
const INPUTS = ['tsconfig.json', 'tsconfig.build.json'];

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(src), ...INPUTS.map((name) => join(root, name))]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function isFresh() {
  if (!existsSync(join(dist, 'server.js'))) return false;
  // A deployment may ship dist/ without the sources: nothing to compare, nothing to rebuild.
  if (!existsSync(src)) return true;
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === sourceHash();
}

function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error(
      'dist/ is missing or older than src/, and TypeScript is not installed (npm ci --omit=dev?). ' +
        'Build first: npm ci && npm run build, then npm prune --omit=dev.',
    );
  }
  const hash = sourceHash();
  rmSync(dist, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    throw new Error('build failed: dist/ was not written (see the errors above).');
  }
  for (const file of filesUnder(src).filter((name) => !name.endsWith('.ts'))) {
    const target = join(dist, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  writeFileSync(stampFile, `${hash}\n`);
}

/**
 * One build at a time in this checkout (two `npm start`s, or test files starting the server
 * side by side): the others wait for it, then find dist/ fresh. A lock left by a killed build
 * is taken over after two minutes.
 */
async function withLock(run) {
  for (const started = Date.now(); ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000 || Date.now() - started > 300_000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

try {
  if (process.argv.includes('--check')) process.exit(isFresh() ? 0 : 1);
  if (!process.argv.includes('--if-stale')) await withLock(build);
  else if (!isFresh()) {
    await withLock(() => {
      if (isFresh()) return;
      process.stderr.write('building dist/ (it is missing or older than src/)…\n');
      build();
    });
  }
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
