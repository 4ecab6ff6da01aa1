import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, TransactionOptions } from './transactions';

/**
 * The one way libraries write SQL.
 *
 *   sql`SELECT id FROM some_table WHERE edition_id = ${editionId} AND code = ${code}`
 *
 * Each interpolated value becomes a numbered parameter ($1, $2…), never text. An interpolated `Sql`
 * is spliced in with its own parameters renumbered, so statements are built from pieces:
 * `sql.and(...)` for optional filters, `sql.join(...)` for lists, `sql.set(...)` for PATCH updates.
 * `sql.identifier` and `sql.raw` are the only ways to put text in, and take only what the code chose
 * (a sort column from a whitelist), never what a client sent.
 *
 * The hot-path statements are named constants written with `:name` parameters (`sql.named`), compiled
 * once and bound per call.
 */
export class Sql {
  /** @internal: use the `sql` tag. `parts.length === values.length + 1`. */
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The statement's text with $n placeholders and its parameters in order. */
  compile(): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const text = this.render(values);
    return { text, values };
  }

  /** @internal: appends this statement's parameters to `values` and returns its text numbered after them. */
  protected render(values: unknown[]): string {
    let text = this.parts[0];
    for (let i = 0; i < this.values.length; i++) {
      const value = this.values[i];
      text += (value instanceof Sql ? (value as Sql & { render(v: unknown[]): string }).render(values) : `$${values.push(value)}`) + this.parts[i + 1];
    }
    return text;
  }
}

function sqlTag(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** Literal SQL text chosen by the code. Never pass it anything a client sent. */
function raw(text: string): Sql {
  return new Sql([text], []);
}

/** A column or table name (optionally `alias.column`), checked to be a plain lower-case identifier. */
function identifier(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return raw(name);
}

/** `pieces` joined by `separator` (a comma by default). */
function join(pieces: readonly Sql[], separator = ', '): Sql {
  if (pieces.length === 0) return raw('');
  const parts = ['', ...pieces.slice(1).map(() => separator), ''];
  return new Sql(parts, pieces);
}

/** The conditions that are present, joined with AND; `TRUE` when none is. Falsy entries are skipped. */
function and(conditions: ReadonlyArray<Sql | false | undefined | null | ''>): Sql {
  const present = conditions.filter((c): c is Sql => c instanceof Sql);
  return present.length ? join(present, ' AND ') : raw('TRUE');
}

/**
 * `column = value, …` for an UPDATE, from the entries of `changes` whose value is not undefined. Keys
 * are mapped to columns through `columns` (the whitelist), so a client's field name never reaches SQL.
 */
function set<K extends string>(changes: Partial<Record<K, unknown>>, columns: Record<K, string>): Sql {
  const pieces = (Object.keys(columns) as K[])
    .filter((key) => changes[key] !== undefined)
    .map((key) => sqlTag`${identifier(columns[key])} = ${changes[key]}`);
  return join(pieces);
}

/** A search text as a LIKE pattern matching it literally (`50%_off` finds only that). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text`, case and accents ignored: both folded by PostgreSQL's `fold()` (the
 * column holds folded text already, e.g. `search_text`), the text matched literally.
 */
function foldedContains(column: Sql, text: string): Sql {
  return sqlTag`${column} LIKE '%' || fold(${likeEscape(text.trim())}) || '%'`;
}

/** `(v1, v2, …)` for `IN` or a row value. Prefer `= ANY(${array})` for lists of one type. */
function list(values: readonly unknown[]): Sql {
  return sqlTag`(${join(values.map((v) => sqlTag`${v}`))})`;
}

const NAMED_PARAMETER = /(?<![:\w]):([a-zA-Z_][a-zA-Z0-9_]*)/g;

/**
 * Text already written with $1…$n and its values: a bound named statement, or a legacy positional one.
 * Spliced into a larger statement, its placeholders are shifted past the parameters before it.
 */
export class NumberedSql extends Sql {
  constructor(
    private readonly text: string,
    private readonly params: readonly unknown[],
  ) {
    super([text], []);
  }

  protected override render(values: unknown[]): string {
    const base = values.length;
    values.push(...this.params);
    return base === 0 ? this.text : this.text.replace(/\$(\d+)/g, (_, n: string) => `$${base + Number(n)}`);
  }
}

/**
 * A statement written with `:name` parameters (a `::cast` is left alone), compiled to $n once: each name
 * gets one number however often it appears, so PostgreSQL receives each value once.
 * `bind(params)` gives the `Sql` to run; a parameter missing from `params` is a programming error.
 */
export class NamedStatement<P extends Record<string, unknown>> {
  /** The distinct names, in the order of their numbers. */
  private readonly names: (keyof P & string)[] = [];
  private readonly numbered: string;

  constructor(readonly text: string) {
    this.numbered = text.replace(NAMED_PARAMETER, (_, name: keyof P & string) => {
      const index = this.names.indexOf(name);
      return `$${index >= 0 ? index + 1 : this.names.push(name)}`;
    });
  }

  bind(params: P): Sql {
    return new NumberedSql(
      this.numbered,
      this.names.map((name) => {
        if (!(name in params)) throw new Error(`SQL parameter :${name} not given`);
        return params[name];
      }),
    );
  }
}

function named<P extends Record<string, unknown>>(text: string): NamedStatement<P> {
  return new NamedStatement<P>(text);
}

export const sql = Object.assign(sqlTag, { raw, identifier, join, and, set, list, named, foldedContains, empty: raw('') });

/** Where a statement runs: the pool (a DataSource) or an open transaction (its EntityManager). */
export type Db = DataSource | EntityManager;

interface PgPoolLike {
  query(config: { text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs one statement and returns its rows, whatever the command (TypeORM's `query()` answers
 * `[rows, count]` for UPDATE and DELETE but `rows` for the rest). Outside a transaction the statement
 * goes straight to the driver's pg pool: hot paths such as the scan skip the query-runner bookkeeping.
 */
export async function rows<T = Record<string, unknown>>(db: Db, statement: Sql): Promise<T[]> {
  const { text, values } = statement.compile();
  if (db instanceof DataSource) {
    const pool = (db.driver as unknown as { master?: PgPoolLike }).master;
    if (pool) return (await pool.query({ text, values })).rows as T[];
  }
  const own = db instanceof DataSource ? db.createQueryRunner() : db.queryRunner ? undefined : db.connection.createQueryRunner();
  const runner = own ?? (db as EntityManager).queryRunner!;
  try {
    const result = await runner.query(text, values, true);
    return result.records as T[];
  } finally {
    if (own) await own.release();
  }
}

/** The one row the statement returns; more or fewer is a programming error (a 500), not a client's. */
export async function one<T = Record<string, unknown>>(db: Db, statement: Sql): Promise<T> {
  const found = await rows<T>(db, statement);
  if (found.length !== 1) throw new Error(`expected one row, got ${found.length}: ${statement.compile().text.slice(0, 120)}`);
  return found[0];
}

/** The first row, or undefined when there is none. */
export async function maybeOne<T = Record<string, unknown>>(db: Db, statement: Sql): Promise<T | undefined> {
  return (await rows<T>(db, statement))[0];
}

/** What a list answers: one page of items and the number of items on every page. */
export interface Paged<T> {
  items: T[];
  total: number;
}

/**
 * One page of `select`, ordered by `orderBy` (which names `select`'s output columns; end it with a
 * unique column so pages never overlap). The total comes with the page (`count(*) OVER ()`); a page
 * past the end has no row to carry it, so it is counted apart: every list reports its true total.
 */
export async function paged<T>(db: Db, select: Sql, page: { orderBy: Sql; limit: number; offset: number }): Promise<Paged<T>> {
  const found = await rows<T & { __total: string }>(
    db,
    sql`SELECT page.*, count(*) OVER () AS __total FROM (${select}) page ORDER BY ${page.orderBy} LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  if (found.length === 0 && page.offset > 0) {
    const { n } = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${select}) page`);
    return { items: [], total: n };
  }
  return { items: found.map(({ __total: _total, ...item }) => item as unknown as T), total: found.length ? Number(found[0].__total) : 0 };
}

/** A page cut from a list already whole in memory (a few halls, rooms or printers), by the same rule. */
export function pageOfList<T>(all: readonly T[], page: { limit: number; offset: number }): Paged<T> {
  return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
}

/**
 * Runs `work` in the caller's transaction when it has one, else in a new one (retried on serialization
 * failures and deadlocks): a service method that other services call inside their own transactions.
 */
export function withTransaction<T>(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  work: (manager: EntityManager) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  return manager ? work(manager) : inTransaction(dataSource, work, options);
}

/**
 * Runs a statement on a dedicated pg connection, outside the pool and any transaction: the few
 * statements that need one (LISTEN, which holds its connection; CREATE and DROP DATABASE, on the
 * server's admin database; the start-up probe before any pool exists). Everything else uses `rows()`.
 */
export async function onClient<T = Record<string, unknown>>(client: Pick<Client, 'query'>, statement: Sql): Promise<T[]> {
  const { text, values } = statement.compile();
  const result = await client.query(text, values);
  return result.rows as T[];
}

/**
 * Writes rows by `COPY … FROM STDIN` in `m`'s transaction, the way psql's `\copy` does: the bulk path
 * of the imports (no JSON or array literal to take apart, no statement text per row). `statement` is
 * the COPY, naming its table and columns (it takes no parameters); each row gives its values in that
 * column order: null, a string, a number, a boolean, or an array for an array column. The rows are
 * encoded and streamed as the database takes them; a row the database refuses fails the whole COPY with
 * the database's error (its SQLSTATE and constraint, as for a statement), and nothing of it is written.
 * Returns how many rows were written.
 */
export async function copyRows(m: EntityManager, statement: Sql, rows: Iterable<readonly unknown[]>): Promise<number> {
  const { text, values } = statement.compile();
  if (values.length !== 0 || !/^\s*COPY\b[\s\S]*\bFROM\s+STDIN\s*$/i.test(text)) throw new Error('copyRows takes a COPY … FROM STDIN without parameters');
  if (!m.queryRunner) throw new Error('copyRows runs in a transaction');
  const client = (await m.queryRunner.connect()) as Client;
  const copy = client.query(copyFrom(text));
  await pipeline(Readable.from(copyText(rows)), copy);
  return copy.rowCount;
}

/** The rows in COPY's text format, some 64 kB a chunk. */
function* copyText(rows: Iterable<readonly unknown[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = copyField(row[0]);
    for (let i = 1; i < row.length; i++) line += '\t' + copyField(row[i]);
    chunk += line + '\n';
    if (chunk.length >= 65536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value as a field of COPY's text format: `\N` for null; backslash, tab and line breaks escaped. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = Array.isArray(value) ? arrayLiteral(value) : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : text;
}

/** A one-dimensional array as PostgreSQL's array literal: each element quoted, null as NULL. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
