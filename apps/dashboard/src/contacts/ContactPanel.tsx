import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { describeBrowser, describeDevice } from '../inbox/visitor-browser';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Form } from '../ui/Form';
import { TextAreaField, TextField } from '../ui/fields';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { useApi } from '../ui/useApi';
import { useCursorPages } from '../ui/useCursorPages';
import { useSubmit } from '../ui/useSubmit';
import {
  addContactNote,
  type Contact,
  contactOfRoomQuery,
  type ContactNoteView,
  conversationsPath,
  downloadContactExport,
  eraseContact,
  notesPath,
  renameContact,
  type RoomSummary,
} from './contacts-api';

/**
 * The visitor as a contact, beside a conversation: who they are across conversations (first and
 * last seen, browsers, addresses), their other conversations (each opens read-only), the name
 * agents know them by, notes about them, and the GDPR buttons for those who hold the permission.
 */
export function ContactPanel({ roomId }: { roomId: string }) {
  const lookup = contactOfRoomQuery(roomId);
  const contact = useApi<Contact>(lookup.path, lookup.query);
  if (contact.data === undefined) {
    // Chat records the contact moments after the conversation starts.
    if (contact.error instanceof ApiError && contact.error.status === 404)
      return (
        <section className="contact-panel" aria-label="Contact">
          <p className="muted">
            No contact profile yet.{' '}
            <button type="button" className="button ghost" onClick={contact.reload}>
              Look again
            </button>
          </p>
        </section>
      );
    return contact.error ? <ErrorMessage error={contact.error} /> : <Loading />;
  }
  return <Profile contact={contact.data} onChange={contact.setData} roomId={roomId} />;
}

function Profile({
  contact,
  onChange,
  roomId,
}: {
  contact: Contact;
  onChange(contact: Contact): void;
  roomId: string;
}) {
  const { can } = useSession();
  const navigate = useNavigate();
  const erase = useCallback(async () => {
    await eraseContact(contact.id);
    void navigate('/inbox');
  }, [contact.id, navigate]);
  const exporting = useSubmit(useCallback(() => downloadContactExport(contact), [contact]));

  return (
    <section className="contact-panel" aria-label="Contact" data-contact-id={contact.id}>
      <h3 className="inbox-details-heading">Contact</h3>
      <ContactName contact={contact} onChange={onChange} />
      <dl className="inbox-facts">
        <div className="inbox-fact">
          <dt>First seen</dt>
          <dd>{formatDateTime(contact.firstSeenAt)}</dd>
        </div>
        <div className="inbox-fact">
          <dt>Last seen</dt>
          <dd>{formatDateTime(contact.lastSeenAt)}</dd>
        </div>
      </dl>
      <h4 className="contact-subheading">Browsers</h4>
      <ul className="contact-list" aria-label="Browsers">
        {contact.browsers.map((browser) => (
          <li key={`${browser.name}|${browser.version}|${browser.os}|${browser.device}`}>
            {[describeBrowser(browser) ?? 'Unknown browser', describeDevice(browser)]
              .filter(Boolean)
              .join(' · ')}
            <span className="muted"> — {formatDateTime(browser.lastSeenAt)}</span>
          </li>
        ))}
      </ul>
      <h4 className="contact-subheading">Addresses</h4>
      <ul className="contact-list" aria-label="Addresses">
        {contact.addresses.map((address) => (
          <li key={address.ip}>
            {address.ip}
            <span className="muted"> — {formatDateTime(address.lastSeenAt)}</span>
          </li>
        ))}
      </ul>
      <PastConversations contactId={contact.id} roomId={roomId} />
      <ContactNotes contactId={contact.id} />
      {(can('contacts:export') || can('contacts:erase')) && (
        <div className="contact-actions">
          {can('contacts:export') && (
            <button
              type="button"
              className="button"
              onClick={() => void exporting.run()}
              disabled={exporting.sending}
            >
              {exporting.sending ? 'Exporting…' : 'Export'}
            </button>
          )}
          {can('contacts:erase') && (
            <ConfirmButton
              label="Erase"
              aria-label="Erase contact"
              title={`Erase ${contact.email}?`}
              confirmLabel="Erase for good"
              danger
              className="button danger"
              onConfirm={erase}
            >
              Every conversation of this contact, with its messages, notes and files, and the
              contact itself are deleted for good. Open conversations are closed first. This cannot
              be undone.
            </ConfirmButton>
          )}
          <ErrorMessage error={exporting.error} />
        </div>
      )}
    </section>
  );
}

function ContactName({ contact, onChange }: { contact: Contact; onChange(c: Contact): void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(contact.name);
  const save = useSubmit(
    useCallback(async () => {
      onChange(await renameContact(contact.id, name));
      setEditing(false);
    }, [contact.id, name, onChange]),
  );
  if (!editing)
    return (
      <p className="contact-name">
        <span>{contact.name}</span>
        {contact.nameSetBy && (
          <span className="muted"> (set by {contact.nameSetBy.name})</span>
        )}{' '}
        <button
          type="button"
          className="button ghost"
          onClick={() => {
            setName(contact.name);
            save.clearError();
            setEditing(true);
          }}
        >
          Edit name
        </button>
      </p>
    );
  return (
    <Form
      submission={save}
      submitLabel="Save name"
      aria-label="Contact name"
      actions={
        <button type="button" className="button ghost" onClick={() => setEditing(false)}>
          Cancel
        </button>
      }
    >
      <TextField label="Name" name="name" value={name} onChange={setName} maxLength={120} />
    </Form>
  );
}

function PastConversations({ contactId, roomId }: { contactId: string; roomId: string }) {
  const pages = useCursorPages<'rooms', RoomSummary>(conversationsPath(contactId), 'rooms', {});
  const rooms = pages.items ?? [];
  return (
    <>
      <h4 className="contact-subheading">Conversations</h4>
      {pages.first.data === undefined ? (
        <ErrorMessage error={pages.first.error} />
      ) : (
        <ul className="contact-list" aria-label="Past conversations">
          {rooms.map((room) => (
            <li key={room.roomId} data-room-id={room.roomId}>
              {room.roomId === roomId ? (
                <span>#{room.displayId} (this one)</span>
              ) : (
                <Link to={`/inbox/${room.roomId}`}>#{room.displayId}</Link>
              )}{' '}
              <span className="muted">
                {formatDateTime(room.createdAt)} · {room.status}
              </span>
            </li>
          ))}
        </ul>
      )}
      {pages.nextCursor && (
        <button
          type="button"
          className="button ghost"
          onClick={() => void pages.loadMore.run()}
          disabled={pages.loadMore.sending}
        >
          More
        </button>
      )}
    </>
  );
}

function ContactNotes({ contactId }: { contactId: string }) {
  const notes = useApi<{ notes: ContactNoteView[] }>(notesPath(contactId));
  const [body, setBody] = useState('');
  const add = useSubmit(
    useCallback(async () => {
      const note = await addContactNote(contactId, body);
      notes.setData((previous) => ({ notes: [...(previous?.notes ?? []), note] }));
      setBody('');
    }, [contactId, body, notes]),
  );
  return (
    <>
      <h4 className="contact-subheading">Notes about this contact</h4>
      <ErrorMessage error={notes.error} />
      <ul className="contact-list contact-notes" aria-label="Contact notes">
        {(notes.data?.notes ?? []).map((note) => (
          <li key={note.id}>
            <p>{note.body}</p>
            <span className="muted">
              {note.author.name} · {formatDateTime(note.createdAt)}
            </span>
          </li>
        ))}
      </ul>
      <Form submission={add} submitLabel="Add contact note" aria-label="Add a contact note">
        <TextAreaField
          label="Note"
          name="body"
          value={body}
          onChange={setBody}
          rows={2}
          maxLength={4000}
        />
      </Form>
    </>
  );
}
