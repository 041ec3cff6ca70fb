import { en } from './en.js';
import { fr } from './fr.js';
import type { MessageKey, Messages } from './fr.js';
import type { Message } from './message.js';
import type { Locale } from '../format/french-format.js';

export type { MessageKey, Messages };
export const MESSAGES: Record<Locale, Messages> = { fr, en };

export type MessageParams = Readonly<Record<string, string | number>>;

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralRulesOf(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** The form of a message for these parameters: plural forms are chosen by `count`. */
export function messageText(locale: Locale, message: Message, params?: MessageParams): string {
  if (typeof message === 'string') return message;
  const count = Number(params?.count ?? NaN);
  if (!Number.isFinite(count)) return message.other;
  const category = pluralRulesOf(locale).select(count);
  return (category === 'one' ? message.one : undefined) ?? message.other;
}

/** Looks a key up and fills `{name}` placeholders; an unknown placeholder stays visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = messageText(locale, MESSAGES[locale][key], params);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
