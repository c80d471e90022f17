/** Client-side checks for the add-account form, mirroring the IPC contract's schemas. Pure: unit-tested. */
export const DEFAULT_BASE_URL = 'https://api.omi.me';
export const LABEL_MAX = 60;

export type FieldName = 'label' | 'baseUrl' | 'credential';
export type FieldErrors = Partial<Record<FieldName, string>>;

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
    }
  }

  const credential = values.credential.trim();
  if (!credential) errors.credential = 'Enter the bootstrap credential.';
  else if (/\s/.test(credential)) errors.credential = 'The credential must not contain spaces.';
  return errors;
}
