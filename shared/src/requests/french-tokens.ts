import { foldText } from '../citizens/text-folding.js';

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

/**
 * Light stemming good enough for routing: plural marks dropped and words cut to 7 letters,
 * so "poubelles"/"poubelle" and "inscriptions"/"inscrire" land close.
 */
function stem(token: string): string {
  let word = token;
  if (word.length > 4 && (word.endsWith('s') || word.endsWith('x'))) word = word.slice(0, -1);
  return word.length > 7 ? word.slice(0, 7) : word;
}

/** The tokens a request's text is classified on: folded, stop words and bare numbers out, stemmed. */
export function frenchTokens(text: string): string[] {
  const folded = foldText(text);
  if (folded === '') return [];
  return folded
    .split(' ')
    .filter((t) => t.length > 1 && !STOP_WORDS.has(t) && !/^\d+$/.test(t))
    .map(stem);
}
