// A character trie for scanning a text once against many dictionary terms (place names, indicator terms,
// organisation names). One pass, longest match first: far cheaper than one indexOf per term.

interface Node<T> {
  next: Map<number, Node<T>>;
  value?: T;
}

export interface TrieMatch<T> {
  start: number;
  end: number;
  value: T;
}

export class Trie<T> {
  private readonly root: Node<T> = { next: new Map() };
  /** Root children indexed by UTF-16 code unit: one array read per text position instead of a Map get. */
  private readonly first: (Node<T> | undefined)[] = new Array(65536);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a term; an existing value for the same term is replaced via `merge` when given. */
  add(term: string, value: T, merge?: (prev: T, next: T) => T): void {
    if (!term) return;
    let node = this.root;
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map() };
        node.next.set(c, child);
      }
      node = child;
    }
    this.first[term.charCodeAt(0)] = this.root.next.get(term.charCodeAt(0));
    if (node.value === undefined) this.count++;
    node.value = node.value !== undefined && merge ? merge(node.value, value) : value;
  }

  get(term: string): T | undefined {
    let node: Node<T> | undefined = this.root;
    for (let i = 0; i < term.length && node; i++) node = node.next.get(term.charCodeAt(i));
    return node?.value;
  }

  /** The longest term starting at `pos`, if any. */
  longestAt(text: string, pos: number): TrieMatch<T> | undefined {
    let node: Node<T> | undefined = this.root;
    let best: TrieMatch<T> | undefined;
    for (let i = pos; i < text.length; i++) {
      node = node.next.get(text.charCodeAt(i));
      if (!node) break;
      if (node.value !== undefined) best = { start: pos, end: i + 1, value: node.value };
    }
    return best;
  }

  /** Non-overlapping longest matches scanning left to right. */
  scan(text: string, from = 0, to = text.length): TrieMatch<T>[] {
    const out: TrieMatch<T>[] = [];
    const first = this.first;
    for (let pos = from; pos < to; ) {
      let node = first[text.charCodeAt(pos)];
      if (node === undefined) {
        pos++;
        continue;
      }
      let end = node.value !== undefined ? pos + 1 : -1;
      let value = node.value;
      for (let i = pos + 1; i < to; i++) {
        node = node.next.get(text.charCodeAt(i));
        if (!node) break;
        if (node.value !== undefined) [end, value] = [i + 1, node.value];
      }
      if (end > 0) {
        out.push({ start: pos, end, value: value as T });
        pos = end;
      } else pos++;
    }
    return out;
  }
}
