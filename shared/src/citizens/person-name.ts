import { foldText } from './text-folding.js';

/** Civilities and particles that do not identify a person. */
const CIVILITIES = new Set([
  'm',
  'mr',
  'monsieur',
  'mme',
  'madame',
  'mlle',
  'mademoiselle',
  'dr',
  'docteur',
  'me',
  'maitre',
]);

/**
 * A person's name folded to an order-free key: "DUPONT Jean-Pierre", "M. Jean Pierre Dupont"
 * and "jean-pierre dupont" give the same key (tokens sorted: people write the surname first
 * or last).
 */
export function nameKey(fullName: string): string {
  return nameTokens(fullName).sort().join(' ');
}

/** Folded tokens of a name, civility dropped. */
export function nameTokens(fullName: string): string[] {
  return foldText(fullName)
    .split(' ')
    .filter((t) => t !== '' && !CIVILITIES.has(t));
}

/** Jaro-Winkler similarity of two strings in [0, 1] (typo-tolerant name comparison). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a === '' || b === '') return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Similarity of two full names in [0, 1]: each token of the shorter name is paired with its
 * best match in the other (order-free), averaged. Handles "Dupont Jean" vs "Jean Dupond".
 */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const total = short.reduce((sum, token) => sum + Math.max(...long.map((other) => jaroWinkler(token, other))), 0);
  // Missing tokens (a middle name) cost a little, not everything.
  const coverage = short.length / long.length;
  return (total / short.length) * (0.85 + 0.15 * coverage);
}
