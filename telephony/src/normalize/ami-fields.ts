/**
 * Reading AMI header values into typed data. A value that is required but absent, or not
 * the number it must be, raises a FieldError that the normaliser turns into a counted
 * reject (never an exception out of `normalize()`).
 */
import type { DeviceState, MemberRef, MemberStatus } from '@iris/shared';
import type { AmiFrame } from '../ami/frame-parser.js';

export type NormalizerRejectReason = 'missing_field' | 'invalid_field' | 'internal_error' | 'stale_call_evicted';

export const NORMALIZER_REJECT_REASONS: readonly NormalizerRejectReason[] = [
  'missing_field',
  'invalid_field',
  'internal_error',
  'stale_call_evicted',
];

export class FieldError extends Error {
  constructor(
    readonly reason: 'missing_field' | 'invalid_field',
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

export function required(frame: AmiFrame, key: string): string {
  const value = frame[key];
  if (value === undefined || value === '') {
    throw new FieldError('missing_field', `${frame.Event ?? frame.Response ?? 'frame'} without ${key}`);
  }
  return value;
}

/** A whole number, as AMI writes counters, durations and unix times. */
export function requiredInt(frame: AmiFrame, key: string): number {
  const raw = required(frame, key);
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw new FieldError(
      'invalid_field',
      `${frame.Event ?? 'frame'} ${key} is not a whole number: ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** Like requiredInt, but a missing header gives the fallback (fields some versions omit). */
export function optionalInt(frame: AmiFrame, key: string, fallback: number): number {
  const raw = frame[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw new FieldError(
      'invalid_field',
      `${frame.Event ?? 'frame'} ${key} is not a whole number: ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/**
 * Asterisk writes an empty caller name as `<unknown>` in events and as `unknown` in
 * QueueEntry list items; both mean "no name".
 */
export function callerName(raw: string | undefined): string | null {
  if (raw === undefined || raw === '' || raw === '<unknown>' || raw === 'unknown') return null;
  return raw;
}

export function callerNumber(raw: string | undefined): string {
  if (raw === undefined || raw === '<unknown>') return '';
  return raw;
}

/** ast_device_state numbering, as QueueMemberStatus/QueueMember `Status` carries it. */
const DEVICE_STATES: readonly DeviceState[] = [
  'unknown',
  'not_in_use',
  'in_use',
  'busy',
  'invalid',
  'unavailable',
  'ringing',
  'ring_in_use',
  'on_hold',
];

export function deviceState(frame: AmiFrame): DeviceState {
  const code = requiredInt(frame, 'Status');
  const state = DEVICE_STATES[code];
  if (state === undefined)
    throw new FieldError('invalid_field', `${frame.Event ?? 'frame'} Status ${code} is not a device state`);
  return state;
}

function membership(raw: string | undefined): MemberStatus['membership'] {
  return raw === 'dynamic' || raw === 'realtime' ? raw : 'static';
}

/**
 * Live member events name the member `Interface`/`MemberName`; QueueStatus list items
 * (`QueueMember`) name it `Location`/`Name` (captures README, point 7).
 */
export function memberRef(frame: AmiFrame): MemberRef {
  const iface = frame.Interface ?? frame.Location;
  if (iface === undefined || iface === '')
    throw new FieldError('missing_field', `${frame.Event ?? 'frame'} without Interface`);
  const name = frame.MemberName ?? frame.Name;
  return { interface: iface, name: name === undefined || name === '' ? iface : name };
}

export function memberStatus(frame: AmiFrame): MemberStatus {
  return {
    deviceState: deviceState(frame),
    paused: frame.Paused === '1',
    pausedReason: frame.PausedReason ?? '',
    inCall: frame.InCall === '1',
    callsTaken: optionalInt(frame, 'CallsTaken', 0),
    lastCallAt: optionalInt(frame, 'LastCall', 0),
    penalty: optionalInt(frame, 'Penalty', 0),
    membership: membership(frame.Membership),
  };
}
