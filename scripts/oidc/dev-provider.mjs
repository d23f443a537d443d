// A local OpenID Connect provider standing in for Google in local runs and tests (oidc-provider).
// Whoever signs in here is whatever email they type, with a verified email: never expose it.
//
//   node scripts/oidc/dev-provider.mjs
//   OIDC_DEV_PORT (9400)              port on 127.0.0.1; the issuer is http://127.0.0.1:<port>
//   OIDC_DEV_CLIENT_ID (parley-local) / OIDC_DEV_CLIENT_SECRET (required: npm start makes one)
//   OIDC_DEV_REDIRECT_URIS            comma-separated callback URLs the client may use
//
// An authorization request with `login_hint=<email>` signs that email in without a form, so
// tests can run the real redirect → callback → code exchange; people get a one-field form.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const clientSecret = process.env.OIDC_DEV_CLIENT_SECRET;
if (!clientSecret) {
  process.stderr.write('dev-provider: OIDC_DEV_CLIENT_SECRET is required\n');
  process.exit(1);
}
const port = Number(process.env.OIDC_DEV_PORT ?? 9400);
const issuer = `http://127.0.0.1:${port}`;
const redirectUris = (
  process.env.OIDC_DEV_REDIRECT_URIS ?? 'https://localhost:8443/api/tenant/auth/google/callback'
)
  .split(',')
  .map((uri) => uri.trim())
  .filter(Boolean);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_DEV_CLIENT_ID ?? 'parley-local',
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (_ctx, accountId) => ({
    accountId,
    claims: async () => ({
      sub: `dev-${Buffer.from(accountId).toString('hex')}`,
      email: accountId,
      email_verified: true,
      name: accountId.split('@')[0],
    }),
  }),
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['parley-dev-oidc-provider'] },
  ttl: {
    Session: 600,
    Interaction: 600,
    Grant: 600,
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
  },
});
provider.proxy = false;

async function finish(req, res, email) {
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId: email, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope ?? 'openid'));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: email }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const callback = provider.callback();
const server = createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) return callback(req, res);
  try {
    if (req.method === 'POST' && match[2]) {
      const email = (await readForm(req)).get('email')?.trim().toLowerCase();
      if (!email || !email.includes('@')) throw new Error('an email address is required');
      return await finish(req, res, email);
    }
    const details = await provider.interactionDetails(req, res);
    if (details.params.login_hint)
      return await finish(req, res, String(details.params.login_hint).toLowerCase());
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Local sign-in</title>
<h1>Local OpenID provider</h1><p>Stands in for Google on this machine. Sign in as:</p>
<form method="post" action="/interaction/${escapeHtml(details.uid)}/login">
<label>Email <input name="email" type="email" required autofocus></label> <button>Continue</button></form>`);
  } catch (error) {
    res.statusCode = 400;
    res.end(String(error.message ?? error));
  }
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`oidc dev provider: ${issuer}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => server.close(() => process.exit(0)));
