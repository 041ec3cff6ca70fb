import { evolveRequest } from './request-fold.js';
import type { RequestEvent, RequestReceived } from './request-events.js';
import type { RequestRecord } from './request.js';

const received: RequestReceived = {
  id: 'request.received:IRIS-2026-000001',
  type: 'request.received',
  v: 1,
  at: 1_000,
  source: 'intake',
  data: {
    reference: 'IRIS-2026-000001',
    channel: 'email',
    citizenId: 'C-1',
    subject: 'Nid de poule',
    text: 'rue Diderot',
    attachments: [],
    sourceRef: '<m1@exemple.fr>',
    message: null,
    recordedBy: 'smtp',
    contact: { email: 'a@exemple.fr', phone: null, name: null },
    suggestion: { category: 'chaussee-trottoir', confidence: 0.6, method: 'rules' },
  },
};

function fold(events: RequestEvent[]): RequestRecord {
  return events.reduce<RequestRecord | undefined>((record, event) => evolveRequest(record, event), undefined)!;
}

const ref = 'IRIS-2026-000001';
const step = <T extends RequestEvent['type']>(type: T, at: number, data: Extract<RequestEvent, { type: T }>['data']) =>
  ({ id: `${type}:${at}`, type, v: 1, at, source: 'iris', data }) as Extract<RequestEvent, { type: T }>;

describe('evolveRequest', () => {
  it('given a received request, when qualified and routed by an agent, then it is in the service with its due date and history', () => {
    const record = fold([
      received,
      step('request.qualified', 2_000, {
        reference: ref,
        category: 'chaussee-trottoir',
        service: 'voirie',
        confidence: 1,
        method: 'agent',
        qualifiedBy: 'agent-1',
        suggestedCategory: 'chaussee-trottoir',
      }),
      step('request.routed', 2_000, {
        reference: ref,
        service: 'voirie',
        category: 'chaussee-trottoir',
        automatic: false,
        routedBy: 'agent-1',
        dueAt: 9_000,
      }),
    ]);
    expect(record).toMatchObject({
      status: 'routed',
      service: 'voirie',
      category: 'chaussee-trottoir',
      dueAt: 9_000,
      suggestion: { category: 'chaussee-trottoir', confidence: 0.6 },
    });
    expect(record.history.map((h) => [h.type, h.by])).toEqual([
      ['request.received', 'smtp'],
      ['request.qualified', 'agent-1'],
      ['request.routed', 'agent-1'],
    ]);
  });

  it('re-routing records who and why; answering and closing set their times', () => {
    const record = fold([
      received,
      step('request.routed', 2_000, {
        reference: ref,
        service: 'voirie',
        category: 'chaussee-trottoir',
        automatic: true,
        routedBy: 'iris',
        dueAt: 9_000,
      }),
      step('request.rerouted', 3_000, {
        reference: ref,
        fromService: 'voirie',
        fromCategory: 'chaussee-trottoir',
        toService: 'eau-assainissement',
        toCategory: 'fuite-eau',
        reroutedBy: 'agent-voirie',
        reason: 'c’est une fuite',
        dueAt: 8_000,
      }),
      step('request.answered', 4_000, { reference: ref, answeredBy: 'agent-eau', firstLevel: false }),
      step('request.closed', 5_000, { reference: ref, closedBy: 'agent-eau', reason: 'réparée' }),
    ]);
    expect(record).toMatchObject({
      status: 'closed',
      service: 'eau-assainissement',
      category: 'fuite-eau',
      answeredAt: 4_000,
      answeredAtFirstLevel: false,
      closedAt: 5_000,
    });
    expect(record.history[2]).toMatchObject({
      by: 'agent-voirie',
      summary: 'réorientée de voirie vers eau-assainissement : c’est une fuite',
    });
  });

  it('a replayed message or a second receipt changes nothing', () => {
    const message = {
      messageId: '<m2@exemple.fr>',
      direction: 'in' as const,
      channel: 'email' as const,
      at: 2_000,
      from: 'a@exemple.fr',
      to: 'contact@ville-issy.fr',
      subject: null,
      text: 'suite',
      attachments: [],
      sentBy: null,
    };
    const once = fold([received, step('request.message_added', 2_000, { reference: ref, message })]);
    expect(evolveRequest(once, step('request.message_added', 2_000, { reference: ref, message }))).toBe(once);
    expect(evolveRequest(once, received)).toBe(once);
  });

  it('a phone request opened at answer time gets its description and a new suggestion', () => {
    const record = fold([
      received,
      step('request.described', 2_000, {
        reference: ref,
        subject: 'Fuite',
        text: 'fuite d’eau sur le trottoir',
        describedBy: 'agent-2',
        suggestion: { category: 'fuite-eau', confidence: 0.9, method: 'rules' },
      }),
    ]);
    expect(record).toMatchObject({
      subject: 'Fuite',
      text: 'fuite d’eau sur le trottoir',
      suggestion: { category: 'fuite-eau', confidence: 0.9 },
      status: 'received',
    });
    expect(record.history.at(-1)).toMatchObject({ type: 'request.described', by: 'agent-2' });
  });

  it('refuses an event about an unknown request', () => {
    expect(() =>
      evolveRequest(undefined, step('request.closed', 1, { reference: ref, closedBy: 'x', reason: 'y' })),
    ).toThrow('unknown request');
  });
});
