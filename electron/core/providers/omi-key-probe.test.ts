import { describe, expect, it } from 'vitest';
import { createOmiKeyProbe, MCP_PROTOCOL_VERSION, parseJsonRpcAnswer } from './omi-key-probe';

const KEY = `omi_mcp_${'ab'.repeat(16)}`;
const INIT_RESULT = { jsonrpc: '2.0', id: 1, result: { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, serverInfo: { name: 'omi-mcp', version: '2.1' } } };

/** A fake server: answers each request with the next reply, and records what it was sent. */
function fakeServer(replies: Response[]) {
  const seen: { method: string; url: string; headers: Record<string, string>; body: string }[] = [];
  const fetch = async (request: Request) => {
    seen.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
    const reply = replies.shift();
    if (!reply) throw new TypeError('no more replies');
    return reply;
  };
  return { seen, probe: createOmiKeyProbe({ baseUrl: 'https://api.example/', fetch }, { name: 'DevKeys', version: '1.2.3' }) };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('parseJsonRpcAnswer', () => {
  it('reads a JSON answer, or the first message event of an event stream', () => {
    expect(parseJsonRpcAnswer('{"jsonrpc":"2.0","id":1,"result":{}}', 'application/json')).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    const stream = ': comment\n\nevent: ping\ndata: {"x":1}\n\nevent: message\ndata: {"jsonrpc":"2.0",\ndata: "id":1}\n\n';
    expect(parseJsonRpcAnswer(stream, 'text/event-stream; charset=utf-8')).toEqual({ jsonrpc: '2.0', id: 1 });
    expect(parseJsonRpcAnswer('data: {"a":2}\r\n\r\n', 'text/event-stream')).toEqual({ a: 2 });
    expect(parseJsonRpcAnswer('not json', 'application/json')).toBeUndefined();
  });
});

describe('MCP initialize probe', () => {
  it('sends a JSON-RPC initialize as Streamable HTTP asks, and ends the session it got', async () => {
    const server = fakeServer([json(200, INIT_RESULT, { 'mcp-session-id': 'sess-1' }), new Response(null, { status: 204 })]);
    expect(await server.probe.initializeMcp(KEY)).toEqual({
      status: 'works',
      info: { protocolVersion: MCP_PROTOCOL_VERSION, serverName: 'omi-mcp', serverVersion: '2.1' },
    });
    const [init, end] = server.seen;
    expect(init).toMatchObject({
      method: 'POST',
      url: 'https://api.example/v1/mcp',
      headers: { authorization: `Bearer ${KEY}`, accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
    });
    expect(JSON.parse(init!.body)).toEqual({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'DevKeys', version: '1.2.3' } },
    });
    expect(end).toMatchObject({ method: 'DELETE', url: 'https://api.example/v1/mcp', headers: { 'mcp-session-id': 'sess-1' } });
  });

  it('understands an event-stream answer', async () => {
    const stream = new Response(`event: message\ndata: ${JSON.stringify(INIT_RESULT)}\n\n`, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    const server = fakeServer([stream]);
    expect(await server.probe.initializeMcp(KEY)).toMatchObject({ status: 'works', info: { serverName: 'omi-mcp' } });
    expect(server.seen).toHaveLength(1);
  });

  it('a 401 is a refusal with the server’s words; a 429 gives its Retry-After; neither is retried', async () => {
    const refused = fakeServer([json(401, { detail: 'Invalid MCP API key' })]);
    expect(await refused.probe.initializeMcp(KEY)).toEqual({ status: 'rejected', httpStatus: 401, detail: 'Invalid MCP API key' });
    const limited = fakeServer([json(429, { detail: 'Rate limit exceeded. Try again in 9s.' }, { 'retry-after': '9' })]);
    expect(await limited.probe.introspectDevKey(`omi_dev_${'cd'.repeat(16)}`)).toEqual({ status: 'rate_limited', retryAfterSeconds: 9 });
    expect(refused.seen).toHaveLength(1);
    expect(limited.seen).toHaveLength(1);
  });

  it('a JSON-RPC error or an answer that is not JSON-RPC is a bad response, not a verdict on the key', async () => {
    const errored = fakeServer([json(200, { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'Unsupported protocol version' } })]);
    await expect(errored.probe.initializeMcp(KEY)).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('-32602') });
    const garbage = fakeServer([new Response('<html>hi</html>', { status: 200, headers: { 'content-type': 'text/html' } })]);
    await expect(garbage.probe.initializeMcp(KEY)).rejects.toMatchObject({ code: 'bad_response' });
  });
});

describe('Developer API key introspection probe', () => {
  it('asks GET /v1/dev/key with the key itself and reads its name and scopes (null → none listed)', async () => {
    const dev = `omi_dev_${'cd'.repeat(16)}`;
    const server = fakeServer([json(200, { id: 'k1', name: 'CI', key_prefix: 'omi_dev_cdcd...cdcd', created_at: '2025-01-01T00:00:00Z', last_used_at: null, scopes: ['goals:read'] })]);
    expect(await server.probe.introspectDevKey(dev)).toEqual({
      status: 'works',
      info: { id: 'k1', name: 'CI', key_prefix: 'omi_dev_cdcd...cdcd', scopes: ['goals:read'] },
    });
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: 'https://api.example/v1/dev/key', headers: { authorization: `Bearer ${dev}` } });
  });
});
