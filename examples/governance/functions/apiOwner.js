// clinic-api-owner: info.x-owner must name the owning team, in the form the on-call directory
// uses. A Spectral rule function: (the value `given` selects, the rule's functionOptions, context).
export default function apiOwner(info, { pattern }, context) {
  const owner = info === null || typeof info !== 'object' ? undefined : info['x-owner'];
  if (owner === undefined) {
    return [{ message: 'The API names no owner: add info.x-owner with the owning team (team-<name>).', path: context.path }];
  }
  if (typeof owner !== 'string' || !new RegExp(pattern).test(owner)) {
    return [
      {
        message: `info.x-owner "${String(owner)}" is not a team in the on-call directory: use team-<name>, lower case.`,
        path: [...context.path, 'x-owner'],
      },
    ];
  }
  return [];
}
