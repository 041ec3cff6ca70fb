/**
 * Queue member actions that resolve only when Asterisk confirms them with the matching
 * event, not when it merely answers `Response: Success`: the rotation feature shows a
 * change as pending until then.
 */
import { IrisError } from '@iris/shared';
import type { AmiFrame } from '../ami/frame-parser.js';

export interface PauseMemberRequest {
  /** Omitted: every queue the member belongs to (one QueuePause, one QueueMemberPause per queue). */
  readonly queue?: string;
  readonly interface: string;
  readonly reason: string;
}

export interface UnpauseMemberRequest {
  readonly queue?: string;
  readonly interface: string;
  readonly reason?: string;
}

export interface AddMemberRequest {
  readonly queue: string;
  readonly interface: string;
  readonly name: string;
  readonly stateInterface?: string;
  readonly penalty?: number;
  readonly paused?: boolean;
  readonly reason?: string;
}

export interface RemoveMemberRequest {
  readonly queue: string;
  readonly interface: string;
}

/** What Asterisk confirmed: the queues whose member event arrived. */
export interface MemberActionResult {
  readonly interface: string;
  readonly queues: readonly string[];
}

export type ConfirmingEvent = 'QueueMemberPause' | 'QueueMemberAdded' | 'QueueMemberRemoved';

export interface PendingMemberAction {
  readonly actionId: string;
  readonly action: string;
  readonly event: ConfirmingEvent;
  readonly iface: string;
  /** For pauses: the `Paused` value expected ('1' or '0'). */
  readonly paused: '1' | '0' | undefined;
  /** Queues still to confirm; null = the first confirming event settles it (membership unknown). */
  readonly remaining: Set<string> | null;
  readonly confirmed: string[];
  responded: boolean;
  readonly resolve: (result: MemberActionResult) => void;
  readonly reject: (error: IrisError) => void;
  readonly timer: NodeJS.Timeout;
}

/** Tracks member actions in flight on the current link. */
export class MemberActionTracker {
  private readonly pending = new Map<string, PendingMemberAction>();

  add(action: PendingMemberAction): void {
    this.pending.set(action.actionId, action);
  }

  has(actionId: string): boolean {
    return this.pending.has(actionId);
  }

  /** Asterisk answered the action. Returns the settled action's callback to run after delivery, if any. */
  onResponse(frame: AmiFrame): (() => void) | undefined {
    const actionId = frame.ActionID;
    const action = actionId === undefined ? undefined : this.pending.get(actionId);
    if (!action) return undefined;
    if (frame.Response !== 'Success') {
      this.settle(action);
      const message = frame.Message ?? 'unknown error';
      const error = new IrisError(
        'AMI_ACTION_REJECTED',
        `Asterisk a refusé ${action.action} pour ${action.iface} : ${message}`,
        {
          action: action.action,
          interface: action.iface,
          asteriskMessage: message,
        },
      );
      return () => action.reject(error);
    }
    action.responded = true;
    return this.settleIfDone(action);
  }

  /** A member event arrived: it may confirm actions in flight. Returns callbacks to run after delivery. */
  onMemberEvent(frame: AmiFrame): Array<() => void> {
    const settled: Array<() => void> = [];
    const event = frame.Event;
    for (const action of [...this.pending.values()]) {
      if (action.event !== event || frame.Interface !== action.iface) continue;
      if (action.paused !== undefined && frame.Paused !== action.paused) continue;
      const queue = frame.Queue ?? '';
      if (action.remaining !== null) {
        if (!action.remaining.delete(queue)) continue;
      }
      action.confirmed.push(queue);
      const done = this.settleIfDone(action);
      if (done) settled.push(done);
    }
    return settled;
  }

  /** The link dropped: nothing in flight can be confirmed any more. */
  failAll(reason: string): Array<() => void> {
    return [...this.pending.values()].map((action) => {
      this.settle(action);
      const error = new IrisError(
        'AMI_DISCONNECTED',
        `Lien AMI perdu avant la confirmation de ${action.action} pour ${action.iface} (${reason})`,
        {
          action: action.action,
          interface: action.iface,
        },
      );
      return () => action.reject(error);
    });
  }

  timeout(actionId: string, timeoutMs: number): void {
    const action = this.pending.get(actionId);
    if (!action) return;
    this.settle(action);
    action.reject(
      new IrisError(
        'AMI_ACTION_TIMEOUT',
        `Asterisk n'a pas confirmé ${action.action} pour ${action.iface} en ${timeoutMs} ms`,
        {
          action: action.action,
          interface: action.iface,
          responded: action.responded,
          confirmedQueues: [...action.confirmed],
        },
      ),
    );
  }

  private settleIfDone(action: PendingMemberAction): (() => void) | undefined {
    const complete = action.remaining === null ? action.confirmed.length > 0 : action.remaining.size === 0;
    if (!action.responded || !complete) return undefined;
    this.settle(action);
    const result = { interface: action.iface, queues: [...action.confirmed] };
    return () => action.resolve(result);
  }

  private settle(action: PendingMemberAction): void {
    clearTimeout(action.timer);
    this.pending.delete(action.actionId);
  }
}
