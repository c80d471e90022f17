/**
 * Opens a sign-in page in the user's system browser (never an in-app web view, RFC 8252):
 * only the authorize URL of the account's own API base, checked here again whatever the core says.
 */
import { shell } from 'electron';
import { isAuthorizeUrlOf } from '../core/session/backend';

export async function openSignInPage(url: string, apiBase: string): Promise<void> {
  if (!isAuthorizeUrlOf(url, apiBase)) throw new Error('Refusing to open a URL that is not this backend’s sign-in page.');
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only the authorize URL of the account's own API base (isAuthorizeUrlOf above)
}
