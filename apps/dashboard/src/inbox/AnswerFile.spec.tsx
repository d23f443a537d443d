/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { AnswerFile } from './AnswerFile';

const screenshot = {
  id: 'file-1',
  name: 'screen.png',
  size: 2048,
  contentType: 'image/png',
  width: 64,
  height: 48,
  url: '/api/chat/attachments/file-1/content?signature=a',
  thumbnailUrl: '/api/chat/attachments/file-1/thumbnail?signature=b',
};

describe("a journey's image answer in the visitor details", () => {
  it('shows the thumbnail, named after the question, opening the full image', () => {
    render(<AnswerFile file={screenshot} question="A screenshot, if you have one" />);
    const image = screen.getByRole('img', { name: 'A screenshot, if you have one' });
    expect(image.getAttribute('src')).toBe(screenshot.thumbnailUrl);
    expect(screen.getByRole('link').getAttribute('href')).toBe(screenshot.url);
  });

  it('says the image is unavailable when it cannot be loaded, instead of a broken image', () => {
    render(<AnswerFile file={screenshot} question="A screenshot, if you have one" />);
    fireEvent.error(screen.getByRole('img'));
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('Image unavailable')).toBeTruthy();
  });

  it('links a file that is no image by its name', () => {
    const { thumbnailUrl: _none, ...pdf } = {
      ...screenshot,
      name: 'invoice.pdf',
      contentType: 'application/pdf',
    };
    render(<AnswerFile file={pdf} question="Your invoice" />);
    expect(screen.getByRole('link', { name: /invoice\.pdf/ }).getAttribute('href')).toBe(pdf.url);
  });
});
