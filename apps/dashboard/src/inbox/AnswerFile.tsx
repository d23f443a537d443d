import type { MessageAttachment } from '@app/contracts';
import { useState } from 'react';

/**
 * A file a visitor answered a journey's image question with: an image as its thumbnail, opening
 * the full image; any other file as a link. A thumbnail that does not load (the object store is
 * down, or its link expired) says so instead of showing a broken image.
 */
export function AnswerFile({ file, question }: { file: MessageAttachment; question: string }) {
  const [failed, setFailed] = useState(false);
  if (!file.thumbnailUrl)
    return (
      <a href={file.url} download={file.name}>
        📎 {file.name}
      </a>
    );
  if (failed) return <span className="muted">Image unavailable</span>;
  return (
    <a className="inbox-answer-image" href={file.url} target="_blank" rel="noopener">
      <img
        src={file.thumbnailUrl}
        alt={question}
        width={file.width}
        height={file.height}
        onError={() => setFailed(true)}
      />
    </a>
  );
}
