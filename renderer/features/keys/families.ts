/**
 * What differs between the two key sections of the Developer screen, in one place: their
 * names, Omi's wording, and test ids. The rows, lists and dialogs are shared components that
 * read this table (features/keys), so the sections cannot drift apart.
 */
import type { KeyFamily, ListedMcpKey, ListedOmiKey } from '../../../electron/ipc/contract';

export type ListedKey = ListedOmiKey | ListedMcpKey;
/** What the secret dialog, the revoke dialog and the rotation need of a key. */
export interface KeyIdentity {
  id: string;
  name: string;
  key_prefix: string;
  /** Developer API keys only: DevKeys signs in with this key. */
  usedByDevKeys?: boolean;
}

export interface FamilyUi {
  /** The section's title, as in the Omi app. */
  title: string;
  docsUrl: string;
  /** "API keys" / "MCP keys" in sentences: "Couldn't load API keys." */
  plural: string;
  listLabel: string;
  secretDialog: {
    title: string;
    /** Under the title (Omi's MCP dialog says it; the Developer API sheet shows an amber banner instead). */
    text: string | null;
    copyLabel: string;
    copiedToast: string;
  };
  testIds: {
    section: string;
    row: string;
    list: string;
    createButton: string;
    filterPrefix: string;
  };
}

export const familyUi: Record<KeyFamily, FamilyUi> = {
  dev: {
    title: 'Developer API',
    docsUrl: 'https://docs.omi.me/doc/developer/api',
    plural: 'API keys',
    listLabel: 'API keys',
    secretDialog: { title: 'API Key Created!', text: null, copyLabel: 'Copy Key', copiedToast: 'API key copied to clipboard' },
    testIds: { section: 'developer-api-section', row: 'key-row', list: 'key-list', createButton: 'create-key-button', filterPrefix: 'filter-' },
  },
  mcp: {
    title: 'MCP',
    docsUrl: 'https://docs.omi.me/doc/developer/MCP',
    plural: 'MCP keys',
    listLabel: 'MCP keys',
    secretDialog: {
      title: 'Key Created',
      text: 'Your new key has been created. Please copy it now. You will not be able to see it again.',
      copyLabel: 'Copy',
      copiedToast: 'Key copied to clipboard',
    },
    testIds: { section: 'mcp-section', row: 'mcp-key-row', list: 'mcp-key-list', createButton: 'create-mcp-key-button', filterPrefix: 'mcp-filter-' },
  },
};
