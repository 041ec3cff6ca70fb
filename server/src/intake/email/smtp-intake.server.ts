import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { INTAKE_OPTIONS, type IntakeOptions } from '../intake-options.js';
import { EmailIntakeService } from './email-intake.service.js';
import { EmailRejection } from './email-rejection.js';
import { IntakeRejections } from '../intake-rejections.js';

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * The built-in SMTP server the city's relay pushes mail to (no polling: a message is a
 * request the moment it arrives). It accepts mail for the one city address only, refuses
 * oversized messages with 552 and bad content with 554 before replying, and answers 250
 * only once the request is stored; if storing fails it answers 451 so the relay retries.
 */
@Injectable()
export class SmtpIntakeServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SmtpIntakeServer.name);
  private server: SMTPServer | null = null;

  constructor(
    @Inject(EmailIntakeService) private readonly intake: EmailIntakeService,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
    @Inject(IntakeRejections) private readonly rejections: IntakeRejections,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.smtp.enabled) return;
    try {
      await this.start();
    } catch (error) {
      // Not fatal: the rest of IRIS (calls, desk, other channels) keeps running; the relay
      // queues mail meanwhile. The error says what to change.
      const { host, port } = this.options.smtp;
      this.logger.error(
        `SMTP intake NOT running: cannot listen on ${host}:${port} (${error instanceof Error ? error.message : String(error)}); set SMTP_PORT, or SMTP_ENABLED=false`,
      );
    }
  }

  /** Whether mail can be received right now (for health checks). */
  isListening(): boolean {
    return this.server !== null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** The port actually listened on (useful with SMTP_PORT=0), null when stopped. */
  port(): number | null {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address?.port ?? null;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const { maxMessageBytes, port, host } = this.options.smtp;
    const server = new SMTPServer({
      name: this.options.cityAddress.split('@')[1] ?? 'iris',
      banner: 'IRIS - accueil unique de la mairie',
      size: maxMessageBytes,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (address.address.trim().toLowerCase() !== this.options.cityAddress) {
          this.rejections.record('email', 'recipient');
          callback(smtpError(550, `5.1.1 Destinataire inconnu / unknown recipient: ${address.address}`));
          return;
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        this.collect(stream)
          .then((raw) => {
            if (stream.sizeExceeded)
              throw new EmailRejection(
                'too_large',
                552,
                '5.3.4',
                `Message trop volumineux / message too large (max ${maxMessageBytes} bytes)`,
              );
            return this.intake.receive(raw);
          })
          .then(
            (result) =>
              callback(null, `2.0.0 Demande ${result.reference} ${result.joinedThread ? 'complétée' : 'enregistrée'}`),
            (error: unknown) => {
              if (error instanceof EmailRejection) {
                this.rejections.record('email', error.reason);
                this.logger.warn(`email refused (${error.responseCode}): ${error.message}`);
                callback(smtpError(error.responseCode, `${error.enhancedCode} ${error.message}`));
              } else {
                this.logger.error(
                  `email intake failed, the relay will retry: ${error instanceof Error ? error.message : String(error)}`,
                );
                callback(
                  smtpError(451, '4.3.0 Erreur temporaire, réessayer plus tard / temporary failure, try again later'),
                );
              }
            },
          );
      },
    });
    server.on('error', (error) => this.logger.error(`SMTP server: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`SMTP intake listening on ${host}:${this.port()} for ${this.options.cityAddress}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Reads the whole DATA stream (smtp-server keeps counting past the limit and flags sizeExceeded). */
  private collect(stream: SMTPServerDataStream): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      stream.on('data', (chunk: Buffer) => {
        // Past the limit the bytes are drained, not kept: an oversized message costs no memory.
        if (kept <= this.options.smtp.maxMessageBytes) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', reject);
    });
  }
}
