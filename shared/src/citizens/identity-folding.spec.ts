import { addressKey, foldStreet, parseAddressLine } from './postal-address.js';
import { jaroWinkler, nameKey, nameSimilarity } from './person-name.js';
import { foldText } from './text-folding.js';

describe('foldText', () => {
  it('folds accents, case, ligatures and punctuation', () => {
    expect(foldText("Hélène d'Aubigné-Cœur")).toBe('helene d aubigne coeur');
    expect(foldText('ÉLÉONORE  Müller')).toBe('eleonore muller');
  });
});

describe('nameKey', () => {
  it.each([
    ['Jean-Pierre Dupont', 'DUPONT Jean Pierre'],
    ['M. Jean-Pierre Dupont', 'jean pierre dupont'],
    ['Mme Hélène Lefèvre', 'LEFEVRE Helene'],
    ['Françoise N’Diaye', "francoise n'diaye"],
    ['Zoé Le Gall', 'LE GALL Zoe'],
  ])('%p and %p are one name', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it('keeps different people apart', () => {
    expect(nameKey('Jean Dupont')).not.toBe(nameKey('Jeanne Dupont'));
  });
});

describe('nameSimilarity', () => {
  it('is high for a typo or a swapped order, low for another person', () => {
    expect(nameSimilarity('Jean Dupont', 'Dupond Jean')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Nathalie Lefebvre', 'Nathalie Lefèvre')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Jean Dupont', 'Marie Martin')).toBeLessThan(0.6);
  });
  it('jaroWinkler gives the textbook value', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
  });
});

describe('addresses', () => {
  it.each([
    ['12 av. de la République', '12 avenue République'],
    ['12, Avenue de la REPUBLIQUE', '12 av republique'],
    ['3 bd Gambetta', '3 boulevard Gambetta'],
    ['5 bis r. du Général Leclerc', '5bis rue General Leclerc'],
    ['7 pl. de l’Église', '7 place Eglise'],
    ['18 all. des Tilleuls', '18 allée des tilleuls'],
    ['2 imp. St-Exupéry', '2 impasse Saint Exupery'],
  ])('%p and %p fold to one street', (a, b) => {
    expect(foldStreet(a)).toBe(foldStreet(b));
  });

  it('parses a one-line address and keys it with the postal code', () => {
    const parsed = parseAddressLine('12 av. de la République, 92130 Issy-les-Moulineaux');
    expect(parsed).toEqual({ street: '12 av. de la République', postalCode: '92130', city: 'Issy-les-Moulineaux' });
    expect(addressKey(parsed)).toBe(addressKey({ street: '12 avenue République', postalCode: '92 130' }));
    expect(addressKey(parsed)).not.toBe(addressKey({ street: '12 avenue République', postalCode: '75015' }));
  });
});
