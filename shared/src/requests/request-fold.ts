import type { RequestEvent } from './request-events.js';
import type { RequestHistoryEntry, RequestRecord } from './request.js';

export const REQUEST_EVENT_TYPES = [
  'request.received',
  'request.qualified',
  'request.routed',
  'request.rerouted',
  'request.message_added',
  'request.described',
  'request.answered',
  'request.closed',
] as const satisfies ReadonlyArray<RequestEvent['type']>;

export function isRequestEvent(event: { readonly type: string }): event is RequestEvent {
  return (REQUEST_EVENT_TYPES as readonly string[]).includes(event.type);
}

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)} %`;
}

function withHistory(record: RequestRecord, entry: RequestHistoryEntry): RequestRecord {
  return { ...record, history: [...record.history, entry] };
}

/**
 * The request after one event (pure, idempotent against a replayed message). Returns the
 * same object when the event changes nothing, and throws when the event refers to a
 * request that does not exist (the projection records that as a failure).
 */
export function evolveRequest(current: RequestRecord | undefined, event: RequestEvent): RequestRecord {
  if (event.type === 'request.received') {
    if (current) return current;
    const d = event.data;
    return {
      reference: d.reference,
      channel: d.channel,
      citizenId: d.citizenId,
      subject: d.subject,
      text: d.text,
      status: 'received',
      receivedAt: event.at,
      category: null,
      service: null,
      suggestion: d.suggestion ? { category: d.suggestion.category, confidence: d.suggestion.confidence } : null,
      dueAt: null,
      attachments: d.attachments,
      messages: d.message ? [d.message] : [],
      answeredAt: null,
      answeredAtFirstLevel: null,
      closedAt: null,
      contact: d.contact,
      history: [{ at: event.at, type: event.type, by: d.recordedBy, summary: `reçue (${d.channel})` }],
    };
  }
  if (!current) throw new Error(`${event.type} for unknown request ${event.data.reference}`);
  switch (event.type) {
    case 'request.qualified': {
      const d = event.data;
      const how = d.method === 'agent' ? 'par un agent' : `automatique, ${percent(d.confidence)}`;
      return withHistory(
        {
          ...current,
          category: d.category,
          service: d.service,
          status: current.status === 'received' ? 'qualified' : current.status,
        },
        { at: event.at, type: event.type, by: d.qualifiedBy, summary: `qualifiée « ${d.category} » (${how})` },
      );
    }
    case 'request.routed': {
      const d = event.data;
      return withHistory(
        { ...current, category: d.category, service: d.service, status: 'routed', dueAt: d.dueAt },
        {
          at: event.at,
          type: event.type,
          by: d.routedBy,
          summary: `transmise au service ${d.service}${d.automatic ? ' (automatique)' : ''}`,
        },
      );
    }
    case 'request.rerouted': {
      const d = event.data;
      return withHistory(
        { ...current, category: d.toCategory, service: d.toService, status: 'routed', dueAt: d.dueAt },
        {
          at: event.at,
          type: event.type,
          by: d.reroutedBy,
          summary: `réorientée de ${d.fromService} vers ${d.toService} : ${d.reason}`,
        },
      );
    }
    case 'request.message_added': {
      const message = event.data.message;
      if (current.messages.some((m) => m.messageId === message.messageId)) return current;
      const summary =
        message.direction === 'in' ? `message reçu (${message.channel})` : `réponse envoyée (${message.channel})`;
      return withHistory(
        { ...current, messages: [...current.messages, message] },
        { at: event.at, type: event.type, by: message.sentBy ?? message.from, summary },
      );
    }
    case 'request.described': {
      const d = event.data;
      return withHistory(
        {
          ...current,
          subject: d.subject,
          text: d.text,
          suggestion: d.suggestion
            ? { category: d.suggestion.category, confidence: d.suggestion.confidence }
            : current.suggestion,
        },
        { at: event.at, type: event.type, by: d.describedBy, summary: 'demande décrite' },
      );
    }
    case 'request.answered': {
      const d = event.data;
      return withHistory(
        { ...current, status: 'answered', answeredAt: event.at, answeredAtFirstLevel: d.firstLevel },
        {
          at: event.at,
          type: event.type,
          by: d.answeredBy,
          summary: d.firstLevel ? 'répondue en premier niveau' : 'répondue par le service',
        },
      );
    }
    case 'request.closed': {
      const d = event.data;
      return withHistory(
        { ...current, status: 'closed', closedAt: event.at },
        { at: event.at, type: event.type, by: d.closedBy, summary: `clôturée : ${d.reason}` },
      );
    }
    default:
      return current;
  }
}
