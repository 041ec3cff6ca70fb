import { z } from 'zod';

/**
 * Building blocks of the event schemas. Every event's `data` is a strict object: a field
 * the schema does not know is refused, not dropped, because every producer is IRIS's own
 * code and a field the log cannot describe is a bug to see, never data to lose in silence.
 */
export const text = (max = 20_000) => z.string().max(max);
export const nonEmpty = (max = 512) => z.string().min(1).max(max);
export const count = z.number().int().nonnegative();
export const seconds = z.number().finite().nonnegative();
export const epochMs = z.number().finite().positive();
/** Paris calendar day, YYYY-MM-DD. */
export const parisDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const memberRef = z.strictObject({ interface: nonEmpty(), name: text(200) });

export const queueCallRef = { callId: nonEmpty(), linkedId: nonEmpty(), queue: nonEmpty(200) } as const;
