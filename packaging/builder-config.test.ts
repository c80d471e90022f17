/** The packaging configuration: targets, identity, fuses against what the packager produces, signing, the feed. */
import { FuseV1Options } from '@electron/fuses';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { APP_FILES, builderConfig, releaseRepository } from './builder-config';
import { DEVKEYS_FUSES } from './fuses';
import { signingPlan, signingSummary } from './signing';

const config = builderConfig({ env: {} });

function targets(platform: Configuration['linux'] | Configuration['mac'] | Configuration['win']): Record<string, string[]> {
  const list = (platform?.target ?? []) as TargetConfiguration[];
  return Object.fromEntries(list.map((t) => [t.target, (t.arch ?? []) as string[]]));
}

describe('electron-builder configuration', () => {
  it('builds AppImage + deb on Linux, dmg + zip for x64 and arm64 on macOS, nsis on Windows', () => {
    expect(targets(config.linux)).toEqual({ AppImage: ['x64'], deb: ['x64'] });
    expect(targets(config.mac)).toEqual({ dmg: ['x64', 'arm64'], zip: ['x64', 'arm64'] });
    expect(targets(config.win)).toEqual({ nsis: ['x64'] });
  });

  it('names the app DevKeys with a stable app id, packs it into an asar and rebuilds nothing', () => {
    expect(config).toMatchObject({ productName: 'DevKeys', appId: 'app.devkeys.desktop', asar: true, npmRebuild: false });
    expect(config.linux).toMatchObject({ executableName: 'devkeys', icon: expect.stringMatching(/build[\\/]icons$/) });
    expect(config.mac?.icon).toMatch(/build[\\/]icon\.icns$/);
    expect(config.win?.icon).toMatch(/build[\\/]icon\.ico$/);
  });

  it('ships only the build output and package.json, never maps, tests, fixtures, sources or .env files', () => {
    const included = APP_FILES.filter((p) => !p.startsWith('!'));
    expect(included.sort()).toEqual(['dist/assets/**/*', 'dist/main/**/*', 'dist/preload/**/*', 'dist/renderer/**/*', 'package.json']);
    for (const excluded of ['!**/*.map', '!**/*.{test,spec}.*', '!**/.env', '!**/.env.*', '!**/fixtures{,/**/*}', '!**/*.{ts,tsx}']) {
      expect(APP_FILES).toContain(excluded);
    }
    // pack.test.ts packs for real and checks the asar against decoys of each kind.
  });

  it('the fuses fit what the packager produces', () => {
    // OnlyLoadAppFromAsar needs the app in an asar; integrity validation needs electron-builder's embedded hash.
    expect(DEVKEYS_FUSES[FuseV1Options.OnlyLoadAppFromAsar] && config.asar).toBe(true);
    expect(DEVKEYS_FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config.disableAsarIntegrity ?? false).toBe(false);
    // Our fuse step runs in afterPack; electron-builder's own must not flip them a second time.
    expect(typeof config.afterPack).toBe('function');
    expect(config.electronFuses ?? null).toBeNull();
  });

  it('sets each fuse explicitly', () => {
    expect(DEVKEYS_FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('publishes to a draft GitHub release of the repository Actions builds, and nowhere without one', () => {
    const released = builderConfig({ env: { GITHUB_REPOSITORY: 'devkeys-app/devkeys' } });
    expect(released.publish).toEqual([{ provider: 'github', owner: 'devkeys-app', repo: 'devkeys', releaseType: 'draft' }]);
    expect(config.publish).toBeNull();
    expect(releaseRepository({ GITHUB_REPOSITORY: 'not a repo' })).toBeNull();
  });
});

describe('code signing and notarization', () => {
  it('without secrets: nothing is signed, each skip says why, and macOS gets no keychain lookup', () => {
    const plan = signingPlan({});
    expect([plan.macSign.run, plan.macNotarize.run, plan.windowsSign.run]).toEqual([false, false, false]);
    expect(plan.macSign.reason).toMatch(/skipped: CSC_LINK/);
    expect(plan.macNotarize.reason).toMatch(/skipped: only a signed app/);
    expect(plan.windowsSign.reason).toMatch(/skipped: WIN_CSC_LINK/);
    expect(config.mac).toMatchObject({ identity: null, notarize: false });
  });

  it('with a certificate and notary credentials: signs and notarizes', () => {
    const env = { CSC_LINK: 'base64…', APPLE_API_KEY: '/tmp/AuthKey.p8', APPLE_API_KEY_ID: 'ABC', APPLE_API_ISSUER: 'uuid' };
    const plan = signingPlan(env);
    expect([plan.macSign.run, plan.macNotarize.run]).toEqual([true, true]);
    const signed = builderConfig({ env });
    expect(signed.mac?.identity).toBeUndefined();
    expect(signed.mac?.notarize).toBe(true);
  });

  it('a certificate without notary credentials signs but skips notarization, saying which variables are missing', () => {
    const plan = signingPlan({ CSC_LINK: 'x', APPLE_ID: 'me@example.com' });
    expect(plan.macSign.run).toBe(true);
    expect(plan.macNotarize).toEqual({ run: false, reason: expect.stringMatching(/APPLE_API_KEY.*APPLE_ID/) });
  });

  it('empty secrets (what Actions passes for a missing secret) count as missing', () => {
    expect(signingPlan({ CSC_LINK: '', WIN_CSC_LINK: '  ' }).windowsSign.run).toBe(false);
    expect(signingPlan({ WIN_CSC_LINK: 'x' }).windowsSign.run).toBe(true);
  });

  it('prints the lines for the system it builds on', () => {
    const plan = signingPlan({});
    expect(signingSummary(plan, 'darwin')).toEqual([plan.macSign.reason, plan.macNotarize.reason]);
    expect(signingSummary(plan, 'win32')).toEqual([plan.windowsSign.reason]);
    expect(signingSummary(plan, 'linux')[0]).toMatch(/not signed/);
  });
});
