/**
 * French phone numbers as a French reader writes them: ten digits in pairs
 * (`01 46 55 27 83`). International forms of French numbers (+33, 0033) become the
 * national form; other countries keep their + prefix, grouped loosely. Returns null when
 * there is nothing to show (anonymous or empty caller id), so the screen can say so.
 */
export function formatFrenchPhone(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (trimmed === '' || /^(anonymous|unknown|<unknown>|restricted)$/i.test(trimmed)) return null;
  const digits = trimmed.replace(/[\s.\-()]/g, '');
  const national = toFrenchNational(digits);
  if (national) return national.match(/\d{2}/g)!.join(' ');
  if (/^\+\d+$/.test(digits))
    return `+${digits
      .slice(1)
      .replace(/(\d{1,3})(?=(\d{2})+$)/, '$1 ')
      .replace(/(\d{2})(?=\d)/g, '$1 ')
      .trim()}`;
  return trimmed;
}

/** `0146552783`, `+33146552783`, `0033146552783`, `33146552783` (as some trunks send it). */
function toFrenchNational(digits: string): string | null {
  if (/^0[1-9]\d{8}$/.test(digits)) return digits;
  const international = /^(?:\+33|0033|33)([1-9]\d{8})$/.exec(digits);
  return international ? `0${international[1]}` : null;
}
