export { defineJob, Jobs, type DeadLetter, type EnqueueOptions, type JobDefinition } from './jobs';
