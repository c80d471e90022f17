/**
 * `npm run security`: Electronegativity over electron/ and renderer/ (offline: its release
 * check is excluded), plus project checks it cannot see. Exits 1 on any finding that is not
 * suppressed inline with a written reason.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import run from '@doyensec/electronegativity';

const ROOT = join(import.meta.dirname, '..');
const SCANNED = ['electron', 'renderer'];
const problems: string[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}
const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)));
const read = (path: string) => readFileSync(path, 'utf8');
const rel = (path: string) => relative(ROOT, path);

// 1. Electronegativity. Both folders in one scan so its global checks (CSP, navigation
//    limits, permission handler) see the whole app.
const scanDir = mkdtempSync(join(tmpdir(), 'devkeys-security-'));
try {
  for (const dir of SCANNED) cpSync(join(ROOT, dir), join(scanDir, dir), { recursive: true });
  const result = await run({
    input: scanDir,
    isRelative: true,
    electronVersionOverride: JSON.parse(read(join(ROOT, 'node_modules/electron/package.json'))).version,
    // The release check downloads Electron's release list; CI is offline.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
  for (const error of result.errors) problems.push(`electronegativity could not parse ${error.file}: ${error.message}`);
  for (const issue of result.issues) {
    problems.push(`${issue.id} at ${issue.file}:${issue.location.line} — ${issue.description}`);
  }
  console.log(`Electronegativity: ${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${result.issues.length} unsuppressed finding(s).`);
} finally {
  rmSync(scanDir, { recursive: true, force: true });
}

// 2. Every inline suppression carries a written reason: `eng-disable ID -- why` (JS) or a
//    `security:` comment on the line above (HTML, where the directive must stand alone).
for (const file of files) {
  const lines = read(file).split('\n');
  lines.forEach((line, index) => {
    if (!/eng-disable/.test(line)) return;
    const sameLineReason = /eng-disable[\w \t]+--\s*\S.{10,}/.test(line);
    const previousLineReason = /security:\s*\S.{10,}/.test(lines[index - 1] ?? '');
    if (!sameLineReason && !previousLineReason) problems.push(`${rel(file)}:${index + 1}: eng-disable without a written reason`);
  });
}

// 3. Project checks Electronegativity cannot see.
const mainSource = read(join(ROOT, 'electron/main.ts'));
const preloadSource = read(join(ROOT, 'electron/preload.ts'));
for (const file of files) {
  const source = read(file);
  const name = rel(file);
  if (/\bipcMain\s*\.\s*(handle|handleOnce|on|once)\s*\(/.test(source) && name !== 'electron/main.ts') {
    problems.push(`${name}: registers an IPC handler outside electron/main.ts (every handler must go through the router's sender check)`);
  }
  if (/\b(loadFile|loadURL)\s*\(\s*['"`]file:/.test(source) || /\.loadFile\s*\(/.test(source)) {
    problems.push(`${name}: loads a page from file:// — pages are served from app:// with a path-traversal guard`);
  }
  if (/shell\s*\.\s*openExternal\s*\(/.test(source) && !/(externalLinkToOpen|isAuthorizeUrlOf)\s*\(/.test(source)) {
    problems.push(`${name}: calls shell.openExternal without the externalLinkToOpen allow-list or the sign-in isAuthorizeUrlOf check`);
  }
}
// Each ipcMain.handle in main.ts hands the request to the router (which checks the sender first).
const registrations = [...mainSource.matchAll(/ipcMain\s*\.\s*handle\s*\(([\s\S]*?)\)\s*,?\s*\n\s*\)/g)];
if (registrations.length === 0) problems.push('electron/main.ts: no ipcMain.handle registration found');
for (const [block] of registrations) {
  if (!/router\.handle\(/.test(block) || !/event\.sender\.id/.test(block)) {
    problems.push('electron/main.ts: an ipcMain.handle registration does not pass the sender to router.handle');
  }
}
// The preload exposes one wrapped function per channel, never ipcRenderer itself.
const exposed = preloadSource.match(/exposeInMainWorld\(([^)]*)\)/g) ?? [];
if (exposed.length !== 1) problems.push('electron/preload.ts: expected exactly one contextBridge.exposeInMainWorld call');
for (const call of exposed) if (/ipcRenderer/.test(call)) problems.push('electron/preload.ts: exposes ipcRenderer directly');
const preloadCode = preloadSource.split('\n').filter((line) => !/^\s*import\b/.test(line)).join('\n');
if (/ipcRenderer\s*[,}\]]|:\s*ipcRenderer\b|\.\.\.ipcRenderer|=\s*ipcRenderer\s*;/.test(preloadCode)) {
  problems.push('electron/preload.ts: passes the raw ipcRenderer object around');
}
// The app:// protocol handler answers through appAssetResponse, which resolves paths through the traversal guard.
if (!/protocol\.handle\([\s\S]*?appAssetResponse\(/.test(mainSource)) {
  problems.push('electron/main.ts: the app:// protocol handler does not use appAssetResponse (path-traversal guard, 404s)');
}
if (!/resolveAppAsset\(/.test(read(join(ROOT, 'electron/core/security/app-protocol.ts')))) {
  problems.push('electron/core/security/app-protocol.ts: does not resolve paths with resolveAppAsset (path-traversal guard)');
}

if (problems.length > 0) {
  console.error(`\nSecurity check failed (${problems.length}):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log('Security check passed: no unsuppressed findings; IPC, preload and protocol checks OK.');
