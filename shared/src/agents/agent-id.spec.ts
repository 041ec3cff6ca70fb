import { agentIdFromInterface } from './agent-id.js';

describe('agentIdFromInterface: one id per person across queues', () => {
  it.each([
    ['Local/1001@agents/n', '1001'],
    ['Local/1001@agents', '1001'],
    ['PJSIP/1001', '1001'],
    ['SIP/1001', '1001'],
    ['SIP/1001-0000002a', '1001'],
    ['PJSIP/alice', 'alice'],
    [' PJSIP/1002 ', '1002'],
    ['Agent/42', '42'],
    ['custom-name', 'custom-name'],
  ])('%s -> %s', (memberInterface, agentId) => {
    expect(agentIdFromInterface(memberInterface)).toBe(agentId);
  });
});
