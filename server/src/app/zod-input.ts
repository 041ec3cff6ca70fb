import { IrisError } from '@iris/shared';
import type { z } from 'zod';

/**
 * Validates an input at the edge: returns the parsed value or throws VALIDATION_FAILED
 * listing each bad field with its reason.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(corps)',
    problem: issue.message,
  }));
  throw new IrisError(
    'VALIDATION_FAILED',
    `${what} invalide : ${fields.map((f) => `${f.field} (${f.problem})`).join(', ')}`,
    { fields },
  );
}
