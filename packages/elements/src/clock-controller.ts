import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** `setTimeout` cannot wait longer than 2^31 ms; we re-check far sooner anyway. */
const MAX_WAIT_MS = 3_600_000;

/**
 * Renders an element again when time changes what it shows (a countdown, maintenance that is
 * about to start, "in 3 days" becoming "tomorrow"), without a timer per second. During an update
 * the element asks for the moments it cares about; after the update one timer is set for the
 * earliest.
 */
export class ClockController implements ReactiveController {
  private wanted = Number.POSITIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Asks for an update at `at` (epoch ms), if that is still to come. The earliest wins. */
  wakeAt(at: number): void {
    if (Number.isFinite(at) && at > Date.now() && at < this.wanted) this.wanted = at;
  }

  /** Asks for an update `ms` from now. */
  wakeIn(ms: number): void {
    this.wakeAt(Date.now() + ms);
  }

  hostUpdated(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const wanted = this.wanted;
    this.wanted = Number.POSITIVE_INFINITY;
    if (!Number.isFinite(wanted)) return;
    const wait = Math.min(Math.max(wanted - Date.now(), 0) + 50, MAX_WAIT_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
    }, wait);
  }

  hostDisconnected(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
