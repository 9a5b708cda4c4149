import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InstitutionKind } from '../../../shared/institution-protocol';
import type { Db } from '../../platform/db/database';
import { listInstitutions, upsertInstitutions } from '../institutions';

const CatalogueEntry = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1),
  kind: InstitutionKind,
  channel: z.enum(['central', 'local']),
  mode: z.enum(['auto', 'manual']),
});
const Catalogue = z.union([z.array(CatalogueEntry), z.object({ institutions: z.array(CatalogueEntry) }).transform((c) => c.institutions)]);

/** Loads the network's catalogue of institutions (GET {networkUrl}/catalogue) into the institutions table. */
export async function syncCatalogue(db: Db, networkUrl: string): Promise<number> {
  const res = await fetch(`${networkUrl}/catalogue`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`the network's catalogue answered HTTP ${res.status}`);
  const entries = Catalogue.parse(await res.json());
  await upsertInstitutions(db, entries.map((e) => ({ id: randomUUID(), code: e.code, name: e.name, kind: e.kind, channel: e.channel, mode: e.mode })));
  return (await listInstitutions(db)).length;
}

/** Which institutions answer by hand, cached; refreshed after a catalogue sync. */
export class InstitutionModes {
  private manual = new Set<string>();
  constructor(private readonly db: Db) {}
  async refresh(): Promise<void> {
    this.manual = new Set((await listInstitutions(this.db)).filter((i) => i.mode === 'manual').map((i) => i.code));
  }
  isManual(code: string): boolean {
    return this.manual.has(code);
  }
}
