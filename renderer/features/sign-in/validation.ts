/** Client-side checks of the sign-in form's Advanced fields, mirroring the contract's schemas. Pure: unit-tested. */
import { OMI_API_BASE, OMI_FIREBASE_WEB_API_KEY } from '../../../electron/ipc/omi-defaults';
import { validateAccountForm } from '../accounts/validation';

export { OMI_API_BASE, OMI_FIREBASE_WEB_API_KEY };

export type AdvancedField = 'apiBase' | 'firebaseApiKey' | 'authEmulatorHost';
export type AdvancedErrors = Partial<Record<AdvancedField, string>>;

export interface AdvancedValues {
  apiBase: string;
  firebaseApiKey: string;
  authEmulatorHost: string;
}

const EMULATOR_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]):([1-9]\d{0,4})$/;

export function validateAdvanced(values: AdvancedValues): AdvancedErrors {
  const errors: AdvancedErrors = {};
  // The base URL rules are the credential form's (https, or http to this machine only).
  const baseUrlError = validateAccountForm({ label: 'x', baseUrl: values.apiBase, credential: 'x' }).baseUrl;
  if (baseUrlError) errors.apiBase = baseUrlError.replace('Enter the base URL', 'Enter the API base URL');
  const key = values.firebaseApiKey.trim();
  if (!/^[A-Za-z0-9_-]{10,100}$/.test(key)) {
    errors.firebaseApiKey = key ? 'A Firebase Web API key is 10–100 letters, digits, - or _ (e.g. AIzaSy…).' : 'Enter the Firebase Web API key of this backend.';
  }
  const host = values.authEmulatorHost.trim();
  const match = EMULATOR_HOST.exec(host);
  if (host && (!match || Number(match[2]) > 65535)) {
    errors.authEmulatorHost = 'Use host:port on this machine, e.g. 127.0.0.1:9099 — or leave it empty for Google’s servers.';
  }
  return errors;
}

/** What the signIn channel gets: only the fields that differ from api.omi.me's defaults. */
export function advancedArgs(values: AdvancedValues): { apiBase?: string; firebaseApiKey?: string; authEmulatorHost?: string } {
  const apiBase = values.apiBase.trim().replace(/\/+$/, '');
  const key = values.firebaseApiKey.trim();
  const host = values.authEmulatorHost.trim();
  return {
    ...(apiBase && apiBase !== OMI_API_BASE ? { apiBase } : {}),
    ...(key && key !== OMI_FIREBASE_WEB_API_KEY ? { firebaseApiKey: key } : {}),
    ...(host ? { authEmulatorHost: host } : {}),
  };
}

/** "api.omi.me" for the waiting text. */
export function hostOf(apiBase: string): string {
  try {
    return new URL(apiBase.trim()).host || 'Omi';
  } catch {
    return 'Omi';
  }
}
