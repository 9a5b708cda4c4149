/** Network inquiry (网络查询): fan-out to the institutions, progress, the debtor's assets. */
export { InquiryService } from './inquiry-service';
export { inquiryRoutes } from './inquiry.routes';
export { assetById, type AssetRow, type InquiryRow, type TargetRow } from './inquiry.store';
export { inquiriesOfCase, inquiryById, assetsFoundBy } from './inquiry.store';
