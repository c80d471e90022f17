/** `npm start`: runs the built app in Electron, or explains plainly why it cannot here. */
import { spawn } from 'node:child_process';
import { ensureElectronBinary } from './electron-binary';
import { explainElectronExit } from './electron-exit';

const found = ensureElectronBinary();
if ('reason' in found) {
  console.error(
    [
      '',
      'DevKeys cannot start Electron on this machine: its binary is not installed and could not be',
      `downloaded (${found.reason}).`,
      '',
      'You can still use DevKeys: `npm run preview` opens the same interface in Chromium, backed by',
      'the real main-process core and the built-in sandbox.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
const child = spawn(found.binary, ['.'], { stdio: 'inherit' });
let forwarded = false;
child.on('exit', (code, signal) => {
  const { exitCode, message } = explainElectronExit(code, signal, process.platform, forwarded);
  if (message) console.error(`\n${message}\n`);
  process.exit(exitCode);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    forwarded = true;
    child.kill(signal);
  });
}
