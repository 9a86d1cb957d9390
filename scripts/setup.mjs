#!/usr/bin/env node
/**
 * Makes sure what the build and the tests need is on this machine, before anything else runs.
 * Plain Node with no dependencies, because it runs before `npm ci` may have happened.
 *
 *   node scripts/setup.mjs [--for build|test]
 *
 * As root it installs what is missing (Debian packages with apt-get, npm packages with npm ci);
 * otherwise it stops and prints the exact command to run. When everything is there it only
 * checks a few paths, well under a second.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian package -> a file that exists once it is installed. */
const SYSTEM = [
  { pkg: 'chromium', path: '/usr/bin/chromium', skip: () => !!process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH) },
  { pkg: 'fonts-dejavu-core', path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' },
  { pkg: 'fonts-liberation', path: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf' },
  { pkg: 'default-jre-headless', path: '/usr/bin/java' },
  { pkg: 'epubcheck', path: '/usr/share/java/epubcheck.jar' },
  { pkg: 'poppler-utils', path: '/usr/bin/pdftoppm' },
  { pkg: 'qpdf', path: '/usr/bin/qpdf' },
  { pkg: 'python3-numpy', path: '/usr/lib/python3/dist-packages/numpy/__init__.py' },
  { pkg: 'python3-scipy', path: '/usr/lib/python3/dist-packages/scipy/__init__.py' },
  { pkg: 'python3-pandas', path: '/usr/lib/python3/dist-packages/pandas/__init__.py' },
  { pkg: 'python3-sklearn', path: '/usr/lib/python3/dist-packages/sklearn/__init__.py' },
  { pkg: 'python3-pytest', path: '/usr/lib/python3/dist-packages/pytest/__init__.py' },
];

function run(cmd, args, env = {}) {
  console.log(`setup: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let missing = SYSTEM.filter((s) => !(s.skip?.() ?? false) && !existsSync(s.path)).map((s) => s.pkg);
if (missing.length) {
  const install = ['apt-get', 'install', '-y', '-q', ...missing];
  if (!isRoot) {
    console.error(`setup: missing Debian packages: ${missing.join(' ')}\nRun:\n  sudo apt-get update && sudo ${install.join(' ')}`);
    process.exit(1);
  }
  run('apt-get', ['update', '-q']);
  run(install[0], install.slice(1), { DEBIAN_FRONTEND: 'noninteractive' });
  missing = SYSTEM.filter((s) => !(s.skip?.() ?? false) && !existsSync(s.path)).map((s) => s.pkg);
  if (missing.length) {
    console.error(`setup: still missing after apt-get: ${missing.join(' ')}`);
    process.exit(1);
  }
}

// npm dependencies: `npm ci` when node_modules is missing or older than the lock file.
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  // .puppeteerrc.cjs keeps every puppeteer copy from downloading a browser.
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
const want = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const absent = Object.keys({ ...want.dependencies, ...want.devDependencies }).filter((d) => !existsSync(join(root, 'node_modules', d, 'package.json')));
if (absent.length) run('npm', ['ci', '--no-audit', '--no-fund']);
