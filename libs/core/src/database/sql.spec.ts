import { sql } from './sql';

describe('the sql tag', () => {
  it('numbers each value as a parameter, never as text', () => {
    const name = "x'; DROP TABLE stands; --";
    expect(sql`SELECT * FROM stands WHERE code = ${name} AND hall_id = ${7}`.compile()).toEqual({
      text: 'SELECT * FROM stands WHERE code = $1 AND hall_id = $2',
      values: [name, 7],
    });
  });

  it('splices pieces in with their parameters renumbered', () => {
    const filters = sql.and([sql`country = ${'MA'}`, undefined, false, sql`status = ${'confirmed'}`]);
    const statement = sql`SELECT id FROM exhibitors WHERE edition_id = ${'e1'} AND ${filters} LIMIT ${10}`;
    expect(statement.compile()).toEqual({
      text: 'SELECT id FROM exhibitors WHERE edition_id = $1 AND country = $2 AND status = $3 LIMIT $4',
      values: ['e1', 'MA', 'confirmed', 10],
    });
    expect(sql.and([undefined]).compile().text).toBe('TRUE');
  });

  it('builds an UPDATE from the whitelisted fields that are present', () => {
    const statement = sql`UPDATE exhibitors SET ${sql.set({ name: 'Atlas', country: undefined, sector: null }, { name: 'name', country: 'country', sector: 'sector' })} WHERE id = ${'x'}`;
    expect(statement.compile()).toEqual({ text: 'UPDATE exhibitors SET name = $1, sector = $2 WHERE id = $3', values: ['Atlas', null, 'x'] });
  });

  it('accepts only plain identifiers as text', () => {
    expect(sql.identifier('e.created_at').compile().text).toBe('e.created_at');
    expect(() => sql.identifier('name; DROP TABLE x')).toThrow('not a plain SQL identifier');
    expect(sql`WHERE id IN ${sql.list([1, 2])}`.compile()).toEqual({ text: 'WHERE id IN ($1, $2)', values: [1, 2] });
  });

  it('compiles a named statement once and binds parameters by name, leaving casts alone', () => {
    const statement = sql.named<{ code: string; at: string }>('SELECT :code::text AS c, :at::timestamptz AS t, :code AS again');
    expect(statement.bind({ code: 'ABC', at: '2026-11-29' }).compile()).toEqual({
      text: 'SELECT $1::text AS c, $2::timestamptz AS t, $1 AS again',
      values: ['ABC', '2026-11-29'],
    });
    // Spliced into a larger statement, its numbers follow the parameters before it.
    expect(sql`SELECT ${1} AS first, x.* FROM (${statement.bind({ code: 'ABC', at: 'now' })}) x WHERE ${2} > 1`.compile()).toEqual({
      text: 'SELECT $1 AS first, x.* FROM (SELECT $2::text AS c, $3::timestamptz AS t, $2 AS again) x WHERE $4 > 1',
      values: [1, 'ABC', 'now', 2],
    });
    expect(() => statement.bind({ code: 'ABC' } as never)).toThrow('SQL parameter :at not given');
  });
});
