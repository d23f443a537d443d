/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../api/client';
import { IntercomForm } from './IntercomForm';
import { type IntercomDraft } from './intercomTypes';

const chatbots = [
  { id: 'bot-1', name: 'Bike help' },
  { id: 'bot-2', name: 'Sales' },
];
const categories = [{ id: 'cat-1', name: 'Billing' }];

describe('the Intercom connection form', () => {
  it('connects only with both credentials, for every chatbot unless the admin picks some', async () => {
    const sent: IntercomDraft[] = [];
    render(
      <IntercomForm
        connected={false}
        scope={null}
        chatbots={chatbots}
        categories={categories}
        onSubmit={async (draft) => {
          sent.push(draft);
        }}
      />,
    );
    const connect = screen.getByRole('button', { name: 'Connect Intercom' });
    fireEvent.change(screen.getByLabelText('Access token'), { target: { value: ' tok ' } });
    expect(connect).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('Client secret'), { target: { value: 'sec' } });
    fireEvent.click(screen.getByLabelText('Every chatbot’s'));
    expect(connect).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByLabelText('Sales'));
    fireEvent.click(screen.getByLabelText('Billing'));
    fireEvent.click(connect);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      accessToken: 'tok',
      clientSecret: 'sec',
      scope: { allChatbots: false, chatbotIds: ['bot-2'], categoryIds: ['cat-1'] },
    });
  });

  it('keeps the credentials of a connection unless new ones are typed', async () => {
    const sent: IntercomDraft[] = [];
    render(
      <IntercomForm
        connected
        scope={{ allChatbots: true, chatbotIds: [], categoryIds: [] }}
        chatbots={chatbots}
        categories={categories}
        onSubmit={async (draft) => {
          sent.push(draft);
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ accessToken: '', clientSecret: '' });
  });

  it('shows a token Intercom refused under its field', async () => {
    render(
      <IntercomForm
        connected={false}
        scope={null}
        chatbots={chatbots}
        categories={categories}
        onSubmit={() =>
          Promise.reject(
            new ApiError(400, 'intercom_token_refused', 'accessToken: refused', [
              { field: 'accessToken', message: 'Intercom refused the token (401 unauthorized)' },
            ]),
          )
        }
      />,
    );
    fireEvent.change(screen.getByLabelText('Access token'), { target: { value: 'bad' } });
    fireEvent.change(screen.getByLabelText('Client secret'), { target: { value: 'sec' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect Intercom' }));
    await screen.findByText('Intercom refused the token (401 unauthorized)');
    expect(screen.getByLabelText('Access token').getAttribute('aria-invalid')).toBe('true');
  });
});
