/**
 * History-API routing (the server answers every path with index.html). `navigate` pushes
 * a path; the back button works through popstate.
 */
class Router {
  path = $state(location.pathname);
  search = $state(location.search);

  constructor() {
    addEventListener('popstate', () => this.#sync());
  }

  navigate(to: string, options: { replace?: boolean } = {}): void {
    if (to === location.pathname + location.search) return;
    if (options.replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
    this.#sync();
  }

  /** For <a> click handlers: plain left clicks stay in the app, others (new tab) go to the browser. */
  follow = (event: MouseEvent): void => {
    const anchor = event.currentTarget as HTMLAnchorElement;
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    this.navigate(anchor.pathname + anchor.search);
  };

  #sync(): void {
    this.path = location.pathname;
    this.search = location.search;
  }
}

export const router = new Router();
