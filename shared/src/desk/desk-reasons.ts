/**
 * Why a visitor comes to the desk. Each reason has its own letter so the number on the
 * ticket tells the agent the subject at a glance (A-042: état civil), as in most town halls.
 */
export interface DeskReason {
  readonly id: string;
  /** One capital letter printed before the number. */
  readonly prefix: string;
  /** French label shown on the kiosk. */
  readonly label: string;
}

export const DEFAULT_DESK_REASONS: ReadonlyArray<DeskReason> = [
  { id: 'etat-civil', prefix: 'A', label: 'État civil (actes, livret de famille, mariage)' },
  { id: 'identite', prefix: 'B', label: "Carte d'identité et passeport" },
  { id: 'famille', prefix: 'C', label: 'Enfance, écoles et inscriptions' },
  { id: 'urbanisme', prefix: 'D', label: 'Urbanisme, voirie et propreté' },
  { id: 'social', prefix: 'E', label: 'Solidarité, logement et seniors' },
  { id: 'autre', prefix: 'F', label: 'Autre demande' },
];

export function deskReasonById(reasons: ReadonlyArray<DeskReason>, id: string): DeskReason | undefined {
  return reasons.find((reason) => reason.id === id);
}

/** `A` + 42 -> `A-042`; past 999 the number simply grows (A-1000). */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`ticket sequence must be a positive integer, got ${sequence}`);
  return `${prefix}-${String(sequence).padStart(3, '0')}`;
}

export function deskTicketId(day: string, number: string): string {
  return `${day}:${number}`;
}

/** Checks a reason list from configuration: unique ids and unique single-letter prefixes. */
export function validateDeskReasons(reasons: ReadonlyArray<DeskReason>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const prefixes = new Set<string>();
  for (const reason of reasons) {
    if (!/^[a-z0-9-]+$/.test(reason.id))
      problems.push(`reason id "${reason.id}" must be lower-case letters, digits and dashes`);
    if (!/^[A-Z]$/.test(reason.prefix))
      problems.push(`reason "${reason.id}" prefix must be one capital letter, got "${reason.prefix}"`);
    if (ids.has(reason.id)) problems.push(`reason id "${reason.id}" is repeated`);
    if (prefixes.has(reason.prefix)) problems.push(`prefix "${reason.prefix}" is used twice`);
    if (reason.label.trim() === '') problems.push(`reason "${reason.id}" has no label`);
    ids.add(reason.id);
    prefixes.add(reason.prefix);
  }
  if (reasons.length === 0) problems.push('at least one desk reason is needed');
  return problems;
}
