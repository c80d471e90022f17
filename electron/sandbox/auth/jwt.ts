// Compact JWTs with node:crypto only: RS256 signing and verification with a key pair the
// sandbox makes on first use, HS256 for the stand-in provider tokens, and unsigned tokens in
// the form the Firebase Auth emulator speaks. Decoding never trusts what it reads.
import { createHmac, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

export type JwtObject = Record<string, unknown>;

export interface DecodedJwt {
  header: JwtObject;
  payload: JwtObject;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
  /** The third segment as sent ('' for an unsigned token). */
  signatureSegment: string;
}

/** Far above any real token; a longer bearer is not worth parsing. */
const MAX_JWT_LENGTH = 16 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const RSA_2048_SIGNATURE_BYTES = 256;

function segment(value: JwtObject): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function parseSegment(text: string): JwtObject | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JwtObject) : null;
  } catch {
    return null;
  }
}

/** Splits and parses a compact JWS without checking it; null when it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  if (token.length > MAX_JWT_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerText = '', payloadText = '', signatureText = ''] = parts;
  if (headerText === '' || payloadText === '') return null;
  if (![headerText, payloadText, signatureText].every((part) => BASE64URL.test(part))) return null;
  const header = parseSegment(headerText);
  const payload = parseSegment(payloadText);
  if (!header || !payload) return null;
  return {
    header,
    payload,
    signingInput: `${headerText}.${payloadText}`,
    signature: Buffer.from(signatureText, 'base64url'),
    signatureSegment: signatureText,
  };
}

/** Three dot-separated base64url segments: worth treating as a JWT rather than an API key. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/** An unsigned token (`alg: none`, empty signature), as the Firebase Auth emulator accepts and issues. */
export function unsignedJwt(payload: JwtObject): string {
  return `${segment({ alg: 'none', typ: 'JWT' })}.${segment(payload)}.`;
}

/** HS256 with a random per-process secret: for tokens nobody is meant to verify (stand-ins for Google's). */
export class Hs256Signer {
  private readonly secret = randomBytes(32);

  constructor(private readonly kid: string) {}

  sign(payload: JwtObject): string {
    const signingInput = `${segment({ alg: 'HS256', kid: this.kid, typ: 'JWT' })}.${segment(payload)}`;
    return `${signingInput}.${createHmac('sha256', this.secret).update(signingInput).digest('base64url')}`;
  }
}

/**
 * One RSA key pair, made on the first signature (most sandboxes never sign anyone in, and
 * RSA key generation is the slowest thing the sandbox does).
 */
export class Rs256Signer {
  /** Like Google's key ids: 40 hex characters. */
  readonly kid = randomBytes(20).toString('hex');
  private keys: { privateKey: KeyObject; publicKey: KeyObject } | null = null;

  sign(payload: JwtObject): string {
    this.keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signingInput = `${segment({ alg: 'RS256', kid: this.kid, typ: 'JWT' })}.${segment(payload)}`;
    const signature = sign('sha256', Buffer.from(signingInput, 'utf8'), this.keys.privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  /** The payload of a token this key signed (RS256, this kid, a valid signature); null otherwise. */
  verify(token: string): JwtObject | null {
    if (!this.keys) return null; // nothing has been signed yet
    const decoded = decodeJwt(token);
    if (!decoded || decoded.header.alg !== 'RS256' || decoded.header.kid !== this.kid) return null;
    if (decoded.signature.length !== RSA_2048_SIGNATURE_BYTES) return null;
    const valid = verify('sha256', Buffer.from(decoded.signingInput, 'utf8'), this.keys.publicKey, decoded.signature);
    return valid ? decoded.payload : null;
  }
}

/** JWT NumericDate: whole seconds since the epoch. */
export function numericDate(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
