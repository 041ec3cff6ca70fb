import type { Component } from 'svelte';
import type { MessageKey } from '../i18n/translate.js';
import type { UserRole } from '../api/auth-api.js';

/**
 * Every screen of the dashboard, one row each. To add a screen: add a row (path, lazy
 * import, who may see it, its title key, and a nav label if it belongs in the menu).
 * Screens load on demand, so the wallboard does not carry the admin screens' code.
 */
export interface RouteDefinition {
  readonly path: string;
  readonly load: () => Promise<{ default: Component<Record<string, unknown>> }>;
  /** Roles allowed; `public` needs no session. */
  readonly access: 'public' | ReadonlyArray<UserRole>;
  readonly titleKey: MessageKey;
  /** Label in the main navigation; omitted for screens reached otherwise. */
  readonly navKey?: MessageKey;
  /** Props given to the screen (e.g. the wallboard's wall mode). */
  readonly props?: Readonly<Record<string, unknown>>;
}

type Loaded = Promise<{ default: Component<Record<string, unknown>> }>;
const lazy = (load: () => Promise<unknown>) => load as () => Loaded;

export const SIGN_IN_PATH = '/connexion';

export const ROUTES: ReadonlyArray<RouteDefinition> = [
  {
    path: SIGN_IN_PATH,
    load: lazy(() => import('../../screens/sign-in/sign-in-screen.svelte')),
    access: 'public',
    titleKey: 'signIn.title',
  },
  {
    path: '/supervision',
    load: lazy(() => import('../../screens/supervisor/wallboard-screen.svelte')),
    access: ['supervisor', 'admin'],
    titleKey: 'wallboard.title',
    navKey: 'nav.supervisor',
  },
  {
    path: '/mur',
    load: lazy(() => import('../../screens/supervisor/wallboard-screen.svelte')),
    access: ['supervisor', 'admin'],
    titleKey: 'wallboard.wallTitle',
    navKey: 'nav.wallboard',
    props: { wall: true },
  },
  {
    path: '/agent',
    load: lazy(() => import('../../screens/agent/agent-panel-screen.svelte')),
    access: ['agent'],
    titleKey: 'agentPanel.title',
    navKey: 'nav.agent',
  },
  {
    path: '/guichet',
    load: lazy(() => import('../../screens/desk/desk-agent-screen.svelte')),
    access: ['agent', 'supervisor'],
    titleKey: 'deskAgent.title',
    navKey: 'nav.desk',
  },
  {
    path: '/rotation',
    load: lazy(() => import('../../screens/rotation/rotation-plan-screen.svelte')),
    access: ['supervisor', 'admin'],
    titleKey: 'rotation.title',
    navKey: 'nav.rotation',
  },
  // Public screens of the hall: the ticket kiosk and the calling display (no sign-in, no menu).
  {
    path: '/borne',
    load: lazy(() => import('../../screens/desk/kiosk-screen.svelte')),
    access: 'public',
    titleKey: 'kiosk.title',
    props: { wall: true },
  },
  {
    path: '/affichage',
    load: lazy(() => import('../../screens/desk/public-display-screen.svelte')),
    access: 'public',
    titleKey: 'display.title',
    props: { wall: true },
  },
  {
    path: '/admin/utilisateurs',
    load: lazy(() => import('../../screens/admin/users-screen.svelte')),
    access: ['admin'],
    titleKey: 'admin.title',
    navKey: 'nav.admin',
  },
];

export function findRoute(path: string): RouteDefinition | undefined {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return ROUTES.find((route) => route.path === normalized);
}

export function canSee(route: RouteDefinition, roles: ReadonlyArray<UserRole>): boolean {
  return route.access === 'public' || route.access.some((role) => roles.includes(role));
}

/** Where "/" leads a signed-in user: the first screen of the table their roles open. */
export function homeFor(roles: ReadonlyArray<UserRole>): string | null {
  return ROUTES.find((route) => route.access !== 'public' && canSee(route, roles))?.path ?? null;
}
