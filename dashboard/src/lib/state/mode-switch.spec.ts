import { IDLE, failed, pendingMode, requested, withAgentState } from './mode-switch.js';
import { agent } from '../testing/view-fixtures.js';

describe('mode switch', () => {
  it('shows our request as pending at once, before the server answers', () => {
    const phone = agent('a1', { mode: 'phone' });
    expect(pendingMode(requested('desk'), phone)).toBe('desk');
  });

  it('stays pending while the server holds the change unconfirmed', () => {
    const stillPending = withAgentState(requested('desk'), agent('a1', { mode: 'phone', pendingMode: 'desk' }));
    expect(stillPending).toEqual({ phase: 'pending', mode: 'desk' });
    // Even if the mode flipped, a pendingMode still set means Asterisk has not confirmed.
    expect(withAgentState(requested('desk'), agent('a1', { mode: 'desk', pendingMode: 'desk' })).phase).toBe('pending');
  });

  it('is confirmed once the agent is in the mode with nothing pending', () => {
    expect(withAgentState(requested('desk'), agent('a1', { mode: 'desk' }))).toEqual({
      phase: 'confirmed',
      mode: 'desk',
    });
  });

  it('keeps a failure visible whatever state arrives next', () => {
    const failure = failed('desk', 'QueuePause refusé');
    expect(withAgentState(failure, agent('a1', { mode: 'phone' }))).toBe(failure);
    expect(pendingMode(failure, agent('a1'))).toBeNull();
  });

  it('shows a change pending on the server even if asked elsewhere (another tab, the supervisor)', () => {
    expect(pendingMode(IDLE, agent('a1', { pendingMode: 'mail' }))).toBe('mail');
    expect(pendingMode(IDLE, null)).toBeNull();
  });
});
