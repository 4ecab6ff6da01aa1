import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { formatInstant } from '../../shared/format';
import { OptionSelect } from '../shared/OptionSelect';
import { Pager } from '../shared/Pager';
import { useEdition } from '../shared/useEdition';
import { useUrlFilters } from '../shared/useUrlFilters';
import { ROLES, useUsers, type User } from './userApi';
import { InviteForm } from './InviteForm';
import { UserError } from './UserError';
import { ToggleButton, useUserActions, type UserActions } from './useUserActions';

/** Every user, newest first, filtered by role (in the address); invite, disable and enable from here. */
export function UsersList() {
  const { t } = useTranslation('adminUsers');
  const [filters, setFilters] = useUrlFilters({ role: '', offset: '0' });
  const offset = Number(filters.offset) || 0;
  const users = useUsers(filters.role, offset);
  const actions = useUserActions();
  const [inviting, setInviting] = useState(false);
  return (
    <div className="users">
      <div className="users-head">
        <h1>{t('title')}</h1>
        {!inviting && (
          <button type="button" className="primary" onClick={() => setInviting(true)}>
            {t('invite.open')}
          </button>
        )}
      </div>
      {inviting && <InviteForm onClose={() => setInviting(false)} />}
      <form className="users-filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('filters.role')}
          <OptionSelect options={ROLES} label={(role) => t(`role.${role}`)} empty={t('filters.any')} value={filters.role} onChange={(role) => setFilters({ role })} />
        </label>
      </form>
      {actions.outcome}
      <UserError error={users.error} />
      {users.data && <UsersTable users={users.data.items} actions={actions} />}
      {users.data && <Pager total={users.data.total} limit={users.data.limit} offset={users.data.offset} onOffset={(next) => setFilters({ offset: String(next) })} />}
    </div>
  );
}

function UsersTable({ users, actions }: { users: User[]; actions: UserActions }) {
  const { t } = useTranslation('adminUsers');
  if (users.length === 0) return <p className="card">{t('list.none')}</p>;
  return (
    <div className="users-scroll card">
      <table>
        <caption className="visually-hidden">{t('list.caption')}</caption>
        <thead>
          <tr>
            {(['name', 'email', 'role', 'organisation', 'state', 'created', 'actions'] as const).map((column) => (
              <th key={column} scope="col">
                {t(`list.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} actions={actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserRow({ user, actions }: { user: User; actions: UserActions }) {
  const { t, i18n } = useTranslation('adminUsers');
  const { search } = useLocation();
  const { edition } = useEdition();
  const edition_ = new URLSearchParams(search).get('edition');
  return (
    <tr className={user.disabled ? 'users-disabled' : undefined}>
      <th scope="row">
        <Link to={`${user.id}${edition_ ? `?edition=${encodeURIComponent(edition_)}` : ''}`} dir="auto">
          {user.displayName}
        </Link>
      </th>
      <td className="users-email">{user.email}</td>
      <td>{t(`role.${user.role}`)}</td>
      <td dir="auto">{user.organisation ?? '—'}</td>
      <td>{t(user.disabled ? 'list.disabled' : 'list.active')}</td>
      <td>{formatInstant(i18n.language, user.createdAt, edition?.timeZone ?? 'Africa/Casablanca', 'date')}</td>
      <td>
        <ToggleButton user={user} actions={actions} />
      </td>
    </tr>
  );
}
