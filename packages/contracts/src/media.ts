import { Type, type Static } from 'typebox';
import { IsoDateTime } from './common';

export const MediaKind = Type.Union([Type.Literal('image'), Type.Literal('video')]);
export type MediaKind = Static<typeof MediaKind>;

/** uploaded → processing → ready | failed (videos); images are ready when the upload answers. */
export const MediaStatus = Type.Union([Type.Literal('uploaded'), Type.Literal('processing'), Type.Literal('ready'), Type.Literal('failed')]);
export type MediaStatus = Static<typeof MediaStatus>;

/** Widths (px) of the WebP variants made of every image; never larger than the original. */
export const IMAGE_VARIANT_WIDTHS = [320, 640, 1280] as const;
export const ImageVariant = Type.Union([Type.Literal('320'), Type.Literal('640'), Type.Literal('1280')]);
export type ImageVariant = Static<typeof ImageVariant>;

export const Media = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: MediaKind,
    status: MediaStatus,
    urls: Type.Record(Type.String(), Type.String(), {
      description:
        'Images: "320", "640", "1280" → public WebP variants (cache forever). Videos when ready: "hls" (master playlist) and "poster", signed for the caller and expiring',
    }),
    width: Type.Union([Type.Integer(), Type.Null()]),
    height: Type.Union([Type.Integer(), Type.Null()]),
    durationMs: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    /** Transcoding progress 0–100 (videos). */
    progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    failureReason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    urlsExpireAt: Type.Optional(Type.Union([IsoDateTime, Type.Null()])),
    createdAt: Type.Optional(IsoDateTime),
  },
  { title: 'Media' },
);
export type Media = Static<typeof Media>;

/** What other domains attach media to (ARCHITECTURE.md §3 rule 4). */
export interface MediaSubject {
  type: string;
  id: string;
}
