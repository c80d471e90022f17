/**
 * Parts of the UI that no first screen shows (dialogs, the add-account forms, the Omni tokens
 * view, the tray's quick-create window, the virtualized long list) live in chunks of their own,
 * so the bundle the window parses and runs before its first paint holds only what it paints
 * (`npm run bench`). A part loads when it is first shown, and every part is fetched in the
 * background once the first screen is up (preloadLazyParts), so a dialog opens without a wait.
 */
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

const loaders: (() => Promise<unknown>)[] = [];

/** A function component, generic ones included (their type is kept: see lazyPart). */
type Component = (props: never) => ReactNode;

/**
 * `load` imports the part's module and picks the component, e.g.
 * `lazyPart(() => import('./CreateKeyDialog').then((m) => m.CreateKeyDialog))`; the result has
 * the component's own type. Until it has arrived the part renders `fallback` (nothing, for a dialog).
 */
export function lazyPart<C extends Component>(load: () => Promise<C>, fallback: ReactNode = null): C & { preload(): Promise<unknown> } {
  let loading: Promise<{ default: ComponentType<object> }> | null = null;
  let loaded: ComponentType<object> | null = null;
  const once = () => {
    // A failed load (a file that could not be read) is tried again next time.
    loading ??= load().then(
      (component) => {
        loaded = component as unknown as ComponentType<object>;
        return { default: loaded };
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  loaders.push(once);
  const Lazy = lazy(once);
  const Part = (props: object) => {
    // Loaded already (the usual case, see preloadLazyParts): rendered at once, as a static import
    // would be. Otherwise through Suspense — for the whole life of this mount, so that the part
    // never remounts (and loses its state) when its code arrives.
    const [Loaded] = useState(() => loaded);
    if (Loaded) return <Loaded {...props} />;
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  };
  return Object.assign(Part as unknown as C, { preload: once });
}

/** Fetches every lazy part in the background, one after another, when the browser is idle. */
export function preloadLazyParts(): void {
  const queue = [...loaders];
  const next = () => {
    const load = queue.shift();
    if (!load) return;
    void load()
      .catch(() => undefined)
      .then(() => requestIdleCallback(next));
  };
  requestIdleCallback(next);
}
