/**
 * The Claude Code config block's colours, as in the Omi app: keys in secondary text, string
 * values in primary text, punctuation plain. The text itself is main's, unchanged.
 */
import type { ReactNode } from 'react';

const STRING = /"(?:[^"\\]|\\.)*"/g;

export function jsonTokens(text: string): { kind: 'plain' | 'key' | 'string'; text: string }[] {
  const tokens: { kind: 'plain' | 'key' | 'string'; text: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(STRING)) {
    const start = match.index;
    if (start > last) tokens.push({ kind: 'plain', text: text.slice(last, start) });
    const end = start + match[0].length;
    const isKey = /^\s*:/.test(text.slice(end));
    tokens.push({ kind: isKey ? 'key' : 'string', text: match[0] });
    last = end;
  }
  if (last < text.length) tokens.push({ kind: 'plain', text: text.slice(last) });
  return tokens;
}

export function highlightJson(text: string): ReactNode[] {
  return jsonTokens(text).map((token, index) =>
    token.kind === 'plain' ? (
      token.text
    ) : (
      <span key={index} className={`mcp-code__${token.kind}`}>
        {token.text}
      </span>
    ),
  );
}
