// Job readiness:
// - condition Complete=True: ready;
// - condition Failed=True (backoff limit or deadline reached): failed, with its reason;
// - otherwise progressing (active and succeeded pods counted).
import { msg } from '@quai/contracts';
import { condition, type Live, type Readiness } from './types.js';

export function jobReadiness(j: Live): Readiness {
  if (condition(j, 'Complete')?.status === 'True')
    return { state: 'ready', message: msg('deploy.ready.jobCompleted') };
  const failed = condition(j, 'Failed');
  if (failed?.status === 'True') {
    return {
      state: 'failed',
      message: msg('deploy.ready.jobFailed', {
        reason: `${failed.reason ?? ''} ${failed.message ?? ''}`.trim(),
      }),
    };
  }
  const active = (j.status?.['active'] as number | undefined) ?? 0;
  return { state: 'progressing', message: msg('deploy.ready.jobRunning', { count: active }) };
}
