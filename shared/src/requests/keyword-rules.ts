import { frenchTokens } from './french-tokens.js';
import type { CategoryProbability } from './naive-bayes.js';
import type { ServiceCatalogue } from './service-catalogue.js';

/** One catalogue keyword, tokenised the same way as the requests it is matched against. */
interface CompiledKeyword {
  readonly category: string;
  readonly tokens: readonly string[];
}

export interface KeywordRules {
  readonly keywords: readonly CompiledKeyword[];
}

export function compileKeywordRules(catalogue: ServiceCatalogue): KeywordRules {
  const keywords: CompiledKeyword[] = [];
  for (const service of catalogue.services) {
    for (const category of service.categories) {
      for (const keyword of category.keywords) {
        const tokens = frenchTokens(keyword);
        if (tokens.length > 0) keywords.push({ category: category.id, tokens });
      }
    }
  }
  return { keywords };
}

function containsPhrase(text: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= text.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (text[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Keyword evidence per category: a matched phrase of n words weighs n ("carte d'identité"
 * says more than "carte"). Empty when no keyword matches.
 */
export function keywordScores(rules: KeywordRules, text: string): Map<string, number> {
  const tokens = frenchTokens(text);
  const scores = new Map<string, number>();
  for (const keyword of rules.keywords) {
    if (containsPhrase(tokens, keyword.tokens)) {
      scores.set(keyword.category, (scores.get(keyword.category) ?? 0) + keyword.tokens.length);
    }
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
