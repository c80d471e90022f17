/**
 * The raw platform clipboard formats that tell clipboard managers and histories to skip a copy,
 * written next to the text in the same clipboard item, the way Electron documents raw formats:
 * `electron application/osclipboard;format="<platform format>"`.
 * - macOS: `org.nspasteboard.ConcealedType` (the nspasteboard.org convention clipboard managers read).
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing`, and the two DWORD-0 flags that keep the
 *   copy out of Win+V history and the cloud clipboard.
 * - Linux: `x-kde-passwordManagerHint: secret` (Klipper and others).
 */
export function osClipboardFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}

const DWORD_ZERO = new Uint8Array(4);
const text = (value: string) => new TextEncoder().encode(value);

export function concealedClipboardFormats(platform: NodeJS.Platform): Record<string, Uint8Array> {
  if (platform === 'darwin') return { [osClipboardFormat('org.nspasteboard.ConcealedType')]: text('secret') };
  if (platform === 'win32') {
    return {
      [osClipboardFormat('ExcludeClipboardContentFromMonitorProcessing')]: text('1'),
      [osClipboardFormat('CanIncludeInClipboardHistory')]: DWORD_ZERO,
      [osClipboardFormat('CanUploadToCloudClipboard')]: DWORD_ZERO,
    };
  }
  return { [osClipboardFormat('x-kde-passwordManagerHint')]: text('secret') };
}
