import type { DomainEvent } from '@iris/shared';

/**
 * Checks the envelope every event must have before it may enter the log. The data of each
 * type is validated by its producer at the edge (AMI normaliser, intake channels); the log
 * only guarantees it can order, deduplicate and route what it holds.
 * Returns the reasons the value is not a valid envelope (empty when it is).
 */
export function envelopeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['not an object'];
  const event = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof event.id !== 'string' || event.id.length === 0 || event.id.length > 512) {
    problems.push('id must be a non-empty string of at most 512 characters');
  }
  if (typeof event.type !== 'string' || !/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/.test(event.type)) {
    problems.push('type must look like "call.answered"');
  }
  if (typeof event.v !== 'number' || !Number.isInteger(event.v) || event.v < 1)
    problems.push('v must be a positive integer');
  if (typeof event.at !== 'number' || !Number.isFinite(event.at) || event.at <= 0)
    problems.push('at must be epoch milliseconds');
  if (typeof event.source !== 'string' || event.source.length === 0) problems.push('source must be a non-empty string');
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data))
    problems.push('data must be an object');
  return problems;
}

export function isEventEnvelope(value: unknown): value is DomainEvent {
  return envelopeProblems(value).length === 0;
}
