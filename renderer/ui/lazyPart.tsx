/**
 * Parts of the UI that no first screen shows (dialogs, the add-account forms, the Omni tokens
 * view, the tray's quick-create window) live in chunks of their own,
 * so the bundle the window parses and runs before its first paint holds only what it paints
 * (`npm run bench`). A part loads when it is first shown, and every part is fetched in the
 * background once the first screen is up (preloadLazyParts), so a dialog opens without a wait.
 */
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';

const loaders: (() => Promise<unknown>)[] = [];

/** A function component, generic ones included (their type is kept: see lazyPart). */
type Component = (props: never) => ReactNode;

/**
 * `load` imports the part's module and picks the component, e.g.
 * `lazyPart(() => import('./CreateKeyDialog').then((m) => m.CreateKeyDialog))`; the result has
 * the component's own type. Until it has arrived the part renders `fallback` (nothing, for a dialog).
 */
export function lazyPart<C extends Component>(load: () => Promise<C>, fallback: ReactNode = null): C & { preload(): Promise<unknown> } {
  let loading: Promise<unknown> | null = null;
  let loaded: ComponentType<object> | null = null;
  const once = () => {
    // A failed load (a file that could not be read) is tried again next time.
    loading ??= load().then(
      (component) => {
        loaded = component as unknown as ComponentType<object>;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  loaders.push(once);
  const Part = (props: object) => {
    // Loaded already (the usual case, see preloadLazyParts): rendered at once, as a static import
    // would be. Otherwise the fallback until the code arrives, then the part, mounted once. Not
    // React.lazy and Suspense: React holds a revealed boundary back for up to 300 ms, which a list
    // of 1,000 keys showed as half a second of blank window (`npm run bench`).
    const [Loaded, setLoaded] = useState(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Loaded) return;
      let mounted = true;
      once().then(
        () => mounted && setLoaded(() => loaded),
        () => mounted && setFailed(true),
      );
      return () => {
        mounted = false;
      };
    }, [Loaded]);
    if (Loaded) return <Loaded {...props} />;
    if (failed) return <p role="alert">This part of DevKeys could not be loaded. Restart DevKeys to try again.</p>;
    return <>{fallback}</>;
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
