/**
 * Code signing and notarization run only when their secrets are in the environment (the release
 * workflow passes them from GitHub secrets); otherwise they are skipped and `npm run dist` says why.
 * The variable names are electron-builder's own.
 */
type Env = Readonly<Record<string, string | undefined>>;

export interface SigningStep {
  run: boolean;
  /** Why it runs or is skipped, one sentence. */
  reason: string;
}

export interface SigningPlan {
  macSign: SigningStep;
  macNotarize: SigningStep;
  windowsSign: SigningStep;
}

const has = (env: Env, ...names: string[]) => names.every((name) => Boolean(env[name]?.trim()));

export function signingPlan(env: Env): SigningPlan {
  const macCertificate = has(env, 'CSC_LINK') || has(env, 'CSC_NAME');
  const macSign: SigningStep = macCertificate
    ? { run: true, reason: 'macOS signing: with the certificate in CSC_LINK / CSC_NAME.' }
    : { run: false, reason: 'macOS signing skipped: CSC_LINK (or CSC_NAME) is not set; the app is ad-hoc signed and Gatekeeper will warn.' };

  const notaryCredentials =
    has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
    has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
    has(env, 'APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE');
  const macNotarize: SigningStep = !macSign.run
    ? { run: false, reason: 'macOS notarization skipped: only a signed app can be notarized.' }
    : notaryCredentials
      ? { run: true, reason: "macOS notarization: with Apple's notary service." }
      : {
          run: false,
          reason: 'macOS notarization skipped: set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID).',
        };

  const windowsCertificate = has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK');
  const windowsSign: SigningStep = windowsCertificate
    ? { run: true, reason: 'Windows signing: with the certificate in WIN_CSC_LINK / CSC_LINK.' }
    : { run: false, reason: 'Windows signing skipped: WIN_CSC_LINK is not set; SmartScreen will warn about an unknown publisher.' };

  return { macSign, macNotarize, windowsSign };
}

/** The lines `npm run dist` prints for the platform it builds on. */
export function signingSummary(plan: SigningPlan, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') return [plan.macSign.reason, plan.macNotarize.reason];
  if (platform === 'win32') return [plan.windowsSign.reason];
  return ['Linux packages are not signed (AppImage and deb have no signing step here).'];
}
