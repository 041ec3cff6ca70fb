/**
 * The AMI simulator: a real TCP AMI server fed by the call-centre model (or by a recorded
 * capture), with programmatic control for tests and the demo.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AmiServer, type AmiBackend } from './ami-server.js';
import { CallCenterModel, type MemberView } from './call-center.model.js';
import { CaptureReplayBackend, loadCapture, type ReplayTiming } from './capture-replay.js';
import type { AmiFields } from './ami-message.js';
import type { SimulatorTruth, TruthFigures } from './ground-truth.js';
import { defaultScenario, type ScenarioConfig } from './scenario.js';

export interface SimulatorOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly username: string;
  readonly secret: string;
  readonly seed?: number;
  /** Simulated seconds per real second, or 'max' to run as fast as the clients read. Default 60. */
  readonly speed?: number | 'max';
  readonly queues?: readonly string[];
  readonly agents?: number;
  readonly scenario?: ScenarioConfig;
  /** Offer this many calls, then let them end: the run is then finished. Default: unlimited. */
  readonly maxCalls?: number;
  readonly arrivalScale?: number;
  /** Local hour of the day the simulated clock starts at (default 8.5: opening time). */
  readonly startHour?: number;
  /** Simulated epoch ms at start (default: now). Uniqueids derive from it. */
  readonly startAt?: number;
  /** Do not start the traffic before a client logged in with events on (tests: nothing is missed by accident). */
  readonly holdUntilFirstClient?: boolean;
  /** Replay a capture instead of simulating traffic. */
  readonly replay?: { readonly file: string; readonly timing?: ReplayTiming };
}

export interface SimulatorHandle {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Ground truth so far (the captures' truth.json shape, plus Asterisk's counters and each call's outcome). */
  truth(): SimulatorTruth;
  /** Pauses a member "from outside IRIS" (a supervisor's phone, another tool): events go to every client. */
  pauseMember(queue: string | undefined, iface: string, reason: string): boolean;
  unpauseMember(queue: string | undefined, iface: string, reason?: string): boolean;
  members(): MemberView[];
  /** Cuts every client connection at once. Returns how many were cut. */
  dropConnections(): number;
  /** Leaves every current connection open but silent both ways (a half-open link). Returns how many. */
  stallConnections(): number;
  /** Resolves when the run offered `maxCalls` calls and all of them ended (simulation) or the capture was sent once (replay). */
  whenFinished(): Promise<void>;
  /** Calls offered so far. */
  callsOffered(): number;
  /** TCP connections accepted so far (a client retrying in a loop shows here). */
  connectionsAccepted(): number;
}

const TICK_MS = 25;
/** With nothing in progress, a simulated quiet stretch longer than this is skipped (nights). */
const SKIP_IDLE_MS = 10 * 60_000;

export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
  if (options.replay) return startReplay(options, options.replay.file, options.replay.timing ?? 'fast');

  const scenario = options.scenario ?? defaultScenario({ queues: options.queues, agents: options.agents });
  const speed = options.speed ?? 60;
  if (speed !== 'max' && !(speed > 0))
    throw new RangeError(`speed must be a positive number or 'max', got ${String(speed)}`);
  // The model broadcasts through the server, which needs the model as its backend.
  const link: { server: AmiServer | undefined } = { server: undefined };
  const model = new CallCenterModel(
    {
      scenario,
      seed: options.seed ?? 1,
      startAt: options.startAt ?? Date.now(),
      startHour: options.startHour ?? 8.5,
      maxCalls: options.maxCalls,
      arrivalScale: options.arrivalScale,
    },
    (event: AmiFields) => link.server?.broadcast(event),
  );
  let started = !options.holdUntilFirstClient;
  const startedAtMs = Date.now();
  const backend: AmiBackend = {
    // Asterisk's Uptime is wall-clock time since it started, whatever the simulated pace.
    uptimeSeconds: () => Math.floor((Date.now() - startedAtMs) / 1000) + 2,
    queueStatusItems: (id, queue, member) => model.queueStatusItems(id, queue, member),
    queueSummaryItems: (id, queue) => model.queueSummaryItems(id, queue),
    pause: (queue, iface, paused, reason) => model.pause(queue, iface, paused, reason),
    addMember: (...args) => model.addMember(...args),
    removeMember: (queue, iface) => model.removeMember(queue, iface),
    sessionReady: (session) => {
      if (session.eventsOn && !started) {
        started = true;
        resetPace();
      }
    },
  };
  const server = new AmiServer(
    { host: options.host, port: options.port, username: options.username, secret: options.secret },
    backend,
  );
  link.server = server;
  const address = await server.listen();

  let stopped = false;
  let simBase = model.now();
  let realBase = performance.now();
  const resetPace = () => {
    simBase = model.now();
    realBase = performance.now();
  };
  const finishWaiters: Array<() => void> = [];
  const checkFinished = () => {
    if (model.finished()) for (const resolve of finishWaiters.splice(0)) resolve();
  };

  let timer: NodeJS.Timeout | undefined;
  if (speed === 'max') {
    const pump = async () => {
      while (!stopped && !model.finished()) {
        if (!started) {
          await sleep(TICK_MS);
          continue;
        }
        await server.whenDrained();
        // Nobody listening: keep time moving (a real Asterisk does) without burning a core on it.
        if (server.authenticatedSessions() === 0) await sleep(TICK_MS);
        const next = model.nextEventAt();
        if (next === undefined) break;
        model.advanceTo(next, 500);
        // Yield so sockets flush and clients' actions get answered between steps.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      checkFinished();
    };
    void pump();
  } else {
    timer = setInterval(() => {
      if (!started || stopped) return;
      if (server.congested()) return;
      let target = simBase + (performance.now() - realBase) * speed;
      const next = model.nextEventAt();
      if (next !== undefined && model.callsInProgress() === 0 && next - target > SKIP_IDLE_MS) {
        // Closed hours: jump to just before the next thing that happens.
        simBase += next - 1000 - target;
        target = next - 1000;
      }
      model.advanceTo(target);
      checkFinished();
    }, TICK_MS);
  }

  return {
    host: address.host,
    port: address.port,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await server.close();
    },
    truth: () => model.truth(),
    pauseMember(queue, iface, reason) {
      const outcome = model.pause(queue, iface, true, reason);
      for (const event of outcome.events) server.broadcast(event);
      return outcome.ok;
    },
    unpauseMember(queue, iface, reason = '') {
      const outcome = model.pause(queue, iface, false, reason);
      for (const event of outcome.events) server.broadcast(event);
      return outcome.ok;
    },
    members: () => model.members(),
    dropConnections: () => server.dropConnections(),
    stallConnections: () => server.stallConnections(),
    whenFinished() {
      if (model.finished()) return Promise.resolve();
      return new Promise((resolve) => finishWaiters.push(resolve));
    },
    callsOffered: () => model.callsOffered(),
    connectionsAccepted: () => server.connectionsAccepted(),
  };
}

async function startReplay(options: SimulatorOptions, file: string, timing: ReplayTiming): Promise<SimulatorHandle> {
  const backend = new CaptureReplayBackend(loadCapture(file), timing);
  const server = new AmiServer(
    { host: options.host, port: options.port, username: options.username, secret: options.secret },
    backend,
  );
  const address = await server.listen();
  // The capture's own ground truth, when it has one beside it (<s>.truth.json).
  const truthFile = file.replace(/\.ami\.txt$/, '.truth.json');
  const recorded = existsSync(truthFile)
    ? (JSON.parse(readFileSync(truthFile, 'utf8')) as TruthFigures)
    : { queues: {}, frontOffice: emptyFigures() };
  const empty: SimulatorTruth = {
    queues: recorded.queues,
    frontOffice: recorded.frontOffice,
    asterisk: {},
    calls: {},
    inProgress: 0,
  };
  return {
    host: address.host,
    port: address.port,
    stop: () => server.close(),
    truth: () => empty,
    pauseMember: () => false,
    unpauseMember: () => false,
    members: () => [],
    dropConnections: () => server.dropConnections(),
    stallConnections: () => server.stallConnections(),
    whenFinished: () => backend.whenReplayed(1),
    callsOffered: () => 0,
    connectionsAccepted: () => server.connectionsAccepted(),
  };
}

function emptyFigures(): TruthFigures['frontOffice'] {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    timedOut: 0,
    exited: 0,
    answeredWithinServiceLevel: 0,
    pickupRate: null,
    serviceLevel: null,
  };
}

/** Writes the truth in the captures' truth.json shape (queues + frontOffice). */
export function writeTruth(path: string, truth: SimulatorTruth): void {
  const { queues, frontOffice } = truth;
  writeFileSync(path, `${JSON.stringify({ queues, frontOffice }, null, 1)}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
