import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

/** Institutions connected to the network (banks, registries, platforms), synchronised from the network's catalogue. */
export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  /** 总对总 (central, to a head office) or 点对点 (local, to a branch or local registry). */
  channel: text('channel', { enum: ['central', 'local'] }).notNull(),
  /** auto: answers through its adapter; manual: an operator answers in the platform's inbox. */
  mode: text('mode', { enum: ['auto', 'manual'] }).notNull().default('auto'),
  /** Where the institution wants to be told of new inbox notices (signed, retried). */
  webhookUrl: text('webhook_url'),
});
