/** Institutions connected to the network. The full catalogue comes with the network inquiry module. */
export { institutionById, institutionByCode, listInstitutions, upsertInstitutions, setWebhook, type InstitutionRow, type NewInstitution } from "./institution.store";
export { institutionRoutes } from './institution.routes';
