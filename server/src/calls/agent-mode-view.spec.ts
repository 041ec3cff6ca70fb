import { effectiveMode } from './agent-state.projection.js';

// The agent's mode on the wallboard must stay true to Asterisk, whoever changed it.
describe('effectiveMode', () => {
  const member = { queues: ['accueil'], mode: null, paused: false, pausedReason: '' };

  it('is phone for an unpaused member', () => {
    expect(effectiveMode(member)).toBe('phone');
  });

  it('reads the mode IRIS wrote into the pause reason', () => {
    expect(effectiveMode({ ...member, paused: true, pausedReason: 'iris:desk' })).toBe('desk');
    expect(effectiveMode({ ...member, paused: true, pausedReason: 'iris:mail' })).toBe('mail');
  });

  it('shows a pause made outside IRIS as a break, even after IRIS had switched the agent', () => {
    expect(effectiveMode({ ...member, mode: 'desk', paused: true, pausedReason: 'reunion' })).toBe('break');
    expect(effectiveMode({ ...member, mode: 'phone', paused: true, pausedReason: '' })).toBe('break');
  });

  it('shows an unpause made outside IRIS as phone, even when IRIS had put the agent at the desk', () => {
    expect(effectiveMode({ ...member, mode: 'desk', paused: false, pausedReason: 'iris:desk' })).toBe('phone');
  });

  it('keeps the confirmed mode of an agent in no queue, and offline when there is none', () => {
    expect(effectiveMode({ ...member, queues: [], mode: 'mail' })).toBe('mail');
    expect(effectiveMode({ ...member, queues: [] })).toBe('offline');
  });
});
