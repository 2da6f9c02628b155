import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import { arr, bodyOp, bodyPath, componentPath, doc, int, versionCases, obj, post, ref, responseOf, str } from '../spec-builders.js';
import type { SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-request-privileged-properties';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string, why: string) =>
  `${name} is accepted in a request body, but ${why}: mark it readOnly (or remove it from the request schema) so a client cannot set it by mass assignment.`;
const s = str({ maxLength: 5 });

const VALID: Array<SchemaCase<Finding>> = [
  {
    name: 'readOnly server-owned properties',
    paths: v => post(v, obj({ id: str({ readOnly: true }), role: str({ readOnly: true }), name: s })),
  },
  {
    name: 'response-only schemas',
    paths: v => ({ '/u': { get: { responses: { '200': responseOf(v, obj({ id: s, isAdmin: { type: 'boolean' } })) } } } }),
  },
  { name: 'names that only contain a listed word', paths: v => post(v, obj({ productId: s, roleName: s, statusNote: s })) },
  { name: 'an x- extension named like a property', paths: v => post(v, { ...obj({ name: s }), 'x-role': 'admin', 'x-id': s }) },
  {
    name: 'readOnly given by an allOf peer',
    paths: v => post(v, { allOf: [ref(v, 'User'), { properties: { id: { readOnly: true } } }] }),
    schemas: () => ({ User: obj({ id: s, name: s }) }),
  },
  { name: 'a components-only file (ignored by default)', paths: () => ({}), schemas: () => ({ User: obj({ id: s }) }) },
  {
    name: 'server-owned names in request-only models (learnifier UpdateProject status, swaggerhub ForkVersion owner)',
    paths: v => ({
      '/projects/{id}': { patch: bodyOp(v, obj({ status: str({ enum: ['active', 'archived'] }), name: s })) },
      '/apis/{owner}/{api}/fork': { post: bodyOp(v, obj({ owner: s, version: s })) },
    }),
  },
  {
    name: 'ids in batch items and in nested references to other records (Meilisearch documents, Mastercard Merchant, e-conomic status)',
    paths: v => ({
      '/indexes/books/documents': { put: bodyOp(v, arr(obj({ id: s, title: s })), arr(obj({ id: s, title: s }))) },
      '/payments': { post: bodyOp(v, ref(v, 'Payment'), ref(v, 'Payment')) },
    }),
    schemas: () => ({ Payment: obj({ amount: int(), merchant: obj({ id: s, name: s }), status: obj({ statusNumber: int() }) }) }),
  },
  {
    name: 'scopes a client asks for: beside grant_type or on a token path (britbox), or registering an app (Mastodon POST /api/v1/apps)',
    paths: v => ({
      '/account/token': { post: bodyOp(v, obj({ grant_type: s, code: s, scopes: arr(s) })) },
      '/api/v1/apps': { post: bodyOp(v, obj({ client_name: s, scopes: s })) },
      '/authorization/device': { post: bodyOp(v, obj({ id: s, code: s, scopes: arr(s) })) },
    }),
  },
  {
    name: 'APIs that manage privileges (GitHub memberships, Google IAM bindings and permission checks)',
    paths: v => ({
      '/orgs/{org}/memberships/{username}': { put: bodyOp(v, obj({ role: str({ enum: ['admin', 'member'] }) })) },
      '/v1/{resource}:setIamPolicy': { post: bodyOp(v, obj({ policy: obj({ bindings: arr(ref(v, 'Binding')) }) })) },
      '/v1/{resource}:testIamPermissions': { post: bodyOp(v, obj({ permissions: arr(s) })) },
    }),
    schemas: () => ({ Binding: obj({ role: s, members: arr(s) }) }),
  },
  {
    name: 'permissions a client asks for (Stripe financial_connections), and roles that are no privilege (a chat message author)',
    paths: v => ({
      '/v1/link_account_sessions': {
        post: bodyOp(
          v,
          obj({ permissions: arr(str({ enum: ['balances', 'ownership'] }), { description: 'The list of permissions to request.' }) }),
        ),
      },
      '/v1/chat/completions': {
        post: bodyOp(v, obj({ messages: arr(obj({ role: str({ enum: ['system', 'user', 'assistant'] }), content: s })) })),
      },
    }),
  },
  {
    name: 'the property the operation exists to set (EVE Online PUT "Move fleet member", PUT .../status)',
    paths: v => ({
      '/fleets/{fleet_id}/members/{member_id}/': {
        put: bodyOp(v, obj({ role: s, squad_id: int(), wing_id: int() }, { required: ['role'] })),
      },
      '/orders/{id}/status': { put: bodyOp(v, ref(v, 'OrderStatus'), ref(v, 'OrderStatus')) },
    }),
    schemas: () => ({ OrderStatus: obj({ status: s, note: s }) }),
  },
  {
    name: 'role-assignment operations (appcenter users_updateOrgRole, Apacta "Add user to company", Stream ChannelMemberRequest, Docker NodeSpec)',
    paths: v => ({
      '/v0.1/orgs/{org_name}/users/{user_name}': {
        patch: { ...bodyOp(v, obj({ role: str({ enum: ['admin', 'collaborator', 'member'] }) })), operationId: 'users_updateOrgRole' },
      },
      '/users': { post: { ...bodyOp(v, obj({ email: s, roles: arr(s) })), summary: 'Add user to company' } },
      '/channels/{type}/{id}': { post: bodyOp(v, obj({ add_members: arr(ref(v, 'ChannelMemberRequest')) })) },
      '/nodes/{id}/update': { post: { ...bodyOp(v, ref(v, 'NodeSpec')), operationId: 'NodeUpdate' } },
      '/nodes/{id}': { get: { responses: { '200': responseOf(v, obj({ Spec: ref(v, 'NodeSpec') })) } } },
    }),
    schemas: () => ({
      ChannelMemberRequest: obj({ user_id: s, role: str({ enum: ['member', 'moderator', 'admin', 'owner'] }) }),
      NodeSpec: obj({ Name: s, Role: str({ enum: ['worker', 'manager'] }) }),
    }),
  },
  {
    name: 'scopes and permissions a token request asks for (britbox ItvPinAuthRequest, GitHub installation access_tokens)',
    paths: v => ({
      '/itv/pinauthorization': { post: { ...bodyOp(v, ref(v, 'ItvPinAuthRequest')), operationId: 'getAccountTokenWithPin' } },
      '/app/installations/{installation_id}/access_tokens': {
        post: bodyOp(v, obj({ repositories: arr(s), permissions: obj({ issues: str({ enum: ['read', 'write'] }) }) })),
      },
    }),
    schemas: () => ({ ItvPinAuthRequest: obj({ pin: s, scopes: arr(s) }) }),
  },
  {
    name: 'a status left writable where the model marks the server-owned fields readOnly (Mist ticket, Red Hat Task), or that refers to another record (e-conomic)',
    paths: v => ({
      '/tickets/{id}': { put: bodyOp(v, ref(v, 'Ticket'), ref(v, 'Ticket')) },
      '/projects': { post: bodyOp(v, ref(v, 'Project'), ref(v, 'Project')) },
    }),
    schemas: () => ({
      Ticket: obj({
        id: str({ readOnly: true }),
        created_at: str({ readOnly: true }),
        status: str({ enum: ['open', 'closed'] }),
        subject: s,
      }),
      Project: obj({
        name: s,
        status: int({ description: 'The number of the project status. Project status is a separate manageable resource.' }),
      }),
    }),
  },
  {
    name: 'money in a client-entered financial fact (NaviPlan LiabilityModel), criteria of a search body (The SMS Works Query), a role that is a topology (ix-api root/leaf)',
    paths: v => ({
      '/factfinders/{id}/liabilities': { post: bodyOp(v, ref(v, 'LiabilityModel')) },
      '/messages/outbound/search': { post: bodyOp(v, ref(v, 'Query')) },
      '/network-service-configs/{id}': { patch: bodyOp(v, obj({ role: str({ enum: ['root', 'leaf'] }) })) },
    }),
    schemas: () => ({
      LiabilityModel: obj({ balance: { type: 'number' }, interestRate: { type: 'number' } }),
      Query: obj({ credits: int(), status: s }, { description: 'search parameters for querying the message database' }),
    }),
  },
  {
    name: 'privileges the operation description says it assigns (Adyen "you can specify the roles", c19qrserver "create a team member")',
    paths: v => ({
      '/merchants/{merchantId}/users': {
        post: {
          ...bodyOp(v, ref(v, 'CreateMerchantUserRequest')),
          summary: 'Create a new user',
          description: 'Creates a user for the merchant. In the request, you can specify the roles of the new user.',
        },
      },
      '/user': {
        post: {
          ...bodyOp(v, obj({ email: s, admin: { type: 'boolean' } })),
          summary: 'Create a user',
          description: 'Use this endpoint to create a team member (user) record',
        },
      },
    }),
    schemas: () => ({ CreateMerchantUserRequest: obj({ email: s, roles: arr(s) }) }),
  },
  {
    name: 'an admin API (GitHub POST /admin/organizations, an enterprise-admin operationId)',
    paths: v => ({
      '/admin/organizations': { post: bodyOp(v, obj({ login: s, admin: s })) },
      '/enterprise/orgs': { post: { ...bodyOp(v, obj({ login: s, admin: s })), operationId: 'enterprise-admin/create-org' } },
    }),
  },
  {
    name: 'the role of a token or API credential the client creates (LaunchDarkly POST /tokens, Adyen apiCredentials, an API key)',
    paths: v => ({
      '/tokens': { post: bodyOp(v, obj({ name: s, role: str({ description: 'The name of a built-in role for the token' }) })) },
      '/companies/{companyId}/apiCredentials': { post: bodyOp(v, ref(v, 'CreateCompanyApiCredentialRequest')) },
      '/v1/apiKeys': { post: bodyOp(v, obj({ name: s, roles: arr(s) })) },
    }),
    schemas: () => ({ CreateCompanyApiCredentialRequest: obj({ description: s, roles: arr(s) }) }),
  },
  {
    name: 'a role that is the id of a category record (NetBox WritableRack.role, WritableConfigContext.roles)',
    paths: v => ({
      '/dcim/racks/': { post: bodyOp(v, ref(v, 'WritableRack')) },
      '/extras/config-contexts/': { post: bodyOp(v, ref(v, 'WritableConfigContext')) },
    }),
    schemas: () => ({
      WritableRack: obj({ name: s, role: int({ title: 'Role', description: 'Functional role' }) }),
      WritableConfigContext: obj({ name: s, roles: arr(int(), { uniqueItems: true }) }),
    }),
  },
  {
    name: 'write protection declared by x-disallow-<method> (OSIsoft AttributeTemplate.Id)',
    paths: v => ({
      '/attributetemplates/{webId}': { patch: bodyOp(v, ref(v, 'AttributeTemplate'), ref(v, 'AttributeTemplate')) },
      '/elementtemplates/{webId}/attributetemplates': { post: bodyOp(v, ref(v, 'AttributeTemplate')) },
    }),
    schemas: () => {
      const disallowed = { 'x-disallow-post': true, 'x-disallow-put': true, 'x-disallow-patch': true };
      return { AttributeTemplate: obj({ Id: str({ format: 'uuid', ...disallowed }), Status: str(disallowed), Name: s }) };
    },
  },
  {
    name: "an infrastructure object's spec at any depth (Docker TaskSpec.ContainerSpec.Privileges.SELinuxContext.Role)",
    paths: v => ({ '/services/create': { post: bodyOp(v, ref(v, 'ServiceSpec')) } }),
    schemas: v => ({
      ServiceSpec: obj({ Name: s, TaskTemplate: ref(v, 'TaskSpec') }),
      TaskSpec: obj({ ContainerSpec: obj({ Image: s, Privileges: obj({ SELinuxContext: obj({ User: s, Role: s }) }) }) }),
    }),
  },
  {
    name: 'an upsert keyed by the id in the body (smart-me "Creates or updates a subuser. To create a new user set no ID", Jira\'s required option id)',
    paths: v => ({
      '/api/SubUser': {
        post: { ...bodyOp(v, ref(v, 'SubUserData')), summary: 'Creates or updates a subuser. To create a new user set no ID (empty)' },
      },
      '/api/SubUser/{id}': { get: { responses: { '200': responseOf(v, ref(v, 'SubUserData')) } } },
      '/api/Devices': {
        post: {
          ...bodyOp(v, ref(v, 'Device'), ref(v, 'Device')),
          description: 'Adds a device, or changes its values. For a new device leave the ID empty.',
        },
      },
      '/rest/api/3/field/{fieldKey}/option/{optionId}': {
        put: {
          ...bodyOp(v, ref(v, 'IssueFieldOption'), ref(v, 'IssueFieldOption')),
          description: 'Updates or creates an option. The option ID provided in the path and body must be identical.',
        },
      },
    }),
    schemas: () => ({
      SubUserData: obj({ Id: s, Username: s }),
      Device: obj({ Id: s, Name: s }),
      IssueFieldOption: obj({ id: int(), value: s }, { required: ['id', 'value'] }),
    }),
  },
  {
    name: "a collaborator's permission (GitHub PUT /repos/{owner}/{repo}/collaborators/{username}: adding one grants it)",
    paths: v => ({
      '/repos/{owner}/{repo}/collaborators/{username}': {
        put: bodyOp(v, obj({ permission: str({ enum: ['pull', 'push', 'admin'] }), permissions: s })),
      },
    }),
  },
  {
    name: "a status left settable where the vendor marked the server's fields x-disallow-<method> (OSIsoft Analysis.Status)",
    paths: v => ({ '/analyses': { post: bodyOp(v, ref(v, 'Analysis'), ref(v, 'Analysis')) } }),
    schemas: () => ({
      Analysis: obj({
        Id: str({ 'x-disallow-post': true, 'x-disallow-put': true }),
        Name: s,
        Status: str({ enum: ['Enabled', 'Disabled'] }),
      }),
    }),
  },
  {
    name: "permissions chosen from kinds of data a user consents to share (Stripe's Financial Connections), not access levels",
    paths: v => ({
      '/v1/invoices/{invoice}': {
        post: bodyOp(
          v,
          obj({
            financial_connections: obj({ permissions: arr(str({ enum: ['balances', 'ownership', 'payment_method', 'transactions'] })) }),
          }),
        ),
      },
    }),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'privileged and money properties in any case style, at any depth of a request-only body',
    paths: v => post(v, obj({ is_admin: { type: 'boolean' }, Balance: int(), name: s, profile: obj({ Role: s }) })),
    expected: v => [
      finding(message('Property "is_admin"', 'it grants privileges'), [...bodyPath(v), 'properties', 'is_admin']),
      finding(message('Property "Balance"', 'it holds money or credit'), [...bodyPath(v), 'properties', 'Balance']),
      finding(message('Property "Role"', 'it grants privileges'), [...bodyPath(v), 'properties', 'profile', 'properties', 'Role']),
    ],
  },
  {
    name: 'a role whose values include a privilege, in an update of a user',
    paths: v => ({ '/users/{id}': { patch: bodyOp(v, obj({ name: s, role: str({ enum: ['member', 'admin'] }) })) } }),
    expected: v => [
      finding(message('Property "role"', 'it grants privileges'), [...bodyPath(v, '/users/{id}', 'patch'), 'properties', 'role']),
    ],
  },
  {
    name: 'permissions chosen from access levels (an app asking for admin)',
    paths: v => ({ '/apps': { post: bodyOp(v, obj({ name: s, permissions: arr(str({ enum: ['read', 'write', 'admin'] })) })) } }),
    expected: v => [
      finding(message('Property "permissions"', 'it grants privileges'), [...bodyPath(v, '/apps', 'post'), 'properties', 'permissions']),
    ],
  },
  {
    name: 'ownership and server-assigned properties in any case style, in a model the response returns too',
    paths: v => ({ '/folders': { post: bodyOp(v, ref(v, 'Folder'), ref(v, 'Folder')) } }),
    schemas: () => ({ Folder: obj({ Id: s, 'owner-id': s, created_at: str({ format: 'date-time' }), Name: s }) }),
    expected: v => [
      finding(message('Property "Id"', 'the server assigns it'), [...componentPath(v, 'Folder'), 'properties', 'Id']),
      finding(message('Property "owner-id"', 'it decides who owns the record'), [...componentPath(v, 'Folder'), 'properties', 'owner-id']),
      finding(message('Property "created_at"', 'the server assigns it'), [...componentPath(v, 'Folder'), 'properties', 'created_at']),
    ],
  },
  {
    name: 'a component used as request and response, reported once at the definition',
    paths: v => ({ '/a': { put: bodyOp(v, ref(v, 'User'), ref(v, 'User')) } }),
    schemas: () => ({ User: obj({ id: s, role: s }) }),
    expected: v => [
      finding(message('Property "id"', 'the server assigns it'), [...componentPath(v, 'User'), 'properties', 'id']),
      finding(message('Property "role"', 'it grants privileges'), [...componentPath(v, 'User'), 'properties', 'role']),
    ],
  },
  {
    name: 'a role in a signup body, permissions outside a token request, a shared status with nothing readOnly, an account balance',
    paths: v => ({
      '/members/signup': {
        post: { ...bodyOp(v, obj({ email: s, role: str({ enum: ['user', 'admin'] }) })), summary: 'Register a new member' },
      },
      '/teams/{id}': { patch: bodyOp(v, obj({ name: s, permissions: arr(s) })) },
      '/orders': { post: bodyOp(v, ref(v, 'Order'), ref(v, 'Order')) },
      '/accounts': { post: bodyOp(v, ref(v, 'Account')) },
    }),
    schemas: () => ({ Order: obj({ status: s, total: int() }), Account: obj({ name: s, balance: int() }) }),
    expected: v => [
      finding(message('Property "role"', 'it grants privileges'), [...bodyPath(v, '/members/signup', 'post'), 'properties', 'role']),
      finding(message('Property "permissions"', 'it grants privileges'), [
        ...bodyPath(v, '/teams/{id}', 'patch'),
        'properties',
        'permissions',
      ]),
      finding(message('Property "status"', 'the server assigns it'), [...componentPath(v, 'Order'), 'properties', 'status']),
      finding(message('Property "balance"', 'it holds money or credit'), [...componentPath(v, 'Account'), 'properties', 'balance']),
    ],
  },
  {
    name: "an integer role of a user, createdAt in an upsert, a required role in a signup, a write protection for another method, a role where the description names only the caller's permissions (Stream SendEvent)",
    paths: v => ({
      '/users': { post: bodyOp(v, obj({ email: s, role: int() })) },
      '/api/Devices': { post: { ...bodyOp(v, ref(v, 'Device'), ref(v, 'Device')), summary: 'Creates or updates a device' } },
      '/signup': { post: { ...bodyOp(v, obj({ email: s, role: s }, { required: ['email', 'role'] })), summary: 'Sign up' } },
      '/widgets/{id}': { put: bodyOp(v, ref(v, 'Widget'), ref(v, 'Widget')) },
      '/applicationSecurityGroups/{name}': {
        put: {
          ...bodyOp(v, ref(v, 'ApplicationSecurityGroup'), ref(v, 'ApplicationSecurityGroup')),
          description: 'Creates or updates an application security group.',
        },
      },
      '/channels/{type}/{id}/event': {
        post: {
          ...bodyOp(v, obj({ event: obj({ type: s, user: obj({ id: s, role: s }) }) })),
          description: 'Sends event to the channel\n\nRequired permissions:\n- SendCustomEvent',
        },
      },
    }),
    schemas: () => ({
      Device: obj({ Id: s, CreatedAt: str({ format: 'date-time' }), Name: s }),
      Widget: obj({ id: str({ 'x-disallow-post': true }), name: s }),
      ApplicationSecurityGroup: { allOf: [obj({ id: s, name: s }), obj({ location: s })] },
    }),
    expected: v => [
      finding(message('Property "role"', 'it grants privileges'), [...bodyPath(v, '/users', 'post'), 'properties', 'role']),
      finding(message('Property "role"', 'it grants privileges'), [...bodyPath(v, '/signup', 'post'), 'properties', 'role']),
      finding(message('Property "role"', 'it grants privileges'), [
        ...bodyPath(v, '/channels/{type}/{id}/event', 'post'),
        ...['properties', 'event', 'properties', 'user', 'properties', 'role'],
      ]),
      finding(message('Property "CreatedAt"', 'the server assigns it'), [...componentPath(v, 'Device'), 'properties', 'CreatedAt']),
      finding(message('Property "id"', 'the server assigns it'), [...componentPath(v, 'Widget'), 'properties', 'id']),
      finding(message('Property "id"', 'the server assigns it'), [
        ...componentPath(v, 'ApplicationSecurityGroup'),
        'allOf',
        '0',
        'properties',
        'id',
      ]),
    ],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/users:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          name: {type: string, maxLength: 50}\n          isAdmin: boolean\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 10,
      severity: 'error',
      message:
        'Property "isAdmin" is accepted in a request body, but it grants privileges: mark it (readOnly) (or remove it from the request schema) so a client cannot set it by mass assignment.',
    },
  ],
  silent: {
    // RAML has no readOnly facet: a (readOnly) annotation sets it.
    'api.raml': `${HEAD}annotationTypes:\n  readOnly: boolean\n/users:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          name: {type: string, maxLength: 50}\n          isAdmin: {type: boolean, (readOnly): true}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
  it('properties replaces the default map; unreachedSchemas: judge reads a schema library', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, {
      properties: { tenantId: 'it picks the tenant' },
      unreachedSchemas: 'judge',
    });
    const spec = doc('3.1', {}, { User: obj({ id: s, tenant_id: s }) });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(message('Property "tenant_id"', 'it picks the tenant'), [...componentPath('3.1', 'User'), 'properties', 'tenant_id']),
    ]);
  });
});
