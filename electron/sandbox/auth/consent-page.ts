// The sandbox's stand-in for Google's and Apple's consent screens: one small page, no script,
// a strict CSP, and a form posting the decision back to the sandbox.
import { randomBytes } from 'node:crypto';
import { html, type Reply } from '../http';

export const CONSENT_PATH = '/v1/auth/sandbox/consent';

const PROVIDER_NAMES: Record<string, string> = { google: 'Google', apple: 'Apple' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f4f5;
    color: #18181b; font: 16px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
  main { box-sizing: border-box; width: min(440px, calc(100vw - 32px)); background: #fff; border-radius: 12px;
    box-shadow: 0 4px 24px rgb(0 0 0 / 0.08); padding: 32px; }
  .brand { margin: 0 0 20px; font-size: 22px; font-weight: 700; letter-spacing: -0.02em; }
  .brand span { margin-left: 6px; padding: 2px 8px; border-radius: 999px; background: #e4e4e7; color: #3f3f46;
    font-size: 12px; font-weight: 600; letter-spacing: 0; vertical-align: middle; }
  h1 { margin: 0 0 12px; font-size: 20px; line-height: 1.35; font-weight: 600; overflow-wrap: anywhere; }
  p { margin: 0 0 12px; color: #3f3f46; }
  .target { font-size: 14px; color: #52525b; overflow-wrap: anywhere; }
  code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #18181b; }
  form { display: flex; gap: 12px; margin-top: 24px; }
  button { flex: 1; padding: 10px 16px; border-radius: 8px; border: 1px solid #d4d4d8; background: #fff; color: #18181b;
    font: inherit; font-weight: 600; cursor: pointer; }
  button.primary { background: #18181b; border-color: #18181b; color: #fff; }
  button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
`;

function page(title: string, body: string, status: number): Reply {
  const nonce = randomBytes(16).toString('base64');
  const document = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
<p class="brand">omi<span>sandbox</span></p>
${body}
</main>
</body>
</html>
`;
  return html(status, document, {
    // No script at all; the form posts to this origin and its answer redirects to the app.
    'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
}

export function consentPage(opts: { sessionId: string; email: string; provider: string; redirectUri: string }): Reply {
  const provider = PROVIDER_NAMES[opts.provider] ?? opts.provider;
  return page(
    'Sign in to the Omi sandbox',
    `<h1>Sign in to the Omi sandbox as ${escapeHtml(opts.email)}</h1>
<p>This stands in for signing in with ${escapeHtml(provider)}: no password, and nothing leaves this computer.</p>
<p class="target">Continue sends you back to <code>${escapeHtml(opts.redirectUri)}</code>.</p>
<form method="post" action="${CONSENT_PATH}">
<input type="hidden" name="session" value="${escapeHtml(opts.sessionId)}">
<button type="submit" name="decision" value="cancel">Cancel</button>
<button type="submit" name="decision" value="continue" class="primary" autofocus>Continue</button>
</form>`,
    200,
  );
}

/** What the browser shows after Cancel; like a provider's denial, the app hears nothing. */
export function cancelledPage(): Reply {
  return page(
    'Sign-in cancelled',
    `<h1>Sign-in cancelled</h1>
<p>Nothing was shared with the app. You can close this tab and start again from the app.</p>`,
    400,
  );
}
