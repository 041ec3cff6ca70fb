import { IrisError } from '../errors/iris-error.js';

/** A refused desk or rotation action, with a stable code the HTTP filter maps to a status. */
/** Codes follow the server's suffix rules: _NOT_FOUND 404, _CONFLICT 409, _INVALID 400, _RATE_LIMITED 429. */
export type DeskErrorCode =
  | 'DESK_REASON_INVALID'
  | 'DESK_INPUT_INVALID'
  | 'DESK_TICKET_NOT_FOUND'
  | 'DESK_TICKET_WAITING_CONFLICT'
  | 'DESK_TICKET_CLOSED_CONFLICT'
  | 'DESK_KIOSK_RATE_LIMITED'
  | 'DESK_NUMBERING_UNAVAILABLE';

/** A refused desk action; an IrisError so every transport's filter maps it by code. */
export class DeskError extends IrisError {
  declare readonly code: DeskErrorCode;

  constructor(code: DeskErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, details);
    this.name = 'DeskError';
  }
}
