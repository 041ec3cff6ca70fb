/**
 * Builders for the AMI events the simulator emits, field for field (names and order) as
 * the real Asterisk 23 in fixtures/ami-captures writes them. Keep them in step with the
 * captures: the field-set test compares both.
 */
import type { AmiFields } from './ami-message.js';

export interface SimChannel {
  readonly name: string;
  state: 0 | 4 | 5 | 6;
  callerNum: string;
  callerName: string;
  connectedNum: string;
  connectedName: string;
  readonly context: string;
  exten: string;
  priority: number;
  readonly uniqueid: string;
  readonly linkedid: string;
}

export interface SimMembership {
  readonly queue: string;
  readonly name: string;
  readonly interface: string;
  readonly stateInterface: string;
  readonly membership: 'static' | 'dynamic';
  penalty: number;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  readonly loginTime: number;
  inCall: boolean;
  paused: boolean;
  pausedReason: string;
  wrapuptime: number;
}

const STATE_DESC: Record<SimChannel['state'], string> = { 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up' };

type Field = readonly [string, string];

function channelFields(channel: SimChannel, prefix = ''): Field[] {
  return [
    [`${prefix}Channel`, channel.name],
    [`${prefix}ChannelState`, String(channel.state)],
    [`${prefix}ChannelStateDesc`, STATE_DESC[channel.state]],
    [`${prefix}CallerIDNum`, channel.callerNum],
    [`${prefix}CallerIDName`, channel.callerName],
    [`${prefix}ConnectedLineNum`, channel.connectedNum],
    [`${prefix}ConnectedLineName`, channel.connectedName],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, channel.context],
    [`${prefix}Exten`, channel.exten],
    [`${prefix}Priority`, String(channel.priority)],
    [`${prefix}Uniqueid`, channel.uniqueid],
    [`${prefix}Linkedid`, channel.linkedid],
  ];
}

export function channelEvent(
  event: string,
  privilege: string,
  channel: SimChannel,
  extra: readonly Field[] = [],
): AmiFields {
  return [['Event', event], ['Privilege', privilege], ...channelFields(channel), ...extra];
}

/** Events about a caller and the member leg it dials (AgentCalled, DialBegin, AgentConnect, ...). */
export function dialEvent(
  event: string,
  privilege: string,
  caller: SimChannel | undefined,
  destination: SimChannel,
  extra: readonly Field[] = [],
): AmiFields {
  return [
    ['Event', event],
    ['Privilege', privilege],
    ...(caller ? channelFields(caller) : []),
    ...channelFields(destination, 'Dest'),
    ...extra,
  ];
}

/** QueueMemberStatus / Pause / Added / Removed / Penalty: the live member event shape. */
export function memberEvent(event: string, member: SimMembership, deviceStatus: number): AmiFields {
  return [
    ['Event', event],
    ['Privilege', 'agent,all'],
    ['Queue', member.queue],
    ['MemberName', member.name],
    ['Interface', member.interface],
    ['StateInterface', member.stateInterface],
    ['Membership', member.membership],
    ['Penalty', String(member.penalty)],
    ['CallsTaken', String(member.callsTaken)],
    ['LastCall', String(member.lastCall)],
    ['LastPause', String(member.lastPause)],
    ['LoginTime', String(member.loginTime)],
    ['InCall', member.inCall ? '1' : '0'],
    ['Status', String(deviceStatus)],
    ['Paused', member.paused ? '1' : '0'],
    ['PausedReason', member.pausedReason],
    ['Ringinuse', '0'],
    ['Wrapuptime', String(member.wrapuptime)],
  ];
}

/** QueueMember list item of a QueueStatus response: `Name`/`Location`, no Privilege, no Ringinuse. */
export function queueMemberItem(member: SimMembership, deviceStatus: number, actionId: string | undefined): AmiFields {
  return withActionId(
    [
      ['Event', 'QueueMember'],
      ['Queue', member.queue],
      ['Name', member.name],
      ['Location', member.interface],
      ['StateInterface', member.stateInterface],
      ['Membership', member.membership],
      ['Penalty', String(member.penalty)],
      ['CallsTaken', String(member.callsTaken)],
      ['LastCall', String(member.lastCall)],
      ['LastPause', String(member.lastPause)],
      ['LoginTime', String(member.loginTime)],
      ['InCall', member.inCall ? '1' : '0'],
      ['Status', String(deviceStatus)],
      ['Paused', member.paused ? '1' : '0'],
      ['PausedReason', member.pausedReason],
      ['Wrapuptime', String(member.wrapuptime)],
    ],
    actionId,
  );
}

export interface QueueParamsValues {
  readonly queue: string;
  readonly strategy: string;
  readonly calls: number;
  readonly holdtime: number;
  readonly talkTime: number;
  readonly completed: number;
  readonly abandoned: number;
  readonly serviceLevel: number;
  readonly serviceLevelPerf: number;
  readonly serviceLevelPerf2: number;
}

export function queueParamsItem(values: QueueParamsValues, actionId: string | undefined): AmiFields {
  return withActionId(
    [
      ['Event', 'QueueParams'],
      ['Queue', values.queue],
      ['Max', '0'],
      ['Strategy', values.strategy],
      ['Calls', String(values.calls)],
      ['Holdtime', String(values.holdtime)],
      ['TalkTime', String(values.talkTime)],
      ['Completed', String(values.completed)],
      ['Abandoned', String(values.abandoned)],
      ['ServiceLevel', String(values.serviceLevel)],
      ['ServicelevelPerf', values.serviceLevelPerf.toFixed(1)],
      ['ServicelevelPerf2', values.serviceLevelPerf2.toFixed(1)],
      ['Weight', '0'],
    ],
    actionId,
  );
}

export function queueEntryItem(
  queue: string,
  position: number,
  caller: SimChannel,
  waitSeconds: number,
  actionId: string | undefined,
): AmiFields {
  // QueueEntry writes `unknown` where events write `<unknown>` (captures' README, point 7).
  const name = caller.callerName === '<unknown>' ? 'unknown' : caller.callerName;
  const connectedName = caller.connectedName === '<unknown>' ? 'unknown' : caller.connectedName;
  return withActionId(
    [
      ['Event', 'QueueEntry'],
      ['Queue', queue],
      ['Position', String(position)],
      ['Channel', caller.name],
      ['Uniqueid', caller.uniqueid],
      ['CallerIDNum', caller.callerNum],
      ['CallerIDName', name],
      ['ConnectedLineNum', caller.connectedNum],
      ['ConnectedLineName', connectedName],
      ['Wait', String(waitSeconds)],
      ['Priority', '0'],
    ],
    actionId,
  );
}

export interface QueueSummaryValues {
  readonly queue: string;
  readonly loggedIn: number;
  readonly available: number;
  readonly callers: number;
  readonly holdTime: number;
  readonly talkTime: number;
  readonly longestHoldTime: number;
}

export function queueSummaryItem(values: QueueSummaryValues, actionId: string | undefined): AmiFields {
  return withActionId(
    [
      ['Event', 'QueueSummary'],
      ['Queue', values.queue],
      ['LoggedIn', String(values.loggedIn)],
      ['Available', String(values.available)],
      ['Callers', String(values.callers)],
      ['HoldTime', String(values.holdTime)],
      ['TalkTime', String(values.talkTime)],
      ['LongestHoldTime', String(values.longestHoldTime)],
    ],
    actionId,
  );
}

export function listComplete(event: string, actionId: string | undefined, items: number): AmiFields {
  return [
    ['Event', event],
    ...(actionId !== undefined ? [['ActionID', actionId] as const] : []),
    ['EventList', 'Complete'],
    ['ListItems', String(items)],
  ];
}

/** The two halves of a Local channel bridged together (LocalBridge). */
export function localBridge(one: SimChannel, two: SimChannel, optimized: boolean): AmiFields {
  return [
    ['Event', 'LocalBridge'],
    ['Privilege', 'call,all'],
    ...channelFields(one, 'LocalOne'),
    ...channelFields(two, 'LocalTwo'),
    ['Context', two.context],
    ['Exten', two.exten],
    ['LocalOptimization', optimized ? 'Yes' : 'No'],
  ];
}

export function deviceStateChange(device: string, state: string): AmiFields {
  return [
    ['Event', 'DeviceStateChange'],
    ['Privilege', 'call,all'],
    ['Device', device],
    ['State', state],
  ];
}

export function bridgeEvent(event: string, bridgeId: string, channels: number, channel?: SimChannel): AmiFields {
  return [
    ['Event', event],
    ['Privilege', 'call,all'],
    ['BridgeUniqueid', bridgeId],
    ['BridgeType', 'basic'],
    ['BridgeTechnology', 'simple_bridge'],
    ['BridgeCreator', '<unknown>'],
    ['BridgeName', '<unknown>'],
    ['BridgeNumChannels', String(channels)],
    ['BridgeVideoSourceMode', 'none'],
    ...(channel ? channelFields(channel) : []),
  ];
}

export function fullyBooted(uptimeSeconds: number): AmiFields {
  return [
    ['Event', 'FullyBooted'],
    ['Privilege', 'system,all'],
    ['Uptime', String(uptimeSeconds)],
    ['LastReload', String(uptimeSeconds)],
    ['Status', 'Fully Booted'],
  ];
}

export function successfulAuth(
  account: string,
  sessionId: string,
  eventTime: string,
  localPort: number,
  remotePort: number,
): AmiFields {
  return [
    ['Event', 'SuccessfulAuth'],
    ['Privilege', 'security,all'],
    ['EventTV', eventTime],
    ['Severity', 'Informational'],
    ['Service', 'AMI'],
    ['EventVersion', '1'],
    ['AccountID', account],
    ['SessionID', sessionId],
    ['LocalAddress', `IPV4/TCP/127.0.0.1/${localPort}`],
    ['RemoteAddress', `IPV4/TCP/127.0.0.1/${remotePort}`],
    ['UsingPassword', '0'],
    ['SessionTV', eventTime],
  ];
}

/** Security event other sessions see after a failed login (InvalidPassword / InvalidAccountID). */
export function failedAuthEvent(
  event: 'InvalidPassword' | 'InvalidAccountID',
  account: string,
  sessionId: string,
  eventTime: string,
  localPort: number,
  remotePort: number,
): AmiFields {
  return [
    ['Event', event],
    ['Privilege', 'security,all'],
    ['EventTV', eventTime],
    ['Severity', 'Error'],
    ['Service', 'AMI'],
    ['EventVersion', event === 'InvalidPassword' ? '2' : '1'],
    ['AccountID', account],
    ['SessionID', sessionId],
    ['LocalAddress', `IPV4/TCP/127.0.0.1/${localPort}`],
    ['RemoteAddress', `IPV4/TCP/127.0.0.1/${remotePort}`],
    ['SessionTV', '1970-01-01T00:00:00.000+0000'],
  ];
}

/** Asterisk's EventTV format: 2026-11-28T14:43:29.851+0000. */
export function eventTv(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

function withActionId(fields: Field[], actionId: string | undefined): AmiFields {
  return actionId === undefined ? fields : [...fields, ['ActionID', actionId]];
}
