/**
 * The slice of `asterisk-manager` 0.2.0 (untyped CommonJS) that ami-connection.ts uses.
 * Typed here as a plain module (not an ambient declaration) so that every program compiling
 * the telephony sources, the server's included, sees the same types.
 * Nothing outside telephony/src/ami may use the package.
 */
export interface ManagerResponse {
  readonly [header: string]: unknown;
}

export interface AsteriskManager {
  connect(port: number, host: string, callback?: (error: unknown) => void): void;
  login(callback?: (error: ManagerResponse | undefined) => void): void;
  /** Keys are re-cased (first letter upper, rest lower); `actionid` sets the ActionID. Returns the ActionID. */
  action(
    action: Record<string, string>,
    callback?: (error: ManagerResponse | undefined, response: ManagerResponse) => void,
  ): string;
  disconnect(callback?: () => void): void;
  isConnected(): boolean;
  on(event: string, listener: (...args: unknown[]) => void): void;
  removeAllListeners(event?: string): void;
}

export type AsteriskManagerFactory = (
  port?: number,
  host?: string,
  username?: string,
  password?: string,
  events?: boolean,
) => AsteriskManager;
