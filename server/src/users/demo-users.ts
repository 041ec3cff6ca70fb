import type { UserRole } from '@iris/shared';

/**
 * The demo's named users, seeded when IRIS_DEMO_SEED_USERS=true. One list, printed by the
 * server at start-up and by `npm run demo`. Agents are linked to the AMI simulator's
 * extensions 1001-1008. Demo passwords only: never enable the seed in production.
 */
export interface DemoUser {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  readonly roles: ReadonlyArray<UserRole>;
  readonly agentId: string | null;
  readonly service: string | null;
}

export const DEMO_PASSWORD = 'iris-demo';

const AGENT_NAMES = [
  'Julie Bernard',
  'Karim Haddad',
  'Sophie Petit',
  'Thomas Moreau',
  'Nadia Benali',
  'Lucas Robert',
  'Camille Durand',
  'Mehdi Lefebvre',
];

export const DEMO_USERS: ReadonlyArray<DemoUser> = [
  {
    username: 'claire.martin',
    password: DEMO_PASSWORD,
    displayName: 'Claire Martin',
    roles: ['supervisor'],
    agentId: null,
    service: null,
  },
  {
    username: 'admin',
    password: DEMO_PASSWORD,
    displayName: 'Administrateur IRIS',
    roles: ['admin'],
    agentId: null,
    service: null,
  },
  {
    username: 'paul.urbanisme',
    password: DEMO_PASSWORD,
    displayName: 'Paul Girard (Urbanisme)',
    roles: ['service'],
    agentId: null,
    service: 'urbanisme',
  },
  {
    username: 'lea.documentation',
    password: DEMO_PASSWORD,
    displayName: 'Léa Fontaine',
    roles: ['kb-manager'],
    agentId: null,
    service: null,
  },
  ...AGENT_NAMES.map((displayName, index) => ({
    username: `agent${1001 + index}`,
    password: DEMO_PASSWORD,
    displayName,
    roles: ['agent'] as UserRole[],
    agentId: String(1001 + index),
    service: null,
  })),
];
