/** Key rotation channels: rotate (shows the new secret once) and finish (revoke old or keep both). */
import type { CoreContext, HandlerGroup } from './context';

export function rotationHandlers(ctx: CoreContext): HandlerGroup<'rotateKey' | 'finishRotation'> {
  const { rotation, secrets } = ctx;
  return {
    async rotateKey({ accountId, keyId }) {
      const outcome = await rotation.rotate(accountId, keyId);
      return { ...outcome, secretHandle: secrets.hold(outcome.secret) };
    },
    async finishRotation({ accountId, oldKeyId, action }) {
      return { outcome: await rotation.finish(accountId, oldKeyId, action) };
    },
  };
}
