// Session test hooks over HTTP, served only with --faults (beside /__sandbox/faults): end a
// user's sessions, or disable the user. The in-process Sandbox API has the same two.
import { json, type Reply, type Route } from '../http';

export const AUTH_HOOKS_PATH = '/__sandbox/auth/users';

export interface SessionControls {
  endSessions(uid: string): number;
  disableUser(uid: string): void;
}

function run(action: () => Reply): Reply {
  try {
    return action();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return json(/^No sandbox Omi user/.test(message) ? 404 : 409, { detail: message });
  }
}

export function sessionHookRoutes(controls: SessionControls): Route[] {
  return [
    {
      method: 'POST',
      pattern: `${AUTH_HOOKS_PATH}/:uid/end-sessions`,
      handler: (_req, params) => run(() => json(200, { uid: params.uid, ended: controls.endSessions(params.uid ?? '') })),
    },
    {
      method: 'POST',
      pattern: `${AUTH_HOOKS_PATH}/:uid/disable`,
      handler: (_req, params) =>
        run(() => {
          controls.disableUser(params.uid ?? '');
          return json(200, { uid: params.uid, disabled: true });
        }),
    },
  ];
}
