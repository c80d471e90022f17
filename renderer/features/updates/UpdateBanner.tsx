/** A quiet bar when a downloaded update is ready: "Restart to update", or dismiss it for now. */
import { useState } from 'react';
import { useInstallUpdate, useUpdateStatus } from '../../api/updateHooks';
import { Button } from '../../ui/Button';
import { CloseIcon, RefreshIcon } from '../../ui/icons';
import './updates.css';

export function UpdateBanner() {
  const status = useUpdateStatus().data;
  const install = useInstallUpdate();
  const [dismissedVersion, setDismissedVersion] = useState<string | null>(null);
  if (status?.state !== 'ready' || dismissedVersion === status.version) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <div className="container update-banner__inner">
        <RefreshIcon size={14} />
        <p className="update-banner__text">
          DevKeys {status.version} is ready. {install.error ? <span className="update-banner__error">{install.error.message}</span> : null}
        </p>
        <Button variant="primary" size="sm" disabled={install.isPending} onClick={() => install.mutate()}>
          {install.isPending ? 'Restarting…' : 'Restart to update'}
        </Button>
        <button type="button" className="update-banner__close" aria-label="Later" onClick={() => setDismissedVersion(status.version)}>
          <CloseIcon size={14} />
        </button>
      </div>
    </div>
  );
}
