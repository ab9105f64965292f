/** The caller of a request, as routes see it: `request.user`. */
export interface AuthUser {
  readonly id: string;
  readonly username: string;
  readonly isAdmin: boolean;
}

/** How the caller proved who they are; routes rarely need it (logout and CSRF do). */
export type Credential =
  | { readonly kind: 'session'; readonly sessionHash: string; readonly csrfToken: string }
  | { readonly kind: 'token'; readonly tokenId: string };

/** The columns of `users` that make an AuthUser. */
export interface UserRow {
  id: string;
  username: string;
  is_admin: 0 | 1;
}

export function toAuthUser(row: UserRow): AuthUser {
  return { id: row.id, username: row.username, isAdmin: row.is_admin === 1 };
}
