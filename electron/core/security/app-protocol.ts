/**
 * The `app://devkeys/…` protocol handler's answer for a request: the file from the built
 * renderer with its MIME type and the CSP header, or 404 for anything that is not a file inside
 * it (missing files, directories, traversal attempts). Reads through `fs`, which Electron makes
 * asar-aware, so it serves from app.asar in packaged builds.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { CONTENT_SECURITY_POLICY, resolveAppAsset } from './window-policy';

/** Content types of the built renderer's files (the e2e harness serves them with the same table). */
export const APP_MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface AssetResponse {
  status: 200 | 404;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const NOT_FOUND: AssetResponse = {
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY },
  body: 'Not found',
};

export async function appAssetResponse(rendererDir: string, requestUrl: string): Promise<AssetResponse> {
  const file = resolveAppAsset(rendererDir, requestUrl);
  if (!file) return NOT_FOUND;
  try {
    if (!(await stat(file)).isFile()) return NOT_FOUND;
    const body = await readFile(file);
    return {
      status: 200,
      headers: {
        'content-type': APP_MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
      },
      body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    };
  } catch {
    return NOT_FOUND;
  }
}
