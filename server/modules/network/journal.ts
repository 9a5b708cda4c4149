import type { Db } from '../../platform/db/database';
import type { Logger } from '../../platform/logger';
import { networkJournal } from './network.tables';

export type JournalEntry = typeof networkJournal.$inferInsert;

/**
 * The journal of every request, reply and callback. Entries are buffered and written in multi-row inserts (every
 * 200 ms or 500 entries): an inquiry to 4,000 institutions makes 8,000+ entries, which one-by-one inserts could not
 * keep up with. `flush()` writes what is pending (called on shutdown and before reading).
 */
export class Journal {
  private buffer: JournalEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly options = { maxBatch: 500, intervalMs: 200 },
  ) {}

  record(entry: JournalEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length >= this.options.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.intervalMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        for (let i = 0; i < batch.length; i += 500) await this.db.insert(networkJournal).values(batch.slice(i, i + 500));
      } catch (err) {
        this.logger.error({ err, entries: batch.length }, 'journal write failed');
      }
    });
    return this.writing;
  }
}
