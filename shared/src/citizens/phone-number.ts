import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Phone numbers as one canonical E.164 string, France by default, so that
 * `01 46 55 27 83`, `+33 1 46 55 27 83`, `0033146552783` and `+33 (0)1 46 55 27 83`
 * are the same citizen. Returns null when the input is not a possible number.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'FR'): string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  // "(0)" is the French habit of showing the trunk prefix inside an international number.
  const cleaned = trimmed.replace(/\(0\)/g, '').replace(/^\+?\s*00\s*/, '+');
  // Asterisk may present a national number without its leading 0 (e.g. 146552783): only
  // retry that way when the plain parse fails, to avoid inventing numbers.
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  if (parsed?.isPossible()) return parsed.number;
  const digits = cleaned.replace(/\D/g, '');
  if (defaultCountry === 'FR' && /^[1-9]\d{8}$/.test(digits)) {
    const retry = parsePhoneNumberFromString(`0${digits}`, 'FR');
    if (retry?.isPossible()) return retry.number;
  }
  return null;
}

/** The French national format for display ("01 46 55 27 83"), or the E.164 form abroad. */
export function formatPhoneFrench(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational();
}

/** Email addresses compare case-folded and trimmed; returns null when it is not an address. */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}
