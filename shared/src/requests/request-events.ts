import type { EventEnvelope } from '../events/domain-event.js';
import type { AttachmentRef, RequestChannel, RequestMessage } from './request.js';

export type RequestReceived = EventEnvelope<
  'request.received',
  {
    readonly reference: string;
    readonly channel: RequestChannel;
    readonly citizenId: string | null;
    readonly subject: string;
    readonly text: string;
    readonly attachments: readonly AttachmentRef[];
    /** The channel's own id of the fact (Message-ID, SMS id, ticket id, call id, upload id). */
    readonly sourceRef: string;
    /** The first message when the channel is a correspondence (email, SMS, mail). */
    readonly message: RequestMessage | null;
    /** Who recorded it: an agent id, or 'smtp' / 'sms' for the automatic channels. */
    readonly recordedBy: string;
    /** Contact details given with the request (reply address), normalised. */
    readonly contact: { readonly email: string | null; readonly phone: string | null; readonly name: string | null };
    /** The category suggested on arrival (keyword rules + classifier), null when nothing matched. */
    readonly suggestion: {
      readonly category: string;
      readonly confidence: number;
      readonly method: 'rules' | 'classifier';
    } | null;
  }
>;

export type QualificationMethod = 'rules' | 'classifier' | 'agent';

/** The request's category is known (suggested automatically or confirmed by an agent). */
export type RequestQualified = EventEnvelope<
  'request.qualified',
  {
    readonly reference: string;
    readonly category: string;
    readonly service: string;
    readonly confidence: number;
    readonly method: QualificationMethod;
    readonly qualifiedBy: string;
    /** The machine's suggestion at that moment (kept to measure the classifier). */
    readonly suggestedCategory: string | null;
  }
>;

/** Handed over to the expert service's inbox. */
export type RequestRouted = EventEnvelope<
  'request.routed',
  {
    readonly reference: string;
    readonly service: string;
    readonly category: string;
    readonly automatic: boolean;
    readonly routedBy: string;
    readonly dueAt: number;
  }
>;

/** Sent to another service: who and why are part of the record; counted as a mis-route. */
export type RequestRerouted = EventEnvelope<
  'request.rerouted',
  {
    readonly reference: string;
    readonly fromService: string;
    readonly fromCategory: string;
    readonly toService: string;
    readonly toCategory: string;
    readonly reroutedBy: string;
    readonly reason: string;
    readonly dueAt: number;
  }
>;

/** A message joined the request's thread (a citizen's reply, or a reply sent by IRIS). */
export type RequestMessageAdded = EventEnvelope<
  'request.message_added',
  { readonly reference: string; readonly message: RequestMessage }
>;

/** The agent wrote down what the citizen asks (a phone request opened when the call was answered). */
export type RequestDescribed = EventEnvelope<
  'request.described',
  {
    readonly reference: string;
    readonly subject: string;
    readonly text: string;
    readonly describedBy: string;
    readonly suggestion: {
      readonly category: string;
      readonly confidence: number;
      readonly method: 'rules' | 'classifier';
    } | null;
  }
>;

export type RequestAnswered = EventEnvelope<
  'request.answered',
  { readonly reference: string; readonly answeredBy: string; readonly firstLevel: boolean }
>;

export type RequestClosed = EventEnvelope<
  'request.closed',
  { readonly reference: string; readonly closedBy: string; readonly reason: string }
>;

export type RequestEvent =
  | RequestReceived
  | RequestQualified
  | RequestRouted
  | RequestRerouted
  | RequestMessageAdded
  | RequestDescribed
  | RequestAnswered
  | RequestClosed;
