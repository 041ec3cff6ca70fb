import { IrisError } from '../errors/iris-error.js';

/** A refused desk or rotation action, with a stable code the HTTP filter maps to a status. */
export type DeskErrorCode =
  | 'DESK_UNKNOWN_REASON'
  | 'DESK_UNKNOWN_TICKET'
  | 'DESK_TICKET_NOT_CALLED'
  | 'DESK_TICKET_CLOSED'
  | 'DESK_TICKET_AT_OTHER_COUNTER'
  | 'DESK_NO_TICKET_WAITING'
  | 'DESK_INVALID_INPUT';

/** A refused desk action; an IrisError so every transport's filter maps it by code. */
export class DeskError extends IrisError {
  declare readonly code: DeskErrorCode;

  constructor(code: DeskErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, details);
    this.name = 'DeskError';
  }
}
