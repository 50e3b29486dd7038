/**
 * Real-time playback, kept out of the deterministic core: requestAnimationFrame turns wall-clock
 * frames into simulated milliseconds (times the speed) and hands them to `advance`.
 */

/** Longest frame gap counted (a background tab must not jump minutes ahead when it comes back). */
const MAX_FRAME_MS = 250;

export class Player {
  /** Simulated ms per wall-clock ms. */
  speed = 1;
  private frame: number | undefined;
  private last: number | undefined;

  /** `advance(simMs)` moves the view on; it returns false to stop playing (the end is reached). */
  constructor(
    private readonly advance: (simMs: number) => boolean,
    private readonly onChange: (playing: boolean) => void,
  ) {}

  get playing(): boolean {
    return this.frame !== undefined;
  }

  play(): void {
    if (this.playing) return;
    this.last = undefined;
    this.frame = requestAnimationFrame(this.tick);
    this.onChange(true);
  }

  pause(): void {
    if (this.frame === undefined) return;
    cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.onChange(false);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  private readonly tick = (ts: number): void => {
    const dt = this.last === undefined ? 0 : Math.min(MAX_FRAME_MS, ts - this.last);
    this.last = ts;
    if (!this.advance(dt * this.speed)) {
      this.frame = undefined;
      this.onChange(false);
      return;
    }
    this.frame = requestAnimationFrame(this.tick);
  };
}
