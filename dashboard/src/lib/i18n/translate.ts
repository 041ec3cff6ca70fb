import { en } from './en.js';
import { fr } from './fr.js';
import type { MessageKey, Messages } from './fr.js';
import type { Locale } from '../format/french-format.js';

export type { MessageKey, Messages };
export const MESSAGES: Record<Locale, Messages> = { fr, en };

export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks a key up and fills `{name}` placeholders; an unknown placeholder stays visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = MESSAGES[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
