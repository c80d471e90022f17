/** The pieces every sign-in place shares: the provider buttons and the "finish in your browser" wait. */
import type { SignInProvider } from '../../../electron/ipc/contract';
import { useCancelSignIn, useReopenSignInPage, useSignInPhase } from '../../api/signInHooks';
import { Button } from '../../ui/Button';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { ExternalLinkIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { AppleMark, GoogleMark } from './ProviderIcons';
import './sign-in.css';

export const PROVIDER_NAMES: Record<SignInProvider, string> = { google: 'Google', apple: 'Apple' };

export function ProviderButtons({ onChoose, disabled }: { onChoose: (provider: SignInProvider) => void; disabled?: boolean }) {
  return (
    <div className="provider-buttons" role="group" aria-label="Sign in with">
      <button type="button" className="provider-button" disabled={disabled} onClick={() => onChoose('google')}>
        <GoogleMark />
        Continue with Google
      </button>
      <button type="button" className="provider-button provider-button--apple" disabled={disabled} onClick={() => onChoose('apple')}>
        <AppleMark />
        Continue with Apple
      </button>
    </div>
  );
}

/**
 * While the user is in the browser: what to do, with Cancel and "Open the page again". Once the
 * browser came back, main says it is finishing (exchanging the code, checking the session).
 */
export function SignInWaiting({ host, provider }: { host: string; provider: SignInProvider }) {
  const phase = useSignInPhase();
  const cancel = useCancelSignIn();
  const reopen = useReopenSignInPage();
  const finishing = phase === 'finishing';
  return (
    <div className="sign-in-waiting" role="status" aria-live="polite" data-testid="sign-in-waiting">
      <Spinner size="md" />
      <p className="sign-in-waiting__title">{finishing ? 'Finishing sign-in…' : 'Finish signing in in your browser…'}</p>
      <p className="sign-in-waiting__text">
        {finishing
          ? `Checking your new session with ${host}.`
          : `DevKeys opened ${host}'s ${PROVIDER_NAMES[provider]} sign-in page in your web browser. Come back here when you are done; this waits up to 5 minutes.`}
      </p>
      {finishing ? null : (
        <div className="sign-in-waiting__actions">
          <Button variant="secondary" icon={<ExternalLinkIcon size={13} />} disabled={reopen.isPending} onClick={() => reopen.mutate()}>
            Open the page again
          </Button>
          <Button variant="ghost" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            Cancel
          </Button>
        </div>
      )}
      <ErrorBanner error={reopen.error ?? cancel.error} className="mt-12" />
    </div>
  );
}
