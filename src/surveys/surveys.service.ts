// Transitional: the names the former 1,191-line surveys service exported, re-exported from the files
// that now hold them, so callers not yet converted keep compiling (churn/churn.service.ts during the
// parallel split). Nothing inside src/surveys imports this file; delete it once no caller does.
export type { AnswerForm } from './survey-answer-form.js';
export { validateAnswerForm } from './survey-answer-form.js';
export { answerSurvey } from './survey-answers.service.js';
export { defaultDefinitions } from './default-definitions.js';
export {
  createDefinition,
  definitionsForTrigger,
  getDefinition,
  listDefinitions,
  seedDefaultDefinitions,
  updateDefinition,
} from './survey-definitions.service.js';
export { followUpAnswer } from './survey-follow-up.service.js';
export { listAnswers, listAnswersForCustomer, listInvitations, listPraise } from './survey-lists.service.js';
export { issueNonce, verifyNonce } from './survey-nonce.js';
export { objectToSurveys } from './survey-objection.service.js';
export type { SkipReason } from './survey-send-decision.service.js';
export type { SendRequest } from './survey-sending.service.js';
export { requestSurvey, sendReminder, sendSurvey } from './survey-sending.service.js';
export { getSurveySettings, perPersonVisible, setSurveySettings } from './survey-settings.service.js';
export type { BadRatings } from './survey-signals.service.js';
export { badRatingsByCustomer } from './survey-signals.service.js';
export type { PublicSurvey } from './survey-tokens.service.js';
export { findSurveyByToken, surveyUrl } from './survey-tokens.service.js';
export { scheduleRelationshipSurveys } from './relationship-survey.service.js';
export { eraseCustomerSurveys, exportCustomerSurveys } from './surveys.privacy.js';
