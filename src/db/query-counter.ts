/**
 * A Kysely plugin that counts the queries a piece of work runs (and how long
 * each took), so tests can hold pages to a fixed number of queries and a bench
 * can show where the time goes. Not installed in production.
 */
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** One query as the counter saw it. */
export interface CountedQuery {
  /** `select`, `insert`, `update`, `delete` or `raw`. */
  kind: string;
  /** The first table the query reads or writes, when it names one. */
  table: string | null;
  /** Milliseconds from compile to result. */
  ms: number;
}

/** A query-counting plugin with its tally. */
export interface QueryCounter extends KyselyPlugin {
  /** Queries seen since the last reset, in order. */
  readonly queries: readonly CountedQuery[];
  readonly count: number;
  reset(): void;
}

const KIND_OF: Record<string, string> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
  RawNode: 'raw',
};

// Walks the few node shapes that name a table; anything else reports no table.
function tableOf(node: OperationNode): string | null {
  const n = node as unknown as Record<string, unknown>;
  const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
  const candidate =
    (n.from as { froms?: unknown[] } | undefined)?.froms?.[0] ?? n.into ?? first(n.table) ?? first(n.from);
  let current = candidate as Record<string, unknown> | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.kind === 'IdentifierNode') return String(current.name);
    current = (current.table ?? current.node ?? current.identifier) as Record<string, unknown> | undefined;
  }
  return null;
}

/** Creates a counter; install it with `kysely.withPlugin(counter)`. */
export function createQueryCounter(): QueryCounter {
  let queries: CountedQuery[] = [];
  // Kysely also passes every subquery through transformQuery; only queries that return a result were run.
  const started = new WeakMap<object, { kind: string; table: string | null; at: number }>();
  return {
    get queries() {
      return queries;
    },
    get count() {
      return queries.length;
    },
    reset() {
      queries = [];
    },
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      started.set(args.queryId, {
        kind: KIND_OF[args.node.kind] ?? args.node.kind,
        table: tableOf(args.node),
        at: performance.now(),
      });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const start = started.get(args.queryId);
      if (start) queries.push({ kind: start.kind, table: start.table, ms: performance.now() - start.at });
      return args.result;
    },
  };
}
