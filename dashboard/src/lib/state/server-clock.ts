/**
 * The server's clock as seen from the browser. Waits and times in state are "now - a server
 * timestamp"; a PC whose clock is a minute off would show a minute of phantom wait, so we
 * keep the offset measured at the last snapshot (serverTime - local time on arrival).
 */
export function clockOffset(serverTime: number, localTimeAtArrival: number): number {
  return serverTime - localTimeAtArrival;
}

export function serverNow(localNow: number, offset: number): number {
  return localNow + offset;
}
