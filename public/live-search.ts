/**
 * @module Search as you type, for the page and the widget. A search starts once typing pauses, never while an input
 * method is composing (the pinyin `tuikuan` is not a question; the 退款 it commits is), and each search aborts the
 * one before it, so a superseded request neither costs the API more work nor paints stale results.
 */

/** What a search is handed: the signal that aborts its requests, and whether it is still the latest search. */
export interface SearchTurn {
  signal: AbortSignal;
  current(): boolean;
}

/**
 * Wires `input` to `search` with a `delayMs` pause and returns `now`, which starts a search at once (for a submit,
 * a chip, start-up). Composition events and `InputEvent.isComposing` hold searches back until the text is committed.
 */
export function liveSearch(input: HTMLInputElement, delayMs: number, search: (turn: SearchTurn) => Promise<void>): () => Promise<void> {
  let timer: number | undefined;
  let composing = false;
  let latest: AbortController | null = null;

  const now = (): Promise<void> => {
    window.clearTimeout(timer);
    latest?.abort();
    const mine = new AbortController();
    latest = mine;
    return search({ signal: mine.signal, current: () => latest === mine });
  };
  const afterPause = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void now(), delayMs);
  };
  const hold = () => window.clearTimeout(timer);

  input.addEventListener('compositionstart', () => {
    composing = true;
    hold();
  });
  input.addEventListener('compositionend', () => {
    composing = false;
    afterPause();
  });
  input.addEventListener('input', (ev) => (composing || (ev as InputEvent).isComposing ? hold() : afterPause()));
  return now;
}
