import { translate } from './translate.js';
import type { MessageKey, MessageParams } from './translate.js';
import type { Locale } from '../format/french-format.js';

const STORAGE_KEY = 'iris.locale';

/** The interface language: French unless the user switched; remembered on this browser. */
class I18n {
  locale = $state<Locale>(readStoredLocale());

  t = (key: MessageKey, params?: MessageParams): string => translate(this.locale, key, params);

  toggle(): void {
    this.set(this.locale === 'fr' ? 'en' : 'fr');
  }

  set(locale: Locale): void {
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private browsing may refuse storage: the switch still works for this page.
    }
  }
}

function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export const i18n = new I18n();
