/**
 * A discrete-event model of app_queue: callers join queues, members are rung (rrmemory),
 * answer or let it ring out, talk, hang up; callers abandon or hit the queue timeout;
 * agents take breaks. Every step emits the AMI events a real Asterisk 23 emits, in the
 * order the captures show, and the model keeps its own ground truth.
 *
 * Time is simulated (epoch ms): the server decides how fast it runs (`advanceTo`).
 */
import type { AmiFields } from './ami-message.js';
import {
  bridgeEvent,
  channelEvent,
  deviceStateChange,
  dialEvent,
  localBridge,
  memberEvent,
  queueEntryItem,
  queueMemberItem,
  queueParamsItem,
  queueSummaryItem,
  type SimChannel,
  type SimMembership,
} from './ami-event-builders.js';
import { GroundTruth, type SimulatorTruth } from './ground-truth.js';
import { SeededRandom } from './seeded-random.js';
import { openHours, type ScenarioConfig, type SimAgentConfig, type SimQueueConfig } from './scenario.js';

/** QueueMemberStatus `Status`: 1 NOT_INUSE, 2 INUSE, 6 RINGING. */
type DeviceStatus = 1 | 2 | 6;

interface SimAgent {
  readonly config: SimAgentConfig;
  readonly name: string;
  readonly interface: string;
  readonly stateInterface: string;
  status: DeviceStatus;
  /** Set while the agent's phone rings or talks for a caller. */
  busyWith: SimCaller | undefined;
  /** Epoch ms before which app_queue will not ring the agent (wrap-up). */
  availableAt: number;
  onBreak: boolean;
}

interface SimQueue {
  readonly config: SimQueueConfig;
  readonly members: SimMembership[];
  /** Callers waiting, in queue order. */
  readonly callers: SimCaller[];
  lastRungIndex: number;
  completed: number;
  abandoned: number;
  completedWithinSl: number;
  abandonedWithinSl: number;
  holdtimeAverage: number;
  talktimeAverage: number;
}

interface RingAttempt {
  readonly agent: SimAgent;
  readonly member: SimMembership;
  readonly leg1: SimChannel;
  readonly leg2: SimChannel;
  readonly startedAt: number;
  readonly token: number;
}

interface SimCaller {
  readonly queue: SimQueue;
  readonly leg1: SimChannel;
  /** The ;2 half: the channel sitting in the queue, whose Uniqueid is the call id. */
  readonly leg2: SimChannel;
  readonly joinedAt: number;
  readonly originalPosition: number;
  state: 'waiting' | 'ringing' | 'talking' | 'done';
  ring: RingAttempt | undefined;
  /** Not rung again before this time (app_queue `retry` after a ring-out). */
  retryAt: number;
  patienceToken: number;
  /** Epoch ms of AgentConnect, for TalkTime. */
  answeredAt: number;
}

export interface CallCenterOptions {
  readonly scenario: ScenarioConfig;
  readonly seed: number;
  /** Simulated epoch ms at which the run starts. */
  readonly startAt: number;
  /** Local hour of the day at `startAt` (e.g. 8.5 for 8:30): drives the arrival profile. */
  readonly startHour: number;
  /** Stop offering new calls after this many (the run then drains and is finished). */
  readonly maxCalls?: number;
  /** Multiplies the arrival profile (tests push thousands of calls through quickly). */
  readonly arrivalScale?: number;
}

export interface ActionOutcome {
  readonly ok: boolean;
  readonly message: string;
  /** Events that follow the action's response, in order. */
  readonly events: readonly AmiFields[];
}

export interface MemberView {
  readonly queue: string;
  readonly interface: string;
  readonly name: string;
  readonly paused: boolean;
  readonly pausedReason: string;
  readonly membership: 'static' | 'dynamic';
  readonly status: number;
  readonly inCall: boolean;
}

interface Scheduled {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
}

const FIRST_NAMES = [
  'Sophie',
  'Luc',
  'Camille',
  'Nicolas',
  'Amina',
  'Julien',
  'Chloé',
  'Mehdi',
  'Isabelle',
  'Thomas',
  'Léa',
  'Karim',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
];
const BREAK_REASONS = ['pause', 'formation', 'reunion', 'Pause déjeuner'];

export class CallCenterModel {
  private readonly random: SeededRandom;
  private readonly queues = new Map<string, SimQueue>();
  private readonly agents = new Map<string, SimAgent>();
  private readonly agenda: Scheduled[] = [];
  private readonly truthRecorder: GroundTruth;
  private readonly open: number;
  private readonly close: number;
  private readonly dayZero: number;
  private clock: number;
  private order = 0;
  private channelCounter = 0;
  private uniqueCounter = 0;
  private tokenCounter = 0;
  private bridgeCounter = 0;
  private offered = 0;
  private inProgress = 0;
  private readonly maxCalls: number;
  private readonly arrivalScale: number;

  constructor(
    private readonly options: CallCenterOptions,
    private readonly emit: (event: AmiFields) => void,
  ) {
    this.random = new SeededRandom(options.seed);
    this.clock = options.startAt;
    this.dayZero = options.startAt - options.startHour * 3_600_000;
    this.maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
    this.arrivalScale = options.arrivalScale ?? 1;
    ({ open: this.open, close: this.close } = openHours(options.scenario));
    this.truthRecorder = new GroundTruth(options.scenario.queues.map((queue) => queue.name));
    const loginTime = Math.floor(options.startAt / 1000) - 60;
    for (const config of options.scenario.queues) {
      this.queues.set(config.name, {
        config,
        members: [],
        callers: [],
        lastRungIndex: -1,
        completed: 0,
        abandoned: 0,
        completedWithinSl: 0,
        abandonedWithinSl: 0,
        holdtimeAverage: 0,
        talktimeAverage: 0,
      });
    }
    for (const config of options.scenario.agents) {
      const agent: SimAgent = {
        config,
        name: `Agent ${config.extension}`,
        interface: `Local/${config.extension}@agents/n`,
        stateInterface: `Custom:agent${config.extension}`,
        status: 1,
        busyWith: undefined,
        availableAt: 0,
        onBreak: false,
      };
      this.agents.set(agent.interface, agent);
      for (const queueName of config.queues) {
        const queue = this.queueNamed(queueName);
        queue.members.push(this.newMembership(queue, agent, 'static', loginTime, 0));
      }
      this.scheduleBreak(agent);
    }
    this.scheduleNextArrival(this.clock);
  }

  now(): number {
    return this.clock;
  }

  nextEventAt(): number | undefined {
    return this.agenda[0]?.at;
  }

  /** True once `maxCalls` calls were offered and every one of them ended. */
  finished(): boolean {
    return this.offered >= this.maxCalls && this.inProgress === 0;
  }

  callsInProgress(): number {
    return this.inProgress;
  }

  callsOffered(): number {
    return this.offered;
  }

  /** Runs every scheduled step up to `time` (simulated epoch ms), at most `maxSteps` of them. Returns the steps run. */
  advanceTo(time: number, maxSteps = Number.POSITIVE_INFINITY): number {
    let steps = 0;
    while (steps < maxSteps) {
      const next = this.agenda[0];
      if (!next || next.at > time) break;
      this.popAgenda();
      this.clock = Math.max(this.clock, next.at);
      next.run();
      steps++;
    }
    if (steps < maxSteps) this.clock = Math.max(this.clock, time);
    return steps;
  }

  truth(): SimulatorTruth {
    return this.truthRecorder.snapshot(this.inProgress);
  }

  members(): MemberView[] {
    const views: MemberView[] = [];
    for (const queue of this.queues.values()) {
      for (const member of queue.members) {
        const agent = this.agents.get(member.interface);
        views.push({
          queue: queue.config.name,
          interface: member.interface,
          name: member.name,
          paused: member.paused,
          pausedReason: member.pausedReason,
          membership: member.membership,
          status: agent?.status ?? 1,
          inCall: member.inCall,
        });
      }
    }
    return views;
  }

  // ---- actions (as app_queue's manager handlers answer them) ----

  pause(queueName: string | undefined, iface: string, paused: boolean, reason: string): ActionOutcome {
    const targets: SimMembership[] = [];
    for (const queue of this.queues.values()) {
      if (queueName !== undefined && queue.config.name !== queueName) continue;
      const member = queue.members.find((m) => m.interface === iface);
      if (member) targets.push(member);
    }
    if (targets.length === 0) return { ok: false, message: 'Interface not found', events: [] };
    const events: AmiFields[] = [];
    const now = Math.floor(this.clock / 1000);
    for (const member of targets) {
      member.paused = paused;
      member.pausedReason = reason;
      if (paused) member.lastPause = now;
      events.push(deviceStateChange(`Queue:${member.queue}_pause_${member.interface}`, paused ? 'INUSE' : 'NOT_INUSE'));
      events.push(memberEvent('QueueMemberPause', member, this.statusOf(member.interface)));
    }
    if (!paused) this.schedule(this.clock, () => this.dispatchAll());
    return { ok: true, message: paused ? 'Interface paused successfully' : 'Interface unpaused successfully', events };
  }

  addMember(
    queueName: string,
    iface: string,
    name: string | undefined,
    stateInterface: string | undefined,
    penalty: number,
    paused: boolean,
    reason: string,
  ): ActionOutcome {
    const queue = this.queues.get(queueName);
    if (!queue) return { ok: false, message: 'Unable to add interface to queue: No such queue', events: [] };
    if (queue.members.some((m) => m.interface === iface))
      return { ok: false, message: 'Unable to add interface: Already there', events: [] };
    let agent = this.agents.get(iface);
    if (!agent) {
      const extension = /^Local\/(\d+)@/.exec(iface)?.[1] ?? iface;
      agent = {
        config: { extension, queues: [], ringDelaySeconds: 3, noAnswerRate: 0.05 },
        name: name ?? iface,
        interface: iface,
        stateInterface: stateInterface ?? iface,
        status: 1,
        busyWith: undefined,
        availableAt: 0,
        onBreak: false,
      };
      this.agents.set(iface, agent);
    }
    const member = this.newMembership(
      queue,
      agent,
      'dynamic',
      Math.floor(this.clock / 1000),
      penalty,
      name,
      stateInterface,
    );
    member.paused = paused;
    member.pausedReason = paused ? reason : '';
    queue.members.push(member);
    const events = [
      deviceStateChange(`Queue:${queue.config.name}_pause_${iface}`, paused ? 'INUSE' : 'NOT_INUSE'),
      memberEvent('QueueMemberAdded', member, this.statusOf(iface)),
    ];
    this.schedule(this.clock, () => this.dispatchAll());
    return { ok: true, message: 'Added interface to queue', events };
  }

  removeMember(queueName: string, iface: string): ActionOutcome {
    const queue = this.queues.get(queueName);
    if (!queue) return { ok: false, message: 'Unable to remove interface from queue: No such queue', events: [] };
    const index = queue.members.findIndex((m) => m.interface === iface);
    const member = queue.members[index];
    if (!member) return { ok: false, message: 'Unable to remove interface: Not there', events: [] };
    if (member.membership !== 'dynamic') return { ok: false, message: 'Member not dynamic', events: [] };
    queue.members.splice(index, 1);
    return {
      ok: true,
      message: 'Removed interface from queue',
      events: [memberEvent('QueueMemberRemoved', member, this.statusOf(iface))],
    };
  }

  /** The list items of a QueueStatus response (without the leading Response nor the Complete event). */
  queueStatusItems(actionId: string | undefined, queueFilter?: string, memberFilter?: string): AmiFields[] {
    const items: AmiFields[] = [];
    const nowSeconds = Math.floor(this.clock / 1000);
    // app_queue walks its hash container: not in configuration order (captures: etat-civil first).
    for (const queue of [...this.queues.values()].reverse()) {
      if (queueFilter && queue.config.name !== queueFilter) continue;
      items.push(
        queueParamsItem(
          {
            queue: queue.config.name,
            strategy: 'rrmemory',
            calls: queue.callers.length,
            holdtime: Math.round(queue.holdtimeAverage),
            talkTime: Math.round(queue.talktimeAverage),
            completed: queue.completed,
            abandoned: queue.abandoned,
            serviceLevel: queue.config.serviceLevelSeconds,
            serviceLevelPerf: queue.completed > 0 ? (100 * queue.completedWithinSl) / queue.completed : 0,
            serviceLevelPerf2:
              queue.completed + queue.abandoned > 0
                ? (100 * (queue.completedWithinSl + queue.abandonedWithinSl)) / (queue.completed + queue.abandoned)
                : 0,
          },
          actionId,
        ),
      );
      for (const member of queue.members) {
        if (memberFilter && member.interface !== memberFilter && member.name !== memberFilter) continue;
        items.push(queueMemberItem(member, this.statusOf(member.interface), actionId));
      }
      queue.callers.forEach((caller, index) => {
        items.push(
          queueEntryItem(
            queue.config.name,
            index + 1,
            caller.leg2,
            nowSeconds - Math.floor(caller.joinedAt / 1000),
            actionId,
          ),
        );
      });
    }
    return items;
  }

  queueSummaryItems(actionId: string | undefined, queueFilter?: string): AmiFields[] {
    const items: AmiFields[] = [];
    const nowSeconds = Math.floor(this.clock / 1000);
    for (const queue of [...this.queues.values()].reverse()) {
      if (queueFilter && queue.config.name !== queueFilter) continue;
      const oldest = queue.callers[0];
      items.push(
        queueSummaryItem(
          {
            queue: queue.config.name,
            loggedIn: queue.members.length,
            available: queue.members.filter(
              (m) => !m.paused && this.statusOf(m.interface) === 1 && !this.agents.get(m.interface)?.busyWith,
            ).length,
            callers: queue.callers.length,
            holdTime: Math.round(queue.holdtimeAverage),
            talkTime: Math.round(queue.talktimeAverage),
            longestHoldTime: oldest ? nowSeconds - Math.floor(oldest.joinedAt / 1000) : 0,
          },
          actionId,
        ),
      );
    }
    return items;
  }

  // ---- traffic ----

  private scheduleNextArrival(from: number): void {
    if (this.offered >= this.maxCalls) return;
    let t = from;
    // Piecewise-constant Poisson process: draw within the current hour, redraw past its end
    // (memoryless), skip closed hours.
    for (let guard = 0; guard < 24 * 400; guard++) {
      const hourStart = this.hourStart(t);
      const rate = (this.options.scenario.arrivalsPerHour[this.localHour(t)] ?? 0) * this.arrivalScale;
      const hourEnd = hourStart + 3_600_000;
      if (rate > 0) {
        const candidate = t + this.random.exponential(3_600_000 / rate);
        if (candidate < hourEnd) {
          this.schedule(candidate, () => this.arrive());
          return;
        }
      }
      t = hourEnd;
    }
    throw new Error('no arrival could be scheduled: the arrival profile is empty');
  }

  private localHour(t: number): number {
    return Math.floor(((((t - this.dayZero) % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
  }

  private hourStart(t: number): number {
    return t - ((((t - this.dayZero) % 3_600_000) + 3_600_000) % 3_600_000);
  }

  private isOpen(t: number): boolean {
    const hour = this.localHour(t);
    return hour >= this.open && hour < this.close;
  }

  private arrive(): void {
    this.offered++;
    this.scheduleNextArrival(this.clock);
    const queue = this.pickQueue();
    const caller = this.createCaller(queue);
    this.inProgress++;
    this.emitJoin(caller);
    // Patience: some give up at once (short abandons), some after a while, many would wait forever.
    const roll = this.random.next();
    const patience =
      roll < 0.12 ? this.random.between(1, 6) : roll < 0.45 ? this.random.logNormal(45, 0.6) : Number.POSITIVE_INFINITY;
    const token = ++this.tokenCounter;
    caller.patienceToken = token;
    const giveUpAt = Math.min(caller.joinedAt + patience * 1000, caller.joinedAt + queue.config.maxWaitSeconds * 1000);
    const timesOut = patience * 1000 >= queue.config.maxWaitSeconds * 1000;
    this.schedule(giveUpAt, () => {
      if (caller.patienceToken !== token || caller.state === 'talking' || caller.state === 'done') return;
      if (timesOut) this.timeOut(caller);
      else this.abandon(caller);
    });
    this.dispatch(queue);
  }

  private pickQueue(): SimQueue {
    let roll = this.random.next();
    const all = [...this.queues.values()];
    for (const queue of all) {
      roll -= queue.config.share;
      if (roll < 0) return queue;
    }
    return all[0] as SimQueue;
  }

  private createCaller(queue: SimQueue): SimCaller {
    const suffix = this.hex(this.channelCounter++);
    const epoch = Math.floor(this.clock / 1000);
    const uid1 = `${epoch}.${this.uniqueCounter++}`;
    const uid2 = `${epoch}.${this.uniqueCounter++}`;
    const { number, name } = this.callerId();
    const exten = queue.config.name;
    const base = {
      callerNum: number,
      callerName: name,
      connectedNum: number,
      connectedName: name,
      context: 'callers',
      exten,
      linkedid: uid1,
    };
    const leg1: SimChannel = {
      ...base,
      name: `Local/${exten}@callers-${suffix};1`,
      state: 6,
      priority: 1,
      uniqueid: uid1,
    };
    const leg2: SimChannel = {
      ...base,
      name: `Local/${exten}@callers-${suffix};2`,
      state: 6,
      priority: 4,
      uniqueid: uid2,
    };
    const position = queue.callers.length + 1;
    const caller: SimCaller = {
      queue,
      leg1,
      leg2,
      joinedAt: this.clock,
      originalPosition: position,
      state: 'waiting',
      ring: undefined,
      retryAt: 0,
      patienceToken: 0,
      answeredAt: 0,
    };
    queue.callers.push(caller);
    return caller;
  }

  private callerId(): { number: string; name: string } {
    const roll = this.random.next();
    if (roll < 0.04) return { number: 'anonymous', name: 'Anonymous' };
    const digits = () => String(this.random.integer(0, 99_999_999)).padStart(8, '0');
    const number = roll < 0.5 ? `+33146${digits().slice(0, 6)}` : roll < 0.8 ? `06${digits()}` : `07${digits()}`;
    const name = this.random.chance(0.4)
      ? `${this.random.pick(LAST_NAMES)} ${this.random.pick(FIRST_NAMES)}`
      : '<unknown>';
    return { number, name };
  }

  private emitJoin(caller: SimCaller): void {
    const { leg1, leg2, queue } = caller;
    const q = queue.config.name;
    this.emit(
      channelEvent('Newchannel', 'call,all', {
        ...leg1,
        state: 0,
        callerNum: '<unknown>',
        callerName: '<unknown>',
        connectedNum: '<unknown>',
        connectedName: '<unknown>',
      }),
    );
    this.emit(
      channelEvent('Newchannel', 'call,all', {
        ...leg2,
        state: 4,
        priority: 1,
        callerNum: '<unknown>',
        callerName: '<unknown>',
        connectedNum: '<unknown>',
        connectedName: '<unknown>',
      }),
    );
    this.emit(
      channelEvent('NewCallerid', 'call,all', { ...leg2, state: 4, priority: 1 }, [
        [
          'CID-CallingPres',
          leg2.callerNum === 'anonymous'
            ? '32 (Presentation Prohibited, Passed Screen)'
            : '0 (Presentation Allowed, Not Screened)',
        ],
      ]),
    );
    this.emit(channelEvent('NewConnectedLine', 'call,all', { ...leg2, state: 4, priority: 1 }));
    this.emit(localBridge({ ...leg1, state: 0 }, { ...leg2, state: 4, priority: 1 }, true));
    this.emit(
      channelEvent('Newexten', 'dialplan,all', { ...leg2, state: 4, priority: 1 }, [
        ['Extension', q],
        ['Application', 'NoOp'],
        ['AppData', `Appel entrant pour la file ${q}`],
      ]),
    );
    this.emit(
      channelEvent('Newexten', 'dialplan,all', { ...leg2, state: 4, priority: 2 }, [
        ['Extension', q],
        ['Application', 'ExecIf'],
        ['AppData', `${leg2.callerNum === 'anonymous' ? 1 : 0}?Set(CALLERID(pres)=prohib_passed_screen)`],
      ]),
    );
    this.emit(
      channelEvent('Newexten', 'dialplan,all', { ...leg2, state: 4, priority: 3 }, [
        ['Extension', q],
        ['Application', 'Answer'],
        ['AppData', ''],
      ]),
    );
    this.emit(channelEvent('Newstate', 'call,all', { ...leg2, priority: 3 }));
    this.emit(channelEvent('Newstate', 'call,all', leg1));
    this.emit(deviceStateChange(`Local/${q}@callers`, 'INUSE'));
    this.emit(
      channelEvent('Newexten', 'dialplan,all', leg2, [
        ['Extension', q],
        ['Application', 'Queue'],
        ['AppData', `${q},,,,${queue.config.maxWaitSeconds}`],
      ]),
    );
    this.emit(deviceStateChange(`Local/${q}@callers`, 'INUSE'));
    for (const variable of [
      'ANSWEREDTIME',
      'ANSWEREDTIME_MS',
      'DIALEDTIME',
      'DIALEDTIME_MS',
      'QUEUEWAIT',
      'QUEUEWAIT_MS',
    ]) {
      this.emit(
        channelEvent('VarSet', 'dialplan,all', leg2, [
          ['Variable', variable],
          ['Value', ''],
        ]),
      );
    }
    if (queue.callers.length === 1) this.emit(deviceStateChange(`Queue:${q}`, 'RINGING'));
    this.emit(
      channelEvent('QueueCallerJoin', 'agent,all', leg2, [
        ['Queue', q],
        ['Position', String(caller.originalPosition)],
        ['Count', String(queue.callers.length)],
      ]),
    );
    this.emit(channelEvent('MusicOnHoldStart', 'call,all', leg2, [['Class', 'default']]));
  }

  // ---- ringing members ----

  private dispatchAll(): void {
    for (const queue of this.queues.values()) this.dispatch(queue);
  }

  private dispatch(queue: SimQueue): void {
    for (const caller of queue.callers) {
      if (caller.state !== 'waiting' || caller.retryAt > this.clock) continue;
      const member = this.nextFreeMember(queue);
      if (!member) return;
      this.ring(caller, member);
    }
  }

  private nextFreeMember(queue: SimQueue): SimMembership | undefined {
    const count = queue.members.length;
    for (let step = 1; step <= count; step++) {
      const index = (queue.lastRungIndex + step) % count;
      const member = queue.members[index];
      if (!member || member.paused) continue;
      const agent = this.agents.get(member.interface);
      if (!agent || agent.busyWith || agent.status !== 1 || agent.availableAt > this.clock) continue;
      queue.lastRungIndex = index;
      return member;
    }
    return undefined;
  }

  private ring(caller: SimCaller, member: SimMembership): void {
    const agent = this.agents.get(member.interface) as SimAgent;
    const suffix = this.hex(this.channelCounter++);
    const epoch = Math.floor(this.clock / 1000);
    const ext = agent.config.extension;
    const shared = {
      callerNum: caller.leg2.callerNum,
      callerName: caller.leg2.callerName,
      connectedNum: caller.leg2.callerNum,
      connectedName: caller.leg2.callerName,
      context: 'agents',
      linkedid: caller.leg2.linkedid,
    };
    // The member's ;1 half reports Exten = the caller's extension (captures' README, point 15).
    const leg1: SimChannel = {
      ...shared,
      name: `Local/${ext}@agents-${suffix};1`,
      state: 0,
      exten: caller.queue.config.name,
      priority: 1,
      uniqueid: `${epoch}.${this.uniqueCounter++}`,
    };
    const leg2: SimChannel = {
      ...shared,
      name: `Local/${ext}@agents-${suffix};2`,
      state: 4,
      exten: ext,
      priority: 1,
      uniqueid: `${epoch}.${this.uniqueCounter++}`,
    };
    const token = ++this.tokenCounter;
    caller.state = 'ringing';
    caller.ring = { agent, member, leg1, leg2, startedAt: this.clock, token };
    agent.busyWith = caller;

    this.emit(channelEvent('Newchannel', 'call,all', leg1));
    this.emit(channelEvent('Newchannel', 'call,all', leg2));
    this.emit(
      channelEvent('NewCallerid', 'call,all', leg1, [['CID-CallingPres', '0 (Presentation Allowed, Not Screened)']]),
    );
    this.emit(
      channelEvent('VarSet', 'dialplan,all', leg1, [
        ['Variable', 'DIALEDPEERNUMBER'],
        ['Value', `${ext}@agents/n`],
      ]),
    );
    this.emit(
      channelEvent('VarSet', 'dialplan,all', leg2, [
        ['Variable', 'DIALEDPEERNUMBER'],
        ['Value', `${ext}@agents/n`],
      ]),
    );
    this.emit(
      channelEvent('NewCallerid', 'call,all', leg2, [['CID-CallingPres', '0 (Presentation Allowed, Not Screened)']]),
    );
    this.emit(channelEvent('NewConnectedLine', 'call,all', leg2));
    this.emit(localBridge(leg1, leg2, false));
    this.emit(
      dialEvent('AgentCalled', 'agent,all', caller.leg2, leg1, [
        ['Queue', caller.queue.config.name],
        ['Interface', member.interface],
        ['MemberName', member.name],
      ]),
    );
    this.emit(dialEvent('DialBegin', 'call,all', caller.leg2, leg1, [['DialString', `${ext}@agents/n`]]));
    this.emit(
      channelEvent('Newexten', 'dialplan,all', leg2, [
        ['Extension', ext],
        ['Application', 'NoOp'],
        ['AppData', `Poste agent ${ext} sonne`],
      ]),
    );
    // The agent dialplan of the captures: hangup handler, device state, Ringing, the answer test, the ring delay.
    const handler = `agent-hangup,s,1(${ext})`;
    this.emit(
      channelEvent('Newexten', 'dialplan,all', { ...leg2, priority: 2 }, [
        ['Extension', ext],
        ['Application', 'Set'],
        ['AppData', `CHANNEL(hangup_handler_push)=${handler}`],
      ]),
    );
    this.emit(channelEvent('HangupHandlerPush', 'dialplan,all', { ...leg2, priority: 2 }, [['Handler', handler]]));
    this.emit(
      channelEvent('Newexten', 'dialplan,all', { ...leg2, priority: 3 }, [
        ['Extension', ext],
        ['Application', 'Set'],
        ['AppData', `DEVICE_STATE(${agent.stateInterface})=RINGING`],
      ]),
    );
    this.emit(deviceStateChange(agent.stateInterface, 'RINGING'));
    this.emit(
      channelEvent('Newexten', 'dialplan,all', { ...leg2, priority: 4 }, [
        ['Extension', ext],
        ['Application', 'Ringing'],
        ['AppData', ''],
      ]),
    );
    this.setAgentStatus(agent, 6);
    leg1.state = 5;
    this.emit(channelEvent('Newstate', 'call,all', leg1));
    this.emit(dialEvent('DialState', 'call,all', caller.leg2, leg1, [['DialStatus', 'RINGING']]));

    const ringTimeout = caller.queue.config.ringTimeoutSeconds * 1000;
    const answers = !this.random.chance(agent.config.noAnswerRate);
    const delay = Math.min(this.random.logNormal(agent.config.ringDelaySeconds, 0.35) * 1000, ringTimeout + 1000);
    if (answers && delay < ringTimeout) {
      this.schedule(this.clock + delay, () => {
        if (caller.ring?.token === token) this.answer(caller);
      });
    } else {
      this.schedule(this.clock + ringTimeout, () => {
        if (caller.ring?.token === token) this.ringNoAnswer(caller);
      });
    }
  }

  private ringNoAnswer(caller: SimCaller): void {
    const ring = caller.ring as RingAttempt;
    const ringMs = this.clock - ring.startedAt;
    this.emit(
      dialEvent('AgentRingNoAnswer', 'agent,all', caller.leg2, ring.leg1, [
        ['Queue', caller.queue.config.name],
        ['Interface', ring.member.interface],
        ['MemberName', ring.member.name],
        ['RingTime', String(Math.round(ringMs))],
      ]),
    );
    this.emit(dialEvent('DialEnd', 'call,all', caller.leg2, ring.leg1, [['DialStatus', 'NOANSWER']]));
    this.endRing(caller, 0);
    caller.state = 'waiting';
    caller.retryAt = this.clock + 1000;
    this.schedule(caller.retryAt, () => this.dispatch(caller.queue));
  }

  /** The member leg goes away without a conversation (ring-out or caller gone). */
  private endRing(caller: SimCaller, cause: number): void {
    const ring = caller.ring as RingAttempt;
    caller.ring = undefined;
    this.emit(channelEvent('HangupRequest', 'call,all', ring.leg2, [['Cause', String(cause)]]));
    this.emit(
      channelEvent('Hangup', 'call,all', ring.leg1, [
        ['Cause', String(cause)],
        ['Cause-txt', cause === 0 ? 'Unknown' : 'Normal Clearing'],
      ]),
    );
    ring.agent.busyWith = undefined;
    this.setAgentStatus(ring.agent, 1);
    this.emitHangupHandler(ring);
    this.emit(deviceStateChange(ring.agent.stateInterface, 'NOT_INUSE'));
    this.emit(
      channelEvent('Hangup', 'call,all', ring.leg2, [
        ['Cause', String(cause)],
        ['Cause-txt', cause === 0 ? 'Unknown' : 'Normal Clearing'],
      ]),
    );
    this.schedule(this.clock, () => this.dispatchAll());
  }

  /** The agent's hangup handler resets its phone's device state (captures: agent-hangup,s,1). */
  private emitHangupHandler(ring: RingAttempt): void {
    const ext = ring.agent.config.extension;
    this.emit(channelEvent('HangupHandlerRun', 'dialplan,all', ring.leg2, [['Handler', `agent-hangup,s,1(${ext})`]]));
    this.emit(
      channelEvent('VarSet', 'dialplan,all', ring.leg2, [
        ['Variable', 'LOCAL(ARG1)'],
        ['Value', ext],
      ]),
    );
    this.emit(
      channelEvent('Newexten', 'dialplan,all', { ...ring.leg2, context: 'agent-hangup', exten: 's', priority: 1 }, [
        ['Extension', 's'],
        ['Application', 'Set'],
        ['AppData', `DEVICE_STATE(${ring.agent.stateInterface})=NOT_INUSE`],
      ]),
    );
  }

  private answer(caller: SimCaller): void {
    const ring = caller.ring as RingAttempt;
    const { queue } = caller;
    const q = queue.config.name;
    const agent = ring.agent;
    ring.leg2.state = 6;
    ring.leg1.state = 6;
    this.emit(deviceStateChange(agent.stateInterface, 'INUSE'));
    this.emit(channelEvent('Newstate', 'call,all', ring.leg2));
    this.emit(channelEvent('Newstate', 'call,all', ring.leg1));
    this.setAgentStatus(agent, 2);
    this.emit(dialEvent('DialEnd', 'call,all', caller.leg2, ring.leg1, [['DialStatus', 'ANSWER']]));
    this.emit(channelEvent('MusicOnHoldStop', 'call,all', caller.leg2));
    const position = this.leaveQueue(caller);
    const holdSeconds = this.holdSeconds(caller);
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUEPOSITION'],
        ['Value', String(position)],
      ]),
    );
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUEWAIT'],
        ['Value', String(holdSeconds)],
      ]),
    );
    const ringSeconds = Math.floor(this.clock / 1000) - Math.floor(ring.startedAt / 1000);
    ring.member.inCall = true;
    this.emit(
      dialEvent('AgentConnect', 'agent,all', caller.leg2, ring.leg1, [
        ['Queue', q],
        ['Interface', ring.member.interface],
        ['MemberName', ring.member.name],
        ['HoldTime', String(holdSeconds)],
        ['RingTime', String(ringSeconds)],
      ]),
    );
    this.truthRecorder.recordOutcome(q, caller.leg2.uniqueid, {
      kind: 'answered',
      waitSeconds: holdSeconds,
      serviceLevelSeconds: queue.config.serviceLevelSeconds,
    });
    queue.holdtimeAverage = (queue.holdtimeAverage * 3 + holdSeconds) / 4;
    this.emitMemberStatus(agent);
    const bridgeId = this.bridgeId();
    this.emit(bridgeEvent('BridgeCreate', bridgeId, 0));
    this.emit(bridgeEvent('BridgeEnter', bridgeId, 1, ring.leg1));
    this.emit(bridgeEvent('BridgeEnter', bridgeId, 2, caller.leg2));
    this.emit(
      channelEvent('VarSet', 'dialplan,all', ring.leg1, [
        ['Variable', 'BRIDGEPEER'],
        ['Value', caller.leg2.name],
      ]),
    );
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'BRIDGEPEER'],
        ['Value', ring.leg1.name],
      ]),
    );
    this.emit(
      channelEvent('Newexten', 'dialplan,all', { ...ring.leg2, priority: 9 }, [
        ['Extension', agent.config.extension],
        ['Application', 'Wait'],
        ['AppData', '60'],
      ]),
    );
    caller.state = 'talking';
    caller.patienceToken = 0;
    caller.answeredAt = this.clock;
    const talkMs = Math.max(2000, this.random.logNormal(this.options.scenario.talkSeconds, 0.55) * 1000);
    const endedBy = this.random.chance(this.options.scenario.callerHangsUpShare) ? 'caller' : 'agent';
    this.schedule(this.clock + talkMs, () => this.complete(caller, ring, bridgeId, holdSeconds, endedBy));
  }

  private complete(
    caller: SimCaller,
    ring: RingAttempt,
    bridgeId: string,
    holdSeconds: number,
    endedBy: 'caller' | 'agent',
  ): void {
    const { queue } = caller;
    const q = queue.config.name;
    const agent = ring.agent;
    const hanger = endedBy === 'caller' ? caller.leg2 : ring.leg1;
    this.emit(channelEvent('HangupRequest', 'call,all', hanger, [['Cause', '16']]));
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'BRIDGEPEER'],
        ['Value', ''],
      ]),
    );
    const conversation = Math.floor(this.clock / 1000) - Math.floor(caller.answeredAt / 1000);
    // Completed is counted when the agent leg ends (app_queue update_queue), with the member's CallsTaken.
    queue.completed++;
    if (holdSeconds <= queue.config.serviceLevelSeconds) queue.completedWithinSl++;
    queue.talktimeAverage = (queue.talktimeAverage * 3 + conversation) / 4;
    ring.member.callsTaken++;
    ring.member.lastCall = Math.floor(this.clock / 1000);
    ring.member.inCall = false;
    this.truthRecorder.recordCompleted(q, conversation);
    const memberFirst = this.random.chance(0.5);
    // The member's status and AgentComplete come in either order (captures' README, point 6).
    if (memberFirst) this.freeAgent(agent, queue);
    this.emit(
      dialEvent('AgentComplete', 'agent,all', caller.leg2, ring.leg1, [
        ['Queue', q],
        ['Interface', ring.member.interface],
        ['MemberName', ring.member.name],
        ['HoldTime', String(holdSeconds)],
        ['TalkTime', String(conversation)],
        ['Reason', endedBy],
      ]),
    );
    this.emit(bridgeEvent('BridgeLeave', bridgeId, 1, caller.leg2));
    this.emit(
      channelEvent('Hangup', 'call,all', caller.leg1, [
        ['Cause', '16'],
        ['Cause-txt', 'Normal Clearing'],
      ]),
    );
    const dialedMs = this.clock - caller.joinedAt;
    this.emitTimes(caller, conversation, this.clock - caller.answeredAt, dialedMs);
    this.emit(bridgeEvent('BridgeLeave', bridgeId, 0, ring.leg1));
    this.emit(bridgeEvent('BridgeDestroy', bridgeId, 0));
    this.emit(
      channelEvent('Hangup', 'call,all', ring.leg1, [
        ['Cause', '16'],
        ['Cause-txt', 'Normal Clearing'],
      ]),
    );
    this.emitHangupHandler(ring);
    this.emit(
      channelEvent('Hangup', 'call,all', ring.leg2, [
        ['Cause', '16'],
        ['Cause-txt', 'Normal Clearing'],
      ]),
    );
    if (!memberFirst) this.freeAgent(agent, queue);
    this.emit(
      channelEvent('Hangup', 'call,all', caller.leg2, [
        ['Cause', '16'],
        ['Cause-txt', 'Normal Clearing'],
      ]),
    );
    this.emit(deviceStateChange(`Local/${q}@callers`, 'NOT_INUSE'));
    caller.state = 'done';
    caller.ring = undefined;
    this.inProgress--;
  }

  /** Queue() leaves its timers on the caller channel (ANSWEREDTIME, DIALEDTIME and their _MS twins). */
  private emitTimes(caller: SimCaller, answeredSeconds: number, answeredMs: number, dialedMs: number): void {
    const values: Array<[string, string]> = [
      ['ANSWEREDTIME', String(answeredSeconds)],
      ['ANSWEREDTIME_MS', String(Math.round(answeredMs))],
      ['DIALEDTIME', String(Math.floor(dialedMs / 1000))],
      ['DIALEDTIME_MS', String(Math.round(dialedMs))],
    ];
    for (const [variable, value] of values)
      this.emit(
        channelEvent('VarSet', 'dialplan,all', caller.leg2, [
          ['Variable', variable],
          ['Value', value],
        ]),
      );
  }

  private freeAgent(agent: SimAgent, queue: SimQueue): void {
    agent.busyWith = undefined;
    agent.availableAt = this.clock + queue.config.wrapUpSeconds * 1000;
    this.emit(deviceStateChange(agent.stateInterface, 'NOT_INUSE'));
    this.setAgentStatus(agent, 1);
    this.schedule(agent.availableAt, () => this.dispatchAll());
  }

  // ---- callers leaving without an agent ----

  /** A real abandon: the caller hangs up (HangupRequest first), then QueueCallerAbandon. */
  private abandon(caller: SimCaller): void {
    const { queue } = caller;
    const q = queue.config.name;
    this.emit(channelEvent('HangupRequest', 'call,all', caller.leg2, [['Cause', '16']]));
    this.emit(
      channelEvent('Hangup', 'call,all', caller.leg1, [
        ['Cause', '16'],
        ['Cause-txt', 'Normal Clearing'],
      ]),
    );
    if (caller.ring) this.cancelRing(caller);
    this.emit(channelEvent('MusicOnHoldStop', 'call,all', caller.leg2));
    const holdSeconds = this.holdSeconds(caller);
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUEWAIT'],
        ['Value', String(holdSeconds)],
      ]),
    );
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUEWAIT_MS'],
        ['Value', String(this.clock - caller.joinedAt)],
      ]),
    );
    this.emitTimes(caller, 0, 0, this.clock - caller.joinedAt);
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'ABANDONED'],
        ['Value', 'TRUE'],
      ]),
    );
    const position = queue.callers.indexOf(caller) + 1;
    this.emit(
      channelEvent('QueueCallerAbandon', 'agent,all', caller.leg2, [
        ['Queue', q],
        ['Position', String(position)],
        ['OriginalPosition', String(caller.originalPosition)],
        ['HoldTime', String(holdSeconds)],
      ]),
    );
    this.countAbandon(queue, holdSeconds);
    this.leaveQueue(caller);
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUEPOSITION'],
        ['Value', String(position)],
      ]),
    );
    this.emit(channelEvent('SoftHangupRequest', 'call,all', caller.leg2, [['Cause', '16']]));
    this.emit(
      channelEvent('Hangup', 'call,all', caller.leg2, [
        ['Cause', '16'],
        ['Cause-txt', 'Normal Clearing'],
      ]),
    );
    this.emit(deviceStateChange(`Local/${q}@callers`, 'NOT_INUSE'));
    this.truthRecorder.recordOutcome(q, caller.leg2.uniqueid, { kind: 'abandoned', waitSeconds: holdSeconds });
    this.finishWithoutAgent(caller);
  }

  /** The Queue() timeout: QueueCallerAbandon too, then QueueCallerLeave, then QUEUESTATUS=TIMEOUT. */
  private timeOut(caller: SimCaller): void {
    const { queue } = caller;
    const q = queue.config.name;
    if (caller.ring) this.cancelRing(caller);
    const holdSeconds = this.holdSeconds(caller);
    const position = queue.callers.indexOf(caller) + 1;
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'ABANDONED'],
        ['Value', 'TRUE'],
      ]),
    );
    this.emit(
      channelEvent('QueueCallerAbandon', 'agent,all', caller.leg2, [
        ['Queue', q],
        ['Position', String(position)],
        ['OriginalPosition', String(caller.originalPosition)],
        ['HoldTime', String(holdSeconds)],
      ]),
    );
    this.countAbandon(queue, holdSeconds);
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUEWAIT'],
        ['Value', String(holdSeconds)],
      ]),
    );
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUEWAIT_MS'],
        ['Value', String(this.clock - caller.joinedAt)],
      ]),
    );
    this.emitTimes(caller, 0, 0, this.clock - caller.joinedAt);
    this.emit(channelEvent('MusicOnHoldStop', 'call,all', caller.leg2));
    this.leaveQueue(caller);
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUEPOSITION'],
        ['Value', String(position)],
      ]),
    );
    this.emit(
      channelEvent('VarSet', 'dialplan,all', caller.leg2, [
        ['Variable', 'QUEUESTATUS'],
        ['Value', 'TIMEOUT'],
      ]),
    );
    caller.leg2.priority = 5;
    this.emit(
      channelEvent('Newexten', 'dialplan,all', caller.leg2, [
        ['Extension', q],
        ['Application', 'Hangup'],
        ['AppData', ''],
      ]),
    );
    this.emit(channelEvent('SoftHangupRequest', 'call,all', caller.leg2, [['Cause', '16']]));
    this.emit(channelEvent('HangupRequest', 'call,all', caller.leg1, [['Cause', '16']]));
    this.emit(
      channelEvent('Hangup', 'call,all', caller.leg1, [
        ['Cause', '16'],
        ['Cause-txt', 'Normal Clearing'],
      ]),
    );
    this.emit(
      channelEvent('Hangup', 'call,all', caller.leg2, [
        ['Cause', '16'],
        ['Cause-txt', 'Normal Clearing'],
      ]),
    );
    this.emit(deviceStateChange(`Local/${q}@callers`, 'NOT_INUSE'));
    this.truthRecorder.recordOutcome(q, caller.leg2.uniqueid, { kind: 'timed_out', waitSeconds: holdSeconds });
    this.finishWithoutAgent(caller);
  }

  /** Ringing cancelled by a leaving caller: DialEnd CANCEL, no AgentRingNoAnswer (README, point 4). */
  private cancelRing(caller: SimCaller): void {
    const ring = caller.ring as RingAttempt;
    this.emit(dialEvent('DialEnd', 'call,all', caller.leg2, ring.leg1, [['DialStatus', 'CANCEL']]));
    this.endRing(caller, 0);
  }

  private countAbandon(queue: SimQueue, holdSeconds: number): void {
    queue.abandoned++;
    if (holdSeconds <= queue.config.serviceLevelSeconds) queue.abandonedWithinSl++;
  }

  private finishWithoutAgent(caller: SimCaller): void {
    caller.state = 'done';
    caller.patienceToken = 0;
    this.inProgress--;
  }

  /** Removes the caller from its queue and emits QueueCallerLeave. Returns the position it left from. */
  private leaveQueue(caller: SimCaller): number {
    const { queue } = caller;
    const index = queue.callers.indexOf(caller);
    if (index >= 0) queue.callers.splice(index, 1);
    if (queue.callers.length === 0) this.emit(deviceStateChange(`Queue:${queue.config.name}`, 'NOT_INUSE'));
    this.emit(
      channelEvent('QueueCallerLeave', 'agent,all', caller.leg2, [
        ['Queue', queue.config.name],
        ['Position', String(index + 1)],
        ['Count', String(queue.callers.length)],
      ]),
    );
    return index + 1;
  }

  private holdSeconds(caller: SimCaller): number {
    // app_queue measures waits with time(NULL): whole seconds of wall clock.
    return Math.floor(this.clock / 1000) - Math.floor(caller.joinedAt / 1000);
  }

  // ---- agents ----

  private setAgentStatus(agent: SimAgent, status: DeviceStatus): void {
    if (agent.status === status) return;
    agent.status = status;
    this.emitMemberStatus(agent);
  }

  /** QueueMemberStatus is emitted once per queue the member belongs to. */
  private emitMemberStatus(agent: SimAgent): void {
    for (const queue of this.queues.values()) {
      const member = queue.members.find((m) => m.interface === agent.interface);
      if (member) this.emit(memberEvent('QueueMemberStatus', member, agent.status));
    }
  }

  private statusOf(iface: string): number {
    return this.agents.get(iface)?.status ?? 1;
  }

  private scheduleBreak(agent: SimAgent): void {
    const at = this.clock + this.random.exponential(this.options.scenario.meanSecondsBetweenBreaks) * 1000;
    this.schedule(at, () => {
      if (!this.isOpen(this.clock) || agent.busyWith || agent.onBreak) {
        this.scheduleBreak(agent);
        return;
      }
      const reason = this.random.pick(BREAK_REASONS);
      const outcome = this.pause(undefined, agent.interface, true, reason);
      if (!outcome.ok) {
        this.scheduleBreak(agent);
        return;
      }
      agent.onBreak = true;
      for (const event of outcome.events) this.emit(event);
      const length = this.random.logNormal(this.options.scenario.breakSeconds, 0.5) * 1000;
      this.schedule(this.clock + length, () => {
        agent.onBreak = false;
        // Someone outside may have unpaused or removed the agent meanwhile: unpause only what is still paused.
        for (const queue of this.queues.values()) {
          const member = queue.members.find((m) => m.interface === agent.interface);
          if (member?.paused) {
            const resumed = this.pause(queue.config.name, agent.interface, false, '');
            for (const event of resumed.events) this.emit(event);
          }
        }
        this.scheduleBreak(agent);
      });
    });
  }

  private newMembership(
    queue: SimQueue,
    agent: SimAgent,
    membership: 'static' | 'dynamic',
    loginTime: number,
    penalty: number,
    name?: string,
    stateInterface?: string,
  ): SimMembership {
    return {
      queue: queue.config.name,
      name: name ?? agent.name,
      interface: agent.interface,
      stateInterface: stateInterface ?? agent.stateInterface,
      membership,
      penalty,
      callsTaken: 0,
      lastCall: 0,
      lastPause: 0,
      loginTime,
      inCall: false,
      paused: false,
      pausedReason: '',
      wrapuptime: 0,
    };
  }

  private queueNamed(name: string): SimQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`agent in unknown queue ${name}`);
    return queue;
  }

  // ---- agenda (binary heap on time, then insertion order) ----

  private schedule(at: number, run: () => void): void {
    const item: Scheduled = { at, order: this.order++, run };
    const heap = this.agenda;
    heap.push(item);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index] as Scheduled, heap[parent] as Scheduled)) break;
      [heap[index], heap[parent]] = [heap[parent] as Scheduled, heap[index] as Scheduled];
      index = parent;
    }
  }

  private popAgenda(): void {
    const heap = this.agenda;
    const last = heap.pop();
    if (heap.length === 0 || !last) return;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && before(heap[left] as Scheduled, heap[smallest] as Scheduled)) smallest = left;
      if (right < heap.length && before(heap[right] as Scheduled, heap[smallest] as Scheduled)) smallest = right;
      if (smallest === index) return;
      [heap[index], heap[smallest]] = [heap[smallest] as Scheduled, heap[index] as Scheduled];
      index = smallest;
    }
  }

  private hex(counter: number): string {
    return counter.toString(16).padStart(8, '0');
  }

  private bridgeId(): string {
    const n = (this.bridgeCounter++).toString(16).padStart(12, '0');
    return `5e1a7c00-0000-4000-8000-${n}`;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
