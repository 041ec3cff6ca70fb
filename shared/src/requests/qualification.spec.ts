import { addWorkingDays } from './deadlines.js';
import { parisWallClockToEpoch } from '../kpi/paris-time.js';
import { findRequestReference, formatRequestReference } from './request.js';
import { frenchTokens } from './french-tokens.js';
import { classify, learn, trainModel } from './naive-bayes.js';
import { compileKeywordRules, matchKeywordRules } from './keyword-rules.js';
import { suggestCategory } from './qualification.js';
import { categoryServiceIndex, validateCatalogue, type ServiceCatalogue } from './service-catalogue.js';

const catalogue: ServiceCatalogue = {
  services: [
    {
      id: 'etat-civil',
      name: 'État civil',
      pole: 'Citoyenneté',
      responseDays: 5,
      categories: [
        { id: 'acte-naissance', label: 'Acte de naissance', keywords: ['acte de naissance', 'extrait de naissance'] },
      ],
    },
    {
      id: 'proprete',
      name: 'Propreté urbaine',
      pole: 'Cadre de vie',
      responseDays: 3,
      categories: [{ id: 'encombrants', label: 'Encombrants', keywords: ['encombrants', 'dépôt sauvage'] }],
    },
  ],
};

describe('request references', () => {
  it('formats and finds them in a reply subject', () => {
    expect(formatRequestReference(2026, 123)).toBe('IRIS-2026-000123');
    expect(findRequestReference('RE: Re: votre demande [IRIS-2026-000123]')).toBe('IRIS-2026-000123');
    expect(findRequestReference('tr: iris-2026-000042 suite')).toBe('IRIS-2026-000042');
    expect(findRequestReference('Demande IRIS 2026')).toBeNull();
  });
});

describe('frenchTokens', () => {
  it('drops politeness, folds and stems plurals', () => {
    expect(frenchTokens('Bonjour, je voudrais des POUBELLES svp')).toEqual(['poubell']);
    expect(frenchTokens('poubelle')).toEqual(['poubell']);
  });
});

describe('keyword rules', () => {
  const rules = compileKeywordRules(catalogue);
  it('match phrases whatever the accents and case', () => {
    expect(matchKeywordRules(rules, "Il y a un DEPOT SAUVAGE devant l'école")[0]?.category).toBe('encombrants');
    expect(matchKeywordRules(rules, 'Je veux un extrait de naissance')[0]?.category).toBe('acte-naissance');
  });
  it('say nothing when no keyword is present', () => {
    expect(matchKeywordRules(rules, 'Quels sont vos horaires ?')).toEqual([]);
  });
});

describe('naive Bayes', () => {
  const model = trainModel([
    { text: 'copie intégrale acte de naissance pour mon passeport', category: 'acte-naissance' },
    { text: 'extrait de naissance avec filiation pour un mariage', category: 'acte-naissance' },
    { text: 'vieux matelas abandonné sur le trottoir', category: 'encombrants' },
    { text: 'enlèvement d’un canapé et d’un frigo', category: 'encombrants' },
  ]);

  it('ranks the right category first with probabilities summing to 1', () => {
    const result = classify(model, 'un matelas et un canapé sur le trottoir');
    expect(result[0]?.category).toBe('encombrants');
    expect(result.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 9);
  });

  it('learns from a confirmed category', () => {
    const text = 'livret de famille perdu';
    const before = classify(model, text).find((p) => p.category === 'acte-naissance')!.probability;
    learn(model, text, 'acte-naissance');
    const after = classify(model, text).find((p) => p.category === 'acte-naissance')!.probability;
    expect(after).toBeGreaterThan(before);
  });

  it('suggests with rules and classifier blended', () => {
    const rules = compileKeywordRules(catalogue);
    const suggestion = suggestCategory(rules, model, 'Dépôt sauvage de matelas rue Diderot');
    expect(suggestion?.category).toBe('encombrants');
    expect(suggestion?.method).toBe('rules');
    expect(suggestion!.confidence).toBeGreaterThan(0.8);
  });
});

describe('catalogue validation', () => {
  it('accepts a sound catalogue and indexes categories', () => {
    expect(validateCatalogue(catalogue)).toEqual([]);
    expect(categoryServiceIndex(catalogue).get('encombrants')).toBe('proprete');
  });
  it('lists each problem in French', () => {
    const broken: ServiceCatalogue = {
      services: [
        { ...catalogue.services[0]!, responseDays: 0 },
        { ...catalogue.services[1]!, id: 'Propreté', categories: catalogue.services[0]!.categories },
      ],
    };
    expect(validateCatalogue(broken)).toEqual([
      'délai de réponse invalide pour etat-civil',
      'identifiant de service invalide : « Propreté »',
      'catégorie en double : acte-naissance',
    ]);
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend in Paris', () => {
    const friday = parisWallClockToEpoch(2026, 11, 27, 16, 0);
    expect(addWorkingDays(friday, 1)).toBe(parisWallClockToEpoch(2026, 11, 30, 16, 0));
    expect(addWorkingDays(friday, 5)).toBe(parisWallClockToEpoch(2026, 12, 4, 16, 0));
    const saturday = parisWallClockToEpoch(2026, 11, 28, 10, 0);
    expect(addWorkingDays(saturday, 1)).toBe(parisWallClockToEpoch(2026, 11, 30, 10, 0));
  });
});
