/**
 * The slice of `asterisk-manager` 0.2.0 (untyped CommonJS) that ami-connection.ts uses.
 * Nothing outside telephony/src/ami may import the package.
 */
declare module 'asterisk-manager' {
  interface ManagerEvent {
    readonly [header: string]: unknown;
  }
  interface AsteriskManager {
    connect(port: number, host: string, callback?: (error: unknown) => void): void;
    login(callback?: (error: ManagerEvent | undefined) => void): void;
    /** Keys are re-cased (first letter upper, rest lower); `actionid` sets the ActionID. Returns the ActionID. */
    action(action: Record<string, string>, callback?: (error: ManagerEvent | undefined, response: ManagerEvent) => void): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    on(event: string, listener: (...args: unknown[]) => void): void;
    removeAllListeners(event?: string): void;
  }
  function Manager(port?: number, host?: string, username?: string, password?: string, events?: boolean): AsteriskManager;
  export default Manager;
}
