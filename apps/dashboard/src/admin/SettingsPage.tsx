import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { RequirePermission } from '../layout/RequirePermission';
import { Card } from '../ui/Card';
import { ColorField } from '../ui/ColorField';
import { TextField } from '../ui/fields';
import { Form } from '../ui/Form';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { useSubmit } from '../ui/useSubmit';
import { AttachmentTypesField } from './AttachmentTypesField';
import { type HoursSettings, HoursSettingsCard } from './schedule/HoursSettingsCard';

type AutoAssignment = 'off' | 'round-robin';

interface Settings extends HoursSettings {
  id: string;
  name: string;
  brandColor: string;
  autoAssignment: AutoAssignment;
  attachmentTypes: string[];
  createdAt: string;
  updatedAt: string;
}

const ASSIGNMENT_CHOICES: { value: AutoAssignment; title: string; description: string }[] = [
  {
    value: 'off',
    title: 'Off',
    description: 'Waiting chats stay in the queue until an agent joins one.',
  },
  {
    value: 'round-robin',
    title: 'Round-robin',
    description:
      'Each waiting chat, urgent first, goes to an agent who is available (not busy or away), on shift and under their maximum of chats: the one with the fewest chats, equals in turn.',
  },
];

/** The workspace's name, brand colour and how waiting chats reach agents. */
export function SettingsPage() {
  return (
    <RequirePermission permission="tenant:manage">
      <WorkspaceSettings />
    </RequirePermission>
  );
}

function WorkspaceSettings() {
  const settings = useApi<Settings>('/api/tenant/settings');
  return (
    <>
      <PageHeader title="Settings" description="How your workspace looks and works." />
      <Loaded resource={settings} loadingLabel="Loading settings…">
        {(loaded) => (
          <>
            <SettingsForm settings={loaded} onSaved={settings.setData} />
            <HoursSettingsCard
              settings={loaded}
              onSaved={(saved) => settings.setData({ ...loaded, ...saved })}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

function SettingsForm({
  settings,
  onSaved,
}: {
  settings: Settings;
  onSaved(settings: Settings): void;
}) {
  const { reloadMe } = useSession();
  const [name, setName] = useState(settings.name);
  const [brandColor, setBrandColor] = useState(settings.brandColor);
  const [autoAssignment, setAutoAssignment] = useState(settings.autoAssignment);
  const [attachmentTypes, setAttachmentTypes] = useState(settings.attachmentTypes);
  const [savedAt, setSavedAt] = useState<Date>();

  const changed =
    name !== settings.name ||
    brandColor !== settings.brandColor ||
    autoAssignment !== settings.autoAssignment ||
    [...attachmentTypes].sort().join() !== [...settings.attachmentTypes].sort().join();

  const submission = useSubmit(
    useCallback(async () => {
      const saved = await api<Settings>('/api/tenant/settings', {
        method: 'PATCH',
        body: { name, brandColor, autoAssignment, attachmentTypes },
      });
      onSaved(saved);
      setSavedAt(new Date());
      // The sidebar shows the workspace's name.
      await reloadMe();
    }, [name, brandColor, autoAssignment, attachmentTypes, onSaved, reloadMe]),
  );

  return (
    <Card
      title="Workspace"
      actions={
        savedAt &&
        !changed && (
          <span className="saved-note" role="status">
            Saved at {savedAt.toLocaleTimeString()}
          </span>
        )
      }
    >
      <Form
        submission={submission}
        submitLabel="Save settings"
        sendingLabel="Saving…"
        canSubmit={changed}
        aria-label="Workspace settings"
      >
        <div className="form-grid">
          <TextField label="Workspace name" name="name" value={name} onChange={setName} required />
          <ColorField
            label="Brand colour"
            name="brandColor"
            value={brandColor}
            onChange={setBrandColor}
            hint="Used in emails to visitors."
          />
        </div>
        <fieldset className="fieldset">
          <legend>Auto-assignment</legend>
          <div className="radio-cards">
            {ASSIGNMENT_CHOICES.map((choice) => (
              <label key={choice.value} className="radio-card">
                <input
                  type="radio"
                  name="autoAssignment"
                  value={choice.value}
                  checked={autoAssignment === choice.value}
                  onChange={() => setAutoAssignment(choice.value)}
                />
                <span>
                  <span className="radio-card-title">{choice.title}</span>
                  <span className="radio-card-text">{choice.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <AttachmentTypesField value={attachmentTypes} onChange={setAttachmentTypes} />
      </Form>
    </Card>
  );
}
