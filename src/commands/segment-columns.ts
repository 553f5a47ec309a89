/**
 * `segment`'s clients read by columns (the reader's `columnBatches`): no object and no string per
 * row, only the fields the segmentation needs. The same clients as `segmentClient` on each row of
 * `forEachRow` (a property test in test/segment-columns.test.ts compares both on random files).
 */
import { countsProspect, type SegmentBuilder } from '../core/segment.js';
import type { Maturity } from '../core/status.js';
import type { FieldSpec, TableReader } from '../io/read-table.js';

/** Whether the clients can be read by columns: every `--by` field is a text, status or maturity
 * (a `--by revenue` keys on the number as written: by rows). */
export function canSegmentByColumns(by: readonly string[], spec: ReadonlyMap<string, FieldSpec>): boolean {
  return by.every((f) => {
    const type = spec.get(f)?.type;
    return type === 'text' || type === 'status' || type === 'maturity';
  });
}

const MATURITIES: readonly string[] = ['arid', 'latent', 'active'];
/** Keys of a --by field below this are looked up in arrays (a status, a sector), others in a map. */
const SMALL_KEYS = 4096;

/**
 * Reads every client of `table` into `builder`, by columns. The segment key of a row is found
 * through a trie of the keys of its `by` fields (one map lookup per field), whose leaves hold the
 * builder's key id: the key's texts are looked at once per distinct key.
 */
export async function addClientsByColumns(
  table: TableReader,
  by: readonly string[],
  spec: ReadonlyMap<string, FieldSpec>,
  builder: SegmentBuilder,
): Promise<void> {
  const fields = [...new Set([...spec.keys(), ...by])].filter((f) => table.fieldColumns.has(f));
  const has = (f: string): boolean => table.fieldColumns.has(f);
  const hasStatus = builder.spec.hasStatus;
  // Per status key: whether it counts for maturity; per maturity key: its value.
  const prospectOf: number[] = [];
  const maturityOf: (Maturity | null)[] = [];
  // The trie: node * 2^26 + key + 1 -> the next node, or at the last field the builder's key id.
  // Node ids and keys stay below 2^26 for files of under 67 million rows; beyond, a string key.
  const trie = new Map<number | string, number>();
  /** Per node: its children by key + 1 (-1: none yet), for keys below SMALL_KEYS. */
  const nodeChildren: (Int32Array | undefined)[] = [];
  let nodes = 1;
  const step = (node: number, key: number): number | string =>
    node < 0x4000000 && key < 0x3ffffff ? node * 0x4000000 + key + 1 : `${node},${key}`;
  const count = by.length;
  const byKeys: Int32Array[] = new Array<Int32Array>(count);
  const keyTexts: (readonly string[])[] = by.map(() => []);
  const path: number[] = new Array<number>(count).fill(0);
  const nan = new Float64Array(0);
  const noKey = count === 0 ? builder.keyIdOf([]) : 0;
  // Per distinct spelling of a key (a leaf of the trie): the builder's key id, the texts and the
  // clients, so that each spelling is counted by its clients (the group shows the most frequent).
  const leafKeyIds: number[] = [];
  const leafTexts: (string | null)[][] = [];
  let leafClients = new Float64Array(64);
  for await (const batch of table.columnBatches(fields)) {
    for (let j = 0; j < count; j++) {
      byKeys[j] = batch.keys(by[j] as string);
      keyTexts[j] = table.keyTexts(by[j] as string);
    }
    const revenues = has('revenue') ? batch.numbers('revenue') : nan;
    const margins = has('margin') ? batch.numbers('margin') : nan;
    const statuses = hasStatus ? batch.keys('status') : undefined;
    const maturities = has('maturity') ? batch.keys('maturity') : undefined;
    const statusTexts = hasStatus ? table.keyTexts('status') : [];
    const maturityTexts = maturities === undefined ? [] : table.keyTexts('maturity');
    for (let i = 0; i < batch.length; i++) {
      let keyId = noKey;
      if (count > 0) {
        let node = 0;
        for (let j = 0; j < count; j++) {
          const key = (byKeys[j] as Int32Array)[i] as number;
          path[j] = key;
          // A node's children by key in an array (keys below SMALL_KEYS), else in the map.
          const small = key < SMALL_KEYS;
          let children = small ? nodeChildren[node] : undefined;
          if (small && (children === undefined || key + 1 >= children.length)) {
            const grown = new Int32Array(Math.min(SMALL_KEYS + 1, Math.max(16, (key + 2) * 2))).fill(-1);
            if (children !== undefined) grown.set(children);
            nodeChildren[node] = children = grown;
          }
          const at = small ? 0 : step(node, key);
          let next: number | undefined = small ? (children as Int32Array)[key + 1] : trie.get(at);
          if (next === -1) next = undefined;
          if (next === undefined) {
            if (j === count - 1) {
              const texts = path.map((k, f) =>
                k < 0 ? null : ((keyTexts[f] as readonly string[])[k] ?? null),
              );
              next = leafKeyIds.length;
              leafKeyIds.push(builder.keyIdOf(texts));
              leafTexts.push(texts);
              if (next === leafClients.length) {
                const grown = new Float64Array(next * 2);
                grown.set(leafClients);
                leafClients = grown;
              }
            } else {
              next = nodes++;
            }
            if (small) (children as Int32Array)[key + 1] = next;
            else trie.set(at, next);
          }
          node = next;
        }
        leafClients[node] = (leafClients[node] as number) + 1;
        keyId = leafKeyIds[node] as number;
      }
      let prospect = true;
      if (statuses !== undefined) {
        const s = statuses[i] as number;
        if (s < 0) {
          prospect = countsProspect({ status: null }, true);
        } else {
          let p = prospectOf[s];
          if (p === undefined)
            p = prospectOf[s] = countsProspect({ status: statusTexts[s] ?? null }, true) ? 1 : 0;
          prospect = p === 1;
        }
      }
      let maturity: Maturity | null = null;
      if (maturities !== undefined) {
        const m = maturities[i] as number;
        if (m >= 0) {
          let value = maturityOf[m];
          if (value === undefined) {
            const text = maturityTexts[m] ?? '';
            value = maturityOf[m] = MATURITIES.includes(text) ? (text as Maturity) : null;
          }
          maturity = value;
        }
      }
      builder.addById(
        keyId,
        revenues.length === 0 ? Number.NaN : (revenues[i] as number),
        margins.length === 0 ? Number.NaN : (margins[i] as number),
        prospect,
        maturity,
      );
    }
  }
  leafTexts.forEach((texts, leaf) => builder.countSpellings(texts, leafClients[leaf] as number));
}
