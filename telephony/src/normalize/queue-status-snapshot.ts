/**
 * The list items of one QueueStatus response -> a `telephony.snapshot` event: queues,
 * members (with pause reasons), callers waiting now with their wait so far. The bridge
 * sends QueueStatus after every (re)connect and emits this so live state is right even
 * after missed events.
 *
 * Field names differ from the live events (captures README, point 7): `QueueMember` says
 * `Name`/`Location`, `QueueEntry` says `CallerIDName: unknown` and carries no `Linkedid`
 * (so a waiting caller's linkedId is its own Uniqueid here: the live events that decide its
 * outcome carry the real one). `serviceLevelSeconds` is Asterisk's value as is (0 = unset),
 * as QueueSnapshot documents; the normaliser applies the default when it needs one.
 */
import type { MemberRef, MemberStatus, QueueSnapshot, TelephonySnapshot } from '@iris/shared';
import type { AmiFrame } from '../ami/frame-parser.js';
import {
  FieldError,
  callerName,
  callerNumber,
  memberRef,
  memberStatus,
  optionalInt,
  required,
  requiredInt,
} from './ami-fields.js';
import type { NormalizerOptions } from './normalizer.js';

interface QueueDraft {
  queue: string;
  strategy: string;
  serviceLevelSeconds: number;
  asteriskCompleted: number;
  asteriskAbandoned: number;
  members: Array<{ agent: MemberRef; status: MemberStatus }>;
  waiting: Array<QueueSnapshot['waiting'][number]>;
}

/**
 * Builds the snapshot from the list items of one QueueStatus response (QueueParams,
 * QueueMember, QueueEntry frames, in order). Other frames (the `Response: Success` header,
 * `QueueStatusComplete`) may be passed too and are ignored. A malformed item is reported
 * through `options.onReject` and left out; the rest of the snapshot stands.
 * The id is `ami:snapshot:<receivedAt>:<hash of the items>`: the same response gives the
 * same id, two snapshots taken at different times are two facts.
 */
export function snapshotFromQueueStatus(
  items: readonly AmiFrame[],
  receivedAt: number,
  options?: NormalizerOptions,
): TelephonySnapshot {
  const queues = new Map<string, QueueDraft>();
  const draftOf = (queue: string): QueueDraft => {
    let draft = queues.get(queue);
    if (draft === undefined) {
      draft = {
        queue,
        strategy: '',
        serviceLevelSeconds: 0,
        asteriskCompleted: 0,
        asteriskAbandoned: 0,
        members: [],
        waiting: [],
      };
      queues.set(queue, draft);
    }
    return draft;
  };

  for (const item of items) {
    try {
      switch (item.Event) {
        case 'QueueParams': {
          const draft = draftOf(required(item, 'Queue'));
          draft.strategy = item.Strategy ?? '';
          draft.serviceLevelSeconds = optionalInt(item, 'ServiceLevel', 0);
          draft.asteriskCompleted = optionalInt(item, 'Completed', 0);
          draft.asteriskAbandoned = optionalInt(item, 'Abandoned', 0);
          break;
        }
        case 'QueueMember': {
          const draft = draftOf(required(item, 'Queue'));
          draft.members.push({ agent: memberRef(item), status: memberStatus(item) });
          break;
        }
        case 'QueueEntry': {
          const draft = draftOf(required(item, 'Queue'));
          const callId = required(item, 'Uniqueid');
          draft.waiting.push({
            callId,
            linkedId: item.Linkedid || callId,
            callerNumber: callerNumber(item.CallerIDNum),
            callerName: callerName(item.CallerIDName),
            position: requiredInt(item, 'Position'),
            waitSeconds: optionalInt(item, 'Wait', 0),
          });
          break;
        }
        default:
          break;
      }
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      options?.onReject?.(error.reason, error.message);
    }
  }

  for (const draft of queues.values()) draft.waiting.sort((a, b) => a.position - b.position);
  const data = { queues: [...queues.values()] };
  return {
    id: `ami:snapshot:${receivedAt}:${fnv1a(JSON.stringify(data))}`,
    type: 'telephony.snapshot',
    v: 1,
    at: receivedAt,
    source: 'ami',
    data,
  };
}

/** 32-bit FNV-1a, hex: a short stable digest for ids (not security). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
