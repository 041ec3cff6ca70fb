import { MESSAGE_GROUPS } from './fr.js';
import type { Message } from './message.js';
import { MESSAGES, messageText, translate } from './translate.js';

/** Every form of a message (one string, or each plural form). */
const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));

describe('messages', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.fr).sort());
    for (const locale of ['fr', 'en'] as const) {
      for (const [key, message] of Object.entries(MESSAGES[locale]))
        expect([key, forms(message).every((text) => text.trim().length > 0)]).toEqual([key, true]);
    }
  });

  it('defines each key in one group only (a later group would silently override it)', () => {
    const owners = new Map<string, string[]>();
    for (const [group, { fr }] of Object.entries(MESSAGE_GROUPS))
      for (const key of Object.keys(fr)) owners.set(key, [...(owners.get(key) ?? []), group]);
    expect([...owners].filter(([, groups]) => groups.length > 1)).toEqual([]);
  });

  it('uses the same placeholders in both languages, in every plural form', () => {
    const placeholders = (message: Message) =>
      [...new Set(forms(message).flatMap((t) => t.match(/\{\w+\}/g) ?? []))].sort();
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

  it('chooses plural forms by count with the language rules (French 0 and 1 are singular, English 0 is plural)', () => {
    const people = { one: '{count} personne', other: '{count} personnes' };
    expect([0, 1, 2, 1_000_000].map((count) => messageText('fr', people, { count }))).toEqual([
      '{count} personne',
      '{count} personne',
      '{count} personnes',
      '{count} personnes',
    ]);
    const callers = { one: '{count} caller', other: '{count} callers' };
    expect([0, 1, 2].map((count) => messageText('en', callers, { count }))).toEqual([
      '{count} callers',
      '{count} caller',
      '{count} callers',
    ]);
    expect(messageText('fr', people)).toBe('{count} personnes');
  });
});
