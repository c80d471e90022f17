// Deterministic demo data for both providers. Everything here is plain data relative to a
// given "now"; the provider stores add ids and secrets. A fixed-seed PRNG keeps the demo the
// same on every start (screenshots, tests), while ids stay random.
import { OMI_READ_SCOPES, OMI_SCOPES, type OmiScope } from './scopes';
import type { components as OmniComponents } from '../generated/omni-api';

/** `count` Developer API keys and, optionally, `mcpCount` MCP keys. */
export type OmiSeed = 'none' | 'demo' | { count: number; mcpCount?: number };
export type OmniSeed = 'none' | 'demo' | 'large' | { count: number };
export type OmniTokenType = OmniComponents['schemas']['ApiKey']['type'];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const SEED = 0x5eed_d00d;
export const OMNI_DEMO_COUNT = 250;
export const OMNI_LARGE_COUNT = 10_000;

type Rng = () => number;

/** mulberry32: tiny, fast, good enough for demo data. Returns floats in [0, 1). */
function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A v4-shaped UUID drawn from the PRNG, so seeded membership ids are stable. */
function rngUuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (8 + Math.floor(rng() * 4)).toString(16); // RFC 4122 variant
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function seedCount(seed: { count: number }): number {
  if (!Number.isInteger(seed.count) || seed.count < 0) {
    throw new RangeError(`seed count must be a non-negative integer, got ${String(seed.count)}`);
  }
  return seed.count;
}

// ---------------------------------------------------------------------------------------------
// Omi

export interface OmiSeedKey {
  name: string;
  scopes: OmiScope[] | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** A damaged old record: the server lists it with the legacy name and prefix. */
  legacyRecord?: boolean;
}

interface OmiDemoKey {
  name: string;
  scopes: readonly OmiScope[] | null;
  createdDaysAgo: number;
  /** null = never used. */
  lastUsedMsAgo: number | null;
  legacyRecord?: boolean;
}

export const LEGACY_DEV_KEY_NAME = 'Legacy Developer API key';
export const LEGACY_MCP_KEY_NAME = 'Legacy MCP API key';

// A mix a real developer account might have: read-only, full, write-only, a legacy null-scope
// key, a damaged old record, keys never used, used months ago, and used minutes ago.
const OMI_DEMO_KEYS: readonly OmiDemoKey[] = [
  { name: LEGACY_DEV_KEY_NAME, scopes: null, createdDaysAgo: 362, lastUsedMsAgo: 26 * DAY_MS, legacyRecord: true },
  { name: 'Legacy integration', scopes: null, createdDaysAgo: 358, lastUsedMsAgo: 160 * DAY_MS },
  { name: 'Analytics dashboard', scopes: OMI_READ_SCOPES, createdDaysAgo: 341, lastUsedMsAgo: 2 * HOUR_MS },
  { name: 'Zapier automation', scopes: OMI_SCOPES, createdDaysAgo: 280, lastUsedMsAgo: 3 * DAY_MS },
  { name: 'Memory importer', scopes: ['memories:write'], createdDaysAgo: 204, lastUsedMsAgo: 121 * DAY_MS },
  { name: 'Home Assistant', scopes: ['action_items:read', 'action_items:write'], createdDaysAgo: 150, lastUsedMsAgo: 10 * MINUTE_MS },
  { name: 'Goals tracker', scopes: ['goals:read', 'goals:write'], createdDaysAgo: 96, lastUsedMsAgo: 75 * DAY_MS },
  { name: 'Weekly digest script', scopes: ['conversations:read', 'memories:read'], createdDaysAgo: 44, lastUsedMsAgo: DAY_MS },
  { name: 'Notion sync (not set up yet)', scopes: ['conversations:read', 'action_items:write'], createdDaysAgo: 19, lastUsedMsAgo: null },
  { name: 'Test key', scopes: [], createdDaysAgo: 3, lastUsedMsAgo: null },
];

export function omiSeedKeys(seed: OmiSeed, now: Date): OmiSeedKey[] {
  const nowMs = now.getTime();
  if (seed === 'none') return [];
  if (seed === 'demo') {
    return OMI_DEMO_KEYS.map((key) => ({
      name: key.name,
      scopes: key.scopes === null ? null : [...key.scopes],
      createdAt: new Date(nowMs - key.createdDaysAgo * DAY_MS),
      lastUsedAt: key.lastUsedMsAgo === null ? null : new Date(nowMs - key.lastUsedMsAgo),
      ...(key.legacyRecord ? { legacyRecord: true } : {}),
    }));
  }
  const rng = createRng(SEED);
  return Array.from({ length: seedCount(seed) }, (_, i) => {
    const createdMs = nowMs - Math.floor(rng() * 365 * DAY_MS);
    const used = rng() < 0.7;
    return {
      name: `Generated key ${i + 1}`,
      scopes: [...pick(rng, [OMI_READ_SCOPES, OMI_SCOPES, ['memories:write'] as const])],
      createdAt: new Date(createdMs),
      lastUsedAt: used ? new Date(createdMs + Math.floor(rng() * (nowMs - createdMs))) : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Omi MCP keys (every one has all MCP scopes, so a seed key is a name and two dates)

export interface McpSeedKey {
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** A damaged old record: the server lists it with the legacy name and prefix. */
  legacyRecord?: boolean;
}

type McpDemoKey = Omit<OmiDemoKey, 'scopes'>;

// The assistants people connect: used minutes, hours and weeks ago, one never used (for over a
// week), and a damaged old record last used months ago.
const MCP_DEMO_KEYS: readonly McpDemoKey[] = [
  { name: LEGACY_MCP_KEY_NAME, createdDaysAgo: 301, lastUsedMsAgo: 97 * DAY_MS, legacyRecord: true },
  { name: 'Claude Desktop', createdDaysAgo: 122, lastUsedMsAgo: 25 * MINUTE_MS },
  { name: 'Cursor', createdDaysAgo: 63, lastUsedMsAgo: 41 * DAY_MS },
  { name: 'Claude Code', createdDaysAgo: 12, lastUsedMsAgo: 3 * HOUR_MS },
  { name: 'ChatGPT connector (not set up yet)', createdDaysAgo: 9, lastUsedMsAgo: null },
];

export function mcpSeedKeys(seed: OmiSeed, now: Date): McpSeedKey[] {
  const nowMs = now.getTime();
  if (seed === 'none') return [];
  if (seed === 'demo') {
    return MCP_DEMO_KEYS.map((key) => ({
      name: key.name,
      createdAt: new Date(nowMs - key.createdDaysAgo * DAY_MS),
      lastUsedAt: key.lastUsedMsAgo === null ? null : new Date(nowMs - key.lastUsedMsAgo),
      ...(key.legacyRecord ? { legacyRecord: true } : {}),
    }));
  }
  const count = seedCount({ count: seed.mcpCount ?? 0 });
  // Its own stream, so adding MCP keys leaves the generated Developer API keys unchanged.
  const rng = createRng(SEED ^ 0x6d6370);
  return Array.from({ length: count }, (_, i) => {
    const createdMs = nowMs - Math.floor(rng() * 365 * DAY_MS);
    const used = rng() < 0.7;
    return {
      name: `Generated MCP key ${i + 1}`,
      createdAt: new Date(createdMs),
      lastUsedAt: used ? new Date(createdMs + Math.floor(rng() * (nowMs - createdMs))) : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Omni

export interface OmniSeedToken {
  name: string;
  type: OmniTokenType;
  enabled: boolean;
  createdAt: Date;
  membershipId: string | null;
}

const OMNI_MEMBERS = [
  'Jane', 'Raj', 'Mei', 'Carlos', 'Aisha', 'Tom', 'Priya', 'Lukas',
  'Sofia', 'Kwame', 'Hana', 'Diego', 'Olivia', 'Sam', 'Noah',
] as const;

const OMNI_ORGANIZATION_NAMES = [
  'CI deployment key', 'dbt Cloud sync', 'Airflow nightly export', 'Terraform provider',
  'Looker migration', 'Data warehouse sync', 'Slack alerts bot', 'Embedded analytics',
  'Staging deploy', 'Hightouch reverse ETL', 'GitHub Actions', 'Fivetran connector',
  'Backup exporter', 'Reporting service', 'Customer portal embed',
];
const OMNI_ORGANIZATION_SUFFIXES = ['', '', '', ' (prod)', ' (staging)', ' v2'];
const OMNI_PERSONAL_TEMPLATES = [
  (member: string) => `${member}'s laptop`,
  (member: string) => `${member}'s notebook`,
  (member: string) => `${member} local dev`,
  (member: string) => `${member} - Jupyter`,
  (member: string) => `${member}'s scripts`,
];
const OMNI_MCP_NAMES = ['Claude MCP', 'Cursor MCP', 'ChatGPT connector', 'VS Code MCP', 'Claude Desktop', 'Windsurf MCP'];

function omniSeedCount(seed: Exclude<OmniSeed, 'none'>): number {
  if (seed === 'demo') return OMNI_DEMO_COUNT;
  if (seed === 'large') return OMNI_LARGE_COUNT;
  return seedCount(seed);
}

/** ≈40% organization (some disabled), 40% personal, 20% MCP, created over the past two years. */
export function omniSeedTokens(seed: OmniSeed, now: Date): OmniSeedToken[] {
  if (seed === 'none') return [];
  const rng = createRng(SEED);
  const members = OMNI_MEMBERS.map((name) => ({ name, membershipId: rngUuid(rng) }));
  const nowMs = now.getTime();
  return Array.from({ length: omniSeedCount(seed) }, () => {
    const createdAt = new Date(nowMs - Math.floor(rng() * 730 * DAY_MS));
    const roll = rng();
    if (roll < 0.4) {
      const name = pick(rng, OMNI_ORGANIZATION_NAMES) + pick(rng, OMNI_ORGANIZATION_SUFFIXES);
      return { name, type: 'organization', enabled: rng() >= 0.15, createdAt, membershipId: null };
    }
    const member = pick(rng, members);
    const name = roll < 0.8 ? pick(rng, OMNI_PERSONAL_TEMPLATES)(member.name) : pick(rng, OMNI_MCP_NAMES);
    const type = roll < 0.8 ? 'personal' : 'mcp';
    return { name, type, enabled: true, createdAt, membershipId: member.membershipId };
  });
}
