import { MESSAGES, translate } from './translate.js';

describe('messages', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.fr).sort());
    for (const locale of ['fr', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[locale]))
        expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(MESSAGES.fr) as (keyof typeof MESSAGES.fr)[]) {
      expect([key, placeholders(MESSAGES.en[key])]).toEqual([key, placeholders(MESSAGES.fr[key])]);
    }
  });

  it('speaks French by default with the mode names of the front office', () => {
    expect(
      ['phone', 'desk', 'mail', 'break', 'offline'].map((m) => translate('fr', `mode.${m}` as 'mode.phone')),
    ).toEqual(['Téléphone', 'Accueil', 'Courrier', 'Pause', 'Hors ligne']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('fr', 'feed.interruptedSince', { time: '14:03:27' })).toBe('Flux interrompu depuis 14:03:27');
    expect(translate('en', 'feed.interruptedSince')).toBe('Feed interrupted since {time}');
  });
});
