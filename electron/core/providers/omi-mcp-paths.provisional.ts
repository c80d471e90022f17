/**
 * PROVISIONAL: the shapes of `/v1/mcp/keys`, `GET /v1/dev/key` and `POST /v1/mcp` until the
 * project-local OpenAPI file and its generated types arrive (branch sandbox-mcp). Replaced by
 * `electron/generated/…` on merge.
 */
interface McpApiKey {
  id: string;
  name: string;
  key_prefix: string;
  created_at: string;
  last_used_at?: string | null;
  app_id?: string | null;
  scopes?: string[] | null;
}
type Json = { content: { 'application/json': unknown } };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };

export interface paths {
  '/v1/mcp/keys': {
    parameters: NoParams;
    get: { parameters: NoParams; responses: { 200: { content: { 'application/json': McpApiKey[] } }; 401: Json } };
    post: {
      parameters: NoParams;
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 200: { content: { 'application/json': McpApiKey & { key: string } } }; 422: Json };
    };
  };
  '/v1/mcp/keys/{key_id}': {
    parameters: NoParams;
    delete: {
      parameters: { query?: never; header?: never; path: { key_id: string }; cookie?: never };
      responses: { 204: { content?: never }; 503: Json };
    };
  };
  '/v1/dev/key': {
    parameters: NoParams;
    get: { parameters: NoParams; responses: { 200: { content: { 'application/json': McpApiKey } }; 401: Json; 429: Json } };
  };
  '/v1/mcp': {
    parameters: NoParams;
    post: {
      parameters: NoParams;
      requestBody: { content: { 'application/json': Record<string, unknown> } };
      responses: { 200: { content: { 'application/json': unknown; 'text/event-stream': string } }; 401: Json };
    };
  };
}
