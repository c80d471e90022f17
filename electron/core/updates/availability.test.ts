import { describe, expect, it } from 'vitest';
import { updatesOffReason } from './availability';

const packagedLinux = { packaged: true, hasFeed: true, platform: 'linux' as const, macSigned: false };

describe('which builds update themselves', () => {
  it('packaged builds with a feed do', () => {
    expect(updatesOffReason(packagedLinux)).toBeNull();
    expect(updatesOffReason({ ...packagedLinux, platform: 'win32' })).toBeNull();
    expect(updatesOffReason({ ...packagedLinux, platform: 'darwin', macSigned: true })).toBeNull();
  });
  it('never npm start / preview, even with a feed', () => {
    expect(updatesOffReason({ ...packagedLinux, packaged: false })).toBe('development');
  });
  it('not a build made without a release repository', () => {
    expect(updatesOffReason({ ...packagedLinux, hasFeed: false })).toBe('no_feed');
  });
  it('not an unsigned macOS build (Squirrel.Mac would refuse the update)', () => {
    expect(updatesOffReason({ ...packagedLinux, platform: 'darwin', macSigned: false })).toBe('unsigned_mac');
  });
});
