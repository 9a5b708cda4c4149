import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

/** Courts: reference data, keyed by their code (e.g. 京0105). */
export const courts = pgTable('courts', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  level: text('level', { enum: ['basic', 'intermediate', 'high'] }).notNull(),
  province: text('province').notNull(),
});
