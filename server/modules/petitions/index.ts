/** Petitions (信访) about a case: received, assigned to a judge, answered, each step with a deadline and reminders. */
export { petitionRoutes } from './petition.routes';
export { receivePetition, filePublicPetition } from './receive-petition';
export { assignPetition } from './assign-petition';
export { answerPetition } from './answer-petition';
export { petitionProgressOf } from './petition-view';
export { runPetitionJobs, schedulePetitionJobs } from './petition.jobs';
export * as petitionRules from './petition.rules';
