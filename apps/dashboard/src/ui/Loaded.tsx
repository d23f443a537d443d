import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { Loading } from './Loading';
import type { ApiResource } from './useApi';

/**
 * A resource's content once loaded; before that a spinner, or the error. When a reload fails
 * after a first answer, the error sits above the answer already shown.
 */
export function Loaded<T>({
  resource,
  children,
  loadingLabel,
}: {
  resource: ApiResource<T>;
  children(data: T): ReactNode;
  loadingLabel?: string;
}) {
  if (resource.data === undefined)
    return resource.error ? (
      <ErrorMessage error={resource.error} />
    ) : (
      <Loading label={loadingLabel} />
    );
  return (
    <>
      <ErrorMessage error={resource.error} />
      {children(resource.data)}
    </>
  );
}
