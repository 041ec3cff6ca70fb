import type {
  AgentFairness,
  AgentMode,
  AgentView,
  DayPlan,
  PlanDeviation,
  PlanSlot,
  StaffingAdvice,
  StaffingMove,
} from '@iris/shared';
import { apiRequest } from '../../lib/api/http.js';

/** The rotation and staffing REST calls (server/src/rotation, server/src/staffing). */
export interface PlannedVsActual {
  readonly agentId: string;
  readonly planned: AgentMode | null;
  readonly actual: AgentMode | null;
  readonly deviates: boolean;
}

export interface AutomaticSetting {
  readonly enabled: boolean;
  readonly changedBy: string | null;
  readonly changedAt: number | null;
}

export interface ApplyResult {
  readonly advice: StaffingAdvice;
  readonly outcomes: ReadonlyArray<{ move: StaffingMove; ok: boolean; error?: { code: string; message: string } }>;
}

export const rotationApi = {
  plans: (from: string, to: string) => apiRequest<DayPlan[]>(`/api/rotation/plans?from=${from}&to=${to}`),
  saveDay: (date: string, slots: PlanSlot[], revision: number) =>
    apiRequest<DayPlan>(`/api/rotation/plans/${date}`, { method: 'PUT', body: { slots, revision } }),
  importCsv: (csv: string) =>
    apiRequest<{ dates: string[]; slots: number; plans: DayPlan[] }>('/api/rotation/plans.csv', {
      method: 'POST',
      body: { csv },
    }),
  exportUrl: (from: string, to: string) => `/api/rotation/plans.csv?from=${from}&to=${to}`,
  myPlan: (date: string) => apiRequest<PlanSlot[]>(`/api/rotation/my-plan/${date}`),
  now: () => apiRequest<PlannedVsActual[]>('/api/rotation/now'),
  deviations: (date: string) => apiRequest<PlanDeviation[]>(`/api/rotation/deviations/${date}`),
  fairness: (date: string) => apiRequest<AgentFairness[]>(`/api/rotation/fairness/${date}`),
  agents: () => apiRequest<AgentView[]>('/api/agents'),
};

export const staffingApi = {
  advice: () => apiRequest<StaffingAdvice>('/api/staffing/advice'),
  apply: (moves: ReadonlyArray<{ agentId: string; to: string }>) =>
    apiRequest<ApplyResult>('/api/staffing/apply', { method: 'POST', body: { moves } }),
  automatic: () => apiRequest<AutomaticSetting>('/api/staffing/automatic'),
  setAutomatic: (enabled: boolean) =>
    apiRequest<AutomaticSetting>('/api/staffing/automatic', { method: 'PUT', body: { enabled } }),
};

/** Today's date (Europe/Paris) as YYYY-MM-DD. */
export function parisToday(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now));
}
