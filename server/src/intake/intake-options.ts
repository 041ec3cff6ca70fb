import type { IrisConfig } from '../config/iris-config.js';

/** Everything the intake channels and routing read from the configuration. */
export interface IntakeOptions {
  /** The one city address mail is accepted for (case-folded). */
  readonly cityAddress: string;
  readonly smtp: {
    readonly enabled: boolean;
    readonly port: number;
    readonly host: string;
    readonly maxMessageBytes: number;
  };
  readonly attachmentMaxBytes: number;
  readonly smtpRelayUrl: string | undefined;
  readonly sms: {
    readonly webhookSecret: string | undefined;
    /** A signed webhook older or newer than this is refused as a replay. */
    readonly signatureWindowSeconds: number;
    readonly providerUrl: string | undefined;
    readonly providerToken: string | undefined;
    readonly sender: string;
  };
  readonly autoRouteThreshold: number;
}

export const INTAKE_OPTIONS = Symbol('IRIS_INTAKE_OPTIONS');

export function intakeOptionsFromConfig(config: IrisConfig): IntakeOptions {
  return {
    cityAddress: config.intakeEmailAddress.trim().toLowerCase(),
    smtp: {
      enabled: config.smtpEnabled,
      port: config.smtpPort,
      host: config.smtpHost,
      maxMessageBytes: config.smtpMaxMessageBytes,
    },
    attachmentMaxBytes: config.attachmentMaxBytes,
    smtpRelayUrl: config.smtpRelayUrl,
    sms: {
      webhookSecret: config.smsWebhookSecret,
      signatureWindowSeconds: 300,
      providerUrl: config.smsProviderUrl,
      providerToken: config.smsProviderToken,
      sender: config.smsSender,
    },
    autoRouteThreshold: config.routingAutoThreshold,
  };
}
