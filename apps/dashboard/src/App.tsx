import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AgentsPage } from './admin/AgentsPage';
import { ChatbotPage } from './admin/ChatbotPage';
import { ChatbotsPage } from './admin/ChatbotsPage';
import { RolesPage } from './admin/RolesPage';
import { TeamsPage } from './admin/TeamsPage';
import { BlocklistPage } from './blocklist/BlocklistPage';
import { CannedRepliesPage } from './canned-replies/CannedRepliesPage';
import { SettingsPage } from './admin/SettingsPage';
import { SlaPoliciesPage } from './sla/SlaPoliciesPage';
import { LabelsPage } from './labels/LabelsPage';
import { ApiTokensPage } from './admin/api-tokens/ApiTokensPage';
import { WebhooksPage } from './webhooks/WebhooksPage';
import { IntercomPage } from './intercom/IntercomPage';
import { ReviewsPage } from './reviews/ReviewsPage';
import { AnalyticsPage } from './analytics/AnalyticsPage';
import { AcceptInvitationPage } from './auth/AcceptInvitationPage';
import { GoogleCallbackPage } from './auth/GoogleCallbackPage';
import { LoginPage } from './auth/LoginPage';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { useSession } from './auth/SessionProvider';
import { SignupPage } from './auth/SignupPage';
import { VerifyEmailPage } from './auth/VerifyEmailPage';
import { EmailsPage } from './emails/EmailsPage';
import { InboxPage } from './inbox/InboxPage';
import { Shell } from './layout/Shell';
import { StatusPage } from './status/StatusPage';
import { SupervisionPage } from './supervision/SupervisionPage';
import { ConversationsPage } from './conversations/ConversationsPage';

/** The dashboard's routes, under /app/. Signed-out users are sent to the login page. */
export function App() {
  const { me, unreachable } = useSession();
  const location = useLocation();
  if (me === undefined)
    return (
      <p className="loading" role="status">
        {unreachable ? 'Parley cannot be reached right now; trying again…' : 'Loading…'}
      </p>
    );
  const publicRoutes = (
    <>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/auth/google" element={<GoogleCallbackPage />} />
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/verify-email" element={<VerifyEmailPage />} />
    </>
  );
  if (!me)
    return (
      <Routes>
        {publicRoutes}
        <Route
          path="*"
          element={
            // The search too: the daily report's link (/analytics?from=…) must survive signing in.
            <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
          }
        />
      </Routes>
    );
  return (
    <Routes>
      {publicRoutes}
      <Route element={<Shell />}>
        <Route index element={<Navigate to="/inbox" replace />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/inbox/:roomId" element={<InboxPage />} />
        <Route path="/conversations" element={<ConversationsPage />} />
        <Route path="/supervision" element={<SupervisionPage />} />
        <Route path="/blocklist" element={<BlocklistPage />} />
        <Route path="/canned-replies" element={<CannedRepliesPage />} />
        <Route path="/chatbots" element={<ChatbotsPage />} />
        <Route path="/chatbots/:chatbotId" element={<ChatbotPage />} />
        <Route path="/agents" element={<AgentsPage />} />
        <Route path="/roles" element={<RolesPage />} />
        <Route path="/teams" element={<TeamsPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/sla-policies" element={<SlaPoliciesPage />} />
        <Route path="/labels" element={<LabelsPage />} />
        <Route path="/api-tokens" element={<ApiTokensPage />} />
        <Route path="/webhooks" element={<WebhooksPage />} />
        <Route path="/intercom" element={<IntercomPage />} />
        <Route path="/integrations/reviews" element={<ReviewsPage />} />
        <Route path="/analytics" element={<AnalyticsPage />} />
        <Route path="/status" element={<StatusPage />} />
        <Route path="/emails" element={<EmailsPage />} />
        <Route path="*" element={<Navigate to="/inbox" replace />} />
      </Route>
    </Routes>
  );
}
