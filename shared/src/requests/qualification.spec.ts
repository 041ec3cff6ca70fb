import { addWorkingDays } from './deadlines.js';
import { parisWallClockToEpoch } from '../kpi/paris-time.js';
import { findRequestReference, formatRequestReference } from './request.js';
import { analyseText, frenchTokens } from './french-tokens.js';
import { classify, learn, textFeatures, trainModel } from './naive-bayes.js';
import { compileKeywordRules, keywordScores, matchKeywordRules } from './keyword-rules.js';
import { suggestCategory, trainQualifier } from './qualification.js';
import { calibrate, fitIsotonic, reliabilityTable } from './calibration.js';
import { crossValidate } from './qualification-evaluation.js';
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
  it('drops politeness, folds accents and stems word forms with Snowball', () => {
    expect(frenchTokens('Bonjour, je voudrais des POUBELLES svp')).toEqual(['poubel']);
    expect(frenchTokens('poubelle')).toEqual(['poubel']);
    expect(frenchTokens('élaguer')).toEqual(frenchTokens('elaguer'));
    expect(frenchTokens('inscriptions')).toEqual(frenchTokens('inscription'));
  });
  it('reads synonyms and SMS shorthand as the word the catalogue uses', () => {
    expect(frenchTokens('le container est cassé')).toEqual(frenchTokens('la poubelle est cassée'));
    expect(frenchTokens('un réverbère')).toEqual(frenchTokens('un lampadaire'));
    expect(frenchTokens('bjr, pb de rdv')).toEqual(frenchTokens('probleme de rendez-vous'));
  });
  it('marks the setting of a request (a place, a street, an occasion) as side words', () => {
    const words = analyseText('Des tags devant la médiathèque, rue Pasteur').segments.flat();
    expect(words.filter((w) => w.side).map((w) => w.stem)).toEqual(frenchTokens('médiathèque pasteur'));
    expect(words.find((w) => w.stem === frenchTokens('tags')[0])?.side).toBe(false);
  });
});

describe('keyword rules', () => {
  const rules = compileKeywordRules(catalogue);
  it('match phrases whatever the accents, case and word forms', () => {
    expect(matchKeywordRules(rules, "Il y a des DEPOTS SAUVAGES dans l'impasse")[0]?.category).toBe('encombrants');
    expect(matchKeywordRules(rules, 'Je veux un extrait de naissance')[0]?.category).toBe('acte-naissance');
    expect(matchKeywordRules(rules, 'un extrait intégral de naissance')[0]?.category).toBe('acte-naissance');
  });
  it('say nothing when no keyword is present', () => {
    expect(matchKeywordRules(rules, 'Quels sont vos horaires ?')).toEqual([]);
  });

  const market: ServiceCatalogue = {
    services: [
      {
        id: 'commerce',
        name: 'Commerce',
        pole: 'Économie',
        responseDays: 5,
        categories: [{ id: 'marches', label: 'Marchés', keywords: ['marché'] }],
      },
      {
        id: 'stationnement',
        name: 'Stationnement',
        pole: 'Mobilité',
        responseDays: 5,
        categories: [{ id: 'carte-resident', label: 'Cartes résident', keywords: ['abonnement'] }],
      },
      {
        id: 'mediatheques',
        name: 'Médiathèques',
        pole: 'Culture',
        responseDays: 5,
        categories: [{ id: 'mediatheque', label: 'Médiathèque', keywords: ['abonnement médiathèque', 'livre'] }],
      },
    ],
  };
  const marketRules = compileKeywordRules(market);
  it('do not read "marche" as "marché" when the writer uses accents, but do in an unaccented SMS', () => {
    expect(keywordScores(marketRules, 'La lumière ne marche plus depuis hier').size).toBe(0);
    expect(matchKeywordRules(marketRules, 'Le marché de la place est déplacé ?')[0]?.category).toBe('marches');
    expect(matchKeywordRules(marketRules, 'le marche du samedi est deplace ?')[0]?.category).toBe('marches');
  });
  it('weigh a phrase over the single words inside it', () => {
    expect(matchKeywordRules(marketRules, 'Je renouvelle mon abonnement médiathèque')).toEqual([
      { category: 'mediatheque', probability: 1 },
    ]);
  });
  it('weigh a keyword by how often the training requests it matches belong to its category', () => {
    const learnt = compileKeywordRules(market, [
      { text: 'un livre abîmé', category: 'mediatheque' },
      { text: 'livre de recettes du marché de Noël', category: 'marches' },
      { text: 'un livre pour le marché', category: 'marches' },
      { text: 'livre et stand au marché', category: 'marches' },
    ]);
    const before = keywordScores(marketRules, 'un livre').get('mediatheque')!;
    const after = keywordScores(learnt, 'un livre').get('mediatheque')!;
    expect(after).toBeLessThan(before);
    expect(keywordScores(learnt, 'le marché').get('marches')!).toBeGreaterThan(
      keywordScores(marketRules, 'le marché').get('marches')!,
    );
  });
  it('count a keyword that only names the setting less than one that names the subject', () => {
    const subject = keywordScores(marketRules, 'un livre perdu').get('mediatheque')!;
    const setting = keywordScores(marketRules, 'un sac perdu lors de la fête du livre').get('mediatheque')!;
    expect(setting).toBeLessThan(subject);
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
    const text = 'livret de famille perdu avant le mariage';
    const before = classify(model, text).find((p) => p.category === 'acte-naissance')!.probability;
    learn(model, text, 'acte-naissance');
    const after = classify(model, text).find((p) => p.category === 'acte-naissance')!.probability;
    expect(after).toBeGreaterThan(before);
  });

  it('counts word pairs beside words, and each once', () => {
    const features = textFeatures('bac jaune, bac jaune');
    expect([...features.keys()]).toEqual([...frenchTokens('bac jaune'), frenchTokens('bac jaune').join('+')]);
  });
});

describe('suggestions', () => {
  const requests = [
    { text: 'copie intégrale acte de naissance pour mon passeport', category: 'acte-naissance' },
    { text: 'extrait de naissance avec filiation pour un mariage', category: 'acte-naissance' },
    { text: 'vieux matelas abandonné sur le trottoir', category: 'encombrants' },
    { text: 'enlèvement d’un canapé et d’un frigo', category: 'encombrants' },
  ];
  it('blend rules and classifier, with the next best categories and their probabilities', () => {
    const suggestion = suggestCategory(trainQualifier(catalogue, requests), 'Dépôt sauvage de matelas rue Diderot');
    expect(suggestion?.category).toBe('encombrants');
    expect(suggestion?.method).toBe('rules');
    expect(suggestion!.confidence).toBeGreaterThan(0.5);
    expect(suggestion!.alternatives.map((a) => a.category)).toEqual(['acte-naissance']);
    expect(suggestion!.confidence + suggestion!.alternatives[0]!.probability).toBeCloseTo(1, 2);
  });
  it('are null when no word is known', () => {
    expect(suggestCategory(trainQualifier(catalogue, requests), 'zzz qqq')).toBeNull();
  });
});

describe('calibration', () => {
  it('maps raw scores to the observed share right, never decreasing', () => {
    const outcomes = [
      ...Array.from({ length: 40 }, (_, i) => ({ score: 0.3 + i * 0.001, right: i % 2 === 0 })),
      ...Array.from({ length: 40 }, (_, i) => ({ score: 0.9 + i * 0.001, right: i % 10 !== 0 })),
    ];
    const calibration = fitIsotonic(outcomes);
    expect(calibrate(calibration, 0.32)).toBeCloseTo(0.5, 1);
    expect(calibrate(calibration, 0.92)).toBeCloseTo(0.9, 1);
    expect(calibrate(calibration, 0.6)).toBeGreaterThan(calibrate(calibration, 0.32));
    for (let i = 1; i < calibration.rates.length; i++)
      expect(calibration.rates[i]!).toBeGreaterThanOrEqual(calibration.rates[i - 1]!);
  });
  it('tells stated confidence from observed accuracy per bin', () => {
    const table = reliabilityTable([
      { score: 0.85, right: true },
      { score: 0.86, right: false },
      { score: 0.97, right: true },
    ]);
    expect(table).toEqual([
      { from: 0.8, to: 0.9, count: 2, meanConfidence: 0.855, accuracy: 0.5 },
      { from: 0.95, to: 1, count: 1, meanConfidence: 0.97, accuracy: 1 },
    ]);
  });
});

describe('cross-validation', () => {
  it('learns nothing from the test fold: a word seen only in a test request is unknown to its fold', () => {
    // The only request with "fiscalité" is in fold 0; if the folds leaked, the keyword-less
    // request would be found through the word learnt from itself.
    const requests = [
      { text: 'fiscalité locale trop lourde', category: 'acte-naissance' },
      ...Array.from({ length: 9 }, (_, i) => ({
        text: `matelas numéro ${i} sur le trottoir`,
        category: 'encombrants',
      })),
    ];
    const result = crossValidate(catalogue, requests, 5, 0.9);
    expect(result.examples).toBe(10);
    expect(result.categoryAccuracy).toBeCloseTo(0.9, 5);
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
