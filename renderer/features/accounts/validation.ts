/** Client-side checks for the add-account forms, mirroring the IPC contract's schemas. Pure: unit-tested. */
export const DEFAULT_BASE_URL = 'https://api.omi.me';
export const LABEL_MAX = 60;

export type FieldName = 'label' | 'baseUrl' | 'credential';
export type FieldErrors = Partial<Record<FieldName, string>>;

// Mirrors the contract's isLoopbackHost / PLAIN_HTTP_MESSAGE (the renderer imports only its types).
export const PLAIN_HTTP_MESSAGE = 'Use https:// — plain http is allowed only for localhost';

/** Plain http only to this machine (the sandbox, a local server); anything else must be https. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

const isPlainHttpToRemote = (url: URL) => url.protocol === 'http:' && !isLoopbackHost(url.hostname);

/** Client-side checks mirroring the contract's schemas, with specific messages. */
export function validateAccountForm(values: { label: string; baseUrl: string; credential: string }): FieldErrors {
  const errors: FieldErrors = {};
  const label = values.label.trim();
  if (!label) errors.label = 'Enter a label.';
  else if (label.length > LABEL_MAX) errors.label = `Label must be at most ${LABEL_MAX} characters.`;

  const baseUrl = values.baseUrl.trim();
  if (!baseUrl) {
    errors.baseUrl = 'Enter the base URL, e.g. https://api.omi.me';
  } else {
    const url = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      errors.baseUrl = 'Base URL must start with https:// or http://, e.g. https://api.omi.me';
    } else if (url.username || url.password) {
      errors.baseUrl = 'Base URL must not contain a user name or password.';
    } else if (isPlainHttpToRemote(url)) {
      errors.baseUrl = PLAIN_HTTP_MESSAGE;
    }
  }

  const credential = values.credential.trim();
  if (!credential) errors.credential = 'Enter the bootstrap credential.';
  else if (/\s/.test(credential)) errors.credential = 'The credential must not contain spaces.';
  return errors;
}

export type OmniFieldName = 'instance' | 'credential';
export type OmniFieldErrors = Partial<Record<OmniFieldName, string>>;

/**
 * The Omni form's checks. Main normalizes the instance (name, host or URL) and answers per
 * field; here only what can be said without that: empty fields, spaces, plain http.
 */
export function validateOmniAccountForm(values: { instance: string; credential: string }): OmniFieldErrors {
  const errors: OmniFieldErrors = {};
  const instance = values.instance.trim();
  if (!instance) errors.instance = 'Enter your Omni instance name or URL.';
  else if (/^http:\/\//i.test(instance) && URL.canParse(instance) && isPlainHttpToRemote(new URL(instance))) {
    errors.instance = PLAIN_HTTP_MESSAGE;
  }

  const credential = values.credential.trim();
  if (!credential) errors.credential = 'Enter an Omni API token.';
  else if (/\s/.test(credential)) errors.credential = 'The token must not contain spaces.';
  return errors;
}
