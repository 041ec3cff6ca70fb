import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { USER_ROLES, type UserRole } from '@iris/shared';
import type { IrisApp } from '../../src/app/create-app.js';
import { IS_PUBLIC, REQUIRED_ROLES } from '../../src/auth/auth.decorators.js';
import { api, bootApp, createUser, login } from './iris-e2e-support.js';

interface Route {
  readonly method: string;
  readonly path: string;
  /** 'public', or the roles allowed; null when the route says nothing (refused). */
  readonly rule: 'public' | ReadonlyArray<UserRole> | null;
}

/** Every HTTP route of the running app, with the access rule its decorators declare. */
function routesOf(iris: IrisApp): Route[] {
  const discovery = new DiscoveryService(iris.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
      const targets = [handler, wrapper.metatype];
      const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
      const roles = reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, targets);
      for (const one of Array.isArray(path) ? path : [path]) {
        const full = `/${[prefix, one]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        routes.push({ method, path: full, rule: isPublic ? 'public' : roles && roles.length > 0 ? roles : null });
      }
    }
  }
  return routes;
}

describe('every route says who may call it, and the guard holds to it (real app)', () => {
  let iris: IrisApp;
  let routes: Route[];
  const cookies = new Map<UserRole, string>();

  beforeAll(async () => {
    iris = await bootApp({ SMTP_ENABLED: 'false' });
    for (const role of USER_ROLES) {
      await createUser(iris, `user-${role}`, [role], role === 'agent' ? '1001' : null);
      cookies.set(role, await login(iris.url, `user-${role}`));
    }
    routes = routesOf(iris);
  });

  afterAll(async () => {
    await iris?.close();
  });

  it('finds the app routes, each with an explicit rule (public, some roles, or every signed-in role)', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((route) => route.rule === null).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('keeps staff data to the roles that need it (defects found in the attack)', () => {
    const ruleOf = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.rule;
    expect(ruleOf('GET', '/api/staffing/advice')).toEqual(['supervisor', 'admin']);
    expect(ruleOf('GET', '/api/staffing/automatic')).toEqual(['supervisor', 'admin']);
    for (const path of ['/api/rotation/plans', '/api/rotation/plans.csv', '/api/rotation/now'])
      expect([path, ruleOf('GET', path)]).toEqual([path, ['supervisor', 'admin']]);
    expect(ruleOf('GET', '/api/rotation/my-plan/:date')).toEqual(['agent']);
    expect(ruleOf('GET', '/api/desk/tickets')).toEqual(['agent', 'supervisor']);
    expect(ruleOf('GET', '/api/desk/figures')).not.toContain('kb-manager');
  });

  it('answers each role as the rule says: refused by the guard exactly when the role is not listed', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      if (route.rule === 'public') continue;
      const path = route.path.replace(/:(\w+)/g, 'sonde');
      const anonymous = await api(iris.url, null, route.method, path, route.method === 'GET' ? undefined : {});
      if (anonymous.status !== 401) mismatches.push(`${route.method} ${route.path} anonymous -> ${anonymous.status}`);
      for (const role of USER_ROLES) {
        const answer = await api(
          iris.url,
          cookies.get(role)!,
          route.method,
          path,
          route.method === 'GET' ? undefined : {},
        );
        const refusedByGuard = answer.status === 403 && Array.isArray(answer.body?.details?.requiredRoles);
        if (refusedByGuard === route.rule!.includes(role))
          mismatches.push(`${route.method} ${route.path} as ${role} -> ${answer.status} ${answer.body?.code}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
