/**
 * A text of the interface: a plain string with `{name}` placeholders, or plural forms chosen
 * by the `count` parameter with `Intl.PluralRules` ("1 personne", "3 personnes"): `other` is
 * required and serves every category a language has no form for (French `many`, say).
 */
export type PluralForms = { readonly one?: string; readonly other: string };
export type Message = string | PluralForms;

/** The other language's texts for a group: the same keys, a string where French has a string, plural forms where it has them. */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : PluralForms };
