import { addressKey, foldStreet } from './postal-address.js';
import { nameSimilarity } from './person-name.js';
import type { CitizenIdentifiers } from './citizen-events.js';
import { jaroWinkler } from './person-name.js';

export interface DuplicateScore {
  readonly score: number;
  readonly reasons: string[];
}

/** Below this a pair is not worth a person's time. */
export const DUPLICATE_SUGGESTION_THRESHOLD = 0.6;

function bestAddressSimilarity(a: CitizenIdentifiers, b: CitizenIdentifiers): number {
  let best = 0;
  for (const x of a.addresses) {
    for (const y of b.addresses) {
      if (addressKey(x) === addressKey(y)) return 1;
      const samePostalCode = (x.postalCode ?? '') === (y.postalCode ?? '') ? 1 : 0.8;
      best = Math.max(best, jaroWinkler(foldStreet(x.street), foldStreet(y.street)) * samePostalCode);
    }
  }
  return best;
}

/**
 * How likely two records are one person, in [0, 1], with the reasons in French (shown to the
 * supervisor who decides). A shared phone or email is strong evidence; a close name alone is
 * weak (homonyms are common), a close name at the same address is strong.
 */
export function duplicateScore(a: CitizenIdentifiers, b: CitizenIdentifiers): DuplicateScore {
  const reasons: string[] = [];
  let evidence = 0;
  if (a.phones.some((p) => b.phones.includes(p))) {
    evidence += 0.7;
    reasons.push('même téléphone');
  }
  if (a.emails.some((e) => b.emails.includes(e))) {
    evidence += 0.7;
    reasons.push('même adresse e-mail');
  }
  const names = a.fullName && b.fullName ? nameSimilarity(a.fullName, b.fullName) : 0;
  const addresses = bestAddressSimilarity(a, b);
  if (names >= 0.85 && addresses >= 0.9) {
    evidence += 0.5 + 0.3 * names;
    reasons.push(names >= 0.99 ? 'même nom et même adresse' : 'nom proche et même adresse');
  } else if (names >= 0.85) {
    evidence += 0.35 * names;
    reasons.push(names >= 0.99 ? 'même nom' : 'nom proche');
  } else if (addresses >= 0.9 && names > 0) {
    evidence += 0.15;
    reasons.push('même adresse');
  }
  return { score: Math.min(1, Math.round(evidence * 100) / 100), reasons };
}
