import { hasType } from '../src/document-index/inputs.js';
import { isObject } from '../src/document-index/json.js';
import type { DocumentIndex, JsonObject, SchemaEntry, SchemaUsage, UnreachedSchemas } from '../src/document-index/index.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { operationIdName } from '../src/rule-helpers/operation-intent.js';
import { propertyHolder } from '../src/rule-helpers/property-context.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  properties: Record<string, string>;
  sharedOnly: string[];
  unreachedSchemas: UnreachedSchemas;
}

const PRIVILEGE = 'it grants privileges';
const MONEY = 'it holds money or credit';
const OWNERSHIP = 'it decides who owns the record';
const SERVER = 'the server assigns it';

export default defineRule<Options>(
  {
    code: 'specguard-request-privileged-properties',
    description:
      'Request bodies must not accept server-owned or privileged properties (role, isAdmin, balance, ownerId, createdAt, id...) unless readOnly.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API3:2023'],
    owasp2019: ['API6:2019'],
    cwe: ['CWE-915'],
    controls: { nist80053: ['AC-3', 'SI-10'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 6.5,
    options: {
      properties: {
        type: 'object',
        additionalProperties: { type: 'string' },
        default: {
          role: PRIVILEGE,
          roles: PRIVILEGE,
          isAdmin: PRIVILEGE,
          admin: PRIVILEGE,
          superuser: PRIVILEGE,
          permissions: PRIVILEGE,
          scopes: PRIVILEGE,
          balance: MONEY,
          accountBalance: MONEY,
          credit: MONEY,
          credits: MONEY,
          owner: OWNERSHIP,
          ownerId: OWNERSHIP,
          userId: OWNERSHIP,
          createdAt: SERVER,
          updatedAt: SERVER,
          createdBy: SERVER,
          id: SERVER,
          status: SERVER,
          isVerified: SERVER,
          emailVerified: SERVER,
        },
        description:
          'Property names a client must not set, each with why (shown in the message). A name matches in any case style (`owner_id`, `OwnerId`, `owner-id`) but only as the whole name: `productId` is not `id`. The map replaces the default.',
      },
      sharedOnly: {
        type: 'array',
        items: { type: 'string' },
        default: ['id', 'status', 'owner', 'ownerId', 'userId', 'createdAt', 'updatedAt', 'createdBy', 'isVerified', 'emailVerified'],
        description:
          "Names from `properties` the server owns in the records it returns, reported only where that is the cause: a top-level property of a request body whose schema a response also returns (the response's `id` copied into the request). Elsewhere they are the client's to send: a request-only model, an item of a batch, a nested reference to another record (`merchant: {id}`). The other names (`role`, `isAdmin`, `balance`, `permissions`) are reported at any depth. The list replaces the default.",
      },
      // Most unreached definitions with an `id` are response models: judging them as requests would drown the real findings.
      unreachedSchemas: {
        ...UNREACHED_SCHEMAS_OPTION,
        default: 'ignore',
        description:
          'Schemas no operation uses: `judge` them as possible request bodies, or `ignore` them (the default here: a schema library is mostly response models, whose `id` and `createdAt` are expected).',
      },
    },
    messages: {
      privileged: ({ name, why }) =>
        `${name} is accepted in a request body, but ${why}: mark it readOnly (or remove it from the request schema) so a client cannot set it by mass assignment.`,
    },
  },
  (index, { properties, sharedOnly, unreachedSchemas }, messages) => {
    const key = (name: string) => nameWords(name).join(' ');
    const reasons = new Map(Object.entries(properties).map(([name, why]) => [key(name), why]));
    const serverOwned = new Set(sharedOnly.map(key));
    const reasonFor = (name: string | undefined) => (name === undefined ? undefined : reasons.get(key(name)));
    // The index leaves readOnly properties out of requests, so every property it reaches in one is accepted;
    // a readOnly given by an allOf peer drops the request role from that value's group.
    return index
      .inputs({
        unreachedSchemas,
        roles: ['request-body'],
        where: (_, entry) => {
          const name = entry.propertyName;
          if (name === undefined || reasonFor(name) === undefined) return false;
          return serverOwned.has(key(name)) ? copiedFromResponse(index, entry, name) : clientMaySetIt(index, entry, name, reasonFor(name));
        },
      })
      .map(entry => ({
        message: messages.privileged({ name: entry.label ?? `Property "${entry.propertyName}"`, why: reasonFor(entry.propertyName) ?? '' }),
        path: entry.path,
      }));
  },
);

/** The request bodies (of operations clients call) a property is accepted in, each with the body schema that holds it at its top level, if one does. */
function requestUses(index: DocumentIndex, entry: SchemaEntry, name: string): Array<{ use: SchemaUsage; holder: JsonObject | undefined }> {
  return entry.usages
    .filter(use => use.role === 'request-body' && use.operation.kind === 'path' && !disallowedIn(entry.schema, use.operation.method))
    .map(use => ({ use, holder: topLevelHolder(index, use.schema, entry.schema, name) }));
}

/** OSIsoft's `x-disallow-post: true` (and `-put`, `-patch`): the vendor's readOnly, per method. */
function disallowedIn(property: JsonObject, method: string): boolean {
  return property[`x-disallow-${method}`] === true;
}

/** The body schema, or one of its allOf branches, that has `property` as its own `properties[name]`; undefined for a nested or item property. */
function topLevelHolder(index: DocumentIndex, body: JsonObject, property: JsonObject, name: string): JsonObject | undefined {
  return (index.allOfPeers.group(body) ?? [body]).find(member => isObject(member.properties) && member.properties[name] === property);
}

/** Whether a response returns the schema: the model is shared by requests and responses. */
function isReturned(index: DocumentIndex, schema: JsonObject): boolean {
  return index.schemas.get(schema)?.roles.has('response-body') === true;
}

/**
 * A server-owned field (`id`, `createdAt`, `status`) reaches a request the usual way: the model a
 * response returns is reused as the request body, field for field. Only a scalar at the body's top
 * level counts: `merchant: {id}` and `status: {number}` refer to other records, and a batch's items
 * carry ids the client picks. A definition no operation reaches (judged as an input) counts when
 * it is a top-level property of a named schema.
 */
function copiedFromResponse(index: DocumentIndex, entry: SchemaEntry, name: string): boolean {
  if (hasType(entry.schema, 'object') || hasType(entry.schema, 'array') || isObject(entry.schema.properties)) return false;
  if (refersToAnotherRecord(entry.schema)) return false;
  const uses = requestUses(index, entry, name);
  if (uses.length === 0) return entry.unreached === true && isNamedSchemaProperty(entry.path);
  return uses.some(
    ({ use, holder }) =>
      holder !== undefined &&
      isReturned(index, holder) &&
      !isTheOperationsPurpose(index, use, holder, name) &&
      !statusLeftWritable(holder, name) &&
      !(nameWords(name).join(' ') === 'id' && isUpsertKeyedByBody(use, holder, name)),
  );
}

/**
 * An operation that creates or updates the record its body's `id` names (smart-me's "Creates or
 * updates a subuser. To create a new user set no ID"): there the id picks the record. Its
 * `createdAt` is still the server's. Where the path names the record (Azure's
 * `PUT .../applicationSecurityGroups/{name}`, "Creates or updates"), the body's id only counts
 * when the model requires it (Jira's option id, "specified as a path and body parameter").
 */
function isUpsertKeyedByBody(use: SchemaUsage, holder: JsonObject, name: string): boolean {
  if (!operationProse(use).some(text => UPSERT.test(text))) return false;
  const pathNamesRecord = use.operation.pathKey.replace(/\/+$/, '').split('/').at(-1)?.startsWith('{') === true;
  return !pathNamesRecord || (Array.isArray(holder.required) && holder.required.includes(name));
}

const UPSERT =
  /\bupserts?\b|\b(?:create|add|insert)s? or (?:update|replace)s?\b|\b(?:update|replace)s? or (?:create|add|insert)s?\b|\bset no id\b|\bleave the id (?:empty|blank|out)\b|\bwithout (?:an|the) id\b/i;

/** The operation's summary and description. */
function operationProse(use: SchemaUsage): string[] {
  const { summary, description } = use.operation.operation;
  return [summary, description].filter((text): text is string => typeof text === 'string');
}

/** `status: {type: integer, description: 'The number of the project status, a separate resource'}`: a reference the client picks. */
function refersToAnotherRecord(schema: JsonObject): boolean {
  return typeof schema.description === 'string' && /\b(?:separate (?:\w+ )?resource|reference to|refers to)\b/i.test(schema.description);
}

/**
 * A `status` left writable in a model whose author marked the server-owned fields readOnly (a
 * support ticket's `id`, `created_at`) or `x-disallow-<method>` (OSIsoft's `Analysis.Id` beside a
 * settable `Status`): the client sets it on purpose (closes the ticket, enables the analysis, a
 * worker reports its task's status).
 */
function statusLeftWritable(holder: JsonObject, name: string): boolean {
  if (nameWords(name).join(' ') !== 'status' || !isObject(holder.properties)) return false;
  return Object.entries(holder.properties).some(([other, value]) => other !== name && isObject(value) && isWriteProtected(value));
}

const isWriteProtected = (property: JsonObject): boolean =>
  property.readOnly === true || WRITE_METHODS.some(method => disallowedIn(property, method));

const WRITE_METHODS = ['post', 'put', 'patch'];

/** `components.schemas.User.properties.id` (OAS 3), `definitions.User.properties.id` (OAS 2). */
function isNamedSchemaProperty(path: readonly unknown[]): boolean {
  const depth = path[0] === 'definitions' ? 4 : path[0] === 'components' && path[1] === 'schemas' ? 5 : -1;
  return path.length === depth && path[depth - 2] === 'properties';
}

/**
 * A privilege or money field is the client's to set nowhere, at any depth, unless it is what the
 * operation is for, the client only asks for it, or the name means something else here.
 */
function clientMaySetIt(index: DocumentIndex, entry: SchemaEntry, name: string, why: string | undefined): boolean {
  if (isRequested(entry.schema) || isNotAPrivilege(entry.schema, name)) return false;
  const uses = requestUses(index, entry, name);
  if (uses.length === 0) return entry.unreached === true;
  const model = propertyHolder(index.root, entry.path);
  if (namesPrivileges(model?.name) || describesMembers(model?.name) || isSearch(model?.name, model?.holder)) return false;
  if (withinSpec(entry.path, model?.name)) return false;
  if (why === MONEY && isFinancialFact(model?.name)) return false;
  if (isCategoryId(entry.schema, name) && !namesAPerson([model?.name, ...uses.map(({ use }) => use.operation.pathKey)])) return false;
  return uses.some(
    ({ use, holder }) =>
      !namesPrivileges(use.operation.pathKey) &&
      !isAdminApi(use) &&
      !isRequestedScope(use, holder, name, model?.name) &&
      !isTheOperationsPurpose(index, use, holder, name) &&
      !(why === PRIVILEGE && assignsPrivileges(use)) &&
      !isSearch(undefined, holder),
  );
}

/** A model of a member (Stream's `ChannelMemberRequest`), whose role is what adding the member sets, not a user's own record. */
function describesMembers(name: string | undefined): boolean {
  return name !== undefined && nameWords(name).some(word => word === 'member' || word === 'members');
}

/**
 * The spec of an infrastructure object, at any depth (Docker's `NodeSpec.Role`, a swarm node's
 * job; `TaskSpec.ContainerSpec.Privileges.SELinuxContext.Role`, an SELinux label): every schema
 * named on the property's path counts, the component and each property holding it.
 */
function withinSpec(path: readonly unknown[], model: string | undefined): boolean {
  const component = path[0] === 'definitions' ? path[1] : path[0] === 'components' && path[1] === 'schemas' ? path[2] : undefined;
  const holders = path.slice(0, -1).filter((_, i) => i > 0 && path[i - 1] === 'properties');
  return [model, component, ...holders].some(name => typeof name === 'string' && nameWords(name).at(-1) === 'spec');
}

/**
 * A `role` given as an integer id (or a list of them) picks a category record (NetBox's rack and
 * prefix roles, `InventoryItemRole`), not a privilege; a person's role id still is one.
 */
function isCategoryId(schema: JsonObject, name: string): boolean {
  if (!ROLE_NAMES.has(nameWords(name).join(' '))) return false;
  return hasType(schema, 'integer') || (isObject(schema.items) && hasType(schema.items, 'integer'));
}

/** Whether a model or path names people or their accounts, whose roles are privileges (`User`, `/accounts/{id}`). */
function namesAPerson(names: ReadonlyArray<string | undefined>): boolean {
  return names.some(name => name !== undefined && name.split('/').some(part => nameWords(part).some(word => PEOPLE.has(word))));
}

const PEOPLE: ReadonlySet<string> = new Set([
  'user',
  'users',
  'account',
  'accounts',
  'person',
  'people',
  'employee',
  'employees',
  'staff',
  'principal',
  'principals',
  'identity',
  'identities',
  'login',
  'admin',
  'admins',
  'operator',
  'operators',
  'customer',
  'customers',
  'profile',
  'profiles',
]);

/** An administration API (GitHub's `POST /admin/organizations`, `enterprise-admin/...` operationIds): who may call it is specguard-admin-authorization's concern. */
function isAdminApi(use: SchemaUsage): boolean {
  if (use.operation.pathKey.split('/').some(segment => !segment.startsWith('{') && nameWords(segment)[0] === 'admin')) return true;
  const id = use.operation.operation.operationId;
  if (typeof id !== 'string') return false;
  const head = nameWords(id.split(/[./]/)[0] ?? '');
  return head[0] === 'admin' || head.join(' ') === 'enterprise admin';
}

/**
 * A search body: the values are criteria, not assigned (The SMS Works' `Query`, "search parameters
 * for querying the message database").
 */
function isSearch(name: string | undefined, holder: JsonObject | undefined): boolean {
  if (name !== undefined && SEARCH_WORDS.has(nameWords(name).at(-1) ?? '')) return true;
  return holder !== undefined && typeof holder.description === 'string' && SEARCH_DESCRIPTION.test(holder.description);
}

const SEARCH_WORDS: ReadonlySet<string> = new Set(['query', 'search', 'criteria', 'filter']);
const SEARCH_DESCRIPTION = /\b(?:search|query|filter) (?:parameters|criteria)\b|\bparameters for (?:searching|querying)\b/i;

/** Money the client reports about its own finances (a liability's outstanding balance in a financial plan), not an account the server keeps. */
function isFinancialFact(name: string | undefined): boolean {
  return name !== undefined && nameWords(name).some(word => FINANCIAL_FACTS.has(word));
}

const FINANCIAL_FACTS: ReadonlySet<string> = new Set([
  'liability',
  'liabilities',
  'loan',
  'loans',
  'debt',
  'debts',
  'mortgage',
  'asset',
  'assets',
]);

/**
 * An operation whose operationId or summary names the role, permission or membership it assigns
 * (appcenter's `users_updateOrgRole`, Apacta's "Add user to company"), or whose description says
 * it assigns one (Adyen's "you can specify the roles", "create a team member"): setting it is its
 * purpose, and who may call it is specguard-admin-authorization's concern. A signup is not: there
 * the caller would pick their own role.
 */
function assignsPrivileges(use: SchemaUsage): boolean {
  if (isSignup(use)) return false;
  const { summary, description } = use.operation.operation;
  const words = [...nameWords(operationIdName(use.operation)?.name ?? ''), ...nameWords(typeof summary === 'string' ? summary : '')];
  if (words.some(word => ASSIGNED.has(word))) return true;
  if (typeof summary === 'string' && /\b(?:add|invite)\b.*\b(?:to|as)\b/i.test(summary)) return true;
  // A description's bare "role" is often the caller's ("Required permissions: ..."): only a phrase that assigns one counts.
  return typeof description === 'string' && ASSIGNS_IN_PROSE.test(description);
}

/** "you can specify the roles", "Changes the API credential's roles", "create a team member", within one sentence. */
const ASSIGNS_IN_PROSE =
  /\b(?:specify|specifies|assign|assigns|grant|grants|set|sets|change|changes|update|updates)\b[^.:\n]*\b(?:roles?|permissions?|privileges?)\b|\b(?:create|creates|add|adds|invite|invites)\b[^.:\n]*\bmembers?\b/i;

/** A signup ("Register a new member", `selfRegister`), where the caller would pick their own role. */
function isSignup(use: SchemaUsage): boolean {
  const prose = operationProse(use);
  const words = [nameWords(operationIdName(use.operation)?.name ?? ''), ...prose.map(nameWords)].flat();
  return words.some(word => SIGNUP_WORDS.has(word)) || prose.some(text => /\bsign[ -]?up\b/i.test(text));
}

const ASSIGNED: ReadonlySet<string> = new Set(['role', 'roles', 'permission', 'permissions', 'member', 'members', 'membership']);
const SIGNUP_WORDS: ReadonlySet<string> = new Set(['signup', 'register', 'registration', 'self']);

/**
 * An API that manages privileges sets them on purpose: its path or the model holding the field
 * names roles, permissions, memberships or policies (`PUT /orgs/{org}/memberships/{username}`,
 * Google's IAM `Binding.role`, Jira's `PermissionScheme`, AWS Connect's security profiles). Who
 * may call it is specguard-admin-authorization's concern.
 */
function namesPrivileges(name: string | undefined): boolean {
  return name !== undefined && name.split(/[/:]/).some(part => nameWords(part).some(word => PRIVILEGE_MANAGEMENT.has(word)));
}

const PRIVILEGE_MANAGEMENT: ReadonlySet<string> = new Set([
  'role',
  'roles',
  'permission',
  'permissions',
  'membership',
  'memberships',
  'iam',
  'policy',
  'policies',
  'acl',
  'acls',
  'grant',
  'grants',
  'privilege',
  'privileges',
  'security',
  'binding',
  'bindings',
  'invitation',
  'invitations',
  'collaborator',
  'collaborators',
]);

/** Permissions or scopes the client asks for, or asks about, as the description says ("The list of permissions to request"). */
function isRequested(schema: JsonObject): boolean {
  return typeof schema.description === 'string' && REQUESTED.test(schema.description);
}

const REQUESTED = /\b(?:to request|will request|you request|requested|to check|consent)\b/i;

/**
 * A `role` chosen from values none of which is a privilege is something else: a chat message's
 * author (`system`, `user`, `assistant`), a cluster node's job. So are `permissions` chosen from
 * values none of which is an access level: the kinds of data a user consents to share (Stripe's
 * Financial Connections `balances`, `transactions`), not what the caller may do.
 */
function isNotAPrivilege(schema: JsonObject, name: string): boolean {
  const words = nameWords(name).join(' ');
  const privileged = ROLE_NAMES.has(words) ? PRIVILEGED_VALUES : PERMISSION_NAMES.has(words) ? ACCESS_LEVELS : undefined;
  if (privileged === undefined) return false;
  const values = Array.isArray(schema.enum)
    ? schema.enum
    : isObject(schema.items) && Array.isArray(schema.items.enum)
      ? schema.items.enum
      : undefined;
  return values !== undefined && !values.some(value => typeof value === 'string' && nameWords(value).some(word => privileged.has(word)));
}

const ROLE_NAMES: ReadonlySet<string> = new Set(['role', 'roles']);
const PERMISSION_NAMES: ReadonlySet<string> = new Set(['permission', 'permissions']);
const PRIVILEGED_VALUES: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'owner',
  'superuser',
  'super',
  'manager',
  'moderator',
  'maintainer',
  'staff',
]);
/** Words of a permission value that say what its holder may do (`read`, `write`, `admin`, `pull`, `triage`). */
const ACCESS_LEVELS: ReadonlySet<string> = new Set([
  ...PRIVILEGED_VALUES,
  'read',
  'write',
  'edit',
  'delete',
  'create',
  'update',
  'manage',
  'full',
  'all',
  'execute',
  'push',
  'pull',
  'maintain',
  'triage',
  'access',
  'view',
  'grant',
]);

/**
 * Whether the operation exists to set the property: its path ends with it (`PUT .../members/{id}/role`,
 * `PATCH .../status`), or it is an update (PUT, PATCH) whose own request model requires it (EVE
 * Online's "Move fleet member" takes `role`). A create (POST) is not: RAML properties, and many
 * generated models, are required by default, and a signup's `isAdmin` would pass.
 */
function isTheOperationsPurpose(index: DocumentIndex, use: SchemaUsage, holder: JsonObject | undefined, name: string): boolean {
  const words = nameWords(name).join(' ');
  const last = lastLiteralSegment(use.operation.pathKey);
  if (last !== undefined && nameWords(last).join(' ') === words) return true;
  if (holder === undefined || (use.operation.method !== 'put' && use.operation.method !== 'patch') || isReturned(index, holder))
    return false;
  return Array.isArray(holder.required) && holder.required.includes(name);
}

/**
 * OAuth scopes a client asks for (a token request: beside `grant_type`, or on a token or
 * authorization path, operationId or model; an app registration), and the permissions or role a
 * token or API credential request asks for (GitHub's installation `access_tokens`, LaunchDarkly's
 * `POST /tokens`, Adyen's `apiCredentials`): the server decides what it grants.
 */
function isRequestedScope(use: SchemaUsage, holder: JsonObject | undefined, name: string, model: string | undefined): boolean {
  const words = nameWords(name).join(' ');
  const requests = SCOPE_NAMES.has(words) ? SCOPE_REQUESTS : GRANTED_NAMES.has(words) ? CREDENTIAL_REQUESTS : undefined;
  if (requests === undefined) return false;
  if (holder !== undefined && isObject(holder.properties) && 'grant_type' in holder.properties) return true;
  const names = [...use.operation.pathKey.split('/'), operationIdName(use.operation)?.name ?? '', model ?? ''];
  return names.some(part => nameWords(part).some(word => requests.has(word)) || /\bapi keys?\b/.test(nameWords(part).join(' ')));
}

/** What a new token or API credential may do (LaunchDarkly's "built-in role for the token", Adyen's `apiCredentials` roles). */
const GRANTED_NAMES: ReadonlySet<string> = new Set(['permissions', 'role', 'roles']);

/** The words of a token or authorization request, without the app registrations SCOPE_REQUESTS adds. */
const TOKEN_REQUESTS: ReadonlySet<string> = new Set(['token', 'tokens', 'oauth', 'oauth2', 'auth', 'authorize', 'authorization', 'login']);

/** A token request, or the creation of an API credential (an API key's words are matched as a pair). */
const CREDENTIAL_REQUESTS: ReadonlySet<string> = new Set([...TOKEN_REQUESTS, 'credential', 'credentials']);

const SCOPE_NAMES: ReadonlySet<string> = new Set(['scope', 'scopes']);
const SCOPE_REQUESTS: ReadonlySet<string> = new Set([
  'token',
  'tokens',
  'oauth',
  'oauth2',
  'auth',
  'authorize',
  'authorization',
  'authorizations',
  'login',
  'apps',
  'app',
  'applications',
  'application',
  'clients',
  'client',
  'register',
  'registration',
]);

/** `/users/{id}/status` -> `status`; `/users/{id}` -> `users`. */
function lastLiteralSegment(pathKey: string): string | undefined {
  return pathKey
    .split('/')
    .filter(segment => segment !== '' && !segment.startsWith('{'))
    .at(-1);
}
