/**
 * What the main thread and the reading workers say to each other (src/io/parallel). Plain data
 * only: every message crosses a `postMessage`; typed arrays go as transferred buffers.
 */
import type { InputProblem } from '../../errors.js';
import type { PartConfig, PartWindow } from '../read-table.js';
import type { PartSum } from './part-reader.js';
import type { TotalsTask } from './part-totals.js';
import type { SplitPoint } from './split-points.js';

/**
 * Read part `part` (1, 2...): first count the quotes and line breaks of bytes
 * [stretchStart, stretchEnd) (the stretch before the part's window, after the one of the part
 * before) into `shared` (per part: a state, 1 when counted, -1 when it failed; its line breaks,
 * its quotes), then wait for the parts before to have counted theirs. The part starts after the
 * last line break outside quotes of the window at `window` (`windowBytes` long); it reads through
 * the window that ends at `end` (the next part starts in it), or to the end of the file (`last`).
 */
export interface PartJob {
  type: 'part';
  path: string;
  part: number;
  stretchStart: number;
  stretchEnd: number;
  shared: SharedArrayBuffer;
  window: number;
  windowBytes: number;
  end: number;
  last: boolean;
  config: PartConfig;
  fields: string[];
  /** Sum the part's orders per client and send only the totals (part-totals.ts); else send its
   * windows' batches. */
  task: TotalsTask | undefined;
  /** Say the worker's CPU time on stderr at the end (PROSPECT_TEST_THREADS_CPU). */
  cpu: boolean;
}

export type WorkerJob = PartJob;

/**
 * Where a part starts (after the last line break outside quotes of its window, by parity), once
 * it is known to be UTF-8; undefined when it has no such start or is not UTF-8.
 */
export interface StartMessage {
  type: 'start';
  part: number;
  start: SplitPoint | undefined;
}

/**
 * A part read: the record in progress where it ended (its bytes and line, `pending` undefined
 * after a CR), whether the decoding stayed UTF-8 without a note, the distinct texts per text
 * field; or the error that stopped it (a DataError's problems, to be thrown again as it was).
 */
export interface EndMessage {
  type: 'end';
  part: number;
  pending: number | undefined;
  line: number;
  clean: boolean;
  texts: number[];
  error: string | undefined;
  problems?: InputProblem[];
  /** With a task: the part's rejections, counts and totals. */
  sum?: PartSum;
}

/** Several windows in one message (a message costs more than its few arrays). */
export interface WindowsMessage {
  type: 'windows';
  windows: PartWindow[];
}

export type WorkerMessage = StartMessage | WindowsMessage | EndMessage;
