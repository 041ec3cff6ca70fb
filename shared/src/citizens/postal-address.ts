import { foldText } from './text-folding.js';

/** A French postal address as a person writes it; only the street line is required. */
export interface PostalAddress {
  readonly street: string;
  readonly postalCode?: string;
  readonly city?: string;
}

/** Abbreviations of French street types and words, folded to the full word. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  boul: 'boulevard',
  bvd: 'boulevard',
  r: 'rue',
  pl: 'place',
  all: 'allee',
  imp: 'impasse',
  ch: 'chemin',
  che: 'chemin',
  chem: 'chemin',
  sq: 'square',
  fg: 'faubourg',
  fbg: 'faubourg',
  rte: 'route',
  crs: 'cours',
  qu: 'quai',
  res: 'residence',
  resid: 'residence',
  pas: 'passage',
  sent: 'sentier',
  st: 'saint',
  ste: 'sainte',
  gal: 'general',
  gen: 'general',
  mal: 'marechal',
  pdt: 'president',
  prof: 'professeur',
  dr: 'docteur',
  bat: 'batiment',
  apt: 'appartement',
  appt: 'appartement',
};

/** Words that people add or drop freely ("12 avenue de la République" = "12 av République"). */
const FILLER_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux']);

/** The street line folded: accents/case/punctuation, abbreviations expanded, filler words out. */
export function foldStreet(street: string): string {
  const tokens = foldText(street)
    .split(' ')
    .filter((t) => t !== '')
    .map((t) => ABBREVIATIONS[t] ?? t)
    .filter((t) => !FILLER_WORDS.has(t));
  // "12bis" and "12 bis" are the same number.
  return tokens.join(' ').replace(/\b(\d+) (bis|ter|quater)\b/g, '$1$2');
}

/** One key per address: folded street plus the postal code when known. */
export function addressKey(address: PostalAddress): string {
  const postalCode = (address.postalCode ?? '').replace(/\s+/g, '');
  return `${foldStreet(address.street)}|${postalCode}`;
}

/**
 * Parse a one-line French address ("12 av. de la République, 92130 Issy-les-Moulineaux")
 * into its parts; the street is whatever precedes the postal code.
 */
export function parseAddressLine(line: string): PostalAddress {
  const match = /^(.*?)[,\s]+(\d{2}\s?\d{3})\s+(.+)$/.exec(line.trim());
  if (!match) return { street: line.trim() };
  return { street: match[1]!.trim(), postalCode: match[2]!.replace(/\s/g, ''), city: match[3]!.trim() };
}
