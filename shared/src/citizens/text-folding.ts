/**
 * Folding of French free text for matching: accents, case, ligatures and punctuation do not
 * distinguish two people or two addresses ("Hélène d'Aubigné" = "HELENE D AUBIGNE").
 */

const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

/** Lower case, no diacritics, ligatures expanded, every non-alphanumeric run as one space. */
export function foldText(raw: string): string {
  return raw
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folded tokens of a text (empty strings dropped). */
export function foldedTokens(raw: string): string[] {
  const folded = foldText(raw);
  return folded === '' ? [] : folded.split(' ');
}
