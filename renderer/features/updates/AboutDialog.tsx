/** About DevKeys: the version, the update status with "Check for updates", and the log folder. */
import { useId } from 'react';
import { useAppInfo } from '../../api/hooks';
import { useCheckForUpdates, useInstallUpdate, useOpenLogFolder, useUpdateStatus } from '../../api/updateHooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { CloseIcon, KeyIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { describeUpdateStatus } from './updateText';
import './updates.css';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const info = useAppInfo().data;
  const status = useUpdateStatus().data;
  const check = useCheckForUpdates();
  const install = useInstallUpdate();
  const openLogs = useOpenLogFolder();
  const state = status?.state;
  const busy = check.isPending || state === 'checking' || state === 'downloading';

  return (
    <Dialog onClose={onClose} labelledBy={titleId} size="sm" testId="about-dialog">
      <button type="button" className="dialog__close" aria-label="Close" onClick={onClose}>
        <CloseIcon size={14} />
      </button>
      <div className="dialog__header dialog__header--center about__header">
        <span className="brand__logo brand__logo--lg" aria-hidden="true">
          <KeyIcon size={32} strokeWidth={2.25} />
        </span>
        <h2 className="dialog__title" id={titleId}>
          DevKeys
        </h2>
        <p className="dialog__subtitle" data-testid="about-version">
          Version {info?.version ?? '…'}
        </p>
      </div>

      <section className="about__section" aria-label="Updates">
        <p className="about__status" data-testid="update-status" aria-live="polite">
          {status ? describeUpdateStatus(status) : 'Checking the update status…'}
        </p>
        {state === 'ready' ? (
          <Button variant="primary" block disabled={install.isPending} onClick={() => install.mutate()}>
            {install.isPending ? 'Restarting…' : 'Restart to update'}
          </Button>
        ) : (
          <Button block disabled={!status || state === 'off' || busy} icon={busy ? <Spinner size="sm" /> : undefined} onClick={() => check.mutate()}>
            Check for updates
          </Button>
        )}
        <ErrorBanner error={check.error ?? install.error} prefix="" className="mt-12" />
      </section>

      <section className="about__section" aria-label="Logs">
        <Button block variant="ghost" disabled={openLogs.isPending} onClick={() => openLogs.mutate()}>
          Open log folder
        </Button>
        {openLogs.data && !openLogs.data.opened ? (
          <p className="about__path" data-testid="log-folder-path">
            Logs are in <code>{openLogs.data.path}</code>
          </p>
        ) : null}
        <ErrorBanner error={openLogs.error} prefix="Couldn't open the log folder. " className="mt-12" />
      </section>
    </Dialog>
  );
}
