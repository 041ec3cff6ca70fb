/** A refused desk or rotation action, with a stable code the HTTP filter maps to a status. */
export type DeskErrorCode =
  | 'DESK_UNKNOWN_REASON'
  | 'DESK_UNKNOWN_TICKET'
  | 'DESK_TICKET_NOT_CALLED'
  | 'DESK_TICKET_CLOSED'
  | 'DESK_TICKET_AT_OTHER_COUNTER'
  | 'DESK_NO_TICKET_WAITING'
  | 'DESK_INVALID_INPUT';

export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}
