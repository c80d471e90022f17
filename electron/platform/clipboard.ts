/** ClipboardPort over Electron's clipboard, marking copies as concealed for clipboard managers. */
import { clipboard, ClipboardItem } from 'electron';
import { concealedClipboardFormats } from '../core/shell/clipboard-formats';
import type { ClipboardPort } from '../core/secrets/one-time-secrets';

export function createElectronClipboard(): ClipboardPort {
  const hints = Object.fromEntries(
    Object.entries(concealedClipboardFormats(process.platform)).map(([format, bytes]) => [format, new Blob([bytes as Uint8Array<ArrayBuffer>])]),
  );
  return {
    async writeSecret(text) {
      // One atomic write: the text and the concealed markers land together.
      await clipboard.write([new ClipboardItem({ 'text/plain': text, ...hints })]);
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
