import { useId } from 'react';
import type { Role } from '../roles/roleTypes';
import { CheckboxField } from '../../ui/fields';
import { useFieldError } from '../../ui/formContext';

/** The roles to give an agent, as checkboxes; their 400 errors come under `roleIds`. */
export function RolePicker({
  roles,
  value,
  onChange,
}: {
  roles: Role[];
  value: string[];
  onChange(roleIds: string[]): void;
}) {
  const errorId = useId();
  const error = useFieldError('roleIds');
  const toggle = (roleId: string, held: boolean) =>
    onChange(held ? [...value, roleId] : value.filter((id) => id !== roleId));
  return (
    <fieldset className="fieldset" aria-describedby={error ? errorId : undefined}>
      <legend>Roles</legend>
      <div className="choice-list">
        {roles.map((role) => (
          <CheckboxField
            key={role.id}
            label={role.name}
            checked={value.includes(role.id)}
            onChange={(held) => toggle(role.id, held)}
          />
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
