import type { ReactNode } from 'react';
import { Logo } from './Logo';

/** The signed-out pages: one centred card under Parley's name, with links below it. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="auth-page">
      <main className="auth-main">
        <div className="auth-brand">
          <Logo size={36} />
          <span className="brand-name">Parley</span>
        </div>
        <div className="auth-card">
          <h1>{title}</h1>
          {subtitle && <p className="auth-subtitle">{subtitle}</p>}
          {children}
        </div>
        {footer && <div className="auth-footer">{footer}</div>}
      </main>
    </div>
  );
}
