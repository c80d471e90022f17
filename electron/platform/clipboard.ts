/** ClipboardPort over Electron's clipboard, marking copies as concealed for clipboard managers. */
import { clipboard, ClipboardItem } from 'electron';
import type { ClipboardPort } from '../core/secrets/one-time-secrets';

/** The per-platform hint password managers set so clipboard history skips the entry. */
function concealedHint(): Record<string, string> {
  if (process.platform === 'linux') return { 'x-kde-passwordManagerHint': 'secret' };
  if (process.platform === 'darwin') return { 'application/x-nspasteboard-concealed-type': 'secret' };
  if (process.platform === 'win32') return { ExcludeClipboardContentFromMonitorProcessing: '1' };
  return {};
}

export function createElectronClipboard(): ClipboardPort {
  return {
    async writeSecret(text) {
      // One atomic write: the text and the hint land together.
      await clipboard.write([new ClipboardItem({ 'text/plain': text, ...concealedHint() })]);
    },
    async writeText(text) {
      clipboard.writeText(text);
    },
    async readText() {
      return clipboard.readText();
    },
    async clear() {
      clipboard.clear();
    },
  };
}
