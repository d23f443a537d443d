import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { Card } from '../../ui/Card';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { TextField } from '../../ui/fields';
import { Form } from '../../ui/Form';
import { useSubmit } from '../../ui/useSubmit';
import type { Category } from './routingTypes';

const FIELD_OF_CODE = { name_taken: 'name' };

/** The workspace's categories of requests: add, rename, delete (rooms keep theirs). */
export function CategoriesCard({
  categories,
  onChanged,
}: {
  categories: Category[];
  onChanged(categories: Category[]): void;
}) {
  const [name, setName] = useState('');
  const add = useSubmit(
    useCallback(async () => {
      const created = await api<Category>('/api/tenant/categories', {
        method: 'POST',
        body: { name },
      });
      onChanged([...categories, created]);
      setName('');
    }, [name, categories, onChanged]),
    FIELD_OF_CODE,
  );

  return (
    <Card
      title="Categories"
      description="What visitors ask about. A journey or an agent sets a conversation's category; teams take the categories ticked for them."
    >
      {categories.length > 0 && (
        <DataTable label="Categories" columns={['Name', { actions: true }]}>
          {categories.map((category) => (
            <CategoryRow
              key={category.id}
              category={category}
              onRenamed={(renamed) =>
                onChanged(categories.map((other) => (other.id === renamed.id ? renamed : other)))
              }
              onDeleted={() => onChanged(categories.filter((other) => other.id !== category.id))}
            />
          ))}
        </DataTable>
      )}
      <Form
        submission={add}
        submitLabel="Add category"
        sendingLabel="Adding…"
        aria-label="Add a category"
      >
        <TextField
          label="New category"
          name="name"
          placeholder="e.g. Billing"
          value={name}
          onChange={setName}
          maxLength={80}
          required
        />
      </Form>
    </Card>
  );
}

function CategoryRow({
  category,
  onRenamed,
  onDeleted,
}: {
  category: Category;
  onRenamed(category: Category): void;
  onDeleted(): void;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(category.name);
  const path = `/api/tenant/categories/${category.id}`;
  const rename = useSubmit(
    useCallback(async () => {
      onRenamed(await api<Category>(path, { method: 'PATCH', body: { name } }));
      setEditing(false);
    }, [path, name, onRenamed]),
    FIELD_OF_CODE,
  );

  return (
    <tr>
      <td>
        {editing ? (
          <Form
            submission={rename}
            submitLabel="Save"
            sendingLabel="Saving…"
            aria-label={`Rename ${category.name}`}
            canSubmit={name.trim() !== '' && name.trim() !== category.name}
            actions={
              <button type="button" className="button ghost" onClick={() => setEditing(false)}>
                Cancel
              </button>
            }
          >
            <TextField label="Name" name="name" value={name} onChange={setName} required />
          </Form>
        ) : (
          category.name
        )}
      </td>
      <td className="actions">
        {!editing && (
          <button
            type="button"
            className="button small"
            aria-label={`Rename ${category.name}`}
            onClick={() => {
              setName(category.name);
              setEditing(true);
            }}
          >
            Rename
          </button>
        )}
        <ConfirmButton
          label="Delete"
          aria-label={`Delete ${category.name}`}
          className="button small danger-outline"
          title={`Delete the ${category.name} category?`}
          confirmLabel="Delete category"
          danger
          onConfirm={async () => {
            await api(path, { method: 'DELETE' });
            onDeleted();
          }}
        >
          It is no longer offered and no team takes it any more; conversations keep it.
        </ConfirmButton>
      </td>
    </tr>
  );
}
