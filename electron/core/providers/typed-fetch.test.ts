import { describe, expect, it } from 'vitest';
import type { paths } from '../../generated/omi-api';
import { typedFetch } from './typed-fetch';

/** A typed fetch whose injected transport records each Request and answers with `reply`. */
function recording(reply: () => Response) {
  const sent: Request[] = [];
  const request = typedFetch<paths>({
    baseUrl: 'https://api.example.test/',
    fetch: async (req) => (sent.push(req), reply()),
  });
  return { request, sent };
}
const signal = new AbortController().signal;
const headers = { Authorization: 'Bearer t0ken' };

describe('typedFetch', () => {
  it('sends one request to the base URL + path, with the path parameters encoded', async () => {
    const { request, sent } = recording(() => new Response(null, { status: 204 }));
    await request('delete', '/v1/dev/keys/{key_id}', { headers, signal, params: { path: { key_id: 'a/b c?' } } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('DELETE');
    expect(sent[0]!.url).toBe('https://api.example.test/v1/dev/keys/a%2Fb%20c%3F');
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer t0ken');
    expect(sent[0]!.headers.get('content-type')).toBeNull();
  });

  it('sends a body as JSON with its content type, and the signal it was given', async () => {
    const { request, sent } = recording(() => Response.json({ id: 'k' }));
    const controller = new AbortController();
    await request('post', '/v1/dev/keys', { headers, signal: controller.signal, body: { name: 'CI', scopes: ['memories:read'] } });
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.headers.get('content-type')).toBe('application/json');
    expect(await sent[0]!.json()).toEqual({ name: 'CI', scopes: ['memories:read'] });
    controller.abort();
    expect(sent[0]!.signal.aborted).toBe(true);
  });

  it.each([
    ['a JSON success', () => Response.json([{ id: 'k' }]), { data: [{ id: 'k' }] }],
    ['a 204', () => new Response(null, { status: 204 }), { data: undefined }],
    ['an empty success', () => new Response('', { status: 200 }), { data: undefined }],
    ['an empty JSON success', () => new Response('', { status: 200, headers: { 'content-type': 'application/json', 'content-length': '0' } }), { data: undefined }],
    ['a JSON success with parameters', () => new Response('{"id":"k"}', { headers: { 'content-type': 'Application/JSON; charset=utf-8' } }), { data: { id: 'k' } }],
    ['a JSON success sent as text', () => new Response('[1]', { headers: { 'content-type': 'text/plain' } }), { data: [1] }],
    ['a JSON error', () => Response.json({ detail: 'Invalid authentication credentials' }, { status: 401 }), { error: { detail: 'Invalid authentication credentials' } }],
    ['a text error', () => new Response('Bad Gateway', { status: 502 }), { error: 'Bad Gateway' }],
    ['an empty error', () => new Response('', { status: 500 }), { error: undefined }],
  ])('reads %s as openapi-fetch does', async (_, reply, expected) => {
    const { request } = recording(reply);
    const answer = await request('get', '/v1/dev/keys', { headers, signal });
    expect({ data: answer.data, error: answer.error }).toEqual({ data: undefined, error: undefined, ...expected });
  });

  it('throws a SyntaxError for a success that is not JSON (callApi: "not valid JSON")', async () => {
    const { request } = recording(() => new Response('<html>', { status: 200 }));
    await expect(request('get', '/v1/dev/keys', { headers, signal })).rejects.toBeInstanceOf(SyntaxError);
  });

  it('throws a SyntaxError for a success labelled JSON that is not', async () => {
    const { request } = recording(() => new Response('<html>', { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(request('get', '/v1/dev/keys', { headers, signal })).rejects.toBeInstanceOf(SyntaxError);
  });
});
