import type { BridgeError } from '../../api/bridge';

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
