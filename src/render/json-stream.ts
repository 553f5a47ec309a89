import { renderJson } from './json.js';

/** Characters of items held before they are written (about 2,000 clients with their breakdown). */
export const JSON_HOLD_CHARS = 4 * 1024 * 1024;

/**
 * A JSON document (as `renderJson` writes it) whose one long array, `key`, is written an item at a
 * time, so that a million clients are never one string (V8 caps a string at about 512 M
 * characters) nor a million objects.
 *
 * Items are held while they come to less than `holdChars` characters; when the document ends
 * before that, it is written exactly as `renderJson(document)` writes it, the array in its place.
 * Past that, the items are written as they come: the document's `lead` keys first (the ones known
 * before the items, in their order), then the array, then every other key. The document has the
 * same keys and values either way (JSON objects are unordered); only the order of its keys
 * differs, for large documents only.
 *
 * `write` receives pieces of the text in order; their concatenation is the document.
 */
export class JsonArrayStream {
  private held: string[] = [];
  private heldChars = 0;
  private count = 0;
  private head: string | undefined;
  private readonly marker: string;

  constructor(
    private readonly key: string,
    private readonly lead: () => Record<string, unknown>,
    private readonly write: (text: string) => void,
    private readonly holdChars = JSON_HOLD_CHARS,
  ) {
    // A top-level key at two spaces after a line break: a string value holds no raw line break.
    this.marker = `\n  ${JSON.stringify(key)}: []`;
  }

  /** Adds one item to the array. */
  add(item: unknown): void {
    // The item as `renderJson` indents it at depth 2 (4 spaces); JSON text has no raw line break
    // inside a string, so every line break is one of the layout's.
    const text = `    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}`;
    this.count++;
    if (this.head !== undefined) {
      this.write(`,\n${text}`);
      return;
    }
    this.held.push(text);
    this.heldChars += text.length;
    if (this.heldChars < this.holdChars) return;
    // From now on, the items go out as they come: the lead keys, the array opened, the items so far.
    this.head = this.split({ ...this.lead(), [this.key]: [] })[0];
    this.write(`${this.head}[\n${this.held.join(',\n')}`);
    this.held = [];
    this.heldChars = 0;
  }

  /**
   * Ends the document: `document` is the whole of it, its array `key` empty (the items added are
   * written in its place).
   */
  end(document: Record<string, unknown>): void {
    if (this.head === undefined) {
      const [before, after] = this.split(document);
      const items = this.count === 0 ? '[]' : `[\n${this.held.join(',\n')}\n  ]`;
      this.held = [];
      this.write(`${before}${items}${after}`);
      return;
    }
    const reordered: Record<string, unknown> = {};
    for (const k of Object.keys(this.lead())) reordered[k] = document[k];
    reordered[this.key] = [];
    for (const [k, v] of Object.entries(document)) if (!(k in reordered)) reordered[k] = v;
    const [before, after] = this.split(reordered);
    if (before !== this.head)
      throw new Error(`JsonArrayStream: the lead of the document changed after it was written`);
    this.write(`\n  ]${after}`);
  }

  /** The document's text before the array's `[` and after its `]` (the array rendered empty). */
  private split(document: Record<string, unknown>): [string, string] {
    const text = renderJson(document);
    const at = text.indexOf(this.marker);
    if (at < 0) throw new Error(`JsonArrayStream: no top-level "${this.key}" array in the document`);
    const open = at + this.marker.length - 2;
    return [text.slice(0, open), text.slice(open + 2)];
  }
}
