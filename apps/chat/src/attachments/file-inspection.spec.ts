import { DEFAULT_ATTACHMENT_TYPES } from '@app/contracts';
import sharp from 'sharp';
import { cleanName, inspectFile } from './file-inspection';

const png = () =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: '#2563eb' } })
    .png()
    .toBuffer();

describe('what a file is', () => {
  it('reads the type from the bytes, whatever the name and the declared type say', async () => {
    const inspected = await inspectFile(
      { buffer: await png(), originalName: 'invoice.pdf', declaredType: 'application/pdf' },
      DEFAULT_ATTACHMENT_TYPES,
    );
    expect(inspected.contentType).toBe('image/png');
    expect(inspected.image).toMatchObject({ width: 40, height: 20 });
  });

  it('refuses bytes of a type not on the list, named as one that is', async () => {
    const zip = Buffer.from('504b0304140000000800', 'hex');
    await expect(
      inspectFile(
        {
          buffer: Buffer.concat([zip, Buffer.alloc(64)]),
          originalName: 'cat.png',
          declaredType: 'image/png',
        },
        DEFAULT_ATTACHMENT_TYPES,
      ),
    ).rejects.toMatchObject({ code: 'unsupported_file_type' });
  });

  it('takes text as text only when the sender says so and it is UTF-8 without NULs', async () => {
    const text = Buffer.from('Order #42 — délai ?\n');
    const said = { buffer: text, originalName: 'notes.txt', declaredType: 'text/plain' };
    await expect(inspectFile(said, DEFAULT_ATTACHMENT_TYPES)).resolves.toMatchObject({
      contentType: 'text/plain',
    });
    await expect(
      inspectFile(
        { ...said, originalName: 'page.html', declaredType: 'text/html' },
        DEFAULT_ATTACHMENT_TYPES,
      ),
    ).rejects.toMatchObject({ code: 'unsupported_file_type' });
    await expect(
      inspectFile({ ...said, buffer: Buffer.from([0x41, 0x00, 0x42]) }, DEFAULT_ATTACHMENT_TYPES),
    ).rejects.toMatchObject({ code: 'unsupported_file_type' });
  });
});

describe('a file’s name', () => {
  it('keeps no path nor control characters, and takes the extension of its real type', () => {
    expect(cleanName('../../etc/evil\u0000name.pdf', 'image/png')).toBe('evilname.png');
    expect(cleanName('C:\\Users\\me\\photo.JPG', 'image/jpeg')).toBe('photo.jpg');
    expect(cleanName('', 'application/pdf')).toBe('file.pdf');
    expect(cleanName('notes.txt', 'text/plain')).toBe('notes.txt');
  });
});
