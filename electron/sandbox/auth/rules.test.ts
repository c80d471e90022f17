// Unit tests for the pieces the endpoints are built from: JWTs with node:crypto, Python's
// urlsplit as the backend's redirect check reads it, PKCE, FastAPI-style field binding.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bindFields } from './fields';
import { decodeJwt, Hs256Signer, looksLikeJwt, Rs256Signer, unsignedJwt } from './jwt';
import { challengeFor, checkChallenge, checkVerifier } from './pkce';
import { callbackLocation, checkRedirectUri, LOOPBACK_REQUIRED, pythonHostname, pythonStrip, pythonUrlSplit } from './redirect-uri';

describe('JWTs', () => {
  const signer = new Rs256Signer();

  it('verifies what it signed and nothing else', () => {
    const token = signer.sign({ sub: 'u1', n: 1 });
    expect(signer.verify(token)).toEqual({ sub: 'u1', n: 1 });
    const [header, payload, signature = ''] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ sub: 'u2', n: 1 })).toString('base64url');
    expect(signer.verify(`${header}.${otherPayload}.${signature}`)).toBeNull();
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(signer.verify(`${header}.${payload}.${flipped}`)).toBeNull();
    expect(signer.verify(`${header}.${payload}.`)).toBeNull();
    expect(new Rs256Signer().verify(token)).toBeNull();
  });

  it('refuses alg confusion: none, HS256, another kid', () => {
    const token = signer.sign({ sub: 'u1' });
    const [, payload = ''] = token.split('.');
    const header = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(signer.verify(`${header({ alg: 'none', kid: signer.kid })}.${payload}.`)).toBeNull();
    expect(signer.verify(new Hs256Signer(signer.kid).sign({ sub: 'u1' }))).toBeNull();
    expect(signer.verify(`${header({ alg: 'RS256', kid: 'other' })}.${token.split('.').slice(1).join('.')}`)).toBeNull();
    expect(signer.verify(unsignedJwt({ sub: 'u1' }))).toBeNull();
  });

  it('decodes only well-formed compact tokens', () => {
    expect(decodeJwt(unsignedJwt({ a: 1 }))).toMatchObject({ header: { alg: 'none', typ: 'JWT' }, payload: { a: 1 }, signatureSegment: '' });
    for (const bad of ['', 'a', 'a.b', 'a.b.c.d', '..', 'e30.e30', 'W10.e30.', 'e30.W10.', 'e30.e30.a+b', `e30.${'A'.repeat(20_000)}.`, 'e30.bm90IGpzb24.']) {
      expect(decodeJwt(bad), bad).toBeNull();
    }
    expect(looksLikeJwt('eyJ.eyJ.')).toBe(true);
    expect(looksLikeJwt(`omi_dev_${'a'.repeat(32)}`)).toBe(false);
  });
});

describe("the backend's redirect_uri check (Python urlsplit)", () => {
  it('splits the scheme and netloc as Python does', () => {
    expect(pythonUrlSplit('HTTP://Host:1/p')).toEqual({ scheme: 'http', netloc: 'Host:1' });
    expect(pythonUrlSplit(' \u0001http://a/b')).toEqual({ scheme: 'http', netloc: 'a' });
    expect(pythonUrlSplit('ht\ttp://lo\ncalhost/')).toEqual({ scheme: 'http', netloc: 'localhost' });
    expect(pythonUrlSplit('1http://x')).toEqual({ scheme: '', netloc: '' });
    expect(pythonUrlSplit('a_b://x')).toEqual({ scheme: '', netloc: '' });
    expect(pythonUrlSplit('http://[::1]:80/')).toEqual({ scheme: 'http', netloc: '[::1]:80' });
    expect(pythonUrlSplit('http://[::1')).toBeNull();
    expect(pythonUrlSplit('http://x[::1]/')).toBeNull();
    expect(pythonUrlSplit('http://[::1]x/')).toBeNull();
    expect(pythonUrlSplit('http://[v1.fe]/')).toEqual({ scheme: 'http', netloc: '[v1.fe]' });
  });

  it("reads the hostname as Python's SplitResult.hostname does", () => {
    expect(pythonHostname('User:pw@LocalHost:8080')).toBe('localhost');
    expect(pythonHostname('[::1]:80')).toBe('::1');
    expect(pythonHostname('[FE80::1%Eth0]')).toBe('fe80::1%Eth0');
    expect(pythonHostname('a@b@127.0.0.1')).toBe('127.0.0.1');
    expect(pythonHostname(':80')).toBeNull();
    expect(pythonHostname('')).toBeNull();
  });

  it('strips like Python, not like JavaScript', () => {
    expect(pythonStrip('\u001f S256\u0085 ')).toBe('S256');
    expect(pythonStrip('\ufeffS256')).toBe('\ufeffS256');
  });

  it('matches the backend on tricky inputs', () => {
    expect(checkRedirectUri('http://127.0.0.1:53682/callback')).toEqual({ ok: true });
    expect(checkRedirectUri('http://localhost.:1/')).toMatchObject({ ok: false });
    expect(checkRedirectUri(' http://localhost/')).toEqual({ ok: true });
    expect(checkRedirectUri('http://0x7f.1/')).toMatchObject({ ok: false });
    // A zone id makes it another hostname; an IPv4 address in brackets makes Python raise.
    expect(checkRedirectUri('http://[::1%25lo]/')).toEqual({ ok: false, detail: LOOPBACK_REQUIRED });
    expect(checkRedirectUri('http://[127.0.0.1]/')).toEqual({ ok: false, crash: true });
    expect(checkRedirectUri('HtTpS://x')).toEqual({ ok: false, detail: "redirect_uri scheme 'https' is not permitted" });
    expect(checkRedirectUri('x:')).toEqual({ ok: true });
  });

  it('builds a Location a browser reads as the backend page navigates', () => {
    expect(callbackLocation('http://127.0.0.1/cb', 'c-1', 's t')).toBe('http://127.0.0.1/cb?code=c-1&state=s%20t');
    expect(callbackLocation('http://127.0.0.1/c\nb', 'c', null)).toBe('http://127.0.0.1/cb?code=c');
    expect(callbackLocation('devkeys://é b', 'c', '\ud800')).toBe('devkeys://%C3%A9%20b?code=c&state=%EF%BF%BD');
  });
});

describe('PKCE', () => {
  it('S256 of the verifier, base64url without padding', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(challengeFor(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(challengeFor(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(checkVerifier(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toEqual({ ok: true });
  });

  it('43 to 128 of [A-Za-z0-9-._~]', () => {
    expect(checkChallenge('a'.repeat(43), 'S256')).toEqual({ ok: true, method: 'S256' });
    expect(checkChallenge('a'.repeat(128), 's256')).toEqual({ ok: true, method: 'S256' });
    expect(checkChallenge('-._~'.repeat(11), 'S256')).toEqual({ ok: true, method: 'S256' });
    expect(checkChallenge('a'.repeat(42), 'S256')).toEqual({ ok: false, detail: 'code_challenge is malformed' });
    expect(checkChallenge(`${'a'.repeat(42)}é`, 'S256')).toEqual({ ok: false, detail: 'code_challenge is malformed' });
    expect(checkVerifier('a'.repeat(129), 'x')).toEqual({ ok: false, detail: 'code_verifier is malformed' });
  });
});

describe('FastAPI-style field binding', () => {
  const specs = [{ name: 'a', required: true }, { name: 'b', required: false, kind: 'bool' as const }];

  it('the last repeated value wins; empty is missing in a form but a value in a query', () => {
    expect(bindFields(new URLSearchParams('a=1&a=2'), 'query', specs)).toEqual({ ok: true, values: { a: '2', b: null } });
    expect(bindFields(new URLSearchParams('a='), 'query', specs)).toEqual({ ok: true, values: { a: '', b: null } });
    expect(bindFields(new URLSearchParams('a=&b='), 'body', specs)).toEqual({
      ok: false,
      issues: [{ loc: ['body', 'a'], msg: 'Field required', type: 'missing' }],
    });
  });

  it('reads booleans as pydantic does', () => {
    for (const [raw, value] of [['true', true], ['On', true], ['y', true], ['0', false], ['NO', false], ['off', false]] as const) {
      expect(bindFields(new URLSearchParams({ a: 'x', b: raw }), 'body', specs)).toEqual({ ok: true, values: { a: 'x', b: value } });
    }
    expect(bindFields(new URLSearchParams({ a: 'x', b: 'tru' }), 'body', specs)).toMatchObject({ ok: false, issues: [{ type: 'bool_parsing' }] });
  });
});
