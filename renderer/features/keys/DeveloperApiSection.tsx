/** The Developer API section: the shared key section with Omi's Create API Key sheet. */
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useKeys } from '../../api/hooks';
import { KeySection } from './KeySection';
import { OneTimeSecret } from './oneTimeSecret';
import { lazyPart } from '../../ui/lazyPart';

const CreateKeyDialog = lazyPart(() => import('./CreateKeyDialog').then((m) => m.CreateKeyDialog));

export const DEVELOPER_API_HEADING_ID = 'developer-api-title';

export function DeveloperApiSection({ account, now }: { account: AccountSummary; now: number }) {
  const keys = useKeys(account.id);
  return (
    <KeySection
      family="dev"
      account={account}
      keys={keys}
      now={now}
      headingId={DEVELOPER_API_HEADING_ID}
      createDialog={({ accountId, onClose, onCreated }) => (
        <CreateKeyDialog accountId={accountId} onClose={onClose} onCreated={(created) => onCreated(new OneTimeSecret(created, 'dev'))} />
      )}
    />
  );
}
