import { AppError, forbidden, notFound, unprocessable, conflict } from '../../platform/errors';

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB`;

export const mediaErrors = {
  multipartRequired: () =>
    new AppError('unsupported_media_type', 'media.multipart_required', 'multipart/form-data 형식으로 file 필드 하나를 보내 주세요.'),
  fileRequired: () => new AppError('bad_request', 'media.file_required', 'file 필드에 파일을 담아 보내 주세요.'),
  unsupportedType: (detected?: string) =>
    new AppError(
      'unsupported_media_type',
      'media.unsupported_type',
      `지원하지 않는 파일 형식이에요${detected ? ` (${detected})` : ''}. JPEG, PNG, WebP, GIF, AVIF 사진과 MP4, MOV, WebM 동영상을 올릴 수 있어요.`,
    ),
  tooLarge: (kind: 'image' | 'video', maxBytes: number) =>
    new AppError('payload_too_large', 'media.too_large', `${kind === 'image' ? '사진' : '동영상'}은 ${megabytes(maxBytes)}까지 올릴 수 있어요.`),
  imageTooLarge: (maxPixels: number) =>
    unprocessable('media.image_too_large', `사진의 화소 수가 너무 많아요. ${Math.round(maxPixels / 1_000_000)}백만 화소까지 올릴 수 있어요.`),
  imageUnreadable: () => unprocessable('media.image_unreadable', '사진 파일이 손상됐거나 잘려 있어서 읽을 수 없어요.'),
  notFound: () => notFound('media.not_found', '파일을 찾을 수 없어요.'),
  notOwner: () => forbidden('media.not_owner', '직접 올린 파일만 첨부할 수 있어요.'),
  failed: () => unprocessable('media.failed', '처리에 실패한 파일은 첨부할 수 없어요.'),
  alreadyAttached: () => conflict('media.already_attached', '이미 다른 곳에 첨부된 파일이에요.'),
  signatureInvalid: () => forbidden('media.signature_invalid', '재생 주소가 만료됐거나 올바르지 않아요. 다시 열어 주세요.'),
  rangeNotSatisfiable: () => new AppError('bad_request', 'media.range_not_satisfiable', '요청한 범위가 파일 크기를 벗어나요.'),
};
