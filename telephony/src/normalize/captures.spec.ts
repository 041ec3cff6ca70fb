/**
 * The normaliser proven against every real Asterisk capture: KPI figures equal to each
 * scenario's truth.json, and each call's outcome, wait, agent and talk time equal to the
 * per-call table the scenario's .md derived from queue_log.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eventProblems, type DomainEvent, type EventOfType } from '@iris/shared';
import {
  CAPTURES_DIR,
  captureFiles,
  normalizeFrames,
  parseChunks,
  readCapture,
} from '../../test/fixtures/ami-captures.js';
import { replayReportFromEvents } from './replay-figures.js';

function eventsOf(file: string): DomainEvent[] {
  return normalizeFrames(parseChunks(readCapture(file)).frames);
}
function ofType<T extends DomainEvent['type']>(events: DomainEvent[], type: T): Array<EventOfType<T>> {
  return events.filter((e): e is EventOfType<T> => e.type === type);
}
/** `login-failure.observer.ami.txt` belongs to scenario `login-failure`. */
function scenarioOf(file: string): string {
  return file.slice(0, file.indexOf('.'));
}

interface CallRow {
  queue: string;
  callId: string;
  outcome: 'answered' | 'abandoned' | 'timeout';
  agent: string;
  waitSeconds: number;
  talkSeconds: number | null;
  endedBy: string;
  ringNoAnswerBy: string;
}

/** The "## Calls" table of a scenario's .md (from queue_log). */
function callTable(scenario: string): CallRow[] {
  const md = readFileSync(path.join(CAPTURES_DIR, `${scenario}.md`), 'utf8');
  const section = md.slice(md.indexOf('## Calls'), md.indexOf('## Cross-check'));
  return section
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return {
        queue: cells[2]!,
        callId: cells[3]!,
        outcome: cells[6] as CallRow['outcome'],
        agent: cells[7]!,
        waitSeconds: Number(cells[8]),
        talkSeconds: cells[9] === '' ? null : Number(cells[9]),
        endedBy: cells[10]!,
        ringNoAnswerBy: cells[11]!,
      };
    });
}

const files = captureFiles();
const scenarios = [...new Set(files.map(scenarioOf))];

describe('every real capture gives its ground truth', () => {
  it('finds every vendored capture', () => {
    expect(scenarios).toEqual([
      'abandon',
      'answered',
      'busy-a',
      'login-failure',
      'pause-unpause',
      'ringnoanswer',
      'snapshot',
      'timeout',
      'transfer-blind',
    ]);
  });

  it.each(files)('%s: per-queue and front-office figures equal truth.json', (file) => {
    const truth = JSON.parse(readFileSync(path.join(CAPTURES_DIR, `${scenarioOf(file)}.truth.json`), 'utf8'));
    expect(replayReportFromEvents(eventsOf(file))).toEqual(truth);
  });

  // The login-failure streams end before any queue event.
  it.each(files.filter((f) => !f.startsWith('login-failure')))(
    '%s: every event passes the log door (its type schema)',
    (file) => {
      const events = eventsOf(file);
      expect(events.length).toBeGreaterThan(0);
      expect(events.flatMap((event) => eventProblems(event).map((p) => `${event.id} ${p.path}: ${p.message}`))).toEqual(
        [],
      );
    },
  );

  it.each(files)('%s: every event id is unique within the stream', (file) => {
    const ids = eventsOf(file).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(scenarios.filter((s) => callTable(s).length > 0))('%s: each call ends as queue_log says', (scenario) => {
    const events = eventsOf(`${scenario}.ami.txt`);
    const rows = callTable(scenario);
    const outcomes = events.filter((e) => e.id.endsWith(':outcome'));
    expect(outcomes).toHaveLength(rows.length);
    for (const row of rows) {
      const mine = events.filter(
        (e) => 'callId' in e.data && e.data.callId === row.callId && e.data.queue === row.queue,
      );
      const outcome = mine.filter((e) => e.id.endsWith(':outcome'));
      expect(outcome).toHaveLength(1);
      const [decided] = outcome;
      const expectedType = { answered: 'call.answered', abandoned: 'call.abandoned', timeout: 'call.timed_out' }[
        row.outcome
      ];
      expect({ callId: row.callId, type: decided!.type }).toEqual({ callId: row.callId, type: expectedType });
      if (decided!.type === 'call.answered') {
        expect(decided!.data.holdSeconds).toBe(row.waitSeconds);
        expect(decided!.data.agent.name).toBe(row.agent);
        const ended = ofType(mine, 'call.ended');
        expect(ended).toHaveLength(1);
        expect(ended[0]!.data.talkSeconds).toBe(row.talkSeconds);
        const blindTransfer = /^blind transfer to (.+)$/.exec(row.endedBy);
        if (blindTransfer) {
          expect(ended[0]!.data.endedBy).toBe('transfer');
          expect(ofType(mine, 'call.transferred').map((e) => e.data.target)).toEqual([blindTransfer[1]]);
        } else {
          expect(ended[0]!.data.endedBy).toBe(row.endedBy);
        }
      } else if (decided!.type === 'call.abandoned' || decided!.type === 'call.timed_out') {
        expect(decided!.data.waitSeconds).toBe(row.waitSeconds);
      }
      const rnaBy = ofType(mine, 'call.ring_no_answer').map((e) => e.data.agent.name);
      expect(rnaBy.join(', ')).toBe(row.ringNoAnswerBy);
      expect(ofType(mine, 'call.queued')).toHaveLength(1);
    }
  });
});

describe('scenario facts', () => {
  it('busy-a: 60 queued, 23 answered, 33 abandoned (2 short), 4 timed out, 2 ring-no-answer, 8 within SL', () => {
    const events = eventsOf('busy-a.ami.txt');
    expect(ofType(events, 'call.queued')).toHaveLength(60);
    expect(ofType(events, 'call.answered')).toHaveLength(23);
    expect(ofType(events, 'call.ended')).toHaveLength(23);
    const abandoned = ofType(events, 'call.abandoned');
    expect(abandoned).toHaveLength(33);
    expect(abandoned.filter((e) => e.data.waitSeconds < 5)).toHaveLength(2);
    const timedOut = ofType(events, 'call.timed_out');
    expect(timedOut.map((e) => e.data.waitSeconds)).toEqual([60, 60, 60, 60]);
    expect(ofType(events, 'call.exited')).toHaveLength(0);
    expect(ofType(events, 'call.ring_no_answer')).toHaveLength(2);
    const answered = ofType(events, 'call.answered');
    expect(answered.every((e) => e.data.serviceLevelSeconds === 20)).toBe(true);
    expect(answered.filter((e) => e.data.holdSeconds <= e.data.serviceLevelSeconds)).toHaveLength(8);
    expect(ofType(events, 'call.ended').filter((e) => e.data.endedBy === 'caller')).toHaveLength(5);
  });

  it('timeout: the QueueCallerAbandon of a queue timeout is a timed_out, not an abandon', () => {
    const events = eventsOf('timeout.ami.txt');
    expect(ofType(events, 'call.abandoned')).toHaveLength(0);
    const [timedOut, ...rest] = ofType(events, 'call.timed_out');
    expect(rest).toHaveLength(0);
    expect(timedOut!.id).toBe('ami:1795877135.1:accueil:outcome');
    expect(timedOut!.data).toEqual({
      callId: '1795877135.1',
      linkedId: '1795877135.0',
      queue: 'accueil',
      waitSeconds: 10,
    });
  });

  it('abandon: decided as soon as QueueCallerAbandon follows the caller hangup request', () => {
    const events = eventsOf('abandon.ami.txt');
    const [abandoned] = ofType(events, 'call.abandoned');
    expect(abandoned!.data).toEqual({
      callId: '1795877040.1',
      linkedId: '1795877040.0',
      queue: 'accueil',
      waitSeconds: 8,
      position: 1,
    });
    // The paused members of the initial QueueStatus are list items: no live member events.
    expect(events.filter((e) => e.type.startsWith('member.'))).toHaveLength(0);
  });

  it('ringnoanswer: Agent 1009 let it ring 15000 ms, Agent 1001 answered after 19 s', () => {
    const events = eventsOf('ringnoanswer.ami.txt');
    const [rna, ...more] = ofType(events, 'call.ring_no_answer');
    expect(more).toHaveLength(0);
    expect(rna!.data.ringMs).toBe(15000);
    expect(rna!.data.agent).toEqual({ interface: 'Local/1009@agents/n', name: 'Agent 1009' });
    expect(rna!.id).toBe('ami:1795877055.1:accueil:ring_no_answer:Local/1009@agents/n:1');
    expect(ofType(events, 'call.ringing').map((e) => e.data.agent.name)).toEqual(['Agent 1009', 'Agent 1001']);
    const [answered] = ofType(events, 'call.answered');
    expect(answered!.data).toMatchObject({ holdSeconds: 19, ringSeconds: 3, serviceLevelSeconds: 20 });
  });

  it('pause-unpause: pauses with UTF-8 reasons, unpause keeps its reason, adds, penalty, removes, device state', () => {
    const events = eventsOf('pause-unpause.ami.txt');
    const paused = ofType(events, 'member.paused').map((e) => [e.data.queue, e.data.agent.name, e.data.reason]);
    expect(paused).toEqual([
      ['etat-civil', 'Agent 1001', 'Pause déjeuner'],
      ['accueil', 'Agent 1001', 'Pause déjeuner'],
      ['accueil', 'Agent 1002', 'formation'],
      ['etat-civil', 'Agent 1001', 'pause apres appel'],
      ['accueil', 'Agent 1001', 'pause apres appel'],
    ]);
    const unpaused = ofType(events, 'member.unpaused').map((e) => [e.data.queue, e.data.agent.name, e.data.reason]);
    expect(unpaused).toEqual([
      ['etat-civil', 'Agent 1001', 'retour'],
      ['accueil', 'Agent 1001', 'retour'],
      ['accueil', 'Agent 1002', ''],
      ['etat-civil', 'Agent 1005', ''],
      ['etat-civil', 'Agent 1001', ''],
      ['accueil', 'Agent 1001', ''],
    ]);
    const added = ofType(events, 'member.added');
    expect(
      added.map((e) => [
        e.data.queue,
        e.data.agent.interface,
        e.data.status.penalty,
        e.data.status.paused,
        e.data.status.pausedReason,
        e.data.status.membership,
      ]),
    ).toEqual([
      ['accueil', 'Local/1004@agents/n', 1, false, '', 'dynamic'],
      ['etat-civil', 'Local/1005@agents/n', 0, true, 'connexion en pause', 'dynamic'],
    ]);
    expect(ofType(events, 'member.penalty_changed').map((e) => e.data.penalty)).toEqual([3]);
    expect(ofType(events, 'member.removed').map((e) => e.data.agent.name)).toEqual(['Agent 1004', 'Agent 1005']);
    const states = ofType(events, 'member.device_state')
      .filter((e) => e.data.agent.name === 'Agent 1002')
      .map((e) => e.data.status.deviceState);
    expect(states).toEqual(['unavailable', 'not_in_use']);
    // Paused while on a call: the pause is accepted with the member in use.
    const onCall = ofType(events, 'member.paused').filter((e) => e.data.reason === 'pause apres appel');
    expect(onCall.map((e) => e.id)).toEqual([
      'ami:member:etat-civil:Local/1001@agents/n:paused:1795877119:1',
      'ami:member:accueil:Local/1001@agents/n:paused:1795877119:1',
    ]);
  });

  it('snapshot: two waiting callers abandon, the connected one completes, QueueStatus list items are not live events', () => {
    const events = eventsOf('snapshot.ami.txt');
    expect(ofType(events, 'call.queued')).toHaveLength(3);
    expect(ofType(events, 'call.abandoned').map((e) => [e.data.callId, e.data.waitSeconds, e.data.position])).toEqual([
      ['1795877157.5', 15, 1],
      ['1795877160.7', 14, 1],
    ]);
    const [anonymous] = ofType(events, 'call.queued').filter((e) => e.data.callId === '1795877160.7');
    expect(anonymous!.data).toMatchObject({ callerNumber: 'anonymous', position: 2 });
  });
});
