import type { AmiAction } from './ami-message.js';
import { AmiActionReader, formatAmiMessage } from './ami-message.js';

describe('AMI messages', () => {
  it('formats ordered headers with CRLF and a blank line', () => {
    expect(
      formatAmiMessage([
        ['Response', 'Success'],
        ['ActionID', 'x'],
        ['PausedReason', ''],
      ]),
    ).toBe('Response: Success\r\nActionID: x\r\nPausedReason: \r\n\r\n');
  });

  it('reads actions split anywhere, headers case-insensitive as Asterisk matches them', () => {
    const actions: AmiAction[] = [];
    const reader = new AmiActionReader((action) => actions.push(action));
    const text =
      'Action: login\r\nActionid: 17\r\nUsername: iris\r\nSecret: s: 1\r\n\r\nAction: QueuePause\nInterface: Local/1001@agents/n\nPaused: yes\n\n';
    for (const char of text) reader.push(char);
    expect(actions.map((action) => [action.name, action.actionId])).toEqual([
      ['login', '17'],
      ['queuepause', undefined],
    ]);
    expect(actions[0]?.get('SECRET')).toBe('s: 1');
    expect(actions[1]?.flag('Paused')).toBe(true);
    expect(actions[1]?.flag('Queue')).toBeUndefined();
  });
});
