import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { BridgeError, isTransientError } from './bridge';
import { queryKeys } from './queryKeys';

const MAX_RETRIES = 3;

/**
 * Queries retry only transient failures (network, timeout, 5xx, 429), up to 3 times, waiting
 * the server's Retry-After when it gave one, else 1 s, 2 s, 4 s. Mutations never retry:
 * creating or revoking a key is not something to repeat behind the user's back.
 */
export function createQueryClient(): QueryClient {
  // A request that finds its account's session over changes that account's status: refresh the
  // account list (main's accountsChanged event may have gone out before a listener existed).
  const onError = (error: unknown) => {
    if (error instanceof BridgeError && SESSION_OVER.has(error.code)) void client.invalidateQueries({ queryKey: queryKeys.accounts() });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < MAX_RETRIES && isTransientError(error),
        retryDelay: (failureCount, error) => {
          if (error instanceof BridgeError && error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0) {
            return error.retryAfterSeconds * 1000;
          }
          return 1000 * 2 ** failureCount;
        },
        refetchOnWindowFocus: true,
        staleTime: 30_000,
      },
      mutations: {
        retry: false,
      },
    },
  });
  return client;
}

const SESSION_OVER: ReadonlySet<string> = new Set(['signed_out', 'account_deletion_in_progress']);

/**
 * `window.__devkeysQueryCacheDump()`: everything react-query holds, as JSON. The e2e suite
 * uses it to prove a created key's secret never reaches the cache. It reads only what this
 * renderer already has in memory.
 */
export function exposeCacheDump(queryClient: QueryClient): void {
  (globalThis as unknown as { __devkeysQueryCacheDump: () => string }).__devkeysQueryCacheDump = () =>
    JSON.stringify({
      queries: queryClient
        .getQueryCache()
        .getAll()
        .map((query) => ({ queryKey: query.queryKey, data: query.state.data, error: query.state.error?.message ?? null })),
      mutations: queryClient
        .getMutationCache()
        .getAll()
        .map((mutation) => ({
          mutationKey: mutation.options.mutationKey ?? null,
          status: mutation.state.status,
          data: mutation.state.data,
          variables: mutation.state.variables,
        })),
    });
}
