/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../api/client';
import { type WebhookDraft, WebhookForm } from './WebhookForm';

describe('the webhook form', () => {
  it('subscribes to every event unless the admin picks types by group', async () => {
    const sent: WebhookDraft[] = [];
    render(
      <WebhookForm
        submitLabel="Add endpoint"
        onSubmit={async (draft) => {
          sent.push(draft);
        }}
      />,
    );
    fireEvent.change(screen.getByLabelText('Endpoint URL'), {
      target: { value: ' https://hooks.example.com/parley ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      url: 'https://hooks.example.com/parley',
      description: '',
      events: ['*'],
    });

    fireEvent.click(screen.getByLabelText('All events, including those added later'));
    expect(screen.getByRole('button', { name: 'Add endpoint' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByLabelText('chat.csat.rated.v1'));
    fireEvent.click(screen.getByLabelText('chat.sla.breached.v1'));
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1].events).toEqual(['chat.csat.rated.v1', 'chat.sla.breached.v1']);
  });

  it('shows a refused address under the URL field', async () => {
    render(
      <WebhookForm
        submitLabel="Add endpoint"
        onSubmit={() =>
          Promise.reject(
            new ApiError(400, 'url_not_allowed', 'url: resolves to 10.0.0.1', [
              { field: 'url', message: 'internal.example resolves to 10.0.0.1' },
            ]),
          )
        }
      />,
    );
    fireEvent.change(screen.getByLabelText('Endpoint URL'), {
      target: { value: 'https://internal.example/hooks' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await screen.findByText('internal.example resolves to 10.0.0.1');
    expect(screen.getByLabelText('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
  });
});
