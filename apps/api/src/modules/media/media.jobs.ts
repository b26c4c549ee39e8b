import { defineJob } from '../../platform/jobs';

export interface MediaJobHandlers {
  transcode(mediaId: string): Promise<void>;
  cleanup(): Promise<unknown>;
}

/** The media module's background jobs; handlers come from the service once it exists. */
export function defineMediaJobs(handlers: () => MediaJobHandlers) {
  return {
    /** One video upload → HLS renditions, poster, duration. Runs long: up to 3 hours. */
    transcode: defineJob<{ mediaId: string }>({
      name: 'media.transcode',
      retryLimit: 2,
      retryDelaySeconds: 60,
      expireInSeconds: 3 * 3600,
      handler: ({ mediaId }) => handlers().transcode(mediaId),
    }),
    /** Hourly: uploads nobody attached within 24 hours go, files and rows. */
    cleanup: defineJob<Record<string, never>>({
      name: 'media.cleanup',
      retryLimit: 1,
      schedule: { cron: '17 * * * *', data: {} },
      handler: async () => {
        await handlers().cleanup();
      },
    }),
  };
}
