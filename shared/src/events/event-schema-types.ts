import type { z } from 'zod';

/**
 * The data schema of every event type of a union, keyed by type: a missing type, an extra
 * one, or a schema whose output does not fit the type's `data` fails to compile.
 */
export type EventDataSchemas<E extends { readonly type: string; readonly data: unknown }> = {
  readonly [T in E['type']]: z.ZodType<Extract<E, { type: T }>['data']>;
};
