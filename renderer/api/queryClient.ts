import { QueryClient } from '@tanstack/react-query';
import { BridgeError, isTransientError } from './bridge';

const MAX_RETRIES = 3;

/**
 * Queries retry only transient failures (network, timeout, 5xx, 429), up to 3 times, waiting
 * the server's Retry-After when it gave one, else 1 s, 2 s, 4 s. Mutations never retry:
 * creating or revoking a key is not something to repeat behind the user's back.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
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
}

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
