/** The MCP section: the shared key section with Omi's Create New Key dialog, and the setup blocks under the list. */
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useMcpKeys } from '../../api/mcpHooks';
import { KeySection } from '../keys/KeySection';
import { McpSetupBlocks } from './McpSetupBlocks';
import { lazyPart } from '../../ui/lazyPart';
import './mcp.css';

const McpCreateKeyDialog = lazyPart(() => import('./McpCreateKeyDialog').then((m) => m.McpCreateKeyDialog));

export const MCP_HEADING_ID = 'mcp-title';

export function McpSection({ account, now }: { account: AccountSummary; now: number }) {
  const keys = useMcpKeys(account.id);
  return (
    <KeySection family="mcp" account={account} keys={keys} now={now} headingId={MCP_HEADING_ID} createDialog={(props) => <McpCreateKeyDialog {...props} />}>
      <McpSetupBlocks accountId={account.id} />
    </KeySection>
  );
}
