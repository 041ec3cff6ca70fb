import type { PostalAddress } from './postal-address.js';

/** What an intake channel knows about who wrote or called; every part is optional. */
export interface IdentityClues {
  readonly fullName?: string;
  /** Any French or international form; normalised to E.164 before matching. */
  readonly phone?: string;
  readonly email?: string;
  readonly address?: PostalAddress;
}

/** The shared citizen record ("fiche citoyen") as every service sees it. */
export interface CitizenRecord {
  readonly citizenId: string;
  readonly fullName: string | null;
  /** E.164 numbers. */
  readonly phones: readonly string[];
  /** Case-folded addresses. */
  readonly emails: readonly string[];
  readonly addresses: readonly PostalAddress[];
  readonly createdAt: number;
  /** Set while this record is merged into another one (reversible). */
  readonly mergedInto: string | null;
  /** Records merged into this one (still kept, each with its own history). */
  readonly mergedFrom: readonly string[];
}

/** A likely duplicate suggested to a person, never merged automatically. */
export interface DuplicateSuggestion {
  readonly citizenId: string;
  /** 0..1: how likely it is the same person. */
  readonly score: number;
  /** Why, in words a supervisor can check ("même téléphone", "nom proche + même adresse"). */
  readonly reasons: readonly string[];
}
