import type { DayPlan, PlanSlot } from '@iris/shared';

/** One agent's slots of the day, in time order, with the one running now marked. Pure. */
export interface MyPlanSlot extends PlanSlot {
  readonly now: boolean;
}

/** `time` is the Paris wall-clock time "HH:MM"; slot bounds are "HH:MM" too, end excluded. */
export function myDayPlan(plans: ReadonlyArray<DayPlan>, agentId: string, date: string, time: string): MyPlanSlot[] {
  return plans
    .filter((plan) => plan.date === date)
    .flatMap((plan) => plan.slots)
    .filter((slot) => slot.agentId === agentId && slot.date === date)
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((slot) => ({ ...slot, now: slot.start <= time && time < slot.end }));
}
