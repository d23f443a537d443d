import type { ReactNode } from 'react';

/** A titled panel of a page; `actions` sit at the right of its title. */
export function Card({
  title,
  description,
  actions,
  children,
  className,
  'aria-label': ariaLabel,
}: {
  title?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  'aria-label'?: string;
}) {
  return (
    <section className={['card', className].filter(Boolean).join(' ')} aria-label={ariaLabel}>
      {(title || actions) && (
        <header className="card-header">
          <div>
            {title && <h2>{title}</h2>}
            {description && <p className="card-description">{description}</p>}
          </div>
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
