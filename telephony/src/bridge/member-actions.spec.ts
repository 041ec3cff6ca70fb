import type { IrisError } from '@iris/shared';
import { MemberActionTracker, type MemberActionResult, type PendingMemberAction } from './member-actions.js';

function pending(overrides: Partial<PendingMemberAction> = {}) {
  const outcome: { result?: MemberActionResult; error?: IrisError } = {};
  const action: PendingMemberAction = {
    actionId: 'a-1',
    action: 'QueuePause',
    event: 'QueueMemberPause',
    iface: 'Local/1001@agents/n',
    paused: '1',
    remaining: new Set(['accueil', 'etat-civil']),
    confirmed: [],
    responded: false,
    resolve: (result) => (outcome.result = result),
    reject: (error) => (outcome.error = error),
    timer: setTimeout(() => undefined, 0),
    ...overrides,
  };
  return { action, outcome };
}

const pauseEvent = (queue: string, paused = '1') => ({
  Event: 'QueueMemberPause',
  Queue: queue,
  Interface: 'Local/1001@agents/n',
  Paused: paused,
});

describe('MemberActionTracker', () => {
  it('resolves only once Asterisk answered AND every queue confirmed', () => {
    const tracker = new MemberActionTracker();
    const { action, outcome } = pending();
    tracker.add(action);
    expect(tracker.onResponse({ Response: 'Success', ActionID: 'a-1' })).toBeUndefined();
    expect(tracker.onMemberEvent(pauseEvent('accueil'))).toEqual([]);
    const settled = tracker.onMemberEvent(pauseEvent('etat-civil'));
    expect(settled).toHaveLength(1);
    settled.forEach((run) => run());
    expect(outcome.result).toEqual({ interface: 'Local/1001@agents/n', queues: ['accueil', 'etat-civil'] });
    expect(tracker.has('a-1')).toBe(false);
  });

  it('ignores events of another member, another queue or the opposite pause state', () => {
    const tracker = new MemberActionTracker();
    const { action } = pending({ remaining: new Set(['accueil']) });
    tracker.add(action);
    tracker.onResponse({ Response: 'Success', ActionID: 'a-1' });
    expect(tracker.onMemberEvent({ ...pauseEvent('accueil'), Interface: 'Local/1002@agents/n' })).toEqual([]);
    expect(tracker.onMemberEvent(pauseEvent('etat-civil'))).toEqual([]);
    expect(tracker.onMemberEvent(pauseEvent('accueil', '0'))).toEqual([]);
    expect(tracker.has('a-1')).toBe(true);
  });

  it("rejects with Asterisk's message on Response: Error", () => {
    const tracker = new MemberActionTracker();
    const { action, outcome } = pending({ action: 'QueueRemove', event: 'QueueMemberRemoved', paused: undefined });
    tracker.add(action);
    tracker.onResponse({ Response: 'Error', ActionID: 'a-1', Message: 'Member not dynamic' })?.();
    expect(outcome.error?.code).toBe('AMI_ACTION_REJECTED');
    expect(outcome.error?.details?.asteriskMessage).toBe('Member not dynamic');
    expect(outcome.error?.message).toContain('Member not dynamic');
  });

  it('fails everything in flight when the link drops, and times out what is never confirmed', () => {
    const tracker = new MemberActionTracker();
    const first = pending();
    const second = pending({ actionId: 'a-2' });
    tracker.add(first.action);
    tracker.add(second.action);
    tracker.timeout('a-2', 5000);
    expect(second.outcome.error?.code).toBe('AMI_ACTION_TIMEOUT');
    tracker.failAll('connection closed').forEach((run) => run());
    expect(first.outcome.error?.code).toBe('AMI_DISCONNECTED');
  });
});
