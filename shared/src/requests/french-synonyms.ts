import { foldText } from '../citizens/text-folding.js';

/**
 * Words citizens use for what the catalogue names otherwise, and the shorthand of SMS. Each
 * line is one meaning: every word on it is read as the first one, so a keyword or a learnt
 * word covers its synonyms. General French only (written from the language, not from any
 * request set); lines are kept narrow: two words merged here are never told apart again.
 */
const SYNONYM_LINES = `
poubelle poubelles container containers conteneur conteneurs
dechets ordures detritus immondices
lampadaire lampadaires reverbere reverberes candelabre candelabres luminaire luminaires
vehicule vehicules voiture voitures auto autos bagnole bagnoles
enfant enfants gamin gamins gamine gosse gosses fiston
travail boulot taf
medecin medecins docteur docteurs generaliste
bruit bruits vacarme boucan raffut
appartement appartements appart apparts
tag tags graffiti graffitis graffs
nid-de-poule ornieres orniere
rendez-vous rdv
probleme problemes pb pbs souci soucis
bonjour bjr bonjours slt
merci mci mrc
beaucoup bcp
pourquoi pk pq
quand qd
dans ds
tout tt
toujours tjrs tjs
rue r
avenue av
boulevard bd
telephone tel
numero num
informations info infos
inscrire inscrit inscrite inscrits
`;

const SPLIT_FORMS: Readonly<Record<string, readonly string[]>> = {
  'nid-de-poule': ['nid', 'de', 'poule'],
  'rendez-vous': ['rendez', 'vous'],
};

const CANONICAL: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, readonly string[]>();
  for (const line of SYNONYM_LINES.trim().split('\n')) {
    const [head, ...variants] = line.trim().split(/\s+/);
    const target = SPLIT_FORMS[head!] ?? [foldText(head!)];
    for (const variant of variants) map.set(variant, target);
  }
  return map;
})();

/** The word(s) a folded word is read as: itself, or the head of its synonym line. */
export function canonicalWord(folded: string): readonly string[] {
  return CANONICAL.get(folded) ?? [folded];
}
