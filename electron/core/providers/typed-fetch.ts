/**
 * Typed requests over the `paths` that openapi-typescript generates, sent with ONE `fetch(url,
 * init)`. openapi-fetch builds a `Request` that `fetch` then copies again (each following the
 * timeout signal) and a `Headers` object per call; for the Omi key lists, on every screen and
 * every refresh, that was a fifth of the IPC figure's overhead (`npm run bench`). The answer is
 * read exactly as openapi-fetch reads it, so callers and callApi see the same outcomes.
 */
import type { HttpSettings } from './http';

type Method = 'get' | 'post' | 'delete';

/** The paths that have an operation for `M` (openapi-typescript marks the others `?: never`). */
type PathsWith<Paths, M extends Method> = { [P in keyof Paths]: Paths[P] extends { [K in M]: object } ? P : never }[keyof Paths];
type Operation<Paths, P extends keyof Paths, M extends Method> = Paths[P] extends { [K in M]: infer Op } ? Op : never;
type PathParams<Op> = Op extends { parameters: { path: infer A } } ? A : never;
type JsonBody<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type RequestOptions<Op> = { headers: Record<string, string>; signal: AbortSignal } & ([PathParams<Op>] extends [never]
  ? { params?: never }
  : { params: { path: PathParams<Op> } }) &
  ([JsonBody<Op>] extends [never] ? { body?: never } : { body: JsonBody<Op> });

/** What callApi reads: the parsed body of a success (`data`) or of a failure (`error`). */
export interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export type TypedFetch<Paths> = <M extends Method, P extends PathsWith<Paths, M>>(
  method: M,
  path: P,
  options: RequestOptions<Operation<Paths, P, M>>,
) => Promise<Answer>;

export function typedFetch<Paths>(settings: Pick<HttpSettings, 'baseUrl' | 'fetch'>): TypedFetch<Paths> {
  const baseUrl = settings.baseUrl.replace(/\/+$/, '');
  const inject = settings.fetch;
  // Tests inject a fetch that takes a Request; DevKeys itself lets fetch build the only one.
  const send = inject ? (url: string, init: RequestInit) => inject(new Request(url, init)) : (url: string, init: RequestInit) => fetch(url, init);
  return async (method, path, options) => {
    const { headers, signal, body } = options as { headers: Record<string, string>; signal: AbortSignal; body?: unknown };
    const pathParams = (options as { params?: { path?: Record<string, string> } }).params?.path;
    const url = baseUrl + (pathParams ? fillPath(String(path), pathParams) : String(path));
    const init: RequestInit =
      body === undefined
        ? { method: method.toUpperCase(), headers, signal }
        : { method: method.toUpperCase(), headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body), signal };
    return readAnswer(await send(url, init));
  };
}

/** `{key_id}` → the percent-encoded value, as openapi-fetch's default path serializer does. */
function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^{}]+)\}/g, (match, name: string) => (params[name] === undefined ? match : encodeURIComponent(params[name])));
}

/**
 * openapi-fetch's reading of an answer, without its header look-ups: no body for a 204 or an
 * empty one; JSON (a SyntaxError if it is not), or for errors the text when it is not JSON.
 */
async function readAnswer(response: Response): Promise<Answer> {
  // A JSON success is parsed from its bytes (no intermediate string: a key list is ~10 KB, and
  // the string cost more than the parse; `npm run bench`, IPC). An empty one has no body.
  if (response.ok && response.status !== 204 && isJsonType(response.headers.get('content-type')) && response.headers.get('content-length') !== '0') {
    return { data: await response.json(), response };
  }
  const text = response.status === 204 ? '' : await response.text();
  if (response.ok) return { data: text ? JSON.parse(text) : undefined, response };
  if (!text) return { error: undefined, response };
  try {
    return { error: JSON.parse(text), response };
  } catch {
    return { error: text, response };
  }
}

/** `application/json`, `application/problem+json`, with or without parameters. */
function isJsonType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const end = contentType.indexOf(';');
  const type = (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
