import type { Ref } from 'react';
import type { BridgeError } from '../api/bridge';
import { WarningIcon } from './icons';

/** A provider/validation error as the user should see it: the message plus per-field problems. Never a stack. */
export function ErrorDetails({ error, prefix }: { error: BridgeError; prefix?: string }) {
  return (
    <>
      <span>{prefix ? `${prefix}${error.message}` : error.message}</span>
      {error.fields && error.fields.length > 0 ? (
        <ul className="field-errors">
          {error.fields.map((field, index) => (
            <li key={`${field.path}-${index}`}>
              {field.path ? (
                <>
                  <code>{field.path}</code>: {field.message}
                </>
              ) : (
                field.message
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** A failed request, announced: the red banner with its ErrorDetails. Renders nothing without an error. */
export function ErrorBanner({
  error,
  prefix,
  className,
  ref,
}: {
  error: BridgeError | null | undefined;
  prefix?: string;
  /** Spacing, e.g. `mt-12`. */
  className?: string;
  ref?: Ref<HTMLDivElement>;
}) {
  if (!error) return null;
  return (
    <div ref={ref} className={['banner banner--error', className].filter(Boolean).join(' ')} role="alert">
      <span className="banner__icon">
        <WarningIcon />
      </span>
      <div className="banner__body">
        <ErrorDetails error={error} {...(prefix ? { prefix } : {})} />
      </div>
    </div>
  );
}
