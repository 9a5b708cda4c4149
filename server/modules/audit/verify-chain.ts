import type { Db } from '../../platform/db/database';
import { firstBreak, type ChainBreak } from './audit.rules';
import { readChain } from './audit.store';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: ChainBreak | null;
}

const PAGE = 2000;

/** Walks the whole chain in pages and names the first broken record. */
export async function verifyChain(db: Db, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prev: { seq: number; hash: string } | null = null;
  let checked = 0;
  for (;;) {
    const page = await readChain(db, prev?.seq ?? 0, PAGE);
    if (page.length === 0) return { ok: true, checked, firstBroken: null };
    const broken = firstBreak(page, prev);
    if (broken) return { ok: false, checked: checked + page.findIndex((r) => r.seq === broken.seq), firstBroken: broken };
    checked += page.length;
    const last = page[page.length - 1]!;
    prev = { seq: last.seq, hash: last.hash };
    onProgress?.(checked);
  }
}
