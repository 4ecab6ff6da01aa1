import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ApiError, api, unwrap, type Schema } from '../../shared/api';
import { describeError } from '../../shared/errors';

export type User = Schema<'UserDto'>;
export type Role = User['role'];
export type InviteUser = Schema<'InviteUserDto'>;
export const ROLES: Role[] = ['admin', 'desk', 'jury', 'exhibitor'];
export const PAGE_SIZE = 50;

const keys = { all: ['adminUsers'] as const, one: (id: string) => ['adminUsers', 'one', id] as const };

export function useUsers(role: string, offset: number) {
  return useQuery({
    queryKey: [...keys.all, 'list', role, offset],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: PAGE_SIZE, offset, ...(role ? { role: role as Role } : {}) } } })),
  });
}

export function useUser(id: string) {
  return useQuery({ queryKey: keys.one(id), queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })) });
}

/** A change to users: every list and page of them is read again afterwards. */
function useUserChange<Input>(call: (input: Input) => Promise<User>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => client.invalidateQueries({ queryKey: keys.all }) });
}

export const useInvite = () => useUserChange((body: InviteUser) => unwrap(api.POST('/api/v1/users/invitations', { body })));
export const useDisable = () => useUserChange((id: string) => unwrap(api.POST('/api/v1/users/{id}/disable', { params: { path: { id } }, body: {} })));
export const useEnable = () => useUserChange((id: string) => unwrap(api.POST('/api/v1/users/{id}/enable', { params: { path: { id } } })));
export const useSetPassword = () =>
  useUserChange(({ id, newPassword, reason }: { id: string; newPassword: string; reason?: string }) =>
    unwrap(api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body: { newPassword, ...(reason ? { reason } : {}) } })),
  );

/** An error about users in words: the users' own codes in this area's language, else the common wording. */
export function describeUserError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && t(`errors.${error.code}`, { ns: 'adminUsers', defaultValue: '' })) return t(`errors.${error.code}`, { ns: 'adminUsers' });
  return describeError(t, error);
}
