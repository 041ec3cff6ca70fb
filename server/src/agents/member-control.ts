/**
 * The queue-member actions the mode service needs from telephony (the TelephonyBridge has
 * them). Each resolves once Asterisk confirmed and rejects with a clear error otherwise.
 */
export interface MemberControl {
  pauseMember(request: { queue?: string; interface: string; reason: string }): Promise<unknown>;
  unpauseMember(request: { queue?: string; interface: string; reason?: string }): Promise<unknown>;
}

export const MEMBER_CONTROL = Symbol('IRIS_MEMBER_CONTROL');
