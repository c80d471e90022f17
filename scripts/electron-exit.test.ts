import { describe, expect, it } from 'vitest';
import { explainElectronExit, LINUX_SANDBOX_HINT } from './electron-exit';

describe('npm start when Electron ends', () => {
  it('passes a normal exit code through', () => {
    expect(explainElectronExit(0, null, 'linux')).toEqual({ exitCode: 0, message: null });
    expect(explainElectronExit(3, null, 'darwin')).toEqual({ exitCode: 3, message: null });
  });
  it('a signal is a failure (128 + its number), never exit 0', () => {
    expect(explainElectronExit(null, 'SIGTRAP', 'win32')).toEqual({ exitCode: 133, message: 'Electron was stopped by SIGTRAP.' });
    expect(explainElectronExit(null, 'SIGABRT', 'darwin').exitCode).toBe(134);
  });
  it('on Linux it explains the chrome-sandbox / AppArmor fix', () => {
    const { exitCode, message } = explainElectronExit(null, 'SIGTRAP', 'linux');
    expect(exitCode).toBe(133);
    expect(message).toContain(LINUX_SANDBOX_HINT);
    expect(message).toMatch(/chmod 4755 node_modules\/electron\/dist\/chrome-sandbox/);
    expect(message).toMatch(/kernel\.apparmor_restrict_unprivileged_userns=0/);
  });
  it('Ctrl+C that we passed on exits non-zero without a lecture', () => {
    expect(explainElectronExit(null, 'SIGINT', 'linux', true)).toEqual({ exitCode: 130, message: null });
  });
  it('no code and no signal is still a failure', () => {
    expect(explainElectronExit(null, null, 'linux').exitCode).toBe(1);
  });
});
