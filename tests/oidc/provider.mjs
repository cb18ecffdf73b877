// A real OpenID Provider for the FGR Register's tests: loopback only, test users and clients only.
// Started by `cargo xtask test` (or by the Rust test support) as `OP_PORT=N node provider.mjs`.
import Provider, { errors } from 'oidc-provider';

const PORT = Number(process.env.OP_PORT || 9400);
const ISSUER = `http://127.0.0.1:${PORT}`;
// Where the application under test says it lives; the tests drive every redirect themselves.
const APP = process.env.OP_APP_URL || 'http://127.0.0.1:3000';
const API = 'urn:fgr:api';
const OTHER_API = 'urn:other:api';
const API_SCOPES = 'catalogue:read criteria:read clauses:read changes:read';

const USERS = {
  alice: { name: 'Alice Beheer', email: 'alice@example.test', roles: ['fgr-beheer', 'admin'] },
  bob: { name: 'Bob Commissie', email: 'bob@example.test', roles: ['committee_member'] },
  carol: { name: 'Carol Zonder Rol', email: 'carol@example.test', roles: [] },
};

const consoleClient = (id, extra = {}) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  redirect_uris: [`${APP}/auth/callback`],
  post_logout_redirect_uris: [`${APP}/`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  ...extra,
});

const machineClient = (id) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: API_SCOPES,
});

const configuration = {
  clients: [
    consoleClient('console'),
    machineClient('appraisal-tool'),
    machineClient('short-lived-tool'),
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], roles: ['roles'] },
  scopes: ['openid', 'email', 'profile', 'roles', ...API_SCOPES.split(' ')],
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx, client) => (client.grantTypes.includes('client_credentials') ? API : undefined),
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resourceIndicator, client) => {
        if (resourceIndicator !== API && resourceIndicator !== OTHER_API) {
          throw new errors.InvalidTarget();
        }
        return {
          scope: API_SCOPES,
          audience: resourceIndicator,
          accessTokenFormat: 'jwt',
          accessTokenTTL: client.clientId === 'short-lived-tool' ? 1 : 600,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  async findAccount(ctx, sub) {
    const user = USERS[sub];
    if (!user) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...user, email_verified: true }) };
  },
  // Test users have agreed to everything: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile roles');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'roles']);
    await grant.save();
    return grant;
  },
  ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
};

const provider = new Provider(ISSUER, configuration);
provider.listen(PORT, '127.0.0.1', () => {
  console.log(`ready ${ISSUER}`);
});
