/**
 * The Developer screen of an Omi account, as in the Omi app: the Developer API section, then
 * the MCP section with its setup blocks, on one page. A bar at the top names both sections with
 * their key counts and jumps to each (focus moves to the section's heading); it marks the
 * section in view, and opens Check a key.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useKeys } from '../../api/hooks';
import { useMcpKeys } from '../../api/mcpHooks';
import { Button } from '../../ui/Button';
import { SearchIcon } from '../../ui/icons';
import { McpSection, MCP_HEADING_ID } from '../mcp/McpSection';
import { DeveloperApiSection, DEVELOPER_API_HEADING_ID } from './DeveloperApiSection';
import { useNow } from './KeyList';
import { lazyPart } from '../../ui/lazyPart';
import './developer-screen.css';

const KeyCheckDialog = lazyPart(() => import('../key-check/KeyCheckDialog').then((m) => m.KeyCheckDialog));

const SECTIONS = [
  { id: 'dev', label: 'Developer API', headingId: DEVELOPER_API_HEADING_ID },
  { id: 'mcp', label: 'MCP', headingId: MCP_HEADING_ID },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

export function DeveloperScreen({ account }: { account: AccountSummary }) {
  const now = useNow(30_000);
  // The same queries as the sections: no extra request.
  const counts: Record<SectionId, number | undefined> = {
    dev: useKeys(account.id).data?.length,
    mcp: useMcpKeys(account.id).data?.length,
  };
  const screenRef = useRef<HTMLDivElement>(null);
  const inView = useSectionInView(screenRef);
  const [checkingKey, setCheckingKey] = useState(false);

  const jump = (headingId: string) => {
    const heading = document.getElementById(headingId);
    if (!heading) return;
    heading.closest('section')?.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  };

  return (
    <div className="developer-screen" ref={screenRef}>
      <nav className="section-nav" aria-label="Key sections" data-testid="section-nav">
        {SECTIONS.map((section) => (
          <button
            key={section.id}
            type="button"
            className="section-nav__item"
            aria-current={inView === section.id ? 'location' : undefined}
            onClick={() => jump(section.headingId)}
            data-testid={`section-nav-${section.id}`}
          >
            {section.label}
            <span className="section-nav__count" aria-hidden="true">
              {counts[section.id] ?? '–'}
            </span>
            <span className="sr-only">, {countLabel(counts[section.id])}</span>
          </button>
        ))}
        <Button
          variant="ghost"
          size="sm"
          className="section-nav__check"
          icon={<SearchIcon size={14} />}
          onClick={() => setCheckingKey(true)}
          data-testid="key-check-button"
        >
          Check a key
        </Button>
      </nav>
      <DeveloperApiSection account={account} now={now} />
      <McpSection account={account} now={now} />
      {checkingKey ? <KeyCheckDialog onClose={() => setCheckingKey(false)} /> : null}
    </div>
  );
}

function countLabel(count: number | undefined): string {
  if (count === undefined) return 'loading';
  return `${count} ${count === 1 ? 'key' : 'keys'}`;
}

/** The MCP section once its top has scrolled into the top third of the window (or the page is scrolled to its end). */
function useSectionInView(screen: RefObject<HTMLDivElement | null>): SectionId {
  const [inView, setInView] = useState<SectionId>('dev');
  useEffect(() => {
    const update = () => {
      const mcp = document.getElementById(MCP_HEADING_ID)?.closest('section');
      if (!mcp) return;
      const top = mcp.getBoundingClientRect().top;
      const scrolled = window.scrollY > 0;
      const atEnd = scrolled && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      setInView(scrolled && (top < window.innerHeight / 3 || atEnd) ? 'mcp' : 'dev');
    };
    update();
    // The sections change height as their lists load: look again then, not only on scroll.
    const resizes = new ResizeObserver(update);
    if (screen.current) resizes.observe(screen.current);
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      resizes.disconnect();
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [screen]);
  return inView;
}
