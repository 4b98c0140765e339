// Which calls belong to one session: by an explicit session id, by chains of responses that name
// the previous one (OpenAI Responses' previous_response_id), else by the end user. Pure.

export interface SessionKeys {
  /** An explicit session or conversation id. */
  session?: string | undefined;
  /** This response's id, which a later call may name as its previous one. */
  responseId?: string | undefined;
  previousResponseId?: string | undefined;
  /** The end user: the last resort, since one user may hold several sessions. */
  user?: string | undefined;
}

export const GROUPINGS = ['session_id', 'response_chain', 'user', 'none'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface Sessions {
  /** Per call, the index of its session. */
  sessionOf: number[];
  /** Per call, what tied it to its session. */
  groupedBy: Grouping[];
  /** Calls in each session, by session index. */
  sizes: number[];
}

export function groupSessions(calls: readonly SessionKeys[]): Sessions {
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(node, root);
    return root;
  };
  const union = (a: string, b: string) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  // Calls, session ids and response ids are nodes; a call joins what it names.
  calls.forEach((c, i) => {
    const node = `call:${i}`;
    if (!parent.has(node)) parent.set(node, node);
    if (c.session !== undefined) union(node, `session:${c.session}`);
    if (c.responseId !== undefined) union(node, `response:${c.responseId}`);
    if (c.previousResponseId !== undefined) union(node, `response:${c.previousResponseId}`);
  });
  const componentSize = new Map<string, number>();
  calls.forEach((_, i) => {
    const root = find(`call:${i}`);
    componentSize.set(root, (componentSize.get(root) ?? 0) + 1);
  });
  const groupedBy: Grouping[] = calls.map((c, i) => {
    if (c.session !== undefined) return 'session_id';
    if (c.previousResponseId !== undefined || componentSize.get(find(`call:${i}`))! > 1) return 'response_chain';
    return c.user !== undefined ? 'user' : 'none';
  });
  // A call tied to nothing else falls back to its user (or stands alone).
  const keyOf = calls.map((c, i) => (groupedBy[i] === 'user' ? `user:${c.user}` : find(`call:${i}`)));
  const index = new Map<string, number>();
  const sizes: number[] = [];
  const sessionOf = keyOf.map((key) => {
    let at = index.get(key);
    if (at === undefined) {
      index.set(key, (at = sizes.length));
      sizes.push(0);
    }
    sizes[at]!++;
    return at;
  });
  return { sessionOf, groupedBy, sizes };
}
