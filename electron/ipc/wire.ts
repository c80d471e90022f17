/**
 * How contract names become IPC channel strings. Zod-free, so the preload can use it without
 * bundling the contract's schemas (the preload gets the names themselves injected at build
 * time from the contract: see scripts/build-main.ts).
 */
import type { EventName } from './contract';

/** The IPC channel string for a contract entry. */
export const ipcChannel = (name: string): string => `devkeys:${name}`;
/** The IPC channel string of a one-way main → renderer event. */
export const ipcEvent = (name: EventName): string => `devkeys:event:${name}`;
