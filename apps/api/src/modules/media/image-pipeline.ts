import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { IMAGE_VARIANT_WIDTHS } from '@dongne/contracts';
import { mediaErrors } from './media.errors';
import { orientedSize, variantWidth } from './media-rules';

export interface ImageVariantOutput {
  /** The requested variant name (320, 640, 1280). */
  name: number;
  width: number;
  height: number;
  data: Buffer;
}

export interface ProcessedImage {
  width: number;
  height: number;
  variants: ImageVariantOutput[];
}

/**
 * Decodes an upload with sharp under a pixel limit (decompression bombs), turns it upright
 * (EXIF orientation) and re-encodes WebP variants 320/640/1280 px wide, never wider than the
 * original. sharp writes no metadata unless asked: EXIF (GPS, camera serials), XMP, IPTC and
 * ICC profiles are gone, pixels are converted to sRGB. The original bytes are not kept.
 */
export async function processImage(input: Buffer, options: { maxPixels: number; mime: string }): Promise<ProcessedImage> {
  const decode: SharpOptions = { limitInputPixels: options.maxPixels, failOn: 'error', animated: false, sequentialRead: true };
  const unreadable = options.mime === 'image/heic' ? mediaErrors.unsupportedType('HEIC') : mediaErrors.imageUnreadable();
  let metadata: Metadata;
  try {
    metadata = await sharp(input, decode).metadata();
  } catch (error) {
    throw tooManyPixels(error) ? mediaErrors.imageTooLarge(options.maxPixels) : unreadable;
  }
  if (!metadata.width || !metadata.height) throw unreadable;
  // Header first: a tiny file can claim 60000×60000 and must not be decoded at all.
  if (metadata.width * metadata.height > options.maxPixels) throw mediaErrors.imageTooLarge(options.maxPixels);
  const upright = orientedSize(metadata.width, metadata.height, metadata.orientation);

  const variants: ImageVariantOutput[] = [];
  try {
    for (const name of IMAGE_VARIANT_WIDTHS) {
      const { data, info } = await sharp(input, decode)
        .rotate()
        .resize({ width: variantWidth(name, upright.width), withoutEnlargement: true })
        .webp({ quality: 80, effort: 4 })
        .toBuffer({ resolveWithObject: true });
      variants.push({ name, width: info.width, height: info.height, data });
    }
  } catch (error) {
    if (tooManyPixels(error)) throw mediaErrors.imageTooLarge(options.maxPixels);
    throw unreadable;
  }
  return { width: upright.width, height: upright.height, variants };
}

const tooManyPixels = (error: unknown) => error instanceof Error && /pixel limit/i.test(error.message);
