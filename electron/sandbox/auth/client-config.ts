// GET /v1/config/api-keys (backend/routers/desktop_core.py): public client configuration,
// behind the backend's general ID-token check (`get_current_user_uid`), whose texts differ from
// the key endpoints' (`get_current_user_id`).
import { json, type Reply, type Route } from '../http';

export const CLIENT_CONFIG_PATH = '/v1/config/api-keys';

/** The backend's explanation when an Omi API key is sent where an ID token belongs. */
const WRONG_KEY_FAMILY: Record<string, string> = {
  omi_dev_:
    'Developer API keys (omi_dev_...) only authenticate the Developer API under /v1/dev/ (for example GET /v1/dev/user/memories). ' +
    'This endpoint requires a Firebase ID token from a signed-in Omi app.',
  omi_mcp_:
    'MCP API keys (omi_mcp_...) only authenticate the MCP endpoints under /v1/mcp/ (for example GET /v1/mcp/memories, ' +
    'GET /v1/mcp/conversations) and the MCP server at /v1/mcp/sse. This endpoint requires a Firebase ID token from a signed-in Omi app.',
};

const detail = (message: string): Reply => json(401, { detail: message });

export function clientConfigRoutes(opts: { firebaseApiKey: string; signedInUid: (idToken: string) => string | null }): Route[] {
  return [
    {
      method: 'GET',
      pattern: CLIENT_CONFIG_PATH,
      handler: (req) => {
        const authorization = req.headers.authorization ?? '';
        if (authorization === '') return detail('Authorization header not found');
        // The backend splits on single spaces and takes the second part, whatever the scheme says.
        const parts = authorization.split(' ');
        if (parts.length !== 2) return detail('Invalid authorization token');
        const token = parts[1] ?? '';
        const family = Object.keys(WRONG_KEY_FAMILY).find((prefix) => token.startsWith(prefix));
        if (family !== undefined) return detail(WRONG_KEY_FAMILY[family] ?? '');
        if (opts.signedInUid(token) === null) return detail('Invalid authorization token');
        return json(200, { firebase_api_key: opts.firebaseApiKey });
      },
    },
  ];
}
