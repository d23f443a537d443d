import { type AttachmentType, isImageType } from '@app/contracts';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { attachmentErrors } from './attachment-errors';

/** Thumbnails fit in this many pixels wide and high. */
const THUMBNAIL_SIZE = 320;
/** Larger images are refused as a decompression bomb would be (about 8000 × 6000). */
const MAX_IMAGE_PIXELS = 50_000_000;

export interface Inspected {
  contentType: AttachmentType;
  /** What to store: an image re-encoded without its metadata, anything else as it came. */
  body: Buffer;
  image?: { width: number; height: number; thumbnail: Buffer; thumbnailType: string };
}

export interface Upload {
  buffer: Buffer;
  originalName: string;
  declaredType: string;
}

/**
 * What a file really is, from its bytes: the name and the declared type are the sender's word
 * and decide nothing, except that plain text (which has no magic bytes) is taken as text only
 * when the sender says so and it is valid UTF-8 without NULs. An image comes back re-encoded,
 * turned upright, without EXIF, GPS or any other metadata, with a thumbnail.
 */
export async function inspectFile(upload: Upload, allowed: readonly string[]): Promise<Inspected> {
  const contentType = await recognise(upload);
  if (!contentType || !allowed.includes(contentType))
    throw attachmentErrors.unsupportedType(allowed);
  if (!isImageType(contentType)) return { contentType, body: upload.buffer };
  return { contentType, ...(await cleanImage(upload.buffer, contentType)) };
}

async function recognise(upload: Upload): Promise<AttachmentType | null> {
  const detected = await fileTypeFromBuffer(upload.buffer);
  if (detected) return detected.mime as AttachmentType;
  const saysText =
    upload.declaredType.startsWith('text/plain') ||
    /\.(txt|log|md|csv)$/i.test(upload.originalName);
  return saysText && isPlainText(upload.buffer) ? 'text/plain' : null;
}

function isPlainText(buffer: Buffer): boolean {
  if (buffer.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

async function cleanImage(buffer: Buffer, contentType: AttachmentType) {
  const animated = contentType === 'image/gif' || contentType === 'image/webp';
  try {
    // sharp writes no metadata unless asked (withMetadata): re-encoding drops EXIF, GPS, XMP
    // and ICC comments; rotate() first applies the EXIF orientation that is dropped.
    const source = () => sharp(buffer, { animated, limitInputPixels: MAX_IMAGE_PIXELS });
    const cleaned = source().rotate();
    const encoded = await reencode(cleaned, contentType).toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(buffer, { limitInputPixels: MAX_IMAGE_PIXELS })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return {
      body: encoded.data,
      image: {
        width: encoded.info.width,
        height: encoded.info.pageHeight ?? encoded.info.height,
        thumbnail,
        thumbnailType: 'image/webp',
      },
    };
  } catch {
    // Bytes that start like an image and are not one.
    throw attachmentErrors.unsupportedType(['images that open']);
  }
}

function reencode(image: Sharp, contentType: AttachmentType): Sharp {
  switch (contentType) {
    case 'image/png':
      return image.png();
    case 'image/gif':
      return image.gif();
    case 'image/webp':
      return image.webp({ quality: 90 });
    default:
      return image.jpeg({ quality: 90 });
  }
}

/** A file's name as shown to people: no path, no control characters, its extension its type's. */
export function cleanName(originalName: string, contentType: string): string {
  const base =
    originalName
      .split(/[/\\]/)
      .pop()!
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
      .trim()
      .slice(0, 150) || 'file';
  const extension = EXTENSIONS[contentType];
  if (!extension) return base;
  const stem = base.replace(/\.[A-Za-z0-9]{1,8}$/, '') || 'file';
  return `${stem}.${extension}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};
