import { stemmer as snowballFrench } from '@orama/stemmers/french';
import { foldText } from '../citizens/text-folding.js';
import { canonicalWord } from './french-synonyms.js';

/** Folded French words that carry no subject ("bonjour", "je", "merci"...). */
const STOP_WORDS = new Set(
  `a ai aie aies ait alors au aucun aussi autre aux avec avez avoir avons bonjour bonsoir bien
  c ca car ce cela celle celui ces cet cette ceci chez ci comme comment concernant d dans de des
  depuis deja dois doit donc du elle elles en encore est et etait ete etre eu fait faire
  il ils j je jour la le les leur leurs lui m ma mais me meme merci mes moi mon n ne nos notre
  nous on ont ou par pas pour pourquoi pourrais pourriez pouvez peut peux plus qu que quel quelle
  quels qui s sa sans se ses si son sont sur svp t ta te tes toi ton tous tout toute tres tu un
  une vos votre vous y cordialement madame monsieur mme m mr salut please bjr slt stp plait
  souhaite souhaiterais voudrais aimerais savoir demande demander avance remercie remerciant
  salutations bonne journee soiree possible quoi quand ici la-bas via ceux cela dont lors
  auriez serait sera suis sommes etes`.split(/\s+/),
);

/** One word of a request as the classifier sees it. */
export interface TextWord {
  /** Lower case with its accents ("marchés"): tells "marché" from "marche" where the writer uses accents. */
  readonly accented: string;
  /** Folded stem after synonyms ("poubell" for "Poubelles"): what rules and classifier compare. */
  readonly stem: string;
  /** A word with no subject ("bonjour", "je", a bare number): kept for phrases, never a feature. */
  readonly stop: boolean;
  /**
   * A word that says where or when rather than what ("devant la médiathèque", "lors de la
   * fête", "rue des Écoles"): it counts, but less, so that it does not drive the choice.
   */
  readonly side: boolean;
}

export interface AnalysedText {
  /** Runs of words between punctuation marks (a phrase or a word pair never spans two). */
  readonly segments: readonly (readonly TextWord[])[];
  /** The writer uses accents somewhere: then a missing accent is meaningful ("marche" is not "marché"). */
  readonly usesAccents: boolean;
}

/** Stems are cached: a request has a few dozen words, drawn from a vocabulary of a few thousand. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/**
 * Snowball's French stemmer on the folded word: folding first makes "eclairage" (an SMS) and
 * "éclairage" one stem, which matters more than the few suffixes Snowball reads by their accent.
 */
export function frenchStem(folded: string): string {
  let stem = stemCache.get(folded);
  if (stem === undefined) {
    // Folding turned "cassée" into "cassee", which Snowball no longer reads as a participle.
    const word = folded.length > 4 ? folded.replace(/ees?$/, 'e') : folded;
    stem = word.length <= 2 ? word : snowballFrench(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(folded, stem);
  }
  return stem;
}

/**
 * Folded words after which the next content words name a place, a street or an occasion:
 * the setting of the request, not its subject.
 */
const SETTING_MARKERS = new Set(
  'devant derriere pres cote face proximite abords autour lors pendant durant rue avenue boulevard allee impasse quai'.split(
    ' ',
  ),
);
/** How many content words after a setting marker are setting. */
const SETTING_SPAN = 2;

const SEGMENT_BREAK = /[.!?;:,()[\]{}"«»\n\r•|/]+/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text by segment, folded, stemmed and mapped through the synonyms. */
export function analyseText(text: string): AnalysedText {
  const segments: TextWord[][] = [];
  let usesAccents = false;
  for (const part of text.normalize('NFC').toLowerCase().split(SEGMENT_BREAK)) {
    const words: TextWord[] = [];
    let setting = 0;
    for (const raw of part.match(WORD) ?? []) {
      const folded = foldText(raw).replace(/ /g, '');
      if (folded === '') continue;
      if (folded !== raw) usesAccents = true;
      for (const word of canonicalWord(folded)) {
        if (SETTING_MARKERS.has(word)) {
          setting = SETTING_SPAN;
          words.push({ accented: word, stem: word, stop: true, side: false });
          continue;
        }
        const stop = word.length < 2 || STOP_WORDS.has(word) || /^\d+$/.test(word);
        const side = !stop && setting > 0;
        if (side) setting -= 1;
        words.push({ accented: word === folded ? raw : word, stem: stop ? word : frenchStem(word), stop, side });
      }
    }
    if (words.length > 0) segments.push(words);
  }
  return { segments, usesAccents };
}

/** The stems a request's text is classified on: folded, stop words and bare numbers out, synonyms mapped. */
export function frenchTokens(text: string): string[] {
  return analyseText(text).segments.flatMap((segment) => segment.filter((w) => !w.stop).map((w) => w.stem));
}
