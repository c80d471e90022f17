// The backend's redirect_uri rules (backend/routers/auth.py `_validate_redirect_uri`), applied to
// what Python's urllib.parse.urlsplit reads from the string — not to what a WHATWG URL parser
// would make of it, so the sandbox accepts and refuses exactly what the backend does.
import { isIP } from 'node:net';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '::1']);
/** Schemes that must never receive a code (https would send it off the machine). */
const FORBIDDEN_SCHEMES = new Set(['https', 'javascript', 'data', 'vbscript', 'file', 'blob', 'filesystem', 'about']);
const SCHEME_CHARS = /^[A-Za-z0-9+.-]+$/;
/** urlsplit strips these from the start (WHATWG C0 control or space)… */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LEADING_C0_OR_SPACE = /^[\u0000-\u0020]+/;
/** …and removes these everywhere. */
const TAB_OR_NEWLINE = /[\t\r\n]/g;

export const LOOPBACK_REQUIRED = 'HTTP redirect_uri must point at loopback (localhost, 127.0.0.1, or ::1)';

export type RedirectCheck =
  | { ok: true }
  | { ok: false; detail: string }
  /** Python's urlsplit raises ValueError ("Invalid IPv6 URL"): the backend answers 500. */
  | { ok: false; crash: true };

interface PythonUrlParts {
  scheme: string;
  netloc: string;
}

/** The scheme and netloc Python's urlsplit finds, or null where it raises ValueError. */
export function pythonUrlSplit(raw: string): PythonUrlParts | null {
  let url = raw.replace(LEADING_C0_OR_SPACE, '').replace(TAB_OR_NEWLINE, '');
  let scheme = '';
  const colon = url.indexOf(':');
  if (colon > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  let netloc = '';
  if (url.startsWith('//')) {
    const rest = url.slice(2);
    const end = Math.min(...['/', '?', '#'].map((c) => rest.indexOf(c)).filter((i) => i >= 0), rest.length);
    netloc = rest.slice(0, end);
    const open = netloc.includes('[');
    const close = netloc.includes(']');
    if (open !== close) return null;
    if (open && !bracketedNetlocIsValid(netloc)) return null;
  }
  return { scheme, netloc };
}

/** Python's `_check_bracketed_netloc`: nothing before '[', only a port after ']', an IPv6 (or IPvFuture) inside. */
function bracketedNetlocIsValid(netloc: string): boolean {
  const hostAndPort = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostAndPort.indexOf('[');
  let host: string;
  if (open >= 0) {
    if (open > 0) return false;
    const inside = hostAndPort.slice(open + 1);
    const close = inside.indexOf(']');
    host = close >= 0 ? inside.slice(0, close) : inside;
    const after = close >= 0 ? inside.slice(close + 1) : '';
    if (after !== '' && !after.startsWith(':')) return false;
  } else {
    host = hostAndPort.split(':')[0] ?? '';
  }
  if (host.startsWith('v')) return /^v[a-fA-F0-9]+\..+$/s.test(host);
  return isIP(host) === 6;
}

/** Python's `SplitResult.hostname`: after the last '@', inside brackets or before ':', lower-cased (not the %zone). */
export function pythonHostname(netloc: string): string | null {
  const hostInfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostInfo.indexOf('[');
  let host: string;
  if (open >= 0) {
    const bracketed = hostInfo.slice(open + 1);
    const close = bracketed.indexOf(']');
    host = close >= 0 ? bracketed.slice(0, close) : bracketed;
  } else {
    const colon = hostInfo.indexOf(':');
    host = colon >= 0 ? hostInfo.slice(0, colon) : hostInfo;
  }
  if (host === '') return null;
  const percent = host.indexOf('%');
  return percent >= 0 ? host.slice(0, percent).toLowerCase() + host.slice(percent) : host.toLowerCase();
}

/** Python's `str.strip()` with no argument (Unicode whitespace, not JavaScript's trim set). */
export function pythonStrip(text: string): string {
  const space = '\\t\\n\\v\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
  return text.replace(new RegExp(`^[${space}]+|[${space}]+$`, 'g'), '');
}

export function checkRedirectUri(redirectUri: string): RedirectCheck {
  if (redirectUri === '') return { ok: false, detail: 'redirect_uri is required' };
  const parts = pythonUrlSplit(redirectUri);
  if (!parts) return { ok: false, crash: true };
  const scheme = pythonStrip(parts.scheme).toLowerCase();
  if (scheme === '') return { ok: false, detail: 'redirect_uri must include a scheme' };
  if (scheme === 'http') {
    const hostname = pythonStrip(pythonHostname(parts.netloc) ?? '').toLowerCase();
    return LOOPBACK_HOSTNAMES.has(hostname) ? { ok: true } : { ok: false, detail: LOOPBACK_REQUIRED };
  }
  if (FORBIDDEN_SCHEMES.has(scheme)) return { ok: false, detail: `redirect_uri scheme '${scheme}' is not permitted` };
  // urlsplit only yields RFC 3986 schemes, so the backend's own check never fires; kept for parity.
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return { ok: false, detail: `redirect_uri scheme '${scheme}' is malformed` };
  return { ok: true };
}

/**
 * `{redirect_uri}?code=…&state=…` exactly as the backend's callback page builds it (the redirect
 * is appended blindly; state only when there is one), made safe for a Location header the way a
 * browser would read the same string: tabs and newlines dropped, other controls and non-ASCII
 * percent-encoded.
 */
export function callbackLocation(redirectUri: string, code: string, state: string | null): string {
  let location = `${redirectUri}?code=${percentEncode(code)}`;
  if (state) location += `&state=${percentEncode(state)}`;
  return location.replace(TAB_OR_NEWLINE, '').replace(/[^\u0021-\u007e]/gu, percentEncode);
}

/** encodeURIComponent, with a lone surrogate encoded as U+FFFD instead of throwing. */
function percentEncode(text: string): string {
  return encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd'));
}
