/**
 * Replays a recorded AMI capture (fixtures/ami-captures/<s>.ami.txt) to each client that
 * logs in: the capture's own banner and login response are replaced by a real answer to
 * the client's Login, then the rest of the capture is sent byte for byte, at the recorded
 * pace (`<s>.ami.timing.tsv`) or as fast as the client reads.
 *
 * The capture starts with the recorder's own QueueStatus response. The client's first
 * QueueStatus is answered with exactly those bytes, only the ActionID rewritten to the
 * client's, so the client's resync sees the state the capture began with.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { AmiAction } from './ami-message.js';
import { actionResponse, type AmiFields } from './ami-message.js';
import type { AmiBackend, AmiSession } from './ami-server.js';
import type { ActionOutcome } from './call-center.model.js';

export type ReplayTiming = 'original' | 'fast';

interface CaptureMessage {
  /** Exact bytes of the message including its terminating blank line. */
  readonly bytes: Buffer;
  /** Seconds since the recorder connected when its last byte arrived. */
  readonly arrivedAt: number;
  readonly headers: ReadonlyMap<string, string>;
}

interface CaptureBlock {
  readonly messages: CaptureMessage[];
  /** Set for the response of the recorder's first QueueStatus: answered to the client's own. */
  readonly initialQueueStatusId?: string;
}

export interface LoadedCapture {
  readonly blocks: readonly CaptureBlock[];
  readonly totalBytes: number;
}

/** How long the replay waits for the client's QueueStatus before sending the recorder's as is. */
const QUEUE_STATUS_WAIT_MS = 2000;

export function loadCapture(path: string): LoadedCapture {
  const data = readFileSync(path);
  const timingPath = path.replace(/\.ami\.txt$/, '.ami.timing.tsv');
  const timing = existsSync(timingPath) ? readTiming(timingPath) : [];
  const messages: CaptureMessage[] = [];
  let position = 0;
  // The banner line is not a message: skip it (the server sends its own).
  const firstLineEnd = data.indexOf('\r\n');
  if (firstLineEnd >= 0 && !data.subarray(0, firstLineEnd).includes(':')) position = firstLineEnd + 2;
  while (position < data.length) {
    const end = data.indexOf('\r\n\r\n', position);
    const stop = end < 0 ? data.length : end + 4;
    const bytes = data.subarray(position, stop);
    messages.push({ bytes, arrivedAt: arrivalOf(timing, stop - 1), headers: headersOf(bytes) });
    position = stop;
  }
  // The first message is the recorder's login response: the client gets its own instead.
  if (messages[0]?.headers.has('Response')) messages.shift();
  return { blocks: groupBlocks(messages), totalBytes: data.length };
}

function readTiming(path: string): Array<{ offset: number; seconds: number }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => {
      const [offset, seconds] = line.split('\t');
      return { offset: Number(offset), seconds: Number(seconds) };
    })
    .filter((row) => Number.isFinite(row.offset) && Number.isFinite(row.seconds))
    .sort((a, b) => a.offset - b.offset);
}

function arrivalOf(timing: ReadonlyArray<{ offset: number; seconds: number }>, lastByte: number): number {
  let arrived = 0;
  for (const row of timing) {
    if (row.offset > lastByte) break;
    arrived = row.seconds;
  }
  return arrived;
}

function headersOf(bytes: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of bytes.toString('utf8').split('\r\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0 && !headers.has(line.slice(0, colon))) headers.set(line.slice(0, colon), line.slice(colon + 2));
  }
  return headers;
}

/** A response and its list items (same ActionID, up to `EventList: Complete`) travel as one block. */
function groupBlocks(messages: CaptureMessage[]): CaptureBlock[] {
  const blocks: CaptureBlock[] = [];
  let sawQueueStatus = false;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as CaptureMessage;
    const isListStart =
      message.headers.has('Response') && !message.headers.has('Event') && message.headers.get('EventList') === 'start';
    if (!isListStart) {
      blocks.push({ messages: [message] });
      continue;
    }
    const actionId = message.headers.get('ActionID');
    const group = [message];
    while (i + 1 < messages.length) {
      const next = messages[i + 1] as CaptureMessage;
      if (next.headers.get('ActionID') !== actionId || !next.headers.has('Event')) break;
      group.push(next);
      i++;
      if (next.headers.get('EventList') === 'Complete') break;
    }
    const isQueueStatus = message.headers.get('Message') === 'Queue status will follow';
    const initial = isQueueStatus && !sawQueueStatus && actionId !== undefined;
    if (isQueueStatus) sawQueueStatus = true;
    blocks.push(initial ? { messages: group, initialQueueStatusId: actionId } : { messages: group });
  }
  return blocks;
}

interface ReplayState {
  clientQueueStatusId: string | undefined;
  initialSent: boolean;
  wake: (() => void) | undefined;
}

/** A backend that streams one capture to every client session. */
export class CaptureReplayBackend implements AmiBackend {
  readonly replaysGreeting = true;
  private readonly states = new WeakMap<AmiSession, ReplayState>();
  private readonly finishedWaiters: Array<() => void> = [];
  private sessionsFinished = 0;

  constructor(
    private readonly capture: LoadedCapture,
    private readonly timing: ReplayTiming,
  ) {}

  /** Resolves when `count` sessions received the whole capture. */
  whenReplayed(count = 1): Promise<void> {
    if (this.sessionsFinished >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.sessionsFinished >= count) resolve();
        else this.finishedWaiters.push(check);
      };
      this.finishedWaiters.push(check);
    });
  }

  uptimeSeconds(): number {
    return 2;
  }

  sessionReady(session: AmiSession): void {
    const state: ReplayState = { clientQueueStatusId: undefined, initialSent: false, wake: undefined };
    this.states.set(session, state);
    void this.stream(session, state).then(() => {
      this.sessionsFinished++;
      for (const waiter of this.finishedWaiters.splice(0)) waiter();
    });
  }

  interceptAction(session: AmiSession, action: AmiAction): boolean {
    const state = this.states.get(session);
    if (!state) return false;
    const id = action.actionId;
    switch (action.name) {
      case 'queuestatus':
        if (!state.initialSent && state.clientQueueStatusId === undefined && id !== undefined) {
          state.clientQueueStatusId = id;
          state.wake?.();
        } else {
          session.send(actionResponse('Error', id, 'Replay: no further QueueStatus in this capture'));
        }
        return true;
      case 'queuesummary':
      case 'queuepause':
      case 'queueadd':
      case 'queueremove':
        session.send(actionResponse('Error', id, `Replay: ${action.name} is not available while replaying a capture`));
        return true;
      default:
        return false;
    }
  }

  queueStatusItems(): AmiFields[] {
    return [];
  }

  queueSummaryItems(): AmiFields[] {
    return [];
  }

  pause(): ActionOutcome {
    return { ok: false, message: 'Replay: read-only', events: [] };
  }

  addMember(): ActionOutcome {
    return { ok: false, message: 'Replay: read-only', events: [] };
  }

  removeMember(): ActionOutcome {
    return { ok: false, message: 'Replay: read-only', events: [] };
  }

  private async stream(session: AmiSession, state: ReplayState): Promise<void> {
    const socket = session.socket;
    const startedAt = Date.now();
    const origin = this.capture.blocks[0]?.messages[0]?.arrivedAt ?? 0;
    for (const block of this.capture.blocks) {
      if (socket.destroyed) return;
      if (this.timing === 'original') {
        const due = startedAt + ((block.messages[0]?.arrivedAt ?? origin) - origin) * 1000;
        const delay = due - Date.now();
        if (delay > 0) await sleep(delay);
      }
      let bytes = Buffer.concat(block.messages.map((message) => message.bytes));
      if (block.initialQueueStatusId !== undefined) {
        if (state.clientQueueStatusId === undefined) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, QUEUE_STATUS_WAIT_MS);
            state.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          state.wake = undefined;
        }
        if (state.clientQueueStatusId !== undefined) {
          bytes = Buffer.from(
            bytes
              .toString('utf8')
              .split(`ActionID: ${block.initialQueueStatusId}\r\n`)
              .join(`ActionID: ${state.clientQueueStatusId}\r\n`),
            'utf8',
          );
        }
        state.initialSent = true;
      }
      if (socket.destroyed) return;
      if (!socket.write(bytes))
        await new Promise<void>((resolve) => socket.once('drain', resolve).once('close', resolve));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
