/** SQL conditions the stores share. */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column = ANY($1::uuid[])`: membership in a set of ids of any size as one parameter (an IN list takes a parameter
 * per id, and PostgreSQL allows 65,535). An empty set matches nothing.
 */
export function uuidIn(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = ANY(${`{${ids.join(',')}}`}::uuid[])`;
}
