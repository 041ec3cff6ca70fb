import { AGENT_MODES, type AgentMode } from '../agents/agent-mode.js';
import { isPlanDate, sortPlanSlots, validatePlanSlots, type PlanSlot } from './rotation-plan.js';

/**
 * Rotation plan CSV as French spreadsheets expect it: semicolon separated, UTF-8 with a
 * byte-order mark (without it Excel reads accents as Latin-1), CRLF line ends, French
 * headers and mode names, dates as JJ/MM/AAAA. Import also accepts ISO dates, English mode
 * names, commas-free quoting, and a file without the BOM.
 */
export const PLAN_CSV_HEADERS = ['Agent', 'Date', 'Début', 'Fin', 'Mode'] as const;

const BOM = '\uFEFF';

export const MODE_LABELS_FR: Readonly<Record<AgentMode, string>> = {
  phone: 'téléphone',
  desk: 'accueil',
  mail: 'courrier',
  break: 'pause',
  offline: 'absent',
};

export function planToCsv(slots: ReadonlyArray<PlanSlot>): string {
  const lines = [PLAN_CSV_HEADERS.join(';')];
  for (const slot of sortPlanSlots(slots)) {
    lines.push(
      [slot.agentId, frenchDate(slot.date), slot.start, slot.end, MODE_LABELS_FR[slot.mode]].map(csvField).join(';'),
    );
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

export interface PlanCsvResult {
  readonly slots: PlanSlot[];
  /** One message per bad line, with its line number; when not empty, nothing should be imported. */
  readonly errors: string[];
}

export function planFromCsv(text: string): PlanCsvResult {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  const errors: string[] = [];
  const slots: PlanSlot[] = [];
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const expected = PLAN_CSV_HEADERS.map((h) => h.toLowerCase());
  const englishHeader = ['agentid', 'date', 'start', 'end', 'mode'];
  if (header.join(';') !== expected.join(';') && header.join(';') !== englishHeader.join(';')) {
    return {
      slots: [],
      errors: [`ligne 1 : en-tête attendu « ${PLAN_CSV_HEADERS.join(';')} », trouvé « ${lines[0] ?? ''} »`],
    };
  }
  lines.slice(1).forEach((line, index) => {
    const lineNumber = index + 2;
    if (line.trim() === '') return;
    const fields = splitCsvLine(line).map((f) => f.trim());
    if (fields.length !== 5) {
      errors.push(`ligne ${lineNumber} : 5 colonnes attendues séparées par « ; », ${fields.length} trouvée(s)`);
      return;
    }
    const [agentId, rawDate, start, end, rawMode] = fields as [string, string, string, string, string];
    const date = parseDate(rawDate);
    const mode = parseMode(rawMode);
    if (date === null) errors.push(`ligne ${lineNumber} : date « ${rawDate} » invalide (JJ/MM/AAAA ou AAAA-MM-JJ)`);
    if (mode === null)
      errors.push(`ligne ${lineNumber} : mode « ${rawMode} » inconnu (${Object.values(MODE_LABELS_FR).join(', ')})`);
    if (date === null || mode === null) return;
    const slot: PlanSlot = { agentId, date, start, end, mode };
    for (const problem of validatePlanSlots([slot]))
      errors.push(`ligne ${lineNumber} : ${problem.replace(/^slot 1 \([^)]*\): /, '')}`);
    slots.push(slot);
  });
  if (errors.length === 0) errors.push(...validatePlanSlots(slots));
  return { slots: errors.length === 0 ? sortPlanSlots(slots) : [], errors };
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function parseDate(raw: string): string | null {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}` : raw;
  return isPlanDate(iso) ? iso : null;
}

function parseMode(raw: string): AgentMode | null {
  const value = raw.toLowerCase();
  if ((AGENT_MODES as readonly string[]).includes(value)) return value as AgentMode;
  const french = (Object.entries(MODE_LABELS_FR) as [AgentMode, string][]).find(
    ([, label]) => label === value || label === value.replace('telephone', 'téléphone'),
  );
  return french ? french[0] : null;
}

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Splits one line on `;`, honouring double-quoted fields ("" inside quotes is a quote). */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ';') {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}
