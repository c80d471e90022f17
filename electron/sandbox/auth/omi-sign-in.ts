// Everything "Sign in with Omi" adds to the sandbox, put together: the sign-in endpoints, the
// Firebase side (the sandbox's own or an external emulator), /v1/config/api-keys and the
// session test hooks, plus the controls the in-process Sandbox API exposes.
import type { Route } from '../http';
import type { OmiService } from '../omi';
import { clientConfigRoutes } from './client-config';
import {
  DEFAULT_FIREBASE_API_KEY,
  DEFAULT_ID_TOKEN_TTL_SECONDS,
  EmulatorFirebase,
  SandboxFirebase,
  type FirebaseBackend,
} from './firebase';
import { SandboxSignIn } from './sign-in';
import { sessionHookRoutes } from './test-hooks';

export interface FirebaseEmulatorTarget {
  /** `host:port` of a running Firebase Auth emulator (FIREBASE_AUTH_EMULATOR_HOST). */
  host: string;
  projectId: string;
}

export interface SignInSettings {
  firebaseApiKey?: string;
  idTokenTtlSeconds?: number;
  firebaseEmulator?: FirebaseEmulatorTarget;
}

export const MAX_ID_TOKEN_TTL_SECONDS = 86_400;
const API_KEY_PATTERN = /^[A-Za-z0-9._~-]{1,256}$/;
/** Google's rule for project ids: 6–30 lowercase letters, digits and hyphens, starting with a letter. */
const PROJECT_ID_PATTERN = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const EMULATOR_HOST_PATTERN = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?):(\d{1,5})$/;

export function apiKeyProblem(key: string): string | null {
  return API_KEY_PATTERN.test(key) ? null : 'expected 1 to 256 of A-Z a-z 0-9 . _ ~ -';
}

export function idTokenTtlProblem(seconds: number): string | null {
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_ID_TOKEN_TTL_SECONDS
    ? null
    : `expected a whole number of seconds from 1 to ${MAX_ID_TOKEN_TTL_SECONDS}`;
}

export function emulatorHostProblem(host: string): string | null {
  const port = Number(EMULATOR_HOST_PATTERN.exec(host)?.[1] ?? NaN);
  return port >= 1 && port <= 65535 ? null : 'expected HOST:PORT, e.g. 127.0.0.1:9099';
}

export function projectIdProblem(projectId: string): string | null {
  return PROJECT_ID_PATTERN.test(projectId) ? null : 'expected 6 to 30 lowercase letters, digits or hyphens, starting with a letter';
}

/** Throws on a setting startSandbox cannot honour (the CLI checks the same rules first, per flag). */
function validate(settings: SignInSettings): void {
  const problems: string[] = [];
  const add = (what: string, problem: string | null) => problem && problems.push(`${what}: ${problem}`);
  if (settings.firebaseApiKey !== undefined) add('firebaseApiKey', apiKeyProblem(settings.firebaseApiKey));
  if (settings.idTokenTtlSeconds !== undefined) add('idTokenTtlSeconds', idTokenTtlProblem(settings.idTokenTtlSeconds));
  if (settings.firebaseEmulator) {
    add('firebaseEmulator.host', emulatorHostProblem(settings.firebaseEmulator.host));
    add('firebaseEmulator.projectId', projectIdProblem(settings.firebaseEmulator.projectId));
  }
  if (problems.length > 0) throw new RangeError(`Invalid sandbox sign-in settings: ${problems.join('; ')}`);
}

export class OmiSignIn {
  readonly firebase: FirebaseBackend;
  readonly firebaseApiKey: string;
  private readonly signIn: SandboxSignIn;
  private readonly emulatorHost: string | null;
  private nextUid: string | null = null;

  constructor(
    private readonly omi: OmiService,
    settings: SignInSettings & { now: () => Date; autoApprove: boolean },
  ) {
    validate(settings);
    this.firebaseApiKey = settings.firebaseApiKey ?? DEFAULT_FIREBASE_API_KEY;
    const emulator = settings.firebaseEmulator;
    this.emulatorHost = emulator?.host ?? null;
    this.firebase = emulator
      ? new EmulatorFirebase(emulator.projectId, settings.now)
      : new SandboxFirebase({
          now: settings.now,
          users: omi,
          apiKey: this.firebaseApiKey,
          idTokenTtlSeconds: settings.idTokenTtlSeconds ?? DEFAULT_ID_TOKEN_TTL_SECONDS,
        });
    this.signIn = new SandboxSignIn({
      now: settings.now,
      users: omi,
      firebase: this.firebase,
      autoApprove: settings.autoApprove,
      currentUid: () => {
        if (this.nextUid === null) throw new Error('No sandbox Omi user to sign in as');
        return this.nextUid;
      },
    });
  }

  /** The sign-in routes; the session test hooks only when fault injection is on. */
  routes(withTestHooks: boolean): Route[] {
    return [
      ...this.signIn.routes(),
      ...this.firebase.routes(),
      ...clientConfigRoutes({ firebaseApiKey: this.firebaseApiKey, signedInUid: (token) => this.omi.signedInUid(token) }),
      ...(withTestHooks ? sessionHookRoutes({ endSessions: (uid) => this.endSessions(uid), disableUser: (uid) => this.disableUser(uid) }) : []),
    ];
  }

  /** Where clients reach the Firebase endpoints: this sandbox itself, or the external emulator. */
  authEmulatorHost(sandboxHostPort: string): string {
    return this.emulatorHost ?? sandboxHostPort;
  }

  /** Whom the consent page and auto-approve sign in from now on. */
  signInAs(uid: string): void {
    this.requireUser(uid);
    this.nextUid = uid;
  }

  restoreSession(uid: string, refreshToken: string): void {
    this.requireUser(uid);
    this.firebase.restoreSession(uid, refreshToken);
  }

  endSessions(uid: string): number {
    this.requireUser(uid);
    return this.firebase.endSessions(uid);
  }

  disableUser(uid: string): void {
    this.omi.disableUser(uid);
  }

  private requireUser(uid: string): void {
    if (!this.omi.identity(uid)) throw new Error(`No sandbox Omi user with uid '${uid}'`);
  }
}
