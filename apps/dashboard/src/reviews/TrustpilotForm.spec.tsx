/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../api/client';
import { type TrustpilotConnection } from './reviewTypes';
import { type TrustpilotDraft, TrustpilotForm } from './TrustpilotForm';

const connected: TrustpilotConnection = {
  businessUnitId: '507f191e810c19729de860ea',
  businessUserId: null,
  senderName: 'Acme Support',
  senderEmail: null,
  replyTo: 'support@acme.example',
  templateId: null,
  locale: 'en-US',
  onlyRatedFourOrFive: false,
  enabled: true,
  health: {
    status: 'ok',
    lastSuccessAt: '2026-12-07T10:00:00.000Z',
    lastErrorAt: null,
    lastError: null,
    tokenExpiresAt: null,
  },
  createdAt: '2026-12-07T09:00:00.000Z',
  updatedAt: '2026-12-07T09:00:00.000Z',
};

describe('the Trustpilot form', () => {
  it('keeps the stored credentials unless both are typed again', async () => {
    const sent: TrustpilotDraft[] = [];
    render(
      <TrustpilotForm
        connection={connected}
        onSubmit={async (draft) => {
          sent.push(draft);
        }}
      />,
    );
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByLabelText('Only when the conversation is rated 4 or 5'));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      businessUnitId: connected.businessUnitId,
      businessUserId: null,
      templateId: null,
      locale: 'en-US',
      senderName: 'Acme Support',
      senderEmail: null,
      replyTo: 'support@acme.example',
      onlyRatedFourOrFive: true,
      enabled: true,
    });
  });

  it('shows credentials Trustpilot refused under their fields', async () => {
    render(
      <TrustpilotForm
        connection={null}
        onSubmit={() =>
          Promise.reject(
            new ApiError(400, 'validation_failed', 'apiKey: refused', [
              { field: 'apiKey', message: 'Trustpilot refused these API credentials' },
            ]),
          )
        }
      />,
    );
    const connect = screen.getByRole('button', { name: 'Connect Trustpilot' });
    expect(connect).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('Business unit id'), { target: { value: 'abc123' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'key' } });
    fireEvent.change(screen.getByLabelText('API secret'), { target: { value: 'secret' } });
    fireEvent.click(connect);
    await screen.findByText('Trustpilot refused these API credentials');
    expect(screen.getByLabelText('API key').getAttribute('aria-invalid')).toBe('true');
  });
});
