// The churn operations other domains call through a stable path (retention's ports read the latest
// scores and the at-risk list). Inside churn, import the file that holds the operation instead.
export { listAtRisk } from './churn.at-risk.js';
export { latestScores } from './churn.scores.js';
