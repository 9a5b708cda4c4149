/**
 * Puts assets into the debtors' asset register (debtor_assets) as an inquiry would have found them, so a test can
 * order measures on them without running an inquiry first.
 */
import { randomUUID } from 'node:crypto';
import type { AssetKind } from '../../shared/institution-protocol';
import { debtorAssets } from '../../server/modules/inquiry/inquiry.tables';
import type { Db } from '../../server/platform/db/database';

export interface SeedAsset {
  debtorIdNumber: string;
  institutionCode: string;
  kind: AssetKind;
  assetRef?: string;
  identifier?: string;
  description?: string;
  balance?: string | null;
  indicativeValue?: string | null;
}

/** Inserts one found asset; returns its id and ref. */
export async function seedAsset(db: Db, asset: SeedAsset): Promise<{ id: string; assetRef: string }> {
  const id = randomUUID();
  const assetRef = asset.assetRef ?? `${asset.institutionCode}-${id.slice(0, 8)}`;
  await db.insert(debtorAssets).values({
    id,
    debtorIdNumber: asset.debtorIdNumber,
    institutionCode: asset.institutionCode,
    assetRef,
    kind: asset.kind,
    identifier: asset.identifier ?? `${asset.kind}-${id.slice(0, 6)}`,
    description: asset.description ?? `test ${asset.kind}`,
    balance: asset.balance ?? null,
    indicativeValue: asset.indicativeValue ?? null,
    encumbrances: [],
    lastInquiryId: randomUUID(),
    updatedAt: new Date(),
  });
  return { id, assetRef };
}
