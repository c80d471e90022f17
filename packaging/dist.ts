/**
 * `npm run dist`: the installers for this system, into release/ (after `npm run build`).
 *   npm run dist                  Linux: AppImage + deb · macOS: dmg + zip (x64, arm64) · Windows: nsis
 *   npm run dist -- --dir         only the unpacked app (quick; what the e2e of a packaged app needs)
 *   npm run dist -- --publish     also upload to the tag's draft GitHub release (needs GH_TOKEN)
 * Signing and notarization run when their secrets are set, else are skipped with the reason printed.
 */
import { build, Platform } from 'electron-builder';
import { builderConfig } from './builder-config';
import { writeAppIcons } from './icons';
import { signingPlan, signingSummary } from './signing';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => !['--dir', '--publish'].includes(arg));
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}. Usage: npm run dist [-- --dir] [-- --publish]`);
  process.exit(2);
}

writeAppIcons();
for (const line of signingSummary(signingPlan(process.env), process.platform)) console.log(line);

const platform = Platform.current();
const config = builderConfig();
if (args.has('--publish') && !config.publish) {
  console.error('--publish needs GITHUB_REPOSITORY (owner/name) to know where the release is; GitHub Actions sets it.');
  process.exit(2);
}
let artifacts: string[];
try {
  artifacts = await build({
    targets: args.has('--dir') ? platform.createTarget(['dir']) : platform.createTarget(),
    config,
    publish: args.has('--publish') ? 'always' : 'never',
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(message);
  console.error(
    offline
      ? `npm run dist needs to download Electron and electron-builder's tools, and could not (${message.split('\n')[0]}).`
      : `electron-builder failed: ${message.split('\n')[0]}`,
  );
  process.exit(1);
}
console.log(artifacts.length > 0 ? `Built:\n${artifacts.map((file) => `  ${file}`).join('\n')}` : 'Built the unpacked app in release/.');
