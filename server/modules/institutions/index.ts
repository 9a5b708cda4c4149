/** Institutions connected to the network. The full catalogue comes with the network inquiry module. */
export { institutionById, listInstitutions, upsertInstitutions, type InstitutionRow } from './institution.store';
