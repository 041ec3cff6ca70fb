import { canActOnAgent, canJoinRoom, parseRoomName, type Principal } from './access-rules.js';

const supervisor: Principal = { username: 'claire.martin', roles: ['supervisor'], agentId: null };
const admin: Principal = { username: 'admin', roles: ['admin'], agentId: null };
const agent1001: Principal = { username: 'agent1001', roles: ['agent'], agentId: '1001' };
const service: Principal = { username: 'urbanisme', roles: ['service'], agentId: null };
const agentWithoutLink: Principal = { username: 'new.agent', roles: ['agent'], agentId: null };

describe('canJoinRoom', () => {
  it('lets supervisors and admins into the supervisor and queue rooms', () => {
    for (const who of [supervisor, admin]) {
      expect(canJoinRoom(who, 'supervisor')).toBe(true);
      expect(canJoinRoom(who, 'queue:accueil')).toBe(true);
      expect(canJoinRoom(who, 'agent:1001')).toBe(true);
    }
  });

  it('keeps an agent out of the supervisor, queue and other agents rooms', () => {
    expect(canJoinRoom(agent1001, 'supervisor')).toBe(false);
    expect(canJoinRoom(agent1001, 'queue:accueil')).toBe(false);
    expect(canJoinRoom(agent1001, 'agent:1002')).toBe(false);
    expect(canJoinRoom(agent1001, 'agent:1001')).toBe(true);
  });

  it('refuses every live room to a service expert and to an agent user not linked to an agent', () => {
    for (const room of ['supervisor', 'queue:accueil', 'agent:1001'] as const) {
      expect(canJoinRoom(service, room)).toBe(false);
      expect(canJoinRoom(agentWithoutLink, room)).toBe(false);
    }
  });
});

describe('canActOnAgent', () => {
  it('lets an agent act on itself only, and overseers on anyone', () => {
    expect(canActOnAgent(agent1001, '1001')).toBe(true);
    expect(canActOnAgent(agent1001, '1002')).toBe(false);
    expect(canActOnAgent(supervisor, '1002')).toBe(true);
    expect(canActOnAgent(service, '1001')).toBe(false);
  });
});

describe('parseRoomName', () => {
  it('accepts the three room shapes and rejects anything else', () => {
    expect(parseRoomName('supervisor')).toBe('supervisor');
    expect(parseRoomName('queue:etat-civil')).toBe('queue:etat-civil');
    expect(parseRoomName('agent:1001')).toBe('agent:1001');
    for (const bad of ['', 'admin', 'queue:', 'agent:a b', 42, null, `queue:${'x'.repeat(65)}`])
      expect(parseRoomName(bad)).toBeNull();
  });
});
