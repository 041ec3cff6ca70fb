/**
 * A ticking "now" for live durations (longest wait, time in state): one timer for the
 * whole page, running only while some screen holds it.
 */
class Clock {
  now = $state(Date.now());
  #holders = 0;
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Starts ticking; returns the release function (use it as an $effect's cleanup). */
  hold(): () => void {
    this.#holders += 1;
    if (this.#timer === null) {
      this.now = Date.now();
      this.#timer = setInterval(() => (this.now = Date.now()), 1000);
    }
    return () => {
      this.#holders -= 1;
      if (this.#holders === 0 && this.#timer !== null) {
        clearInterval(this.#timer);
        this.#timer = null;
      }
    };
  }
}

export const clock = new Clock();
