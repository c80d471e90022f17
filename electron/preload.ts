/**
 * The preload: exposes `window.devkeys`, one function per contract channel plus event
 * subscription, and nothing else — never `ipcRenderer` itself (checklist 20). Bundled to a
 * single CommonJS file because sandboxed preloads cannot `require` project modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, ipcChannel, ipcEvent, type DevKeysApi, type EventName, type EventPayloads } from './ipc/contract';

const invokers = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke(ipcChannel(name), args)]),
);

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
