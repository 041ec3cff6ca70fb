import { AGENT_MODES, isAgentMode, modeFromPauseReason, pauseReasonForMode } from './agent-mode.js';

describe('agent modes and Asterisk pause reasons', () => {
  it('round-trips every non-phone mode through the pause reason', () => {
    for (const mode of AGENT_MODES) {
      if (mode === 'phone') continue;
      expect(modeFromPauseReason(pauseReasonForMode(mode))).toBe(mode);
    }
  });

  it('does not claim pauses made outside IRIS', () => {
    expect(modeFromPauseReason('reunion')).toBeNull();
    expect(modeFromPauseReason('iris:phone')).toBeNull();
    expect(modeFromPauseReason('')).toBeNull();
  });

  it('validates modes at the edge', () => {
    expect(isAgentMode('desk')).toBe(true);
    expect(isAgentMode('DESK')).toBe(false);
    expect(isAgentMode(42)).toBe(false);
  });
});
