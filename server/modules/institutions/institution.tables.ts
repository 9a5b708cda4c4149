import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

/** Institutions connected to the network (banks, registries, platforms). */
export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  channel: text('channel', { enum: ['central', 'local'] }).notNull(),
});
