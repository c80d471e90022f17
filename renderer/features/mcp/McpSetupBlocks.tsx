/**
 * The setup blocks under the MCP keys, in the Omi app's order and wording: Claude Code (the
 * config and Copy Config), Claude Desktop (the connector URL), MCP Server (URL, the API key
 * header, OAuth client id). Main builds the values from the account's API base, and every
 * copy goes through main. Nothing the Omi app does not advertise is shown.
 */
import { useId, type ReactNode } from 'react';
import type { McpSetup, McpSetupValue } from '../../../electron/ipc/contract';
import { useCopyMcpSetupValue, useMcpSetup } from '../../api/mcpHooks';
import { Button } from '../../ui/Button';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { CopyIcon, RefreshIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { highlightJson } from './highlightJson';

const COPIED: Record<McpSetupValue, string> = {
  claude_code_config: 'Config copied to clipboard',
  server_url: 'Server URL copied to clipboard',
  oauth_client_id: 'Client ID copied to clipboard',
};

export function McpSetupBlocks({ accountId }: { accountId: string }) {
  const setup = useMcpSetup(accountId);
  const copyValue = useCopyMcpSetupValue(accountId);
  const toast = useToast();
  const copy = (value: McpSetupValue) =>
    copyValue.mutate(value, {
      onSuccess: () => toast(COPIED[value]),
      onError: (error) => toast(`Couldn't copy: ${error.message}`, 'error'),
    });

  if (setup.isPending) return <Spinner size="md" label="Loading the MCP setup" />;
  if (setup.isError) {
    return (
      <div className="mcp-setup">
        <ErrorBanner error={setup.error} prefix="Couldn't load the MCP setup: " />
        <Button size="sm" variant="ghost" icon={<RefreshIcon size={13} />} onClick={() => void setup.refetch()}>
          Retry
        </Button>
      </div>
    );
  }
  return <SetupCards setup={setup.data} onCopy={copy} />;
}

function SetupCards({ setup, onCopy }: { setup: McpSetup; onCopy: (value: McpSetupValue) => void }) {
  return (
    <div className="mcp-setup" data-testid="mcp-setup">
      <SetupCard title="Claude Code" subtitle="Add to your Claude Code config">
        <pre className="mcp-code" data-testid="claude-code-config" tabIndex={0} aria-label="Claude Code config">
          <code>{highlightJson(setup.claudeCodeConfig)}</code>
        </pre>
        <Button variant="secondary" size="md" block icon={<CopyIcon size={15} />} onClick={() => onCopy('claude_code_config')}>
          Copy Config
        </Button>
      </SetupCard>

      <SetupCard title="Claude Desktop" subtitle="Add a custom connector in Claude Desktop with this URL">
        <CopyableValue value={setup.mcpUrl} what="Server URL" onCopy={() => onCopy('server_url')} />
      </SetupCard>

      <SetupCard title="MCP Server" subtitle="Connect AI assistants to your data">
        <p className="mcp-setup__label">Server URL</p>
        <CopyableValue value={setup.mcpUrl} what="Server URL" onCopy={() => onCopy('server_url')} />
        <p className="mcp-setup__label">API Key Auth</p>
        <dl className="mcp-kv">
          <dt>Header</dt>
          <dd className="mono">{setup.authorizationHeader}</dd>
        </dl>
        <p className="mcp-setup__label">OAuth</p>
        <p className="mcp-setup__text">For an MCP client that signs in with OAuth (a custom connector&apos;s advanced settings):</p>
        <dl className="mcp-kv">
          <dt>Client ID</dt>
          <dd>
            <CopyableValue value={setup.oauthClientId} what="Client ID" onCopy={() => onCopy('oauth_client_id')} />
          </dd>
          <dt>Client Secret</dt>
          <dd className="mcp-kv__hint">Leave blank</dd>
        </dl>
      </SetupCard>
    </div>
  );
}

function SetupCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="card mcp-setup__card" aria-labelledby={titleId}>
      <div className="mcp-setup__head">
        <h3 className="mcp-setup__title" id={titleId}>
          {title}
        </h3>
        <p className="mcp-setup__subtitle">{subtitle}</p>
      </div>
      <div className="mcp-setup__body">{children}</div>
    </section>
  );
}

/** A monospace value in a well; the whole well is the copy button, as in the Omi app. */
function CopyableValue({ value, what, onCopy }: { value: string; what: string; onCopy: () => void }) {
  return (
    <button type="button" className="mcp-copyable" onClick={onCopy} aria-label={`Copy ${what}: ${value}`}>
      <span className="mcp-copyable__value">{value}</span>
      <CopyIcon size={14} />
    </button>
  );
}
