import type { TelephonyLinkView } from '@iris/shared';

/** The AMI link as screens show it; provided by the telephony module (or "disabled"). */
export interface TelephonyLink {
  view(): TelephonyLinkView;
  /** Called when the link state changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export const TELEPHONY_LINK = Symbol('IRIS_TELEPHONY_LINK');
