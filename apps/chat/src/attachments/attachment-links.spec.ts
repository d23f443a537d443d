import { type ChatConfig } from '../chat.config';
import { AttachmentLinks } from './attachment-links';

const config = {
  VISITOR_TOKEN_SECRET: 'another-key-of-at-least-32-characters',
  ATTACHMENT_URL_TTL_SECONDS: 300,
  ATTACHMENT_MAIL_URL_TTL_DAYS: 30,
  PUBLIC_URL: 'https://parley.example',
} as ChatConfig;

const paramsOf = (link: string) => {
  const url = new URL(link, 'https://parley.example');
  return {
    path: url.pathname,
    params: Object.fromEntries(url.searchParams) as {
      tenant: string;
      expires: string;
      signature: string;
    },
  };
};

describe('download links of attachments', () => {
  const links = new AttachmentLinks(config);

  it('verify for the file, variant and tenant they were made for, until they expire', () => {
    const { path, params } = paramsOf(links.link('tenant-a', 'file-1', 'content'));
    expect(path).toBe('/api/chat/attachments/file-1/content');
    expect(params.tenant).toBe('tenant-a');
    expect(links.verify('file-1', 'content', params)).toBe(true);
    expect(links.verify('file-2', 'content', params)).toBe(false);
    expect(links.verify('file-1', 'thumbnail', params)).toBe(false);
    expect(links.verify('file-1', 'content', { ...params, tenant: 'tenant-b' })).toBe(false);
    expect(
      links.verify('file-1', 'content', { ...params, expires: String(Number(params.expires) + 1) }),
    ).toBe(false);
    expect(links.verify('file-1', 'content', { ...params, signature: 'x' })).toBe(false);

    const expired = paramsOf(links.link('tenant-a', 'file-1', 'content', -1)).params;
    expect(links.verify('file-1', 'content', expired)).toBe(false);
  });

  it('are not made with another key', () => {
    const other = new AttachmentLinks({
      ...config,
      VISITOR_TOKEN_SECRET: 'a-unit-test-seal-key-of-32-characters!',
    });
    const { params } = paramsOf(other.link('tenant-a', 'file-1', 'content'));
    expect(links.verify('file-1', 'content', params)).toBe(false);
  });

  it('give the mailbox an absolute link that lasts the configured days', () => {
    const link = links.mailLink('tenant-a', 'file-1');
    expect(link.startsWith('https://parley.example/api/chat/attachments/file-1/content?')).toBe(
      true,
    );
    const expires = Number(new URL(link).searchParams.get('expires'));
    expect(expires * 1000 - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });
});
