import { admit, type WindowLimit } from '../services/sliding-window';

/** The share of the read budget that background reads leave to reads made inside a turn. */
const TURN_RESERVE = 0.2;

/**
 * Intune's limit on any request (1,000 per 20 s for one calling application), kept by this
 * instance for its reads: writes have their own budget (the write rate, shared by the
 * instances), so reads get what the writes leave, split evenly between the instances. Every
 * attempt of a read takes a place before it leaves, a JSON `$batch` one per inner request.
 * Background reads (the assignment's reads, the catalog) leave a fifth of the window to reads
 * made inside a turn, so a search or a click is not queued behind a burst of approvals.
 */
export class ReadBudget {
  private log: number[] = [];

  constructor(
    private readonly window: WindowLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves true once `places` may leave; false, without taking them, when they could not leave
   * before `deadline` (a turn's), which is what marks a read as made inside a turn.
   */
  async take(places: number, deadline?: number): Promise<boolean> {
    const limit =
      deadline === undefined
        ? Math.max(1, Math.floor(this.window.limit * (1 - TURN_RESERVE)))
        : this.window.limit;
    for (;;) {
      const admission = admit(this.log, this.now(), { ...this.window, limit }, places);
      if (admission.taken) {
        this.log = admission.log;
        return true;
      }
      if (deadline !== undefined && this.now() + admission.waitMs > deadline) return false;
      // Unref'd: a read queued for its place never keeps a stopping process alive.
      await new Promise((resolve) => setTimeout(resolve, admission.waitMs).unref());
    }
  }
}

/** How many requests a call carries: the inner requests of a JSON `$batch`, else one. */
export function placesOf(url: string, body: unknown): number {
  if (!/\/\$batch(\?|$)/.test(url)) return 1;
  try {
    const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { requests?: unknown };
    return Array.isArray(parsed.requests) ? Math.max(1, parsed.requests.length) : 1;
  } catch {
    return 1;
  }
}
