// Who a sandbox Omi user is, as the sign-in endpoints see them. The users themselves (and
// their keys) live in OmiService; the sign-in side only looks them up.

export interface OmiIdentity {
  /** The Firebase uid: `sub` and `user_id` of the user's ID tokens. */
  uid: string;
  email: string;
  name: string;
  /** A disabled user cannot sign in or refresh, and their ID tokens stop working. */
  disabled: boolean;
}

export interface IdentityDirectory {
  identity(uid: string): OmiIdentity | undefined;
}

/** Firebase's limit on a uid (Admin SDKs refuse longer ones). */
export const MAX_UID_LENGTH = 128;

export function isValidUid(uid: unknown): uid is string {
  return typeof uid === 'string' && uid.length > 0 && uid.length <= MAX_UID_LENGTH;
}
