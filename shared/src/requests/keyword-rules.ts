import { analyseText, type AnalysedText, type TextWord } from './french-tokens.js';
import type { CategoryProbability } from './naive-bayes.js';
import type { ServiceCatalogue } from './service-catalogue.js';

/** One catalogue keyword, analysed the same way as the requests it is matched against. */
interface CompiledKeyword {
  readonly category: string;
  readonly keyword: string;
  /** Content stems in order (stop words out): "carte d'identité" -> [carte, identit]. */
  readonly stems: readonly string[];
  /** A one-word keyword written with accents ("marché"): in a text that uses accents, an unaccented word ("marche") is another word. */
  readonly needsAccent: boolean;
  /** Evidence it brings when matched: phrases weigh more, keywords often seen elsewhere less. */
  readonly weight: number;
}

export interface KeywordRules {
  readonly keywords: readonly CompiledKeyword[];
  readonly sideWeight: number;
}

export interface KeywordRuleTuning {
  /** Evidence of a one-word keyword. */
  readonly wordWeight: number;
  /** Evidence per word of a phrase (a two-word phrase weighs 2 x this). */
  readonly phraseWordWeight: number;
  /**
   * Prior belief that a keyword match means its category, as pseudo-counts (hits, misses);
   * the training requests then say how often it really does.
   */
  readonly priorHits: number;
  readonly priorMisses: number;
  /** Share of its weight a keyword keeps when all its words are setting words ("devant la piscine"). */
  readonly sideWeight: number;
}

export const DEFAULT_KEYWORD_RULE_TUNING: KeywordRuleTuning = {
  wordWeight: 0.7,
  phraseWordWeight: 0.5,
  priorHits: 3,
  priorMisses: 1,
  sideWeight: 0.35,
};

interface Match {
  readonly keyword: CompiledKeyword;
  /** Indexes of the matched words in the text's content words. */
  readonly start: number;
  readonly end: number;
  /** Every matched word is a setting word. */
  readonly side: boolean;
}

/** Content words in order, with the segment each belongs to (phrases never span two segments). */
function contentWords(text: AnalysedText): Array<TextWord & { segment: number }> {
  return text.segments.flatMap((segment, index) =>
    segment.filter((w) => !w.stop).map((w) => ({ ...w, segment: index })),
  );
}

/**
 * Where each keyword matches: a phrase in order, at most one extra word between two of its
 * words ("carte nationale d'identité"), within one segment; a one-word keyword on its stem,
 * except that an accented keyword does not match an unaccented word in a text whose writer
 * uses accents ("la lumière ne marche pas" is not about "marché").
 */
function findMatches(rules: KeywordRules, text: AnalysedText): Match[] {
  const words = contentWords(text);
  const byStem = new Map<string, number[]>();
  words.forEach((w, i) => {
    const list = byStem.get(w.stem);
    if (list) list.push(i);
    else byStem.set(w.stem, [i]);
  });
  const matches: Match[] = [];
  for (const keyword of rules.keywords) {
    const starts = byStem.get(keyword.stems[0]!);
    if (!starts) continue;
    for (const start of starts) {
      if (keyword.stems.length === 1) {
        if (keyword.needsAccent && text.usesAccents && /^[a-z0-9]*$/.test(words[start]!.accented)) continue;
        matches.push({ keyword, start, end: start, side: words[start]!.side });
        break;
      }
      let at = start;
      let ok = true;
      let side = words[start]!.side;
      for (let j = 1; j < keyword.stems.length && ok; j++) {
        const next = [at + 1, at + 2].find(
          (i) => words[i]?.stem === keyword.stems[j] && words[i]!.segment === words[start]!.segment,
        );
        if (next === undefined) ok = false;
        else {
          at = next;
          side &&= words[at]!.side;
        }
      }
      if (ok) {
        matches.push({ keyword, start, end: at, side });
        break;
      }
    }
  }
  // A phrase outweighs the single words inside it: "abonnement médiathèque" is not a parking
  // subscription, so a one-word keyword of another category within a matched phrase is dropped.
  const phrases = matches.filter((m) => m.keyword.stems.length > 1);
  return matches.filter(
    (m) =>
      m.keyword.stems.length > 1 ||
      !phrases.some((p) => p.keyword.category !== m.keyword.category && p.start <= m.start && m.end <= p.end),
  );
}

/**
 * Compiles the catalogue's keywords. With training requests, each keyword's weight is scaled
 * by how often a request it matches belongs to its category (a side word such as "salle" or
 * "ligne" that turns up everywhere stops driving the choice). Pure: cross-validation compiles
 * the rules inside each fold, from the training part only.
 */
export function compileKeywordRules(
  catalogue: ServiceCatalogue,
  examples: Iterable<{ readonly text: string | AnalysedText; readonly category: string }> = [],
  tuning: KeywordRuleTuning = DEFAULT_KEYWORD_RULE_TUNING,
): KeywordRules {
  const raw: Array<Omit<CompiledKeyword, 'weight'>> = [];
  const seen = new Set<string>();
  for (const service of catalogue.services) {
    for (const category of service.categories) {
      for (const keyword of category.keywords) {
        const words = analyseText(keyword).segments.flat();
        const content = words.filter((w) => !w.stop);
        const stems = content.map((w) => w.stem);
        const key = `${category.id}|${stems.join(' ')}`;
        if (stems.length === 0 || seen.has(key)) continue;
        seen.add(key);
        const needsAccent = content.length === 1 && /[^a-z0-9]/.test(content[0]!.accented);
        raw.push({ category: category.id, keyword, stems, needsAccent });
      }
    }
  }
  const hits = new Map<string, { matched: number; right: number }>();
  const draft: KeywordRules = { keywords: raw.map((k) => ({ ...k, weight: 1 })), sideWeight: tuning.sideWeight };
  for (const example of examples) {
    const analysed = typeof example.text === 'string' ? analyseText(example.text) : example.text;
    for (const match of findMatches(draft, analysed)) {
      const key = `${match.keyword.category}|${match.keyword.keyword}`;
      const count = hits.get(key) ?? { matched: 0, right: 0 };
      count.matched += 1;
      if (match.keyword.category === example.category) count.right += 1;
      hits.set(key, count);
    }
  }
  return {
    sideWeight: tuning.sideWeight,
    keywords: raw.map((k) => {
      const count = hits.get(`${k.category}|${k.keyword}`) ?? { matched: 0, right: 0 };
      const reliability = (count.right + tuning.priorHits) / (count.matched + tuning.priorHits + tuning.priorMisses);
      const base = k.stems.length === 1 ? tuning.wordWeight : tuning.phraseWordWeight * k.stems.length;
      return { ...k, weight: base * reliability };
    }),
  };
}

/** Keyword evidence per category (each keyword counted once). Empty when no keyword matches. */
export function keywordScores(rules: KeywordRules, text: string | AnalysedText): Map<string, number> {
  const analysed = typeof text === 'string' ? analyseText(text) : text;
  const scores = new Map<string, number>();
  for (const { keyword, side } of findMatches(rules, analysed)) {
    const weight = side ? keyword.weight * rules.sideWeight : keyword.weight;
    scores.set(keyword.category, (scores.get(keyword.category) ?? 0) + weight);
  }
  return scores;
}

/** The keyword evidence as a distribution over the matched categories, best first. */
export function matchKeywordRules(rules: KeywordRules, text: string): CategoryProbability[] {
  const scores = keywordScores(rules, text);
  const total = [...scores.values()].reduce((sum, s) => sum + s, 0);
  return [...scores.entries()]
    .map(([category, score]) => ({ category, probability: score / total }))
    .sort((a, b) => b.probability - a.probability || a.category.localeCompare(b.category));
}
