/**
 * The preload: exposes `window.devkeys`, one function per contract channel plus event
 * subscription, and nothing else — never `ipcRenderer` itself (checklist 20). Bundled to a
 * single CommonJS file because sandboxed preloads cannot `require` project modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChannelName, DevKeysApi, EventName, EventPayloads } from './ipc/contract';
import { ipcChannel, ipcEvent } from './ipc/wire';

// The contract's channel and event names, injected by scripts/build-main.ts: the preload needs
// only the names, and importing the contract itself would bundle zod and every schema.
declare const __DEVKEYS_CHANNEL_NAMES__: readonly ChannelName[];
declare const __DEVKEYS_EVENT_NAMES__: readonly EventName[];
const CHANNEL_NAMES = __DEVKEYS_CHANNEL_NAMES__;
const EVENT_NAMES = __DEVKEYS_EVENT_NAMES__;

const invokers: Record<string, (args: unknown) => Promise<unknown>> = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke(ipcChannel(name), args)]),
);

// The first screen's one request (`loadFirstScreen`) leaves now, as the page starts: main gathers
// the answer while the browser still loads and runs the app's bundle, and the app's first call of
// the channel gets it (renderer/api/startup.ts). The tray's quick-create window needs none of it.
const EARLY_ANSWER_MAX_AGE_MS = 5_000;
const askFirstScreen = invokers['loadFirstScreen'];
if (askFirstScreen && (globalThis as unknown as { location: { hash: string } }).location.hash !== '#quick-create') {
  const sentAt = Date.now();
  let early: Promise<unknown> | null = askFirstScreen({});
  // Nothing is lost if it fails: the app's call gets the same failure and explains it.
  early.catch(() => undefined);
  invokers['loadFirstScreen'] = (args) => {
    const answer = early && Date.now() - sentAt <= EARLY_ANSWER_MAX_AGE_MS ? early : askFirstScreen(args);
    early = null;
    return answer;
  };
}

const api = {
  ...invokers,
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown DevKeys event: ${String(event)}`);
    // Wrap so the renderer never receives the IpcRendererEvent (it exposes `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload);
    ipcRenderer.on(ipcEvent(event), wrapped);
    return () => ipcRenderer.removeListener(ipcEvent(event), wrapped);
  },
} as DevKeysApi;

contextBridge.exposeInMainWorld('devkeys', api);
