/** "Check a key": what a pasted secret is, whose it is, and whether it still works. */
import type { CoreContext, HandlerGroup } from './context';

export function keyCheckHandlers(ctx: CoreContext): HandlerGroup<'checkKey'> {
  return {
    async checkKey({ secret }) {
      return ctx.keyCheck.check(secret);
    },
  };
}
